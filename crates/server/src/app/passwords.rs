//! Argon2id password hashing, run off the async executor.
use super::error::AppError;
use argon2::password_hash::phc::{Output, ParamsString, PasswordHash, Salt};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use subtle::ConstantTimeEq;
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
    running: usize,
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
            running,
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

type Job = Box<dyn FnOnce() + Send>;

/// The threads Argon2 runs on: as many as the gate lets run at once, kept for
/// the life of the server. On tokio's blocking pool each computation could
/// land on another of up to 512 threads, and the allocator keeps the 19 MiB
/// each thread used: eight sign-ups in a row left 170 MiB resident
/// (docs/reliability.md). On these threads the memory is reused.
struct HashThreads {
    jobs: std::sync::Mutex<std::sync::mpsc::Sender<Job>>,
}

impl HashThreads {
    fn start(count: usize) -> Result<Self, String> {
        let (sender, receiver) = std::sync::mpsc::channel::<Job>();
        let receiver = Arc::new(std::sync::Mutex::new(receiver));
        for index in 0..count.max(1) {
            let receiver = Arc::clone(&receiver);
            std::thread::Builder::new()
                .name(format!("argon2-{index}"))
                .spawn(move || {
                    loop {
                        let job = match receiver.lock() {
                            Ok(receiver) => receiver.recv(),
                            Err(_) => return,
                        };
                        match job {
                            Ok(job) => job(),
                            // The server is gone: so are its jobs.
                            Err(_) => return,
                        }
                    }
                })
                .map_err(|e| format!("cannot start a password hashing thread: {e}"))?;
        }
        Ok(Self {
            jobs: std::sync::Mutex::new(sender),
        })
    }

    /// Runs `work` on one of the threads, blocking this one until it is done
    /// (start-up only).
    fn run_now<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, String> {
        let (done, result) = std::sync::mpsc::channel();
        let job: Job = Box::new(move || {
            let _ = done.send(work());
        });
        self.jobs
            .lock()
            .map_err(|_| "the hashing threads are gone".to_owned())?
            .send(job)
            .map_err(|_| "the hashing threads are gone".to_owned())?;
        result
            .recv()
            .map_err(|_| "a hashing thread stopped".to_owned())
    }

    /// Runs `work` on one of the threads and waits for its result.
    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let (done, result) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move || {
            let _ = done.send(work());
        });
        self.jobs
            .lock()
            .map_err(|_| AppError::Internal("the hashing threads are gone".into()))?
            .send(job)
            .map_err(|_| AppError::Internal("the hashing threads are gone".into()))?;
        result
            .await
            .map_err(|_| AppError::Internal("a hashing thread stopped".into()))
    }
}

#[derive(Clone)]
pub struct Passwords {
    inner: Arc<Inner>,
}

struct Inner {
    argon2: Argon2<'static>,
    params: Params,
    /// Verified against when the account does not exist, so both cases take as long.
    dummy_hash: String,
    gate: HashGate,
    threads: HashThreads,
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
        let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
        let threads = HashThreads::start(gate.running)?;
        // On a hashing thread, whose memory is kept anyway.
        let dummy_hash = threads
            .run_now({
                let argon2 = argon2.clone();
                move || hash_with(&argon2, "habitflow dummy password")
            })?
            .map_err(|e| e.to_string())?;
        Ok(Self {
            inner: Arc::new(Inner {
                argon2,
                params,
                dummy_hash,
                gate,
                threads,
            }),
        })
    }

    pub async fn hash(&self, password: String) -> Result<String, AppError> {
        let ticket = self.inner.gate.admit()?;
        let permit = ticket.run().await?;
        let inner = Arc::clone(&self.inner);
        let hashed = self
            .inner
            .threads
            .run(move || hash_with(&inner.argon2, &password))
            .await;
        drop(permit);
        hashed?
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
        let outcome = self
            .inner
            .threads
            .run(move || {
                let (hash, real) = match &stored {
                    Some(hash) => (hash.as_str(), true),
                    None => (inner.dummy_hash.as_str(), false),
                };
                let matches = verify_with(password.as_bytes(), hash);
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

thread_local! {
    /// Argon2's working memory (19 MiB with the default parameters), kept and
    /// reused by each hashing thread. Allocated afresh for every hash, the
    /// 64-byte-aligned blocks were not reused by glibc's allocator: the
    /// resident size grew by 19 MiB per hash up to 385 MiB with two threads
    /// (docs/reliability.md).
    static MEMORY: std::cell::RefCell<Vec<Block>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Blocks beyond which a stored hash's memory is not kept for reuse (256 MiB).
const MOST_KEPT_BLOCKS: usize = 256 * 1024;

/// Runs `work` with `blocks` blocks of this thread's Argon2 memory.
fn with_memory<T>(blocks: usize, work: impl FnOnce(&mut [Block]) -> T) -> T {
    if blocks > MOST_KEPT_BLOCKS {
        let mut memory = vec![Block::new(); blocks];
        return work(&mut memory);
    }
    MEMORY.with(|memory| {
        let mut memory = memory.borrow_mut();
        if memory.len() < blocks {
            memory.resize(blocks, Block::new());
        }
        work(&mut memory[..blocks])
    })
}

fn hash_with(argon2: &Argon2<'static>, password: &str) -> Result<String, AppError> {
    let failed =
        |e: &dyn std::fmt::Display| AppError::Internal(format!("password hashing failed: {e}"));
    let params = argon2.params();
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| failed(&e))?;
    let mut output = vec![0u8; params.output_len().unwrap_or(Params::DEFAULT_OUTPUT_LEN)];
    with_memory(params.block_count(), |memory| {
        argon2.hash_password_into_with_memory(password.as_bytes(), &salt, &mut output, memory)
    })
    .map_err(|e| failed(&e))?;
    let hash = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(params).map_err(|e| failed(&e))?,
        salt: Some(Salt::new(&salt).map_err(|e| failed(&e))?),
        hash: Some(Output::new(&output).map_err(|e| failed(&e))?),
    };
    Ok(hash.to_string())
}

/// Whether `password` matches the PHC string `stored`, computed in this
/// thread's kept memory.
fn verify_with(password: &[u8], stored: &str) -> bool {
    let Ok(hash) = PasswordHash::new(stored) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (&hash.salt, &hash.hash) else {
        return false;
    };
    let Ok(algorithm) = Algorithm::try_from(hash.algorithm.as_str()) else {
        return false;
    };
    let version = match hash.version.map(Version::try_from).transpose() {
        Ok(version) => version.unwrap_or_default(),
        Err(_) => return false,
    };
    let Ok(params) = Params::try_from(&hash) else {
        return false;
    };
    let argon2 = Argon2::new(algorithm, version, params.clone());
    let mut computed = vec![0u8; expected.len()];
    let hashed = with_memory(params.block_count(), |memory| {
        argon2.hash_password_into_with_memory(password, salt, &mut computed, memory)
    });
    hashed.is_ok() && bool::from(computed.as_slice().ct_eq(expected.as_bytes()))
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

    /// However many hashes run, they run on the gate's few threads, which
    /// keep (and reuse) their memory, never on a new blocking thread each.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn hashes_run_on_as_many_threads_as_may_run_at_once() {
        let passwords =
            Passwords::with_gate(Params::new(1024, 1, 1, None).unwrap(), HashGate::new(2, 30))
                .unwrap();
        let names: Vec<String> = futures_util::future::join_all((0..24).map(|_| {
            passwords
                .inner
                .threads
                .run(|| std::thread::current().name().unwrap_or("").to_owned())
        }))
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect();
        let distinct: std::collections::BTreeSet<&str> = names.iter().map(String::as_str).collect();
        assert!(
            distinct.iter().all(|n| n.starts_with("argon2-")) && distinct.len() <= 2,
            "{distinct:?}"
        );
        let hash = passwords
            .hash("correct horse battery".into())
            .await
            .unwrap();
        assert_eq!(
            passwords
                .verify("correct horse battery".into(), Some(hash))
                .await
                .unwrap(),
            Verified::Yes { rehash: false }
        );
    }

    /// Hashes made in the kept memory are standard Argon2id PHC strings, and
    /// standard ones (every hash stored so far) verify here; reusing the
    /// memory changes no result.
    #[test]
    fn hashes_in_kept_memory_match_the_standard_ones() {
        use argon2::{PasswordHasher, PasswordVerifier};
        let argon2 = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(1024, 2, 1, None).unwrap(),
        );
        for _ in 0..3 {
            let ours = hash_with(&argon2, "correct horse battery").unwrap();
            assert!(ours.starts_with("$argon2id$v=19$m=1024,t=2,p=1$"), "{ours}");
            assert!(
                argon2
                    .verify_password(b"correct horse battery", ours.as_str())
                    .is_ok()
            );
            assert!(argon2.verify_password(b"wrong", ours.as_str()).is_err());
            let standard = argon2
                .hash_password(b"correct horse battery")
                .unwrap()
                .to_string();
            assert!(verify_with(b"correct horse battery", &standard));
            assert!(!verify_with(b"wrong", &standard));
            assert!(!verify_with(b"correct horse battery", "not a hash"));
        }
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
