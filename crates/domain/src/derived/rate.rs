use super::HabitOnDate;
use super::outcome::{Outcome, judge};
use crate::checkin::Checkin;
use crate::measure::Target;
use crate::pause::PauseSet;
use crate::schedule::Schedule;
use jiff::civil::Date;

/// Occurrences of a period: how many were scheduled, met (`done`) and
/// neutral (`skipped`: skips, and misses excused by a pause).
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

/// The check-ins on scheduled dates of a range, judged.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct LoggedCounts {
    pub met: u32,
    pub neutral: u32,
    /// Check-ins of any kind, and those of them on paused dates.
    pub logged: u32,
    pub paused_logged: u32,
}

impl LoggedCounts {
    pub fn of(
        schedule: &Schedule,
        pauses: &PauseSet,
        target: Option<Target>,
        checkins: &[Checkin],
    ) -> Self {
        let mut counts = Self::default();
        for checkin in checkins.iter().filter(|c| schedule.is_scheduled(c.date)) {
            let paused = pauses.contains(checkin.date);
            counts.logged += 1;
            counts.paused_logged += u32::from(paused);
            match judge(target, checkin, paused) {
                Outcome::Met => counts.met += 1,
                Outcome::Neutral | Outcome::Excused { .. } => counts.neutral += 1,
                Outcome::Missed { .. } => {}
            }
        }
        counts
    }
}

impl HabitOnDate<'_> {
    /// The closed occurrences of `from ..= to` while the habit was active;
    /// today's occurrence counts only once it no longer waits for a check-in.
    pub fn tally(&self, from: Date, to: Date) -> Tally {
        if let Some(periods) = self.periods() {
            return periods.tally(from, to);
        }
        let schedule = self.active_schedule();
        let Some(to) = self.last_closed_on(from, to) else {
            return Tally::default();
        };
        let counts = LoggedCounts::of(
            &schedule,
            self.pauses,
            self.target,
            self.history.between(from, to),
        );
        self.tally_of(&schedule, from, to, counts)
    }

    /// The last date of `from ..= to` whose occurrence is closed: `to`, but
    /// not past today, and yesterday while today still waits; `None` when
    /// nothing of the range is closed.
    pub(super) fn last_closed_on(&self, from: Date, to: Date) -> Option<Date> {
        let mut to = to.min(self.today);
        if to == self.today && self.today_is_open() {
            to = to.yesterday().ok()?;
        }
        (from <= to).then_some(to)
    }

    /// The tally of the closed range `from ..= to` from the judged
    /// check-ins on its scheduled dates.
    pub(super) fn tally_of(
        &self,
        schedule: &Schedule,
        from: Date,
        to: Date,
        counts: LoggedCounts,
    ) -> Tally {
        let scheduled = schedule.count_between(from, to);
        let unlogged = scheduled - counts.logged;
        if self.target.is_some_and(Target::is_at_most) {
            // Closed occurrences without a value count as 0: met.
            Tally {
                scheduled,
                done: counts.met + unlogged,
                skipped: counts.neutral,
            }
        } else {
            let paused_unlogged =
                self.pauses.scheduled_in(schedule, from, to) - counts.paused_logged;
            Tally {
                scheduled,
                done: counts.met,
                skipped: counts.neutral + paused_unlogged,
            }
        }
    }

    /// Completion rate of `from ..= to` as a percentage (docs/product.md#derived-values).
    pub fn completion_rate(&self, from: Date, to: Date) -> Option<f64> {
        self.tally(from, to).rate()
    }

    /// For a habit with an end date: met ÷ (occurrences of the whole planned
    /// window − neutral ones), as a percentage.
    pub fn progress(&self) -> Option<f64> {
        let ends_on = self.schedule.ends_on()?;
        if let Some(periods) = self.periods() {
            let (met, excusable_met) = periods.met_counts();
            return periods.progress(met, excusable_met);
        }
        let starts_on = self.schedule.starts_on();
        let counts = LoggedCounts::of(
            self.schedule,
            self.pauses,
            self.target,
            self.history.between(starts_on, ends_on),
        );
        let logged_active = self.logged_active();
        progress_of(
            self,
            counts.met,
            counts.neutral,
            counts.paused_logged,
            logged_active,
        )
    }

    /// Check-ins on the dates the habit was scheduled and active.
    pub(super) fn logged_active(&self) -> u32 {
        let schedule = self.active_schedule();
        let count = self
            .history
            .all()
            .iter()
            .filter(|checkin| schedule.is_scheduled(checkin.date))
            .count();
        u32::try_from(count).unwrap_or(u32::MAX)
    }

    /// Closed, active occurrences without a check-in.
    pub(super) fn unlogged_closed(&self, logged_active: u32) -> u32 {
        let schedule = self.active_schedule();
        self.last_closed_occurrence(&schedule)
            .map_or(0, |last| schedule.count_between(schedule.starts_on(), last))
            .saturating_sub(logged_active)
    }
}

/// Progress from the judged check-ins of the planned window: an `at_most`
/// habit adds its closed unlogged occurrences as met; the others leave
/// paused unlogged occurrences out as neutral.
pub(super) fn progress_of(
    habit: &HabitOnDate<'_>,
    met: u32,
    neutral: u32,
    paused_logged: u32,
    logged_active: u32,
) -> Option<f64> {
    let ends_on = habit.schedule.ends_on()?;
    let starts_on = habit.schedule.starts_on();
    let scheduled = habit.schedule.count_between(starts_on, ends_on);
    let tally = if habit.target.is_some_and(Target::is_at_most) {
        Tally {
            scheduled,
            done: met + habit.unlogged_closed(logged_active),
            skipped: neutral,
        }
    } else {
        let paused = habit
            .pauses
            .scheduled_in(habit.schedule, starts_on, ends_on);
        Tally {
            scheduled,
            done: met,
            skipped: neutral + paused.saturating_sub(paused_logged),
        }
    };
    tally.rate()
}
