//! A sign-in session as stored.
use jiff::Timestamp;
use uuid::Uuid;

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
