//! Loop Habit Tracker's published score tables for numerical habits
//! (uhabits-core, `ScoreListTest`: `NumericalAtLeastScoreListTest`,
//! `NumericalAtLeastScoreListWithSkipTest`, `NumericalAtMostScoreListTest`),
//! reproduced row by row. Loop's habit there is daily with a target of 2;
//! row `k` is the score `k` days before Loop's "today", after that day's entry.
use super::*;
use crate::calendar::add_days;
use crate::measure::{Amount, Target, TargetType};
use crate::schedule::Rule;
use jiff::civil::date;

const LAST_DAY: Date = date(2026, 6, 30);

fn day(days_before: i32) -> Date {
    add_days(LAST_DAY, -days_before).unwrap()
}

fn amount(units: i64) -> Amount {
    Amount::from_thousandths(units * 1000).unwrap()
}

/// Loop's `addEntries(from, to, value)`: the days `from..to` before the last day.
fn entries(checkins: &mut Vec<Checkin>, from: i32, to: i32, value: Option<i64>) {
    for days_before in from..to {
        checkins.push(match value {
            Some(units) => Checkin::logged(day(days_before), amount(units)),
            None => Checkin::skipped(day(days_before)),
        });
    }
}

/// Our strength on each of the table's days, with the history up to that day.
fn assert_rows(
    target_type: TargetType,
    starts_on: Date,
    checkins: &mut [Checkin],
    expected: &[f64],
) {
    checkins.sort_by_key(|c| c.date);
    let schedule = Schedule::new(Rule::Daily, starts_on, None);
    let target = Target::new(amount(2), target_type).unwrap();
    for (row, &loop_score) in expected.iter().enumerate() {
        let habit = HabitOnDate {
            schedule: &schedule,
            archived_on: None,
            target: Some(target),
            pauses: PauseSet::none(),
            history: History::new(checkins),
            today: day(row as i32),
        };
        let ours = habit.raw_strength();
        assert!(
            (ours - loop_score).abs() < 1e-6,
            "row {row}: ours {ours}, Loop's {loop_score}"
        );
        assert_eq!(
            habit.strength(),
            (loop_score * 100.0).round() as u8,
            "row {row}"
        );
    }
}

#[test]
fn numerical_at_least() {
    let mut checkins = Vec::new();
    entries(&mut checkins, 0, 20, Some(2));
    let expected = [
        0.655747, 0.636894, 0.617008, 0.596033, 0.573910, 0.550574, 0.525961, 0.500000, 0.472617,
        0.443734, 0.413270, 0.381137, 0.347244, 0.311495, 0.273788, 0.234017, 0.192067, 0.147820,
        0.101149, 0.051922, 0.000000, 0.000000, 0.000000,
    ];
    assert_rows(TargetType::AtLeast, day(22), &mut checkins, &expected);
}

#[test]
fn numerical_at_least_with_skips() {
    let mut checkins = Vec::new();
    entries(&mut checkins, 0, 10, Some(2));
    entries(&mut checkins, 10, 11, None);
    entries(&mut checkins, 11, 15, Some(2));
    entries(&mut checkins, 15, 16, None);
    entries(&mut checkins, 16, 20, Some(2));
    let expected = [
        0.617008, 0.596033, 0.573910, 0.550574, 0.525961, 0.500000, 0.472617, 0.443734, 0.413270,
        0.381137, 0.347244, 0.347244, 0.311495, 0.273788, 0.234017, 0.192067, 0.192067, 0.147820,
        0.101149, 0.051922, 0.000000, 0.000000, 0.000000,
    ];
    assert_rows(TargetType::AtLeast, day(22), &mut checkins, &expected);
}

#[test]
fn numerical_at_most() {
    // One day within the target (1 ≤ 2), then twenty far over it (5).
    // Loop shows 0 before its first entry: our habit starts on that day,
    // and before a habit starts its strength is 0.
    let mut checkins = Vec::new();
    entries(&mut checkins, 20, 21, Some(1));
    entries(&mut checkins, 0, 20, Some(5));
    let expected = [
        0.344253, 0.363106, 0.382992, 0.403967, 0.426090, 0.449426, 0.474039, 0.500000, 0.527383,
        0.556266, 0.586730, 0.618863, 0.652756, 0.688505, 0.726212, 0.765983, 0.807933, 0.852180,
        0.898851, 0.948078, 1.0, 0.0, 0.0,
    ];
    assert_rows(TargetType::AtMost, day(20), &mut checkins, &expected);
}

#[test]
fn loops_single_value_cases() {
    // Overachieving is not relevant: one huge value today scores like a met day.
    let mut huge = vec![Checkin::logged(day(0), Amount::MAX)];
    assert_rows(TargetType::AtLeast, day(0), &mut huge, &[0.051922]);
    // At most: 0 yesterday, 5 today.
    let mut over = vec![
        Checkin::logged(day(1), amount(0)),
        Checkin::logged(day(0), amount(5)),
    ];
    assert_rows(TargetType::AtMost, day(1), &mut over, &[0.948077]);
    // A long run at half the target settles at half strength, both ways.
    let mut half = Vec::new();
    entries(&mut half, 0, 500, Some(1));
    assert_rows(TargetType::AtLeast, day(499), &mut half, &[0.5]);
    let mut over_half = Vec::new();
    entries(&mut over_half, 0, 500, Some(3));
    assert_rows(TargetType::AtMost, day(499), &mut over_half, &[0.5]);
}
