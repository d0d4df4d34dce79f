//! List parameters from the query string: JSON clients get 422 for a bad
//! value, browsers fall back to the default (docs/product.md#lists-and-paging).
use super::{AppError, Wants};
use habitflow_domain::message::Message;
use habitflow_domain::validation::FieldErrors;
use std::collections::HashMap;

pub const DEFAULT_PER_PAGE: u32 = 20;
pub const MAX_PER_PAGE: u32 = 100;

pub struct QueryParams {
    values: HashMap<String, String>,
    wants: Wants,
    errors: FieldErrors,
}

impl QueryParams {
    pub fn new(values: HashMap<String, String>, wants: Wants) -> Self {
        Self {
            values,
            wants,
            errors: FieldErrors::new(),
        }
    }

    /// One of `allowed`, or the default (first) one.
    pub fn choice<T: Copy>(&mut self, name: &str, allowed: &[(&str, T)]) -> T {
        let default = allowed[0].1;
        match self.values.get(name).map(String::as_str) {
            None | Some("") => default,
            Some(value) => allowed
                .iter()
                .find(|(code, _)| *code == value)
                .map(|(_, v)| *v)
                .unwrap_or_else(|| {
                    let names: Vec<&str> = allowed.iter().map(|(code, _)| *code).collect();
                    self.errors.add(
                        name,
                        Message::new("error-choice").with("choices", names.join(", ")),
                    );
                    default
                }),
        }
    }

    /// A number in `range`, or `default`.
    pub fn number(&mut self, name: &str, default: u32, min: u32, max: u32) -> u32 {
        match self.values.get(name).map(String::as_str) {
            None | Some("") => default,
            Some(value) => match value.parse::<u32>() {
                Ok(n) if (min..=max).contains(&n) => n,
                _ => {
                    self.errors.add(
                        name,
                        Message::new("error-between")
                            .with("min", min)
                            .with("max", max),
                    );
                    default
                }
            },
        }
    }

    pub fn text(&self, name: &str) -> Option<&str> {
        self.values
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// An optional id; a malformed one is an error.
    pub fn id(&mut self, name: &str) -> Option<uuid::Uuid> {
        let raw = self.text(name)?.to_owned();
        uuid::Uuid::parse_str(&raw).ok().or_else(|| {
            self.errors.add(name, "must be an id");
            None
        })
    }

    pub fn add_error(&mut self, name: &str, message: &str) {
        self.errors.add(name, message);
    }

    /// 422 for JSON when a value was wrong; browsers just get the defaults.
    pub fn finish(self) -> Result<(), AppError> {
        if self.errors.is_empty() || self.wants == Wants::Html {
            Ok(())
        } else {
            Err(AppError::Validation(self.errors))
        }
    }
}

/// The query-string code of a value of a choice table.
pub fn code_of<T: PartialEq + Copy>(table: &[(&'static str, T)], value: T) -> &'static str {
    table
        .iter()
        .find(|(_, v)| *v == value)
        .map_or("", |(code, _)| code)
}
