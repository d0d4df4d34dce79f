//! Parsing of the optional, possibly-null fields that updates send.
use habitflow_domain::validation::FieldErrors;
use jiff::civil::Date;
use uuid::Uuid;

/// A field of an update: absent (keep), or present with a value or null/empty (clear).
pub type Patch<T> = Option<Option<T>>;

/// Parses an optional id field; empty text means "none".
pub fn parse_id(field: &str, raw: Option<&str>, errors: &mut FieldErrors) -> Option<Option<Uuid>> {
    match raw.map(str::trim) {
        None | Some("") => Some(None),
        Some(text) => match Uuid::parse_str(text) {
            Ok(id) => Some(Some(id)),
            Err(_) => {
                errors.add(field, "error-theme-choice");
                None
            }
        },
    }
}

/// Parses an optional ISO date field; empty text means "none".
pub fn parse_date(
    field: &str,
    raw: Option<&str>,
    errors: &mut FieldErrors,
) -> Option<Option<Date>> {
    match raw.map(str::trim) {
        None | Some("") => Some(None),
        Some(text) => match text.parse::<Date>() {
            Ok(date) if text.len() == 10 => Some(Some(date)),
            _ => {
                errors.add(field, "error-date");
                None
            }
        },
    }
}
