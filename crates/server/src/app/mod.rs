//! The service layer: one function per use case, over the ports.
pub mod accounts;
mod argon2_memory;
pub mod calendar_feed;
pub mod changes;
pub mod checkins;
pub mod demo;
pub mod error;
pub mod habit_values;
pub mod habits;
pub mod health;
pub mod home;
pub mod limits;
pub mod oidc;
pub mod oidc_accounts;
pub mod operators;
pub mod password_resets;
pub mod passwords;
pub mod pauses;
pub mod portability;
pub mod ports;
pub mod quotes;
pub mod reminders;
pub mod sessions;
pub mod stats;
pub mod tasks;
pub mod themes;
pub mod today;
pub mod tokens;

use crate::metrics::Metrics;
use habitflow_storage::Store;
use passwords::Passwords;
use ports::{Clock, KeyValueStore, RateLimiter, SessionStore};
use std::sync::Arc;
use std::time::Duration;

/// What the services use: the ports, the clock, the password hasher, the
/// identity providers, the metrics and the rules of session lifetime. The
/// HTTP layer's own settings are not here (`web::AppState`).
#[derive(Clone)]
pub struct Services {
    pub store: Arc<dyn Store>,
    /// `None` when Redis is not configured.
    pub key_value: Option<Arc<dyn KeyValueStore>>,
    pub sessions: Arc<dyn SessionStore>,
    pub limiter: Arc<dyn RateLimiter>,
    pub clock: Arc<dyn Clock>,
    pub passwords: Passwords,
    pub oidc: Arc<oidc::OidcProviders>,
    pub metrics: Arc<Metrics>,
    pub session_lifetime: SessionLifetime,
    /// The channels reminders go out on and the URL their links point into.
    pub reminders: reminders::channels::ReminderSetup,
}

/// How long a sign-in session lasts (`docs/product.md#sessions`).
#[derive(Debug, Clone, Copy)]
pub struct SessionLifetime {
    /// The absolute end, whatever the activity.
    pub max_age: Duration,
    /// Without a request for this long, the session ends.
    pub idle_timeout: Duration,
}

impl Default for SessionLifetime {
    fn default() -> Self {
        Self {
            max_age: Duration::from_secs(14 * 24 * 3600),
            idle_timeout: Duration::from_secs(7 * 24 * 3600),
        }
    }
}
