//! Operator commands (`habitflow user …`, README, operator commands): manage
//! accounts from the shell. Each finds the account by its email.
use super::Services;
use super::error::AppError;
use super::sessions;
use habitflow_domain::model::{PasswordReset, User};
use habitflow_domain::values::Email;
use jiff::SignedDuration;

/// A reset link sets a password for this long after it is issued.
pub const RESET_LINK_LIFETIME: SignedDuration = SignedDuration::from_hours(1);

/// The path of a reset link, before its token.
pub const RESET_PATH: &str = "/auth/reset-password/";

/// Every account, by email.
pub async fn list_users(state: &Services) -> Result<Vec<User>, AppError> {
    Ok(state.store.users().list().await?)
}

async fn by_email(state: &Services, email: &str) -> Result<User, AppError> {
    let email = Email::parse(email)
        .map(Email::into_string)
        .unwrap_or_else(|_| email.trim().to_lowercase());
    state
        .store
        .users()
        .by_email(&email)
        .await?
        .ok_or_else(|| AppError::NotFound("error-not-found".into()))
}

/// Disables (or enables again) an account. A disabled account cannot sign
/// in, and its sessions end now.
pub async fn set_active(state: &Services, email: &str, active: bool) -> Result<User, AppError> {
    let user = by_email(state, email).await?;
    state
        .store
        .users()
        .set_active(user.id, active, state.clock.now())
        .await?;
    if !active {
        sessions::end_all(state, user.id, None).await?;
    }
    let event = if active {
        "account_enabled"
    } else {
        "account_disabled"
    };
    tracing::info!(target: "habitflow::auth", event, user_id = %user.id, "changed by an operator");
    Ok(User {
        is_active: active,
        ..user
    })
}

/// Deletes an account and everything it owns; its sessions end first.
pub async fn delete_user(state: &Services, email: &str) -> Result<User, AppError> {
    let user = by_email(state, email).await?;
    sessions::end_all(state, user.id, None).await?;
    state.store.users().delete(user.id).await?;
    tracing::info!(target: "habitflow::auth", event = "account_deleted", user_id = %user.id, "deleted by an operator");
    Ok(user)
}

/// Issues a one-time link that sets a new password within an hour
/// (docs/security.md, password resets): the token goes into the link, its
/// SHA-256 into the store, replacing the account's earlier links.
pub async fn issue_password_reset(
    state: &Services,
    email: &str,
    public_url: &str,
) -> Result<String, AppError> {
    let user = by_email(state, email).await?;
    let token = sessions::new_token()?;
    let now = state.clock.now();
    let reset = PasswordReset {
        token_hash: sessions::hash_token(&token),
        user_id: user.id,
        created_at: now,
        expires_at: now.saturating_add(RESET_LINK_LIFETIME).unwrap_or(now),
    };
    state.store.password_resets().create(&reset).await?;
    tracing::info!(target: "habitflow::auth", event = "password_reset_issued", user_id = %user.id, "reset link issued");
    Ok(format!("{public_url}{RESET_PATH}{token}"))
}
