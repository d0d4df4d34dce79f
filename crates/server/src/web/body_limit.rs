//! The request body limit (docs/security.md): 1 MiB, and 20 MiB for the
//! import's upload, the one route that takes whole files (docs/data.md#the-import).
use super::{AppError, BODY_LIMIT};
use axum::body::Body;
use axum::extract::Request;
use axum::http::header::CONTENT_LENGTH;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::Limited;

/// The largest file an import takes.
pub const IMPORT_BODY_LIMIT: usize = 20 * 1024 * 1024;
/// The route of the import's upload.
pub const IMPORT_PATH: &str = "/import";

/// The limit of a request's body, by its path.
pub fn limit_for(path: &str) -> usize {
    if path == IMPORT_PATH {
        IMPORT_BODY_LIMIT
    } else {
        BODY_LIMIT
    }
}

/// Refuses a declared length past the limit at once (413), and stops
/// reading any body at the limit (413 from the extractor that reads it).
pub async fn limit_body(request: Request, next: Next) -> Response {
    let limit = limit_for(request.uri().path());
    let declared = request
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        return AppError::PayloadTooLarge.into_response();
    }
    next.run(request.map(|body| Body::new(Limited::new(body, limit))))
        .await
}
