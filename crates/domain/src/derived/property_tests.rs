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
    /// The habit seen from the summary of its whole history and today's check-in.
    fn seen_from_summary(&self) -> FromSummary<'_> {
        let full = self.habit();
        FromSummary {
            schedule: &self.schedule,
            archived_on: self.archived_on,
            target: self.target,
            pauses: &self.pauses,
            summary: full.summarize(),
            today_checkin: full.history.get(self.today),
            today_value: full.today_value(),
            today: self.today,
        }
    }

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
        let derived = case.seen_from_summary();
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
    fn a_lifetime_tally_from_the_summary_equals_the_one_from_the_history(
        case in arb_case(),
        days_before in 0i32..40,
    ) {
        let full = case.habit();
        let first = case.checkins.first().map_or(START, |c| c.date.min(START));
        let from = add_days(first, -days_before).unwrap();
        let derived = case.seen_from_summary();
        let by_summary =
            tallies_lifetime_from_summary(&case.schedule, case.target, case.archived_on.is_some());
        let expected = by_summary.then(|| full.tally(from, case.today));
        prop_assert_eq!(derived.lifetime_tally(from), expected);
    }

    #[test]
    fn a_rate_reads_only_its_window(case in arb_case(), days in 1i32..120) {
        let full = case.habit();
        let from = add_days(case.today, 1 - days).unwrap();
        let window = full.history.between(full.tally_reads_from(from), case.today);
        let windowed = HabitOnDate { history: History::new(window), ..full.clone() };
        prop_assert_eq!(windowed.completion_rate(from, case.today), full.completion_rate(from, case.today));
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

/// One write: a check-in (`Some`) or an undo (`None`) on a date.
#[derive(Debug, Clone)]
struct Write {
    date: Date,
    checkin: Option<Checkin>,
}

/// Writes on random dates of the case's window: half of them on or after the
/// latest check-in (today's check-in or its undo, the common case), the
/// others anywhere (edits in the past).
fn arb_writes(case: &Case) -> impl Strategy<Value = Vec<Write>> + use<> {
    let span = (case.today - START).get_days().max(0);
    let target = case.target;
    let today = case.today;
    proptest::collection::vec((any::<bool>(), 0i32..=span, 0u8..8, any::<bool>()), 1..12).prop_map(
        move |raw| {
            raw.into_iter()
                .map(|(recent, offset, pick, undo)| {
                    let offset = if recent { span - offset % 3 } else { offset };
                    let date = add_days(START, offset.max(0)).unwrap().min(today);
                    let checkin = (!undo).then(|| match (pick, target) {
                        (0, _) => Checkin::skipped(date),
                        (_, None) => Checkin::done(date),
                        (value, Some(_)) => Checkin::logged(
                            date,
                            Amount::from_thousandths(i64::from(value - 1) * 1000).unwrap(),
                        ),
                    });
                    Write { date, checkin }
                })
                .collect()
        },
    )
}

/// The last two counted check-ins before `date`, latest first, from the states.
fn anchors_before(states: &[(Date, Option<CheckinState>)], date: Date) -> Vec<Anchor> {
    states
        .iter()
        .rev()
        .filter(|(day, state)| *day < date && state.is_some())
        .take(2)
        .map(|(day, state)| Anchor {
            date: *day,
            state: state.unwrap(),
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Each write brought up to date from the stored summary, the states and
    /// the check-ins from its date on gives what the whole history gives:
    /// today's check-ins and undos, and edits in the past.
    #[test]
    fn a_summary_kept_up_to_date_write_by_write_equals_the_full_one(
        (case, writes) in arb_case().prop_flat_map(|case| {
            let writes = arb_writes(&case);
            (Just(case), writes)
        })
    ) {
        let mut history = case.checkins.clone();
        let mut kept = case.habit().summarize_with_states();
        for write in writes {
            let at = history.partition_point(|c| c.date < write.date);
            let before = history.get(at).filter(|c| c.date == write.date).copied();
            if before.is_some() {
                history.remove(at);
            }
            if let Some(checkin) = write.checkin {
                history.insert(at, checkin);
            }
            let habit = HabitOnDate { history: History::new(&history), ..case.habit() };
            let full = habit.summarize_with_states();
            let anchors = anchors_before(&kept.states, write.date);
            let change = CheckinChange {
                summary: kept.summary,
                before,
                after: write.checkin,
                anchors: &anchors,
                tail: &history[at..],
            };
            match habit.resummarize_after(&change) {
                Some(updated) => {
                    prop_assert_eq!(updated.summary, full.summary);
                    let mut states: Vec<_> = kept.states.iter().copied()
                        .filter(|(day, _)| *day < write.date).collect();
                    states.extend(updated.states);
                    prop_assert_eq!(&states, &full.states);
                    kept = Resummarized { summary: updated.summary, states };
                }
                None => {
                    prop_assert!(habit.periods().is_some());
                    kept = full;
                }
            }
        }
    }
}
