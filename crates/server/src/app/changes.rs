//! Parsing of the optional, possibly-null fields that updates send.
use habitflow_domain::message::Message;
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

/// A text field of a write: the value sent, else the stored one (an update
/// that leaves the field out keeps it, checked by today's rule), else empty
/// (so a missing name is "required"). A refusal is added to `errors`.
pub fn text_field<T>(
    field: &str,
    sent: Option<&str>,
    stored: Option<&str>,
    parse: impl Fn(&str) -> Result<T, Message>,
    errors: &mut FieldErrors,
) -> Option<T> {
    parse(sent.or(stored).unwrap_or(""))
        .map_err(|message| errors.add(field, message))
        .ok()
}
