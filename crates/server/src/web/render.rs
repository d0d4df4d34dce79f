//! Rendering an askama page into a response.
use super::AppError;
use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

pub fn page(template: &impl Template) -> Result<Response, AppError> {
    page_with_status(StatusCode::OK, template)
}

pub fn page_with_status(
    status: StatusCode,
    template: &impl Template,
) -> Result<Response, AppError> {
    template
        .render()
        .map(|html| (status, Html(html)).into_response())
        .map_err(|e| AppError::Internal(format!("template failed to render: {e}")))
}

/// A service error that re-renders the form: its status and field messages.
pub fn form_failure(
    error: crate::app::error::ServiceError,
) -> Result<(StatusCode, habitflow_domain::validation::FieldErrors), AppError> {
    use crate::app::error::ServiceError;
    match error {
        ServiceError::Validation(fields) => Ok((StatusCode::UNPROCESSABLE_ENTITY, fields)),
        ServiceError::Conflict { fields, .. } => Ok((StatusCode::CONFLICT, fields)),
        other => Err(other.into()),
    }
}

/// An id from the path; a malformed one is simply not found.
pub fn path_id(raw: &str, not_found_key: &str) -> Result<uuid::Uuid, AppError> {
    uuid::Uuid::parse_str(raw).map_err(|_| AppError::NotFound(not_found_key.into()))
}
