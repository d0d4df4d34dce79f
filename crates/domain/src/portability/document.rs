//! The HabitFlow export format, version 1 (docs/data.md#the-export): stored
//! fields only, ids only to link a file's records to each other.
use crate::model::{CheckinRecord, Habit, Task, Theme, User};
use crate::pause::DateRange;
use crate::reminder::ReminderTimes;
use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

/// The `format` field of every HabitFlow export.
pub const FORMAT: &str = "habitflow";
/// The newest version this build writes and reads.
pub const VERSION: u32 = 1;

/// The document's first fields, before its lists.
#[derive(Debug, Serialize)]
pub struct Header {
    pub format: &'static str,
    pub version: u32,
    pub exported_at: Timestamp,
    pub user: UserDoc,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserDoc {
    pub email: String,
    pub display_name: String,
    pub time_zone: String,
    pub day_start_hour: u8,
    pub language: String,
}

impl From<&User> for UserDoc {
    fn from(user: &User) -> Self {
        Self {
            email: user.email.clone(),
            display_name: user.display_name.clone(),
            time_zone: user.time_zone.clone(),
            day_start_hour: user.day_start_hour,
            language: user.language.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeDoc {
    pub id: Uuid,
    pub name: String,
    pub color: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl From<&Theme> for ThemeDoc {
    fn from(theme: &Theme) -> Self {
        Self {
            id: theme.id,
            name: theme.name.clone(),
            color: theme.color.clone(),
            created_at: theme.created_at,
            updated_at: theme.updated_at,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskDoc {
    pub id: Uuid,
    pub theme_id: Option<Uuid>,
    pub name: String,
    pub description: String,
    pub priority: String,
    pub due_on: Option<Date>,
    pub completed_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl From<&Task> for TaskDoc {
    fn from(task: &Task) -> Self {
        Self {
            id: task.id,
            theme_id: task.theme_id,
            name: task.name.clone(),
            description: task.description.clone(),
            priority: task.priority.code().to_owned(),
            due_on: task.due_on,
            completed_at: task.completed_at,
            created_at: task.created_at,
            updated_at: task.updated_at,
        }
    }
}

/// A habit's own fields; in the document its `checkins` and `pauses` follow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HabitFields {
    pub id: Uuid,
    pub theme_id: Option<Uuid>,
    pub name: String,
    pub description: String,
    pub schedule_type: String,
    pub schedule_config: Value,
    pub kind: String,
    pub unit: Option<String>,
    pub target: Option<Value>,
    pub target_type: Option<String>,
    pub starts_on: Date,
    pub ends_on: Option<Date>,
    pub archived_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// `HH:MM` texts; optional, so an export written before reminders
    /// still reads as version 1 (docs/data.md#the-export).
    #[serde(default)]
    pub reminder_times: Vec<String>,
}

impl HabitFields {
    /// A habit's fields with its reminder times.
    pub fn of(habit: &Habit, reminder_times: &ReminderTimes) -> Self {
        let target = habit.target();
        let unit = match &habit.kind {
            crate::measure::HabitKind::Measurable(measure) => {
                Some(measure.unit.as_str().to_owned())
            }
            crate::measure::HabitKind::Boolean => None,
        };
        Self {
            id: habit.id,
            theme_id: habit.theme_id,
            name: habit.name.clone(),
            description: habit.description.clone(),
            schedule_type: habit.rule.type_name().to_owned(),
            schedule_config: habit.rule.config(),
            kind: habit.kind.code().to_owned(),
            unit,
            target: target.map(|target| target.amount().to_json()),
            target_type: target.map(|target| target.target_type().code().to_owned()),
            starts_on: habit.starts_on,
            ends_on: habit.ends_on,
            archived_at: habit.archived_at,
            created_at: habit.created_at,
            updated_at: habit.updated_at,
            reminder_times: reminder_times
                .as_slice()
                .iter()
                .map(ToString::to_string)
                .collect(),
        }
    }
}

/// A habit as read back: its fields with its history.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct HabitDoc {
    #[serde(flatten)]
    pub fields: HabitFields,
    #[serde(default)]
    pub checkins: Vec<CheckinDoc>,
    #[serde(default)]
    pub pauses: Vec<RangeDoc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckinDoc {
    pub date: Date,
    pub kind: String,
    pub value: Option<Value>,
    #[serde(default)]
    pub note: String,
}

impl From<&CheckinRecord> for CheckinDoc {
    fn from(record: &CheckinRecord) -> Self {
        Self {
            date: record.date,
            kind: record.kind.code().to_owned(),
            value: record.value.map(|value| value.to_json()),
            note: record.note.clone(),
        }
    }
}

/// A pause or a vacation.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RangeDoc {
    pub from: Date,
    pub to: Date,
}

impl From<DateRange> for RangeDoc {
    fn from(range: DateRange) -> Self {
        Self {
            from: range.from(),
            to: range.to(),
        }
    }
}

/// A whole document as an import reads it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Document {
    pub format: String,
    pub version: u32,
    pub exported_at: Option<Timestamp>,
    pub user: Option<UserDoc>,
    #[serde(default)]
    pub themes: Vec<ThemeDoc>,
    #[serde(default)]
    pub tasks: Vec<TaskDoc>,
    #[serde(default)]
    pub habits: Vec<HabitDoc>,
    #[serde(default)]
    pub vacations: Vec<RangeDoc>,
}
