//! Sign-in sessions (docs/product.md#sessions): an opaque random token in the cookie, its
//! SHA-256 in the store, absolute and idle timeouts, activity refreshed at
//! most once a minute.
use super::Services;
use super::error::AppError;
use super::ports::FoundSession;
use base64::Engine;
use habitflow_domain::model::{AuthSession, User};
use jiff::{SignedDuration, Timestamp};
use sha2::{Digest, Sha256};
use std::time::Duration;
use uuid::Uuid;

const TOUCH_EVERY: SignedDuration = SignedDuration::from_secs(60);
const USER_AGENT_MAX_CHARS: usize = 256;

/// A request's signed-in user and what proves it.
#[derive(Debug, Clone)]
pub struct Authenticated {
    pub user: User,
    pub credential: Credential,
}

/// How a request signed in: a browser's session cookie, or a personal access
/// token in the `Authorization` header (docs/security.md, API tokens).
#[derive(Debug, Clone)]
pub enum Credential {
    Session(AuthSession),
    Token(habitflow_domain::token::ApiToken),
}

impl Authenticated {
    /// The session, when the request came with the sign-in cookie.
    pub fn session(&self) -> Option<&AuthSession> {
        match &self.credential {
            Credential::Session(session) => Some(session),
            Credential::Token(_) => None,
        }
    }
}

/// The public id of a session on the sessions page; not the cookie token.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// 32 random bytes, URL-safe: a session token, a password-reset token, the
/// secret of an API token or a calendar feed.
pub(super) fn new_token() -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Internal(format!("no randomness: {e}")))?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

fn signed(duration: Duration) -> SignedDuration {
    SignedDuration::try_from(duration).unwrap_or(SignedDuration::MAX)
}

/// How long the store must keep a session last seen at `last_seen`.
fn time_to_live(state: &Services, session: &AuthSession, last_seen: Timestamp) -> Duration {
    let idle_end = last_seen
        .saturating_add(signed(state.session_lifetime.idle_timeout))
        .unwrap_or(session.expires_at);
    let end = idle_end.min(session.expires_at);
    Duration::try_from(end.duration_since(last_seen)).unwrap_or(Duration::from_secs(1))
}

/// Starts a session for `user`; returns the cookie token.
pub async fn start(
    state: &Services,
    user: Uuid,
    ip: &str,
    user_agent: &str,
) -> Result<String, AppError> {
    let token = new_token()?;
    let now = state.clock.now();
    let session = AuthSession {
        id_hash: hash_token(&token),
        user_id: user,
        created_at: now,
        expires_at: now
            .saturating_add(signed(state.session_lifetime.max_age))
            .unwrap_or(now),
        last_seen_at: now,
        ip: ip.to_owned(),
        user_agent: user_agent.chars().take(USER_AGENT_MAX_CHARS).collect(),
    };
    state
        .sessions
        .create(&session, time_to_live(state, &session, now))
        .await?;
    sweep_expired(state, now).await;
    Ok(token)
}

/// Forgets expired sessions, so a store without TTLs does not keep them for
/// ever; the store decides how often it really sweeps. A failure costs nothing
/// but a log line: the sign-in itself succeeded (docs/security.md, sign-in sessions).
async fn sweep_expired(state: &Services, now: Timestamp) {
    let idle_since = now
        .checked_sub(signed(state.session_lifetime.idle_timeout))
        .unwrap_or(Timestamp::MIN);
    match state.sessions.sweep_expired(now, idle_since).await {
        Ok(0) => {}
        Ok(count) => tracing::info!(target: "habitflow::auth", count, "expired sessions swept"),
        Err(error) => {
            tracing::warn!(target: "habitflow::auth", %error, "sweeping expired sessions failed")
        }
    }
}

fn is_live(state: &Services, session: &AuthSession, now: Timestamp) -> bool {
    let idle_end = session
        .last_seen_at
        .saturating_add(signed(state.session_lifetime.idle_timeout));
    now < session.expires_at && idle_end.is_ok_and(|end| now < end)
}

/// The user a cookie token signs in, if any. Expired sessions, and sessions
/// whose user is gone or deactivated, are deleted on sight.
pub async fn resolve(state: &Services, token: &str) -> Result<Option<Authenticated>, AppError> {
    let id_hash = hash_token(token);
    let (session, read_user) = match state.sessions.find(&id_hash).await? {
        None => return Ok(None),
        Some(FoundSession::WithUser(session, user)) => (session, Some(user)),
        Some(FoundSession::Alone(session)) => (session, None),
    };
    let now = state.clock.now();
    if !is_live(state, &session, now) {
        state.sessions.delete(&id_hash).await?;
        return Ok(None);
    }
    let user = match read_user {
        Some(user) => Some(user),
        None => state.store.users().by_id(session.user_id).await?,
    };
    let user = match user {
        Some(user) if user.is_active => user,
        _ => {
            state.sessions.delete(&id_hash).await?;
            return Ok(None);
        }
    };
    let session = if now.duration_since(session.last_seen_at) >= TOUCH_EVERY {
        state
            .sessions
            .touch(&session, now, time_to_live(state, &session, now))
            .await?;
        AuthSession {
            last_seen_at: now,
            ..session
        }
    } else {
        session
    };
    Ok(Some(Authenticated {
        user,
        credential: Credential::Session(session),
    }))
}

pub async fn end(state: &Services, session: &AuthSession) -> Result<(), AppError> {
    Ok(state.sessions.delete(&session.id_hash).await?)
}

/// Ends every session of the user except `keep`.
pub async fn end_all(
    state: &Services,
    user: Uuid,
    keep: Option<&AuthSession>,
) -> Result<(), AppError> {
    Ok(state
        .sessions
        .delete_for_user(user, keep.map(|s| s.id_hash.as_str()))
        .await?)
}

/// The user's live sessions, newest first.
pub async fn list(state: &Services, user: Uuid) -> Result<Vec<AuthSession>, AppError> {
    let now = state.clock.now();
    let mut sessions: Vec<AuthSession> = state
        .sessions
        .list_for_user(user)
        .await?
        .into_iter()
        .filter(|s| is_live(state, s, now))
        .collect();
    sessions.sort_by(|a, b| {
        b.created_at
            .cmp(&a.created_at)
            .then_with(|| a.id_hash.cmp(&b.id_hash))
    });
    Ok(sessions)
}

/// Ends one of the user's own sessions; another user's id is "not found".
pub async fn revoke(state: &Services, user: Uuid, id_hash: &str) -> Result<(), AppError> {
    match state.sessions.get(id_hash).await? {
        Some(session) if session.user_id == user => Ok(state.sessions.delete(id_hash).await?),
        _ => Err(AppError::NotFound("error-session-not-found".into())),
    }
}
