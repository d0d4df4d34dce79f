//! One conformance suite for both session stores (database, Redis) and both
//! rate limiters (in-process, Redis).
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use habitflow::app::ports::{RateDecision, RateLimiter, SessionStore};
use habitflow::infra::database_sessions::DatabaseSessions;
use habitflow::infra::memory_limiter::MemoryLimiter;
use habitflow::infra::redis_limiter::RedisLimiter;
use habitflow::infra::redis_sessions::RedisSessions;
use habitflow_domain::model::{AuthSession, NewUser, Profile};
use habitflow_testkit::{Fixture, TestDatabase, test_redis};
use jiff::Timestamp;
use std::time::Duration;
use uuid::Uuid;

/// Two users known to the store (the database store needs them to exist).
async fn users(database: &TestDatabase) -> (Uuid, Uuid) {
    let mut ids = Vec::new();
    for email in ["ada@example.com", "bob@example.com"] {
        let user = database
            .store()
            .users()
            .create(
                &NewUser {
                    email: email.parse().unwrap(),
                    display_name: String::new(),
                    password_hash: None,
                    profile: Profile::default(),
                },
                Timestamp::now(),
            )
            .await
            .unwrap();
        ids.push(user.id);
    }
    (ids[0], ids[1])
}

fn session(hash: &str, user: Uuid, created_second: i64) -> AuthSession {
    let created = Timestamp::from_second(1_800_000_000 + created_second).unwrap();
    AuthSession {
        id_hash: hash.into(),
        user_id: user,
        created_at: created,
        expires_at: created + jiff::SignedDuration::from_hours(24),
        last_seen_at: created,
        ip: "203.0.113.5".into(),
        user_agent: "Test".into(),
    }
}

const TTL: Duration = Duration::from_secs(600);

habitflow_testkit::on_each_backend!(
    database_sessions => Sessions::in_database(),
    redis_sessions if with_redis => Sessions::in_redis();
    sessions_round_trip,
    sessions_per_user,
    a_session_revoked_before_its_touch_stays_revoked,
);

/// A session store, and two users it may hold sessions of.
struct Sessions {
    store: Box<dyn SessionStore>,
    ada: Uuid,
    bob: Uuid,
    /// The database behind the database store.
    database: Option<TestDatabase>,
}

impl Sessions {
    async fn in_database() -> Self {
        let database = TestDatabase::sqlite().await;
        let (ada, bob) = users(&database).await;
        Self {
            store: Box::new(DatabaseSessions::new(database.shared_store())),
            ada,
            bob,
            database: Some(database),
        }
    }

    async fn in_redis() -> Self {
        Self {
            store: Box::new(RedisSessions::new(test_redis(), Duration::from_secs(3600))),
            ada: Uuid::now_v7(),
            bob: Uuid::now_v7(),
            database: None,
        }
    }
}

impl Fixture for Sessions {
    async fn finish(self) {
        if let Some(database) = self.database {
            database.remove().await;
        }
    }
}

async fn sessions_round_trip(sessions: &Sessions) {
    let (store, ada) = (sessions.store.as_ref(), sessions.ada);
    let first = session("h1", ada, 0);
    store.create(&first, TTL).await.unwrap();
    assert_eq!(store.get("h1").await.unwrap(), Some(first.clone()));
    assert_eq!(store.get("unknown").await.unwrap(), None);
    let seen = first.last_seen_at + jiff::SignedDuration::from_mins(5);
    store.touch(&first, seen, TTL).await.unwrap();
    assert_eq!(store.get("h1").await.unwrap().unwrap().last_seen_at, seen);
    store.delete("h1").await.unwrap();
    assert_eq!(store.get("h1").await.unwrap(), None);
    store.delete("h1").await.unwrap();
}

/// A request reads the session, another signs it out, then the first
/// refreshes `last_seen_at`: the refresh must not bring it back
/// (docs/security.md, sign-in sessions).
async fn a_session_revoked_before_its_touch_stays_revoked(sessions: &Sessions) {
    let (store, ada) = (sessions.store.as_ref(), sessions.ada);
    store.create(&session("r1", ada, 0), TTL).await.unwrap();
    let read = store.get("r1").await.unwrap().unwrap();
    store.delete("r1").await.unwrap();
    let seen = read.last_seen_at + jiff::SignedDuration::from_mins(5);
    store.touch(&read, seen, TTL).await.unwrap();
    assert_eq!(store.get("r1").await.unwrap(), None, "resurrected");
    assert!(
        store.list_for_user(ada).await.unwrap().is_empty(),
        "the user's index names no revoked session"
    );
}

async fn sessions_per_user(sessions: &Sessions) {
    let (store, ada, bob) = (sessions.store.as_ref(), sessions.ada, sessions.bob);
    for (n, hash) in ["a1", "a2", "a3"].into_iter().enumerate() {
        store
            .create(&session(hash, ada, n as i64), TTL)
            .await
            .unwrap();
    }
    store.create(&session("b1", bob, 0), TTL).await.unwrap();
    let mut listed: Vec<String> = store
        .list_for_user(ada)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id_hash)
        .collect();
    listed.sort();
    assert_eq!(listed, vec!["a1", "a2", "a3"]);
    store.delete("a1").await.unwrap();
    store.delete_for_user(ada, Some("a3")).await.unwrap();
    let left: Vec<String> = store
        .list_for_user(ada)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id_hash)
        .collect();
    assert_eq!(left, vec!["a3"]);
    assert!(store.get("a2").await.unwrap().is_none());
    store.delete_for_user(ada, None).await.unwrap();
    assert!(store.list_for_user(ada).await.unwrap().is_empty());
    assert_eq!(
        store.list_for_user(bob).await.unwrap().len(),
        1,
        "another user's sessions stay"
    );
}

#[tokio::test]
async fn the_database_store_sweeps_expired_sessions() {
    let sessions = Sessions::in_database().await;
    let (store, ada) = (sessions.store.as_ref(), sessions.ada);
    // Created at day 0 with a 24-hour end; `fresh` was created 30 days later.
    store.create(&session("old", ada, 0), TTL).await.unwrap();
    let thirty_days = 30 * 24 * 3600;
    store
        .create(&session("fresh", ada, thirty_days), TTL)
        .await
        .unwrap();
    let now = Timestamp::from_second(1_800_000_000 + thirty_days + 60).unwrap();
    let idle_since = now - jiff::SignedDuration::from_hours(7 * 24);
    assert_eq!(store.sweep_expired(now, idle_since).await.unwrap(), 1);
    assert_eq!(
        store.get("old").await.unwrap(),
        None,
        "the expired row is gone"
    );
    assert!(
        store.get("fresh").await.unwrap().is_some(),
        "a live one stays"
    );
    sessions.finish().await;
}

habitflow_testkit::on_each_backend!(
    memory_limiter => Limiter::in_memory(),
    redis_limiter if with_redis => Limiter::in_redis();
    counts_up_to_the_limit_then_refuses,
    a_new_window_starts_after_the_old_one,
);

struct Limiter(Box<dyn RateLimiter>);

impl Limiter {
    async fn in_memory() -> Self {
        Self(Box::new(MemoryLimiter::default()))
    }

    async fn in_redis() -> Self {
        Self(Box::new(RedisLimiter::new(test_redis())))
    }
}

impl Fixture for Limiter {}

async fn counts_up_to_the_limit_then_refuses(limiter: &Limiter) {
    let limiter = limiter.0.as_ref();
    for _ in 0..3 {
        assert_eq!(
            limiter
                .hit("login:ada", 3, Duration::from_secs(60))
                .await
                .unwrap(),
            RateDecision::Allowed
        );
    }
    match limiter
        .hit("login:ada", 3, Duration::from_secs(60))
        .await
        .unwrap()
    {
        RateDecision::Limited { retry_after } => {
            assert!(retry_after > Duration::ZERO && retry_after <= Duration::from_secs(60))
        }
        RateDecision::Allowed => panic!("the fourth hit must be limited"),
    }
    assert_eq!(
        limiter
            .hit("login:bob", 3, Duration::from_secs(60))
            .await
            .unwrap(),
        RateDecision::Allowed,
        "keys are independent"
    );
}

async fn a_new_window_starts_after_the_old_one(limiter: &Limiter) {
    let limiter = limiter.0.as_ref();
    let window = Duration::from_millis(300);
    assert_eq!(
        limiter.hit("w", 1, window).await.unwrap(),
        RateDecision::Allowed
    );
    assert!(matches!(
        limiter.hit("w", 1, window).await.unwrap(),
        RateDecision::Limited { .. }
    ));
    tokio::time::sleep(Duration::from_millis(450)).await;
    assert_eq!(
        limiter.hit("w", 1, window).await.unwrap(),
        RateDecision::Allowed
    );
}
