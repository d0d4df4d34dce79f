//! Interfaces to infrastructure that the services use without knowing it.
use async_trait::async_trait;
use habitflow_domain::model::{AuthSession, User};
use jiff::Timestamp;
use std::time::Duration;
use uuid::Uuid;

/// The shared key-value store (Redis) used for sessions, limits and locks.
#[async_trait]
pub trait KeyValueStore: Send + Sync {
    async fn ping(&self) -> Result<(), String>;
}

/// Why a session store or rate limiter could not answer.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Unavailable(pub String);

/// A session as `SessionStore::find` finds it.
#[derive(Debug, Clone)]
pub enum FoundSession {
    /// Read with its user.
    WithUser(AuthSession, User),
    /// Its user is read from the application store.
    Alone(AuthSession),
}

/// Where sign-in sessions live: Redis, or the database when Redis is not configured.
#[async_trait]
pub trait SessionStore: Send + Sync {
    /// Stores a new session that the store may forget after `ttl`.
    async fn create(&self, session: &AuthSession, ttl: Duration) -> Result<(), Unavailable>;
    async fn get(&self, id_hash: &str) -> Result<Option<AuthSession>, Unavailable>;
    /// The session for signing a request in: with its user when the store
    /// can read both at once (sessions in the application database: one query
    /// a request, docs/benchmarks.md#habits-list-17), else alone.
    async fn find(&self, id_hash: &str) -> Result<Option<FoundSession>, Unavailable> {
        Ok(self.get(id_hash).await?.map(FoundSession::Alone))
    }
    /// Records activity and extends how long the store keeps the session.
    async fn touch(
        &self,
        session: &AuthSession,
        last_seen_at: Timestamp,
        ttl: Duration,
    ) -> Result<(), Unavailable>;
    async fn delete(&self, id_hash: &str) -> Result<(), Unavailable>;
    /// Ends all of a user's sessions except `keep`.
    async fn delete_for_user(&self, user: Uuid, keep: Option<&str>) -> Result<(), Unavailable>;
    /// The user's sessions (some may have expired; the caller filters), any order.
    async fn list_for_user(&self, user: Uuid) -> Result<Vec<AuthSession>, Unavailable>;
    /// Forgets sessions past their absolute end (`now`) or idle since
    /// `idle_since`; returns how many went. A store may skip the work when it
    /// swept recently, and one whose entries expire by themselves (Redis TTLs)
    /// has nothing to do.
    async fn sweep_expired(
        &self,
        _now: Timestamp,
        _idle_since: Timestamp,
    ) -> Result<u64, Unavailable> {
        Ok(0)
    }
}

/// The outcome of counting one attempt against a limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateDecision {
    Allowed,
    Limited { retry_after: Duration },
}

/// Fixed-window attempt counters, shared by all instances when backed by Redis.
#[async_trait]
pub trait RateLimiter: Send + Sync {
    /// Counts one attempt under `key`; more than `limit` in `window` is limited.
    async fn hit(
        &self,
        key: &str,
        limit: u32,
        window: Duration,
    ) -> Result<RateDecision, Unavailable>;
}

/// The current instant; injected so tests control time.
pub trait Clock: Send + Sync {
    fn now(&self) -> Timestamp;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}

/// Where motivational quotes come from (an HTTP API in production).
#[async_trait]
pub trait QuoteSource: Send + Sync {
    /// The raw items of one batch; any failure is a message to log.
    async fn fetch(&self) -> Result<Vec<super::quotes::ZenQuote>, String>;
}

/// HTTP calls to OpenID Connect providers: no redirects, timeouts, size caps.
#[async_trait]
pub trait OidcHttp: Send + Sync {
    async fn get_json(&self, url: &str) -> Result<serde_json::Value, String>;
    async fn post_form(
        &self,
        url: &str,
        form: &[(String, String)],
    ) -> Result<serde_json::Value, String>;
}
