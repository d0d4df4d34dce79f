//! Values derived from a habit's schedule and check-ins for the user's local
//! "today" (docs/product.md#derived-values): due today, streaks, strength, rates and progress.
mod history;
mod rate;
mod score;
mod streak;
mod summary;

pub use history::History;
pub use rate::{Tally, percent};
pub use summary::{FromSummary, HistorySummary};

use crate::calendar::add_days;
use crate::checkin::CheckinKind;
use crate::schedule::Schedule;
use jiff::civil::Date;

/// A habit as seen on one local date.
#[derive(Debug, Clone)]
pub struct HabitOnDate<'a> {
    /// The planned schedule, window `starts_on ..= ends_on`.
    pub schedule: &'a Schedule,
    /// The local date of the manual archive, if the habit was archived by hand.
    pub archived_on: Option<Date>,
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

    pub fn due_today(&self) -> bool {
        !self.is_archived()
            && self.active_schedule().is_scheduled(self.today)
            && self.history.get(self.today).is_none()
    }

    pub fn done_today(&self) -> bool {
        self.history.get(self.today) == Some(CheckinKind::Done)
    }

    pub fn skipped_today(&self) -> bool {
        self.history.get(self.today) == Some(CheckinKind::Skipped)
    }

    /// The first scheduled date ≥ today that has no check-in yet.
    pub fn next_scheduled_open(&self) -> Option<Date> {
        if self.is_archived() {
            return None;
        }
        let schedule = self.active_schedule();
        schedule
            .occurrences_from(self.today)
            .find(|&date| self.history.get(date).is_none())
    }

    /// The latest scheduled date ≤ today that is closed: today's occurrence
    /// counts only once it has a check-in.
    fn last_closed_occurrence(&self, schedule: &Schedule) -> Option<Date> {
        let last = schedule.last_on_or_before(self.today)?;
        if last == self.today && self.history.get(last).is_none() {
            schedule.previous_scheduled(last)
        } else {
            Some(last)
        }
    }
}

#[cfg(test)]
mod tests;
