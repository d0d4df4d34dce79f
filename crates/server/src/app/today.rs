//! "Today" and local dates for a user: their time zone, their day start, the clock.
use super::Services;
use habitflow_domain::local_date::{
    DayStartHour, InstantRange, instants_of_dates, local_date, time_zone,
};
use habitflow_domain::model::User;
use habitflow_domain::stats::Period;
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

/// How a user reckons dates.
pub struct UserCalendar {
    zone: TimeZone,
    day_start: DayStartHour,
}

impl UserCalendar {
    pub fn of(user: &User) -> Self {
        Self {
            zone: time_zone(&user.time_zone).unwrap_or(TimeZone::UTC),
            day_start: DayStartHour::new(user.day_start_hour).unwrap_or_default(),
        }
    }

    pub fn date_of(&self, instant: Timestamp) -> Date {
        local_date(instant, &self.zone, self.day_start)
    }

    /// The instants whose local date lies in `period`, for counting in the
    /// database (docs/architecture.md#tasks-counted-in-sql).
    pub fn instants_of(&self, period: &Period) -> InstantRange {
        instants_of_dates(period.from, period.to, &self.zone, self.day_start)
    }

    /// The user's time zone (reminders fire on its wall clock, docs/reminders.md).
    pub fn zone(&self) -> &TimeZone {
        &self.zone
    }

    /// The wall-clock hour (0–23) of `instant` for the user.
    pub fn hour_of(&self, instant: Timestamp) -> i8 {
        self.zone.to_datetime(instant).hour()
    }

    pub fn today(&self, state: &Services) -> Date {
        self.date_of(state.clock.now())
    }
}
