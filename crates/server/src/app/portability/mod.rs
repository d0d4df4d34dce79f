//! An account's data in and out (docs/data.md): the export, the import and
//! the deletion of the account.
pub mod export;
pub mod import;
pub mod readers;
