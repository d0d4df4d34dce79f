//! The limits every imported file is held to (docs/data.md#hostile-files),
//! whatever its format.
use crate::message::Message;
use jiff::civil::{Date, date};

/// The earliest date an import accepts.
pub const FIRST_DATE: Date = date(1900, 1, 1);
/// The latest date an import accepts.
pub const LAST_DATE: Date = date(2100, 12, 31);
/// Check-ins one import may write.
pub const MAX_CHECKINS: usize = 1_000_000;
/// Pauses and vacations one import may write.
pub const MAX_RANGES: usize = 100_000;

/// A date within [`FIRST_DATE`, `LAST_DATE`].
pub fn check_date(value: Date) -> Result<Date, Message> {
    if (FIRST_DATE..=LAST_DATE).contains(&value) {
        Ok(value)
    } else {
        Err(Message::new("error-import-date-range")
            .with("from", FIRST_DATE)
            .with("to", LAST_DATE))
    }
}

/// Refuses a file with more of something than `max`.
pub fn check_count(count: usize, max: usize, what: &str) -> Result<(), Message> {
    if count > max {
        Err(Message::new("error-import-too-many")
            .with("what", what)
            .with("max", max as i64))
    } else {
        Ok(())
    }
}
