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
                _ if db.code().is_some_and(|code| server_unavailable(&code)) => {
                    StoreError::Unavailable(error.to_string())
                }
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

/// PostgreSQL's SQLSTATEs for a server that is going away or not there yet:
/// class 08 (connection exception), 57P01 (terminated by an administrator, as
/// on a fast shutdown or restart), 57P02 (crash shutdown), 57P03 (cannot
/// connect now: starting up or shutting down) and 53300 (too many
/// connections). The request can succeed once the server is back.
pub fn server_unavailable(sqlstate: &str) -> bool {
    sqlstate.len() == 5
        && (sqlstate.starts_with("08") || matches!(sqlstate, "57P01" | "57P02" | "57P03" | "53300"))
}

impl From<sqlx::migrate::MigrateError> for StoreError {
    fn from(error: sqlx::migrate::MigrateError) -> Self {
        StoreError::Other(format!("migration failed: {error}"))
    }
}

#[cfg(test)]
mod tests {
    use super::server_unavailable;

    #[test]
    fn a_server_going_away_is_unavailable_not_an_error() {
        for code in [
            "57P01", "57P02", "57P03", "53300", "08006", "08003", "08001",
        ] {
            assert!(server_unavailable(code), "{code}");
        }
        // Constraint violations, syntax errors, SQLite's numeric codes.
        for code in ["23505", "42601", "40001", "5", "517", "8", "08"] {
            assert!(!server_unavailable(code), "{code}");
        }
    }
}
