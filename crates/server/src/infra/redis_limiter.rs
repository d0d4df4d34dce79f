//! Rate limits in Redis, counted atomically by one script so every instance
//! shares the same counters.
use super::redis::Redis;
use crate::app::ports::{RateDecision, RateLimiter, Unavailable};
use async_trait::async_trait;
use std::sync::Arc;
use std::time::Duration;

/// INCR the counter, start its window on the first hit, and report the
/// count and the milliseconds left in the window.
const HIT: &str = r"
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}
";

pub struct RedisLimiter {
    redis: Arc<Redis>,
    script: redis::Script,
}

impl RedisLimiter {
    pub fn new(redis: Arc<Redis>) -> Self {
        Self {
            redis,
            script: redis::Script::new(HIT),
        }
    }
}

#[async_trait]
impl RateLimiter for RedisLimiter {
    async fn hit(
        &self,
        key: &str,
        limit: u32,
        window: Duration,
    ) -> Result<RateDecision, Unavailable> {
        let mut connection = self.redis.connection().await.map_err(Unavailable)?;
        let (count, ttl_ms): (u64, i64) = self
            .script
            .key(format!("{}limit:{key}", self.redis.prefix()))
            .arg(window.as_millis() as u64)
            .invoke_async(&mut connection)
            .await
            .map_err(|e| Unavailable(format!("Redis: {e}")))?;
        Ok(if count <= u64::from(limit) {
            RateDecision::Allowed
        } else {
            RateDecision::Limited {
                retry_after: Duration::from_millis(ttl_ms.max(0) as u64),
            }
        })
    }
}
