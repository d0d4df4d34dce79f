pub mod checkins;
pub mod habits;
pub mod jobs;
pub mod quotes;
pub mod sessions;
pub mod tasks;
pub mod themes;
pub mod users;
