use super::*;
use crate::checkin::Checkin;
use crate::pause::PauseSet;
use crate::schedule::{Rule, Weekday, WeekdaySet};
use jiff::civil::{Date, date};
use proptest::prelude::*;

fn daily_from(starts_on: Date) -> Schedule {
    Schedule::new(Rule::Daily, starts_on, None)
}

fn view<'a>(schedule: &'a Schedule, checkins: &'a [Checkin], today: Date) -> HabitOnDate<'a> {
    HabitOnDate {
        schedule,
        archived_on: None,
        target: None,
        pauses: PauseSet::none(),
        history: History::new(checkins),
        today,
    }
}

#[test]
fn an_open_today_neither_counts_nor_breaks_the_streak() {
    let schedule = daily_from(date(2026, 3, 1));
    let checkins = [
        Checkin::done(date(2026, 3, 8)),
        Checkin::done(date(2026, 3, 9)),
    ];
    let habit = view(&schedule, &checkins, date(2026, 3, 10));
    assert_eq!(habit.current_streak(), 2);
    assert!(habit.due_today());
    assert_eq!(habit.next_scheduled_open(), Some(date(2026, 3, 10)));

    let done_today = [checkins[0], checkins[1], Checkin::done(date(2026, 3, 10))];
    let habit = view(&schedule, &done_today, date(2026, 3, 10));
    assert_eq!(habit.current_streak(), 3);
    assert!(!habit.due_today());
    assert!(habit.done_today());
    assert_eq!(habit.next_scheduled_open(), Some(date(2026, 3, 11)));
}

#[test]
fn a_skip_between_two_dones_keeps_the_streak() {
    let schedule = daily_from(date(2026, 3, 1));
    let checkins = [
        Checkin::done(date(2026, 3, 7)),
        Checkin::skipped(date(2026, 3, 8)),
        Checkin::done(date(2026, 3, 9)),
    ];
    let habit = view(&schedule, &checkins, date(2026, 3, 9));
    assert_eq!(habit.current_streak(), 2);
    assert_eq!(habit.best_streak(), 2);
}

#[test]
fn a_missed_occurrence_breaks_the_streak() {
    let schedule = daily_from(date(2026, 3, 1));
    let checkins = [
        Checkin::done(date(2026, 3, 5)),
        Checkin::done(date(2026, 3, 6)),
        Checkin::done(date(2026, 3, 7)),
        Checkin::done(date(2026, 3, 9)),
    ];
    let habit = view(&schedule, &checkins, date(2026, 3, 9));
    assert_eq!(habit.current_streak(), 1);
    assert_eq!(habit.best_streak(), 3);
    // Yesterday missed and today still open: the streak is over.
    let later = view(&schedule, &checkins, date(2026, 3, 11));
    assert_eq!(later.current_streak(), 0);
}

#[test]
fn unscheduled_days_do_not_break_a_weekly_streak() {
    let mon_fri = WeekdaySet::new([Weekday::Mon, Weekday::Fri]).unwrap();
    let schedule = Schedule::new(
        Rule::WeeklyDays {
            days: mon_fri,
            every_weeks: 1,
        },
        date(2026, 1, 1),
        None,
    );
    // Fri 2026-03-06, Mon 03-09, Fri 03-13; today is Monday 03-16 and still open.
    let checkins = [
        Checkin::done(date(2026, 3, 6)),
        Checkin::done(date(2026, 3, 9)),
        Checkin::done(date(2026, 3, 11)), // off-schedule: counts in no streak
        Checkin::done(date(2026, 3, 13)),
    ];
    let habit = view(&schedule, &checkins, date(2026, 3, 16));
    assert_eq!(habit.current_streak(), 3);
    assert_eq!(habit.best_streak(), 3);
    assert_eq!(habit.tally(date(2026, 3, 6), date(2026, 3, 16)).done, 3);
}

#[test]
fn ends_on_today_is_still_active_and_archived_the_day_after() {
    let schedule = Schedule::new(Rule::Daily, date(2026, 3, 1), Some(date(2026, 3, 10)));
    let habit = view(&schedule, &[], date(2026, 3, 10));
    assert!(!habit.is_archived());
    assert!(habit.due_today());
    let expired = view(&schedule, &[], date(2026, 3, 11));
    assert!(expired.is_archived());
    assert!(!expired.due_today());
    assert_eq!(expired.next_scheduled_open(), None);
}

#[test]
fn a_manual_archive_closes_the_window_the_day_before() {
    let schedule = daily_from(date(2026, 3, 1));
    let checkins = [
        Checkin::done(date(2026, 3, 1)),
        Checkin::done(date(2026, 3, 2)),
    ];
    let habit = HabitOnDate {
        archived_on: Some(date(2026, 3, 5)),
        ..view(&schedule, &checkins, date(2026, 3, 20))
    };
    assert!(habit.is_archived());
    assert!(!habit.due_today());
    // 1–4 March were active: 2 done of 4.
    assert_eq!(
        habit.completion_rate(date(2026, 3, 1), date(2026, 3, 20)),
        Some(50.0)
    );
}

#[test]
fn rates_leave_out_skips_and_an_open_today() {
    let schedule = daily_from(date(2026, 3, 1));
    let checkins = [
        Checkin::done(date(2026, 3, 1)),
        Checkin::skipped(date(2026, 3, 2)),
        Checkin::done(date(2026, 3, 3)),
    ];
    let habit = view(&schedule, &checkins, date(2026, 3, 5));
    // 1..=4 closed (5 is open): 4 scheduled − 1 skipped = 3, done 2.
    assert_eq!(
        habit.completion_rate(date(2026, 3, 1), date(2026, 3, 7)),
        Some(66.7)
    );
    assert_eq!(
        habit.completion_rate(date(2026, 3, 5), date(2026, 3, 5)),
        None
    );
    assert_eq!(
        habit.completion_rate(date(2026, 2, 1), date(2026, 2, 28)),
        None
    );
}

#[test]
fn interval_2_2_example_of_the_original() {
    let schedule = Schedule::new(
        Rule::IntervalCycle {
            active_days: 2,
            break_days: 2,
        },
        date(2026, 1, 1),
        None,
    );
    let checkins = [
        Checkin::done(date(2026, 1, 1)),
        Checkin::done(date(2026, 1, 2)),
        Checkin::done(date(2026, 1, 5)),
    ];
    let habit = view(&schedule, &checkins, date(2026, 1, 8));
    assert_eq!(
        habit.completion_rate(date(2026, 1, 1), date(2026, 1, 8)),
        Some(75.0)
    );
    assert_eq!(habit.current_streak(), 0);
    assert_eq!(habit.best_streak(), 3);
}

#[test]
fn progress_counts_the_whole_planned_window() {
    let schedule = Schedule::new(Rule::Daily, date(2026, 3, 1), Some(date(2026, 3, 10)));
    let checkins = [
        Checkin::done(date(2026, 3, 1)),
        Checkin::done(date(2026, 3, 2)),
        Checkin::skipped(date(2026, 3, 3)),
    ];
    let habit = view(&schedule, &checkins, date(2026, 3, 4));
    assert_eq!(habit.progress(), Some(22.2));
    let open_ended = daily_from(date(2026, 3, 1));
    assert_eq!(
        view(&open_ended, &checkins, date(2026, 3, 4)).progress(),
        None
    );
}

#[test]
fn strength_follows_loops_moving_average() {
    let schedule = daily_from(date(2026, 1, 1));
    let thirteen: Vec<Checkin> = (1..=13)
        .map(|day| Checkin::done(date(2026, 1, day)))
        .collect();
    // 13 done occurrences from 0 move the score halfway to 1.
    assert_eq!(view(&schedule, &thirteen, date(2026, 1, 14)).strength(), 50);
    // Then 13 missed ones halve it again; today's open occurrence is left out.
    assert_eq!(view(&schedule, &thirteen, date(2026, 1, 27)).strength(), 25);
    assert_eq!(view(&schedule, &[], date(2026, 1, 1)).strength(), 0);
    let every_day: Vec<Checkin> = (0..400)
        .map(|offset| Checkin::done(crate::calendar::add_days(date(2026, 1, 1), offset).unwrap()))
        .collect();
    assert_eq!(
        view(&schedule, &every_day, date(2027, 2, 4)).strength(),
        100
    );
}

#[test]
fn skipped_occurrences_leave_strength_unchanged() {
    let schedule = daily_from(date(2026, 1, 1));
    let mut checkins: Vec<Checkin> = (1..=13)
        .map(|day| Checkin::done(date(2026, 1, day)))
        .collect();
    checkins.extend((14..=20).map(|day| Checkin::skipped(date(2026, 1, day))));
    assert_eq!(view(&schedule, &checkins, date(2026, 1, 21)).strength(), 50);
}

fn arb_history() -> impl Strategy<Value = (Schedule, Vec<Checkin>, Date)> {
    let rule = prop_oneof![
        Just(Rule::Daily),
        (1u8..=127, 1u8..=3).prop_map(|(bits, every_weeks)| Rule::WeeklyDays {
            days: WeekdaySet::new(
                Weekday::ALL
                    .into_iter()
                    .filter(|d| bits & (1 << d.index()) != 0)
            )
            .unwrap(),
            every_weeks,
        }),
        (1u8..=31).prop_map(|day| Rule::MonthlyDay {
            day,
            every_months: 1
        }),
        (1u16..=5, 0u16..=5).prop_map(|(active_days, break_days)| Rule::IntervalCycle {
            active_days,
            break_days
        }),
    ];
    (
        rule,
        proptest::collection::vec((0i32..400, any::<bool>()), 0..120),
        0i32..450,
    )
        .prop_map(|(rule, raw, today_offset)| {
            let start = date(2026, 1, 1);
            let schedule = Schedule::new(rule, start, None);
            let mut checkins: Vec<Checkin> = raw
                .into_iter()
                .map(|(offset, done)| {
                    let day = crate::calendar::add_days(start, offset).unwrap();
                    if done {
                        Checkin::done(day)
                    } else {
                        Checkin::skipped(day)
                    }
                })
                .collect();
            checkins.sort_by_key(|c| c.date);
            checkins.dedup_by_key(|c| c.date);
            let today = crate::calendar::add_days(start, today_offset).unwrap();
            checkins.retain(|c| c.date <= today);
            (schedule, checkins, today)
        })
}

/// Current streak by the words of docs/product.md#derived-values, one occurrence at a time.
fn current_streak_by_walking(habit: &HabitOnDate<'_>) -> u32 {
    let mut streak = 0;
    for day in habit.schedule.occurrences_back_from(habit.today) {
        match habit.history.get(day) {
            Some(crate::checkin::CheckinKind::Done) => streak += 1,
            Some(crate::checkin::CheckinKind::Skipped) => {}
            None if day == habit.today => {}
            None => break,
        }
    }
    streak
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn streaks_are_ordered_and_match_the_definition((schedule, checkins, today) in arb_history()) {
        let habit = view(&schedule, &checkins, today);
        let done = checkins.iter().filter(|c| c.kind == crate::checkin::CheckinKind::Done).count() as u32;
        let current = habit.current_streak();
        let best = habit.best_streak();
        prop_assert!(current <= best, "current {} > best {}", current, best);
        prop_assert!(best <= done);
        prop_assert_eq!(current, current_streak_by_walking(&habit));
        prop_assert!(habit.strength() <= 100);
        if let Some(rate) = habit.completion_rate(schedule.starts_on(), today) {
            prop_assert!((0.0..=100.0).contains(&rate));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Every value derived from the summary equals the one derived from the whole history.
    #[test]
    fn the_summary_derives_the_same_values((schedule, checkins, today) in arb_history(), archive_offset in proptest::option::of(0i32..450), end_offset in proptest::option::of(0i32..450)) {
        let start = schedule.starts_on();
        let ends_on = end_offset.and_then(|d| crate::calendar::add_days(start, d));
        let schedule = Schedule::new(schedule.rule().clone(), start, ends_on);
        let archived_on = archive_offset.and_then(|d| crate::calendar::add_days(start, d)).filter(|d| *d <= today);
        let full = HabitOnDate { schedule: &schedule, archived_on, target: None, pauses: PauseSet::none(), history: History::new(&checkins), today };
        let summary = full.summarize();
        let derived = FromSummary {
            schedule: &schedule,
            archived_on,
            target: None,
            pauses: PauseSet::none(),
            summary,
            today_checkin: full.history.get(today),
            today_value: None,
            today,
        };
        prop_assert_eq!(derived.current_streak(), full.current_streak());
        prop_assert_eq!(derived.best_streak(), full.best_streak());
        prop_assert_eq!(derived.strength(), full.strength());
        prop_assert_eq!(derived.progress(), full.progress());
        prop_assert_eq!(derived.is_archived(), full.is_archived());
        prop_assert_eq!(derived.due_today(), full.due_today());
        prop_assert_eq!(derived.done_today(), full.done_today());
        prop_assert_eq!(derived.skipped_today(), full.skipped_today());
        prop_assert_eq!(derived.next_scheduled_open(), full.next_scheduled_open());
        // A summary taken earlier, with later dates passing by, still agrees.
        let later = crate::calendar::add_days(today, 40).unwrap();
        let full_later = HabitOnDate { today: later, ..full.clone() };
        let derived_later = FromSummary { today: later, today_checkin: None, ..derived };
        prop_assert_eq!(derived_later.current_streak(), full_later.current_streak());
        prop_assert_eq!(derived_later.strength(), full_later.strength());
    }
}
