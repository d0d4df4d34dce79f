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
