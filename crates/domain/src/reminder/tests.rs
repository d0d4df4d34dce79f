use super::*;
use crate::checkin::Checkin;
use crate::derived::History;
use crate::pause::{DateRange, PauseSet};
use crate::schedule::{Rule, Schedule, Weekday, WeekdaySet};
use jiff::civil::date;

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn time(text: &str) -> ReminderTime {
    ReminderTime::parse(text).unwrap()
}

fn berlin() -> TimeZone {
    TimeZone::get("Europe/Berlin").unwrap()
}

#[test]
fn times_are_hh_mm_within_a_day() {
    assert_eq!(time("07:30").to_string(), "07:30");
    assert_eq!(time("00:00").to_string(), "00:00");
    assert_eq!(time("23:59").to_string(), "23:59");
    for bad in [
        "7:30", "24:00", "12:60", "1230", "ab:cd", "+1:30", "07:30:00", "",
    ] {
        assert!(ReminderTime::parse(bad).is_err(), "{bad:?} was accepted");
    }
}

#[test]
fn at_most_five_distinct_times_sorted() {
    let times = ReminderTimes::parse(&["21:00", "07:30", "07:30"]).unwrap();
    assert_eq!(times.as_slice(), &[time("07:30"), time("21:00")]);
    assert!(ReminderTimes::parse(&["01:00", "02:00", "03:00", "04:00", "05:00"]).is_ok());
    let six = ReminderTimes::parse(&["01:00", "02:00", "03:00", "04:00", "05:00", "06:00"]);
    assert_eq!(six.unwrap_err().key, "error-reminder-times-too-many");
    assert_eq!(
        ReminderTimes::parse(&["07:30", "7:30"]).unwrap_err().key,
        "error-reminder-time"
    );
}

#[test]
fn the_instant_of_a_wall_clock_time_in_berlin() {
    // (date, time, the instant it fires)
    let table = [
        // Winter, UTC+1.
        (date(2026, 1, 15), "07:30", "2026-01-15T06:30:00Z"),
        // Summer, UTC+2.
        (date(2026, 7, 15), "07:30", "2026-07-15T05:30:00Z"),
        // Spring forward on 29 March 2026: 02:00–03:00 does not exist; 02:30
        // fires at the first valid minute after it, 03:00 CEST.
        (date(2026, 3, 29), "02:30", "2026-03-29T01:00:00Z"),
        (date(2026, 3, 29), "02:00", "2026-03-29T01:00:00Z"),
        (date(2026, 3, 29), "03:00", "2026-03-29T01:00:00Z"),
        (date(2026, 3, 29), "01:59", "2026-03-29T00:59:00Z"),
        // Fall back on 25 October 2026: 02:30 happens twice; the first one, CEST.
        (date(2026, 10, 25), "02:30", "2026-10-25T00:30:00Z"),
        (date(2026, 10, 25), "03:00", "2026-10-25T02:00:00Z"),
    ];
    for (on, wall_clock, expected) in table {
        assert_eq!(
            fire_instant(on, time(wall_clock), &berlin()),
            Some(at(expected)),
            "{on} {wall_clock}"
        );
    }
}

/// Every slot from `from` until `until`, walking `next_slot`.
fn slots_between(times: &[&str], from: &str, until: &str) -> Vec<Slot> {
    let times = ReminderTimes::parse(times).unwrap();
    let mut slots = Vec::new();
    let mut slot = next_slot_after(&times, &berlin(), at(from));
    while let Some(current) = slot.filter(|slot| slot.fires_at < at(until)) {
        slots.push(current);
        slot = next_slot(&times, &berlin(), current);
    }
    slots
}

#[test]
fn the_repeated_hour_fires_once() {
    let slots = slots_between(&["02:30"], "2026-10-24T12:00:00Z", "2026-10-26T12:00:00Z");
    let instants: Vec<_> = slots.iter().map(|slot| slot.fires_at).collect();
    assert_eq!(
        instants,
        [at("2026-10-25T00:30:00Z"), at("2026-10-26T01:30:00Z")],
        "once on the day of the fold, once the day after"
    );
}

#[test]
fn the_skipped_hour_fires_at_three_and_two_times_in_the_gap_both_fire() {
    let slots = slots_between(
        &["02:15", "02:45", "07:30"],
        "2026-03-28T23:00:00Z",
        "2026-03-29T12:00:00Z",
    );
    let fired: Vec<_> = slots
        .iter()
        .map(|slot| (slot.time.to_string(), slot.fires_at))
        .collect();
    assert_eq!(
        fired,
        [
            ("02:15".to_owned(), at("2026-03-29T01:00:00Z")),
            ("02:45".to_owned(), at("2026-03-29T01:00:00Z")),
            ("07:30".to_owned(), at("2026-03-29T05:30:00Z")),
        ]
    );
}

#[test]
fn slots_follow_each_other_through_a_year_in_berlin() {
    let slots = slots_between(
        &["00:00", "07:30", "23:59"],
        "2025-12-31T22:59:30Z",
        "2026-12-31T23:00:00Z",
    );
    assert_eq!(slots.len(), 365 * 3);
    assert!(slots.windows(2).all(|pair| pair[0] < pair[1]));
}

#[test]
fn late_within_an_hour_is_sent_and_later_is_dropped() {
    let slot = Slot {
        fires_at: at("2026-01-15T06:30:00Z"),
        date: date(2026, 1, 15),
        time: time("07:30"),
    };
    assert!(still_on_time(&slot, at("2026-01-15T06:30:00Z")));
    assert!(
        still_on_time(&slot, at("2026-01-15T07:29:00Z")),
        "59 minutes late"
    );
    assert!(
        still_on_time(&slot, at("2026-01-15T07:30:00Z")),
        "exactly an hour"
    );
    assert!(
        !still_on_time(&slot, at("2026-01-15T07:31:00Z")),
        "61 minutes late"
    );
}

#[test]
fn after_a_dropped_reminder_the_slots_of_the_last_hour_still_come() {
    let times = ReminderTimes::parse(&["07:30", "08:00"]).unwrap();
    let missed = next_slot_after(&times, &berlin(), at("2026-01-14T12:00:00Z")).unwrap();
    assert_eq!(missed.fires_at, at("2026-01-15T06:30:00Z"));
    // Three days later at 08:40 (07:40Z): 07:30 that day is 70 minutes late,
    // 08:00 forty minutes, still on time.
    let next = next_on_time(&times, &berlin(), missed, at("2026-01-18T07:40:00Z")).unwrap();
    assert_eq!((next.date, next.time), (date(2026, 1, 18), time("08:00")));
    assert!(still_on_time(&next, at("2026-01-18T07:40:00Z")));
    // A second after the missed one's hour: the next slot, never the missed one again.
    let next = next_on_time(&times, &berlin(), missed, at("2026-01-15T07:30:00.5Z")).unwrap();
    assert_eq!((next.date, next.time), (date(2026, 1, 15), time("08:00")));
}

#[test]
fn retries_back_off_up_to_sixteen_minutes() {
    let minutes: Vec<_> = (1..=7).map(|n| retry_delay(n).as_mins()).collect();
    assert_eq!(minutes, [1, 2, 4, 8, 16, 16, 16]);
}

struct Case {
    rule: Rule,
    archived_on: Option<Date>,
    pauses: PauseSet,
    checkins: Vec<Checkin>,
}

impl Case {
    fn daily() -> Self {
        Self {
            rule: Rule::Daily,
            archived_on: None,
            pauses: PauseSet::none().clone(),
            checkins: Vec::new(),
        }
    }

    fn wanted_on(&self, today: Date) -> bool {
        let schedule = Schedule::new(self.rule.clone(), date(2026, 1, 1), None);
        reminder_wanted(&HabitOnDate {
            schedule: &schedule,
            archived_on: self.archived_on,
            target: None,
            pauses: &self.pauses,
            history: History::new(&self.checkins),
            today,
        })
    }
}

#[test]
fn a_reminder_is_wanted_only_while_the_habit_waits_for_a_check_in() {
    let day = date(2026, 1, 15);
    assert!(Case::daily().wanted_on(day), "due and nothing logged");

    let done_at_seven = Case {
        checkins: vec![Checkin::done(day)],
        ..Case::daily()
    };
    assert!(
        !done_at_seven.wanted_on(day),
        "done at 07:00: no 07:30 reminder"
    );
    assert!(
        done_at_seven.wanted_on(date(2026, 1, 16)),
        "the next day again"
    );

    let skipped = Case {
        checkins: vec![Checkin::skipped(day)],
        ..Case::daily()
    };
    assert!(!skipped.wanted_on(day), "a skip counts as checked in");

    let paused = Case {
        pauses: PauseSet::merge([DateRange::pause(day, date(2026, 1, 20)).unwrap()]),
        ..Case::daily()
    };
    assert!(!paused.wanted_on(day), "paused");
    assert!(paused.wanted_on(date(2026, 1, 21)), "after the pause");

    let archived = Case {
        archived_on: Some(date(2026, 1, 10)),
        ..Case::daily()
    };
    assert!(!archived.wanted_on(day), "archived");

    let mondays = Case {
        rule: Rule::WeeklyDays {
            days: WeekdaySet::new([Weekday::Mon]).unwrap(),
            every_weeks: 1,
        },
        ..Case::daily()
    };
    assert!(!mondays.wanted_on(day), "15 January 2026 is a Thursday");
    assert!(mondays.wanted_on(date(2026, 1, 19)), "a Monday");
}
