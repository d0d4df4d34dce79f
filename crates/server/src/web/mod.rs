//! The HTTP layer: routing, extraction, content negotiation, rendering.
pub mod assets;
mod auth;
mod auth_cookie;
mod client;
mod csrf;
mod current_user;
mod error;
mod health;
mod input;
mod layers;
mod layout;
mod pages;
mod render;
mod render_errors;
mod settings;
mod ui_session;
mod user_json;
mod wants;

pub use error::AppError;
pub use wants::Wants;

use crate::app::AppState;
use axum::Router;
use axum::routing::{get, post};

/// Requests bodies above this size are refused with 413.
pub const BODY_LIMIT: usize = 1024 * 1024;

/// The whole application: routes wrapped in the shared layers.
pub fn router(state: AppState) -> Router {
    with_layers(routes(state.clone()), &state)
}

/// The routes alone, so tests can add their own before the layers go on.
pub fn routes(state: AppState) -> Router {
    Router::new()
        .route("/", get(pages::home))
        .route("/auth/login", get(auth::login_page).post(auth::login))
        .route(
            "/auth/register",
            get(auth::register_page).post(auth::register),
        )
        .route("/auth/logout", post(auth::logout))
        .route("/auth/logout-all", post(auth::logout_everywhere))
        .route("/auth/csrf", get(auth::csrf_token))
        .route(
            "/settings",
            get(settings::profile).post(settings::update_profile),
        )
        .route(
            "/settings/password",
            get(settings::password_page).post(settings::change_password),
        )
        .route("/settings/sessions", get(settings::sessions_page))
        .route(
            "/settings/sessions/{id}/revoke",
            post(settings::revoke_session),
        )
        .route("/healthz/live", get(health::live))
        .route("/healthz/ready", get(health::ready))
        .route("/static/{file}", get(assets::serve))
        .fallback(|| async { AppError::NotFound("Page not found".into()) })
        .with_state(state)
}

pub fn with_layers(routes: Router, state: &AppState) -> Router {
    layers::apply(routes, state)
}
