//! PostgreSQL column types (timestamptz, date) to and from jiff.
use crate::StoreError;
use habitflow_domain::calendar::{day_number, from_day_number};
use jiff::Timestamp;
use jiff::civil::Date;
use sqlx::types::time::{self, OffsetDateTime};

pub fn instant(value: Timestamp) -> OffsetDateTime {
    // Every jiff timestamp fits the range of `time` with its large-dates limits
    // used by PostgreSQL; the fallback is never reached for real clocks.
    OffsetDateTime::from_unix_timestamp_nanos(value.as_nanosecond())
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

pub fn to_instant(value: OffsetDateTime) -> Result<Timestamp, StoreError> {
    Timestamp::from_nanosecond(value.unix_timestamp_nanos())
        .map_err(|e| StoreError::Other(format!("bad instant: {e}")))
}

pub fn to_optional_instant(value: Option<OffsetDateTime>) -> Result<Option<Timestamp>, StoreError> {
    value.map(to_instant).transpose()
}

/// Julian day number of 1970-01-01, the origin of our day numbers.
const UNIX_EPOCH_JULIAN_DAY: i32 = 2_440_588;

pub fn date(value: Date) -> time::Date {
    time::Date::from_julian_day(day_number(value) + UNIX_EPOCH_JULIAN_DAY)
        .unwrap_or(time::Date::MIN)
}

pub fn to_date(value: time::Date) -> Result<Date, StoreError> {
    from_day_number(value.to_julian_day() - UNIX_EPOCH_JULIAN_DAY)
        .ok_or_else(|| StoreError::Other(format!("date out of range: {value}")))
}

pub fn to_optional_date(value: Option<time::Date>) -> Result<Option<Date>, StoreError> {
    value.map(to_date).transpose()
}
