//! Streaks, rates and `is_scheduled` on 1 and 10 years of history: the 10-year
//! cases must stay within 10× of the 1-year ones (docs/benchmarks.md).
use criterion::{Criterion, criterion_group, criterion_main};
use habitflow_domain::calendar::add_days;
use habitflow_domain::checkin::Checkin;
use habitflow_domain::derived::{FromSummary, HabitOnDate, History};
use habitflow_domain::measure::{Amount, Target, TargetType};
use habitflow_domain::pause::{DateRange, PauseSet};
use habitflow_domain::schedule::{PeriodKind, Rule, Schedule, WeekOfMonth, Weekday, WeekdaySet};
use jiff::civil::{Date, date};
use std::hint::black_box;

const START: Date = date(2016, 1, 1);

/// A daily habit done on most days, skipped or missed now and then.
fn history(years: i32) -> (Vec<Checkin>, Date) {
    let days = 365 * years;
    let checkins = (0..days)
        .filter(|day| day % 17 != 5)
        .map(|day| {
            let date = add_days(START, day).expect("in range");
            if day % 29 == 3 {
                Checkin::skipped(date)
            } else {
                Checkin::done(date)
            }
        })
        .collect();
    (checkins, add_days(START, days).expect("in range"))
}

fn streaks_and_rate(c: &mut Criterion) {
    let schedule = Schedule::new(Rule::Daily, START, None);
    for years in [1, 10] {
        let (checkins, today) = history(years);
        c.bench_function(
            &format!("streaks + 365-day rate, daily, {years}y history"),
            |b| {
                b.iter(|| {
                    let habit = HabitOnDate {
                        schedule: &schedule,
                        archived_on: None,
                        // Kinds and pauses are not stored yet: a yes/no habit without pauses.
                        target: None,
                        pauses: PauseSet::none(),
                        history: History::new(black_box(&checkins)),
                        today,
                    };
                    let from = add_days(today, -364).expect("in range");
                    black_box((
                        habit.current_streak(),
                        habit.best_streak(),
                        habit.completion_rate(from, today),
                    ))
                })
            },
        );
    }
}

fn is_scheduled(c: &mut Criterion) {
    let rules = [
        Rule::Daily,
        Rule::WeeklyDays {
            days: WeekdaySet::new([Weekday::Mon, Weekday::Thu]).expect("non-empty"),
            every_weeks: 3,
        },
        Rule::MonthlyDay {
            day: 31,
            every_months: 1,
        },
        Rule::MonthlyDay {
            day: 31,
            every_months: 3,
        },
        Rule::MonthlyWeekday {
            week: WeekOfMonth::Last,
            weekday: Weekday::Fri,
            every_months: 2,
        },
        Rule::YearlyDate { month: 2, day: 29 },
        Rule::IntervalCycle {
            active_days: 3,
            break_days: 4,
        },
    ];
    for rule in rules {
        let name = format!("{} {}", rule.type_name(), rule.config());
        let schedule = Schedule::new(rule, START, None);
        for years in [1, 10] {
            let probe = add_days(START, 365 * years + 45).expect("in range");
            c.bench_function(&format!("is_scheduled {name}, {years}y from start"), |b| {
                b.iter(|| black_box(&schedule).is_scheduled(black_box(probe)))
            });
        }
    }
}

/// A measurable daily habit with a value most days and a week's pause every
/// quarter: the summary-free path over the whole history, 1 and 10 years.
fn measurable_with_pauses(c: &mut Criterion) {
    let schedule = Schedule::new(Rule::Daily, START, None);
    let target = Target::new(
        Amount::from_thousandths(5_000).expect("valid"),
        TargetType::AtLeast,
    )
    .expect("above 0");
    for years in [1, 10] {
        let days = 365 * years;
        let checkins: Vec<Checkin> = (0..days)
            .filter(|day| day % 17 != 5)
            .map(|day| {
                let value = Amount::from_thousandths(i64::from(day % 7) * 1_000).expect("valid");
                Checkin::logged(add_days(START, day).expect("in range"), value)
            })
            .collect();
        let pauses = PauseSet::merge((0..days / 91).filter_map(|quarter| {
            let from = add_days(START, quarter * 91)?;
            DateRange::new(from, add_days(from, 6)?)
        }));
        let today = add_days(START, days).expect("in range");
        c.bench_function(
            &format!("streaks + strength + 365-day rate, measurable with pauses, {years}y history"),
            |b| {
                b.iter(|| {
                    let habit = HabitOnDate {
                        schedule: &schedule,
                        archived_on: None,
                        target: Some(target),
                        pauses: &pauses,
                        history: History::new(black_box(&checkins)),
                        today,
                    };
                    let from = add_days(today, -364).expect("in range");
                    black_box((
                        habit.current_streak(),
                        habit.best_streak(),
                        habit.strength(),
                        habit.completion_rate(from, today),
                    ))
                })
            },
        );
    }
}

/// Three times a week, done on most Mondays, Wednesdays and Fridays: the
/// period engine over 1 and 10 years, and the same values from the summary.
fn times_per_period(c: &mut Criterion) {
    let schedule = Schedule::new(
        Rule::TimesPerPeriod {
            times: Some(3),
            period: PeriodKind::Week,
        },
        START,
        None,
    );
    for years in [1, 10] {
        let days = 365 * years;
        let checkins: Vec<Checkin> = (0..days)
            .filter(|day| day % 2 == 0 && day % 13 != 4)
            .map(|day| Checkin::done(add_days(START, day).expect("in range")))
            .collect();
        let today = add_days(START, days).expect("in range");
        let habit = HabitOnDate {
            schedule: &schedule,
            archived_on: None,
            target: None,
            pauses: PauseSet::none(),
            history: History::new(&checkins),
            today,
        };
        c.bench_function(
            &format!("streaks + strength, 3 a week, {years}y history"),
            |b| {
                b.iter(|| {
                    let habit = HabitOnDate {
                        history: History::new(black_box(&checkins)),
                        ..habit.clone()
                    };
                    black_box((
                        habit.current_streak(),
                        habit.best_streak(),
                        habit.strength(),
                    ))
                })
            },
        );
        let summary = habit.summarize();
        c.bench_function(
            &format!("from the summary, 3 a week, {years}y history"),
            |b| {
                b.iter(|| {
                    let derived = FromSummary {
                        schedule: &schedule,
                        archived_on: None,
                        target: None,
                        pauses: PauseSet::none(),
                        summary: black_box(summary),
                        today_checkin: None,
                        today_value: None,
                        today,
                    };
                    black_box((
                        derived.current_streak(),
                        derived.strength(),
                        derived.due_today(),
                    ))
                })
            },
        );
    }
}

criterion_group!(
    benches,
    streaks_and_rate,
    is_scheduled,
    measurable_with_pauses,
    times_per_period
);
criterion_main!(benches);
