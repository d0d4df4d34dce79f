//! Readiness: can this instance serve requests right now?
use super::Services;
use std::time::Duration;

const CHECK_TIMEOUT: Duration = Duration::from_secs(3);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    Ok,
    Error,
    Disabled,
}

impl Check {
    pub fn as_str(self) -> &'static str {
        match self {
            Check::Ok => "ok",
            Check::Error => "error",
            Check::Disabled => "disabled",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Readiness {
    pub database: Check,
    pub redis: Check,
}

impl Readiness {
    pub fn is_ready(&self) -> bool {
        self.database == Check::Ok && self.redis != Check::Error
    }
}

pub async fn check_readiness(state: &Services) -> Readiness {
    let database = async {
        match tokio::time::timeout(CHECK_TIMEOUT, state.store.ping()).await {
            Ok(Ok(())) => Check::Ok,
            Ok(Err(error)) => {
                tracing::warn!(%error, "database readiness check failed");
                Check::Error
            }
            Err(_) => Check::Error,
        }
    };
    let redis = async {
        let Some(key_value) = &state.key_value else {
            return Check::Disabled;
        };
        match tokio::time::timeout(CHECK_TIMEOUT, key_value.ping()).await {
            Ok(Ok(())) => Check::Ok,
            Ok(Err(error)) => {
                tracing::warn!(%error, "redis readiness check failed");
                Check::Error
            }
            Err(_) => Check::Error,
        }
    };
    let (database, redis) = tokio::join!(database, redis);
    Readiness { database, redis }
}
