//! Measurable habits: met and missed values, open days, at_most's unlogged
//! days, partial credit (docs/product.md#measurable-habits).
use super::*;
use crate::measure::{Amount, Target, TargetType};
use crate::schedule::Rule;
use jiff::civil::date;

fn amount(text: &str) -> Amount {
    Amount::parse(text).unwrap()
}

fn target(text: &str, target_type: TargetType) -> Option<Target> {
    Some(Target::new(amount(text), target_type).unwrap())
}

fn habit<'a>(
    schedule: &'a Schedule,
    target: Option<Target>,
    checkins: &'a [Checkin],
    today: Date,
) -> HabitOnDate<'a> {
    HabitOnDate {
        schedule,
        archived_on: None,
        target,
        pauses: PauseSet::none(),
        history: History::new(checkins),
        today,
    }
}

fn log(day: i8, value: &str) -> Checkin {
    Checkin::logged(date(2026, 3, day), amount(value))
}

#[test]
fn at_least_a_value_below_target_is_a_recorded_miss_with_partial_credit() {
    let schedule = Schedule::new(Rule::Daily, date(2026, 3, 1), None);
    let run_5km = target("5", TargetType::AtLeast);
    let checkins = [
        log(1, "5"),
        log(2, "6"),
        log(3, "2.5"),
        log(4, "5"),
        log(5, "5"),
    ];
    let on_6th = habit(&schedule, run_5km, &checkins, date(2026, 3, 6));
    assert_eq!(on_6th.current_streak(), 2);
    assert_eq!(on_6th.best_streak(), 2);
    assert_eq!(
        on_6th.completion_rate(date(2026, 3, 1), date(2026, 3, 6)),
        Some(80.0)
    );
    // 1, 1, 0.5, 1, 1 stepped from 0.
    let m = record::multiplier();
    let expected = [1.0, 1.0, 0.5, 1.0, 1.0]
        .iter()
        .fold(0.0, |score, credit| score * m + credit * (1.0 - m));
    assert!((on_6th.raw_strength() - expected).abs() < 1e-12);
    // A full miss (no value) scores 0, less than the half credit.
    let without_the_3rd = [log(1, "5"), log(2, "6"), log(4, "5"), log(5, "5")];
    let lower = habit(&schedule, run_5km, &without_the_3rd, date(2026, 3, 6));
    assert!(lower.raw_strength() < on_6th.raw_strength());
}

#[test]
fn at_least_today_below_target_stays_due_and_open() {
    let schedule = Schedule::new(Rule::Daily, date(2026, 3, 1), None);
    let run_5km = target("5", TargetType::AtLeast);
    let partial_today = [log(1, "5"), log(2, "5"), log(3, "3")];
    let today = habit(&schedule, run_5km, &partial_today, date(2026, 3, 3));
    assert!(today.due_today());
    assert!(!today.done_today());
    assert_eq!(today.today_value(), Some(amount("3")));
    assert_eq!(
        today.current_streak(),
        2,
        "an open today neither counts nor breaks"
    );
    assert_eq!(today.next_scheduled_open(), Some(date(2026, 3, 3)));
    assert_eq!(
        today.completion_rate(date(2026, 3, 1), date(2026, 3, 3)),
        Some(100.0)
    );
    // The user logs a new total that reaches the target.
    let met_today = [log(1, "5"), log(2, "5"), log(3, "5.5")];
    let done = habit(&schedule, run_5km, &met_today, date(2026, 3, 3));
    assert!(!done.due_today());
    assert!(done.done_today());
    assert_eq!(done.current_streak(), 3);
    assert_eq!(done.next_scheduled_open(), Some(date(2026, 3, 4)));
    // The next day, the 3 left yesterday is a closed miss.
    let next_day = habit(&schedule, run_5km, &partial_today, date(2026, 3, 4));
    assert_eq!(next_day.current_streak(), 0);
}

#[test]
fn at_most_unlogged_closed_days_are_met_and_logged_excess_breaks() {
    let schedule = Schedule::new(Rule::Daily, date(2026, 3, 1), None);
    let at_most_2 = target("2", TargetType::AtMost);
    // Nothing logged for 9 closed days: 9 met, the streak grows without writes.
    let quiet = habit(&schedule, at_most_2, &[], date(2026, 3, 10));
    assert_eq!(quiet.current_streak(), 9);
    assert_eq!(quiet.best_streak(), 9);
    assert_eq!(quiet.strength(), 100);
    assert!(
        quiet.due_today(),
        "nothing logged today: still on today's list"
    );
    assert_eq!(
        quiet.completion_rate(date(2026, 3, 1), date(2026, 3, 10)),
        Some(100.0)
    );
    // A logged value over the target breaks the streak; one within keeps it.
    let checkins = [log(4, "3"), log(7, "2")];
    let logged = habit(&schedule, at_most_2, &checkins, date(2026, 3, 10));
    assert_eq!(logged.current_streak(), 5);
    assert_eq!(logged.best_streak(), 5);
    assert_eq!(
        logged.completion_rate(date(2026, 3, 1), date(2026, 3, 9)),
        Some(88.9)
    );
    // Credit for 3 over a target of 2 is 0.5: the score dips from 1 and recovers.
    assert!(logged.strength() < 100 && logged.strength() > 90);
    // Any value logged today ends today's due, met or not.
    let over_today = [log(10, "4")];
    let today = habit(&schedule, at_most_2, &over_today, date(2026, 3, 10));
    assert!(!today.due_today());
    assert!(!today.done_today());
    assert_eq!(today.current_streak(), 0);
    assert_eq!(today.best_streak(), 9);
}

#[test]
fn at_most_strength_starts_clean() {
    let schedule = Schedule::new(Rule::Daily, date(2026, 3, 1), None);
    let none = target("0", TargetType::AtMost);
    assert_eq!(
        habit(&schedule, none, &[], date(2026, 3, 1)).strength(),
        100
    );
    assert_eq!(habit(&schedule, none, &[], date(2026, 2, 27)).strength(), 0);
    let slip = [log(1, "1")];
    // A target of 0 gives no partial credit: 1 − m after one step.
    assert_eq!(
        habit(&schedule, none, &slip, date(2026, 3, 2)).strength(),
        95
    );
    assert_eq!(habit(&schedule, None, &[], date(2026, 3, 1)).strength(), 0);
}

#[test]
fn a_done_without_value_counts_as_met_after_a_kind_change() {
    let schedule = Schedule::new(Rule::Daily, date(2026, 3, 1), None);
    let checkins = [Checkin::done(date(2026, 3, 1)), log(2, "1")];
    let now_measured = habit(
        &schedule,
        target("5", TargetType::AtLeast),
        &checkins,
        date(2026, 3, 3),
    );
    assert_eq!(now_measured.best_streak(), 1);
    assert_eq!(now_measured.current_streak(), 0);
    // And back to yes/no: every done counts.
    let yes_no = habit(&schedule, None, &checkins, date(2026, 3, 3));
    assert_eq!(yes_no.current_streak(), 2);
}

#[test]
fn progress_of_measurable_habits() {
    let schedule = Schedule::new(Rule::Daily, date(2026, 3, 1), Some(date(2026, 3, 10)));
    let checkins = [log(1, "5"), log(2, "1"), Checkin::skipped(date(2026, 3, 3))];
    let at_least = habit(
        &schedule,
        target("5", TargetType::AtLeast),
        &checkins,
        date(2026, 3, 5),
    );
    // 1 met of 10 − 1 skipped.
    assert_eq!(at_least.progress(), Some(11.1));
    let at_most = habit(
        &schedule,
        target("2", TargetType::AtMost),
        &checkins,
        date(2026, 3, 5),
    );
    // Met: the 1st? no (5 > 2); the 2nd (1); the 4th unlogged and closed: 2 of 9.
    assert_eq!(at_most.progress(), Some(22.2));
}
