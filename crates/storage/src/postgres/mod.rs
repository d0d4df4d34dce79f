//! The production backend: PostgreSQL, shared by any number of instances.
mod checkins;
mod codec;
mod habits;
mod identities;
mod jobs;
mod quotes;
mod sessions;
mod summaries;
mod tasks;
mod themes;
mod users;

use crate::migrations::{POSTGRES, migrator};
use crate::{
    Backend, CheckinRepo, HabitRepo, IdentityRepo, JobRepo, QuoteRepo, SessionRepo, Store,
    StoreError, StoreResult, SummaryRepo, TaskRepo, ThemeRepo, UserRepo,
};
use async_trait::async_trait;
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

#[async_trait]
impl Store for PgStore {
    fn backend(&self) -> Backend {
        Backend::Postgres
    }

    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    async fn migrate(&self) -> StoreResult<()> {
        migrator(POSTGRES).run(&self.pool).await?;
        Ok(())
    }

    fn users(&self) -> &dyn UserRepo {
        self
    }
    fn themes(&self) -> &dyn ThemeRepo {
        self
    }
    fn tasks(&self) -> &dyn TaskRepo {
        self
    }
    fn habits(&self) -> &dyn HabitRepo {
        self
    }
    fn checkins(&self) -> &dyn CheckinRepo {
        self
    }
    fn quotes(&self) -> &dyn QuoteRepo {
        self
    }
    fn sessions(&self) -> &dyn SessionRepo {
        self
    }
    fn jobs(&self) -> &dyn JobRepo {
        self
    }
    fn identities(&self) -> &dyn IdentityRepo {
        self
    }
    fn summaries(&self) -> &dyn SummaryRepo {
        self
    }
}
