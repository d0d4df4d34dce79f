//! HabitFlow's pure domain: schedules, check-in rules, streaks, scores and
//! local dates. Nothing here does I/O, awaits, or reads a clock: "now", "today"
//! and the user's time zone always arrive as arguments.
#![forbid(unsafe_code)]

pub mod account;
pub mod calendar;
pub mod checkin;
pub mod derived;
pub mod feed;
pub mod local_date;
pub mod measure;
pub mod message;
pub mod model;
pub mod pause;
pub mod portability;
pub mod quota;
pub mod redirect;
pub mod reminder;
pub mod schedule;
pub mod stats;
pub mod task;
pub mod text;
pub mod token;
pub mod validation;
pub mod values;

pub use jiff::civil::Date;
