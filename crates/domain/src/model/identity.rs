//! A sign-in identity at an OpenID Connect provider.
use jiff::Timestamp;
use uuid::Uuid;

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
