//! Accounts: a user, a new user, the profile a user edits.
use crate::values::Email;
use jiff::Timestamp;
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
    pub email: Email,
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
