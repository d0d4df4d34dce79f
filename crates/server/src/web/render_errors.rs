//! The one place where errors become responses: an `AppError` (carried as an
//! `ErrorPayload`), a bare error status from an infrastructure layer (405,
//! 413, …) or a handler panic is rendered as an HTML page or as
//! `{"error": {code, message, fields?}}`, by the request's wants.
use super::error::{AppError, ErrorPayload};
use super::language::RequestLanguage;
use super::layout::{ErrorPage, Layout};
use super::wants::Wants;
use crate::i18n::Tr;
use askama::Template;
use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{CONTENT_LANGUAGE, CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::FutureExt;
use serde::Serialize;
use std::collections::BTreeMap;
use std::panic::AssertUnwindSafe;

pub async fn render_errors(mut request: Request, next: Next) -> Response {
    let wants = Wants::from_headers(request.headers());
    let language = RequestLanguage::from_headers(request.headers());
    request.extensions_mut().insert(language.clone());
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
    let mut response = render(response, wants, language.tr());
    if is_worded(&response) {
        response.headers_mut().insert(
            CONTENT_LANGUAGE,
            HeaderValue::from_static(language.get().code()),
        );
    }
    response
}

/// Pages and JSON carry words in the request's language; assets do not.
fn is_worded(response: &Response) -> bool {
    response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html") || t.starts_with("application/json"))
}

fn render(mut response: Response, wants: Wants, tr: Tr) -> Response {
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
                    message: "error-request".into(),
                    fields: None,
                })
        }
        None => return response,
    };
    let (content_type, body) = match wants {
        Wants::Json => ("application/json", json_body(&payload, tr)),
        Wants::Html => ("text/html; charset=utf-8", html_body(status, &payload, tr)),
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

fn json_body(payload: &ErrorPayload, tr: Tr) -> String {
    let fields = payload.fields.as_ref().map(|fields| {
        fields
            .iter()
            .map(|(field, message)| (field.to_owned(), tr.message(message)))
            .collect()
    });
    let body = ErrorResponse {
        error: ErrorBody {
            code: payload.code,
            fields,
            message: tr.message(&payload.message),
        },
    };
    serde_json::to_string(&body).unwrap_or_default()
}

/// The one shape of every JSON error (`docs/product.md#errors`).
#[derive(Serialize, utoipa::ToSchema)]
pub(super) struct ErrorResponse {
    error: ErrorBody,
}

#[derive(Serialize, utoipa::ToSchema)]
pub(super) struct ErrorBody {
    code: &'static str,
    /// Only for validation errors and conflicts: a message per field.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    fields: Option<BTreeMap<String, String>>,
    message: String,
}

fn status_title(tr: Tr, status: StatusCode) -> String {
    tr.try_t(&format!("status-{}", status.as_u16()))
        .unwrap_or_else(|| tr.t("status-error"))
}

/// A field's label in the reader's language, or its API name when it has none.
fn field_label(tr: Tr, field: &str) -> String {
    tr.try_t(&format!("field-{}", field.replace('.', "-")))
        .unwrap_or_else(|| field.to_owned())
}

fn html_body(status: StatusCode, payload: &ErrorPayload, tr: Tr) -> String {
    let page = ErrorPage {
        layout: Layout::bare(tr, status_title(tr, status)),
        status: status.as_u16(),
        message: tr.message(&payload.message),
        fields: payload
            .fields
            .iter()
            .flat_map(|f| f.iter())
            .map(|(k, v)| (field_label(tr, k), tr.message(v)))
            .collect(),
    };
    page.render().unwrap_or_else(|error| {
        tracing::error!(%error, "error page failed to render");
        format!("<!doctype html><title>{status}</title><h1>{status}</h1>")
    })
}
