//! `times_per_period` habits, period by period (docs/product.md#n-times-per-period).
use super::*;
use crate::measure::{Amount, Target, TargetType};
use crate::pause::DateRange;
use crate::schedule::{PeriodKind, Rule};
use jiff::civil::date;

fn habit<'a>(
    schedule: &'a Schedule,
    target: Option<Target>,
    pauses: &'a PauseSet,
    checkins: &'a [Checkin],
    today: Date,
) -> HabitOnDate<'a> {
    HabitOnDate {
        schedule,
        archived_on: None,
        target,
        pauses,
        history: History::new(checkins),
        today,
    }
}

fn done(days: &[(i8, i8)]) -> Vec<Checkin> {
    days.iter()
        .map(|&(month, day)| Checkin::done(date(2026, month, day)))
        .collect()
}

fn three_a_week() -> Schedule {
    // Starts on Wednesday 4 March 2026: its first week (2–8 March) is partial.
    Schedule::new(
        Rule::TimesPerPeriod {
            times: Some(3),
            period: PeriodKind::Week,
        },
        date(2026, 3, 4),
        None,
    )
}

#[test]
fn three_times_a_week_period_by_period() {
    let schedule = three_a_week();
    let pauses = PauseSet::merge([
        DateRange::pause(date(2026, 3, 18), date(2026, 3, 20)).unwrap(),
        DateRange::pause(date(2026, 3, 23), date(2026, 3, 23)).unwrap(),
    ]);
    let checkins = done(&[
        (3, 4),
        (3, 5), // week 0, partial: 2 of 3 → neutral
        (3, 9),
        (3, 11),
        (3, 15), // week 1: met on Sunday
        (3, 17), // week 2, paused 18–20: 1 of 3 → neutral
        (3, 24),
        (3, 25),
        (3, 26), // week 3, paused on the 23rd: met, counted
        (3, 30),
        (3, 31), // week 4, the current one: 2 of 3 so far
    ]);
    // The history as it stood on a day: no check-in lies in the future.
    let up_to = |today: Date| -> Vec<Checkin> {
        checkins
            .iter()
            .copied()
            .filter(|c| c.date <= today)
            .collect()
    };

    // Saturday of week 1: two done, the week still open.
    let until_saturday = up_to(date(2026, 3, 14));
    let saturday = habit(&schedule, None, &pauses, &until_saturday, date(2026, 3, 14));
    assert_eq!(saturday.current_streak(), 0);
    assert!(saturday.due_today());
    assert_eq!(saturday.next_scheduled_open(), Some(date(2026, 3, 14)));
    // Sunday, after the third: met at once.
    let until_sunday = up_to(date(2026, 3, 15));
    let sunday = habit(&schedule, None, &pauses, &until_sunday, date(2026, 3, 15));
    assert_eq!(sunday.current_streak(), 1);
    assert!(!sunday.due_today());
    assert_eq!(sunday.next_scheduled_open(), Some(date(2026, 3, 16)));

    // Wednesday 1 April: week 4 open with 2 of 3 — neither counts nor breaks.
    let wednesday = habit(&schedule, None, &pauses, &checkins, date(2026, 4, 1));
    assert_eq!(
        wednesday.current_streak(),
        2,
        "weeks 1 and 3; 0 and 2 neutral"
    );
    assert_eq!(wednesday.best_streak(), 2);
    assert!(wednesday.due_today());
    assert_eq!(
        wednesday.tally(date(2026, 3, 1), date(2026, 3, 31)),
        Tally {
            scheduled: 2,
            done: 2,
            skipped: 0
        }
    );
    // Its third done meets the week, which then counts.
    let mut met = checkins.clone();
    met.push(Checkin::done(date(2026, 4, 1)));
    let met_today = habit(&schedule, None, &pauses, &met, date(2026, 4, 1));
    assert_eq!(met_today.current_streak(), 3);
    assert!(!met_today.due_today());
    assert_eq!(met_today.next_scheduled_open(), Some(date(2026, 4, 6)));
    assert_eq!(
        met_today.tally(date(2026, 3, 26), date(2026, 4, 1)),
        Tally {
            scheduled: 2,
            done: 2,
            skipped: 0
        }
    );
    // Week 4 ends with 2 of 3: a miss that breaks the streak.
    let later = habit(&schedule, None, &pauses, &checkins, date(2026, 4, 7));
    assert_eq!(later.current_streak(), 0);
    assert_eq!(later.best_streak(), 2);
    // Strength steps once per closed week: nothing for the partial week 0,
    // 1 for week 1, the paused week 2's 1/3 only because it raises the score,
    // 1 for week 3 and 2/3 for week 4.
    let m = record::multiplier();
    let step = |score: f64, credit: f64| score * m + credit * (1.0 - m);
    let after_week_1 = step(0.0, 1.0);
    let after_week_2 = after_week_1.max(step(after_week_1, 1.0 / 3.0));
    let expected = step(step(after_week_2, 1.0), 2.0 / 3.0);
    assert!((later.raw_strength() - expected).abs() < 1e-12);
    assert_eq!(schedule.rule().streak_unit().code(), "weeks");
}

#[test]
fn month_periods_in_february() {
    let schedule = Schedule::new(
        Rule::TimesPerPeriod {
            times: Some(4),
            period: PeriodKind::Month,
        },
        date(2026, 1, 1),
        None,
    );
    let checkins = done(&[
        (1, 5),
        (1, 6),
        (1, 7),
        (1, 8),
        (2, 25),
        (2, 26),
        (2, 27),
        (2, 28),
    ]);
    let march = habit(
        &schedule,
        None,
        PauseSet::none(),
        &checkins,
        date(2026, 3, 1),
    );
    assert_eq!(
        march.current_streak(),
        2,
        "January and February (met on the 28th)"
    );
    let one_short = &checkins[..7];
    let march = habit(
        &schedule,
        None,
        PauseSet::none(),
        one_short,
        date(2026, 3, 1),
    );
    assert_eq!(march.current_streak(), 0);
    assert_eq!(march.best_streak(), 1);
    assert_eq!(schedule.rule().streak_unit().code(), "months");
}

#[test]
fn ten_day_periods_run_on_local_dates_across_a_dst_change() {
    // Clocks moved on 29 March 2026 in Europe; periods count dates, not hours.
    let schedule = Schedule::new(
        Rule::TimesPerPeriod {
            times: Some(2),
            period: PeriodKind::Days(10),
        },
        date(2026, 3, 25),
        None,
    );
    // Check-ins as a Berlin user makes them: the local date of each instant,
    // one of them late on the night the clocks moved.
    use crate::local_date::{DayStartHour, local_date, time_zone};
    let berlin = time_zone("Europe/Berlin").unwrap();
    let midnight = DayStartHour::new(0).unwrap();
    let instants = [
        "2026-03-29T21:30:00Z", // 23:30 on 29 March, summer time (UTC+2)
        "2026-04-03T21:59:00Z", // 23:59 on 3 April: still the first block
        "2026-04-03T22:00:00Z", // 00:00 on 4 April: the second block
        "2026-04-13T12:00:00Z",
    ];
    let checkins: Vec<Checkin> = instants
        .iter()
        .map(|instant| Checkin::done(local_date(instant.parse().unwrap(), &berlin, midnight)))
        .collect();
    assert_eq!(
        checkins.iter().map(|c| c.date).collect::<Vec<_>>(),
        [
            date(2026, 3, 29),
            date(2026, 4, 3),
            date(2026, 4, 4),
            date(2026, 4, 13)
        ]
    );
    let on_14th = habit(
        &schedule,
        None,
        PauseSet::none(),
        &checkins,
        date(2026, 4, 14),
    );
    // 25 Mar–3 Apr: 29 Mar and 3 Apr; 4–13 Apr: 4 and 13 Apr.
    assert_eq!(on_14th.current_streak(), 2);
    assert_eq!(on_14th.next_scheduled_open(), Some(date(2026, 4, 14)));
    assert_eq!(schedule.rule().streak_unit().code(), "periods");
}

#[test]
fn measurable_periods_sum_their_values() {
    let weekly = Schedule::new(
        Rule::TimesPerPeriod {
            times: None,
            period: PeriodKind::Week,
        },
        date(2026, 3, 2),
        None,
    );
    let km =
        |month, day, text| Checkin::logged(date(2026, month, day), Amount::parse(text).unwrap());
    let at_least_10 = Some(Target::new(Amount::parse("10").unwrap(), TargetType::AtLeast).unwrap());
    let runs = [
        km(3, 2, "4"),
        km(3, 4, "3"),
        km(3, 8, "3"),
        km(3, 10, "9.5"),
    ];
    let on_16th = habit(
        &weekly,
        at_least_10,
        PauseSet::none(),
        &runs,
        date(2026, 3, 16),
    );
    assert_eq!(on_16th.current_streak(), 0, "week 2 reached 9.5 of 10");
    assert_eq!(on_16th.best_streak(), 1);
    // At most 5 drinks a week: met only once the week has ended.
    let at_most_5 = Some(Target::new(Amount::parse("5").unwrap(), TargetType::AtMost).unwrap());
    let drinks = [km(3, 3, "2"), km(3, 10, "6"), km(3, 17, "3")];
    let open_week = habit(
        &weekly,
        at_most_5,
        PauseSet::none(),
        &drinks,
        date(2026, 3, 18),
    );
    assert_eq!(
        open_week.current_streak(),
        0,
        "week 2 went over; week 3 is still open"
    );
    assert!(
        open_week.due_today(),
        "an open week is never met yet: on today's list for logging"
    );
    let closed = habit(
        &weekly,
        at_most_5,
        PauseSet::none(),
        &drinks,
        date(2026, 3, 30),
    );
    assert_eq!(
        closed.current_streak(),
        2,
        "week 3 (3) and the empty week 4 (0)"
    );
}

#[test]
fn a_period_habit_has_a_progress_over_its_window() {
    let schedule = Schedule::new(
        Rule::TimesPerPeriod {
            times: Some(1),
            period: PeriodKind::Week,
        },
        date(2026, 3, 4),
        Some(date(2026, 3, 29)),
    );
    // Weeks: 2–8 (partial), 9–15, 16–22, 23–29: the partial one counts once met.
    let checkins = done(&[(3, 5), (3, 10)]);
    let habit = habit(
        &schedule,
        None,
        PauseSet::none(),
        &checkins,
        date(2026, 3, 16),
    );
    assert_eq!(habit.progress(), Some(50.0));
}

#[test]
fn a_skip_kept_from_another_rule_does_not_confuse_the_summary() {
    // Skips are refused for this type, but one may remain from a daily past.
    let schedule = Schedule::new(
        Rule::TimesPerPeriod {
            times: None,
            period: PeriodKind::Week,
        },
        date(2026, 3, 2),
        Some(date(2026, 4, 26)),
    );
    let at_most_5 = Some(Target::new(Amount::parse("5").unwrap(), TargetType::AtMost).unwrap());
    let checkins = [
        Checkin::logged(date(2026, 3, 3), Amount::parse("2").unwrap()),
        Checkin::skipped(date(2026, 3, 17)),
    ];
    let full = habit(
        &schedule,
        at_most_5,
        PauseSet::none(),
        &checkins,
        date(2026, 3, 17),
    );
    let derived = FromSummary {
        schedule: &schedule,
        archived_on: None,
        target: at_most_5,
        pauses: PauseSet::none(),
        summary: full.summarize(),
        today_checkin: Some(crate::checkin::CheckinKind::Skipped),
        today_value: None,
        today: date(2026, 3, 17),
    };
    assert_eq!(derived.summary.last_checkin, Some(date(2026, 3, 3)));
    assert_eq!(derived.current_streak(), full.current_streak());
    assert_eq!(derived.progress(), full.progress());
    assert_eq!(full.current_streak(), 2);
}
