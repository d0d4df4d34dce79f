//! A lazily (re)connecting Redis handle: the app starts while Redis is down
//! and recovers when it returns, without a restart.
use crate::app::ports::KeyValueStore;
use async_trait::async_trait;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use std::time::Duration;
use tokio::sync::Mutex;

const TIMEOUT: Duration = Duration::from_secs(2);

pub struct Redis {
    client: redis::Client,
    connection: Mutex<Option<ConnectionManager>>,
    /// Namespace of every key: `habitflow:` in production, unique per test.
    prefix: String,
}

impl Redis {
    pub fn new(url: &str) -> Result<Self, String> {
        Self::with_prefix(url, "habitflow:")
    }

    pub fn with_prefix(url: &str, prefix: &str) -> Result<Self, String> {
        let client = redis::Client::open(url).map_err(|e| format!("invalid Redis URL: {e}"))?;
        Ok(Self {
            client,
            connection: Mutex::new(None),
            prefix: prefix.to_owned(),
        })
    }

    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// The shared connection, opened on first use.
    pub async fn connection(&self) -> Result<ConnectionManager, String> {
        let mut slot = self.connection.lock().await;
        if let Some(connection) = slot.as_ref() {
            return Ok(connection.clone());
        }
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(TIMEOUT))
            .set_response_timeout(Some(TIMEOUT))
            .set_number_of_retries(1);
        let connection = self
            .client
            .get_connection_manager_with_config(config)
            .await
            .map_err(|e| e.to_string())?;
        *slot = Some(connection.clone());
        Ok(connection)
    }
}

#[async_trait]
impl KeyValueStore for Redis {
    async fn ping(&self) -> Result<(), String> {
        let mut connection = self.connection().await?;
        let answer = tokio::time::timeout(
            TIMEOUT,
            redis::cmd("PING").query_async::<String>(&mut connection),
        )
        .await
        .map_err(|_| "Redis did not answer in time".to_owned())?;
        answer.map(|_| ()).map_err(|e| e.to_string())
    }
}
