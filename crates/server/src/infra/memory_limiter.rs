//! The in-process rate limiter, for a single instance without Redis.
use crate::app::ports::{RateDecision, RateLimiter, Unavailable};
use async_trait::async_trait;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The most counters held at once (docs/security.md: rate-limit keys).
const CAPACITY: usize = 100_000;

pub struct MemoryLimiter {
    windows: Mutex<HashMap<String, Window>>,
    capacity: usize,
}

impl Default for MemoryLimiter {
    fn default() -> Self {
        Self::with_capacity(CAPACITY)
    }
}

impl MemoryLimiter {
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            windows: Mutex::new(HashMap::new()),
            capacity: capacity.max(1),
        }
    }

    /// How many counters are held.
    pub fn len(&self) -> usize {
        self.windows.lock().map_or(0, |windows| windows.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

struct Window {
    count: u32,
    started_at: Instant,
    resets_at: Instant,
}

/// Frees a place for a new counter: expired counters go first; when all are
/// live, the tenth whose windows started first, so memory stays bounded
/// whatever keys attackers send and a full limiter is not swept at every hit
/// (docs/security.md, rate-limit keys).
fn make_room(windows: &mut HashMap<String, Window>, capacity: usize, now: Instant) {
    if windows.len() < capacity {
        return;
    }
    windows.retain(|_, w| w.resets_at > now);
    if windows.len() < capacity {
        return;
    }
    let mut by_age: Vec<(Instant, String)> = windows
        .iter()
        .map(|(key, w)| (w.started_at, key.clone()))
        .collect();
    by_age.sort_unstable();
    let evict = (windows.len() + 1 - capacity).max(capacity / 10);
    for (_, key) in by_age.into_iter().take(evict) {
        windows.remove(&key);
    }
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
        if !windows.contains_key(key) {
            make_room(&mut windows, self.capacity, now);
        }
        let entry = windows.entry(key.to_owned()).or_insert(Window {
            count: 0,
            started_at: now,
            resets_at: now + window,
        });
        if entry.resets_at <= now {
            *entry = Window {
                count: 0,
                started_at: now,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn never_holds_more_than_its_capacity() {
        let limiter = MemoryLimiter::with_capacity(100);
        for n in 0..1_000 {
            let decision = limiter
                .hit(&format!("key-{n}"), 5, Duration::from_secs(60))
                .await;
            assert!(matches!(decision, Ok(RateDecision::Allowed)));
            assert!(limiter.len() <= 100, "{} counters held", limiter.len());
        }
        let newest = limiter.hit("key-999", 1, Duration::from_secs(60)).await;
        assert!(
            matches!(newest, Ok(RateDecision::Limited { .. })),
            "the newest counters are kept"
        );
    }
}
