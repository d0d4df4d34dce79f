//! Themes as stored, as written, and with their counts.
use crate::values::ThemeName;
use jiff::Timestamp;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub id: Uuid,
    pub owner_id: Uuid,
    pub name: String,
    pub color: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ThemeInput {
    pub name: ThemeName,
    /// `#RRGGBB`, upper-case.
    pub color: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ThemeWithCounts {
    pub theme: Theme,
    pub tasks_count: u32,
    pub habits_count: u32,
}
