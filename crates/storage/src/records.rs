//! Plain rows as the services see them. Backends decode into these; no
//! domain type derives a database trait.
use habitflow_domain::checkin::CheckinKind;
use habitflow_domain::task::Priority;
use jiff::Timestamp;
use jiff::civil::Date;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq)]
pub struct User {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub password_hash: Option<String>,
    pub time_zone: String,
    pub day_start_hour: u8,
    pub language: String,
    pub is_active: bool,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewUser {
    /// Already normalised (trimmed, lower-case).
    pub email: String,
    pub display_name: String,
    pub password_hash: Option<String>,
    pub profile: Profile,
}

/// The settings a user edits on the profile page.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub display_name: String,
    pub time_zone: String,
    pub day_start_hour: u8,
    pub language: String,
}

impl Default for Profile {
    fn default() -> Self {
        Self {
            display_name: String::new(),
            time_zone: "UTC".into(),
            day_start_hour: 0,
            language: "en".into(),
        }
    }
}

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
    pub name: String,
    /// `#RRGGBB`, upper-case.
    pub color: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ThemeWithCounts {
    pub theme: Theme,
    pub tasks_count: u32,
    pub habits_count: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    pub id: Uuid,
    pub owner_id: Uuid,
    pub theme_id: Option<Uuid>,
    pub name: String,
    pub description: String,
    pub priority: Priority,
    pub due_on: Option<Date>,
    pub completed_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TaskInput {
    pub theme_id: Option<Uuid>,
    pub name: String,
    pub description: String,
    pub priority: Priority,
    pub due_on: Option<Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TaskStatus {
    #[default]
    Active,
    Completed,
    All,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TaskSort {
    #[default]
    CreatedAt,
    UpdatedAt,
    Name,
    Priority,
    DueOn,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TaskQuery {
    pub status: TaskStatus,
    /// Only the tasks of this theme.
    pub theme_id: Option<Uuid>,
    pub sort: TaskSort,
    pub descending: bool,
    pub limit: u32,
    pub offset: u32,
}

/// One page of a list and the size of the whole list.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u32,
}

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

#[derive(Debug, Clone, PartialEq)]
pub struct CheckinRecord {
    pub habit_id: Uuid,
    pub date: Date,
    pub kind: CheckinKind,
    pub note: String,
}

/// A check-in to record with `CheckinRepo::put`: `kind` and `note` for the
/// owner's habit on `date`.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckinWrite {
    pub owner: Uuid,
    pub habit_id: Uuid,
    /// The user's local date the check-in is for.
    pub date: Date,
    pub kind: CheckinKind,
    pub note: String,
    /// The time of the write, stored when the check-in is new.
    pub now: Timestamp,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    pub text: String,
    pub author: String,
}

/// A sign-in session as stored: keyed by the SHA-256 of the cookie token,
/// never by the token itself.
#[derive(Debug, Clone, PartialEq)]
pub struct AuthSession {
    pub id_hash: String,
    pub user_id: Uuid,
    pub created_at: Timestamp,
    /// The absolute end of the session, whatever its activity.
    pub expires_at: Timestamp,
    pub last_seen_at: Timestamp,
    pub ip: String,
    pub user_agent: String,
}

/// A sign-in identity at an OpenID Connect provider, keyed by (issuer, subject).
#[derive(Debug, Clone, PartialEq)]
pub struct OidcIdentity {
    pub id: Uuid,
    pub user_id: Uuid,
    pub issuer: String,
    pub subject: String,
    pub email: Option<String>,
    pub created_at: Timestamp,
}
