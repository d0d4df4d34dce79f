//! The status table of the application's error and its response: the
//! status and an `ErrorPayload` that the `render_errors` layer turns into an
//! HTML page or the JSON error shape, whichever the request wants.
pub use crate::app::error::AppError;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use habitflow_domain::message::Message;
use habitflow_domain::validation::FieldErrors;

/// What the renderer needs to show an error, carried in response extensions.
#[derive(Debug, Clone)]
pub struct ErrorPayload {
    pub code: &'static str,
    pub message: Message,
    pub fields: Option<FieldErrors>,
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Validation(_) | AppError::QuotaExceeded(_) => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            AppError::Conflict { .. } => StatusCode::CONFLICT,
            AppError::Unauthorized | AppError::InvalidToken => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            AppError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::InvalidCredentials => StatusCode::UNAUTHORIZED,
            AppError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Busy { .. } | AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::BadGateway(_) => StatusCode::BAD_GATEWAY,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn payload(&self) -> ErrorPayload {
        let (code, message, fields) = match self {
            AppError::NotFound(message) => ("not_found", message.clone(), None),
            AppError::BadRequest(message) => ("bad_request", message.clone(), None),
            AppError::Validation(fields) => (
                "validation_error",
                "error-validation".into(),
                Some(fields.clone()),
            ),
            AppError::QuotaExceeded(quota) => (
                "quota_exceeded",
                Message::new(quota.message_key()).with("limit", quota.limit()),
                None,
            ),
            AppError::Conflict { message, fields } => {
                ("conflict", message.clone(), Some(fields.clone()))
            }
            AppError::Unauthorized => ("unauthorized", "error-unauthorized".into(), None),
            AppError::InvalidToken => ("invalid_token", "error-invalid-token".into(), None),
            AppError::Forbidden(message) => ("forbidden", message.clone(), None),
            AppError::PayloadTooLarge => {
                ("payload_too_large", "error-payload-too-large".into(), None)
            }
            AppError::MethodNotAllowed => (
                "method_not_allowed",
                "error-method-not-allowed".into(),
                None,
            ),
            AppError::UnsupportedMediaType => (
                "unsupported_media_type",
                "error-unsupported-media-type".into(),
                None,
            ),
            AppError::InvalidCredentials => (
                "invalid_credentials",
                "error-invalid-credentials".into(),
                None,
            ),
            AppError::RateLimited { .. } => ("rate_limited", "error-rate-limited".into(), None),
            AppError::BadGateway(message) => ("bad_gateway", message.clone(), None),
            AppError::Busy { .. } => ("busy", "error-unavailable".into(), None),
            AppError::Unavailable(_) => ("unavailable", "error-unavailable".into(), None),
            AppError::Internal(_) => ("internal_error", "error-internal".into(), None),
        };
        ErrorPayload {
            code,
            message,
            fields,
        }
    }

    /// The error a response of this status means when nothing more specific was said.
    pub fn for_status(status: StatusCode) -> Self {
        match status {
            StatusCode::NOT_FOUND => AppError::NotFound("error-page-not-found".into()),
            StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge,
            StatusCode::METHOD_NOT_ALLOWED => AppError::MethodNotAllowed,
            StatusCode::UNSUPPORTED_MEDIA_TYPE => {
                AppError::BadRequest("error-unsupported-content-type".into())
            }
            status if status.is_server_error() => AppError::Internal(status.to_string()),
            _ => AppError::BadRequest("error-bad-request".into()),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match &self {
            AppError::Internal(detail) => tracing::error!(error = %detail, "internal error"),
            AppError::Unavailable(detail) => {
                tracing::warn!(error = %detail, "dependency unavailable")
            }
            _ => {}
        }
        let mut response = self.status().into_response();
        if let AppError::RateLimited { retry_after } | AppError::Busy { retry_after } = &self {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                retry_after.as_secs().max(1).into(),
            );
        }
        if let AppError::InvalidToken = &self {
            response.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer error=\"invalid_token\""),
            );
        }
        response.extensions_mut().insert(self.payload());
        response
    }
}
