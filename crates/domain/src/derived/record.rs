//! The running state behind streaks and strength: stepped once per closed
//! occurrence, and over runs of occurrences without check-ins in one step,
//! so its cost grows with the number of check-ins, not with the habit's age.
use super::outcome::Outcome;
use crate::measure::Target;
use crate::pause::PauseSet;
use crate::schedule::Schedule;
use jiff::civil::Date;

/// Loop Habit Tracker's daily multiplier: the strength moves halfway to
/// recent performance every 13 occurrences (docs/product.md#derived-values).
pub(super) fn multiplier() -> f64 {
    0.5f64.powf(1.0 / 13.0)
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Record {
    /// Met occurrences in the current run (neutral ones passed over).
    pub run: u32,
    pub best: u32,
    /// Strength from 0 to 1.
    pub strength: f64,
}

impl Record {
    /// Before the first occurrence: no run, and a strength of 0 — or 1 for
    /// an `at_most` habit, whose record starts clean.
    pub fn starting(target: Option<Target>) -> Self {
        let clean = target.is_some_and(Target::is_at_most);
        Self {
            run: 0,
            best: 0,
            strength: if clean { 1.0 } else { 0.0 },
        }
    }

    /// The record of a summary without a counted check-in.
    pub fn empty() -> Self {
        Self {
            run: 0,
            best: 0,
            strength: 0.0,
        }
    }

    pub fn apply(&mut self, outcome: Outcome) {
        let m = multiplier();
        match outcome {
            Outcome::Met => {
                self.run += 1;
                self.best = self.best.max(self.run);
                self.strength = self.strength * m + (1.0 - m);
            }
            Outcome::Missed { credit } => {
                self.run = 0;
                self.strength = self.strength * m + credit * (1.0 - m);
            }
            Outcome::Excused { credit } => {
                self.strength = self.strength.max(self.strength * m + credit * (1.0 - m));
            }
            Outcome::Neutral => {}
        }
    }

    /// Applies `count` met units in one step.
    pub fn pass_met(&mut self, count: u32) {
        if count > 0 {
            self.run += count;
            self.best = self.best.max(self.run);
            self.strength = 1.0 - (1.0 - self.strength) * multiplier().powi(count_exponent(count));
        }
    }

    /// Applies `count` missed units (credit 0) in one step.
    pub fn pass_missed(&mut self, count: u32) {
        if count > 0 {
            self.run = 0;
            self.strength *= multiplier().powi(count_exponent(count));
        }
    }

    /// Applies the scheduled occurrences of `from ..= to`, none of which has a
    /// check-in: for an `at_most` habit each counts as the value 0 (met);
    /// otherwise each is a miss, except on paused dates, where it is neutral.
    pub fn pass_unlogged(
        &mut self,
        schedule: &Schedule,
        pauses: &PauseSet,
        target: Option<Target>,
        from: Date,
        to: Date,
    ) {
        if to < from {
            return;
        }
        let count = schedule.count_between(from, to);
        if count == 0 {
            return;
        }
        if target.is_some_and(Target::is_at_most) {
            self.pass_met(count);
        } else {
            self.pass_missed(count - pauses.scheduled_in(schedule, from, to));
        }
    }
}

fn count_exponent(count: u32) -> i32 {
    i32::try_from(count).unwrap_or(i32::MAX)
}
