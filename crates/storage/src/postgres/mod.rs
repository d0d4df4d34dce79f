//! The production backend: PostgreSQL, shared by any number of instances.
//!
//! Each repository has its own module with its SQL and the row structs its
//! queries decode into (`uuid`, `timestamptz` and `date` columns, read as
//! `time` values that `codec.rs` converts).
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
use sqlx::PgPool;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use std::str::FromStr;
use std::time::Duration;

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

    /// A write transaction holding `owner`'s row, for an insert under a
    /// per-user quota (docs/product.md#quotas): concurrent creations for one
    /// owner take turns, so each one's count sees what the others committed.
    /// `FOR NO KEY UPDATE` leaves the foreign-key checks of other writes alone.
    async fn owner_write(
        &self,
        owner: uuid::Uuid,
    ) -> StoreResult<sqlx::Transaction<'static, sqlx::Postgres>> {
        let mut tx = self.write().await?;
        sqlx::query("SELECT id FROM users WHERE id = $1 FOR NO KEY UPDATE")
            .bind(owner)
            .execute(&mut *tx)
            .await?;
        Ok(tx)
    }
}
