//! The one error type of the application. Services return it, extractors
//! reject with it, and the web layer answers it (`web/error.rs` holds its
//! status table and turns it into a page or the JSON error shape).
use super::ports::Unavailable;
use habitflow_domain::message::Message;
use habitflow_domain::quota::Quota;
use habitflow_domain::validation::FieldErrors;
use habitflow_storage::StoreError;
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    NotFound(Message),
    /// A business rule refused a well-formed request, or the request could
    /// not be read.
    #[error("{0}")]
    BadRequest(Message),
    #[error("invalid input")]
    Validation(FieldErrors),
    /// A unique rule refused the write (a name or an email already taken).
    #[error("{message}")]
    Conflict {
        message: Message,
        fields: FieldErrors,
    },
    /// The user already owns as many records of a kind as allowed
    /// (docs/product.md#quotas); 422 naming the limit.
    #[error("quota of {0:?} exceeded")]
    QuotaExceeded(Quota),
    #[error("sign in required")]
    Unauthorized,
    /// A bearer token that signs no one in: malformed, unknown, expired or
    /// revoked; 401 with `WWW-Authenticate: Bearer` (docs/security.md, API tokens).
    #[error("invalid token")]
    InvalidToken,
    #[error("email or password is incorrect")]
    InvalidCredentials,
    #[error("{0}")]
    Forbidden(Message),
    #[error("request body too large")]
    PayloadTooLarge,
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("too many requests")]
    RateLimited { retry_after: Duration },
    /// Too much work is already waiting (the password hasher is full); 503
    /// with `Retry-After` (docs/security.md, passwords).
    #[error("busy, retry after {retry_after:?}")]
    Busy { retry_after: Duration },
    /// A dependency (database, Redis) does not answer; details are logged.
    #[error("service unavailable: {0}")]
    Unavailable(String),
    /// A service we call (an identity provider) failed; the message is for the user.
    #[error("{0}")]
    BadGateway(Message),
    /// Details are logged, never shown.
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    /// A conflict reported on one field, with the same message for the page.
    pub fn conflict_on(field: &str, key: &str) -> Self {
        AppError::Conflict {
            message: key.into(),
            fields: FieldErrors::single(field, key),
        }
    }
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => AppError::NotFound("error-not-found".into()),
            StoreError::Unavailable(detail) => AppError::Unavailable(detail),
            StoreError::QuotaExceeded(quota) => AppError::QuotaExceeded(quota),
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl From<Unavailable> for AppError {
    fn from(error: Unavailable) -> Self {
        AppError::Unavailable(error.0)
    }
}

impl From<FieldErrors> for AppError {
    fn from(errors: FieldErrors) -> Self {
        AppError::Validation(errors)
    }
}

/// "Not found", worded for the record that was looked for.
pub trait OrNotFound<T> {
    /// `key` is the catalog key of the message (`error-habit-not-found`).
    fn or_not_found(self, key: &str) -> Result<T, AppError>;
}

impl<T> OrNotFound<T> for Option<T> {
    fn or_not_found(self, key: &str) -> Result<T, AppError> {
        self.ok_or_else(|| AppError::NotFound(key.into()))
    }
}

impl<T> OrNotFound<T> for Result<T, StoreError> {
    fn or_not_found(self, key: &str) -> Result<T, AppError> {
        self.map_err(|error| match error {
            StoreError::NotFound => AppError::NotFound(key.into()),
            other => other.into(),
        })
    }
}

/// A write's store errors in the application's words: the unique
/// constraint's refusal as `conflict()`, a missing row as `not_found_key`.
pub trait OrConflict<T> {
    fn or_conflict(
        self,
        conflict: impl FnOnce() -> AppError,
        not_found_key: &str,
    ) -> Result<T, AppError>;
}

impl<T> OrConflict<T> for Result<T, StoreError> {
    fn or_conflict(
        self,
        conflict: impl FnOnce() -> AppError,
        not_found_key: &str,
    ) -> Result<T, AppError> {
        self.map_err(|error| match error {
            StoreError::Conflict(_) => conflict(),
            StoreError::NotFound => AppError::NotFound(not_found_key.into()),
            other => other.into(),
        })
    }
}
