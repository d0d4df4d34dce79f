//! Deleting one's own account (docs/data.md#deleting-your-account): after
//! re-authentication, every session ends and the account goes with
//! everything it owns, in one statement whose cascade is one transaction.
use super::super::Services;
use super::super::accounts::Client;
use super::super::error::AppError;
use super::super::passwords::Verified;
use super::super::{limits, sessions};
use habitflow_domain::account::check_password_length;
use habitflow_domain::model::User;
use habitflow_domain::validation::FieldErrors;
use habitflow_domain::values::Email;

/// What the user typed to confirm: their password, or (for an account
/// without one) their email.
pub struct Confirmation {
    pub password: String,
    pub email: String,
}

/// Deletes the account once `confirmation` proves it is its owner asking;
/// 422 naming `password` or `email` otherwise. Attempts count against the
/// same limits as a password change.
pub async fn delete_account(
    state: &Services,
    user: &User,
    client: &Client,
    confirmation: Confirmation,
) -> Result<(), AppError> {
    limits::password_change_attempt(state, &client.ip, user.id).await?;
    match &user.password_hash {
        Some(stored) => {
            let matches = check_password_length(&confirmation.password).is_ok()
                && state
                    .passwords
                    .verify(confirmation.password, Some(stored.clone()))
                    .await?
                    != Verified::No;
            if !matches {
                tracing::info!(target: "habitflow::auth", event = "account_deletion_refused", user_id = %user.id, "wrong password");
                return Err(FieldErrors::single("password", "error-current-password").into());
            }
        }
        None => {
            let typed = Email::parse(&confirmation.email).ok();
            if typed.as_ref().map(Email::as_str) != Some(user.email.as_str()) {
                return Err(FieldErrors::single("email", "error-delete-email").into());
            }
        }
    }
    sessions::end_all(state, user.id, None).await?;
    state.store.users().delete(user.id).await?;
    tracing::info!(target: "habitflow::auth", event = "account_deleted", user_id = %user.id, "deleted by its owner");
    Ok(())
}
