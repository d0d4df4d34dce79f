//! What the calendar feed shows of a habit (docs/product.md#calendar-feed):
//! its scheduled dates from 30 days before today to 60 days after, both
//! ends included, each with the day's status.
use crate::checkin::CheckinKind;
use crate::pause::PauseSet;
use crate::schedule::Schedule;
use jiff::Span;
use jiff::civil::Date;
use std::collections::HashMap;

/// Days before today the feed reaches back.
pub const DAYS_BACK: i64 = 30;
/// Days after today the feed reaches ahead.
pub const DAYS_AHEAD: i64 = 60;

/// A scheduled date's status as the feed describes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedStatus {
    Done,
    Skipped,
    /// Within a pause of the habit or a vacation, and not checked in.
    Paused,
    /// Nothing recorded yet.
    Open,
}

impl FeedStatus {
    pub const fn code(self) -> &'static str {
        match self {
            FeedStatus::Done => "done",
            FeedStatus::Skipped => "skipped",
            FeedStatus::Paused => "paused",
            FeedStatus::Open => "open",
        }
    }
}

/// The first and last date of the feed's window around `today`.
pub fn window(today: Date) -> (Date, Date) {
    let from = today
        .checked_sub(Span::new().days(DAYS_BACK))
        .unwrap_or(today);
    let to = today
        .checked_add(Span::new().days(DAYS_AHEAD))
        .unwrap_or(today);
    (from, to)
}

/// The habit's scheduled dates in the window, by date, with their status:
/// a check-in's kind, else paused when a pause covers the date, else open.
pub fn habit_days(
    schedule: &Schedule,
    pauses: &PauseSet,
    checkins: &HashMap<Date, CheckinKind>,
    today: Date,
) -> Vec<(Date, FeedStatus)> {
    let (from, to) = window(today);
    schedule
        .occurrences_from(from)
        .take_while(|date| *date <= to)
        .map(|date| {
            let status = match checkins.get(&date) {
                Some(CheckinKind::Done) => FeedStatus::Done,
                Some(CheckinKind::Skipped) => FeedStatus::Skipped,
                None if pauses.contains(date) => FeedStatus::Paused,
                None => FeedStatus::Open,
            };
            (date, status)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pause::DateRange;
    use crate::schedule::Rule;
    use jiff::civil::date;

    #[test]
    fn the_window_includes_both_ends() {
        assert_eq!(
            window(date(2026, 3, 10)),
            (date(2026, 2, 8), date(2026, 5, 9))
        );
    }

    #[test]
    fn daily_dates_carry_checkins_and_pauses() {
        let schedule = Schedule::new(Rule::Daily, date(2026, 3, 1), Some(date(2026, 3, 5)));
        let pauses = PauseSet::merge(DateRange::new(date(2026, 3, 3), date(2026, 3, 4)));
        let checkins = HashMap::from([
            (date(2026, 3, 1), CheckinKind::Done),
            (date(2026, 3, 2), CheckinKind::Skipped),
            (date(2026, 3, 4), CheckinKind::Done),
        ]);
        let days = habit_days(&schedule, &pauses, &checkins, date(2026, 3, 10));
        assert_eq!(
            days,
            vec![
                (date(2026, 3, 1), FeedStatus::Done),
                (date(2026, 3, 2), FeedStatus::Skipped),
                (date(2026, 3, 3), FeedStatus::Paused),
                (date(2026, 3, 4), FeedStatus::Done),
                (date(2026, 3, 5), FeedStatus::Open),
            ]
        );
    }
}
