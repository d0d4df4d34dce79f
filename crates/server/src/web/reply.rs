//! Answering in the format the request wants (`docs/product.md#html-or-json`):
//! handlers say what each format gets, and these helpers pick one. The few
//! handlers that still look at `Wants` do so for what only one format has:
//! sign-in and sign-out (cookies and a redirect for browsers), and a list
//! page past its end (a browser is sent to the last page).
use super::render::form_failure;
use super::{AppError, Wants};
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use habitflow_domain::validation::FieldErrors;
use serde::Serialize;

pub type Answer = Result<Response, AppError>;

/// A JSON body with its status.
pub fn json(status: StatusCode, body: impl Serialize) -> Response {
    (status, Json(body)).into_response()
}

impl Wants {
    /// JSON gets `json()` with 200; HTML gets what `html()` builds (a page,
    /// or a redirect after an action).
    pub async fn reply<T: Serialize>(
        self,
        json: impl FnOnce() -> T,
        html: impl AsyncFnOnce() -> Answer,
    ) -> Answer {
        match self {
            Wants::Json => Ok(Json(json()).into_response()),
            Wants::Html => html().await,
        }
    }

    /// A record an action created: JSON gets what `json()` builds (201 and
    /// the record); HTML gets what `html()` builds (a redirect).
    pub fn created(self, json: impl FnOnce() -> Response, html: impl FnOnce() -> Answer) -> Answer {
        match self {
            Wants::Json => Ok(json()),
            Wants::Html => html(),
        }
    }

    /// A deletion: JSON gets 204 and no body; HTML gets what `html()` builds.
    pub fn deleted(self, html: impl FnOnce() -> Response) -> Response {
        match self {
            Wants::Json => StatusCode::NO_CONTENT.into_response(),
            Wants::Html => html(),
        }
    }

    /// The answer to a write sent by a form or an API client. JSON gets
    /// `json(&value)` or the error. HTML gets `done(value)` (a flash and a
    /// redirect); a validation error or a conflict shows the form again
    /// through `form_again(status, field messages)`; other errors are
    /// answered as they are.
    pub async fn written<V>(
        self,
        result: Result<V, AppError>,
        json: impl FnOnce(&V) -> Response,
        done: impl FnOnce(V) -> Response,
        form_again: impl AsyncFnOnce(StatusCode, FieldErrors) -> Answer,
    ) -> Answer {
        match (result, self) {
            (Ok(value), Wants::Json) => Ok(json(&value)),
            (Ok(value), Wants::Html) => Ok(done(value)),
            (Err(error), Wants::Json) => Err(error),
            (Err(error), Wants::Html) => {
                let (status, fields) = form_failure(error)?;
                form_again(status, fields).await
            }
        }
    }
}
