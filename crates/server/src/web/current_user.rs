//! The signed-in user, from a bearer token (`bearer.rs` puts it in the
//! request's extensions first) or else from the sign-in cookie. A browser without one is sent
//! to the login page (with `next`), an API client gets 401; a session store
//! that does not answer is a 503, never an anonymous pass-through.
use super::auth_cookie::session_token;
use super::state::AppState;
use super::ui_session::UiSession;
use super::{AppError, Wants};
use crate::app::sessions::{self, Authenticated, Credential};
use crate::i18n::Language;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};

/// A handler argument that requires a signed-in user.
pub struct CurrentUser(pub Authenticated);

/// A handler argument for what only the account holder at a browser may do:
/// managing tokens, the password, sign-in methods, sessions and the account
/// itself. A request signed in by a token is refused with 403
/// (docs/security.md, API tokens).
pub struct SessionUser(pub Authenticated);

/// A handler argument for pages that look different when signed in.
pub struct MaybeUser(pub Option<Authenticated>);

async fn authenticate(
    parts: &mut Parts,
    state: &AppState,
) -> Result<Option<Authenticated>, AppError> {
    if let Some(known) = parts.extensions.get::<Authenticated>() {
        return Ok(Some(known.clone()));
    }
    let Some(token) = session_token(&parts.headers) else {
        return Ok(None);
    };
    let found = sessions::resolve(&state.services, &token).await?;
    if let Some(found) = &found {
        parts.extensions.insert(found.clone());
        if let Some(ui) = parts.extensions.get::<UiSession>() {
            ui.set_language(Language::from_code(&found.user.language));
        }
    }
    Ok(found)
}

fn sign_in_required(parts: &Parts) -> Response {
    match Wants::from_headers(&parts.headers) {
        Wants::Html => {
            let target = parts.uri.path_and_query().map_or("/", |pq| pq.as_str());
            let next: String = form_urlencoded::byte_serialize(target.as_bytes()).collect();
            Redirect::to(&format!("/auth/login?next={next}")).into_response()
        }
        Wants::Json => AppError::Unauthorized.into_response(),
    }
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        match authenticate(parts, state).await {
            Ok(Some(found)) => Ok(CurrentUser(found)),
            Ok(None) => Err(sign_in_required(parts)),
            Err(error) => Err(error.into_response()),
        }
    }
}

impl FromRequestParts<AppState> for MaybeUser {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(MaybeUser(authenticate(parts, state).await?))
    }
}

impl FromRequestParts<AppState> for SessionUser {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let CurrentUser(found) = CurrentUser::from_request_parts(parts, state).await?;
        match found.credential {
            Credential::Session(_) => Ok(SessionUser(found)),
            Credential::Token(_) => {
                Err(AppError::Forbidden("error-token-not-allowed".into()).into_response())
            }
        }
    }
}
