//! The embedded backend: one SQLite file in WAL mode.
//!
//! Each repository has its own module with its SQL and the row structs its
//! queries decode into. SQLite stores ids as 16-byte blobs, instants as integer
//! microseconds and dates as ISO text; `codec.rs` converts them.
mod checkins;
mod codec;
mod habits;
mod identities;
mod jobs;
mod password_resets;
mod pauses;
mod portability;
mod quotes;
mod reminders;
mod sessions;
mod store;
mod summaries;
mod tasks;
mod themes;
mod tokens;
mod users;

use crate::{StoreError, StoreResult};
use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use std::str::FromStr;
use std::time::Duration;

/// Rows a query may hand over before SQLite's thread waits for the reader.
const ROW_BUFFER: usize = 1024;

#[derive(Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating the file and its folder when missing) a `sqlite://` URL.
    pub async fn open(url: &str) -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|e| StoreError::Other(format!("invalid SQLite URL: {e}")))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5))
            // Each connection's SQLite thread hands rows to the request through a
            // bounded channel (sqlx's default: 50 rows). When the request decodes
            // rows more slowly than SQLite steps, a full channel makes the two
            // threads wake each other once per row: on the statistics page's few
            // hundred rows that cost a third more CPU under concurrent load
            // (docs/benchmarks.md#the-statistics-regression-of-issue-12). A buffer
            // longer than the usual page's read avoids it; memory stays bounded by
            // the buffer per running query.
            .row_buffer_size(ROW_BUFFER);
        if let Some(folder) = options.get_filename().parent()
            && !folder.as_os_str().is_empty()
        {
            std::fs::create_dir_all(folder).map_err(|e| {
                StoreError::Unavailable(format!("cannot create {}: {e}", folder.display()))
            })?;
        }
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await?;
        Ok(Self { pool })
    }

    /// Starts a write transaction that takes the write lock at once, so two
    /// writers queue on the busy timeout instead of failing on upgrade.
    async fn write(&self) -> StoreResult<sqlx::Transaction<'static, sqlx::Sqlite>> {
        Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?)
    }
}
