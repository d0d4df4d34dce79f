//! One habit's check-ins of one calendar month as two bit sets, the shape of
//! the `checkin_months` aggregates the database keeps in every check-in
//! write (docs/architecture.md#check-in-month-aggregates). Bit `d − 1` stands
//! for day `d`. They hold the dates and kinds exactly but no values, so they
//! stand in for the check-ins of a yes/no habit, whose figures never read a
//! value.
use super::CheckinRecord;
use crate::checkin::{Checkin, CheckinKind};
use jiff::civil::Date;
use std::collections::BTreeMap;
use uuid::Uuid;

/// What the long-range statistics read: habits' months, the rows of the
/// habits whose values they need, and for all-time statistics the owner's
/// check-ins per month over all habits and the date of the first one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MonthsAndRows {
    pub months: Vec<CheckinMonth>,
    pub rows: Vec<CheckinRecord>,
    pub totals: Vec<MonthTotal>,
    pub first_checkin: Option<Date>,
}

/// The owner's check-ins of one month over all habits: one bar of the
/// all-time chart, read as one row however many habits there are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthTotal {
    /// The first day of the month.
    pub month: Date,
    pub done: u32,
    pub skipped: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckinMonth {
    pub habit_id: Uuid,
    /// The first day of the month.
    pub month: Date,
    pub done_days: u32,
    pub skipped_days: u32,
}

impl CheckinMonth {
    /// The month's check-ins, by date, without values.
    pub fn checkins(&self) -> impl Iterator<Item = Checkin> + '_ {
        let (year, month) = (self.month.year(), self.month.month());
        let logged = self.done_days | self.skipped_days;
        // Only the set bits; `Date::new` is the cheap constructor (ten years
        // of a daily habit unpack about 3,650 check-ins per request).
        (0..31i8)
            .filter(move |bit| logged & (1 << bit) != 0)
            .filter_map(move |bit| {
                let kind = if self.done_days & (1 << bit) != 0 {
                    CheckinKind::Done
                } else {
                    CheckinKind::Skipped
                };
                Some(Checkin {
                    date: Date::new(year, month, bit + 1).ok()?,
                    kind,
                    value: None,
                })
            })
    }

    /// The months of `checkins` (one habit's or several), by habit then
    /// month: the full recomputation the kept aggregates must equal.
    pub fn of<'a>(checkins: impl IntoIterator<Item = (Uuid, &'a Checkin)>) -> Vec<CheckinMonth> {
        let mut months: BTreeMap<(Uuid, Date), CheckinMonth> = BTreeMap::new();
        for (habit_id, checkin) in checkins {
            let month = checkin.date.first_of_month();
            let entry = months.entry((habit_id, month)).or_insert(CheckinMonth {
                habit_id,
                month,
                done_days: 0,
                skipped_days: 0,
            });
            let bit = 1u32 << (checkin.date.day() - 1);
            match checkin.kind {
                CheckinKind::Done => entry.done_days |= bit,
                CheckinKind::Skipped => entry.skipped_days |= bit,
            }
        }
        months.into_values().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn checkin_at(offset: i32, done: bool) -> Checkin {
        let date = crate::calendar::add_days(jiff::civil::date(2020, 1, 1), offset)
            .unwrap_or(jiff::civil::date(2020, 1, 1));
        Checkin {
            date,
            kind: if done {
                CheckinKind::Done
            } else {
                CheckinKind::Skipped
            },
            value: None,
        }
    }

    proptest! {
        /// Months built from a history give that history back, date for date.
        #[test]
        fn months_give_back_the_checkins(days in proptest::collection::btree_map(0i32..2000, any::<bool>(), 0..300)) {
            let history: Vec<Checkin> = days.iter().map(|(offset, done)| checkin_at(*offset, *done)).collect();
            let habit = Uuid::nil();
            let months = CheckinMonth::of(history.iter().map(|c| (habit, c)));
            let back: Vec<Checkin> = months.iter().flat_map(CheckinMonth::checkins).collect();
            prop_assert_eq!(back, history);
        }
    }
}
