use super::HabitOnDate;
use crate::checkin::CheckinKind;
use crate::schedule::Schedule;
use jiff::civil::Date;

/// Occurrences of a period: how many were scheduled, done and skipped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub scheduled: u32,
    pub done: u32,
    pub skipped: u32,
}

impl Tally {
    /// done ÷ (scheduled − skipped) as a percentage, `None` when nothing counts.
    pub fn rate(&self) -> Option<f64> {
        percent(self.done, self.scheduled.saturating_sub(self.skipped))
    }
}

/// `numerator ÷ denominator` as a percentage with one decimal, `None` for a zero denominator.
pub fn percent(numerator: u32, denominator: u32) -> Option<f64> {
    (denominator > 0)
        .then(|| (f64::from(numerator) * 1000.0 / f64::from(denominator)).round() / 10.0)
}

impl HabitOnDate<'_> {
    /// The occurrences of `from ..= to` up to today while the habit was
    /// active; today's occurrence counts only once it has a check-in.
    pub fn tally(&self, from: Date, to: Date) -> Tally {
        let schedule = self.active_schedule();
        let to = to.min(self.today);
        if from > to {
            return Tally::default();
        }
        let mut scheduled = schedule.count_between(from, to);
        if to == self.today && schedule.is_scheduled(to) && self.history.get(to).is_none() {
            scheduled -= 1;
        }
        Tally {
            scheduled,
            ..count_checkins(&schedule, self.history.between(from, to))
        }
    }

    /// Completion rate of `from ..= to` as a percentage (docs/product.md#derived-values).
    pub fn completion_rate(&self, from: Date, to: Date) -> Option<f64> {
        self.tally(from, to).rate()
    }

    /// For a habit with an end date: done ÷ (occurrences of the whole planned
    /// window − skipped), as a percentage.
    pub fn progress(&self) -> Option<f64> {
        let ends_on = self.schedule.ends_on()?;
        let starts_on = self.schedule.starts_on();
        let tally = Tally {
            scheduled: self.schedule.count_between(starts_on, ends_on),
            ..count_checkins(self.schedule, self.history.between(starts_on, ends_on))
        };
        tally.rate()
    }
}

fn count_checkins(schedule: &Schedule, checkins: &[crate::checkin::Checkin]) -> Tally {
    let mut tally = Tally::default();
    for checkin in checkins.iter().filter(|c| schedule.is_scheduled(c.date)) {
        match checkin.kind {
            CheckinKind::Done => tally.done += 1,
            CheckinKind::Skipped => tally.skipped += 1,
        }
    }
    tally
}
