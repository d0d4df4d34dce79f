//! The service layer: one function per use case, over the ports.
pub mod health;
pub mod ports;

use habitflow_storage::Store;
use ports::KeyValueStore;
use std::sync::Arc;

/// Everything a request handler may use, cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    /// `None` when Redis is not configured.
    pub key_value: Option<Arc<dyn KeyValueStore>>,
    pub web: Arc<WebSettings>,
}

/// The few settings the HTTP layer needs.
#[derive(Debug, Clone, Default)]
pub struct WebSettings {
    /// Sends HSTS and marks cookies `Secure`.
    pub https: bool,
}
