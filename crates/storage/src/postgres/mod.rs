//! The production backend: PostgreSQL, shared by any number of instances.
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
use sqlx::PgPool;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use std::str::FromStr;
use std::time::Duration;

// The repositories are written once, in `../shared`, for both backends: sqlx
// gives each database its own concrete row and connection types, so the shared
// code names them through these aliases, and the few spots where the SQL
// dialects differ through these constants.
type DbStore = PgStore;
type DbRow = sqlx::postgres::PgRow;
type DbConnection = sqlx::PgConnection;
/// Finds the owner's habit and locks it for the rest of the write transaction.
const SELECT_HABIT_FOR_WRITE: &str =
    "SELECT id FROM habits WHERE owner_id = $1 AND id = $2 FOR UPDATE";
const BACKEND: Backend = Backend::Postgres;
const MIGRATIONS: &[crate::migrations::MigrationFile] = crate::migrations::POSTGRES;
/// "no theme filter, or this theme", for the task list (`$2` is the optional theme id).
const THEME_FILTER: &str = "($2::uuid IS NULL OR theme_id = $2)";

#[derive(Clone)]
pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    pub async fn open(url: &str) -> Result<Self, StoreError> {
        let options = PgConnectOptions::from_str(url)
            .map_err(|e| StoreError::Other(format!("invalid PostgreSQL URL: {e}")))?;
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(5))
            .connect_with(options)
            .await?;
        Ok(Self { pool })
    }

    async fn write(&self) -> StoreResult<sqlx::Transaction<'static, sqlx::Postgres>> {
        Ok(self.pool.begin().await?)
    }
}

/// The check-ins of several habits, the ids bound as one array.
async fn checkins_of_habits(
    pool: &PgPool,
    owner: uuid::Uuid,
    habits: &[uuid::Uuid],
) -> StoreResult<Vec<DbRow>> {
    Ok(sqlx::query(
        "SELECT habit_id, date, kind, note FROM checkins
         WHERE owner_id = $1 AND habit_id = ANY($2) ORDER BY habit_id, date",
    )
    .bind(owner)
    .bind(habits)
    .fetch_all(pool)
    .await?)
}
