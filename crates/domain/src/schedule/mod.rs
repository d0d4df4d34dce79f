//! Which local dates a habit is scheduled on (docs/product.md#schedules).
//!
//! Every question — is this date scheduled, which is the next or previous
//! occurrence, how many occurrences lie in a range — is answered with
//! arithmetic on day numbers, months or years, never by walking day by day
//! from `starts_on`, so its cost does not depend on how far the date is from
//! the start.
mod config;
mod months;
mod period;
mod rule;
mod streak_unit;
mod week_of_month;
mod weekdays;

pub use config::{ORIGINAL_SCHEDULE_TYPES, SCHEDULE_TYPES, ScheduleConfigError};
pub use period::{PeriodGrid, PeriodKind};
pub use rule::Rule;
pub use streak_unit::StreakUnit;
pub use week_of_month::WeekOfMonth;
pub use weekdays::{Weekday, WeekdaySet};

use crate::calendar::add_days;
use jiff::civil::Date;

/// A rule anchored in a window: the dates `starts_on ..= ends_on` on which the rule falls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    rule: Rule,
    starts_on: Date,
    ends_on: Option<Date>,
}

impl Schedule {
    /// A window whose `ends_on` is before `starts_on` simply has no occurrences.
    pub fn new(rule: Rule, starts_on: Date, ends_on: Option<Date>) -> Self {
        Self {
            rule,
            starts_on,
            ends_on,
        }
    }

    pub fn rule(&self) -> &Rule {
        &self.rule
    }

    pub fn starts_on(&self) -> Date {
        self.starts_on
    }

    pub fn ends_on(&self) -> Option<Date> {
        self.ends_on
    }

    /// The same schedule with its window closed no later than `last_day`.
    pub fn ending_no_later_than(&self, last_day: Date) -> Self {
        let ends_on = Some(self.ends_on.map_or(last_day, |end| end.min(last_day)));
        Self {
            ends_on,
            ..self.clone()
        }
    }

    fn in_window(&self, date: Date) -> bool {
        date >= self.starts_on && self.ends_on.is_none_or(|end| date <= end)
    }

    pub fn is_scheduled(&self, date: Date) -> bool {
        self.in_window(date) && self.rule.falls_on(self.starts_on, date)
    }

    /// The first scheduled date on or after `date`.
    pub fn first_on_or_after(&self, date: Date) -> Option<Date> {
        let found = self
            .rule
            .first_on_or_after(self.starts_on, date.max(self.starts_on))?;
        self.in_window(found).then_some(found)
    }

    /// The last scheduled date on or before `date`.
    pub fn last_on_or_before(&self, date: Date) -> Option<Date> {
        if date < self.starts_on {
            return None;
        }
        let bound = self.ends_on.map_or(date, |end| date.min(end));
        let found = self.rule.last_on_or_before(self.starts_on, bound)?;
        self.in_window(found).then_some(found)
    }

    /// The first scheduled date strictly after `date`.
    pub fn next_scheduled(&self, after: Date) -> Option<Date> {
        self.first_on_or_after(add_days(after, 1)?)
    }

    /// The last scheduled date strictly before `date`.
    pub fn previous_scheduled(&self, before: Date) -> Option<Date> {
        self.last_on_or_before(add_days(before, -1)?)
    }

    /// Number of scheduled dates in `from ..= to` (0 when `to < from`).
    pub fn count_between(&self, from: Date, to: Date) -> u32 {
        let (Some(first), Some(last)) = (self.first_on_or_after(from), self.last_on_or_before(to))
        else {
            return 0;
        };
        if first > last {
            return 0;
        }
        let span =
            self.rule.ordinal(self.starts_on, last) - self.rule.ordinal(self.starts_on, first);
        u32::try_from(span + 1).unwrap_or(0)
    }

    /// The next `count` scheduled dates from `date` on, for a preview of the rule.
    pub fn next_dates(&self, date: Date, count: usize) -> Vec<Date> {
        self.occurrences_from(date).take(count).collect()
    }

    /// For a `times_per_period` rule, whose every date is scheduled: the next
    /// `count` periods from the one holding `date`, as their first and last
    /// dates inside the window. Empty for the other rules.
    pub fn next_periods(&self, date: Date, count: usize) -> Vec<(Date, Date)> {
        let Rule::TimesPerPeriod { period, .. } = self.rule else {
            return Vec::new();
        };
        let grid = PeriodGrid::new(period, self.starts_on);
        let first = grid.index_of(date.max(self.starts_on));
        (first..)
            .map_while(|index| Some((grid.first_day(index)?, grid.last_day(index)?)))
            .map(|(from, to)| {
                let to = self.ends_on.map_or(to, |end| to.min(end));
                (from.max(self.starts_on), to)
            })
            .take_while(|(from, to)| from <= to)
            .take(count)
            .collect()
    }

    /// Scheduled dates from `date` (inclusive) forwards, in increasing order.
    pub fn occurrences_from(&self, date: Date) -> impl Iterator<Item = Date> + '_ {
        std::iter::successors(self.first_on_or_after(date), |&d| self.next_scheduled(d))
    }

    /// Scheduled dates from `date` (inclusive) backwards, in decreasing order.
    pub fn occurrences_back_from(&self, date: Date) -> impl Iterator<Item = Date> + '_ {
        std::iter::successors(self.last_on_or_before(date), |&d| {
            self.previous_scheduled(d)
        })
    }
}

#[cfg(test)]
mod tests;
