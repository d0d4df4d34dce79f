//! `times_per_period` habits (docs/product.md#n-times-per-period): every date
//! of the window accepts a check-in, and streaks, strength, rates and
//! progress count periods. A period is met when its done count reaches
//! `times`, or for a measurable habit when the sum of its values reaches the
//! target (`at_least`) or, once the period has ended, stays within it
//! (`at_most`). A period only partly inside the window, or touched by a
//! pause, is neutral unless met.
use super::HabitOnDate;
use super::outcome::Outcome;
use super::rate::Tally;
use super::record::Record;
use crate::checkin::{Checkin, CheckinKind};
use crate::measure::{Amount, Target};
use crate::schedule::{PeriodGrid, PeriodKind, Rule};
use jiff::civil::Date;

/// What a period holds: its done check-ins and the sum of their values.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct PeriodTotals {
    pub done: u32,
    pub sum: Amount,
}

impl PeriodTotals {
    fn of(checkins: &[Checkin]) -> Self {
        checkins
            .iter()
            .filter(|checkin| checkin.kind == CheckinKind::Done)
            .fold(Self::default(), |totals, checkin| Self {
                done: totals.done + 1,
                sum: totals.sum.saturating_add(checkin.value.unwrap_or_default()),
            })
    }
}

/// The periods of a habit's active window, seen on its `today`.
pub(super) struct Periods<'h, 'a> {
    habit: &'h HabitOnDate<'a>,
    grid: PeriodGrid,
    times: u8,
    first: Date,
    last: Option<Date>,
}

impl<'a> HabitOnDate<'a> {
    /// The periods of a `times_per_period` habit; `None` for the other rules.
    pub(super) fn periods(&self) -> Option<Periods<'_, 'a>> {
        let Rule::TimesPerPeriod { times, period } = *self.schedule.rule() else {
            return None;
        };
        let first = self.schedule.starts_on();
        Some(Periods {
            habit: self,
            grid: PeriodGrid::new(period, first),
            times: times.unwrap_or(1),
            first,
            last: self.active_schedule().ends_on(),
        })
    }
}

impl HabitOnDate<'_> {
    /// The first date whose check-in `tally(from, ..)` reads: `from`, or for
    /// a `times_per_period` habit the first day of the period holding it. A
    /// caller reads the history from there on, not the whole of it.
    pub fn tally_reads_from(&self, from: Date) -> Date {
        self.periods()
            .and_then(|periods| periods.range(periods.index_of(from.max(periods.first))))
            .map_or(from, |(start, _)| start.min(from))
    }
}

impl Periods<'_, '_> {
    pub fn kind(&self) -> PeriodKind {
        self.grid.kind()
    }

    /// `times` of a yes/no habit (1 when the config has none).
    pub fn times(&self) -> u8 {
        self.times
    }

    pub fn target(&self) -> Option<Target> {
        self.habit.target
    }

    pub fn index_of(&self, date: Date) -> i32 {
        self.grid.index_of(date)
    }

    /// The dates of period `index` inside the window, `None` when there are none.
    pub(super) fn range(&self, index: i32) -> Option<(Date, Date)> {
        let from = self.grid.first_day(index)?.max(self.first);
        let to = self.grid.last_day(index)?;
        let to = self.last.map_or(to, |last| to.min(last));
        (from <= to).then_some((from, to))
    }

    /// An end before the start leaves no period at all.
    fn is_empty(&self) -> bool {
        self.last.is_some_and(|last| last < self.first)
    }

    /// The last period of the window, `None` while it is open-ended or empty.
    fn last_index(&self) -> Option<i32> {
        self.last
            .filter(|_| !self.is_empty())
            .map(|last| self.index_of(last))
    }

    fn is_partial(&self, index: i32) -> bool {
        let full = (self.grid.first_day(index), self.grid.last_day(index));
        self.range(index)
            .is_none_or(|(from, to)| (Some(from), Some(to)) != full)
    }

    fn is_paused(&self, index: i32) -> bool {
        self.range(index)
            .is_some_and(|(from, to)| self.habit.pauses.within(from, to).next().is_some())
    }

    /// Neutral unless met: partly outside the window, or touched by a pause.
    pub fn is_excusable(&self, index: i32) -> bool {
        self.is_partial(index) || self.is_paused(index)
    }

    pub fn totals(&self, index: i32) -> PeriodTotals {
        self.range(index)
            .map_or_else(PeriodTotals::default, |(from, to)| {
                PeriodTotals::of(self.habit.history.between(from, to))
            })
    }

    pub fn is_met(&self, totals: PeriodTotals, closed: bool) -> bool {
        match self.habit.target {
            None => totals.done >= u32::from(self.times),
            Some(target) if target.is_at_most() => closed && target.is_met(totals.sum),
            Some(target) => target.is_met(totals.sum),
        }
    }

    fn credit(&self, totals: PeriodTotals) -> f64 {
        match self.habit.target {
            None => (f64::from(totals.done) / f64::from(self.times)).min(1.0),
            Some(target) => target.credit(totals.sum),
        }
    }

    /// How a closed period with these totals counts.
    pub fn outcome(&self, index: i32, totals: PeriodTotals) -> Outcome {
        let credit = self.credit(totals);
        if self.is_met(totals, true) {
            Outcome::Met
        } else if self.is_paused(index) {
            Outcome::Excused { credit }
        } else if self.is_partial(index) {
            Outcome::Neutral
        } else {
            Outcome::Missed { credit }
        }
    }

    /// The period holding today, while today lies in the window.
    pub fn current(&self) -> Option<i32> {
        let today = self.habit.today;
        (today >= self.first && self.last.is_none_or(|last| today <= last))
            .then(|| self.index_of(today))
    }

    /// The latest period that has ended by today.
    pub fn last_closed(&self) -> Option<i32> {
        let today = self.habit.today;
        if today < self.first || self.is_empty() {
            return None;
        }
        let last = match self.last {
            Some(last) if last < today => self.index_of(last),
            _ => self.index_of(today) - 1,
        };
        (last >= 0).then_some(last)
    }

    /// Periods `from ..= to` without a check-in, in one step: met for an
    /// `at_most` habit (a sum of 0), else missed unless excusable.
    pub fn pass_empty(&self, record: &mut Record, from: i32, to: i32) {
        if to < from {
            return;
        }
        let count = u32::try_from(to - from + 1).unwrap_or(u32::MAX);
        if self.habit.target.is_some_and(Target::is_at_most) {
            record.pass_met(count);
        } else {
            record.pass_missed(count - self.excusable_count(from, to));
        }
    }

    /// How many periods of `from ..= to` are excusable, counted per pause
    /// range and for the two ends of the window, not period by period.
    pub fn excusable_count(&self, from: i32, to: i32) -> u32 {
        let (Some((first_date, _)), Some((_, last_date))) = (self.range(from), self.range(to))
        else {
            return 0;
        };
        let mut spans: Vec<(i32, i32)> = self
            .habit
            .pauses
            .within(first_date, last_date)
            .map(|pause| (self.index_of(pause.from()), self.index_of(pause.to())))
            .collect();
        if self.is_partial(0) {
            spans.push((0, 0));
        }
        if let Some(last) = self.last_index().filter(|&last| self.is_partial(last)) {
            spans.push((last, last));
        }
        spans.sort_unstable();
        let mut count = 0;
        let mut covered_to = from - 1;
        for (a, b) in spans {
            let (a, b) = (a.max(from).max(covered_to + 1), b.min(to));
            if a <= b {
                count += b - a + 1;
                covered_to = b;
            }
        }
        u32::try_from(count).unwrap_or(0)
    }

    /// The streaks and strength through the closed period `last`.
    pub fn record_through(&self, last: i32) -> Record {
        let mut record = Record::starting(self.habit.target);
        let Some((_, last_date)) = self.range(last) else {
            return record;
        };
        let mut next = 0;
        for (index, totals) in self.logged_periods(last_date) {
            self.pass_empty(&mut record, next, index - 1);
            record.apply(self.outcome(index, totals));
            next = index + 1;
        }
        self.pass_empty(&mut record, next, last);
        record
    }

    /// The date of the last `done` in the window.
    pub fn last_done(&self) -> Option<Date> {
        let last = self.last.unwrap_or(Date::MAX);
        self.habit
            .history
            .between(self.first, last)
            .iter()
            .rev()
            .find(|checkin| checkin.kind == CheckinKind::Done)
            .map(|checkin| checkin.date)
    }

    /// The periods with check-ins up to `last_date`, with their totals.
    pub fn logged_periods(&self, last_date: Date) -> Vec<(i32, PeriodTotals)> {
        let checkins = self.habit.history.between(self.first, last_date);
        let mut periods: Vec<(i32, PeriodTotals)> = Vec::new();
        for checkin in checkins.iter().filter(|c| c.kind == CheckinKind::Done) {
            let index = self.index_of(checkin.date);
            let one = PeriodTotals::of(std::slice::from_ref(checkin));
            match periods.last_mut() {
                Some((last, totals)) if *last == index => {
                    totals.done += one.done;
                    totals.sum = totals.sum.saturating_add(one.sum);
                }
                _ => periods.push((index, one)),
            }
        }
        periods
    }

    /// The values of today, from the whole history.
    pub fn values_from_history(&self) -> PeriodValues {
        let closed = self.last_closed().map(|last| self.record_through(last));
        let current_met = self
            .current()
            .is_some_and(|index| self.is_met(self.totals(index), false));
        self.values(closed, current_met)
    }

    /// The values of today, from the record through the last closed period
    /// and whether the open current period is met.
    pub fn values(&self, closed: Option<Record>, current_met: bool) -> PeriodValues {
        let record = closed.unwrap_or_else(|| Record::starting(self.habit.target));
        let run = record.run + u32::from(current_met);
        let strength = match closed {
            Some(record) => record.strength,
            None if self.habit.today < self.first => 0.0,
            None => record.strength,
        };
        PeriodValues {
            current_streak: run,
            best_streak: record.best.max(run),
            strength,
            current_met,
        }
    }

    pub fn due_today(&self, current_met: bool, checked_in_today: bool) -> bool {
        !self.habit.is_archived()
            && !self.habit.paused_today()
            && self.current().is_some()
            && !current_met
            && !checked_in_today
    }

    /// Today while the current period is unmet and today open, else the first
    /// day of the next period; paused dates are passed over.
    pub fn next_open(&self, current_met: bool, checked_in_today: bool) -> Option<Date> {
        if self.habit.is_archived() {
            return None;
        }
        let today = self.habit.today;
        let candidate = if today < self.first {
            self.first
        } else if self.current().is_some() && !current_met && !checked_in_today {
            today
        } else {
            self.grid.first_day(self.index_of(today) + 1)?
        };
        self.habit
            .pauses
            .first_unpaused(&self.habit.active_schedule(), candidate)
    }

    /// Met ÷ counted periods, where the counted ones are the closed,
    /// non-neutral periods ending in `from ..= to`, and the current period once met.
    pub fn tally(&self, from: Date, to: Date) -> Tally {
        let today = self.habit.today;
        let mut tally = Tally::default();
        let to = to.min(today);
        if from > to || to < self.first {
            return tally;
        }
        for index in self.index_of(from.max(self.first))..=self.index_of(to) {
            let Some((_, end)) = self.range(index) else {
                continue;
            };
            let totals = self.totals(index);
            let counts = if end < today {
                if end < from || end > to {
                    continue;
                }
                match self.outcome(index, totals) {
                    Outcome::Met => Some(true),
                    Outcome::Missed { .. } => Some(false),
                    Outcome::Excused { .. } | Outcome::Neutral => None,
                }
            } else {
                // The current period, once met, when the range reaches today.
                (to == today && self.is_met(totals, false)).then_some(true)
            };
            if let Some(met) = counts {
                tally.scheduled += 1;
                tally.done += u32::from(met);
            }
        }
        tally
    }

    /// Progress over the periods of a window with an end: met periods ÷ the
    /// periods that are not excusable, plus the excusable ones once met.
    pub fn progress(&self, met: u32, excusable_met: u32) -> Option<f64> {
        let last = self.last_index()?;
        let total = u32::try_from(last + 1).ok()?;
        let excusable = self.excusable_count(0, last);
        super::percent(met, total - excusable + excusable_met)
    }

    /// Met and excusable-met periods of the window, today.
    pub fn met_counts(&self) -> (u32, u32) {
        let Some(last) = self.last_index() else {
            return (0, 0);
        };
        let today = self.habit.today;
        let mut met = (0, 0);
        for index in 0..=last {
            let closed = self.range(index).is_some_and(|(_, end)| end < today);
            if self.is_met(self.totals(index), closed) {
                met.0 += 1;
                met.1 += u32::from(self.is_excusable(index));
            }
        }
        met
    }
}

/// The derived values of a `times_per_period` habit for today.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct PeriodValues {
    pub current_streak: u32,
    pub best_streak: u32,
    pub strength: f64,
    pub current_met: bool,
}
