//! `/metrics`, and the per-request numbers behind it.
use super::state::AppState;
use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::time::Instant;

/// Counts each answered request by method, route template and status, with its latency.
pub async fn record(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|path| path.as_str().to_owned());
    let response = next.run(request).await;
    state.services.metrics.request(
        &method,
        route.as_deref(),
        response.status(),
        started.elapsed(),
    );
    response
}

async fn scrape(State(state): State<AppState>) -> Response {
    match state
        .services
        .metrics
        .render(state.services.store.pool_usage())
    {
        Ok(text) => ([(CONTENT_TYPE, crate::metrics::CONTENT_TYPE)], text).into_response(),
        Err(error) => {
            tracing::error!(%error, "cannot encode the metrics");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// `GET /metrics` alone: merged into the app when `HABITFLOW_METRICS=true`,
/// or served by itself on `HABITFLOW_METRICS_BIND`.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/metrics", get(scrape))
        .with_state(state)
}
