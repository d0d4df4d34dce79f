//! How far the current period of a `times_per_period` habit has got
//! (docs/schedules.md#n-times-per-period): "2 of 3 this week", or for a
//! measurable habit "90 of 150 min this week". Read from the summary, which
//! keeps the totals of the period of the last `done`: no history is needed.
use super::HabitOnDate;
use super::periods::{PeriodTotals, Periods};
use super::summary::FromSummary;
use crate::measure::{Amount, Target};
use crate::schedule::PeriodKind;
use jiff::civil::Date;

/// What the current period counts towards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodGoal {
    /// A yes/no habit: `done` check-ins out of `times`.
    Times(u8),
    /// A measurable habit: the sum of the period's values against the target.
    Sum { sum: Amount, target: Target },
}

/// The current period of a `times_per_period` habit, as of today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeriodProgress {
    pub period: PeriodKind,
    /// The period's first and last dates inside the habit's window.
    pub from: Date,
    pub to: Date,
    /// The `done` check-ins of the period so far.
    pub done: u32,
    pub goal: PeriodGoal,
    /// Met already (an `at_most` period is judged only once it has ended).
    pub met: bool,
}

impl Periods<'_, '_> {
    /// The progress of the period holding today, given its totals so far.
    pub fn current_progress(&self, totals: PeriodTotals) -> Option<PeriodProgress> {
        let index = self.current()?;
        let (from, to) = self.range(index)?;
        let goal = match self.target() {
            None => PeriodGoal::Times(self.times()),
            Some(target) => PeriodGoal::Sum {
                sum: totals.sum,
                target,
            },
        };
        Some(PeriodProgress {
            period: self.kind(),
            from,
            to,
            done: totals.done,
            goal,
            met: self.is_met(totals, false),
        })
    }
}

impl HabitOnDate<'_> {
    /// The current period's progress from the whole history.
    pub fn current_period(&self) -> Option<PeriodProgress> {
        let periods = self.periods()?;
        let current = periods.current()?;
        periods.current_progress(periods.totals(current))
    }
}

impl FromSummary<'_> {
    /// The current period's progress for a `times_per_period` habit whose
    /// window holds today; `None` for the other rules. The summary's totals
    /// are those of the period of the last `done`: the current period's when
    /// that `done` lies in it, else the current period has none yet.
    pub fn current_period(&self) -> Option<PeriodProgress> {
        self.with_today(|habit| {
            let periods = habit.periods()?;
            let current = periods.current()?;
            let totals = match self.summary.last_checkin {
                Some(last) if periods.index_of(last) == current => PeriodTotals {
                    done: self.summary.last_period_done,
                    sum: self.summary.last_period_sum,
                },
                _ => PeriodTotals::default(),
            };
            periods.current_progress(totals)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkin::Checkin;
    use crate::derived::{History, HistorySummary};
    use crate::measure::TargetType;
    use crate::pause::PauseSet;
    use crate::schedule::{Rule, Schedule};
    use jiff::civil::date;

    fn progress_on(
        schedule: &Schedule,
        target: Option<Target>,
        checkins: &[Checkin],
        today: Date,
    ) -> (Option<PeriodProgress>, Option<PeriodProgress>) {
        let pauses = PauseSet::default();
        let habit = HabitOnDate {
            schedule,
            archived_on: None,
            target,
            pauses: &pauses,
            history: History::new(checkins),
            today,
        };
        let summary: HistorySummary = habit.summarize();
        let from_summary = FromSummary {
            schedule,
            archived_on: None,
            target,
            pauses: &pauses,
            summary,
            today_checkin: habit.history.get(today),
            today_value: habit.today_value(),
            today,
        };
        (habit.current_period(), from_summary.current_period())
    }

    #[test]
    fn three_a_week_counts_the_current_week_only() {
        // Starts on Wednesday 4 March 2026: its first week is 4–8 March.
        let schedule = Schedule::new(
            Rule::TimesPerPeriod {
                times: Some(3),
                period: PeriodKind::Week,
            },
            date(2026, 3, 4),
            None,
        );
        let checkins = [
            Checkin::done(date(2026, 3, 5)),
            Checkin::done(date(2026, 3, 9)),
            Checkin::done(date(2026, 3, 11)),
        ];
        let (full, summed) = progress_on(&schedule, None, &checkins[..1], date(2026, 3, 6));
        assert_eq!(full, summed);
        let first_week = full.expect("a current week");
        assert_eq!(
            (first_week.from, first_week.to),
            (date(2026, 3, 4), date(2026, 3, 8))
        );
        assert_eq!((first_week.done, first_week.met), (1, false));
        assert_eq!(first_week.goal, PeriodGoal::Times(3));
        // The next week starts empty, then fills.
        let (full, summed) = progress_on(&schedule, None, &checkins[..1], date(2026, 3, 9));
        assert_eq!(full, summed);
        assert_eq!(full.map(|p| p.done), Some(0));
        let (full, summed) = progress_on(&schedule, None, &checkins, date(2026, 3, 12));
        assert_eq!(full, summed);
        assert_eq!(full.map(|p| (p.from, p.done)), Some((date(2026, 3, 9), 2)));
        // Before the start there is no current period.
        assert_eq!(
            progress_on(&schedule, None, &[], date(2026, 3, 1)),
            (None, None)
        );
    }

    #[test]
    fn a_measurable_month_sums_its_values() {
        let schedule = Schedule::new(
            Rule::TimesPerPeriod {
                times: None,
                period: PeriodKind::Month,
            },
            date(2026, 1, 10),
            None,
        );
        let minutes = |n: i64| Amount::from_thousandths(n * 1000).expect("an amount");
        let target = Target::new(minutes(150), TargetType::AtLeast).expect("a target");
        let checkins = [
            Checkin::logged(date(2026, 2, 3), minutes(60)),
            Checkin::logged(date(2026, 2, 10), minutes(30)),
        ];
        let (full, summed) = progress_on(&schedule, Some(target), &checkins, date(2026, 2, 11));
        assert_eq!(full, summed);
        let february = full.expect("a current month");
        assert_eq!(
            february.goal,
            PeriodGoal::Sum {
                sum: minutes(90),
                target
            }
        );
        assert_eq!((february.done, february.met), (2, false));
        assert_eq!(february.to, date(2026, 2, 28));
    }
}
