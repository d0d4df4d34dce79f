//! Personal access tokens (docs/security.md, API tokens): their scope, the
//! shape of the secret a client sends, and the rules of a new token.
use crate::validation::FieldErrors;
use crate::values::TokenName;
use jiff::Timestamp;
use uuid::Uuid;

/// Every token starts with this, so scanners and people can recognise one.
pub const TOKEN_PREFIX: &str = "hf_";
/// 32 random bytes in unpadded base64url.
const SECRET_CHARS: usize = 43;
/// The longest lifetime a token may be given, in days.
pub const MAX_LIFETIME_DAYS: i64 = 365;

/// What a token may do: `read` only reads (GET and HEAD), `write` everything
/// a token may do at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenScope {
    Read,
    Write,
}

impl TokenScope {
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "read" => Some(TokenScope::Read),
            "write" => Some(TokenScope::Write),
            _ => None,
        }
    }

    pub const fn as_str(self) -> &'static str {
        match self {
            TokenScope::Read => "read",
            TokenScope::Write => "write",
        }
    }

    /// Whether a request of this method may be made with the scope.
    pub fn allows(self, read_only_method: bool) -> bool {
        read_only_method || self == TokenScope::Write
    }
}

/// The secret of a token as a client sends it: `hf_` and 43 base64url
/// characters. Anything else is not a token and is refused before any lookup.
#[derive(Clone, PartialEq, Eq)]
pub struct TokenSecret(String);

impl TokenSecret {
    pub fn parse(raw: &str) -> Option<Self> {
        let secret = raw.strip_prefix(TOKEN_PREFIX)?;
        let well_formed = secret.len() == SECRET_CHARS
            && secret
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        well_formed.then(|| Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Never printed, so a token cannot end up in a log line.
impl std::fmt::Debug for TokenSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenSecret(***)")
    }
}

/// A new token as asked for: its name, scope and lifetime in days (none: it
/// lives until revoked).
#[derive(Debug, Clone, PartialEq)]
pub struct TokenRequest {
    pub name: TokenName,
    pub scope: TokenScope,
    pub lifetime_days: Option<i64>,
}

impl TokenRequest {
    /// Every field checked; the errors name their fields.
    pub fn parse(
        name: &str,
        scope: &str,
        expires_in_days: Option<i64>,
    ) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = TokenName::parse(name).map_err(|message| errors.add("name", message));
        let scope =
            TokenScope::parse(scope).ok_or_else(|| errors.add("scope", "error-token-scope"));
        if expires_in_days.is_some_and(|days| !(1..=MAX_LIFETIME_DAYS).contains(&days)) {
            errors.add("expires_in_days", "error-token-lifetime");
        }
        match (name, scope) {
            (Ok(name), Ok(scope)) => errors.into_result(TokenRequest {
                name,
                scope,
                lifetime_days: expires_in_days,
            }),
            _ => Err(errors),
        }
    }
}

/// A token as stored: the SHA-256 of its secret, never the secret.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiToken {
    pub id: Uuid,
    pub user_id: Uuid,
    pub name: String,
    pub scope: TokenScope,
    pub token_hash: String,
    pub created_at: Timestamp,
    pub last_used_at: Option<Timestamp>,
    pub expires_at: Option<Timestamp>,
}

impl ApiToken {
    pub fn is_expired(&self, now: Timestamp) -> bool {
        self.expires_at.is_some_and(|end| end <= now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "hf_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ-_";

    #[test]
    fn a_secret_is_the_prefix_and_43_base64url_characters() {
        assert_eq!(GOOD.len(), 3 + 43 + 2);
        let exact = &GOOD[..3 + 43];
        assert!(TokenSecret::parse(exact).is_some());
        assert!(TokenSecret::parse(&GOOD[..3 + 42]).is_none(), "too short");
        assert!(TokenSecret::parse(&GOOD[..3 + 44]).is_none(), "too long");
        assert!(TokenSecret::parse(&exact.replacen("hf_", "hx_", 1)).is_none());
        assert!(TokenSecret::parse(&exact.replacen('a', "+", 1)).is_none());
        assert!(TokenSecret::parse(&exact.replacen('a', "=", 1)).is_none());
    }

    #[test]
    fn a_secret_is_never_printed() {
        let secret = TokenSecret::parse(&GOOD[..46]).unwrap_or_else(|| panic!("valid"));
        assert!(!format!("{secret:?}").contains("abc"));
    }

    #[test]
    fn a_request_names_each_wrong_field() {
        let errors = TokenRequest::parse(" ", "admin", Some(366)).unwrap_err();
        assert!(errors.get("name").is_some());
        assert!(errors.get("scope").is_some());
        assert!(errors.get("expires_in_days").is_some());
        assert!(TokenRequest::parse("x", "read", Some(0)).is_err());
        let ok = TokenRequest::parse(" CLI ", "write", Some(365)).unwrap();
        assert_eq!(ok.name.as_str(), "CLI");
        assert_eq!(ok.scope, TokenScope::Write);
        assert!(TokenRequest::parse("x", "read", None).is_ok());
    }

    #[test]
    fn read_scope_allows_only_reading() {
        assert!(TokenScope::Read.allows(true));
        assert!(!TokenScope::Read.allows(false));
        assert!(TokenScope::Write.allows(false));
    }
}
