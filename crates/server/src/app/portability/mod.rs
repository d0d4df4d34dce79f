//! An account's data in and out (docs/data.md): the export, the import and
//! the deletion of the account.
pub mod account_deletion;
pub mod export;
pub mod import;
mod loop_csv;
mod loop_db;
pub mod loop_export;
mod private_copy;
pub mod readers;
