//! The numbers of a `habit_summaries` row, which both backends store alike:
//! the counts as INTEGER, the strength as a float within the column's 0–1 CHECK.
use habitflow_domain::derived::HistorySummary;
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
}

impl SummaryNumbers {
    pub fn of(summary: &HistorySummary) -> Self {
        Self {
            run_done: summary.run_done as i32,
            best_streak: summary.best_streak as i32,
            strength: summary.strength.clamp(0.0, 1.0),
            done: summary.done as i32,
            skipped: summary.skipped as i32,
        }
    }

    /// The summary these numbers belong to, with its date column decoded.
    pub fn with_last_checkin(self, last_checkin: Option<Date>) -> HistorySummary {
        HistorySummary {
            last_checkin,
            run_done: self.run_done as u32,
            best_streak: self.best_streak as u32,
            strength: self.strength,
            done: self.done as u32,
            skipped: self.skipped as u32,
            // Not stored yet; they matter only for measurable habits and
            // pauses, which the store does not hold yet.
            ..HistorySummary::default()
        }
    }
}
