//! The request limit per client address, in process memory: every request
//! counts, and a client over its rate is refused before any other work
//! (docs/security.md, request floods).
//!
//! Each client has a theoretical arrival time (the generic cell rate
//! algorithm): a request moves it one interval (a minute ÷ the limit) into
//! the future, and is refused while it lies more than a minute ahead. So a
//! client may send its whole minute's worth at once, then one request per
//! interval; a client whose time has passed holds nothing and may be
//! forgotten.
use crate::app::limits::ClientKey;
use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The most clients remembered at once, a few MiB
/// (docs/security.md, request floods).
const CAPACITY: usize = 50_000;

const MINUTE: Duration = Duration::from_secs(60);

/// What the limiter says about one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientDecision {
    Allowed,
    /// Over the limit; `first` is true for the first refusal after an
    /// allowed request, so a flood is logged once rather than per request.
    Refused {
        retry_after: Duration,
        first: bool,
    },
}

pub struct ClientLimiter {
    interval: Duration,
    clients: Mutex<HashMap<ClientKey, Client>>,
    capacity: usize,
}

#[derive(Debug, Clone, Copy)]
struct Client {
    /// When the client's allowance is whole again.
    arrival: Instant,
    refusing: bool,
}

impl ClientLimiter {
    /// `per_minute` requests a minute per client, all of them at once if it likes.
    pub fn new(per_minute: NonZeroU32) -> Self {
        Self::with_capacity(per_minute, CAPACITY)
    }

    pub fn with_capacity(per_minute: NonZeroU32, capacity: usize) -> Self {
        Self {
            interval: MINUTE / per_minute.get(),
            clients: Mutex::new(HashMap::new()),
            capacity: capacity.max(1),
        }
    }

    /// How many clients are remembered.
    #[cfg(test)]
    fn remembered(&self) -> usize {
        self.clients.lock().map_or(0, |clients| clients.len())
    }

    /// Counts one request of `key` at `now`.
    pub fn hit(&self, key: ClientKey, now: Instant) -> ClientDecision {
        // A poisoned lock only means another request panicked mid-update;
        // the map itself is still sound.
        let mut clients = self
            .clients
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if !clients.contains_key(&key) {
            make_room(&mut clients, self.capacity, now);
        }
        let client = clients.entry(key).or_insert(Client {
            arrival: now,
            refusing: false,
        });
        let arrival = client.arrival.max(now);
        let ahead = arrival - now;
        if ahead + self.interval > MINUTE {
            let first = !client.refusing;
            client.refusing = true;
            ClientDecision::Refused {
                retry_after: ahead + self.interval - MINUTE,
                first,
            }
        } else {
            client.arrival = arrival + self.interval;
            client.refusing = false;
            ClientDecision::Allowed
        }
    }
}

/// Frees a place for a new client: clients whose allowance is whole again go
/// first (forgetting them changes nothing); when every one is still
/// counting, the tenth closest to whole, so memory stays bounded whatever
/// addresses a flood comes from and a full map is not swept at every request.
fn make_room(clients: &mut HashMap<ClientKey, Client>, capacity: usize, now: Instant) {
    if clients.len() < capacity {
        return;
    }
    clients.retain(|_, client| client.arrival > now);
    if clients.len() < capacity {
        return;
    }
    let mut by_arrival: Vec<(Instant, ClientKey)> = clients
        .iter()
        .map(|(key, client)| (client.arrival, *key))
        .collect();
    by_arrival.sort_unstable_by_key(|(arrival, _)| *arrival);
    let evict = (clients.len() + 1 - capacity).max(capacity / 10);
    for (_, key) in by_arrival.into_iter().take(evict) {
        clients.remove(&key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv4Addr;

    fn client(n: u32) -> ClientKey {
        ClientKey::V4(Ipv4Addr::from_bits(n))
    }

    fn per_minute(n: u32) -> NonZeroU32 {
        NonZeroU32::new(n).unwrap()
    }

    #[test]
    fn a_minutes_worth_at_once_then_one_per_interval() {
        let limiter = ClientLimiter::new(per_minute(60));
        let start = Instant::now();
        for _ in 0..60 {
            assert_eq!(limiter.hit(client(1), start), ClientDecision::Allowed);
        }
        assert_eq!(
            limiter.hit(client(1), start),
            ClientDecision::Refused {
                retry_after: Duration::from_secs(1),
                first: true
            }
        );
        assert_eq!(
            limiter.hit(client(1), start + Duration::from_millis(500)),
            ClientDecision::Refused {
                retry_after: Duration::from_millis(500),
                first: false
            },
            "a refusal is reported as the first only once"
        );
        assert_eq!(
            limiter.hit(client(2), start),
            ClientDecision::Allowed,
            "other clients count alone"
        );
        let later = start + Duration::from_secs(1);
        assert_eq!(limiter.hit(client(1), later), ClientDecision::Allowed);
        assert!(matches!(
            limiter.hit(client(1), later),
            ClientDecision::Refused { first: true, .. }
        ));
        let idle = start + Duration::from_secs(120);
        for _ in 0..60 {
            assert_eq!(limiter.hit(client(1), idle), ClientDecision::Allowed);
        }
    }

    #[test]
    fn refused_requests_do_not_push_the_allowance_further() {
        let limiter = ClientLimiter::new(per_minute(60));
        let start = Instant::now();
        for _ in 0..10_000 {
            limiter.hit(client(1), start);
        }
        assert_eq!(
            limiter.hit(client(1), start + Duration::from_secs(1)),
            ClientDecision::Allowed,
            "a flood waits one interval, not its own length"
        );
    }

    #[test]
    fn never_remembers_more_than_its_capacity() {
        let limiter = ClientLimiter::with_capacity(per_minute(10), 100);
        let start = Instant::now();
        for n in 0..1_000 {
            for _ in 0..11 {
                limiter.hit(client(n), start);
            }
            assert!(
                limiter.remembered() <= 100,
                "{} clients held",
                limiter.remembered()
            );
        }
        assert!(
            matches!(
                limiter.hit(client(999), start),
                ClientDecision::Refused { .. }
            ),
            "the newest clients are kept"
        );
    }
}
