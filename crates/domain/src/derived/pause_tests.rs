//! Pauses and vacations as a neutral layer (docs/product.md#pauses-and-vacations).
use super::*;
use crate::measure::{Amount, Target, TargetType};
use crate::pause::DateRange;
use crate::schedule::{Rule, Weekday, WeekdaySet};
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

fn vacation(from: Date, to: Date) -> PauseSet {
    PauseSet::merge([DateRange::pause(from, to).unwrap()])
}

#[test]
fn a_vacation_spans_two_habits_of_different_types() {
    // The account's vacation 10–19 March, merged into each habit's own pauses.
    let vacation = vacation(date(2026, 3, 10), date(2026, 3, 19));
    let own_pause =
        PauseSet::merge([DateRange::pause(date(2026, 3, 20), date(2026, 3, 20)).unwrap()]);
    let daily_pauses = own_pause.union(&vacation);
    assert_eq!(daily_pauses.ranges().len(), 1, "adjacent ranges merge");

    // A yes/no daily habit done up to the 9th, once during the vacation, and on the 21st.
    let daily = Schedule::new(Rule::Daily, date(2026, 3, 1), None);
    let mut done: Vec<Checkin> = (1..=9).map(|d| Checkin::done(date(2026, 3, d))).collect();
    done.push(Checkin::done(date(2026, 3, 15)));
    done.push(Checkin::done(date(2026, 3, 21)));
    let yes_no = habit(&daily, None, &daily_pauses, &done, date(2026, 3, 22));
    assert_eq!(
        yes_no.current_streak(),
        11,
        "9 + the done on the 15th + the 21st"
    );
    assert_eq!(
        yes_no.completion_rate(date(2026, 3, 1), date(2026, 3, 21)),
        Some(100.0)
    );
    let during = habit(&daily, None, &daily_pauses, &done, date(2026, 3, 12));
    assert!(!during.due_today());
    assert!(during.paused_today());
    assert_eq!(during.next_scheduled_open(), Some(date(2026, 3, 21)));
    assert_eq!(during.current_streak(), 9);
    let without = habit(&daily, None, PauseSet::none(), &done, date(2026, 3, 22));
    assert_eq!(without.current_streak(), 1);
    assert!(yes_no.strength() > without.strength());

    // A measurable weekly habit (Mon, Thu; at least 3 km) under the same vacation.
    let weekly = Schedule::new(
        Rule::WeeklyDays {
            days: WeekdaySet::new([Weekday::Mon, Weekday::Thu]).unwrap(),
            every_weeks: 1,
        },
        date(2026, 3, 2),
        None,
    );
    let km = Some(Target::new(Amount::parse("3").unwrap(), TargetType::AtLeast).unwrap());
    let runs = [
        Checkin::logged(date(2026, 3, 2), Amount::parse("3").unwrap()),
        Checkin::logged(date(2026, 3, 5), Amount::parse("4").unwrap()),
        Checkin::logged(date(2026, 3, 9), Amount::parse("3.5").unwrap()),
        // During the vacation: a short run is excused, not a miss.
        Checkin::logged(date(2026, 3, 12), Amount::parse("1").unwrap()),
        Checkin::logged(date(2026, 3, 23), Amount::parse("3").unwrap()),
    ];
    let measured = habit(&weekly, km, &vacation, &runs, date(2026, 3, 24));
    assert_eq!(measured.current_streak(), 4);
    // Closed: 2, 5, 9, 12, 16, 19, 23 March; 12, 16, 19 are paused (neutral).
    assert_eq!(
        measured.tally(date(2026, 3, 1), date(2026, 3, 24)),
        Tally {
            scheduled: 7,
            done: 4,
            skipped: 3,
        }
    );
    assert!(!habit(&weekly, km, &vacation, &runs, date(2026, 3, 16)).due_today());

    // And a "twice a week" habit: the weeks the vacation touches (9–15,
    // 16–22) are neutral unless met.
    let twice = Schedule::new(
        Rule::TimesPerPeriod {
            times: Some(2),
            period: crate::schedule::PeriodKind::Week,
        },
        date(2026, 3, 2),
        None,
    );
    let sessions: Vec<Checkin> = [(3, 3), (3, 5), (3, 11), (3, 24), (3, 26)]
        .iter()
        .map(|&(month, day)| Checkin::done(date(2026, month, day)))
        .collect();
    let counted = habit(&twice, None, &vacation, &sessions, date(2026, 3, 30));
    assert_eq!(
        counted.current_streak(),
        2,
        "weeks 1 and 4; 2 and 3 neutral"
    );
    let plain = habit(&twice, None, PauseSet::none(), &sessions, date(2026, 3, 30));
    assert_eq!(plain.current_streak(), 1);
    assert!(!habit(&twice, None, &vacation, &sessions, date(2026, 3, 12)).due_today());
}

#[test]
fn at_most_unlogged_paused_days_stay_met() {
    let schedule = Schedule::new(Rule::Daily, date(2026, 3, 1), None);
    let pauses = vacation(date(2026, 3, 3), date(2026, 3, 5));
    let at_most = Some(Target::new(Amount::ZERO, TargetType::AtMost).unwrap());
    let with = habit(&schedule, at_most, &pauses, &[], date(2026, 3, 8));
    let without = habit(&schedule, at_most, PauseSet::none(), &[], date(2026, 3, 8));
    assert_eq!(with.current_streak(), 7);
    assert_eq!(with.current_streak(), without.current_streak());
    assert_eq!(with.strength(), without.strength());
}

#[test]
fn paused_dates_without_check_ins_leave_progress_neutral() {
    let schedule = Schedule::new(Rule::Daily, date(2026, 3, 1), Some(date(2026, 3, 10)));
    let pauses = vacation(date(2026, 3, 6), date(2026, 3, 10));
    let checkins: Vec<Checkin> = (1..=5).map(|d| Checkin::done(date(2026, 3, d))).collect();
    let paused = habit(&schedule, None, &pauses, &checkins, date(2026, 3, 6));
    assert_eq!(paused.progress(), Some(100.0));
}
