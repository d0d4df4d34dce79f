//! Personal access tokens (docs/security.md, API tokens): made with a secret
//! shown once, stored as the secret's SHA-256, listed, revoked, and checked
//! on every request that carries one. Use is recorded at most once a minute.
use super::Services;
use super::error::AppError;
use super::limits;
use super::sessions::{Authenticated, Credential, hash_token, new_token};
use habitflow_domain::model::User;
use habitflow_domain::token::{ApiToken, TOKEN_PREFIX, TokenRequest, TokenSecret};
use jiff::{SignedDuration, Timestamp};
use uuid::Uuid;

const TOUCH_EVERY: SignedDuration = SignedDuration::from_secs(60);

/// A token just made, with its secret: the only time the secret is known.
pub struct CreatedToken {
    pub token: ApiToken,
    pub secret: String,
}

pub async fn create(
    state: &Services,
    user: &User,
    request: TokenRequest,
) -> Result<CreatedToken, AppError> {
    let secret = format!("{TOKEN_PREFIX}{}", new_token()?);
    let now = state.clock.now();
    let expires_at = request
        .lifetime_days
        .map(|days| now.saturating_add(SignedDuration::from_hours(days.saturating_mul(24))))
        .transpose()
        .map_err(|e| AppError::Internal(format!("token end out of range: {e}")))?;
    let token = ApiToken {
        id: Uuid::now_v7(),
        user_id: user.id,
        name: request.name.into_string(),
        scope: request.scope,
        token_hash: hash_token(&secret),
        created_at: now,
        last_used_at: None,
        expires_at,
    };
    let token = state.store.tokens().create(&token).await?;
    tracing::info!(target: "habitflow::auth", event = "token_created", user = %user.id, token = %token.id, "API token created");
    Ok(CreatedToken { token, secret })
}

/// The user's tokens, newest first, expired ones included (they show as such).
pub async fn list(state: &Services, user: &User) -> Result<Vec<ApiToken>, AppError> {
    Ok(state.store.tokens().list(user.id).await?)
}

/// Revokes one of the user's tokens; another user's id is "not found".
pub async fn revoke(state: &Services, user: &User, id: Uuid) -> Result<(), AppError> {
    if state.store.tokens().delete(user.id, id).await? {
        tracing::info!(target: "habitflow::auth", event = "token_revoked", user = %user.id, token = %id, "API token revoked");
        Ok(())
    } else {
        Err(AppError::NotFound("error-token-not-found".into()))
    }
}

/// The user a bearer token signs in. A malformed, unknown, expired or revoked
/// token, or one whose user is gone or deactivated, is `InvalidToken`; such
/// failures count against the client's limit, and past it answer 429.
pub async fn authenticate(
    state: &Services,
    presented: &str,
    ip: &str,
) -> Result<Authenticated, AppError> {
    match find(state, presented).await? {
        Some(found) => Ok(found),
        None => {
            limits::bad_token_attempt(state, ip).await?;
            Err(AppError::InvalidToken)
        }
    }
}

async fn find(state: &Services, presented: &str) -> Result<Option<Authenticated>, AppError> {
    let Some(secret) = TokenSecret::parse(presented) else {
        return Ok(None);
    };
    let Some(token) = state
        .store
        .tokens()
        .by_hash(&hash_token(secret.as_str()))
        .await?
    else {
        return Ok(None);
    };
    let now = state.clock.now();
    if token.is_expired(now) {
        return Ok(None);
    }
    let user = match state.store.users().by_id(token.user_id).await? {
        Some(user) if user.is_active => user,
        _ => return Ok(None),
    };
    let token = touched(state, token, now).await?;
    Ok(Some(Authenticated {
        user,
        credential: Credential::Token(token),
    }))
}

async fn touched(state: &Services, token: ApiToken, now: Timestamp) -> Result<ApiToken, AppError> {
    let stale = token
        .last_used_at
        .is_none_or(|used| now.duration_since(used) >= TOUCH_EVERY);
    if !stale {
        return Ok(token);
    }
    state.store.tokens().touch(token.id, now).await?;
    Ok(ApiToken {
        last_used_at: Some(now),
        ..token
    })
}
