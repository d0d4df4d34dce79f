//! A one-time link to set a new password, as stored.
use jiff::Timestamp;
use uuid::Uuid;

/// A password-reset link as stored: keyed by the SHA-256 of the link's
/// token, never by the token itself (docs/security.md, password resets).
#[derive(Debug, Clone, PartialEq)]
pub struct PasswordReset {
    pub token_hash: String,
    pub user_id: Uuid,
    pub created_at: Timestamp,
    /// After this instant the link sets nothing.
    pub expires_at: Timestamp,
}
