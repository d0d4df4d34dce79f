//! Storage for HabitFlow: repository traits (the ports the services use) and
//! their two implementations, PostgreSQL and SQLite, with one migration
//! folder each. Every query on an owned table takes the owner.
#![forbid(unsafe_code)]

mod connect;
mod decode;
mod error;
mod migrations;
pub mod postgres;
mod repos;
pub mod sqlite;
mod summary_numbers;
mod task_list_sql;

pub use connect::{Backend, open};
pub use error::StoreError;
pub use repos::*;
