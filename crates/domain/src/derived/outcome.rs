//! How one closed occurrence counts (docs/product.md#measurable-habits,
//! docs/product.md#pauses-and-vacations).
use crate::checkin::{Checkin, CheckinKind};
use crate::measure::Target;

/// What a closed occurrence with a check-in does to streaks, rates and strength.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Outcome {
    /// Done, or a value that meets the target: extends the streak, credit 1.
    Met,
    /// A value that misses the target: breaks the streak, partial credit.
    Missed { credit: f64 },
    /// A miss on a paused date: neutral for streaks and rates, and the
    /// strength takes its partial credit only when that raises it, so a
    /// pause never makes a value worse.
    Excused { credit: f64 },
    /// A skip: neutral everywhere.
    Neutral,
}

/// Whether a `done` meets the habit's target. A `done` without a value (one
/// recorded while the habit was a yes/no habit) counts as meeting it.
pub(super) fn meets_target(target: Option<Target>, checkin: &Checkin) -> bool {
    checkin.kind == CheckinKind::Done
        && match (target, checkin.value) {
            (Some(target), Some(value)) => target.is_met(value),
            _ => true,
        }
}

pub(super) fn judge(target: Option<Target>, checkin: &Checkin, paused: bool) -> Outcome {
    if checkin.kind == CheckinKind::Skipped {
        return Outcome::Neutral;
    }
    if meets_target(target, checkin) {
        return Outcome::Met;
    }
    let credit = match (target, checkin.value) {
        (Some(target), Some(value)) => target.credit(value),
        _ => 0.0,
    };
    if paused {
        Outcome::Excused { credit }
    } else {
        Outcome::Missed { credit }
    }
}

/// Whether the day's occurrence still waits for the user: nothing logged, or
/// (for an `at_least` habit) a value below the target, which the user may
/// replace with a new total. While it waits, it neither counts nor breaks.
pub(super) fn awaits_checkin(target: Option<Target>, checkin: Option<&Checkin>) -> bool {
    match checkin {
        None => true,
        Some(checkin) => {
            checkin.kind == CheckinKind::Done
                && target.is_some_and(|target| !target.is_at_most())
                && !meets_target(target, checkin)
        }
    }
}
