//! Values derived from a habit's schedule, check-ins and pauses for the
//! user's local "today" (docs/product.md#derived-values): due today, streaks,
//! strength, rates and progress, for yes/no and measurable habits.
mod history;
mod outcome;
mod period_progress;
mod periods;
mod rate;
mod record;
mod resummarize;
mod score;
mod streak;
mod summary;

pub use history::History;
pub use period_progress::{PeriodGoal, PeriodProgress};
pub use rate::{Tally, percent};
pub use resummarize::{Anchor, CheckinChange, CheckinState, Resummarized};
pub use summary::{FromSummary, HistorySummary, tallies_lifetime_from_summary};

use crate::calendar::add_days;
use crate::checkin::{Checkin, CheckinKind};
use crate::measure::{Amount, Target};
use crate::pause::PauseSet;
use crate::schedule::Schedule;
use jiff::civil::Date;

/// A habit as seen on one local date.
#[derive(Debug, Clone)]
pub struct HabitOnDate<'a> {
    /// The planned schedule, window `starts_on ..= ends_on`.
    pub schedule: &'a Schedule,
    /// The local date of the manual archive, if the habit was archived by hand.
    pub archived_on: Option<Date>,
    /// The target of a measurable habit; `None` for a yes/no habit.
    pub target: Option<Target>,
    /// The habit's pauses merged with the account's vacations.
    pub pauses: &'a PauseSet,
    pub history: History<'a>,
    pub today: Date,
}

impl HabitOnDate<'_> {
    /// Archived by hand, or expired: its end date has passed.
    pub fn is_archived(&self) -> bool {
        self.archived_on.is_some() || self.schedule.ends_on().is_some_and(|end| end < self.today)
    }

    /// The schedule limited to the dates on which the habit was active: a
    /// manual archive closes the window the day before it.
    pub fn active_schedule(&self) -> Schedule {
        match self.archived_on.and_then(|day| add_days(day, -1)) {
            Some(last_active) => self.schedule.ending_no_later_than(last_active),
            None => self.schedule.clone(),
        }
    }

    fn today_checkin(&self) -> Option<&Checkin> {
        self.history.checkin(self.today)
    }

    /// Today's occurrence still waits for a check-in (or, for an `at_least`
    /// habit, for a value that reaches the target).
    fn today_is_open(&self) -> bool {
        outcome::awaits_checkin(self.target, self.today_checkin())
    }

    pub fn paused_today(&self) -> bool {
        self.pauses.contains(self.today)
    }

    /// Scheduled today, active, not paused, and still waiting: nothing
    /// logged, or an `at_least` value below the target.
    pub fn due_today(&self) -> bool {
        if let Some(periods) = self.periods() {
            let current_met = periods.values_from_history().current_met;
            return periods.due_today(current_met, self.today_checkin().is_some());
        }
        !self.is_archived()
            && !self.paused_today()
            && self.active_schedule().is_scheduled(self.today)
            && self.today_is_open()
    }

    /// Done today, and for a measurable habit with a value that meets the
    /// target (for a `times_per_period` habit, any `done`: its periods are judged).
    pub fn done_today(&self) -> bool {
        self.today_checkin().is_some_and(|checkin| {
            checkin.kind == CheckinKind::Done
                && (self.periods().is_some() || outcome::meets_target(self.target, checkin))
        })
    }

    pub fn skipped_today(&self) -> bool {
        self.history.get(self.today) == Some(CheckinKind::Skipped)
    }

    /// The value logged today on a measurable habit.
    pub fn today_value(&self) -> Option<Amount> {
        self.today_checkin().and_then(|checkin| checkin.value)
    }

    /// The first scheduled, unpaused date ≥ today that still waits for a check-in.
    pub fn next_scheduled_open(&self) -> Option<Date> {
        if let Some(periods) = self.periods() {
            let current_met = periods.values_from_history().current_met;
            return periods.next_open(current_met, self.today_checkin().is_some());
        }
        if self.is_archived() {
            return None;
        }
        let schedule = self.active_schedule();
        let first = schedule.first_on_or_after(self.today)?;
        let from = if first == self.today && !self.today_is_open() {
            schedule.next_scheduled(first)?
        } else {
            first
        };
        self.pauses.first_unpaused(&schedule, from)
    }

    /// The latest scheduled date ≤ today that is closed: today's occurrence
    /// counts only once it no longer waits for a check-in.
    fn last_closed_occurrence(&self, schedule: &Schedule) -> Option<Date> {
        let last = schedule.last_on_or_before(self.today)?;
        if last == self.today && self.today_is_open() {
            schedule.previous_scheduled(last)
        } else {
            Some(last)
        }
    }
}

#[cfg(test)]
mod loop_tables;
#[cfg(test)]
mod measurable_tests;
#[cfg(test)]
mod pause_tests;
#[cfg(test)]
mod period_tests;
#[cfg(test)]
mod property_tests;
#[cfg(test)]
mod tests;
