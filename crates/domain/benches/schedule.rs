//! Streaks, rates and `is_scheduled` on 1 and 10 years of history: the 10-year
//! cases must stay within 10× of the 1-year ones (docs/benchmarks.md).
use criterion::{Criterion, criterion_group, criterion_main};
use habitflow_domain::calendar::add_days;
use habitflow_domain::checkin::Checkin;
use habitflow_domain::derived::{HabitOnDate, History};
use habitflow_domain::pause::PauseSet;
use habitflow_domain::schedule::{Rule, Schedule, Weekday, WeekdaySet};
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
        Rule::YearlyDate { month: 2, day: 29 },
        Rule::IntervalCycle {
            active_days: 3,
            break_days: 4,
        },
    ];
    for rule in rules {
        let name = rule.type_name();
        let schedule = Schedule::new(rule, START, None);
        for years in [1, 10] {
            let probe = add_days(START, 365 * years + 45).expect("in range");
            c.bench_function(&format!("is_scheduled {name}, {years}y from start"), |b| {
                b.iter(|| black_box(&schedule).is_scheduled(black_box(probe)))
            });
        }
    }
}

criterion_group!(benches, streaks_and_rate, is_scheduled);
criterion_main!(benches);
