//! Wording and formatting in the reader's language: the Fluent catalogs in
//! `locales/`, language negotiation, and dates and numbers per language.
mod catalog;
mod language;
mod numbers;
mod translator;

pub use catalog::catalog_keys;
pub use language::Language;
pub use translator::Tr;
