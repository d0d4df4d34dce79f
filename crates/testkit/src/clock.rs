//! A clock the test holds in its hand.
use habitflow::app::ports::Clock;
use jiff::{SignedDuration, Timestamp};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// A clock stopped at one instant; it moves only when the test sets or
/// advances it. `TestApp::builder().clock("…")` installs one in the app.
#[derive(Debug)]
pub struct FixedClock(Mutex<Timestamp>);

impl FixedClock {
    pub fn new(instant: Timestamp) -> Self {
        Self(Mutex::new(instant))
    }

    /// Stopped at an RFC 3339 instant such as `2026-03-10T12:00:00Z`.
    pub fn at(instant: &str) -> Self {
        Self::new(parse_instant(instant))
    }

    pub fn set(&self, instant: Timestamp) {
        *self.instant() = instant;
    }

    pub fn advance(&self, by: SignedDuration) {
        let mut instant = self.instant();
        *instant = instant
            .checked_add(by)
            .unwrap_or_else(|e| panic!("cannot advance the clock by {by}: {e}"));
    }

    fn instant(&self) -> MutexGuard<'_, Timestamp> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        *self.instant()
    }
}

pub(crate) fn parse_instant(instant: &str) -> Timestamp {
    instant
        .parse()
        .unwrap_or_else(|e| panic!("{instant:?} is not an RFC 3339 instant: {e}"))
}

#[cfg(test)]
mod tests {
    use super::FixedClock;
    use habitflow::app::ports::Clock;
    use jiff::SignedDuration;

    #[test]
    fn stands_still_until_moved() {
        let clock = FixedClock::at("2026-03-10T12:00:00Z");
        assert_eq!(clock.now(), clock.now());
        clock.advance(SignedDuration::from_hours(36));
        assert_eq!(clock.now().to_string(), "2026-03-12T00:00:00Z");
        clock.set("2026-01-01T00:00:00Z".parse().unwrap());
        assert_eq!(clock.now().to_string(), "2026-01-01T00:00:00Z");
    }
}
