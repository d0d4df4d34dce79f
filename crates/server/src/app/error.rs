//! The service layer's error: what went wrong in business terms.
use super::ports::Unavailable;
use habitflow_domain::message::Message;
use habitflow_domain::validation::FieldErrors;
use habitflow_storage::StoreError;
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("{0}")]
    NotFound(Message),
    #[error("invalid input: {0}")]
    Validation(FieldErrors),
    #[error("{message}")]
    Conflict {
        message: Message,
        fields: FieldErrors,
    },
    /// A business rule refused a well-formed request (400).
    #[error("{0}")]
    Refused(Message),
    #[error("email or password is incorrect")]
    InvalidCredentials,
    #[error("{0}")]
    Forbidden(Message),
    #[error("too many attempts")]
    RateLimited { retry_after: Duration },
    #[error("unavailable: {0}")]
    Unavailable(String),
    /// A service we call (an identity provider) failed (502).
    #[error("upstream: {0}")]
    Upstream(Message),
    #[error("internal: {0}")]
    Internal(String),
}

impl From<StoreError> for ServiceError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => ServiceError::NotFound("error-not-found".into()),
            StoreError::Unavailable(detail) => ServiceError::Unavailable(detail),
            other => ServiceError::Internal(other.to_string()),
        }
    }
}

impl From<Unavailable> for ServiceError {
    fn from(error: Unavailable) -> Self {
        ServiceError::Unavailable(error.0)
    }
}

impl From<FieldErrors> for ServiceError {
    fn from(errors: FieldErrors) -> Self {
        ServiceError::Validation(errors)
    }
}
