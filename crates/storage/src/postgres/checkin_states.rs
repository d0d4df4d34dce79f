//! A check-in write's summary, brought up to date from the check-ins from the
//! written date on (docs/architecture.md#check-in-writes).
use super::codec::{date, to_date, to_optional_date};
use super::summaries::{history_in, pauses_in, save_states_in};
use crate::checkin_states::StateColumns;
use crate::decode::{to_kind, to_optional_amount};
use crate::summary_numbers::SummaryNumbers;
use crate::{CheckinWritten, StoreError, StoreResult, Summarize};
use habitflow_domain::checkin::Checkin;
use habitflow_domain::derived::{Anchor, CheckinChange, CheckinState, HistorySummary};
use sqlx::PgConnection;
use sqlx::types::time;
use uuid::Uuid;

#[derive(sqlx::FromRow)]
struct StoredSummaryRow {
    last_checkin: Option<time::Date>,
    #[sqlx(flatten)]
    numbers: SummaryNumbers,
    states_valid: bool,
}

#[derive(sqlx::FromRow)]
struct LaterRow {
    date: time::Date,
    kind: String,
    value: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct AnchorRow {
    date: time::Date,
    #[sqlx(flatten)]
    state: StateColumns,
}

/// The date's check-in as it is now, read inside the write's transaction.
pub(super) async fn checkin_in(
    connection: &mut PgConnection,
    habit: Uuid,
    day: jiff::civil::Date,
) -> StoreResult<Option<Checkin>> {
    let row: Option<LaterRow> =
        sqlx::query_as("SELECT date, kind, value FROM checkins WHERE habit_id = $1 AND date = $2")
            .bind(habit)
            .bind(date(day))
            .fetch_optional(connection)
            .await?;
    row.map(checkin_of).transpose()
}

fn checkin_of(row: LaterRow) -> StoreResult<Checkin> {
    Ok(Checkin {
        date: to_date(row.date)?,
        kind: to_kind(&row.kind)?,
        value: to_optional_amount(row.value)?,
    })
}

/// After a write on `day` that turned `before` into `after`: the summary
/// brought up to date and saved, with the states of the check-ins it folded.
pub(super) async fn resummarize_after_write(
    connection: &mut PgConnection,
    owner: Uuid,
    habit: Uuid,
    day: jiff::civil::Date,
    (before, after): (Option<Checkin>, Option<Checkin>),
    changed: bool,
    summarize: Summarize<'_>,
) -> StoreResult<CheckinWritten> {
    let pauses = pauses_in(connection, owner, habit).await?;
    let stored = stored_summary_in(connection, habit).await?;
    let later = later_in(connection, habit, day).await?;
    let resummarized = match stored {
        // A new note, or nothing new: the summary stays.
        Some((summary, _)) if before == after => {
            return Ok(CheckinWritten {
                changed,
                summary,
                pauses,
                later,
            });
        }
        Some((summary, true)) => {
            let anchors = anchors_in(connection, habit, day).await?;
            let change = CheckinChange {
                summary,
                before,
                after,
                anchors: &anchors,
                tail: &later,
            };
            summarize.after_change(&pauses, &change)
        }
        _ => None,
    };
    let resummarized = match resummarized {
        Some(resummarized) => resummarized,
        None => {
            let history = history_in(connection, habit).await?;
            summarize.full(&pauses, &history)
        }
    };
    write_states_in(connection, habit, &resummarized.states).await?;
    save_states_in(connection, owner, habit, &resummarized.summary).await?;
    Ok(CheckinWritten {
        changed,
        summary: resummarized.summary,
        pauses,
        later,
    })
}

/// The stored summary and whether the check-ins' states go with it.
async fn stored_summary_in(
    connection: &mut PgConnection,
    habit: Uuid,
) -> StoreResult<Option<(HistorySummary, bool)>> {
    let row: Option<StoredSummaryRow> = sqlx::query_as(
        "SELECT last_checkin, run_done, best_streak, strength, done, skipped, run_before_last,
                strength_before_last, best_before_last, paused_logged, logged_active,
                last_period_done, last_period_sum, states_valid
         FROM habit_summaries WHERE habit_id = $1",
    )
    .bind(habit)
    .fetch_optional(connection)
    .await?;
    row.map(|row| {
        let last_checkin = to_optional_date(row.last_checkin)?;
        Ok((
            row.numbers.with_last_checkin(last_checkin)?,
            row.states_valid,
        ))
    })
    .transpose()
}

/// The check-ins dated `day` or later, by date.
async fn later_in(
    connection: &mut PgConnection,
    habit: Uuid,
    day: jiff::civil::Date,
) -> StoreResult<Vec<Checkin>> {
    let rows: Vec<LaterRow> = sqlx::query_as(
        "SELECT date, kind, value FROM checkins WHERE habit_id = $1 AND date >= $2 ORDER BY date",
    )
    .bind(habit)
    .bind(date(day))
    .fetch_all(connection)
    .await?;
    rows.into_iter().map(checkin_of).collect()
}

/// The last two counted check-ins before `day`, latest first.
async fn anchors_in(
    connection: &mut PgConnection,
    habit: Uuid,
    day: jiff::civil::Date,
) -> StoreResult<Vec<Anchor>> {
    let rows: Vec<AnchorRow> = sqlx::query_as(
        "SELECT date, state_run, state_best, state_strength FROM checkins
         WHERE habit_id = $1 AND date < $2 AND state_run IS NOT NULL
         ORDER BY date DESC LIMIT 2",
    )
    .bind(habit)
    .bind(date(day))
    .fetch_all(connection)
    .await?;
    rows.into_iter()
        .map(|row| {
            let state = row
                .state
                .state()?
                .ok_or_else(|| StoreError::Other("check-in state partly NULL".into()))?;
            Ok(Anchor {
                date: to_date(row.date)?,
                state,
            })
        })
        .collect()
}

/// Stores each check-in's state, in one statement: one array a column, zipped by UNNEST.
async fn write_states_in(
    connection: &mut PgConnection,
    habit: Uuid,
    states: &[(jiff::civil::Date, Option<CheckinState>)],
) -> StoreResult<()> {
    let columns: Vec<StateColumns> = states
        .iter()
        .map(|(_, state)| StateColumns::of(*state))
        .collect();
    let dates: Vec<time::Date> = states.iter().map(|(day, _)| date(*day)).collect();
    let runs: Vec<Option<i32>> = columns.iter().map(|c| c.state_run).collect();
    let bests: Vec<Option<i32>> = columns.iter().map(|c| c.state_best).collect();
    let strengths: Vec<Option<f64>> = columns.iter().map(|c| c.state_strength).collect();
    sqlx::query(
        "UPDATE checkins SET state_run = s.run, state_best = s.best, state_strength = s.strength
         FROM UNNEST($2::date[], $3::integer[], $4::integer[], $5::double precision[]) AS s (date, run, best, strength)
         WHERE checkins.habit_id = $1 AND checkins.date = s.date",
    )
    .bind(habit)
    .bind(dates)
    .bind(runs)
    .bind(bests)
    .bind(strengths)
    .execute(connection)
    .await?;
    Ok(())
}
