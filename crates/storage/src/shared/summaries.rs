use super::DbConnection;
use super::DbRow;
use super::codec::{date, to_date, to_optional_date};
use super::{DbStore, SELECT_HABIT_FOR_WRITE};
use crate::decode::to_kind;
use crate::{StoreResult, SummaryRepo};
use async_trait::async_trait;
use habitflow_domain::checkin::Checkin;
use habitflow_domain::derived::HistorySummary;
use sqlx::Row as _;
use uuid::Uuid;

fn summary(row: &DbRow) -> StoreResult<(Uuid, HistorySummary)> {
    Ok((
        row.try_get("habit_id")?,
        HistorySummary {
            last_checkin: to_optional_date(row.try_get("last_checkin")?)?,
            run_done: row.try_get::<i32, _>("run_done")? as u32,
            best_streak: row.try_get::<i32, _>("best_streak")? as u32,
            strength: row.try_get::<f64, _>("strength")?,
            done: row.try_get::<i32, _>("done")? as u32,
            skipped: row.try_get::<i32, _>("skipped")? as u32,
        },
    ))
}

/// The habit's check-ins by date, read inside the caller's transaction.
pub(super) async fn history_in(
    connection: &mut DbConnection,
    habit: Uuid,
) -> StoreResult<Vec<Checkin>> {
    let rows = sqlx::query("SELECT date, kind FROM checkins WHERE habit_id = $1 ORDER BY date")
        .bind(habit)
        .fetch_all(connection)
        .await?;
    rows.iter()
        .map(|row| {
            Ok(Checkin {
                date: to_date(row.try_get("date")?)?,
                kind: to_kind(row.try_get("kind")?)?,
            })
        })
        .collect()
}

/// Writes the habit's summary inside the caller's transaction.
pub(super) async fn save_in(
    connection: &mut DbConnection,
    owner: Uuid,
    habit: Uuid,
    s: &HistorySummary,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO habit_summaries (habit_id, owner_id, last_checkin, run_done, best_streak, strength, done, skipped)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (habit_id) DO UPDATE SET last_checkin = excluded.last_checkin, run_done = excluded.run_done,
             best_streak = excluded.best_streak, strength = excluded.strength, done = excluded.done, skipped = excluded.skipped",
    )
    .bind(habit)
    .bind(owner)
    .bind(s.last_checkin.map(date))
    .bind(s.run_done as i32)
    .bind(s.best_streak as i32)
    .bind(s.strength.clamp(0.0, 1.0))
    .bind(s.done as i32)
    .bind(s.skipped as i32)
    .execute(connection)
    .await?;
    Ok(())
}

#[async_trait]
impl SummaryRepo for DbStore {
    async fn for_owner(&self, owner: Uuid) -> StoreResult<Vec<(Uuid, HistorySummary)>> {
        let rows = sqlx::query(
            "SELECT habit_id, last_checkin, run_done, best_streak, strength, done, skipped FROM habit_summaries WHERE owner_id = $1",
        )
        .bind(owner)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(summary).collect()
    }

    async fn save(&self, owner: Uuid, habit: Uuid, summary: &HistorySummary) -> StoreResult<()> {
        let mut tx = self.write().await?;
        let owned: Option<Uuid> = sqlx::query_scalar(SELECT_HABIT_FOR_WRITE)
            .bind(owner)
            .bind(habit)
            .fetch_optional(&mut *tx)
            .await?;
        if owned.is_none() {
            return Err(crate::StoreError::NotFound);
        }
        save_in(&mut tx, owner, habit, summary).await?;
        tx.commit().await?;
        Ok(())
    }
}
