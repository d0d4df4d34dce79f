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

/// An error that re-renders the form (validation or conflict): its status
/// and field messages; any other error is answered as it is.
pub fn form_failure(
    error: AppError,
) -> Result<(StatusCode, habitflow_domain::validation::FieldErrors), AppError> {
    let status = error.status();
    match error {
        AppError::Validation(fields) | AppError::Conflict { fields, .. } => Ok((status, fields)),
        other => Err(other),
    }
}
