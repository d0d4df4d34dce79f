use super::SqliteStore;
use super::codec::instant;
use crate::{JobRepo, StoreResult};
use async_trait::async_trait;
use jiff::Timestamp;

#[async_trait]
impl JobRepo for SqliteStore {
    async fn claim(&self, job: &str, slot: i64, now: Timestamp) -> StoreResult<bool> {
        let done = sqlx::query(
            "INSERT INTO job_runs (job, slot, claimed_at) VALUES ($1, $2, $3)
             ON CONFLICT (job, slot) DO NOTHING",
        )
        .bind(job)
        .bind(slot)
        .bind(instant(now))
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected() == 1)
    }
}
