//! A habit's history in a few numbers (docs/product.md#performance): enough to derive every
//! value for any later "today" without reading the history again. Kept up to
//! date with every check-in write, recomputable from the history at any time.
use super::HabitOnDate;
use crate::checkin::CheckinKind;
use crate::schedule::Schedule;
use jiff::civil::Date;

/// The history of one habit, summed up as of its last counted check-in.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct HistorySummary {
    /// The last check-in on a date the habit was scheduled and active.
    pub last_checkin: Option<Date>,
    /// Done occurrences in the run of consecutive occurrences ending there.
    pub run_done: u32,
    pub best_streak: u32,
    /// Strength (0–1) through `last_checkin`.
    pub strength: f64,
    /// Done and skipped check-ins on the planned schedule's dates (for progress).
    pub done: u32,
    pub skipped: u32,
}

/// Loop's multiplier, shared with `score.rs`.
pub(super) fn multiplier() -> f64 {
    0.5f64.powf(1.0 / 13.0)
}

impl HabitOnDate<'_> {
    /// Sums up the whole history. The result does not depend on `today`
    /// (check-ins are never in the future), only on the schedule, the archive
    /// date and the check-ins.
    pub fn summarize(&self) -> HistorySummary {
        let schedule = self.active_schedule();
        let counted: Vec<_> = self
            .history
            .all()
            .iter()
            .filter(|c| schedule.is_scheduled(c.date))
            .collect();
        let last = counted.last().map(|c| c.date);
        let at_last = HabitOnDate {
            today: last.unwrap_or(self.today),
            ..self.clone()
        };
        let (done, skipped) = self
            .history
            .all()
            .iter()
            .filter(|c| self.schedule.is_scheduled(c.date))
            .fold((0, 0), |(done, skipped), c| match c.kind {
                CheckinKind::Done => (done + 1, skipped),
                CheckinKind::Skipped => (done, skipped + 1),
            });
        HistorySummary {
            last_checkin: last,
            run_done: last.map_or(0, |_| at_last.current_streak()),
            best_streak: at_last.best_streak(),
            strength: last.map_or(0.0, |_| at_last.raw_strength()),
            done,
            skipped,
        }
    }
}

/// The values of docs/product.md#derived-values for `today`, from a summary and today's check-in.
pub struct FromSummary<'a> {
    pub schedule: &'a Schedule,
    pub archived_on: Option<Date>,
    pub summary: HistorySummary,
    pub today_checkin: Option<CheckinKind>,
    pub today: Date,
}

impl FromSummary<'_> {
    fn as_habit(&self) -> HabitOnDate<'_> {
        HabitOnDate {
            schedule: self.schedule,
            archived_on: self.archived_on,
            history: super::History::new(&[]),
            today: self.today,
        }
    }

    /// The last closed occurrence: today's counts only once it has a check-in.
    fn last_closed(&self, schedule: &Schedule) -> Option<Date> {
        let last = schedule.last_on_or_before(self.today)?;
        if last == self.today && self.today_checkin.is_none() {
            schedule.previous_scheduled(last)
        } else {
            Some(last)
        }
    }

    /// Occurrences after the last check-in up to the last closed one: all missed.
    fn missed_since_last_checkin(&self) -> Option<u32> {
        let schedule = self.as_habit().active_schedule();
        let closed = self.last_closed(&schedule)?;
        let last = self.summary.last_checkin?;
        Some(match schedule.next_scheduled(last) {
            Some(next) if next <= closed => schedule.count_between(next, closed),
            _ => 0,
        })
    }

    pub fn current_streak(&self) -> u32 {
        match self.missed_since_last_checkin() {
            Some(0) => self.summary.run_done,
            _ => 0,
        }
    }

    pub fn best_streak(&self) -> u32 {
        self.summary.best_streak
    }

    pub fn strength(&self) -> u8 {
        let score = match self.missed_since_last_checkin() {
            Some(missed) => self.summary.strength * multiplier().powi(missed as i32),
            None => 0.0,
        };
        (score * 100.0).round().clamp(0.0, 100.0) as u8
    }

    pub fn progress(&self) -> Option<f64> {
        let ends_on = self.schedule.ends_on()?;
        let scheduled = self
            .schedule
            .count_between(self.schedule.starts_on(), ends_on);
        super::percent(
            self.summary.done,
            scheduled.saturating_sub(self.summary.skipped),
        )
    }

    pub fn is_archived(&self) -> bool {
        self.as_habit().is_archived()
    }

    pub fn due_today(&self) -> bool {
        !self.is_archived()
            && self.as_habit().active_schedule().is_scheduled(self.today)
            && self.today_checkin.is_none()
    }

    pub fn done_today(&self) -> bool {
        self.today_checkin == Some(CheckinKind::Done)
    }

    pub fn skipped_today(&self) -> bool {
        self.today_checkin == Some(CheckinKind::Skipped)
    }

    /// The first scheduled date ≥ today without a check-in.
    pub fn next_scheduled_open(&self) -> Option<Date> {
        if self.is_archived() {
            return None;
        }
        let schedule = self.as_habit().active_schedule();
        let first = schedule.first_on_or_after(self.today)?;
        if first == self.today && self.today_checkin.is_some() {
            schedule.next_scheduled(first)
        } else {
            Some(first)
        }
    }
}
