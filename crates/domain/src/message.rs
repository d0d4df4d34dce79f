//! A user-facing message as a catalog key with arguments. The domain and the
//! services say *what* to tell the user; the web layer words it in the
//! reader's language.
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A value placed into a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Arg {
    Text(String),
    /// A whole number; catalogs may choose a plural form by it.
    Count(i64),
    /// A number with one decimal, kept in tenths so it compares exactly.
    Tenths(i64),
    Date(Date),
}

impl From<&str> for Arg {
    fn from(value: &str) -> Self {
        Arg::Text(value.to_owned())
    }
}

impl From<String> for Arg {
    fn from(value: String) -> Self {
        Arg::Text(value)
    }
}

macro_rules! count_from {
    ($($int:ty),*) => {$(
        impl From<$int> for Arg {
            fn from(value: $int) -> Self {
                Arg::Count(i64::try_from(value).unwrap_or(i64::MAX))
            }
        }
    )*};
}

count_from!(i8, u8, u16, i32, u32, i64, usize);

impl From<Date> for Arg {
    fn from(value: Date) -> Self {
        Arg::Date(value)
    }
}

impl fmt::Display for Arg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Arg::Text(text) => f.write_str(text),
            Arg::Count(count) => write!(f, "{count}"),
            Arg::Tenths(tenths) => write!(f, "{:.1}", *tenths as f64 / 10.0),
            Arg::Date(date) => write!(f, "{date}"),
        }
    }
}

/// A catalog key and the named arguments its wording uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub key: String,
    pub args: Vec<(String, Arg)>,
}

impl Message {
    pub fn new(key: &str) -> Self {
        debug_assert!(
            key.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "not a catalog key: {key:?}"
        );
        Self {
            key: key.to_owned(),
            args: Vec::new(),
        }
    }

    pub fn with(mut self, name: &str, value: impl Into<Arg>) -> Self {
        self.args.push((name.to_owned(), value.into()));
        self
    }

    /// A number with one decimal (a rate or a difference of rates).
    pub fn with_decimal(mut self, name: &str, value: f64) -> Self {
        self.args
            .push((name.to_owned(), Arg::Tenths((value * 10.0).round() as i64)));
        self
    }
}

impl From<&str> for Message {
    fn from(key: &str) -> Self {
        Message::new(key)
    }
}

/// Logs and internal errors show the key and arguments, never a wording.
impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.key)?;
        for (name, value) in &self.args {
            write!(f, " {name}={value}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_kept_in_tenths() {
        let message = Message::new("rate").with_decimal("points", 12.34);
        assert_eq!(message.args, vec![("points".into(), Arg::Tenths(123))]);
        assert_eq!(message.to_string(), "rate points=12.3");
    }
}
