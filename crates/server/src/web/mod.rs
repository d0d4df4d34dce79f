//! The HTTP layer: routing, extraction, content negotiation, rendering.
pub mod assets;
mod error;
mod health;
mod layers;
mod layout;
mod pages;
mod render_errors;
mod wants;

pub use error::AppError;
pub use wants::Wants;

use crate::app::AppState;
use axum::Router;
use axum::routing::get;

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
        .route("/healthz/live", get(health::live))
        .route("/healthz/ready", get(health::ready))
        .route("/static/{file}", get(assets::serve))
        .fallback(|| async { AppError::NotFound("Page not found".into()) })
        .with_state(state)
}

pub fn with_layers(routes: Router, state: &AppState) -> Router {
    layers::apply(routes, state)
}
