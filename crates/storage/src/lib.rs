//! Storage for HabitFlow: repository traits (the ports the services use) and
//! their two implementations, PostgreSQL and SQLite, with one migration
//! folder each. Every query on an owned table takes the owner.
#![forbid(unsafe_code)]

mod backup;
mod checkin_states;
mod connect;
mod decode;
mod error;
mod loop_backup;
mod migrations;
mod pause_merge;
mod pool;
mod portability;
pub mod postgres;
mod reminder_columns;
mod reminder_repo;
mod repos;
mod schema;
pub mod sqlite;
mod summary_numbers;
mod task_list_sql;

pub use backup::{Copied, CopyError, backup_sqlite, restore_sqlite};
pub use connect::{Backend, open};
pub use error::StoreError;
pub use loop_backup::read_loop_backup;
pub use pool::PoolUsage;
pub use portability::PortabilityRepo;
pub use reminder_repo::{NewPushSubscription, ReminderRepo};
pub use repos::*;
pub use schema::{CheckError, NewerSchema, refuse_newer};
