pub mod checkins;
pub mod habits;
pub mod quotes;
pub mod tasks;
pub mod themes;
pub mod users;
