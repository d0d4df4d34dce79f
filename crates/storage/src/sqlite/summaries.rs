use super::SqliteStore;
use super::codec::{date, to_date, to_optional_date};
use super::habits::lock_habit;
use crate::decode::{to_kind, to_optional_amount, to_range};
use crate::summary_numbers::SummaryNumbers;
use crate::{StoreError, StoreResult, SummaryRepo};
use async_trait::async_trait;
use habitflow_domain::checkin::Checkin;
use habitflow_domain::derived::HistorySummary;
use habitflow_domain::pause::PauseSet;
use sqlx::SqliteConnection;
use uuid::Uuid;

#[derive(sqlx::FromRow)]
struct SummaryRow {
    habit_id: Uuid,
    last_checkin: Option<String>,
    #[sqlx(flatten)]
    numbers: SummaryNumbers,
}

impl SummaryRow {
    fn into_record(self) -> StoreResult<(Uuid, HistorySummary)> {
        let last_checkin = to_optional_date(self.last_checkin)?;
        Ok((self.habit_id, self.numbers.with_last_checkin(last_checkin)?))
    }
}

/// A check-in as the summary sees it: its date, kind and value.
#[derive(sqlx::FromRow)]
struct HistoryRow {
    date: String,
    kind: String,
    value: Option<i64>,
}

impl TryFrom<HistoryRow> for Checkin {
    type Error = StoreError;

    fn try_from(row: HistoryRow) -> StoreResult<Self> {
        Ok(Checkin {
            date: to_date(&row.date)?,
            kind: to_kind(&row.kind)?,
            value: to_optional_amount(row.value)?,
        })
    }
}

/// A stored pause or vacation's dates.
#[derive(sqlx::FromRow)]
struct RangeRow {
    from_date: String,
    to_date: String,
}

/// The habit's check-ins by date, read inside the caller's transaction.
pub(super) async fn history_in(
    connection: &mut SqliteConnection,
    habit: Uuid,
) -> StoreResult<Vec<Checkin>> {
    let rows: Vec<HistoryRow> =
        sqlx::query_as("SELECT date, kind, value FROM checkins WHERE habit_id = $1 ORDER BY date")
            .bind(habit)
            .fetch_all(connection)
            .await?;
    rows.into_iter().map(Checkin::try_from).collect()
}

/// The habit's effective pauses (its own with the owner's vacations), read
/// inside the caller's transaction.
pub(super) async fn pauses_in(
    connection: &mut SqliteConnection,
    owner: Uuid,
    habit: Uuid,
) -> StoreResult<PauseSet> {
    let rows: Vec<RangeRow> = sqlx::query_as(
        "SELECT from_date, to_date FROM habit_pauses WHERE owner_id = $1 AND habit_id = $2
         UNION ALL SELECT from_date, to_date FROM vacations WHERE owner_id = $1",
    )
    .bind(owner)
    .bind(habit)
    .fetch_all(connection)
    .await?;
    let ranges = rows
        .into_iter()
        .map(|row| to_range(to_date(&row.from_date)?, to_date(&row.to_date)?))
        .collect::<StoreResult<Vec<_>>>()?;
    Ok(PauseSet::merge(ranges))
}

/// Recomputes and writes the habit's summary inside the caller's transaction,
/// from its check-ins and effective pauses as they are there.
pub(super) async fn resummarize_in(
    connection: &mut SqliteConnection,
    owner: Uuid,
    habit: Uuid,
    summarize: impl FnOnce(&PauseSet, &[Checkin]) -> HistorySummary,
) -> StoreResult<()> {
    let history = history_in(connection, habit).await?;
    let pauses = pauses_in(connection, owner, habit).await?;
    save_in(connection, owner, habit, &summarize(&pauses, &history)).await
}

/// Writes the habit's summary inside the caller's transaction; the
/// check-ins' states no longer go with it (docs/architecture.md#check-in-writes).
pub(super) async fn save_in(
    connection: &mut SqliteConnection,
    owner: Uuid,
    habit: Uuid,
    summary: &HistorySummary,
) -> StoreResult<()> {
    save_with_states_in(connection, owner, habit, summary, false).await
}

/// Writes the summary of a check-in write, whose check-ins' states go with it.
pub(super) async fn save_states_in(
    connection: &mut SqliteConnection,
    owner: Uuid,
    habit: Uuid,
    summary: &HistorySummary,
) -> StoreResult<()> {
    save_with_states_in(connection, owner, habit, summary, true).await
}

async fn save_with_states_in(
    connection: &mut SqliteConnection,
    owner: Uuid,
    habit: Uuid,
    summary: &HistorySummary,
    states_valid: bool,
) -> StoreResult<()> {
    let numbers = SummaryNumbers::of(summary);
    sqlx::query(
        "INSERT INTO habit_summaries (habit_id, owner_id, last_checkin, run_done, best_streak, strength, done, skipped,
             run_before_last, strength_before_last, best_before_last, paused_logged, logged_active, last_period_done, last_period_sum,
             states_valid)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
         ON CONFLICT (habit_id) DO UPDATE SET last_checkin = excluded.last_checkin, run_done = excluded.run_done,
             best_streak = excluded.best_streak, strength = excluded.strength, done = excluded.done, skipped = excluded.skipped,
             run_before_last = excluded.run_before_last, strength_before_last = excluded.strength_before_last,
             best_before_last = excluded.best_before_last, paused_logged = excluded.paused_logged,
             logged_active = excluded.logged_active, last_period_done = excluded.last_period_done,
             last_period_sum = excluded.last_period_sum, states_valid = excluded.states_valid",
    )
    .bind(habit)
    .bind(owner)
    .bind(summary.last_checkin.map(date))
    .bind(numbers.run_done)
    .bind(numbers.best_streak)
    .bind(numbers.strength)
    .bind(numbers.done)
    .bind(numbers.skipped)
    .bind(numbers.run_before_last)
    .bind(numbers.strength_before_last)
    .bind(numbers.best_before_last)
    .bind(numbers.paused_logged)
    .bind(numbers.logged_active)
    .bind(numbers.last_period_done)
    .bind(numbers.last_period_sum)
    .bind(states_valid)
    .execute(connection)
    .await?;
    Ok(())
}

#[async_trait]
impl SummaryRepo for SqliteStore {
    async fn for_owner(&self, owner: Uuid) -> StoreResult<Vec<(Uuid, HistorySummary)>> {
        let rows: Vec<SummaryRow> = sqlx::query_as(
            "SELECT habit_id, last_checkin, run_done, best_streak, strength, done, skipped,
                    run_before_last, strength_before_last, best_before_last, paused_logged, logged_active,
                    last_period_done, last_period_sum
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
