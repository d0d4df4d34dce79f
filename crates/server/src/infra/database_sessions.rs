//! The embedded session store: sessions in the application database.
use crate::app::ports::{FoundSession, SessionStore, Unavailable};
use async_trait::async_trait;
use habitflow_domain::model::AuthSession;
use habitflow_storage::{Store, StoreError};
use jiff::SignedDuration;
use jiff::Timestamp;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use uuid::Uuid;

/// Expired rows are swept at most this often (docs/security.md, sign-in sessions).
const SWEEP_EVERY: SignedDuration = SignedDuration::from_hours(1);

pub struct DatabaseSessions {
    store: Arc<dyn Store>,
    /// When this instance last swept expired rows.
    last_sweep: Mutex<Option<Timestamp>>,
}

impl DatabaseSessions {
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self {
            store,
            last_sweep: Mutex::new(None),
        }
    }

    /// Claims this hour's sweep; `false` when one ran less than an hour ago.
    fn sweep_due(&self, now: Timestamp) -> bool {
        let Ok(mut last) = self.last_sweep.lock() else {
            return false;
        };
        match *last {
            Some(at) if now.duration_since(at) < SWEEP_EVERY => false,
            _ => {
                *last = Some(now);
                true
            }
        }
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

    async fn find(&self, id_hash: &str) -> Result<Option<FoundSession>, Unavailable> {
        let found = self
            .store
            .sessions()
            .get_with_user(id_hash)
            .await
            .map_err(unavailable)?;
        Ok(found.map(|(session, user)| FoundSession::WithUser(session, user)))
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

    async fn sweep_expired(
        &self,
        now: Timestamp,
        idle_since: Timestamp,
    ) -> Result<u64, Unavailable> {
        if !self.sweep_due(now) {
            return Ok(0);
        }
        self.store
            .sessions()
            .delete_expired(now, idle_since)
            .await
            .map_err(unavailable)
    }
}
