use habitflow_domain::quota::Quota;
use thiserror::Error;

/// What a repository call can fail with; backend details stay inside `Other`.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("record not found")]
    NotFound,
    /// A unique constraint refused the write; names the constraint.
    #[error("conflict on {0}")]
    Conflict(String),
    /// A reference to a row that does not exist (foreign key).
    #[error("reference to a missing record")]
    MissingReference,
    /// The owner already has as many records of the kind as the quota allows.
    #[error("quota of {0:?} exceeded")]
    QuotaExceeded(Quota),
    #[error("database unavailable: {0}")]
    Unavailable(String),
    #[error("database error: {0}")]
    Other(String),
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        match &error {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::Database(db) => match db.kind() {
                sqlx::error::ErrorKind::UniqueViolation => {
                    StoreError::Conflict(db.constraint().unwrap_or("unique").to_owned())
                }
                sqlx::error::ErrorKind::ForeignKeyViolation => StoreError::MissingReference,
                _ => StoreError::Other(error.to_string()),
            },
            sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::Io(_)
            | sqlx::Error::Tls(_) => StoreError::Unavailable(error.to_string()),
            _ => StoreError::Other(error.to_string()),
        }
    }
}

impl From<sqlx::migrate::MigrateError> for StoreError {
    fn from(error: sqlx::migrate::MigrateError) -> Self {
        StoreError::Other(format!("migration failed: {error}"))
    }
}
