//! The composition root: settings in, a ready `AppState` out.
use crate::app::ports::KeyValueStore;
use crate::app::{AppState, WebSettings};
use crate::config::Settings;
use crate::infra::redis::Redis;
use crate::infra::secret_key::ServerKey;
use habitflow_storage::{Store, StoreError};
use std::sync::Arc;

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("cannot open the database: {0}")]
    Database(StoreError),
    #[error("cannot migrate the database: {0}")]
    Migration(StoreError),
    #[error("{0}")]
    Redis(String),
    #[error("cannot load the server key: {0}")]
    SecretKey(String),
}

pub async fn open_store(settings: &Settings) -> Result<Arc<dyn Store>, StartupError> {
    habitflow_storage::open(&settings.database_url)
        .await
        .map_err(StartupError::Database)
}

pub async fn build_state(settings: &Settings) -> Result<AppState, StartupError> {
    ServerKey::load(&settings.secret_key).map_err(StartupError::SecretKey)?;
    let store = open_store(settings).await?;
    if settings.auto_migrate {
        store.migrate().await.map_err(StartupError::Migration)?;
    }
    let key_value = match &settings.redis_url {
        Some(url) => Some(
            Arc::new(Redis::new(url.expose()).map_err(StartupError::Redis)?)
                as Arc<dyn KeyValueStore>,
        ),
        None => None,
    };
    Ok(AppState {
        store,
        key_value,
        web: Arc::new(WebSettings {
            https: settings.served_over_https(),
        }),
    })
}
