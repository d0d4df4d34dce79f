use super::PgStore;
use super::codec::{date, to_date, to_optional_date};
use super::habits::lock_habit;
use crate::decode::to_kind;
use crate::summary_numbers::SummaryNumbers;
use crate::{StoreError, StoreResult, SummaryRepo};
use async_trait::async_trait;
use habitflow_domain::checkin::Checkin;
use habitflow_domain::derived::HistorySummary;
use sqlx::PgConnection;
use sqlx::types::time;
use uuid::Uuid;

#[derive(sqlx::FromRow)]
struct SummaryRow {
    habit_id: Uuid,
    last_checkin: Option<time::Date>,
    #[sqlx(flatten)]
    numbers: SummaryNumbers,
}

impl SummaryRow {
    fn into_record(self) -> StoreResult<(Uuid, HistorySummary)> {
        let last_checkin = to_optional_date(self.last_checkin)?;
        Ok((self.habit_id, self.numbers.with_last_checkin(last_checkin)))
    }
}

/// A check-in as the summary sees it: its date and kind.
#[derive(sqlx::FromRow)]
struct HistoryRow {
    date: time::Date,
    kind: String,
}

impl TryFrom<HistoryRow> for Checkin {
    type Error = StoreError;

    fn try_from(row: HistoryRow) -> StoreResult<Self> {
        Ok(Checkin {
            date: to_date(row.date)?,
            kind: to_kind(&row.kind)?,
            // No value column yet: every stored habit is a yes/no habit.
            value: None,
        })
    }
}

/// The habit's check-ins by date, read inside the caller's transaction.
pub(super) async fn history_in(
    connection: &mut PgConnection,
    habit: Uuid,
) -> StoreResult<Vec<Checkin>> {
    let rows: Vec<HistoryRow> =
        sqlx::query_as("SELECT date, kind FROM checkins WHERE habit_id = $1 ORDER BY date")
            .bind(habit)
            .fetch_all(connection)
            .await?;
    rows.into_iter().map(Checkin::try_from).collect()
}

/// Writes the habit's summary inside the caller's transaction.
pub(super) async fn save_in(
    connection: &mut PgConnection,
    owner: Uuid,
    habit: Uuid,
    summary: &HistorySummary,
) -> StoreResult<()> {
    let numbers = SummaryNumbers::of(summary);
    sqlx::query(
        "INSERT INTO habit_summaries (habit_id, owner_id, last_checkin, run_done, best_streak, strength, done, skipped)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (habit_id) DO UPDATE SET last_checkin = excluded.last_checkin, run_done = excluded.run_done,
             best_streak = excluded.best_streak, strength = excluded.strength, done = excluded.done, skipped = excluded.skipped",
    )
    .bind(habit)
    .bind(owner)
    .bind(summary.last_checkin.map(date))
    .bind(numbers.run_done)
    .bind(numbers.best_streak)
    .bind(numbers.strength)
    .bind(numbers.done)
    .bind(numbers.skipped)
    .execute(connection)
    .await?;
    Ok(())
}

#[async_trait]
impl SummaryRepo for PgStore {
    async fn for_owner(&self, owner: Uuid) -> StoreResult<Vec<(Uuid, HistorySummary)>> {
        let rows: Vec<SummaryRow> = sqlx::query_as(
            "SELECT habit_id, last_checkin, run_done, best_streak, strength, done, skipped
             FROM habit_summaries WHERE owner_id = $1",
        )
        .bind(owner)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(SummaryRow::into_record).collect()
    }

    async fn save(&self, owner: Uuid, habit: Uuid, summary: &HistorySummary) -> StoreResult<()> {
        let mut tx = self.write().await?;
        if !lock_habit(&mut tx, owner, habit).await? {
            return Err(StoreError::NotFound);
        }
        save_in(&mut tx, owner, habit, summary).await?;
        tx.commit().await?;
        Ok(())
    }
}
