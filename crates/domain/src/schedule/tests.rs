use super::*;
use crate::calendar::{days_in_month, weekday_index};
use jiff::civil::{Date, date};
use proptest::prelude::*;

fn monthly(day: u8, starts_on: Date) -> Schedule {
    Schedule::new(
        Rule::MonthlyDay {
            day,
            every_months: 1,
        },
        starts_on,
        None,
    )
}

fn yearly(month: u8, day: u8, starts_on: Date) -> Schedule {
    Schedule::new(Rule::YearlyDate { month, day }, starts_on, None)
}

fn interval(active_days: u16, break_days: u16, starts_on: Date) -> Schedule {
    Schedule::new(
        Rule::IntervalCycle {
            active_days,
            break_days,
        },
        starts_on,
        None,
    )
}

fn weekly(days: &[Weekday], every_weeks: u8, starts_on: Date) -> Schedule {
    Schedule::new(
        Rule::WeeklyDays {
            days: WeekdaySet::new(days.iter().copied()).unwrap(),
            every_weeks,
        },
        starts_on,
        None,
    )
}

fn dates_between(schedule: &Schedule, from: Date, to: Date) -> Vec<Date> {
    schedule
        .occurrences_from(from)
        .take_while(|&d| d <= to)
        .collect()
}

#[test]
fn monthly_day_31_falls_on_the_last_day_of_shorter_months() {
    let schedule = monthly(31, date(2020, 1, 1));
    let cases = [
        (2025, 2, date(2025, 2, 28)),
        (2028, 2, date(2028, 2, 29)),
        (2026, 4, date(2026, 4, 30)),
        (2026, 12, date(2026, 12, 31)),
    ];
    for (year, month, expected) in cases {
        let month_start = date(year, month, 1);
        let month_end = date(year, month, days_in_month(year, month as u8) as i8);
        assert_eq!(
            dates_between(&schedule, month_start, month_end),
            vec![expected]
        );
        assert!(schedule.is_scheduled(expected));
    }
    assert!(!schedule.is_scheduled(date(2028, 2, 28)));
}

#[test]
fn monthly_day_29_in_a_common_february_is_the_28th() {
    let schedule = monthly(29, date(2020, 1, 1));
    assert_eq!(
        dates_between(&schedule, date(2027, 2, 1), date(2027, 3, 31)),
        vec![date(2027, 2, 28), date(2027, 3, 29)]
    );
}

#[test]
fn yearly_feb_29_in_common_leap_and_century_years() {
    let schedule = yearly(2, 29, date(2024, 1, 1));
    assert!(schedule.is_scheduled(date(2025, 2, 28)));
    assert!(!schedule.is_scheduled(date(2025, 3, 1)));
    assert!(schedule.is_scheduled(date(2028, 2, 29)));
    assert!(!schedule.is_scheduled(date(2028, 2, 28)));
    assert!(schedule.is_scheduled(date(2100, 2, 28)));
    assert_eq!(
        schedule.next_scheduled(date(2099, 12, 31)),
        Some(date(2100, 2, 28))
    );
    assert_eq!(
        schedule.count_between(date(2024, 1, 1), date(2100, 12, 31)),
        77
    );
}

#[test]
fn every_other_monday_crosses_a_53_week_year() {
    // 2026 has an ISO week 53: counting by week numbers would wrongly restart at week 1.
    let schedule = weekly(&[Weekday::Mon], 2, date(2026, 12, 14));
    assert_eq!(
        dates_between(&schedule, date(2026, 12, 1), date(2027, 1, 31)),
        vec![
            date(2026, 12, 14),
            date(2026, 12, 28),
            date(2027, 1, 11),
            date(2027, 1, 25)
        ]
    );
    assert!(!schedule.is_scheduled(date(2027, 1, 4)));
}

#[test]
fn every_other_monday_crosses_a_52_week_year() {
    let schedule = weekly(&[Weekday::Mon], 2, date(2025, 12, 17));
    assert_eq!(
        dates_between(&schedule, date(2025, 12, 1), date(2026, 1, 31)),
        vec![date(2025, 12, 29), date(2026, 1, 12), date(2026, 1, 26)]
    );
}

#[test]
fn interval_cycles_far_from_the_start() {
    let start = date(2020, 1, 1);
    // 2030-01-01 is 3653 days (913 cycles of 4, plus one) after the start.
    assert_eq!(
        dates_between(&interval(2, 2, start), date(2030, 1, 1), date(2030, 1, 8)),
        vec![
            date(2030, 1, 1),
            date(2030, 1, 4),
            date(2030, 1, 5),
            date(2030, 1, 8)
        ]
    );
    let every_day = interval(1, 0, start);
    assert_eq!(
        every_day.count_between(date(2030, 1, 1), date(2030, 12, 31)),
        365
    );
    assert!(every_day.is_scheduled(date(2045, 7, 19)));
    // 3 on, 4 off from a Wednesday is Wednesday–Friday of every week.
    let three_four = interval(3, 4, start);
    assert_eq!(
        dates_between(&three_four, date(2035, 6, 2), date(2035, 6, 10)),
        vec![date(2035, 6, 6), date(2035, 6, 7), date(2035, 6, 8)]
    );
    assert_eq!(
        three_four.previous_scheduled(date(2035, 6, 6)),
        Some(date(2035, 6, 1))
    );
}

#[test]
fn nothing_is_scheduled_outside_the_window() {
    let schedule = Schedule::new(Rule::Daily, date(2026, 3, 1), Some(date(2026, 3, 10)));
    assert!(!schedule.is_scheduled(date(2026, 2, 28)));
    assert!(schedule.is_scheduled(date(2026, 3, 10)));
    assert!(!schedule.is_scheduled(date(2026, 3, 11)));
    assert_eq!(
        schedule.count_between(date(2026, 1, 1), date(2026, 12, 31)),
        10
    );
    assert_eq!(schedule.next_scheduled(date(2026, 3, 10)), None);
    assert_eq!(schedule.previous_scheduled(date(2026, 3, 1)), None);
    assert_eq!(
        schedule.first_on_or_after(date(2020, 1, 1)),
        Some(date(2026, 3, 1))
    );
    let empty = Schedule::new(Rule::Daily, date(2026, 3, 1), Some(date(2026, 2, 1)));
    assert_eq!(empty.occurrences_from(date(2026, 1, 1)).count(), 0);
}

// ---- properties ----

fn arb_date() -> impl Strategy<Value = Date> {
    (1990i16..2060, 1u8..=12, 1u8..=31)
        .prop_map(|(year, month, day)| crate::calendar::clamped_date(year, month, day).unwrap())
}

fn arb_rule() -> impl Strategy<Value = Rule> {
    prop_oneof![
        Just(Rule::Daily),
        (1u8..=127, 1u8..=52).prop_map(|(bits, every_weeks)| Rule::WeeklyDays {
            days: WeekdaySet::new(
                Weekday::ALL
                    .into_iter()
                    .filter(|d| bits & (1 << d.index()) != 0)
            )
            .unwrap(),
            every_weeks,
        }),
        (1u8..=31, 1u8..=12).prop_map(|(day, every_months)| Rule::MonthlyDay { day, every_months }),
        (0usize..5, 0usize..7, 1u8..=12).prop_map(|(week, weekday, every_months)| {
            Rule::MonthlyWeekday {
                week: WeekOfMonth::ALL[week],
                weekday: Weekday::ALL[weekday],
                every_months,
            }
        }),
        (1u8..=12, 1u8..=31).prop_map(|(month, day)| Rule::YearlyDate {
            month,
            day: day.min(days_in_month(2000, month)),
        }),
        (1u16..=365, 0u16..=365).prop_map(|(active_days, break_days)| Rule::IntervalCycle {
            active_days,
            break_days,
        }),
        (2u16..=365).prop_map(|days| Rule::TimesPerPeriod {
            times: Some(1),
            period: PeriodKind::Days(days),
        }),
    ]
}

fn arb_schedule() -> impl Strategy<Value = Schedule> {
    (arb_rule(), arb_date(), proptest::option::of(0i32..6000)).prop_map(
        |(rule, starts_on, length)| {
            let ends_on = length.and_then(|days| crate::calendar::add_days(starts_on, days));
            Schedule::new(rule, starts_on, ends_on)
        },
    )
}

/// The definition in docs/product.md#schedules, checked one date at a time.
fn scheduled_by_definition(schedule: &Schedule, day: Date) -> bool {
    if day < schedule.starts_on() || schedule.ends_on().is_some_and(|end| day > end) {
        return false;
    }
    let clamp = |year: i16, month: u8, wanted: u8| wanted.min(days_in_month(year, month));
    match *schedule.rule() {
        Rule::Daily | Rule::TimesPerPeriod { .. } => true,
        Rule::WeeklyDays { days, every_weeks } => {
            let monday = |d: Date| crate::calendar::day_number(d) - i32::from(weekday_index(d));
            let weeks = (monday(day) - monday(schedule.starts_on())) / 7;
            days.contains_index(weekday_index(day)) && weeks % i32::from(every_weeks) == 0
        }
        Rule::MonthlyDay {
            day: wanted,
            every_months,
        } => {
            month_is_eligible(schedule.starts_on(), day, every_months)
                && day.day() as u8 == clamp(day.year(), day.month() as u8, wanted)
        }
        Rule::MonthlyWeekday {
            week,
            weekday,
            every_months,
        } => {
            let same_weekday_in_month = |offset: i8| {
                crate::calendar::add_days(day, i32::from(offset) * 7)
                    .is_some_and(|other| other.month() == day.month())
            };
            let nth = (day.day() - 1) / 7 + 1;
            let position_matches = match week {
                WeekOfMonth::Last => !same_weekday_in_month(1),
                other => nth == other.number(),
            };
            month_is_eligible(schedule.starts_on(), day, every_months)
                && weekday_index(day) == weekday.index()
                && position_matches
        }
        Rule::YearlyDate { month, day: wanted } => {
            day.month() as u8 == month && day.day() as u8 == clamp(day.year(), month, wanted)
        }
        Rule::IntervalCycle {
            active_days,
            break_days,
        } => {
            let offset = crate::calendar::days_between(schedule.starts_on(), day);
            offset % (i32::from(active_days) + i32::from(break_days)) < i32::from(active_days)
        }
    }
}

/// `(months between the start's month and the date's month) mod every_months = 0`.
fn month_is_eligible(starts_on: Date, day: Date, every_months: u8) -> bool {
    let months = (i32::from(day.year()) - i32::from(starts_on.year())) * 12
        + i32::from(day.month())
        - i32::from(starts_on.month());
    months % i32::from(every_months) == 0
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn is_scheduled_agrees_with_the_definition(schedule in arb_schedule(), offset in -30i32..20_000) {
        let day = crate::calendar::add_days(schedule.starts_on(), offset).unwrap();
        prop_assert_eq!(schedule.is_scheduled(day), scheduled_by_definition(&schedule, day));
    }

    #[test]
    fn iterators_and_count_agree(schedule in arb_schedule(), from in arb_date(), length in 0i32..3000) {
        let to = crate::calendar::add_days(from, length).unwrap();
        let forwards: Vec<Date> = schedule.occurrences_from(from).take_while(|&d| d <= to).collect();
        prop_assert!(forwards.iter().all(|&d| schedule.is_scheduled(d)));
        prop_assert!(forwards.windows(2).all(|pair| pair[0] < pair[1]));
        let mut backwards: Vec<Date> = schedule.occurrences_back_from(to).take_while(|&d| d >= from).collect();
        prop_assert!(backwards.windows(2).all(|pair| pair[0] > pair[1]));
        backwards.reverse();
        prop_assert_eq!(&forwards, &backwards);
        prop_assert_eq!(schedule.count_between(from, to) as usize, forwards.len());
    }

    #[test]
    fn next_scheduled_is_the_first_scheduled_date_after(schedule in arb_schedule(), offset in -10i32..8000) {
        let after = crate::calendar::add_days(schedule.starts_on(), offset).unwrap();
        let next = schedule.next_scheduled(after);
        // The longest gap is a 365/365 interval cycle: 366 days of walking finds any next date.
        let walked = (1..=800)
            .filter_map(|days| crate::calendar::add_days(after, days))
            .find(|&day| scheduled_by_definition(&schedule, day));
        match next {
            Some(found) if found <= crate::calendar::add_days(after, 800).unwrap() => prop_assert_eq!(Some(found), walked),
            Some(_) => prop_assert_eq!(walked, None),
            None => prop_assert_eq!(walked, None),
        }
        if let Some(previous) = schedule.previous_scheduled(after) {
            prop_assert!(previous < after && schedule.is_scheduled(previous));
            prop_assert!(schedule.next_scheduled(previous).is_none_or(|d| d >= after));
        }
    }

    #[test]
    fn monthly_and_yearly_fall_once_per_month_and_year(
        day in 1u8..=31, month in 1u8..=12, start in arb_date(), years in 1i16..12,
    ) {
        let monthly = monthly(day, start);
        for step in 1..(12 * i32::from(years)) {
            let year = start.year() + ((i32::from(start.month()) - 1 + step) / 12) as i16;
            let in_month = ((i32::from(start.month()) - 1 + step) % 12 + 1) as u8;
            let first = date(year, in_month as i8, 1);
            let last = date(year, in_month as i8, days_in_month(year, in_month) as i8);
            prop_assert_eq!(monthly.count_between(first, last), 1);
        }
        let yearly = yearly(month, day.min(days_in_month(2000, month)), start);
        for year in (start.year() + 1)..(start.year() + years) {
            prop_assert_eq!(yearly.count_between(date(year, 1, 1), date(year, 12, 31)), 1);
        }
    }
}

fn monthly_weekday(
    week: WeekOfMonth,
    weekday: Weekday,
    every_months: u8,
    starts_on: Date,
) -> Schedule {
    Schedule::new(
        Rule::MonthlyWeekday {
            week,
            weekday,
            every_months,
        },
        starts_on,
        None,
    )
}

#[test]
fn monthly_weekday_table() {
    use WeekOfMonth::*;
    use Weekday::*;
    let start = date(2026, 1, 1);
    // (rule, month shown, the one date it falls on in that month)
    let cases = [
        // January 2026 has five Fridays (2 … 30), March 2026 four (6 … 27).
        (
            monthly_weekday(Last, Fri, 1, start),
            (2026, 1),
            date(2026, 1, 30),
        ),
        (
            monthly_weekday(Last, Fri, 1, start),
            (2026, 3),
            date(2026, 3, 27),
        ),
        // February 2026 has exactly four Mondays (2, 9, 16, 23): the last is the fourth.
        (
            monthly_weekday(Last, Mon, 1, start),
            (2026, 2),
            date(2026, 2, 23),
        ),
        (
            monthly_weekday(Fourth, Mon, 1, start),
            (2026, 2),
            date(2026, 2, 23),
        ),
        // June 2026 has five Mondays (1 … 29): the fourth is not the last.
        (
            monthly_weekday(Fourth, Mon, 1, start),
            (2026, 6),
            date(2026, 6, 22),
        ),
        (
            monthly_weekday(Last, Mon, 1, start),
            (2026, 6),
            date(2026, 6, 29),
        ),
        (
            monthly_weekday(First, Sun, 1, start),
            (2026, 3),
            date(2026, 3, 1),
        ),
        (
            monthly_weekday(Second, Tue, 1, start),
            (2026, 9),
            date(2026, 9, 8),
        ),
        (
            monthly_weekday(Third, Sat, 1, start),
            (2024, 2),
            date(2024, 2, 17),
        ),
    ];
    for (schedule, (year, month), expected) in cases {
        let schedule = Schedule::new(schedule.rule().clone(), date(2024, 1, 1), None);
        let first = date(year, month, 1);
        let last = date(year, month, days_in_month(year, month as u8) as i8);
        assert_eq!(
            dates_between(&schedule, first, last),
            vec![expected],
            "{:?} in {year}-{month}",
            schedule.rule()
        );
    }
}

#[test]
fn every_three_months_from_a_november_start_crosses_the_year_end() {
    let schedule = monthly_weekday(WeekOfMonth::First, Weekday::Mon, 3, date(2026, 11, 10));
    // November's first Monday (the 2nd) is before the start: the first is in February.
    assert_eq!(
        dates_between(&schedule, date(2026, 1, 1), date(2027, 12, 31)),
        vec![
            date(2027, 2, 1),
            date(2027, 5, 3),
            date(2027, 8, 2),
            date(2027, 11, 1),
        ]
    );
    let monthly = Schedule::new(
        Rule::MonthlyDay {
            day: 15,
            every_months: 3,
        },
        date(2026, 11, 1),
        None,
    );
    assert_eq!(
        dates_between(&monthly, date(2026, 11, 1), date(2027, 9, 1)),
        vec![
            date(2026, 11, 15),
            date(2027, 2, 15),
            date(2027, 5, 15),
            date(2027, 8, 15)
        ]
    );
    assert_eq!(
        monthly.count_between(date(2026, 11, 1), date(2027, 9, 1)),
        4
    );
    assert_eq!(
        monthly.previous_scheduled(date(2027, 2, 15)),
        Some(date(2026, 11, 15))
    );
}

#[test]
fn monthly_day_31_every_two_months_clamps_in_short_months() {
    let schedule = Schedule::new(
        Rule::MonthlyDay {
            day: 31,
            every_months: 2,
        },
        date(2026, 2, 10),
        None,
    );
    assert_eq!(
        dates_between(&schedule, date(2026, 1, 1), date(2026, 12, 31)),
        vec![
            date(2026, 2, 28),
            date(2026, 4, 30),
            date(2026, 6, 30),
            date(2026, 8, 31),
            date(2026, 10, 31),
            date(2026, 12, 31),
        ]
    );
    // "Every 3 months on the 31st" from December reaches a leap February.
    let quarterly = Schedule::new(
        Rule::MonthlyDay {
            day: 31,
            every_months: 3,
        },
        date(2027, 11, 30),
        None,
    );
    assert_eq!(
        dates_between(&quarterly, date(2027, 11, 30), date(2028, 6, 1)),
        vec![date(2027, 11, 30), date(2028, 2, 29), date(2028, 5, 31)]
    );
}

#[test]
fn previews_the_next_dates() {
    let schedule = monthly_weekday(WeekOfMonth::Last, Weekday::Fri, 2, date(2026, 1, 1));
    assert_eq!(
        schedule.next_dates(date(2026, 3, 1), 5),
        vec![
            date(2026, 3, 27),
            date(2026, 5, 29),
            date(2026, 7, 31),
            date(2026, 9, 25),
            date(2026, 11, 27),
        ]
    );
    let ended = Schedule::new(Rule::Daily, date(2026, 1, 1), Some(date(2026, 1, 2)));
    assert_eq!(
        ended.next_dates(date(2026, 1, 1), 5),
        vec![date(2026, 1, 1), date(2026, 1, 2)]
    );
}

#[test]
fn previews_the_next_periods() {
    let schedule = Schedule::new(
        Rule::TimesPerPeriod {
            times: Some(3),
            period: PeriodKind::Week,
        },
        date(2026, 3, 4),
        Some(date(2026, 3, 20)),
    );
    assert_eq!(
        schedule.next_periods(date(2026, 3, 1), 5),
        vec![
            (date(2026, 3, 4), date(2026, 3, 8)),
            (date(2026, 3, 9), date(2026, 3, 15)),
            (date(2026, 3, 16), date(2026, 3, 20)),
        ]
    );
    assert!(
        monthly(1, date(2026, 1, 1))
            .next_periods(date(2026, 1, 1), 3)
            .is_empty()
    );
}
