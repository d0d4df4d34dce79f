//! Property tests over every rule, yes/no and measurable habits, with pauses:
//! the summary derives what the whole history does, streaks follow their
//! definition, and a pause never makes a value worse.
use super::outcome::{Outcome, judge};
use super::*;
use crate::calendar::add_days;
use crate::measure::{Amount, Target, TargetType};
use crate::pause::DateRange;
use crate::schedule::{PeriodKind, Rule, WeekOfMonth, Weekday, WeekdaySet};
use jiff::civil::date;
use proptest::prelude::*;

const START: Date = date(2026, 1, 1);

#[derive(Debug, Clone)]
struct Case {
    schedule: Schedule,
    target: Option<Target>,
    pauses: PauseSet,
    checkins: Vec<Checkin>,
    today: Date,
    archived_on: Option<Date>,
}

impl Case {
    fn habit(&self) -> HabitOnDate<'_> {
        HabitOnDate {
            schedule: &self.schedule,
            archived_on: self.archived_on,
            target: self.target,
            pauses: &self.pauses,
            history: History::new(&self.checkins),
            today: self.today,
        }
    }
}

fn arb_rule() -> impl Strategy<Value = Rule> {
    prop_oneof![
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
        (1u8..=31, 1u8..=3).prop_map(|(day, every_months)| Rule::MonthlyDay { day, every_months }),
        (0usize..5, 0usize..7, 1u8..=2).prop_map(|(week, weekday, every_months)| {
            Rule::MonthlyWeekday {
                week: WeekOfMonth::ALL[week],
                weekday: Weekday::ALL[weekday],
                every_months,
            }
        }),
        (1u16..=5, 0u16..=5).prop_map(|(active_days, break_days)| Rule::IntervalCycle {
            active_days,
            break_days
        }),
        (1u8..=4, 0usize..3, 2u16..=12).prop_map(|(times, period, days)| Rule::TimesPerPeriod {
            times: Some(times),
            period: [PeriodKind::Week, PeriodKind::Month, PeriodKind::Days(days)][period],
        }),
    ]
}

fn arb_target() -> impl Strategy<Value = Option<Target>> {
    prop_oneof![
        Just(None),
        (1i64..=5).prop_map(|units| Some(
            Target::new(
                Amount::from_thousandths(units * 1000).unwrap(),
                TargetType::AtLeast
            )
            .unwrap()
        )),
        (0i64..=3).prop_map(|units| Some(
            Target::new(
                Amount::from_thousandths(units * 1000).unwrap(),
                TargetType::AtMost
            )
            .unwrap()
        )),
    ]
}

fn arb_case() -> impl Strategy<Value = Case> {
    (
        arb_rule(),
        arb_target(),
        proptest::collection::vec((0i32..400, 0u8..8), 0..120),
        proptest::collection::vec((0i32..420, 0i32..40), 0..4),
        0i32..450,
        proptest::option::of(0i32..450),
        proptest::option::of(0i32..450),
    )
        .prop_map(|(rule, target, raw, raw_pauses, today, archive, end)| {
            let today = add_days(START, today).unwrap();
            let mut checkins: Vec<Checkin> = raw
                .into_iter()
                .map(|(offset, pick)| {
                    let day = add_days(START, offset).unwrap();
                    match (pick, target) {
                        (0, _) => Checkin::skipped(day),
                        (_, None) => Checkin::done(day),
                        (value, Some(_)) => Checkin::logged(
                            day,
                            Amount::from_thousandths(i64::from(value - 1) * 1000).unwrap(),
                        ),
                    }
                })
                .filter(|c| c.date <= today)
                .collect();
            checkins.sort_by_key(|c| c.date);
            checkins.dedup_by_key(|c| c.date);
            let pauses = PauseSet::merge(raw_pauses.into_iter().filter_map(|(offset, length)| {
                let from = add_days(START, offset)?;
                DateRange::new(from, add_days(from, length)?)
            }));
            // A measurable `times_per_period` habit sums its values: no `times`.
            let rule = match rule {
                Rule::TimesPerPeriod { period, .. } if target.is_some() => Rule::TimesPerPeriod {
                    times: None,
                    period,
                },
                other => other,
            };
            let start = if matches!(rule, Rule::TimesPerPeriod { .. }) && today.day() % 2 == 0 {
                // Some period habits start mid-period, for a partial first period.
                add_days(START, 3).unwrap()
            } else {
                START
            };
            Case {
                schedule: Schedule::new(rule, start, end.and_then(|d| add_days(START, d))),
                target,
                pauses,
                checkins,
                today,
                archived_on: archive
                    .and_then(|d| add_days(START, d))
                    .filter(|d| *d <= today),
            }
        })
}

/// The current streak by the words of docs/product.md#derived-values, one
/// occurrence at a time, walking back from today.
fn current_streak_by_walking(habit: &HabitOnDate<'_>) -> u32 {
    let schedule = habit.active_schedule();
    let mut streak = 0;
    for day in schedule.occurrences_back_from(habit.today) {
        let checkin = habit.history.checkin(day);
        if day == habit.today && outcome::awaits_checkin(habit.target, checkin) {
            continue;
        }
        let paused = habit.pauses.contains(day);
        let outcome = match checkin {
            Some(checkin) => judge(habit.target, checkin, paused),
            None if habit.target.is_some_and(Target::is_at_most) => Outcome::Met,
            None if paused => Outcome::Neutral,
            None => Outcome::Missed { credit: 0.0 },
        };
        match outcome {
            Outcome::Met => streak += 1,
            Outcome::Neutral | Outcome::Excused { .. } => {}
            Outcome::Missed { .. } => break,
        }
    }
    streak
}

/// The current streak of a `times_per_period` habit by the words of
/// docs/product.md#n-times-per-period, one period at a time.
fn period_streak_by_walking(habit: &HabitOnDate<'_>) -> u32 {
    let periods = habit.periods().unwrap();
    let mut streak = 0;
    if let Some(current) = periods.current()
        && periods.is_met(periods.totals(current), false)
    {
        streak += 1;
    }
    let Some(last_closed) = periods.last_closed() else {
        return streak;
    };
    for index in (0..=last_closed).rev() {
        match periods.outcome(index, periods.totals(index)) {
            Outcome::Met => streak += 1,
            Outcome::Neutral | Outcome::Excused { .. } => {}
            Outcome::Missed { .. } => break,
        }
    }
    streak
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn the_summary_derives_the_same_values(case in arb_case()) {
        let full = case.habit();
        let derived = FromSummary {
            schedule: &case.schedule,
            archived_on: case.archived_on,
            target: case.target,
            pauses: &case.pauses,
            summary: full.summarize(),
            today_checkin: full.history.get(case.today),
            today_value: full.today_value(),
            today: case.today,
        };
        prop_assert_eq!(derived.current_streak(), full.current_streak());
        prop_assert_eq!(derived.best_streak(), full.best_streak());
        prop_assert_eq!(derived.strength(), full.strength());
        prop_assert_eq!(derived.progress(), full.progress());
        prop_assert_eq!(derived.is_archived(), full.is_archived());
        prop_assert_eq!(derived.due_today(), full.due_today());
        prop_assert_eq!(derived.done_today(), full.done_today());
        prop_assert_eq!(derived.skipped_today(), full.skipped_today());
        prop_assert_eq!(derived.paused_today(), full.paused_today());
        prop_assert_eq!(derived.next_scheduled_open(), full.next_scheduled_open());
        prop_assert_eq!(derived.current_period(), full.current_period());
        // Days pass with no new check-in: the old summary still agrees.
        let later = add_days(case.today, 40).unwrap();
        let full_later = HabitOnDate { today: later, ..full.clone() };
        let derived_later = FromSummary { today: later, today_checkin: None, today_value: None, ..derived };
        prop_assert_eq!(derived_later.current_streak(), full_later.current_streak());
        prop_assert_eq!(derived_later.best_streak(), full_later.best_streak());
        prop_assert_eq!(derived_later.strength(), full_later.strength());
        prop_assert_eq!(derived_later.progress(), full_later.progress());
        prop_assert_eq!(derived_later.next_scheduled_open(), full_later.next_scheduled_open());
        prop_assert_eq!(derived_later.current_period(), full_later.current_period());
    }

    #[test]
    fn streaks_follow_the_definition(case in arb_case()) {
        let habit = case.habit();
        if habit.periods().is_none() {
            prop_assert_eq!(habit.current_streak(), current_streak_by_walking(&habit));
        } else {
            prop_assert_eq!(habit.current_streak(), period_streak_by_walking(&habit));
        }
        prop_assert!(habit.current_streak() <= habit.best_streak());
        prop_assert!(habit.strength() <= 100);
        if habit.paused_today() {
            prop_assert!(!habit.due_today());
        }
        if let Some(next) = habit.next_scheduled_open() {
            prop_assert!(!case.pauses.contains(next) && next >= case.today);
        }
    }

    #[test]
    fn a_pause_never_makes_a_value_worse(case in arb_case()) {
        let paused = case.habit();
        let plain = HabitOnDate { pauses: PauseSet::none(), ..paused.clone() };
        prop_assert!(paused.current_streak() >= plain.current_streak());
        prop_assert!(paused.best_streak() >= plain.best_streak());
        prop_assert!(paused.raw_strength() >= plain.raw_strength() - 1e-12);
        let (from, to) = (case.schedule.starts_on(), case.today);
        if let (Some(with), Some(without)) = (paused.completion_rate(from, to), plain.completion_rate(from, to)) {
            prop_assert!(with >= without, "rate {} < {}", with, without);
        }
        if let (Some(with), Some(without)) = (paused.progress(), plain.progress()) {
            prop_assert!(with >= without, "progress {} < {}", with, without);
        }
    }
}
