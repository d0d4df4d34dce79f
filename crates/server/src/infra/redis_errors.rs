//! Counts Redis failures for the metrics by wrapping the Redis-backed ports,
//! so the adapters stay about Redis and every failure is counted in one place.
use crate::app::ports::{
    FoundSession, KeyValueStore, RateDecision, RateLimiter, SessionStore, Unavailable,
};
use crate::metrics::{Metrics, RedisUse};
use async_trait::async_trait;
use habitflow_domain::model::AuthSession;
use jiff::Timestamp;
use std::sync::Arc;
use std::time::Duration;
use uuid::Uuid;

/// A Redis-backed port whose errors are counted under `used_for`.
pub struct Counted<T: ?Sized> {
    inner: Arc<T>,
    metrics: Arc<Metrics>,
    used_for: RedisUse,
}

impl<T: ?Sized> Counted<T> {
    pub fn new(inner: Arc<T>, metrics: Arc<Metrics>, used_for: RedisUse) -> Self {
        Self {
            inner,
            metrics,
            used_for,
        }
    }

    fn count<R, E>(&self, result: Result<R, E>) -> Result<R, E> {
        if result.is_err() {
            self.metrics.redis_error(self.used_for);
        }
        result
    }
}

#[async_trait]
impl<T: KeyValueStore + ?Sized> KeyValueStore for Counted<T> {
    async fn ping(&self) -> Result<(), String> {
        self.count(self.inner.ping().await)
    }
}

#[async_trait]
impl<T: RateLimiter + ?Sized> RateLimiter for Counted<T> {
    async fn hit(
        &self,
        key: &str,
        limit: u32,
        window: Duration,
    ) -> Result<RateDecision, Unavailable> {
        self.count(self.inner.hit(key, limit, window).await)
    }
}

#[async_trait]
impl<T: SessionStore + ?Sized> SessionStore for Counted<T> {
    async fn create(&self, session: &AuthSession, ttl: Duration) -> Result<(), Unavailable> {
        self.count(self.inner.create(session, ttl).await)
    }

    async fn get(&self, id_hash: &str) -> Result<Option<AuthSession>, Unavailable> {
        self.count(self.inner.get(id_hash).await)
    }

    async fn find(&self, id_hash: &str) -> Result<Option<FoundSession>, Unavailable> {
        self.count(self.inner.find(id_hash).await)
    }

    async fn touch(
        &self,
        session: &AuthSession,
        last_seen_at: Timestamp,
        ttl: Duration,
    ) -> Result<(), Unavailable> {
        self.count(self.inner.touch(session, last_seen_at, ttl).await)
    }

    async fn delete(&self, id_hash: &str) -> Result<(), Unavailable> {
        self.count(self.inner.delete(id_hash).await)
    }

    async fn delete_for_user(&self, user: Uuid, keep: Option<&str>) -> Result<(), Unavailable> {
        self.count(self.inner.delete_for_user(user, keep).await)
    }

    async fn list_for_user(&self, user: Uuid) -> Result<Vec<AuthSession>, Unavailable> {
        self.count(self.inner.list_for_user(user).await)
    }
}
