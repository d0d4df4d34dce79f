//! SQLite column formats: instants as integer microseconds, dates as ISO text.
use crate::StoreError;
use jiff::Timestamp;
use jiff::civil::Date;

pub fn instant(value: Timestamp) -> i64 {
    value.as_microsecond()
}

pub fn to_instant(micros: i64) -> Result<Timestamp, StoreError> {
    Timestamp::from_microsecond(micros).map_err(|e| StoreError::Other(format!("bad instant: {e}")))
}

pub fn to_optional_instant(micros: Option<i64>) -> Result<Option<Timestamp>, StoreError> {
    micros.map(to_instant).transpose()
}

pub fn date(value: Date) -> String {
    value.to_string()
}

pub fn to_date(text: &str) -> Result<Date, StoreError> {
    text.parse()
        .map_err(|e| StoreError::Other(format!("bad date {text:?}: {e}")))
}

pub fn to_optional_date(text: Option<String>) -> Result<Option<Date>, StoreError> {
    text.as_deref().map(to_date).transpose()
}
