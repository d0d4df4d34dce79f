//! Values that can only be built valid: the names and texts of themes, tasks
//! and habits, a check-in's note, an email address. Each has one `parse`, the
//! only way to make one, so a write can never carry an unchecked name
//! (`docs/product.md#names-and-text`).
use crate::account::normalize_email;
use crate::message::Message;
use crate::text::{clean_name, clean_text};
use std::marker::PhantomData;

/// The rule of one kind of text: how long it may be, and whether it is a
/// required one-line name or optional free text.
pub trait TextRule {
    const MAX_CHARS: usize;
    const REQUIRED_NAME: bool;
}

/// A text checked by the rule `R`: trimmed, within its length, without
/// hidden characters, and non-empty when it is a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bounded<R>(String, PhantomData<R>);

impl<R: TextRule> Bounded<R> {
    pub fn parse(raw: &str) -> Result<Self, Message> {
        let clean = if R::REQUIRED_NAME {
            clean_name(raw, R::MAX_CHARS)
        } else {
            clean_text(raw, R::MAX_CHARS)
        }?;
        Ok(Self(clean, PhantomData))
    }
}

impl<R: TextRule> std::str::FromStr for Bounded<R> {
    type Err = Message;

    fn from_str(raw: &str) -> Result<Self, Message> {
        Self::parse(raw)
    }
}

impl<R> Bounded<R> {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

macro_rules! text_rule {
    ($(#[$doc:meta])* $rule:ident, $alias:ident, $max:expr, $name:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum $rule {}

        impl TextRule for $rule {
            const MAX_CHARS: usize = $max;
            const REQUIRED_NAME: bool = $name;
        }

        $(#[$doc])*
        pub type $alias = Bounded<$rule>;
    };
}

text_rule!(
    /// A theme's name: 1–24 characters.
    ThemeNameRule, ThemeName, 24, true
);
text_rule!(
    /// A task's name: 1–46 characters.
    TaskNameRule, TaskName, 46, true
);
text_rule!(
    /// A task's description: up to 2,000 characters, line breaks allowed.
    TaskDescriptionRule, TaskDescription, 2000, false
);
text_rule!(
    /// A habit's name: 1–46 characters.
    HabitNameRule, HabitName, 46, true
);
text_rule!(
    /// A habit's description: up to 500 characters, line breaks allowed.
    HabitDescriptionRule, HabitDescription, 500, false
);
text_rule!(
    /// The unit of a measurable habit's values (`km`, `pages`, `min`): 1–20 characters.
    UnitRule, Unit, 20, true
);
text_rule!(
    /// A check-in's note: up to 500 characters, line breaks allowed.
    NoteRule, Note, 500, false
);
text_rule!(
    /// A personal access token's name: 1–64 characters.
    TokenNameRule, TokenName, 64, true
);

/// An email address, trimmed and lower-cased, of a valid shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl std::str::FromStr for Email {
    type Err = Message;

    fn from_str(raw: &str) -> Result<Self, Message> {
        Self::parse(raw)
    }
}

impl Email {
    pub fn parse(raw: &str) -> Result<Self, Message> {
        normalize_email(raw).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_keeps_its_own_limit() {
        assert!(ThemeName::parse(&"x".repeat(24)).is_ok());
        assert!(ThemeName::parse(&"x".repeat(25)).is_err());
        assert!(HabitName::parse(&"x".repeat(46)).is_ok());
        assert!(HabitName::parse(&"x".repeat(47)).is_err());
        assert!(TaskDescription::parse(&"x".repeat(2000)).is_ok());
        assert!(HabitDescription::parse(&"x".repeat(501)).is_err());
    }

    #[test]
    fn names_are_required_and_texts_are_not() {
        assert!(TaskName::parse("   ").is_err());
        assert_eq!(
            Note::parse("  ").map(Bounded::into_string),
            Ok(String::new())
        );
        assert_eq!(
            HabitName::parse("  Read  ").map(Bounded::into_string),
            Ok("Read".to_owned())
        );
    }

    #[test]
    fn emails_are_normalised() {
        assert_eq!(
            Email::parse(" Ada@Example.COM ").map(Email::into_string),
            Ok("ada@example.com".to_owned())
        );
        assert!(Email::parse("not an email").is_err());
    }
}
