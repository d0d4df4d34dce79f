//! Why a command stopped, and the exit code that tells scripts which kind:
//! 1 when something failed, 2 when the operator must change something first
//! (the configuration, a database written by a newer version, a refused
//! backup or restore).
use crate::wiring::StartupError;

#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub exit_code: u8,
}

impl Failure {
    pub fn failed(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            exit_code: 1,
        }
    }

    pub fn refused(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            exit_code: 2,
        }
    }
}

impl From<StartupError> for Failure {
    fn from(error: StartupError) -> Self {
        match error {
            StartupError::NewerSchema(_) => Failure::refused(error.to_string()),
            _ => Failure::failed(error.to_string()),
        }
    }
}
