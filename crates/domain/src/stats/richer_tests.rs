//! The statistics of the richer habits, figure by figure (docs/schedules.md#statistics).
use super::*;
use crate::checkin::Checkin;
use crate::derived::{HabitOnDate, History, Tally};
use crate::measure::{Amount, HabitKind, Measure, Target, TargetType};
use crate::model::Habit;
use crate::pause::{DateRange, PauseSet};
use crate::schedule::{PeriodKind, Rule, Schedule, WeekOfMonth, Weekday};
use crate::values::Unit;
use jiff::civil::{Date, date};
use std::collections::HashMap;
use uuid::Uuid;

/// Tuesday 10 March 2026.
const TODAY: Date = date(2026, 3, 10);

fn amount(units: i64) -> Amount {
    Amount::from_thousandths(units * 1000).unwrap()
}

fn habit(name: &str, rule: Rule, kind: HabitKind, starts_on: Date) -> Habit {
    let at = jiff::Timestamp::UNIX_EPOCH;
    Habit {
        id: Uuid::from_u128(name.bytes().fold(1, |id, b| id * 257 + u128::from(b))),
        owner_id: Uuid::nil(),
        theme_id: None,
        name: name.to_owned(),
        description: String::new(),
        rule,
        kind,
        starts_on,
        ends_on: None,
        archived_at: None,
        created_at: at,
        updated_at: at,
    }
}

fn measurable(unit: &str, target: i64, target_type: TargetType) -> HabitKind {
    HabitKind::Measurable(Measure {
        unit: Unit::parse(unit).unwrap(),
        target: Target::new(amount(target), target_type).unwrap(),
    })
}

fn times_a_week(times: u8) -> Rule {
    Rule::TimesPerPeriod {
        times: Some(times),
        period: PeriodKind::Week,
    }
}

fn view<'a>(
    schedule: &'a Schedule,
    habit: &Habit,
    pauses: &'a PauseSet,
    checkins: &'a [Checkin],
) -> HabitOnDate<'a> {
    HabitOnDate {
        schedule,
        archived_on: None,
        target: habit.target(),
        pauses,
        history: History::new(checkins),
        today: TODAY,
    }
}

fn figures(habit: &Habit, tally: Tally, values: Option<ValueSeries>) -> HabitFigures {
    HabitFigures {
        habit_id: habit.id,
        name: habit.name.clone(),
        theme: String::new(),
        schedule_type: habit.rule.type_name(),
        archived: false,
        due_today: false,
        done_today: false,
        current_streak: 0,
        streak_unit: habit.rule.streak_unit(),
        tally,
        previous_rate: None,
        values,
    }
}

fn done_on(days: &[(i8, i8)]) -> Vec<Checkin> {
    days.iter()
        .map(|&(month, day)| Checkin::done(date(2026, month, day)))
        .collect()
}

#[test]
fn a_times_per_period_habit_counts_its_met_periods_in_every_rate() {
    // 3 a week since January; the 30 days are 9 February … 10 March, whose
    // closed weeks end on 15 Feb, 22 Feb, 1 Mar and 8 Mar.
    let swim = habit(
        "Swim",
        times_a_week(3),
        HabitKind::Boolean,
        date(2026, 1, 5),
    );
    let schedule = swim.schedule();
    let pauses = PauseSet::merge([DateRange::pause(date(2026, 2, 18), date(2026, 2, 19)).unwrap()]);
    let checkins = done_on(&[
        (2, 9),
        (2, 11),
        (2, 13), // met
        (2, 16), // paused week, 1 of 3: neutral
        (2, 23),
        (2, 25),
        (3, 1), // met on Sunday
        (3, 3),
        (3, 5), // 2 of 3: missed
        (3, 9), // the current week, 1 of 3: not counted yet
    ]);
    let range = Range::Days30.period(TODAY, None);
    let swim_view = view(&schedule, &swim, &pauses, &checkins);
    let tally = swim_view.tally(range.from, range.to);
    assert_eq!(
        tally,
        Tally {
            scheduled: 3,
            done: 2,
            skipped: 0
        }
    );
    assert_eq!(tally.rate(), Some(66.7));

    // The overall rate adds the periods to a daily habit's occurrences:
    // (2 + 4) ÷ (3 + 5).
    let read = habit("Read", Rule::Daily, HabitKind::Boolean, date(2026, 3, 5));
    let read_schedule = read.schedule();
    let read_checkins = done_on(&[(3, 5), (3, 6), (3, 8), (3, 9)]);
    let read_view = view(&read_schedule, &read, PauseSet::none(), &read_checkins);
    let read_tally = read_view.tally(range.from, range.to);
    assert_eq!((read_tally.scheduled, read_tally.done), (5, 4));
    let stats = habit_stats(
        &[
            figures(&swim, tally, None),
            figures(&read, read_tally, None),
        ],
        checkin_buckets(&range, Granularity::Day, &HashMap::new()),
    );
    assert_eq!(stats.completion_rate, Some(75.0));
}

#[test]
fn the_current_period_counts_once_met_and_a_week_reaching_into_the_range_counts_whole() {
    let once = habit(
        "Call",
        times_a_week(1),
        HabitKind::Boolean,
        date(2026, 1, 5),
    );
    let schedule = once.schedule();
    // 7 days: Wednesday 4 … Tuesday 10 March. The week of 2–8 March ends in
    // the range; its one done lies before the range, on Monday the 2nd.
    let range = Range::Days7.period(TODAY, None);
    assert_eq!(range.from, date(2026, 3, 4));
    assert_eq!(history_needed_from(&schedule, range.from), date(2026, 3, 2));
    let checkins = done_on(&[(3, 2), (3, 9)]);
    let tally = view(&schedule, &once, PauseSet::none(), &checkins).tally(range.from, range.to);
    assert_eq!(
        (tally.scheduled, tally.done),
        (2, 2),
        "last week and the met current one"
    );
    // Without the check-in of the 2nd the closed week would look missed.
    let bounded_by_range = done_on(&[(3, 9)]);
    let wrong =
        view(&schedule, &once, PauseSet::none(), &bounded_by_range).tally(range.from, range.to);
    assert_eq!((wrong.scheduled, wrong.done), (2, 1));
}

#[test]
fn the_history_a_range_needs_starts_with_the_period_holding_its_first_day() {
    let from = date(2026, 3, 4);
    let rule = |period| Rule::TimesPerPeriod {
        times: Some(1),
        period,
    };
    let months = Schedule::new(rule(PeriodKind::Month), date(2025, 11, 20), None);
    assert_eq!(history_needed_from(&months, from), date(2026, 3, 1));
    // Ten-day blocks from 20 February: 20 Feb – 1 Mar, 2 – 11 Mar.
    let blocks = Schedule::new(rule(PeriodKind::Days(10)), date(2026, 2, 20), None);
    assert_eq!(history_needed_from(&blocks, from), date(2026, 3, 2));
    // A habit that starts inside the range, or another rule, needs nothing earlier.
    let later = Schedule::new(rule(PeriodKind::Week), date(2026, 3, 6), None);
    assert_eq!(history_needed_from(&later, from), from);
    let daily = Schedule::new(Rule::Daily, date(2020, 1, 1), None);
    assert_eq!(history_needed_from(&daily, from), from);
}

#[test]
fn by_schedule_type_lists_the_newer_types_of_the_users_habits() {
    let last_friday = Rule::MonthlyWeekday {
        week: WeekOfMonth::Last,
        weekday: Weekday::Fri,
        every_months: 1,
    };
    let habits = [
        habit("Swim", times_a_week(3), HabitKind::Boolean, TODAY),
        habit("Gym", times_a_week(2), HabitKind::Boolean, TODAY),
        habit("Review", last_friday, HabitKind::Boolean, TODAY),
        habit("Read", Rule::Daily, HabitKind::Boolean, TODAY),
    ];
    let all: Vec<HabitFigures> = habits
        .iter()
        .map(|h| figures(h, Tally::default(), None))
        .collect();
    let range = Range::Days7.period(TODAY, None);
    let stats = habit_stats(
        &all,
        checkin_buckets(&range, Granularity::Day, &HashMap::new()),
    );
    let counts: Vec<(&str, u32)> = stats
        .by_schedule_type
        .iter()
        .map(|(kind, count)| (*kind, *count))
        .collect();
    assert_eq!(
        counts,
        vec![
            ("daily", 1),
            ("interval_cycle", 0),
            ("monthly_day", 0),
            ("monthly_weekday", 1),
            ("times_per_period", 2),
            ("weekly_days", 0),
            ("yearly_date", 0),
        ]
    );
}

#[test]
fn an_at_least_habit_shows_weekly_sums_and_averages_of_its_logged_values() {
    let water = habit(
        "Water",
        Rule::Daily,
        measurable("glasses", 8, TargetType::AtLeast),
        date(2026, 1, 1),
    );
    let checkins = vec![
        Checkin::logged(date(2026, 3, 2), amount(8)),
        Checkin::logged(date(2026, 3, 3), amount(6)),
        Checkin::skipped(date(2026, 3, 4)),
        Checkin::logged(date(2026, 3, 5), amount(10)),
        Checkin::logged(date(2026, 3, 9), amount(5)),
        Checkin::logged(date(2026, 3, 10), Amount::from_thousandths(2_500).unwrap()),
    ];
    let period = Period {
        from: date(2026, 3, 2),
        to: TODAY,
    };
    let series = value_series(&water, History::new(&checkins), &period, Granularity::Week).unwrap();
    assert_eq!(
        (
            series.unit.as_str(),
            series.target,
            series.target_type,
            series.compared
        ),
        ("glasses", amount(8), "at_least", Compared::Average)
    );
    let bars: Vec<(Date, Date, Amount, u32, Option<Amount>)> = series
        .buckets
        .iter()
        .map(|b| (b.from, b.to, b.sum, b.logged, b.average))
        .collect();
    assert_eq!(
        bars,
        vec![
            (
                date(2026, 3, 2),
                date(2026, 3, 8),
                amount(24),
                3,
                Some(amount(8))
            ),
            (
                date(2026, 3, 9),
                TODAY,
                Amount::from_thousandths(7_500).unwrap(),
                2,
                Amount::from_thousandths(3_750)
            ),
        ]
    );
    assert_eq!(
        series.buckets[0].compared(Compared::Average),
        Some(amount(8))
    );
    let json = serde_json::to_value(&series.buckets[1]).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"from": "2026-03-09", "to": "2026-03-10", "sum": 7.5, "logged": 2, "average": 3.75})
    );
}

#[test]
fn averages_round_to_the_nearest_thousandth_and_empty_bars_have_none() {
    let water = habit(
        "Water",
        Rule::Daily,
        measurable("glasses", 8, TargetType::AtLeast),
        date(2026, 1, 1),
    );
    let checkins = vec![
        Checkin::logged(date(2026, 3, 8), amount(10)),
        Checkin::logged(date(2026, 3, 9), amount(10)),
        Checkin::logged(date(2026, 3, 10), Amount::from_thousandths(1).unwrap()),
    ];
    let period = Period {
        from: date(2026, 3, 7),
        to: TODAY,
    };
    let series =
        value_series(&water, History::new(&checkins), &period, Granularity::Month).unwrap();
    assert_eq!(
        series.buckets[0].sum,
        Amount::from_thousandths(20_001).unwrap()
    );
    // 20.001 ÷ 3 = 6.667
    assert_eq!(series.buckets[0].average, Amount::from_thousandths(6_667));
    let days = value_series(&water, History::new(&checkins), &period, Granularity::Day).unwrap();
    assert_eq!((days.buckets[0].logged, days.buckets[0].average), (0, None));
    assert_eq!(days.buckets[0].compared(Compared::Average), None);
    let yes_no = habit("Read", Rule::Daily, HabitKind::Boolean, date(2026, 1, 1));
    assert!(value_series(&yes_no, History::new(&[]), &period, Granularity::Day).is_none());
}

#[test]
fn a_measurable_times_per_period_habit_shows_the_sum_of_each_of_its_periods() {
    // 150 minutes a week; 30 days from Monday 9 February.
    let cardio = habit(
        "Cardio",
        Rule::TimesPerPeriod {
            times: None,
            period: PeriodKind::Week,
        },
        measurable("min", 150, TargetType::AtLeast),
        date(2026, 2, 11),
    );
    let checkins = vec![
        Checkin::logged(date(2026, 2, 12), amount(40)),
        Checkin::logged(date(2026, 2, 17), amount(90)),
        Checkin::logged(date(2026, 2, 20), amount(70)),
        Checkin::logged(date(2026, 3, 4), amount(30)),
        Checkin::logged(date(2026, 3, 10), amount(60)),
    ];
    let range = Range::Days30.period(TODAY, None);
    let series = value_series(&cardio, History::new(&checkins), &range, Granularity::Day).unwrap();
    assert_eq!(series.compared, Compared::Sum);
    let bars: Vec<(Date, Date, Amount, u32)> = series
        .buckets
        .iter()
        .map(|b| (b.from, b.to, b.sum, b.logged))
        .collect();
    assert_eq!(
        bars,
        vec![
            // The first week starts with the habit, on the 11th.
            (date(2026, 2, 11), date(2026, 2, 15), amount(40), 1),
            (date(2026, 2, 16), date(2026, 2, 22), amount(160), 2),
            (date(2026, 2, 23), date(2026, 3, 1), Amount::ZERO, 0),
            (date(2026, 3, 2), date(2026, 3, 8), amount(30), 1),
            (date(2026, 3, 9), date(2026, 3, 15), amount(60), 1),
        ]
    );
    assert_eq!(series.buckets[1].compared(Compared::Sum), Some(amount(160)));
    assert_eq!(series.buckets[1].average, Some(amount(80)));
}

#[test]
fn archived_measurable_habits_show_only_with_values_in_the_period() {
    let water = habit(
        "Water",
        Rule::Daily,
        measurable("glasses", 8, TargetType::AtLeast),
        date(2026, 1, 1),
    );
    let coffee = habit(
        "Coffee",
        Rule::Daily,
        measurable("cups", 2, TargetType::AtMost),
        date(2026, 1, 1),
    );
    let range = Range::Days7.period(TODAY, None);
    let logged = [Checkin::logged(date(2026, 3, 5), amount(1))];
    let series = |h: &Habit, checkins: &[Checkin]| {
        value_series(h, History::new(checkins), &range, Granularity::Day)
    };
    let mut archived_quiet = figures(&water, Tally::default(), series(&water, &[]));
    archived_quiet.archived = true;
    let mut archived_logged = figures(&coffee, Tally::default(), series(&coffee, &logged));
    archived_logged.archived = true;
    let stats = habit_stats(
        &[archived_quiet, archived_logged],
        checkin_buckets(&range, Granularity::Day, &HashMap::new()),
    );
    let names: Vec<&str> = stats.measurable.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, vec!["Coffee"]);
    assert_eq!(stats.measurable[0].target_type, "at_most");
}

#[test]
fn the_insights_mention_the_days_of_the_period_on_vacation() {
    let range = Range::Days7.period(TODAY, None);
    let vacations = PauseSet::merge([
        DateRange::pause(date(2026, 2, 28), date(2026, 3, 5)).unwrap(),
        DateRange::pause(date(2026, 3, 10), date(2026, 3, 20)).unwrap(),
    ]);
    let stats = habit_stats(
        &[],
        checkin_buckets(&range, Granularity::Day, &HashMap::new()),
    );
    let found = insights(&[], &[], &|_| String::new(), &stats, &vacations, &range);
    let vacation = found.iter().find(|i| i.kind == "vacation").unwrap();
    // 4 and 5 March, and today: 3 days of 4 … 10 March.
    assert_eq!(
        vacation.text,
        crate::message::Message::new("insight-vacation-text").with("count", 3)
    );
    let none = insights(
        &[],
        &[],
        &|_| String::new(),
        &stats,
        PauseSet::none(),
        &range,
    );
    assert!(none.iter().all(|i| i.kind != "vacation"));
}

mod history_from_months {
    use super::*;
    use crate::checkin::CheckinKind;
    use crate::model::{CheckinMonth, MonthTotal};
    use proptest::prelude::*;

    fn history_of(days: &std::collections::BTreeMap<i32, (bool, i64)>) -> Vec<Checkin> {
        days.iter()
            .filter_map(|(offset, (done, value))| {
                Some(Checkin {
                    date: crate::calendar::add_days(TODAY, -offset)?,
                    kind: if *done {
                        CheckinKind::Done
                    } else {
                        CheckinKind::Skipped
                    },
                    value: done.then(|| amount(*value)),
                })
            })
            .rev()
            .collect()
    }

    proptest! {
        /// The history put together from months (yes/no habit) and rows
        /// (measurable habit) gives the figures the rows alone give, and the
        /// all-time bars from month totals the bars the rows give.
        #[test]
        fn months_and_rows_give_the_figures_of_the_rows(
            yes_no_days in proptest::collection::btree_map(0i32..1200, (any::<bool>(), 0i64..9), 0..200),
            measured_days in proptest::collection::btree_map(0i32..1200, (any::<bool>(), 0i64..9), 0..200),
            since_offset in proptest::option::of(0i32..1200),
        ) {
            let starts_on = date(2022, 6, 1);
            let yes_no = habit("Read", Rule::Daily, HabitKind::Boolean, starts_on);
            let measured = habit("Run", Rule::Daily, measurable("km", 5, TargetType::AtLeast), starts_on);
            let rows: HashMap<Uuid, Vec<Checkin>> = [
                (yes_no.id, history_of(&yes_no_days)),
                (measured.id, history_of(&measured_days)),
            ]
            .into_iter()
            .collect();
            let since = since_offset.and_then(|offset| crate::calendar::add_days(TODAY, -offset));
            let months = CheckinMonth::of(rows.iter().flat_map(|(id, history)| history.iter().map(|c| (*id, c))));
            let habits = [yes_no.clone(), measured.clone()];
            let measured_rows = rows[&measured.id]
                .iter()
                .filter(|c| since.is_none_or(|since| c.date >= since))
                .map(|c| (measured.id, *c));
            let combined = statistics_history(&habits, &months, measured_rows, since);
            let period = Period { from: since.unwrap_or(starts_on), to: TODAY };
            let no_pauses = PauseSet::default();
            for habit in &habits {
                let schedule = habit.schedule();
                let expected: Vec<Checkin> = rows[&habit.id]
                    .iter()
                    .filter(|c| period.contains(c.date))
                    .copied()
                    .collect();
                let got = combined.get(&habit.id).cloned().unwrap_or_default();
                prop_assert_eq!(got.len(), expected.len());
                prop_assert_eq!(
                    view(&schedule, habit, &no_pauses, &got).tally(period.from, period.to),
                    view(&schedule, habit, &no_pauses, &expected).tally(period.from, period.to)
                );
                prop_assert_eq!(
                    value_series(habit, History::new(&got), &period, Granularity::Month),
                    value_series(habit, History::new(&expected), &period, Granularity::Month)
                );
            }
            let full: HashMap<Uuid, Vec<Checkin>> = rows
                .iter()
                .map(|(id, history)| (*id, history.iter().filter(|c| period.contains(c.date)).copied().collect()))
                .collect();
            prop_assert_eq!(
                checkin_buckets(&period, Granularity::Month, &combined),
                checkin_buckets(&period, Granularity::Month, &full)
            );
            // All time: the bars from the month totals and this month's months.
            let first = rows.values().filter_map(|h| h.first()).map(|c| c.date).min();
            let all_time = Period { from: first.map_or(starts_on, |d| d.min(starts_on)), to: TODAY };
            let this_month = TODAY.first_of_month();
            let mut ordered = months.clone();
            ordered.sort_by_key(|m| m.month);
            let mut totals: Vec<MonthTotal> = Vec::new();
            for month in ordered.iter().filter(|m| m.month < this_month) {
                let (done, skipped) = (month.done_days.count_ones(), month.skipped_days.count_ones());
                match totals.last_mut() {
                    Some(total) if total.month == month.month => {
                        total.done += done;
                        total.skipped += skipped;
                    }
                    _ => totals.push(MonthTotal { month: month.month, done, skipped }),
                }
            }
            let current: Vec<CheckinMonth> = months.iter().filter(|m| m.month >= this_month).copied().collect();
            prop_assert_eq!(
                all_time_buckets(&all_time, &totals, &current),
                checkin_buckets(&all_time, Granularity::Month, &rows)
            );
        }
    }
}
