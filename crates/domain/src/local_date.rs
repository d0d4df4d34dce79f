//! The user's local date of an instant: their IANA time zone plus their
//! day-start hour (a night owl's 01:30 still belongs to yesterday).
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::{AmbiguousOffset, TimeZone};
use std::fmt;

/// The hour (0–5) at which a user's day begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct DayStartHour(u8);

impl DayStartHour {
    pub const MAX: u8 = 5;

    pub fn new(hour: u8) -> Option<Self> {
        (hour <= Self::MAX).then_some(Self(hour))
    }

    pub fn hour(self) -> u8 {
        self.0
    }
}

impl fmt::Display for DayStartHour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Looks up an IANA time zone name in the bundled database.
pub fn time_zone(name: &str) -> Option<TimeZone> {
    TimeZone::get(name).ok()
}

/// The local date of `instant` for a user in `zone` whose day starts at `day_start`.
///
/// The day-start shift is applied to the wall clock, not to the instant, so a
/// DST change never moves a check-in onto another date.
pub fn local_date(instant: Timestamp, zone: &TimeZone, day_start: DayStartHour) -> Date {
    let wall_clock = zone.to_datetime(instant);
    let date = wall_clock.date();
    if wall_clock.hour() < day_start.0 as i8 {
        date.yesterday().unwrap_or(date)
    } else {
        date
    }
}

/// The instants `from <= t < until`: the local dates of a period as a
/// half-open range a database can compare timestamps with
/// (docs/architecture.md#tasks-counted-in-sql).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InstantRange {
    pub from: Timestamp,
    pub until: Timestamp,
}

impl InstantRange {
    pub fn contains(&self, instant: Timestamp) -> bool {
        self.from <= instant && instant < self.until
    }
}

/// The instants whose local date (`local_date`) lies in `from ..= to`: from
/// the start of `from` up to the start of the day after `to`.
pub fn instants_of_dates(
    from: Date,
    to: Date,
    zone: &TimeZone,
    day_start: DayStartHour,
) -> InstantRange {
    InstantRange {
        from: start_of_date(from, zone, day_start),
        until: to
            .tomorrow()
            .map_or(Timestamp::MAX, |next| start_of_date(next, zone, day_start)),
    }
}

/// The first instant whose local date is `date` or later: the wall clock's
/// `date` at the day-start hour, or, when a DST gap skips that hour, the end
/// of the gap, and when a fall-back repeats it, its first occurrence.
/// Saturates at the ends of the representable instants.
pub fn start_of_date(date: Date, zone: &TimeZone, day_start: DayStartHour) -> Timestamp {
    let day_start_clock = date.at(day_start.0 as i8, 0, 0, 0);
    let ambiguous = zone.to_ambiguous_timestamp(day_start_clock);
    let start = match ambiguous.offset() {
        // `earlier` is the instant before the gap on the later offset's
        // clock; the first instant after it is the transition itself.
        AmbiguousOffset::Gap { .. } => ambiguous.earlier().ok().and_then(|before_gap| {
            zone.following(before_gap)
                .next()
                .map(|transition| transition.timestamp())
        }),
        AmbiguousOffset::Unambiguous { .. } | AmbiguousOffset::Fold { .. } => {
            ambiguous.earlier().ok()
        }
    };
    start.unwrap_or(if date < Date::constant(0, 1, 1) {
        Timestamp::MIN
    } else {
        Timestamp::MAX
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn zone(name: &str) -> TimeZone {
        time_zone(name).unwrap()
    }

    #[test]
    fn before_the_day_start_counts_for_the_previous_date() {
        let berlin = zone("Europe/Berlin");
        // 01:30 local in winter (UTC+1).
        let night = at("2026-01-15T00:30:00Z");
        assert_eq!(
            local_date(night, &berlin, DayStartHour(3)),
            date(2026, 1, 14)
        );
        assert_eq!(
            local_date(night, &berlin, DayStartHour(0)),
            date(2026, 1, 15)
        );
        let after_start = at("2026-01-15T02:00:00Z");
        assert_eq!(
            local_date(after_start, &berlin, DayStartHour(3)),
            date(2026, 1, 15)
        );
    }

    #[test]
    fn the_same_instant_is_a_different_date_across_the_date_line() {
        let instant = at("2026-06-01T12:00:00Z");
        let kiritimati = local_date(instant, &zone("Pacific/Kiritimati"), DayStartHour(0));
        let pago_pago = local_date(instant, &zone("Pacific/Pago_Pago"), DayStartHour(0));
        assert_eq!(kiritimati, date(2026, 6, 2));
        assert_eq!(pago_pago, date(2026, 6, 1));
        assert_eq!(
            local_date(instant, &TimeZone::UTC, DayStartHour(0)),
            date(2026, 6, 1)
        );
    }

    /// Walks an instant across a DST change in steps of 15 minutes and checks
    /// that local dates follow each other one by one, none skipped or repeated.
    fn assert_dates_follow_each_other(zone_name: &str, from: &str, day_start: u8) {
        let zone = zone(zone_name);
        let mut instant = at(from);
        let mut seen = vec![local_date(instant, &zone, DayStartHour(day_start))];
        for _ in 0..(4 * 24 * 4) {
            instant = instant
                .checked_add(jiff::SignedDuration::from_mins(15))
                .unwrap();
            let today = local_date(instant, &zone, DayStartHour(day_start));
            let last = *seen.last().unwrap();
            if today != last {
                assert_eq!(
                    Some(today),
                    last.tomorrow().ok(),
                    "{zone_name} jumped from {last} to {today}"
                );
                seen.push(today);
            }
        }
        assert_eq!(seen.len(), 5, "{zone_name}: {seen:?}");
    }

    #[test]
    fn dst_changes_neither_skip_nor_repeat_a_date() {
        for day_start in [0, 1, 2, 3, 5] {
            // Spring forward and fall back in New York and London, starting the walk
            // two days before the change.
            assert_dates_follow_each_other("America/New_York", "2026-03-06T12:00:00Z", day_start);
            assert_dates_follow_each_other("America/New_York", "2026-10-30T12:00:00Z", day_start);
            assert_dates_follow_each_other("Europe/London", "2026-03-27T12:00:00Z", day_start);
            assert_dates_follow_each_other("Europe/London", "2026-10-23T12:00:00Z", day_start);
        }
    }

    fn micros(n: i64) -> jiff::SignedDuration {
        jiff::SignedDuration::from_micros(n)
    }

    /// `start` is the first instant of `day`: the instant before it belongs
    /// to the day before.
    fn assert_first_instant_of(start: Timestamp, day: Date, zone: &TimeZone, day_start: u8) {
        let day_start = DayStartHour(day_start);
        assert_eq!(local_date(start, zone, day_start), day, "{start}");
        assert_eq!(
            Some(local_date(start - micros(1), zone, day_start)),
            day.yesterday().ok(),
            "{start}"
        );
    }

    #[test]
    fn a_period_of_dates_runs_from_its_first_day_start_to_the_next_after_it() {
        let berlin = zone("Europe/Berlin");
        // 03:00 in winter (UTC+1) is 02:00 UTC.
        let instants = instants_of_dates(
            date(2026, 1, 14),
            date(2026, 1, 15),
            &berlin,
            DayStartHour(3),
        );
        assert_eq!(
            instants,
            InstantRange {
                from: at("2026-01-14T02:00:00Z"),
                until: at("2026-01-16T02:00:00Z"),
            }
        );
        assert!(instants.contains(instants.from));
        assert!(!instants.contains(instants.until));
        assert!(instants.contains(instants.until - micros(1)));
        assert_eq!(
            instants_of_dates(
                date(2026, 6, 1),
                date(2026, 6, 1),
                &TimeZone::UTC,
                DayStartHour(0)
            ),
            InstantRange {
                from: at("2026-06-01T00:00:00Z"),
                until: at("2026-06-02T00:00:00Z"),
            }
        );
    }

    #[test]
    fn a_day_start_skipped_by_spring_forward_starts_the_day_at_the_change() {
        let new_york = zone("America/New_York");
        // 2026-03-08: 02:00 EST jumps to 03:00 EDT (07:00 UTC), so a day
        // starting at 02:00 begins at the change and lasts 23 hours.
        let start = start_of_date(date(2026, 3, 8), &new_york, DayStartHour(2));
        assert_eq!(start, at("2026-03-08T07:00:00Z"));
        assert_first_instant_of(start, date(2026, 3, 8), &new_york, 2);
        let next = start_of_date(date(2026, 3, 9), &new_york, DayStartHour(2));
        assert_eq!(next, at("2026-03-09T06:00:00Z"));
        assert_eq!(next.duration_since(start).as_hours(), 23);
        // Santiago skips midnight (00:00 → 01:00) on 2026-09-06.
        let santiago = zone("America/Santiago");
        let midnight = start_of_date(date(2026, 9, 6), &santiago, DayStartHour(0));
        assert_eq!(midnight, at("2026-09-06T04:00:00Z"));
        assert_first_instant_of(midnight, date(2026, 9, 6), &santiago, 0);
    }

    #[test]
    fn a_day_start_repeated_by_fall_back_starts_the_day_at_its_first_occurrence() {
        let new_york = zone("America/New_York");
        // 2026-11-01: 02:00 EDT falls back to 01:00 EST, so 01:00 happens
        // twice; the day starting at 01:00 begins at the first and lasts 25 hours.
        let start = start_of_date(date(2026, 11, 1), &new_york, DayStartHour(1));
        assert_eq!(start, at("2026-11-01T05:00:00Z"));
        assert_first_instant_of(start, date(2026, 11, 1), &new_york, 1);
        let next = start_of_date(date(2026, 11, 2), &new_york, DayStartHour(1));
        assert_eq!(next.duration_since(start).as_hours(), 25);
    }

    #[test]
    fn a_day_start_inside_a_skipped_day_starts_the_day_at_the_change() {
        // Samoa skipped 2011-12-30: 23:59:59 on the 29th (UTC−10) was followed
        // by 00:00 on the 31st (UTC+14), at 10:00 UTC. With a day start at
        // 03:00 the wall clock's 00:00–03:00 of the 31st is still the 30th.
        let apia = zone("Pacific/Apia");
        let start = start_of_date(date(2011, 12, 30), &apia, DayStartHour(3));
        assert_eq!(start, at("2011-12-30T10:00:00Z"));
        assert_first_instant_of(start, date(2011, 12, 30), &apia, 3);
        assert_eq!(
            start_of_date(date(2011, 12, 31), &apia, DayStartHour(3)),
            at("2011-12-30T13:00:00Z")
        );
    }

    #[test]
    fn the_last_representable_date_runs_to_the_last_instant() {
        let instants = instants_of_dates(Date::MAX, Date::MAX, &TimeZone::UTC, DayStartHour(0));
        assert_eq!(instants.until, Timestamp::MAX);
    }

    mod property {
        use super::*;
        use proptest::prelude::*;

        const ZONES: [&str; 9] = [
            "UTC",
            "Europe/Berlin",
            "America/New_York",
            "America/Santiago",
            "Australia/Lord_Howe",
            "Asia/Kolkata",
            "America/St_Johns",
            "Pacific/Apia",
            "Pacific/Kiritimati",
        ];

        proptest! {
            /// An instant's local date lies in `from ..= to` exactly when the
            /// instant lies in the period's instants, also right at and around
            /// its ends.
            #[test]
            fn local_dates_in_a_period_are_the_instants_of_the_period(
                zone_index in 0..ZONES.len(),
                day_start in 0..=DayStartHour::MAX,
                from_day in 0i64..(40 * 366),
                length in 0i64..400,
                near_end in 0usize..3,
                offset_micros in prop_oneof![
                    -3i64..3,
                    -7_200_000_000i64..7_200_000_000,
                    -200_000_000_000i64..200_000_000_000,
                ],
            ) {
                let zone = zone(ZONES[zone_index]);
                let day_start = DayStartHour(day_start);
                let from = date(2000, 1, 1) + jiff::Span::new().days(from_day);
                let to = from + jiff::Span::new().days(length);
                let instants = instants_of_dates(from, to, &zone, day_start);
                let base = match near_end {
                    0 => instants.from,
                    1 => instants.until,
                    _ => start_of_date(from + jiff::Span::new().days(length / 2), &zone, day_start),
                };
                let instant = base + micros(offset_micros);
                let day = local_date(instant, &zone, day_start);
                prop_assert_eq!(
                    from <= day && day <= to,
                    instants.contains(instant),
                    "{} {} in {}..={}: {:?}", instant, day, from, to, instants
                );
            }
        }
    }

    #[test]
    fn day_start_is_bounded() {
        assert!(DayStartHour::new(5).is_some());
        assert!(DayStartHour::new(6).is_none());
    }
}
