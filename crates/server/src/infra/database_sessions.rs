//! The embedded session store: sessions in the application database.
use crate::app::ports::{SessionStore, Unavailable};
use async_trait::async_trait;
use habitflow_domain::model::AuthSession;
use habitflow_storage::{Store, StoreError};
use jiff::Timestamp;
use std::sync::Arc;
use std::time::Duration;
use uuid::Uuid;

pub struct DatabaseSessions {
    store: Arc<dyn Store>,
}

impl DatabaseSessions {
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self { store }
    }
}

fn unavailable(error: StoreError) -> Unavailable {
    Unavailable(error.to_string())
}

#[async_trait]
impl SessionStore for DatabaseSessions {
    async fn create(&self, session: &AuthSession, _ttl: Duration) -> Result<(), Unavailable> {
        self.store
            .sessions()
            .create(session)
            .await
            .map_err(unavailable)
    }

    async fn get(&self, id_hash: &str) -> Result<Option<AuthSession>, Unavailable> {
        self.store
            .sessions()
            .get(id_hash)
            .await
            .map_err(unavailable)
    }

    async fn touch(
        &self,
        session: &AuthSession,
        last_seen_at: Timestamp,
        _ttl: Duration,
    ) -> Result<(), Unavailable> {
        self.store
            .sessions()
            .touch(&session.id_hash, last_seen_at)
            .await
            .map_err(unavailable)
    }

    async fn delete(&self, id_hash: &str) -> Result<(), Unavailable> {
        self.store
            .sessions()
            .delete(id_hash)
            .await
            .map(drop)
            .map_err(unavailable)
    }

    async fn delete_for_user(&self, user: Uuid, keep: Option<&str>) -> Result<(), Unavailable> {
        self.store
            .sessions()
            .delete_for_user(user, keep)
            .await
            .map(drop)
            .map_err(unavailable)
    }

    async fn list_for_user(&self, user: Uuid) -> Result<Vec<AuthSession>, Unavailable> {
        self.store
            .sessions()
            .list_for_user(user)
            .await
            .map_err(unavailable)
    }
}
