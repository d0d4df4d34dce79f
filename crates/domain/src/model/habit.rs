//! Habits as stored and as written.
use jiff::Timestamp;
use jiff::civil::Date;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq)]
pub struct Habit {
    pub id: Uuid,
    pub owner_id: Uuid,
    pub theme_id: Option<Uuid>,
    pub name: String,
    pub description: String,
    pub schedule_type: String,
    /// The canonical JSON config, as produced by `Rule::config`.
    pub schedule_config: serde_json::Value,
    pub starts_on: Date,
    pub ends_on: Option<Date>,
    pub archived_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HabitInput {
    pub theme_id: Option<Uuid>,
    pub name: String,
    pub description: String,
    pub schedule_type: String,
    pub schedule_config: serde_json::Value,
    pub starts_on: Date,
    pub ends_on: Option<Date>,
}
