//! /auth/oidc/{provider}/start and /callback, and linking identities from settings.
use super::auth_cookie::session_cookie;
use super::current_user::SessionUser;
use super::ids::IdentityId;
use super::input::Input;
use super::responses::StatusResponse;
use super::state::AppState;
use super::ui_session::UiSession;
use super::{AppError, Wants};
use crate::app::accounts::Client;
use crate::app::limits;
use crate::app::oidc::Callback;
use crate::app::oidc_accounts::{self, OidcSignIn};
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use habitflow_domain::message::Message;
use habitflow_domain::redirect::safe_next;
use serde::Deserialize;
use serde::de::IgnoredAny;

#[derive(Deserialize, Default)]
pub struct StartQuery {
    next: Option<String>,
}

pub async fn start(
    State(state): State<AppState>,
    ui: UiSession,
    client: Client,
    Path(provider): Path<String>,
    Query(query): Query<StartQuery>,
) -> Result<Response, AppError> {
    limits::oidc_start(&state.services, &client.ip).await?;
    let next = safe_next(query.next.as_deref().unwrap_or("/"));
    let (url, pending) = state
        .services
        .oidc
        .begin(&provider, next, state.services.clock.now().as_second())
        .await?;
    ui.set_pending_sign_in(pending);
    Ok(Redirect::to(&url).into_response())
}

pub async fn callback(
    State(state): State<AppState>,
    ui: UiSession,
    client: Client,
    jar: CookieJar,
    Path(provider): Path<String>,
    Query(callback): Query<Callback>,
) -> Result<Response, AppError> {
    limits::oidc_callback(&state.services, &client.ip).await?;
    let pending = ui.take_pending_sign_in();
    let next = pending
        .as_ref()
        .map_or_else(|| "/".to_owned(), |p| p.next.clone());
    let identity = state
        .services
        .oidc
        .finish(
            &provider,
            pending,
            callback,
            state.services.clock.now().as_second(),
        )
        .await?;
    match oidc_accounts::sign_in(&state.services, identity, &client).await? {
        OidcSignIn::SignedIn { token, user } => {
            ui.signed_in(user.id, state.services.clock.now().as_second());
            Ok((jar.add(session_cookie(&state, token)), Redirect::to(&next)).into_response())
        }
        OidcSignIn::LinkRequired(pending) => {
            let identity = &pending.identity;
            let message = Message::new("oidc-link-required")
                .with("email", identity.email.clone().unwrap_or_default())
                .with("provider", identity.provider_name.as_str());
            ui.set_pending_link(Some(pending));
            Err(AppError::Conflict {
                message,
                fields: habitflow_domain::validation::FieldErrors::new(),
            })
        }
    }
}

#[derive(Deserialize, Default)]
pub struct ActionForm {
    #[serde(default, rename = "csrf_token")]
    _csrf_token: Option<IgnoredAny>,
}

/// Confirms the identity kept in the UI session for the signed-in user.
pub async fn link(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    SessionUser(auth): SessionUser,
    _form: Option<Input<ActionForm>>,
) -> Result<Response, AppError> {
    let pending = ui
        .pending_link()
        .ok_or_else(|| AppError::BadRequest("oidc-nothing-to-link".into()))?;
    let linked = oidc_accounts::link(&state.services, &auth.user, &pending).await;
    // Used once, whether it was linked or refused.
    ui.set_pending_link(None);
    linked?;
    let provider = pending.identity.provider_name.as_str();
    wants
        .reply(
            || StatusResponse { status: "linked" },
            async || {
                let message = Message::new("flash-identity-linked").with("provider", provider);
                ui.flash("success", message);
                Ok(Redirect::to("/settings").into_response())
            },
        )
        .await
}

pub async fn unlink(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    SessionUser(auth): SessionUser,
    id: IdentityId,
    _form: Option<Input<ActionForm>>,
) -> Result<Response, AppError> {
    oidc_accounts::unlink(&state.services, &auth.user, id.uuid()).await?;
    wants
        .reply(
            || StatusResponse { status: "unlinked" },
            async || {
                ui.flash("success", "flash-identity-unlinked");
                Ok(Redirect::to("/settings").into_response())
            },
        )
        .await
}
