//! An import's upload kept between its two form posts (choose a file and
//! see the plan, then confirm), so the import works without JavaScript
//! (docs/data.md#the-import): in this process's memory, for one user, for
//! ten minutes at most, one per user, within a total budget.
use axum::body::Bytes;
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};
use std::time::{Duration, Instant};
use uuid::Uuid;

/// How long an upload waits for its confirmation.
const KEPT_FOR: Duration = Duration::from_secs(10 * 60);
/// The most bytes kept for all users together.
const BUDGET: usize = 200 * 1024 * 1024;

struct Kept {
    owner: Uuid,
    bytes: Bytes,
    until: Instant,
}

static UPLOADS: LazyLock<Mutex<HashMap<String, Kept>>> = LazyLock::new(Default::default);

/// Keeps the owner's upload (replacing their earlier one); returns its key,
/// or `None` when the budget is spent (the user then sends the file again).
pub fn keep(owner: Uuid, bytes: Bytes) -> Option<String> {
    let mut uploads = UPLOADS.lock().ok()?;
    let now = Instant::now();
    uploads.retain(|_, kept| kept.until > now && kept.owner != owner);
    let used: usize = uploads.values().map(|kept| kept.bytes.len()).sum();
    if used + bytes.len() > BUDGET {
        return None;
    }
    let mut random = [0u8; 16];
    getrandom::fill(&mut random).ok()?;
    let key = hex::encode(random);
    uploads.insert(
        key.clone(),
        Kept {
            owner,
            bytes,
            until: now + KEPT_FOR,
        },
    );
    Some(key)
}

/// Takes the owner's kept upload out; `None` when expired, unknown or another user's.
pub fn take(owner: Uuid, key: &str) -> Option<Bytes> {
    let mut uploads = UPLOADS.lock().ok()?;
    let now = Instant::now();
    match uploads.remove(key) {
        Some(kept) if kept.owner == owner && kept.until > now => Some(kept.bytes),
        Some(kept) if kept.owner != owner => {
            uploads.insert(key.to_owned(), kept);
            None
        }
        _ => None,
    }
}
