//! The production backend: PostgreSQL, shared by any number of instances.
//!
//! Each repository has its own module with its SQL and the row structs its
//! queries decode into (`uuid`, `timestamptz` and `date` columns, read as
//! `time` values that `codec.rs` converts).
mod checkins;
mod codec;
mod habits;
mod identities;
mod jobs;
mod quotes;
mod sessions;
mod store;
mod summaries;
mod tasks;
mod themes;
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
}
