//! The state of the HTTP layer: the services, and the settings only the HTTP
//! layer reads (cookies, the origin check, proxies, headers). Handlers hand
//! `state.services` to the services, never the web settings.
use crate::app::Services;
use axum::extract::FromRef;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub services: Services,
    pub web: Arc<WebSettings>,
}

impl FromRef<AppState> for Services {
    fn from_ref(state: &AppState) -> Self {
        state.services.clone()
    }
}

/// The settings of the HTTP layer.
#[derive(Debug, Clone)]
pub struct WebSettings {
    /// Sends HSTS and marks cookies `Secure`.
    pub https: bool,
    /// `scheme://host[:port]` of the public URL, for the Origin check.
    pub public_origin: String,
    /// 64 bytes that sign and encrypt the UI-session cookie.
    pub cookie_key: [u8; 64],
    pub trusted_proxies: Vec<IpAddr>,
    /// Origins forms may post to besides our own (the identity providers).
    pub form_action_origins: Vec<String>,
    /// Serves `/metrics` on the main port (`HABITFLOW_METRICS`).
    pub metrics_route: bool,
    /// Requests a minute per client address, or no limit
    /// (`HABITFLOW_CLIENT_REQUESTS_PER_MINUTE`).
    pub client_requests_per_minute: Option<NonZeroU32>,
}

impl WebSettings {
    /// Settings for a local, plain-http instance with the given key.
    pub fn local(cookie_key: [u8; 64]) -> Self {
        Self {
            https: false,
            public_origin: "http://127.0.0.1:8000".into(),
            cookie_key,
            trusted_proxies: Vec::new(),
            form_action_origins: Vec::new(),
            metrics_route: false,
            client_requests_per_minute: NonZeroU32::new(
                crate::config::DEFAULT_CLIENT_REQUESTS_PER_MINUTE,
            ),
        }
    }
}
