//! Argon2id password hashing, run off the async executor.
use super::argon2_memory::Workspaces;
use super::error::AppError;
use argon2::Params;
use argon2::password_hash::phc::PasswordHash;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// What a client that found the hasher full is told to wait.
const BUSY_RETRY_AFTER: Duration = Duration::from_secs(1);

/// At most `running` Argon2 computations at once and `waiting` more in line;
/// beyond that a request is refused at once (503 with `Retry-After`) instead
/// of queueing 19 MiB computations without bound (docs/security.md, passwords).
pub struct HashGate {
    slots: Arc<Semaphore>,
    /// Running plus waiting.
    admitted: Arc<AtomicUsize>,
    most: usize,
}

/// A place in the gate: running or waiting; given back when dropped.
pub struct Ticket {
    slots: Arc<Semaphore>,
    admitted: Arc<AtomicUsize>,
}

impl Drop for Ticket {
    fn drop(&mut self) {
        self.admitted.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Ticket {
    /// Waits for a running slot.
    async fn run(&self) -> Result<OwnedSemaphorePermit, AppError> {
        Arc::clone(&self.slots)
            .acquire_owned()
            .await
            .map_err(|_| AppError::Internal("the hashing gate is closed".into()))
    }
}

impl HashGate {
    pub fn new(running: usize, waiting: usize) -> Self {
        let running = running.max(1);
        Self {
            slots: Arc::new(Semaphore::new(running)),
            admitted: Arc::new(AtomicUsize::new(0)),
            most: running + waiting,
        }
    }

    /// One running per CPU, two waiting per CPU.
    pub fn per_cpu() -> Self {
        let cpus = std::thread::available_parallelism().map_or(1, usize::from);
        Self::new(cpus, 2 * cpus)
    }

    /// A place in line, or `Busy` when the line is full.
    pub fn admit(&self) -> Result<Ticket, AppError> {
        self.admitted
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < self.most).then_some(n + 1)
            })
            .map_err(|_| AppError::Busy {
                retry_after: BUSY_RETRY_AFTER,
            })?;
        Ok(Ticket {
            slots: Arc::clone(&self.slots),
            admitted: Arc::clone(&self.admitted),
        })
    }
}

#[derive(Clone)]
pub struct Passwords {
    inner: Arc<Inner>,
}

struct Inner {
    /// Argon2's memory, reused from hash to hash.
    memory: Workspaces,
    params: Params,
    /// Verified against when the account does not exist, so both cases take as long.
    dummy_hash: String,
    gate: HashGate,
}

/// The result of checking a password.
#[derive(Debug, PartialEq, Eq)]
pub enum Verified {
    /// Correct; `rehash` when the stored hash used other parameters.
    Yes {
        rehash: bool,
    },
    No,
}

impl Passwords {
    /// OWASP's Argon2id parameters: 19 MiB, 2 passes, 1 lane.
    pub fn owasp() -> Result<Self, String> {
        Self::with_params(Params::DEFAULT)
    }

    pub fn with_params(params: Params) -> Result<Self, String> {
        Self::with_gate(params, HashGate::per_cpu())
    }

    pub fn with_gate(params: Params, gate: HashGate) -> Result<Self, String> {
        let memory = Workspaces::default();
        let dummy_hash = memory.hash(&params, b"habitflow dummy password")?;
        Ok(Self {
            inner: Arc::new(Inner {
                memory,
                params,
                dummy_hash,
                gate,
            }),
        })
    }

    pub async fn hash(&self, password: String) -> Result<String, AppError> {
        let ticket = self.inner.gate.admit()?;
        let permit = ticket.run().await?;
        let inner = Arc::clone(&self.inner);
        let hashed = tokio::task::spawn_blocking(move || {
            inner.memory.hash(&inner.params, password.as_bytes())
        })
        .await
        .map_err(|e| AppError::Internal(format!("hashing task failed: {e}")))?;
        drop(permit);
        hashed.map_err(|e| AppError::Internal(format!("password hashing failed: {e}")))
    }

    /// Checks `password` against `stored`, or against a dummy hash when there
    /// is none; `Busy` when the hasher is full.
    pub async fn verify(
        &self,
        password: String,
        stored: Option<String>,
    ) -> Result<Verified, AppError> {
        let ticket = self.inner.gate.admit()?;
        let permit = ticket.run().await?;
        let inner = Arc::clone(&self.inner);
        let outcome = tokio::task::spawn_blocking(move || {
            let (hash, real) = match &stored {
                Some(hash) => (hash.as_str(), true),
                None => (inner.dummy_hash.as_str(), false),
            };
            let matches = inner.memory.verify(password.as_bytes(), hash);
            match (real && matches, needs_rehash(hash, &inner.params)) {
                (true, rehash) => Verified::Yes { rehash },
                (false, _) => Verified::No,
            }
        })
        .await;
        drop(permit);
        Ok(outcome.unwrap_or(Verified::No))
    }
}

/// Whether a stored hash was made with another algorithm or other parameters.
fn needs_rehash(stored: &str, current: &Params) -> bool {
    let Ok(hash) = PasswordHash::new(stored) else {
        return true;
    };
    if hash.algorithm.as_str() != "argon2id" {
        return true;
    }
    match Params::try_from(&hash) {
        Ok(params) => {
            params.m_cost() != current.m_cost()
                || params.t_cost() != current.t_cost()
                || params.p_cost() != current.p_cost()
        }
        Err(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cheap(m_cost: u32) -> Passwords {
        Passwords::with_params(Params::new(m_cost, 1, 1, None).unwrap()).unwrap()
    }

    #[tokio::test]
    async fn hashes_verify_and_ask_for_a_rehash_when_parameters_change() {
        let old = cheap(1024);
        let hash = old.hash("correct horse battery".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(!hash.contains("correct horse"));
        assert_eq!(
            old.verify("correct horse battery".into(), Some(hash.clone()))
                .await
                .unwrap(),
            Verified::Yes { rehash: false }
        );
        assert_eq!(
            old.verify("wrong".into(), Some(hash.clone()))
                .await
                .unwrap(),
            Verified::No
        );
        assert_eq!(
            old.verify("anything".into(), None).await.unwrap(),
            Verified::No
        );
        let new = cheap(2048);
        assert_eq!(
            new.verify("correct horse battery".into(), Some(hash))
                .await
                .unwrap(),
            Verified::Yes { rehash: true }
        );
    }

    #[tokio::test]
    async fn beyond_the_running_and_waiting_places_the_hasher_is_busy() {
        let gate = HashGate::new(2, 4);
        let held: Vec<Ticket> = (0..6).map(|_| gate.admit().unwrap()).collect();
        assert!(matches!(gate.admit(), Err(AppError::Busy { .. })));
        drop(held);
        assert!(gate.admit().is_ok(), "places come back");

        let full = HashGate::new(1, 0);
        let passwords = Passwords::with_gate(Params::new(1024, 1, 1, None).unwrap(), full).unwrap();
        let _running = passwords.inner.gate.admit().unwrap();
        assert!(matches!(
            passwords.hash("correct horse battery".into()).await,
            Err(AppError::Busy { .. })
        ));
        assert!(matches!(
            passwords.verify("correct horse battery".into(), None).await,
            Err(AppError::Busy { .. })
        ));
    }
}
