//! Accounts (docs/product.md#accounts): register, log in, log out, password and profile.
use super::Services;
use super::error::{AppError, OrConflict};
use super::passwords::Verified;
use super::{limits, sessions};
use crate::metrics::{SignInMethod, SignInOutcome};
use habitflow_domain::account::{
    ProfileInput, check_email_length, check_new_password, check_password_length,
};
use habitflow_domain::model::{AuthSession, NewUser, Profile, User};
use habitflow_domain::validation::FieldErrors;
use habitflow_domain::values::Email;

/// Who is asking, for rate limits and the sessions page.
#[derive(Debug, Clone)]
pub struct Client {
    pub ip: String,
    pub user_agent: String,
}

pub struct Registration {
    pub email: String,
    pub password: String,
    pub display_name: String,
    /// From the browser; an unknown zone falls back to UTC.
    pub time_zone: String,
    /// The language the browser asked for (`en` or `ru`).
    pub language: String,
}

/// Creates an account and signs it in; returns the user and the session token.
pub async fn register(
    state: &Services,
    form: Registration,
    client: &Client,
) -> Result<(User, String), AppError> {
    // An over-long email is refused before it reaches the limiter or the
    // database (docs/security.md, rate-limit keys).
    check_email_length(&form.email).map_err(|message| FieldErrors::single("email", message))?;
    let raw_email = form.email.trim().to_lowercase();
    limits::register_attempt(state, &client.ip, &raw_email).await?;
    let mut errors = FieldErrors::new();
    let email = Email::parse(&form.email)
        .map_err(|message| errors.add("email", message))
        .ok();
    if let Err(message) = check_new_password(&form.password) {
        errors.add("password", message);
    }
    let time_zone = if habitflow_domain::local_date::time_zone(form.time_zone.trim()).is_some() {
        form.time_zone.trim().to_owned()
    } else {
        "UTC".to_owned()
    };
    let profile = ProfileInput::parse(&form.display_name, &time_zone, 0, &form.language);
    if let Err(profile_errors) = &profile {
        for (field, message) in profile_errors.iter() {
            errors.add(field, message.clone());
        }
    }
    let (Some(email), Ok(profile)) = (email, profile) else {
        return Err(AppError::Validation(errors));
    };
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let hash = state.passwords.hash(form.password).await?;
    let new_user = NewUser {
        email,
        display_name: profile.display_name.clone(),
        password_hash: Some(hash),
        profile: stored_profile(profile),
    };
    let email_taken = || AppError::Conflict {
        message: "error-email-taken".into(),
        fields: FieldErrors::single("email", "error-email-taken-sign-in"),
    };
    let user = state
        .store
        .users()
        .create(&new_user, state.clock.now())
        .await
        .or_conflict(email_taken, "error-not-found")?;
    let token = sessions::start(state, user.id, &client.ip, &client.user_agent).await?;
    tracing::info!(target: "habitflow::auth", event = "register", user_id = %user.id, "account created");
    Ok((user, token))
}

/// Checks the credentials and starts a new session; unknown email and wrong
/// password fail alike, in about the same time.
pub async fn log_in(
    state: &Services,
    email: &str,
    password: String,
    client: &Client,
) -> Result<(User, String), AppError> {
    let result = check_and_start(state, email, password, client).await;
    let outcome = match &result {
        Ok(_) => SignInOutcome::Success,
        Err(error) => sign_in_failure(error),
    };
    state.metrics.sign_in(SignInMethod::Password, outcome);
    result
}

/// How a sign-in that did not succeed ended, for the metrics.
pub(super) fn sign_in_failure(error: &AppError) -> SignInOutcome {
    match error {
        AppError::InvalidCredentials => SignInOutcome::Failure,
        AppError::Forbidden(_) => SignInOutcome::Refused,
        AppError::RateLimited { .. } => SignInOutcome::RateLimited,
        _ => SignInOutcome::Error,
    }
}

async fn check_and_start(
    state: &Services,
    email: &str,
    password: String,
    client: &Client,
) -> Result<(User, String), AppError> {
    // Input no account can have is refused before the limiter, the database
    // or Argon2 sees it (docs/security.md, rate-limit keys and passwords).
    check_email_length(email).map_err(|message| FieldErrors::single("email", message))?;
    check_password_length(&password).map_err(|message| FieldErrors::single("password", message))?;
    let account = Email::parse(email)
        .map(Email::into_string)
        .unwrap_or_else(|_| email.trim().to_lowercase());
    limits::login_attempt(state, &client.ip, &account).await?;
    let user = state.store.users().by_email(&account).await?;
    let stored_hash = user.as_ref().and_then(|u| u.password_hash.clone());
    let verified = state
        .passwords
        .verify(password.clone(), stored_hash)
        .await?;
    let (user, rehash) = match (user, verified) {
        (Some(user), Verified::Yes { rehash }) => (user, rehash),
        (user, _) => {
            tracing::info!(target: "habitflow::auth", event = "login_failure", user_id = ?user.map(|u| u.id), "login failed");
            return Err(AppError::InvalidCredentials);
        }
    };
    if !user.is_active {
        tracing::info!(target: "habitflow::auth", event = "login_refused_inactive", user_id = %user.id, "login refused");
        return Err(AppError::Forbidden("error-account-disabled".into()));
    }
    if rehash {
        let hash = state.passwords.hash(password).await?;
        state
            .store
            .users()
            .set_password_hash(user.id, &hash, state.clock.now())
            .await?;
    }
    let token = sessions::start(state, user.id, &client.ip, &client.user_agent).await?;
    tracing::info!(target: "habitflow::auth", event = "login_success", user_id = %user.id, "signed in");
    Ok((user, token))
}

pub async fn log_out(state: &Services, user: &User, session: &AuthSession) -> Result<(), AppError> {
    sessions::end(state, session).await?;
    tracing::info!(target: "habitflow::auth", event = "logout", user_id = %user.id, "signed out");
    Ok(())
}

pub async fn log_out_everywhere(state: &Services, user: &User) -> Result<(), AppError> {
    sessions::end_all(state, user.id, None).await?;
    tracing::info!(target: "habitflow::auth", event = "logout_all", user_id = %user.id, "signed out everywhere");
    Ok(())
}

/// Changes (or, for an account without one, sets) the password and ends every other session.
/// Changes the password and ends every session, this one included: the
/// caller gets a new session token for this browser, so a token taken
/// before the change signs nobody in (docs/security.md, sign-in sessions).
pub async fn change_password(
    state: &Services,
    user: &User,
    client: &Client,
    current_password: String,
    new_password: String,
) -> Result<String, AppError> {
    limits::password_change_attempt(state, &client.ip, user.id).await?;
    if let Some(stored) = &user.password_hash
        && (check_password_length(&current_password).is_err()
            || state
                .passwords
                .verify(current_password, Some(stored.clone()))
                .await?
                == Verified::No)
    {
        tracing::info!(target: "habitflow::auth", event = "password_change_refused", user_id = %user.id, "wrong current password");
        return Err(AppError::Validation(FieldErrors::single(
            "current_password",
            "error-current-password",
        )));
    }
    check_new_password(&new_password)
        .map_err(|message| FieldErrors::single("new_password", message))?;
    let hash = state.passwords.hash(new_password).await?;
    state
        .store
        .users()
        .set_password_hash(user.id, &hash, state.clock.now())
        .await?;
    sessions::end_all(state, user.id, None).await?;
    let token = sessions::start(state, user.id, &client.ip, &client.user_agent).await?;
    tracing::info!(target: "habitflow::auth", event = "password_changed", user_id = %user.id, "password changed");
    Ok(token)
}

pub async fn update_profile(
    state: &Services,
    user: &User,
    input: ProfileInput,
) -> Result<User, AppError> {
    Ok(state
        .store
        .users()
        .update_profile(user.id, &stored_profile(input), state.clock.now())
        .await?)
}

/// Switches the interface language, keeping the rest of the profile.
pub async fn change_language(
    state: &Services,
    user: &User,
    language: &str,
) -> Result<User, AppError> {
    let input = ProfileInput::parse(
        &user.display_name,
        &user.time_zone,
        i64::from(user.day_start_hour),
        language,
    )?;
    update_profile(state, user, input).await
}

fn stored_profile(input: ProfileInput) -> Profile {
    Profile {
        display_name: input.display_name,
        time_zone: input.time_zone,
        day_start_hour: input.day_start_hour,
        language: input.language,
    }
}
