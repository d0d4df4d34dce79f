//! The user's local date of an instant: their IANA time zone plus their
//! day-start hour (a night owl's 01:30 still belongs to yesterday).
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
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

    #[test]
    fn day_start_is_bounded() {
        assert!(DayStartHour::new(5).is_some());
        assert!(DayStartHour::new(6).is_none());
    }
}
