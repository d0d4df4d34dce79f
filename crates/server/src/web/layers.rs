//! The layers every request passes through, outermost first: request id,
//! access log, metrics, security headers, error rendering (and panic catching), the
//! request limit per client address, the UI session, bearer tokens, CSRF protection,
//! body limit.
use super::bearer::bearer;
use super::body_limit::limit_body;
use super::client_limit::{ClientLimit, RefusedClient, limit_clients};
use super::csrf::csrf;
use super::metrics;
use super::state::AppState;
use super::ui_session::ui_session;
use super::{BODY_LIMIT, render_errors::render_errors};
use axum::Router;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, REFERRER_POLICY, STRICT_TRANSPORT_SECURITY,
    X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::Response;
use std::time::Instant;
use tower::ServiceBuilder;
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

pub fn apply(routes: Router, state: &AppState) -> Router {
    let https = state.web.https;
    let csp = HeaderValue::from_str(&content_security_policy(&state.web.form_action_origins))
        .unwrap_or_else(|_| HeaderValue::from_static(CSP));
    let client_limit = state
        .web
        .client_requests_per_minute
        .map(|per_minute| ClientLimit::new(per_minute, state.clone()));
    routes.layer(
        ServiceBuilder::new()
            .layer(SetRequestIdLayer::new(REQUEST_ID, NewRequestId))
            .layer(PropagateRequestIdLayer::new(REQUEST_ID))
            .layer(middleware::from_fn(access_log))
            .layer(middleware::from_fn_with_state(
                state.clone(),
                metrics::record,
            ))
            .layer(middleware::from_fn(move |request, next| {
                security_headers(request, next, https, csp.clone())
            }))
            .layer(middleware::from_fn(render_errors))
            .option_layer(
                client_limit.map(|limit| middleware::from_fn_with_state(limit, limit_clients)),
            )
            .layer(middleware::from_fn_with_state(state.clone(), ui_session))
            .layer(middleware::from_fn_with_state(state.clone(), bearer))
            .layer(middleware::from_fn_with_state(state.clone(), csrf))
            .layer(middleware::from_fn(limit_body))
            .layer(DefaultBodyLimit::max(BODY_LIMIT)),
    )
}

#[derive(Clone, Copy)]
struct NewRequestId;

impl MakeRequestId for NewRequestId {
    fn make_request_id<B>(&mut self, _: &axum::http::Request<B>) -> Option<RequestId> {
        HeaderValue::from_str(&uuid::Uuid::now_v7().to_string())
            .ok()
            .map(RequestId::new)
    }
}

/// One line per request: method, route, status, duration, request id; none for
/// a request refused by the client limit, which logs once per flood instead.
async fn access_log(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "-".to_owned(), |path| path.as_str().to_owned());
    let request_id = request
        .headers()
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
        .to_owned();
    let response = next.run(request).await;
    if response.extensions().get::<RefusedClient>().is_some() {
        return response;
    }
    tracing::info!(
        target: "habitflow::access",
        %method,
        route,
        status = response.status().as_u16(),
        duration_ms = started.elapsed().as_secs_f64() * 1000.0,
        request_id,
        "request"
    );
    response
}

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

/// The policy with the identity providers' origins allowed as form targets.
fn content_security_policy(form_action_origins: &[String]) -> String {
    let extra: String = form_action_origins
        .iter()
        .filter(|origin| {
            origin
                .chars()
                .all(|c| c.is_ascii_graphic() && c != ';' && c != ',')
        })
        .map(|origin| format!(" {origin}"))
        .collect();
    format!("{CSP}{extra}")
}

async fn security_headers(request: Request, next: Next, https: bool, csp: HeaderValue) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(CONTENT_SECURITY_POLICY, csp);
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(
        REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if https {
        headers.insert(
            STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    // Pages and API answers may hold personal data; only hashed assets are cacheable.
    if !headers.contains_key(CACHE_CONTROL) {
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}
