//! Check-ins and which dates accept them (docs/product.md#check-ins).
use crate::measure::Amount;
use crate::message::Message;
use crate::schedule::{Rule, Schedule};
use jiff::civil::Date;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CheckinKind {
    Done,
    /// A neutral, excused day: it neither breaks nor extends a streak and is left out of rates.
    Skipped,
}

impl CheckinKind {
    pub fn code(self) -> &'static str {
        match self {
            CheckinKind::Done => "done",
            CheckinKind::Skipped => "skipped",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "done" => Some(CheckinKind::Done),
            "skipped" => Some(CheckinKind::Skipped),
            _ => None,
        }
    }
}

impl fmt::Display for CheckinKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checkin {
    pub date: Date,
    pub kind: CheckinKind,
    /// The value logged on a measurable habit's `done` (docs/product.md#measurable-habits).
    pub value: Option<Amount>,
}

impl Checkin {
    pub fn done(date: Date) -> Self {
        Self {
            date,
            kind: CheckinKind::Done,
            value: None,
        }
    }

    /// A measurable habit's `done` with its value.
    pub fn logged(date: Date, value: Amount) -> Self {
        Self {
            date,
            kind: CheckinKind::Done,
            value: Some(value),
        }
    }

    pub fn skipped(date: Date) -> Self {
        Self {
            date,
            kind: CheckinKind::Skipped,
            value: None,
        }
    }
}

/// Why a date does not accept a check-in (complete, skip or undo).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CheckinRefusal {
    #[error("this habit is archived")]
    Archived,
    #[error("{0} is in the future")]
    Future(Date),
    #[error("{date} is before the habit starts on {starts_on}")]
    BeforeStart { date: Date, starts_on: Date },
    #[error("{0} is after the habit ended")]
    AfterEnd(Date),
    #[error("the habit is not scheduled on {0}")]
    NotScheduled(Date),
    #[error("this habit takes no skips; pause it instead")]
    SkipNotAllowed,
}

impl CheckinRefusal {
    /// What the user is told.
    pub fn message(&self) -> Message {
        match *self {
            CheckinRefusal::Archived => Message::new("refusal-archived"),
            CheckinRefusal::Future(date) => Message::new("refusal-future").with("date", date),
            CheckinRefusal::BeforeStart { date, starts_on } => Message::new("refusal-before-start")
                .with("date", date)
                .with("starts_on", starts_on),
            CheckinRefusal::AfterEnd(date) => Message::new("refusal-after-end").with("date", date),
            CheckinRefusal::NotScheduled(date) => {
                Message::new("refusal-not-scheduled").with("date", date)
            }
            CheckinRefusal::SkipNotAllowed => Message::new("refusal-skip-pause-instead"),
        }
    }
}

/// Checks that `date` accepts a check-in: the habit is not archived, and the
/// date is a scheduled date between `starts_on` and `today`.
pub fn check_date_accepts_checkin(
    schedule: &Schedule,
    archived: bool,
    date: Date,
    today: Date,
) -> Result<(), CheckinRefusal> {
    if archived {
        return Err(CheckinRefusal::Archived);
    }
    if date > today {
        return Err(CheckinRefusal::Future(date));
    }
    if date < schedule.starts_on() {
        return Err(CheckinRefusal::BeforeStart {
            date,
            starts_on: schedule.starts_on(),
        });
    }
    if schedule.ends_on().is_some_and(|end| date > end) {
        return Err(CheckinRefusal::AfterEnd(date));
    }
    if !schedule.is_scheduled(date) {
        return Err(CheckinRefusal::NotScheduled(date));
    }
    Ok(())
}

/// Checks that the habit's rule takes a check-in of this kind: a
/// `times_per_period` habit counts what was done in each period, so a day
/// cannot be skipped; a pause excuses a period instead
/// (docs/product.md#n-times-per-period).
pub fn check_kind_accepted(rule: &Rule, kind: CheckinKind) -> Result<(), CheckinRefusal> {
    match (rule, kind) {
        (Rule::TimesPerPeriod { .. }, CheckinKind::Skipped) => Err(CheckinRefusal::SkipNotAllowed),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn each_refusal_has_its_reason() {
        let monthly = Schedule::new(
            Rule::MonthlyDay {
                day: 10,
                every_months: 1,
            },
            date(2026, 1, 10),
            None,
        );
        let today = date(2026, 3, 12);
        let accepts = |date| check_date_accepts_checkin(&monthly, false, date, today);
        assert_eq!(accepts(date(2026, 3, 10)), Ok(()));
        assert_eq!(accepts(date(2026, 1, 10)), Ok(()));
        assert_eq!(
            accepts(date(2026, 4, 10)),
            Err(CheckinRefusal::Future(date(2026, 4, 10)))
        );
        assert!(matches!(
            accepts(date(2025, 12, 10)),
            Err(CheckinRefusal::BeforeStart { .. })
        ));
        assert_eq!(
            accepts(date(2026, 3, 11)),
            Err(CheckinRefusal::NotScheduled(date(2026, 3, 11)))
        );
        assert_eq!(
            check_date_accepts_checkin(&monthly, true, date(2026, 3, 10), today),
            Err(CheckinRefusal::Archived)
        );
    }

    #[test]
    fn times_per_period_takes_done_but_no_skip() {
        use crate::schedule::PeriodKind;
        let rule = Rule::TimesPerPeriod {
            times: Some(3),
            period: PeriodKind::Week,
        };
        let schedule = Schedule::new(rule.clone(), date(2026, 3, 4), None);
        // Every date of the window accepts a done.
        for day in 4..=12 {
            assert_eq!(
                check_date_accepts_checkin(&schedule, false, date(2026, 3, day), date(2026, 3, 12)),
                Ok(())
            );
        }
        assert_eq!(check_kind_accepted(&rule, CheckinKind::Done), Ok(()));
        assert_eq!(
            check_kind_accepted(&rule, CheckinKind::Skipped),
            Err(CheckinRefusal::SkipNotAllowed)
        );
        assert_eq!(
            check_kind_accepted(&Rule::Daily, CheckinKind::Skipped),
            Ok(())
        );
    }

    #[test]
    fn kinds_have_stable_codes() {
        for kind in [CheckinKind::Done, CheckinKind::Skipped] {
            assert_eq!(CheckinKind::from_code(kind.code()), Some(kind));
        }
        assert_eq!(CheckinKind::from_code("missed"), None);
    }
}
