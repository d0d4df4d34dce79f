//! Sessions in Redis: `<prefix>session:<hash>` holds the session as JSON with
//! a TTL, and `<prefix>user:<id>:sessions` is the set of a user's hashes.
use super::redis::Redis;
use crate::app::ports::{SessionStore, Unavailable};
use async_trait::async_trait;
use habitflow_domain::model::AuthSession;
use jiff::Timestamp;
use redis::AsyncCommands;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::time::Duration;
use uuid::Uuid;

pub struct RedisSessions {
    redis: Arc<Redis>,
    /// How long a user's index set outlives its last write (the absolute session lifetime).
    index_ttl: Duration,
}

impl RedisSessions {
    pub fn new(redis: Arc<Redis>, index_ttl: Duration) -> Self {
        Self { redis, index_ttl }
    }

    fn session_key(&self, id_hash: &str) -> String {
        format!("{}session:{id_hash}", self.redis.prefix())
    }

    fn user_key(&self, user: Uuid) -> String {
        format!("{}user:{user}:sessions", self.redis.prefix())
    }
}

#[derive(Serialize, Deserialize)]
struct Stored {
    user_id: Uuid,
    created_at: i64,
    expires_at: i64,
    last_seen_at: i64,
    ip: String,
    user_agent: String,
}

impl Stored {
    fn from_session(s: &AuthSession) -> Self {
        Self {
            user_id: s.user_id,
            created_at: s.created_at.as_microsecond(),
            expires_at: s.expires_at.as_microsecond(),
            last_seen_at: s.last_seen_at.as_microsecond(),
            ip: s.ip.clone(),
            user_agent: s.user_agent.clone(),
        }
    }

    fn into_session(self, id_hash: String) -> Option<AuthSession> {
        Some(AuthSession {
            id_hash,
            user_id: self.user_id,
            created_at: Timestamp::from_microsecond(self.created_at).ok()?,
            expires_at: Timestamp::from_microsecond(self.expires_at).ok()?,
            last_seen_at: Timestamp::from_microsecond(self.last_seen_at).ok()?,
            ip: self.ip,
            user_agent: self.user_agent,
        })
    }
}

fn unavailable(error: impl std::fmt::Display) -> Unavailable {
    Unavailable(format!("Redis: {error}"))
}

fn seconds(ttl: Duration) -> u64 {
    ttl.as_secs().max(1)
}

impl RedisSessions {
    async fn write(&self, session: &AuthSession, ttl: Duration) -> Result<(), Unavailable> {
        let json = serde_json::to_string(&Stored::from_session(session)).map_err(unavailable)?;
        let mut connection = self.redis.connection().await.map_err(unavailable)?;
        let user_key = self.user_key(session.user_id);
        redis::pipe()
            .atomic()
            .set_ex(self.session_key(&session.id_hash), json, seconds(ttl))
            .sadd(&user_key, &session.id_hash)
            .expire(&user_key, seconds(self.index_ttl) as i64)
            .query_async::<()>(&mut connection)
            .await
            .map_err(unavailable)
    }
}

#[async_trait]
impl SessionStore for RedisSessions {
    async fn create(&self, session: &AuthSession, ttl: Duration) -> Result<(), Unavailable> {
        self.write(session, ttl).await
    }

    async fn get(&self, id_hash: &str) -> Result<Option<AuthSession>, Unavailable> {
        let mut connection = self.redis.connection().await.map_err(unavailable)?;
        let json: Option<String> = connection
            .get(self.session_key(id_hash))
            .await
            .map_err(unavailable)?;
        Ok(json
            .and_then(|json| serde_json::from_str::<Stored>(&json).ok())
            .and_then(|stored| stored.into_session(id_hash.to_owned())))
    }

    async fn touch(
        &self,
        session: &AuthSession,
        last_seen_at: Timestamp,
        ttl: Duration,
    ) -> Result<(), Unavailable> {
        let touched = AuthSession {
            last_seen_at,
            ..session.clone()
        };
        let json = serde_json::to_string(&Stored::from_session(&touched)).map_err(unavailable)?;
        let mut connection = self.redis.connection().await.map_err(unavailable)?;
        // `XX`: written only while the key exists, so a session revoked between
        // the read and this refresh stays revoked (docs/security.md, sign-in
        // sessions). The user's index is left alone for the same reason; a nil
        // answer means there was nothing to refresh.
        redis::cmd("SET")
            .arg(self.session_key(&session.id_hash))
            .arg(json)
            .arg("XX")
            .arg("EX")
            .arg(seconds(ttl))
            .query_async::<Option<String>>(&mut connection)
            .await
            .map(drop)
            .map_err(unavailable)
    }

    async fn delete(&self, id_hash: &str) -> Result<(), Unavailable> {
        let mut connection = self.redis.connection().await.map_err(unavailable)?;
        let json: Option<String> = connection
            .get(self.session_key(id_hash))
            .await
            .map_err(unavailable)?;
        let mut pipe = redis::pipe();
        pipe.atomic().del(self.session_key(id_hash));
        if let Some(stored) = json.and_then(|json| serde_json::from_str::<Stored>(&json).ok()) {
            pipe.srem(self.user_key(stored.user_id), id_hash);
        }
        pipe.query_async::<()>(&mut connection)
            .await
            .map_err(unavailable)
    }

    async fn delete_for_user(&self, user: Uuid, keep: Option<&str>) -> Result<(), Unavailable> {
        let mut connection = self.redis.connection().await.map_err(unavailable)?;
        let user_key = self.user_key(user);
        let hashes: Vec<String> = connection.smembers(&user_key).await.map_err(unavailable)?;
        let doomed: Vec<&String> = hashes.iter().filter(|h| Some(h.as_str()) != keep).collect();
        if doomed.is_empty() {
            return Ok(());
        }
        let mut pipe = redis::pipe();
        pipe.atomic();
        for hash in &doomed {
            pipe.del(self.session_key(hash)).srem(&user_key, *hash);
        }
        pipe.query_async::<()>(&mut connection)
            .await
            .map_err(unavailable)
    }

    async fn list_for_user(&self, user: Uuid) -> Result<Vec<AuthSession>, Unavailable> {
        let mut connection = self.redis.connection().await.map_err(unavailable)?;
        let user_key = self.user_key(user);
        let hashes: Vec<String> = connection.smembers(&user_key).await.map_err(unavailable)?;
        if hashes.is_empty() {
            return Ok(Vec::new());
        }
        let keys: Vec<String> = hashes.iter().map(|h| self.session_key(h)).collect();
        let values: Vec<Option<String>> = redis::cmd("MGET")
            .arg(&keys)
            .query_async(&mut connection)
            .await
            .map_err(unavailable)?;
        let mut sessions = Vec::new();
        let mut gone = Vec::new();
        for (hash, value) in hashes.into_iter().zip(values) {
            match value.and_then(|json| serde_json::from_str::<Stored>(&json).ok()) {
                Some(stored) => sessions.extend(stored.into_session(hash)),
                None => gone.push(hash),
            }
        }
        if !gone.is_empty() {
            let _: () = connection
                .srem(&user_key, gone)
                .await
                .map_err(unavailable)?;
        }
        Ok(sessions)
    }
}
