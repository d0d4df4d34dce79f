use super::Weekday;
use crate::calendar::{days_in_month, weekday_index};
use jiff::civil::Date;

/// Which of a month's given weekdays: the first to the fourth, or the last
/// (a fifth one exists only in some months, so it is not offered).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum WeekOfMonth {
    First,
    Second,
    Third,
    Fourth,
    Last,
}

impl WeekOfMonth {
    pub const ALL: [WeekOfMonth; 5] = [
        WeekOfMonth::First,
        WeekOfMonth::Second,
        WeekOfMonth::Third,
        WeekOfMonth::Fourth,
        WeekOfMonth::Last,
    ];

    /// The stored number: 1 to 4, or -1 for the last.
    pub fn number(self) -> i8 {
        match self {
            WeekOfMonth::First => 1,
            WeekOfMonth::Second => 2,
            WeekOfMonth::Third => 3,
            WeekOfMonth::Fourth => 4,
            WeekOfMonth::Last => -1,
        }
    }

    pub fn from_number(number: i64) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|week| i64::from(week.number()) == number)
    }

    /// The date of this weekday in the given month; every month has one.
    pub fn date_in(self, year: i16, month: u8, weekday: Weekday) -> Option<Date> {
        let wanted = i16::from(weekday.index());
        let day = match self {
            WeekOfMonth::Last => {
                let last = days_in_month(year, month);
                let last_weekday = i16::from(weekday_index(
                    Date::new(year, month as i8, last as i8).ok()?,
                ));
                i16::from(last) - (last_weekday - wanted).rem_euclid(7)
            }
            nth => {
                let first_weekday = i16::from(weekday_index(Date::new(year, month as i8, 1).ok()?));
                1 + (wanted - first_weekday).rem_euclid(7) + 7 * (i16::from(nth.number()) - 1)
            }
        };
        Date::new(year, month as i8, day as i8).ok()
    }
}
