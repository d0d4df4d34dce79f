//! The in-process rate limiter, for a single instance without Redis.
use crate::app::ports::{RateDecision, RateLimiter, Unavailable};
use async_trait::async_trait;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Above this many live counters, expired ones are swept on the next hit.
const SWEEP_ABOVE: usize = 10_000;

#[derive(Default)]
pub struct MemoryLimiter {
    windows: Mutex<HashMap<String, Window>>,
}

struct Window {
    count: u32,
    resets_at: Instant,
}

#[async_trait]
impl RateLimiter for MemoryLimiter {
    async fn hit(
        &self,
        key: &str,
        limit: u32,
        window: Duration,
    ) -> Result<RateDecision, Unavailable> {
        let now = Instant::now();
        let mut windows = self
            .windows
            .lock()
            .map_err(|_| Unavailable("rate limiter state is poisoned".into()))?;
        if windows.len() > SWEEP_ABOVE {
            windows.retain(|_, w| w.resets_at > now);
        }
        let entry = windows.entry(key.to_owned()).or_insert(Window {
            count: 0,
            resets_at: now + window,
        });
        if entry.resets_at <= now {
            *entry = Window {
                count: 0,
                resets_at: now + window,
            };
        }
        entry.count += 1;
        Ok(if entry.count <= limit {
            RateDecision::Allowed
        } else {
            RateDecision::Limited {
                retry_after: entry.resets_at - now,
            }
        })
    }
}
