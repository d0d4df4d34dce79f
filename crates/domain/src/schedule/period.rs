//! The periods of a `times_per_period` habit (docs/product.md#n-times-per-period):
//! ISO weeks, calendar months, or blocks of D days counted from `starts_on`,
//! numbered from the period that holds `starts_on` (period 0).
use super::months::{month_index, year_month};
use crate::calendar::{add_days, day_number, days_in_month, from_day_number, weekday_index};
use jiff::civil::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PeriodKind {
    /// Monday to Sunday.
    Week,
    Month,
    /// Consecutive blocks of this many days (2–365) from `starts_on`.
    Days(u16),
}

impl PeriodKind {
    pub fn code(self) -> &'static str {
        match self {
            PeriodKind::Week => "week",
            PeriodKind::Month => "month",
            PeriodKind::Days(_) => "days",
        }
    }

    /// The most check-ins a period can hold, the upper bound of `times`.
    pub fn max_times(self) -> u16 {
        match self {
            PeriodKind::Week => 7,
            PeriodKind::Month => 31,
            PeriodKind::Days(days) => days,
        }
    }
}

/// Periods of one kind, numbered from the one holding the anchor.
#[derive(Debug, Clone, Copy)]
pub struct PeriodGrid {
    kind: PeriodKind,
    anchor: Date,
}

impl PeriodGrid {
    pub fn new(kind: PeriodKind, anchor: Date) -> Self {
        Self { kind, anchor }
    }

    pub fn kind(&self) -> PeriodKind {
        self.kind
    }

    /// The number of the period holding `date` (negative before the anchor's).
    pub fn index_of(&self, date: Date) -> i32 {
        match self.kind {
            PeriodKind::Week => {
                let monday = |d: Date| day_number(d) - i32::from(weekday_index(d));
                (monday(date) - monday(self.anchor)).div_euclid(7)
            }
            PeriodKind::Month => month_index(date) - month_index(self.anchor),
            PeriodKind::Days(days) => {
                (day_number(date) - day_number(self.anchor)).div_euclid(i32::from(days.max(1)))
            }
        }
    }

    pub fn first_day(&self, index: i32) -> Option<Date> {
        match self.kind {
            PeriodKind::Week => {
                let monday = day_number(self.anchor) - i32::from(weekday_index(self.anchor));
                from_day_number(monday.checked_add(index.checked_mul(7)?)?)
            }
            PeriodKind::Month => {
                let (year, month) = year_month(month_index(self.anchor).checked_add(index)?)?;
                Date::new(year, month as i8, 1).ok()
            }
            PeriodKind::Days(days) => {
                add_days(self.anchor, index.checked_mul(i32::from(days.max(1)))?)
            }
        }
    }

    pub fn last_day(&self, index: i32) -> Option<Date> {
        match self.kind {
            PeriodKind::Week => add_days(self.first_day(index)?, 6),
            PeriodKind::Month => {
                let first = self.first_day(index)?;
                let last = days_in_month(first.year(), first.month() as u8);
                Date::new(first.year(), first.month(), last as i8).ok()
            }
            PeriodKind::Days(days) => add_days(self.first_day(index)?, i32::from(days.max(1)) - 1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn periods_table() {
        let start = date(2026, 3, 4); // a Wednesday
        let weeks = PeriodGrid::new(PeriodKind::Week, start);
        assert_eq!(weeks.index_of(date(2026, 3, 2)), 0);
        assert_eq!(weeks.index_of(date(2026, 3, 8)), 0);
        assert_eq!(weeks.index_of(date(2026, 3, 9)), 1);
        assert_eq!(weeks.index_of(date(2026, 3, 1)), -1);
        assert_eq!(weeks.first_day(0), Some(date(2026, 3, 2)));
        assert_eq!(weeks.last_day(1), Some(date(2026, 3, 15)));
        let months = PeriodGrid::new(PeriodKind::Month, date(2027, 11, 20));
        assert_eq!(months.index_of(date(2028, 2, 29)), 3);
        assert_eq!(months.first_day(3), Some(date(2028, 2, 1)));
        assert_eq!(months.last_day(3), Some(date(2028, 2, 29)));
        assert_eq!(months.last_day(4), Some(date(2028, 3, 31)));
        // Ten-day blocks run on local dates: a DST change (29 March 2026 in
        // Europe) neither lengthens nor shortens one.
        let blocks = PeriodGrid::new(PeriodKind::Days(10), date(2026, 3, 25));
        assert_eq!(blocks.first_day(0), Some(date(2026, 3, 25)));
        assert_eq!(blocks.last_day(0), Some(date(2026, 4, 3)));
        assert_eq!(blocks.index_of(date(2026, 4, 3)), 0);
        assert_eq!(blocks.index_of(date(2026, 4, 4)), 1);
        assert_eq!(blocks.first_day(3), Some(date(2026, 4, 24)));
    }
}
