//! Accounts behind OpenID Connect identities: sign in, first sign-in creates
//! the account, and an identity whose email belongs to a password account is
//! linked only after that user signs in with the password and confirms.
use super::Services;
use super::accounts::{Client, sign_in_failure};
use super::error::{AppError, OrConflict};
use super::oidc::VerifiedIdentity;
use super::sessions;
use crate::metrics::{SignInMethod, SignInOutcome};
use habitflow_domain::message::Message;
use habitflow_domain::model::{NewUser, OidcIdentity, Profile, User};
use habitflow_domain::validation::FieldErrors;
use habitflow_domain::values::Email;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub enum OidcSignIn {
    SignedIn {
        user: User,
        token: String,
    },
    /// The email belongs to an account that must confirm the link first.
    LinkRequired(PendingLink),
}

/// How long an identity waits for its account's owner to confirm the link
/// (docs/security.md, OpenID Connect): as long as a sign-in in progress.
pub const PENDING_LINK_SECONDS: i64 = 600;

/// An identity waiting, in the UI session, for the owner of the account its
/// verified email matched. It is bound to that account and to its creation
/// time so that on a shared browser nobody else can attach it
/// (docs/security.md, OpenID Connect).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PendingLink {
    pub identity: VerifiedIdentity,
    /// The account with the identity's verified email.
    pub user_id: Uuid,
    /// Unix seconds.
    pub created_at: i64,
}

impl PendingLink {
    /// Whether `user_id` may confirm this link at `now_seconds`: only the
    /// matched account, and only within [`PENDING_LINK_SECONDS`].
    pub fn usable_by(&self, user_id: Uuid, now_seconds: i64) -> bool {
        let age = now_seconds.saturating_sub(self.created_at);
        self.user_id == user_id && (0..PENDING_LINK_SECONDS).contains(&age)
    }
}

fn disabled() -> AppError {
    AppError::Forbidden("error-account-disabled".into())
}

pub async fn sign_in(
    state: &Services,
    identity: VerifiedIdentity,
    client: &Client,
) -> Result<OidcSignIn, AppError> {
    let result = sign_in_or_create(state, identity, client).await;
    let outcome = match &result {
        Ok(OidcSignIn::SignedIn { .. }) => SignInOutcome::Success,
        Ok(OidcSignIn::LinkRequired(_)) => SignInOutcome::LinkRequired,
        Err(error) => sign_in_failure(error),
    };
    state.metrics.sign_in(SignInMethod::Oidc, outcome);
    result
}

async fn sign_in_or_create(
    state: &Services,
    identity: VerifiedIdentity,
    client: &Client,
) -> Result<OidcSignIn, AppError> {
    let now = state.clock.now();
    let user = match state
        .store
        .identities()
        .find(&identity.issuer, &identity.subject)
        .await?
    {
        Some(known) => {
            let user = state
                .store
                .users()
                .by_id(known.user_id)
                .await?
                .ok_or_else(disabled)?;
            if !user.is_active {
                tracing::info!(target: "habitflow::auth", event = "login_refused_inactive", user_id = %user.id, "oidc login refused");
                return Err(disabled());
            }
            user
        }
        None => {
            // An address the provider has not verified, or one that is not an
            // address at all, cannot be trusted to name an account.
            let verified = identity
                .email
                .as_deref()
                .filter(|_| identity.email_verified);
            let email = match verified.map(Email::parse) {
                Some(Ok(email)) => email,
                _ => {
                    return Err(AppError::Forbidden(
                        Message::new("oidc-email-unverified")
                            .with("provider", identity.provider_name.as_str()),
                    ));
                }
            };
            if let Some(owner) = state.store.users().by_email(email.as_str()).await? {
                return Ok(OidcSignIn::LinkRequired(PendingLink {
                    identity,
                    user_id: owner.id,
                    created_at: now.as_second(),
                }));
            }
            let user = state
                .store
                .users()
                .create(
                    &NewUser {
                        email,
                        display_name: String::new(),
                        password_hash: None,
                        profile: Profile::default(),
                    },
                    now,
                )
                .await?;
            state
                .store
                .identities()
                .link(
                    user.id,
                    &identity.issuer,
                    &identity.subject,
                    identity.email.as_deref(),
                    now,
                )
                .await?;
            tracing::info!(target: "habitflow::auth", event = "register", user_id = %user.id, provider = %identity.provider_name, "account created by an identity provider");
            user
        }
    };
    let token = sessions::start(state, user.id, &client.ip, &client.user_agent).await?;
    tracing::info!(target: "habitflow::auth", event = "login_success", user_id = %user.id, provider = %identity.provider_name, "signed in");
    Ok(OidcSignIn::SignedIn { user, token })
}

/// Links an identity to the signed-in user, who confirmed it from settings;
/// refused unless the link was made for this user in the last 10 minutes.
pub async fn link(state: &Services, user: &User, pending: &PendingLink) -> Result<(), AppError> {
    if !pending.usable_by(user.id, state.clock.now().as_second()) {
        tracing::info!(target: "habitflow::auth", event = "identity_link_refused", user_id = %user.id, "pending link for another account or expired");
        return Err(AppError::Forbidden("oidc-link-not-yours".into()));
    }
    let identity = &pending.identity;
    let identity_taken = || AppError::Conflict {
        message: "oidc-identity-taken".into(),
        fields: FieldErrors::new(),
    };
    state
        .store
        .identities()
        .link(
            user.id,
            &identity.issuer,
            &identity.subject,
            identity.email.as_deref(),
            state.clock.now(),
        )
        .await
        .or_conflict(identity_taken, "error-not-found")?;
    tracing::info!(target: "habitflow::auth", event = "identity_linked", user_id = %user.id, provider = %identity.provider_name, "identity linked");
    Ok(())
}

pub async fn identities(state: &Services, user: &User) -> Result<Vec<OidcIdentity>, AppError> {
    Ok(state.store.identities().list_for_user(user.id).await?)
}

/// Unlinks an identity while another way to sign in remains.
pub async fn unlink(state: &Services, user: &User, id: Uuid) -> Result<(), AppError> {
    let linked = identities(state, user).await?;
    if !linked.iter().any(|i| i.id == id) {
        return Err(AppError::NotFound("error-identity-not-found".into()));
    }
    if user.password_hash.is_none() && linked.len() < 2 {
        return Err(AppError::BadRequest("oidc-unlink-last".into()));
    }
    state.store.identities().unlink(user.id, id).await?;
    tracing::info!(target: "habitflow::auth", event = "identity_unlinked", user_id = %user.id, "identity unlinked");
    Ok(())
}
