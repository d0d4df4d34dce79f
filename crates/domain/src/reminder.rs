//! Reminders (docs/reminders.md): a habit's local times of day, the instant
//! each fires in the user's time zone, and whether it is still wanted.
use crate::derived::HabitOnDate;
use crate::message::Message;
use jiff::civil::{Date, DateTime, Time};
use jiff::tz::{AmbiguousOffset, TimeZone};
use jiff::{SignedDuration, Timestamp};
use std::fmt;
use std::str::FromStr;

/// At most this many reminder times per habit.
pub const MAX_REMINDER_TIMES: usize = 5;

/// A reminder later than this after its instant is dropped, not sent.
pub const LATE_LIMIT: SignedDuration = SignedDuration::from_hours(1);

/// A wall-clock time of day, `HH:MM`, minutes only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ReminderTime {
    hour: u8,
    minute: u8,
}

impl ReminderTime {
    /// `HH:MM` with two digits each, 00:00 to 23:59.
    pub fn parse(text: &str) -> Result<Self, Message> {
        let invalid = || Message::new("error-reminder-time");
        let (hour, minute) = text.trim().split_once(':').ok_or_else(invalid)?;
        if hour.len() != 2 || minute.len() != 2 {
            return Err(invalid());
        }
        let number = |part: &str| {
            part.bytes()
                .all(|byte| byte.is_ascii_digit())
                .then(|| part.parse::<u8>().ok())
                .flatten()
        };
        match (number(hour), number(minute)) {
            (Some(hour), Some(minute)) if hour < 24 && minute < 60 => Ok(Self { hour, minute }),
            _ => Err(invalid()),
        }
    }

    pub fn hour(self) -> u8 {
        self.hour
    }

    pub fn minute(self) -> u8 {
        self.minute
    }

    fn civil(self) -> Time {
        Time::constant(self.hour as i8, self.minute as i8, 0, 0)
    }
}

impl fmt::Display for ReminderTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

impl FromStr for ReminderTime {
    type Err = Message;

    fn from_str(text: &str) -> Result<Self, Message> {
        Self::parse(text)
    }
}

/// A habit's reminder times: at most [`MAX_REMINDER_TIMES`], sorted, each once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReminderTimes(Vec<ReminderTime>);

impl ReminderTimes {
    /// Parses every text; a repeated time is kept once, more than five
    /// distinct times are refused.
    pub fn parse<S: AsRef<str>>(texts: &[S]) -> Result<Self, Message> {
        let mut times = texts
            .iter()
            .map(|text| ReminderTime::parse(text.as_ref()))
            .collect::<Result<Vec<_>, _>>()?;
        times.sort();
        times.dedup();
        if times.len() > MAX_REMINDER_TIMES {
            return Err(Message::new("error-reminder-times-too-many")
                .with("max", MAX_REMINDER_TIMES as i64));
        }
        Ok(Self(times))
    }

    pub fn as_slice(&self) -> &[ReminderTime] {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// One reminder: a habit's time on a calendar date, and the instant it fires.
/// The date and time identify it (a reminder is delivered once per slot);
/// slots are ordered by instant, then date and time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Slot {
    pub fires_at: Timestamp,
    pub date: Date,
    pub time: ReminderTime,
}

impl Slot {
    /// The last instant it may still be sent ([`LATE_LIMIT`] after it fires).
    pub fn deadline(&self) -> Timestamp {
        self.fires_at
            .checked_add(LATE_LIMIT)
            .unwrap_or(Timestamp::MAX)
    }
}

/// The instant `time` on `date` happens in `zone`. A wall-clock time that
/// does not exist that day (a DST gap) fires at the first valid minute after
/// it; one that happens twice (a DST fold) fires at its first occurrence.
pub fn fire_instant(date: Date, time: ReminderTime, zone: &TimeZone) -> Option<Timestamp> {
    let mut wall_clock = DateTime::from_parts(date, time.civil());
    // A gap lasts hours at most; a day of minutes bounds the walk.
    for _ in 0..(24 * 60) {
        let ambiguous = zone.to_ambiguous_timestamp(wall_clock);
        match ambiguous.offset() {
            AmbiguousOffset::Gap { .. } => {
                wall_clock = wall_clock.checked_add(SignedDuration::from_mins(1)).ok()?;
            }
            AmbiguousOffset::Unambiguous { .. } | AmbiguousOffset::Fold { .. } => {
                return ambiguous.earlier().ok();
            }
        }
    }
    None
}

/// The first slot of `times` after `after` (in slot order). `None` only when
/// there are no times.
pub fn next_slot(times: &ReminderTimes, zone: &TimeZone, after: Slot) -> Option<Slot> {
    let first_date = zone.to_datetime(after.fires_at).date().yesterday().ok()?;
    // Any zone's wall clock is within a day of the instant, so three dates
    // from the day before hold the next slot of a non-empty list.
    let dates = std::iter::successors(Some(first_date), |date| date.tomorrow().ok()).take(4);
    dates
        .flat_map(|date| times.as_slice().iter().map(move |time| (date, *time)))
        .filter_map(|(date, time)| {
            fire_instant(date, time, zone).map(|fires_at| Slot {
                fires_at,
                date,
                time,
            })
        })
        .filter(|slot| *slot > after)
        .min()
}

/// The first slot strictly after the instant `now`.
pub fn next_slot_after(times: &ReminderTimes, zone: &TimeZone, now: Timestamp) -> Option<Slot> {
    let before_any = Slot {
        fires_at: now,
        date: Date::MAX,
        time: LAST_TIME,
    };
    next_slot(times, zone, before_any)
}

/// The first slot after `missed` that is still on time at `now`: after a
/// reminder over an hour late is dropped, the slots of the last hour still
/// come.
pub fn next_on_time(
    times: &ReminderTimes,
    zone: &TimeZone,
    missed: Slot,
    now: Timestamp,
) -> Option<Slot> {
    let earliest = now.checked_sub(LATE_LIMIT).ok()?;
    let just_before = Slot {
        fires_at: earliest.checked_sub(SignedDuration::from_nanos(1)).ok()?,
        date: Date::MAX,
        time: LAST_TIME,
    };
    next_slot(times, zone, missed.max(just_before))
}

const LAST_TIME: ReminderTime = ReminderTime {
    hour: 23,
    minute: 59,
};

/// Whether a slot reached at `now` is still sent: no more than [`LATE_LIMIT`] late.
pub fn still_on_time(slot: &Slot, now: Timestamp) -> bool {
    now <= slot.deadline()
}

/// Whether the habit, seen on the reminder's date, still wants a reminder:
/// due that date (scheduled, active, not paused, not archived) and nothing
/// logged yet — a skip or a partial value counts as checked in.
pub fn reminder_wanted(habit: &HabitOnDate<'_>) -> bool {
    habit.due_today() && habit.history.checkin(habit.today).is_none()
}

/// The wait before retry number `attempt` (1-based) of a failed delivery:
/// 1, 2, 4 … minutes, at most 16.
pub fn retry_delay(attempt: u32) -> SignedDuration {
    SignedDuration::from_mins(1 << attempt.saturating_sub(1).min(4))
}

#[cfg(test)]
mod tests;
