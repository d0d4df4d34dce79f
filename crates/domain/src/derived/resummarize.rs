//! A habit's summary brought up to date after one check-in write without
//! reading its whole history (docs/architecture.md#check-in-writes).
//!
//! Each counted check-in (on a date the habit was scheduled and active) keeps
//! the record — run, best streak, strength — through itself. A write on a
//! date then folds only the check-ins from that date on, starting from the
//! record of the last counted check-in before it: for today's check-in or its
//! undo that is one or two rows, for an edit in the past the rows since. The
//! counts move by what the old and the new check-in of the date contribute.
//! The fold performs the same floating-point steps as the full one
//! (`summarize`), so both give equal summaries, bit for bit.
use super::HabitOnDate;
use super::outcome::judge;
use super::rate::LoggedCounts;
use super::record::Record;
use super::summary::HistorySummary;
use crate::checkin::Checkin;
use crate::schedule::Schedule;
use jiff::civil::Date;

/// The record through one counted check-in, stored with it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CheckinState {
    pub run: u32,
    pub best: u32,
    /// Strength from 0 to 1.
    pub strength: f64,
}

impl CheckinState {
    fn of(record: Record) -> Self {
        Self {
            run: record.run,
            best: record.best,
            strength: record.strength,
        }
    }

    fn record(self) -> Record {
        Record {
            run: self.run,
            best: self.best,
            strength: self.strength,
        }
    }
}

/// A counted check-in's date and the record through it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Anchor {
    pub date: Date,
    pub state: CheckinState,
}

/// A summary and the state of each check-in it was computed from, by date
/// (`None` for a check-in that is not counted).
#[derive(Debug, Clone, PartialEq)]
pub struct Resummarized {
    pub summary: HistorySummary,
    pub states: Vec<(Date, Option<CheckinState>)>,
}

/// What a check-in write changed, as the store reads it inside the write's
/// transaction: bounded by the check-ins dated on or after the write.
#[derive(Debug, Clone, Copy)]
pub struct CheckinChange<'a> {
    /// The stored summary before the write.
    pub summary: HistorySummary,
    /// The date's check-in before and after the write.
    pub before: Option<Checkin>,
    pub after: Option<Checkin>,
    /// The last two counted check-ins before the date with their states,
    /// latest first (fewer when there are fewer).
    pub anchors: &'a [Anchor],
    /// The check-ins dated on or after the written date, after the write, by date.
    pub tail: &'a [Checkin],
}

/// What one check-in adds to a summary's counts.
#[derive(Debug, Clone, Copy, Default)]
struct Contribution {
    met: u32,
    neutral: u32,
    paused_logged: u32,
    logged_active: u32,
}

impl HabitOnDate<'_> {
    /// The summary of the whole history with the state of every check-in:
    /// what a write stores when the states are missing or stale.
    pub fn summarize_with_states(&self) -> Resummarized {
        let summary = self.summarize();
        let states = if self.periods().is_some() {
            self.history.all().iter().map(|c| (c.date, None)).collect()
        } else {
            let schedule = self.active_schedule();
            self.fold(&schedule, &[], self.history.all()).states
        };
        Resummarized { summary, states }
    }

    /// The summary after one check-in write, from the stored one and the
    /// check-ins from the written date on; `None` when this habit's summary
    /// cannot be brought up to date that way (a `times_per_period` habit,
    /// whose periods span the write) or the stored counts do not add up.
    pub fn resummarize_after(&self, change: &CheckinChange<'_>) -> Option<Resummarized> {
        if self.periods().is_some() {
            return None;
        }
        let schedule = self.active_schedule();
        let removed = change.before.map(|c| self.contribution(&schedule, &c));
        let added = change.after.map(|c| self.contribution(&schedule, &c));
        let (removed, added) = (removed.unwrap_or_default(), added.unwrap_or_default());
        let move_count = |count: u32, add: u32, remove: u32| (count + add).checked_sub(remove);
        let mut summary = change.summary;
        summary.done = move_count(summary.done, added.met, removed.met)?;
        summary.skipped = move_count(summary.skipped, added.neutral, removed.neutral)?;
        summary.paused_logged = move_count(
            summary.paused_logged,
            added.paused_logged,
            removed.paused_logged,
        )?;
        summary.logged_active = move_count(
            summary.logged_active,
            added.logged_active,
            removed.logged_active,
        )?;
        let folded = self.fold(&schedule, change.anchors, change.tail);
        summary.last_checkin = folded.last.map(|anchor| anchor.date);
        let (at_last, before_last) = match folded.last {
            Some(last) => (
                last.state.record(),
                self.record_before(&schedule, last.date, folded.previous),
            ),
            None => (Record::empty(), Record::empty()),
        };
        summary.keep_records(&at_last, &before_last);
        Some(Resummarized {
            summary,
            states: folded.states,
        })
    }

    fn contribution(&self, schedule: &Schedule, checkin: &Checkin) -> Contribution {
        let counts = LoggedCounts::of(
            self.schedule,
            self.pauses,
            self.target,
            std::slice::from_ref(checkin),
        );
        Contribution {
            met: counts.met,
            neutral: counts.neutral,
            paused_logged: counts.paused_logged,
            logged_active: u32::from(schedule.is_scheduled(checkin.date)),
        }
    }

    /// Folds `checkins` (sorted) from the record of `anchors[0]` — or from
    /// the start of the schedule — exactly as `record_through` does.
    fn fold(&self, schedule: &Schedule, anchors: &[Anchor], checkins: &[Checkin]) -> Folded {
        let mut last = anchors.first().copied();
        let mut previous = anchors.get(1).copied();
        let (mut record, mut next_unjudged) = match last {
            Some(anchor) => (anchor.state.record(), schedule.next_scheduled(anchor.date)),
            None => (
                Record::starting(self.target),
                schedule.first_on_or_after(schedule.starts_on()),
            ),
        };
        let mut states = Vec::with_capacity(checkins.len());
        for checkin in checkins {
            if !schedule.is_scheduled(checkin.date) {
                states.push((checkin.date, None));
                continue;
            }
            if let (Some(from), Some(before)) = (next_unjudged, checkin.date.yesterday().ok()) {
                record.pass_unlogged(schedule, self.pauses, self.target, from, before);
            }
            record.apply(judge(
                self.target,
                checkin,
                self.pauses.contains(checkin.date),
            ));
            let anchor = Anchor {
                date: checkin.date,
                state: CheckinState::of(record),
            };
            states.push((checkin.date, Some(anchor.state)));
            previous = last;
            last = Some(anchor);
            next_unjudged = schedule.next_scheduled(checkin.date);
        }
        Folded {
            states,
            last,
            previous,
        }
    }

    /// The record through the occurrence before `last`, from the counted
    /// check-in before `last`: what `record_through` gives for that occurrence.
    fn record_before(&self, schedule: &Schedule, last: Date, previous: Option<Anchor>) -> Record {
        let Some(occurrence) = schedule.previous_scheduled(last) else {
            return Record::starting(self.target);
        };
        let (mut record, next_unjudged) = match previous {
            Some(anchor) => (anchor.state.record(), schedule.next_scheduled(anchor.date)),
            None => (
                Record::starting(self.target),
                schedule.first_on_or_after(schedule.starts_on()),
            ),
        };
        if let Some(from) = next_unjudged {
            record.pass_unlogged(schedule, self.pauses, self.target, from, occurrence);
        }
        record
    }
}

/// The states of a fold, its last counted check-in and the one before.
struct Folded {
    states: Vec<(Date, Option<CheckinState>)>,
    last: Option<Anchor>,
    previous: Option<Anchor>,
}
