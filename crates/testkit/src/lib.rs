//! Fixtures shared by HabitFlow's test suites.
#![forbid(unsafe_code)]

mod database;

pub use database::TestDatabase;
