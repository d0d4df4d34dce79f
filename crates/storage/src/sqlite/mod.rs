//! The embedded backend: one SQLite file in WAL mode.
//!
//! Each repository has its own module with its SQL and the row structs its
//! queries decode into. SQLite stores ids as 16-byte blobs, instants as integer
//! microseconds and dates as ISO text; `codec.rs` converts them.
mod checkin_states;
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

/// Readers at once; writers go one at a time through `writer`.
const READERS: u32 = 8;

#[derive(Clone)]
pub struct SqliteStore {
    /// Readers: WAL mode lets them run beside the writer.
    pool: SqlitePool,
    /// The one writer connection (docs/architecture.md#sqlite-writes): SQLite
    /// takes one writer at a time anyway; with their own connections,
    /// concurrent writers waited in its busy handler, which sleeps and
    /// retries, and the tail latency under 16 writers reached seconds. On one
    /// connection they wait in the pool's queue, first come first served, and
    /// each starts as soon as the one before commits.
    writer: SqlitePool,
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
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options.clone())
            .await?;
        let pool = SqlitePoolOptions::new()
            .max_connections(READERS)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await?;
        Ok(Self { pool, writer })
    }

    /// Starts a write transaction on the writer connection. It takes the
    /// write lock at once, so that a writer of another process (a backup, a
    /// command) makes it wait on the busy timeout instead of failing on upgrade.
    async fn write(&self) -> StoreResult<sqlx::Transaction<'static, sqlx::Sqlite>> {
        Ok(self.writer.begin_with("BEGIN IMMEDIATE").await?)
    }
}
