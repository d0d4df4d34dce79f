//! Check-ins as stored and as written.
use crate::checkin::CheckinKind;
use crate::measure::Amount;
use crate::values::Note;
use jiff::Timestamp;
use jiff::civil::Date;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq)]
pub struct CheckinRecord {
    pub habit_id: Uuid,
    pub date: Date,
    pub kind: CheckinKind,
    pub note: String,
    /// The value logged on a measurable habit's `done`.
    pub value: Option<Amount>,
}

/// A check-in to record with `CheckinRepo::put`: `kind`, `note` and `value`
/// for the owner's habit on `date`.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckinWrite {
    pub owner: Uuid,
    pub habit_id: Uuid,
    /// The user's local date the check-in is for.
    pub date: Date,
    pub kind: CheckinKind,
    pub note: Note,
    /// A measurable habit's value (docs/product.md#measurable-habits).
    pub value: Option<Amount>,
    /// The time of the write, stored when the check-in is new.
    pub now: Timestamp,
}
