//! The numbers of a `habit_summaries` row, which both backends store alike:
//! the counts as INTEGER, the strengths as floats within the columns' 0–1
//! CHECK, the period's sum as integer thousandths.
use crate::StoreError;
use habitflow_domain::derived::HistorySummary;
use habitflow_domain::measure::Amount;
use jiff::civil::Date;

/// Read through each backend's summary row (`#[sqlx(flatten)]`) and bound
/// field by field when a summary is written.
#[derive(Debug, Clone, Copy, PartialEq, sqlx::FromRow)]
pub struct SummaryNumbers {
    pub run_done: i32,
    pub best_streak: i32,
    pub strength: f64,
    pub done: i32,
    pub skipped: i32,
    pub run_before_last: i32,
    pub strength_before_last: f64,
    pub best_before_last: i32,
    pub paused_logged: i32,
    pub logged_active: i32,
    pub last_period_done: i32,
    pub last_period_sum: i64,
}

/// A count as the INTEGER column holds it.
fn column(count: u32) -> i32 {
    i32::try_from(count).unwrap_or(i32::MAX)
}

/// A count read back; the columns' CHECKs keep them non-negative.
fn count(column: i32) -> u32 {
    u32::try_from(column).unwrap_or(0)
}

impl SummaryNumbers {
    pub fn of(summary: &HistorySummary) -> Self {
        Self {
            run_done: column(summary.run_done),
            best_streak: column(summary.best_streak),
            strength: summary.strength.clamp(0.0, 1.0),
            done: column(summary.done),
            skipped: column(summary.skipped),
            run_before_last: column(summary.run_before_last),
            strength_before_last: summary.strength_before_last.clamp(0.0, 1.0),
            best_before_last: column(summary.best_before_last),
            paused_logged: column(summary.paused_logged),
            logged_active: column(summary.logged_active),
            last_period_done: column(summary.last_period_done),
            last_period_sum: summary.last_period_sum.thousandths(),
        }
    }

    /// The summary these numbers belong to, with its date column decoded.
    pub fn with_last_checkin(
        self,
        last_checkin: Option<Date>,
    ) -> Result<HistorySummary, StoreError> {
        Ok(HistorySummary {
            last_checkin,
            run_done: count(self.run_done),
            best_streak: count(self.best_streak),
            strength: self.strength,
            done: count(self.done),
            skipped: count(self.skipped),
            run_before_last: count(self.run_before_last),
            strength_before_last: self.strength_before_last,
            best_before_last: count(self.best_before_last),
            paused_logged: count(self.paused_logged),
            logged_active: count(self.logged_active),
            last_period_done: count(self.last_period_done),
            last_period_sum: Amount::sum_from_thousandths(self.last_period_sum).ok_or_else(
                || StoreError::Other(format!("bad period sum {}", self.last_period_sum)),
            )?,
        })
    }
}

/// The counts of a summary as the habits list reads them: packed by the
/// query into one JSON array, in the order of [`SummaryNumbers`] without the
/// strengths (`[run_done, best_streak, done, skipped, run_before_last,
/// best_before_last, paused_logged, logged_active, last_period_done,
/// last_period_sum]`). The strengths stay columns of their own, as JSON
/// would round them. Each column of a row costs a copy out of the database,
/// and the list reads a dozen rows a request
/// (docs/architecture.md#reading-habits-without-their-history).
#[derive(Debug, Clone, Copy, serde::Deserialize)]
pub struct PackedCounts(i32, i32, i32, i32, i32, i32, i32, i32, i32, i64);

impl PackedCounts {
    pub fn parse(json: &str) -> Result<Self, StoreError> {
        serde_json::from_str(json)
            .map_err(|e| StoreError::Other(format!("bad packed summary: {e}")))
    }

    /// The numbers, with the strengths read beside the counts.
    pub fn with_strengths(
        self,
        strength: Option<f64>,
        strength_before_last: Option<f64>,
    ) -> Result<SummaryNumbers, StoreError> {
        let Self(
            run_done,
            best_streak,
            done,
            skipped,
            run_before_last,
            best_before_last,
            paused_logged,
            logged_active,
            last_period_done,
            last_period_sum,
        ) = self;
        let strength_of = |value: Option<f64>| {
            value.ok_or_else(|| StoreError::Other("a packed summary without its strength".into()))
        };
        Ok(SummaryNumbers {
            run_done,
            best_streak,
            strength: strength_of(strength)?,
            done,
            skipped,
            run_before_last,
            strength_before_last: strength_of(strength_before_last)?,
            best_before_last,
            paused_logged,
            logged_active,
            last_period_done,
            last_period_sum,
        })
    }
}
