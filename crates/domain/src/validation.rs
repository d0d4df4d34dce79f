//! Field-level validation errors shared by every domain parser.
use crate::message::Message;
use std::collections::BTreeMap;
use std::fmt;

/// Messages keyed by the name of the field they concern, in a stable order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(BTreeMap<String, Message>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn single(field: impl Into<String>, message: impl Into<Message>) -> Self {
        let mut errors = Self::new();
        errors.add(field, message);
        errors
    }

    /// Records a message for a field; the first message for a field wins.
    pub fn add(&mut self, field: impl Into<String>, message: impl Into<Message>) {
        self.0.entry(field.into()).or_insert_with(|| message.into());
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, field: &str) -> Option<&Message> {
        self.0.get(field)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Message)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// `Ok(value)` when nothing was recorded, else the errors.
    pub fn into_result<T>(self, value: T) -> Result<T, FieldErrors> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for (field, message) in &self.0 {
            if !first {
                f.write_str("; ")?;
            }
            write!(f, "{field}: {message}")?;
            first = false;
        }
        Ok(())
    }
}

impl std::error::Error for FieldErrors {}
