//! The one place where errors become responses: an `AppError` (carried as an
//! `ErrorPayload`), a bare error status from an infrastructure layer (405,
//! 413, …) or a handler panic is rendered as an HTML page or as
//! `{"error": {code, message, fields?}}`, by the request's wants.
use super::error::{AppError, ErrorPayload};
use super::layout::{ErrorPage, Layout};
use super::wants::Wants;
use askama::Template;
use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::FutureExt;
use serde_json::json;
use std::panic::AssertUnwindSafe;

pub async fn render_errors(request: Request, next: Next) -> Response {
    let wants = Wants::from_headers(request.headers());
    let response = match AssertUnwindSafe(next.run(request)).catch_unwind().await {
        Ok(response) => response,
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            AppError::Internal(format!("handler panicked: {message}")).into_response()
        }
    };
    render(response, wants)
}

fn render(mut response: Response, wants: Wants) -> Response {
    let status = response.status();
    let payload = match response.extensions_mut().remove::<ErrorPayload>() {
        Some(payload) => payload,
        None if is_bare_error(&response) => {
            let error = AppError::for_status(status);
            let mut rendered = error.into_response();
            rendered
                .extensions_mut()
                .remove::<ErrorPayload>()
                .unwrap_or_else(|| ErrorPayload {
                    code: "error",
                    message: status.to_string(),
                    fields: None,
                })
        }
        None => return response,
    };
    let (content_type, body) = match wants {
        Wants::Json => ("application/json", json_body(&payload)),
        Wants::Html => ("text/html; charset=utf-8", html_body(status, &payload)),
    };
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(CONTENT_LENGTH);
    parts
        .headers
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    Response::from_parts(parts, Body::from(body))
}

/// An error status whose body is not one of ours (no HTML or JSON type).
fn is_bare_error(response: &Response) -> bool {
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return false;
    }
    let content_type = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    !(content_type.starts_with("text/html") || content_type.starts_with("application/json"))
}

fn json_body(payload: &ErrorPayload) -> String {
    let mut error = json!({ "code": payload.code, "message": payload.message });
    if let Some(fields) = &payload.fields {
        error["fields"] = fields
            .iter()
            .map(|(k, v)| (k.to_owned(), json!(v)))
            .collect();
    }
    json!({ "error": error }).to_string()
}

fn html_body(status: StatusCode, payload: &ErrorPayload) -> String {
    let page = ErrorPage {
        layout: Layout::bare(status.canonical_reason().unwrap_or("Error")),
        status: status.as_u16(),
        message: &payload.message,
        fields: payload
            .fields
            .iter()
            .flat_map(|f| f.iter())
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect(),
    };
    page.render().unwrap_or_else(|error| {
        tracing::error!(%error, "error page failed to render");
        format!("<!doctype html><title>{status}</title><h1>{status}</h1>")
    })
}
