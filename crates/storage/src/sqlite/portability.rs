use super::SqliteStore;
use super::checkins::CheckinRow;
use super::codec::date;
use crate::{PortabilityRepo, StoreResult};
use async_trait::async_trait;
use habitflow_domain::model::CheckinRecord;
use jiff::civil::Date;
use uuid::Uuid;

#[async_trait]
impl PortabilityRepo for SqliteStore {
    async fn checkins_after(
        &self,
        owner: Uuid,
        habit: Uuid,
        after: Option<Date>,
        limit: u32,
    ) -> StoreResult<Vec<CheckinRecord>> {
        let rows: Vec<CheckinRow> = sqlx::query_as(
            "SELECT habit_id, date, kind, note, value FROM checkins
             WHERE owner_id = $1 AND habit_id = $2 AND ($3 IS NULL OR date > $3)
             ORDER BY date LIMIT $4",
        )
        .bind(owner)
        .bind(habit)
        .bind(after.map(date))
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(CheckinRecord::try_from).collect()
    }
}
