//! A habit's history in a few numbers (docs/product.md#performance): enough to derive every
//! value for any later "today" without reading the history again. Kept up to
//! date with every check-in and pause write, recomputable from the history at any time.
use super::periods::{PeriodTotals, PeriodValues, Periods};
use super::rate::{LoggedCounts, Tally, progress_of};
use super::record::Record;
use super::{HabitOnDate, History};
use crate::checkin::{Checkin, CheckinKind};
use crate::measure::{Amount, Target};
use crate::pause::PauseSet;
use crate::schedule::{Rule, Schedule};
use jiff::civil::Date;

/// The history of one habit, summed up as of its last counted check-in.
///
/// For a `times_per_period` habit the same numbers speak of periods: the
/// record is taken through the period of the last `done`, `done` counts the
/// met periods with check-ins, `skipped` those of them that are excusable
/// (partial or paused), `paused_logged` the excusable periods with check-ins
/// and `logged_active` the periods with check-ins — each judged as if closed.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct HistorySummary {
    /// The last check-in on a date the habit was scheduled and active.
    pub last_checkin: Option<Date>,
    /// Met occurrences in the run of consecutive occurrences ending there.
    pub run_done: u32,
    pub best_streak: u32,
    /// Strength (0–1) through `last_checkin`.
    pub strength: f64,
    /// Met and neutral check-ins on the planned schedule's dates (for progress).
    pub done: u32,
    pub skipped: u32,
    /// The run and strength through the occurrence before `last_checkin`:
    /// they apply while that check-in is today's `at_least` value below the
    /// target, which leaves today open.
    pub run_before_last: u32,
    pub strength_before_last: f64,
    /// Check-ins on paused dates of the planned schedule (for progress).
    pub paused_logged: u32,
    /// Check-ins on the dates the habit was scheduled and active (for the
    /// `at_most` progress, whose unlogged closed occurrences are met).
    pub logged_active: u32,
    /// The best streak through the occurrence or period before `last_checkin`.
    pub best_before_last: u32,
    /// For `times_per_period`: the done count and the sum of the values of
    /// the period holding `last_checkin`, which may still be open.
    pub last_period_done: u32,
    pub last_period_sum: Amount,
}

impl HistorySummary {
    fn at_last(&self) -> Record {
        Record {
            run: self.run_done,
            best: self.best_streak,
            strength: self.strength,
        }
    }

    fn before_last(&self) -> Record {
        Record {
            run: self.run_before_last,
            best: self.best_before_last,
            strength: self.strength_before_last,
        }
    }
}

impl HabitOnDate<'_> {
    /// Sums up the whole history. The result does not depend on `today`
    /// (check-ins are never in the future), only on the schedule, the archive
    /// date, the target, the pauses and the check-ins.
    pub fn summarize(&self) -> HistorySummary {
        let schedule = self.active_schedule();
        let last = self
            .history
            .all()
            .iter()
            .rev()
            .find(|c| schedule.is_scheduled(c.date))
            .map(|c| c.date);
        if let Some(periods) = self.periods() {
            return summarize_periods(&periods);
        }
        let counts = LoggedCounts::of(self.schedule, self.pauses, self.target, self.history.all());
        let mut summary = HistorySummary {
            last_checkin: last,
            done: counts.met,
            skipped: counts.neutral,
            paused_logged: counts.paused_logged,
            logged_active: self.logged_active(),
            ..HistorySummary::default()
        };
        if let Some(last) = last {
            let at_last = self.record_through(&schedule, last);
            let before_last = schedule
                .previous_scheduled(last)
                .map_or(Record::starting(self.target), |previous| {
                    self.record_through(&schedule, previous)
                });
            summary.keep_records(&at_last, &before_last);
        }
        summary
    }
}

impl HistorySummary {
    /// Keeps the record through the last counted check-in and through the
    /// occurrence or period before it (which a later today may still see open).
    pub(super) fn keep_records(&mut self, at_last: &Record, before_last: &Record) {
        self.run_done = at_last.run;
        self.best_streak = at_last.best;
        self.strength = at_last.strength;
        self.run_before_last = before_last.run;
        self.best_before_last = before_last.best;
        self.strength_before_last = before_last.strength;
    }
}

/// The summary of a `times_per_period` habit, as of its last `done` (its
/// periods count nothing else): the record through the period of that check-in and through the one before (that period may still be
/// open on a later today), its totals, and for progress the met, excusable
/// met, excusable and logged periods, each judged as if closed.
fn summarize_periods(periods: &Periods<'_, '_>) -> HistorySummary {
    let Some(last) = periods.last_done() else {
        return HistorySummary::default();
    };
    let mut summary = HistorySummary {
        last_checkin: Some(last),
        ..HistorySummary::default()
    };
    let last_period = periods.index_of(last);
    let at_last = periods.record_through(last_period);
    let before_last = periods.record_through(last_period - 1);
    let totals = periods.totals(last_period);
    summary.keep_records(&at_last, &before_last);
    summary.last_period_done = totals.done;
    summary.last_period_sum = totals.sum;
    for (index, totals) in periods.logged_periods(last) {
        let excusable = periods.is_excusable(index);
        summary.logged_active += 1;
        summary.paused_logged += u32::from(excusable);
        if periods.is_met(totals, true) {
            summary.done += 1;
            summary.skipped += u32::from(excusable);
        }
    }
    summary
}

/// Whether a habit's lifetime tally comes from its summary
/// (`FromSummary::lifetime_tally`): a yes/no habit's check-ins are judged by
/// their kind and date alone, and while the habit is not archived its
/// summary counts them on the same schedule as the tally. Measurable habits
/// (judged by their values), `times_per_period` ones (judged by their
/// periods) and archived ones are tallied from their history
/// (docs/architecture.md#check-in-month-aggregates).
pub fn tallies_lifetime_from_summary(
    schedule: &Schedule,
    target: Option<Target>,
    archived: bool,
) -> bool {
    target.is_none() && !archived && !matches!(schedule.rule(), Rule::TimesPerPeriod { .. })
}

/// The values of docs/product.md#derived-values for `today`, from a summary,
/// today's check-in and the pauses: a bounded amount of data, whatever the
/// length of the history.
pub struct FromSummary<'a> {
    pub schedule: &'a Schedule,
    pub archived_on: Option<Date>,
    pub target: Option<Target>,
    pub pauses: &'a PauseSet,
    pub summary: HistorySummary,
    pub today_checkin: Option<CheckinKind>,
    /// The value of today's check-in on a measurable habit.
    pub today_value: Option<Amount>,
    pub today: Date,
}

impl FromSummary<'_> {
    /// Answers with the habit as seen today, knowing only today's check-in.
    pub(super) fn with_today<R>(&self, answer: impl FnOnce(&HabitOnDate<'_>) -> R) -> R {
        let today = self.today_checkin.map(|kind| Checkin {
            date: self.today,
            kind,
            value: self.today_value,
        });
        answer(&HabitOnDate {
            schedule: self.schedule,
            archived_on: self.archived_on,
            target: self.target,
            pauses: self.pauses,
            history: History::new(today.as_slice()),
            today: self.today,
        })
    }

    /// For a `times_per_period` habit, answers with its periods and today's
    /// values: the summary's record, completed by the empty periods since.
    fn with_periods<R>(
        &self,
        answer: impl FnOnce(&Periods<'_, '_>, PeriodValues) -> R,
    ) -> Option<R> {
        self.with_today(|habit| {
            let periods = habit.periods()?;
            let logged = self.summary.last_checkin.map(|date| periods.index_of(date));
            let last_totals = PeriodTotals {
                done: self.summary.last_period_done,
                sum: self.summary.last_period_sum,
            };
            let current = periods.current();
            let current_met =
                current.is_some() && current == logged && periods.is_met(last_totals, false);
            let closed = periods.last_closed().map(|last_closed| match logged {
                None => {
                    let mut record = Record::starting(self.target);
                    periods.pass_empty(&mut record, 0, last_closed);
                    record
                }
                Some(logged) if logged <= last_closed => {
                    let mut record = self.summary.at_last();
                    periods.pass_empty(&mut record, logged + 1, last_closed);
                    record
                }
                Some(_) => self.summary.before_last(),
            });
            Some(answer(&periods, periods.values(closed, current_met)))
        })
    }

    /// Progress of a `times_per_period` habit: the summary's counts, less an
    /// open `at_most` period judged as closed, plus the closed empty periods
    /// an `at_most` habit meets.
    fn period_progress(&self, periods: &Periods<'_, '_>) -> Option<f64> {
        let summary = &self.summary;
        let (mut met, mut excusable_met) = (summary.done, summary.skipped);
        let open_logged = summary
            .last_checkin
            .map(|date| periods.index_of(date))
            .filter(|&index| periods.current() == Some(index));
        if self.target.is_some_and(Target::is_at_most) {
            let (mut logged_closed, mut excusable_logged_closed) =
                (summary.logged_active, summary.paused_logged);
            if let Some(open) = open_logged {
                let excusable = u32::from(periods.is_excusable(open));
                logged_closed -= 1;
                excusable_logged_closed -= excusable;
                let last_totals = PeriodTotals {
                    done: summary.last_period_done,
                    sum: summary.last_period_sum,
                };
                if periods.is_met(last_totals, true) {
                    met -= 1;
                    excusable_met -= excusable;
                }
            }
            if let Some(last_closed) = periods.last_closed() {
                let closed = u32::try_from(last_closed + 1).unwrap_or(0);
                met += closed - logged_closed;
                excusable_met += periods.excusable_count(0, last_closed) - excusable_logged_closed;
            }
        }
        periods.progress(met, excusable_met)
    }

    /// The record through the last closed occurrence: the summary's,
    /// completed by the occurrences since the last check-in.
    fn closed_record(&self) -> Option<Record> {
        self.with_today(|habit| {
            let schedule = habit.active_schedule();
            let last_closed = habit.last_closed_occurrence(&schedule)?;
            let (mut record, next) = match self.summary.last_checkin {
                None => (
                    Record::starting(self.target),
                    schedule.first_on_or_after(schedule.starts_on()),
                ),
                Some(last) if last <= last_closed => {
                    (self.summary.at_last(), schedule.next_scheduled(last))
                }
                // Today's value below an `at_least` target: today is still open.
                Some(_) => return Some(self.summary.before_last()),
            };
            if let Some(from) = next {
                record.pass_unlogged(&schedule, self.pauses, self.target, from, last_closed);
            }
            Some(record)
        })
    }

    pub fn current_streak(&self) -> u32 {
        if let Some(values) = self.with_periods(|_, values| values) {
            return values.current_streak;
        }
        self.closed_record().map_or(0, |record| record.run)
    }

    pub fn best_streak(&self) -> u32 {
        if let Some(values) = self.with_periods(|_, values| values) {
            return values.best_streak;
        }
        self.closed_record().map_or(0, |record| record.best)
    }

    pub fn strength(&self) -> u8 {
        let score = match (self.with_periods(|_, values| values), self.closed_record()) {
            (Some(values), _) => values.strength,
            (None, Some(record)) => record.strength,
            (None, None) if self.today < self.schedule.starts_on() => 0.0,
            (None, None) => Record::starting(self.target).strength,
        };
        (score * 100.0).round().clamp(0.0, 100.0) as u8
    }

    pub fn progress(&self) -> Option<f64> {
        self.schedule.ends_on()?;
        if let Some(progress) = self.with_periods(|periods, _| self.period_progress(periods)) {
            return progress;
        }
        self.with_today(|habit| {
            progress_of(
                habit,
                self.summary.done,
                self.summary.skipped,
                self.summary.paused_logged,
                self.summary.logged_active,
            )
        })
    }

    /// The tally of `from ..= today` when no check-in is dated before
    /// `from` (the whole life of the habit, for the all-time statistics),
    /// from the summary's counts instead of the history, for the habits
    /// `tallies_lifetime_from_summary` names; `None` for the others.
    pub fn lifetime_tally(&self, from: Date) -> Option<Tally> {
        if !tallies_lifetime_from_summary(self.schedule, self.target, self.archived_on.is_some()) {
            return None;
        }
        Some(self.with_today(|habit| {
            let Some(to) = habit.last_closed_on(from, self.today) else {
                return Tally::default();
            };
            let counts = LoggedCounts {
                met: self.summary.done,
                neutral: self.summary.skipped,
                logged: self.summary.logged_active,
                paused_logged: self.summary.paused_logged,
            };
            habit.tally_of(self.schedule, from, to, counts)
        }))
    }

    pub fn is_archived(&self) -> bool {
        self.with_today(|habit| habit.is_archived())
    }

    pub fn due_today(&self) -> bool {
        let checked_in = self.today_checkin.is_some();
        self.with_periods(|periods, values| periods.due_today(values.current_met, checked_in))
            .unwrap_or_else(|| self.with_today(|habit| habit.due_today()))
    }

    pub fn done_today(&self) -> bool {
        self.with_today(|habit| habit.done_today())
    }

    pub fn skipped_today(&self) -> bool {
        self.today_checkin == Some(CheckinKind::Skipped)
    }

    pub fn paused_today(&self) -> bool {
        self.pauses.contains(self.today)
    }

    /// The first scheduled, unpaused date ≥ today that still waits for a check-in.
    pub fn next_scheduled_open(&self) -> Option<Date> {
        let checked_in = self.today_checkin.is_some();
        self.with_periods(|periods, values| periods.next_open(values.current_met, checked_in))
            .unwrap_or_else(|| self.with_today(|habit| habit.next_scheduled_open()))
    }
}
