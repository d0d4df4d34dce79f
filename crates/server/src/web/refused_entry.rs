//! What a page without JavaScript shows again after a refused post
//! (docs/decisions.md): the values as typed and the message next to the
//! field, on the page the form was on, instead of an error page.
use habitflow_domain::message::Message;
use habitflow_domain::validation::FieldErrors;
use jiff::civil::Date;
use uuid::Uuid;

/// A pause or vacation form as typed, with its field messages.
#[derive(Debug, Clone, Default)]
pub struct RangeEntry {
    pub from: String,
    pub to: String,
    pub fields: FieldErrors,
}

impl RangeEntry {
    pub fn refused(from: Option<&str>, to: Option<&str>, fields: FieldErrors) -> Self {
        Self {
            from: from.unwrap_or_default().to_owned(),
            to: to.unwrap_or_default().to_owned(),
            fields,
        }
    }
}

/// A measurable habit's value refused on a page: which habit and date, the
/// message, and the text as typed.
#[derive(Debug, Clone)]
pub struct RefusedValue {
    pub habit: Uuid,
    /// The calendar's date; `None` for today's field on the lists.
    pub date: Option<Date>,
    pub message: Message,
    pub entered: String,
}

impl RefusedValue {
    /// The message about `value`, else the first one (`kind`, `date`).
    pub fn new(habit: Uuid, date: Option<Date>, fields: &FieldErrors, entered: String) -> Self {
        let message = fields
            .get("value")
            .or_else(|| fields.iter().next().map(|(_, message)| message))
            .cloned()
            .unwrap_or_else(|| Message::new("error-amount-number"));
        Self {
            habit,
            date,
            message,
            entered,
        }
    }
}
