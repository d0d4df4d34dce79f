//! Interfaces to infrastructure that the services use without knowing it.
use async_trait::async_trait;

/// The shared key-value store (Redis) used for sessions, limits and locks.
#[async_trait]
pub trait KeyValueStore: Send + Sync {
    async fn ping(&self) -> Result<(), String>;
}
