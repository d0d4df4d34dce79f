//! Argon2id password hashing, run off the async executor.
use super::error::AppError;
use argon2::password_hash::phc::PasswordHash;
use argon2::{Algorithm, Argon2, Params, PasswordHasher, PasswordVerifier, Version};
use std::sync::Arc;

#[derive(Clone)]
pub struct Passwords {
    inner: Arc<Inner>,
}

struct Inner {
    argon2: Argon2<'static>,
    params: Params,
    /// Verified against when the account does not exist, so both cases take as long.
    dummy_hash: String,
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
        let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
        let dummy_hash =
            hash_with(&argon2, "habitflow dummy password").map_err(|e| e.to_string())?;
        Ok(Self {
            inner: Arc::new(Inner {
                argon2,
                params,
                dummy_hash,
            }),
        })
    }

    pub async fn hash(&self, password: String) -> Result<String, AppError> {
        let inner = Arc::clone(&self.inner);
        tokio::task::spawn_blocking(move || hash_with(&inner.argon2, &password))
            .await
            .map_err(|e| AppError::Internal(format!("hashing task failed: {e}")))?
    }

    /// Checks `password` against `stored`, or against a dummy hash when there is none.
    pub async fn verify(&self, password: String, stored: Option<String>) -> Verified {
        let inner = Arc::clone(&self.inner);
        let outcome = tokio::task::spawn_blocking(move || {
            let (hash, real) = match &stored {
                Some(hash) => (hash.as_str(), true),
                None => (inner.dummy_hash.as_str(), false),
            };
            let matches = inner
                .argon2
                .verify_password(password.as_bytes(), hash)
                .is_ok();
            match (real && matches, needs_rehash(hash, &inner.params)) {
                (true, rehash) => Verified::Yes { rehash },
                (false, _) => Verified::No,
            }
        })
        .await;
        outcome.unwrap_or(Verified::No)
    }
}

fn hash_with(argon2: &Argon2<'static>, password: &str) -> Result<String, AppError> {
    argon2
        .hash_password(password.as_bytes())
        .map(|hash: PasswordHash| hash.to_string())
        .map_err(|e| AppError::Internal(format!("password hashing failed: {e}")))
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
                .await,
            Verified::Yes { rehash: false }
        );
        assert_eq!(
            old.verify("wrong".into(), Some(hash.clone())).await,
            Verified::No
        );
        assert_eq!(old.verify("anything".into(), None).await, Verified::No);
        let new = cheap(2048);
        assert_eq!(
            new.verify("correct horse battery".into(), Some(hash)).await,
            Verified::Yes { rehash: true }
        );
    }
}
