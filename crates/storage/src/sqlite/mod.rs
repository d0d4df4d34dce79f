//! The embedded backend: one SQLite file in WAL mode.
// Each backend compiles the shared repositories against its own types (see below).
#![allow(clippy::duplicate_mod)]
#[path = "../shared/checkins.rs"]
mod checkins;
mod codec;
#[path = "../shared/habits.rs"]
mod habits;
#[path = "../shared/identities.rs"]
mod identities;
#[path = "../shared/jobs.rs"]
mod jobs;
#[path = "../shared/quotes.rs"]
mod quotes;
#[path = "../shared/sessions.rs"]
mod sessions;
#[path = "../shared/store.rs"]
mod store;
#[path = "../shared/summaries.rs"]
mod summaries;
#[path = "../shared/tasks.rs"]
mod tasks;
#[path = "../shared/themes.rs"]
mod themes;
#[path = "../shared/users.rs"]
mod users;

use crate::{Backend, StoreError, StoreResult};
use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use std::str::FromStr;
use std::time::Duration;

// The repositories are written once, in `../shared`, for both backends: sqlx
// gives each database its own concrete row and connection types, so the shared
// code names them through these aliases, and the few spots where the SQL
// dialects differ through these constants.
type DbStore = SqliteStore;
type DbRow = sqlx::sqlite::SqliteRow;
type DbConnection = sqlx::SqliteConnection;
/// Finds the owner's habit and locks it for the rest of the write transaction.
const SELECT_HABIT_FOR_WRITE: &str = "SELECT id FROM habits WHERE owner_id = $1 AND id = $2";
const BACKEND: Backend = Backend::Sqlite;
const MIGRATIONS: &[crate::migrations::MigrationFile] = crate::migrations::SQLITE;
/// "no theme filter, or this theme", for the task list (`$2` is the optional theme id).
const THEME_FILTER: &str = "($2 IS NULL OR theme_id = $2)";

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
            .busy_timeout(Duration::from_secs(5));
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

/// The check-ins of several habits: SQLite has no arrays, so one parameter a habit.
async fn checkins_of_habits(
    pool: &SqlitePool,
    owner: uuid::Uuid,
    habits: &[uuid::Uuid],
) -> StoreResult<Vec<DbRow>> {
    let placeholders: Vec<String> = (2..habits.len() + 2).map(|n| format!("${n}")).collect();
    let sql = format!(
        "SELECT habit_id, date, kind, note FROM checkins
         WHERE owner_id = $1 AND habit_id IN ({}) ORDER BY habit_id, date",
        placeholders.join(", ")
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(owner);
    for habit in habits {
        query = query.bind(*habit);
    }
    Ok(query.fetch_all(pool).await?)
}
