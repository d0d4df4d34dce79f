//! The service layer: one function per use case, over the ports.
pub mod accounts;
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
pub mod passwords;
pub mod ports;
pub mod quotes;
pub mod sessions;
pub mod stats;
pub mod tasks;
pub mod themes;
pub mod today;

use crate::metrics::Metrics;
use habitflow_storage::Store;
use passwords::Passwords;
use ports::{Clock, KeyValueStore, RateLimiter, SessionStore};
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

/// Everything a request handler may use, cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    /// `None` when Redis is not configured.
    pub key_value: Option<Arc<dyn KeyValueStore>>,
    pub sessions: Arc<dyn SessionStore>,
    pub limiter: Arc<dyn RateLimiter>,
    pub clock: Arc<dyn Clock>,
    pub passwords: Passwords,
    pub oidc: Arc<oidc::OidcProviders>,
    pub web: Arc<WebSettings>,
    pub metrics: Arc<Metrics>,
}

/// The settings the services and the HTTP layer need.
#[derive(Debug, Clone)]
pub struct WebSettings {
    /// Sends HSTS and marks cookies `Secure`.
    pub https: bool,
    /// `scheme://host[:port]` of the public URL, for the Origin check.
    pub public_origin: String,
    /// 64 bytes that sign and encrypt the UI-session cookie.
    pub cookie_key: [u8; 64],
    pub session_max_age: Duration,
    pub session_idle_timeout: Duration,
    pub trusted_proxies: Vec<IpAddr>,
    /// Origins forms may post to besides our own (the identity providers).
    pub form_action_origins: Vec<String>,
    /// Serves `/metrics` on the main port (`HABITFLOW_METRICS`).
    pub metrics_route: bool,
}

impl WebSettings {
    /// Settings for a local, plain-http instance with the given key.
    pub fn local(cookie_key: [u8; 64]) -> Self {
        Self {
            https: false,
            public_origin: "http://127.0.0.1:8000".into(),
            cookie_key,
            session_max_age: Duration::from_secs(14 * 24 * 3600),
            session_idle_timeout: Duration::from_secs(7 * 24 * 3600),
            trusted_proxies: Vec::new(),
            form_action_origins: Vec::new(),
            metrics_route: false,
        }
    }
}
