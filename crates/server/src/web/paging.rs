//! List parameters from the query string: JSON clients get 422 for a bad
//! value, browsers fall back to the default (docs/product.md#lists-and-paging).
use super::theme_filter::theme_filter;
use super::ui_session::UiSession;
use super::{AppError, Wants};
use habitflow_domain::message::Message;
use habitflow_domain::model::{ThemeWithCounts, page_offset};
use habitflow_domain::validation::FieldErrors;
use std::collections::HashMap;

const DEFAULT_PER_PAGE: u32 = 20;
const MAX_PER_PAGE: u32 = 100;

/// Which page of a list was asked for.
#[derive(Debug, Clone, Copy)]
pub struct Paging {
    pub page: u32,
    pub per_page: u32,
}

impl Paging {
    /// The number of pages (at least one, even for an empty list).
    pub fn pages(self, total: u32) -> u32 {
        total.div_ceil(self.per_page).max(1)
    }

    /// The last page, when a page after it was asked for.
    pub fn past_the_end(self, total: u32) -> Option<u32> {
        let pages = self.pages(total);
        (self.page > pages).then_some(pages)
    }

    pub fn offset(self) -> u32 {
        page_offset(self.page, self.per_page)
    }
}

/// The theme filter as asked: API clients name it (`theme_id`); a browser's
/// choice (`theme`) is remembered in its UI session.
pub struct ThemeChoice {
    requested: Option<uuid::Uuid>,
    choice: Option<String>,
}

impl ThemeChoice {
    /// The filter in force, once the owner's themes are known.
    pub fn resolve(
        &self,
        wants: Wants,
        ui: &UiSession,
        themes: &[ThemeWithCounts],
    ) -> Option<uuid::Uuid> {
        match wants {
            Wants::Json => self.requested,
            Wants::Html => theme_filter(ui, self.choice.as_deref(), themes),
        }
    }
}

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

    /// `page` ≥ 1 and `per_page` 1–100 (20 by default).
    pub fn paging(&mut self) -> Paging {
        Paging {
            page: self.number("page", 1, 1, u32::MAX),
            per_page: self.number("per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE),
        }
    }

    pub fn theme_choice(&mut self) -> ThemeChoice {
        ThemeChoice {
            requested: self.id("theme_id"),
            choice: self.text("theme").map(str::to_owned),
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
            self.errors.add(name, "error-not-an-id");
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
