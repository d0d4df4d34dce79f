//! CSRF protection (docs/product.md#csrf) for every state-changing request: no
//! cross-site requests at all, and the UI session's token on every request
//! that carries the sign-in cookie or is a form post.
use super::AppError;
use super::auth_cookie::has_session_cookie;
use super::bearer::SignedInByToken;
use super::state::AppState;
use super::ui_session::UiSession;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{CONTENT_TYPE, HOST, ORIGIN};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use subtle::ConstantTimeEq;

pub const CSRF_FIELD: &str = "csrf_token";
const CSRF_HEADERS: [&str; 2] = ["x-csrf-token", "x-csrftoken"];

fn refused() -> Response {
    AppError::Forbidden("error-csrf".into()).into_response()
}

pub async fn csrf(State(state): State<AppState>, request: Request, next: Next) -> Response {
    // A token signed the request in, not a cookie: nothing for a forged
    // request to ride on (docs/security.md, API tokens).
    if request.method().is_safe() || request.extensions().get::<SignedInByToken>().is_some() {
        return next.run(request).await;
    }
    let headers = request.headers();
    if headers
        .get("sec-fetch-site")
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"cross-site"))
    {
        return refused();
    }
    if let Some(origin) = headers.get(ORIGIN).and_then(|v| v.to_str().ok()) {
        let scheme = if state.web.https { "https" } else { "http" };
        let own_host = headers
            .get(HOST)
            .and_then(|v| v.to_str().ok())
            .map(|host| format!("{scheme}://{host}"));
        if origin != state.web.public_origin && Some(origin) != own_host.as_deref() {
            return refused();
        }
    }
    let content_type = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let urlencoded = content_type.starts_with("application/x-www-form-urlencoded");
    let multipart = content_type.starts_with("multipart/form-data");
    let form_post = urlencoded || multipart;
    if !has_session_cookie(headers) && !form_post {
        // JSON sign-in and registration: no session yet, nothing to ride on.
        return next.run(request).await;
    }
    let Some(ui) = request.extensions().get::<UiSession>().cloned() else {
        return refused();
    };
    let header_token = CSRF_HEADERS
        .iter()
        .find_map(|name| request.headers().get(*name))
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let (request, given) = match header_token {
        Some(token) => (request, Some(token)),
        None if urlencoded => match token_from_form(request).await {
            Ok(found) => found,
            Err(response) => return response,
        },
        None if multipart => match token_from_multipart(request).await {
            Ok(found) => found,
            Err(response) => return response,
        },
        None => (request, None),
    };
    let expected = ui.csrf_token();
    match given {
        Some(given) if bool::from(given.as_bytes().ct_eq(expected.as_bytes())) => {
            next.run(request).await
        }
        _ => refused(),
    }
}

/// Reads the form body for its `csrf_token` field and puts the body back.
async fn token_from_form(request: Request) -> Result<(Request, Option<String>), Response> {
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, super::BODY_LIMIT)
        .await
        .map_err(|_| AppError::PayloadTooLarge.into_response())?;
    let token = form_urlencoded::parse(&bytes)
        .find(|(key, _)| key == CSRF_FIELD)
        .map(|(_, value)| value.into_owned());
    Ok((Request::from_parts(parts, Body::from(bytes)), token))
}

/// Reads a multipart form (the import's upload, docs/data.md#the-import) for
/// its `csrf_token` field and puts the body back.
async fn token_from_multipart(request: Request) -> Result<(Request, Option<String>), Response> {
    use axum::extract::{FromRequest, Multipart};
    let (parts, body) = request.into_parts();
    let limit = super::body_limit::limit_for(parts.uri.path());
    let bytes = axum::body::to_bytes(body, limit)
        .await
        .map_err(|_| AppError::PayloadTooLarge.into_response())?;
    let copy = Request::from_parts(parts.clone(), Body::from(bytes.clone()));
    let mut token = None;
    if let Ok(mut form) = Multipart::from_request(copy, &()).await {
        while let Ok(Some(field)) = form.next_field().await {
            if field.name() == Some(CSRF_FIELD) {
                token = field.text().await.ok();
                break;
            }
        }
    }
    Ok((Request::from_parts(parts, Body::from(bytes)), token))
}
