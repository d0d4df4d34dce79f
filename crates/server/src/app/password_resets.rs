//! Setting a new password with a one-time link (docs/security.md, password
//! resets): the link is used up, and every session of the account ends.
use super::Services;
use super::error::AppError;
use super::sessions;
use habitflow_domain::account::check_new_password;
use habitflow_domain::validation::FieldErrors;
use uuid::Uuid;

const INVALID_LINK: &str = "error-reset-link-invalid";

/// The account a link would reset; 404 for a used, expired or unknown link.
pub async fn check_link(state: &Services, token: &str) -> Result<Uuid, AppError> {
    state
        .store
        .password_resets()
        .user_for(&sessions::hash_token(token), state.clock.now())
        .await?
        .ok_or_else(|| AppError::NotFound(INVALID_LINK.into()))
}

/// Sets the new password and ends every session of the account. A password
/// the rules refuse leaves the link usable.
pub async fn reset_password(
    state: &Services,
    token: &str,
    new_password: String,
) -> Result<(), AppError> {
    check_link(state, token).await?;
    check_new_password(&new_password)
        .map_err(|message| FieldErrors::single("new_password", message))?;
    let hash = state.passwords.hash(new_password).await?;
    let now = state.clock.now();
    // Taken only now, so of two uses at once exactly one sets its password.
    let user = state
        .store
        .password_resets()
        .take(&sessions::hash_token(token), now)
        .await?
        .ok_or_else(|| AppError::NotFound(INVALID_LINK.into()))?;
    state
        .store
        .users()
        .set_password_hash(user, &hash, now)
        .await?;
    sessions::end_all(state, user, None).await?;
    tracing::info!(target: "habitflow::auth", event = "password_reset", user_id = %user, "password set with a reset link");
    Ok(())
}
