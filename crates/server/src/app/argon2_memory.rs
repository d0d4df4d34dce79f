//! Argon2 with working memory kept between hashes (docs/security.md, passwords).
//!
//! Each Argon2id computation needs its parameters' memory (19 MiB with OWASP's).
//! Allocated afresh for every hash, glibc's allocator kept most of each one
//! resident: it raises its mmap threshold after the first large free, and later
//! 19 MiB blocks came from a heap it did not give back, so twelve sign-ups left
//! the server 210 MiB larger. Here the memory is allocated once per running
//! place of the hashing gate and reused, so it is bounded by the gate's width
//! whatever the allocator does.
use argon2::password_hash::phc::{Output, ParamsString, PasswordHash, Salt};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use std::sync::Mutex;

/// Salt length in bytes, as the argon2 crate's own hasher uses.
const SALT_LEN: usize = 16;

/// Memory for Argon2, one block list per computation running at a time.
#[derive(Default)]
pub struct Workspaces {
    idle: Mutex<Vec<Vec<Block>>>,
}

impl Workspaces {
    /// Runs `compute` with at least `blocks` blocks of memory, reusing an idle
    /// block list (grown when it is too short) or allocating the first ones.
    fn with_memory<T>(&self, blocks: usize, compute: impl FnOnce(&mut [Block]) -> T) -> T {
        let mut memory = self
            .idle
            .lock()
            .ok()
            .and_then(|mut idle| idle.pop())
            .unwrap_or_default();
        if memory.len() < blocks {
            memory.resize(blocks, Block::new());
        }
        let result = compute(&mut memory);
        if let Ok(mut idle) = self.idle.lock() {
            idle.push(memory);
        }
        result
    }

    /// How many block lists are kept (for tests).
    #[cfg(test)]
    fn kept(&self) -> usize {
        self.idle.lock().map_or(0, |idle| idle.len())
    }

    /// An Argon2id hash of `password` in PHC string form, with a new random salt.
    pub fn hash(&self, params: &Params, password: &[u8]) -> Result<String, String> {
        let mut salt = [0u8; SALT_LEN];
        getrandom::fill(&mut salt).map_err(|e| format!("no randomness: {e}"))?;
        let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
        let mut output = vec![0u8; params.output_len().unwrap_or(Params::DEFAULT_OUTPUT_LEN)];
        self.with_memory(params.block_count(), |memory| {
            argon2.hash_password_into_with_memory(password, &salt, &mut output, memory)
        })
        .map_err(|e| e.to_string())?;
        let hash = PasswordHash {
            algorithm: Algorithm::Argon2id.ident(),
            version: Some(Version::V0x13.into()),
            params: ParamsString::try_from(params).map_err(|e| e.to_string())?,
            salt: Some(Salt::new(&salt).map_err(|e| e.to_string())?),
            hash: Some(Output::new(&output).map_err(|e| e.to_string())?),
        };
        Ok(hash.to_string())
    }

    /// Whether `password` matches the PHC string `stored`, computed with the
    /// algorithm, version and parameters the string names. A string that does
    /// not parse matches nothing.
    pub fn verify(&self, password: &[u8], stored: &str) -> bool {
        let Ok(hash) = PasswordHash::new(stored) else {
            return false;
        };
        let (Some(salt), Some(expected)) = (hash.salt, hash.hash) else {
            return false;
        };
        let (Ok(algorithm), Ok(params)) = (
            Algorithm::new(hash.algorithm.as_str()),
            Params::try_from(&hash),
        ) else {
            return false;
        };
        let version = match hash.version.map(Version::try_from).transpose() {
            Ok(version) => version.unwrap_or_default(),
            Err(_) => return false,
        };
        let argon2 = Argon2::new(algorithm, version, params.clone());
        let mut output = vec![0u8; expected.len()];
        let computed = self.with_memory(params.block_count(), |memory| {
            argon2.hash_password_into_with_memory(password, salt.as_ref(), &mut output, memory)
        });
        // `Output` compares in constant time.
        computed.is_ok() && Output::new(&output).is_ok_and(|output| output == expected)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::{PasswordHasher, PasswordVerifier};

    fn cheap() -> Params {
        Params::new(1024, 1, 1, None).unwrap()
    }

    #[test]
    fn its_hashes_are_standard_phc_strings_both_ways() {
        let workspaces = Workspaces::default();
        let ours = workspaces.hash(&cheap(), b"correct horse battery").unwrap();
        let standard = Argon2::new(Algorithm::Argon2id, Version::V0x13, cheap());
        assert!(
            standard
                .verify_password(b"correct horse battery", ours.as_str())
                .is_ok()
        );
        assert!(standard.verify_password(b"wrong", ours.as_str()).is_err());

        let theirs = standard
            .hash_password(b"correct horse battery")
            .unwrap()
            .to_string();
        assert!(workspaces.verify(b"correct horse battery", &theirs));
        assert!(!workspaces.verify(b"wrong", &theirs));
        assert!(!workspaces.verify(b"correct horse battery", "not a hash"));
    }

    #[test]
    fn memory_is_reused_not_allocated_per_hash() {
        let workspaces = Workspaces::default();
        for _ in 0..5 {
            let hash = workspaces.hash(&cheap(), b"correct horse battery").unwrap();
            assert!(workspaces.verify(b"correct horse battery", &hash));
        }
        assert_eq!(
            workspaces.kept(),
            1,
            "one computation at a time needs one block list"
        );
    }

    #[test]
    fn a_hash_made_with_more_memory_still_verifies() {
        let workspaces = Workspaces::default();
        let small = workspaces.hash(&cheap(), b"pw-one-two-three").unwrap();
        let large = workspaces
            .hash(&Params::new(2048, 1, 1, None).unwrap(), b"pw-one-two-three")
            .unwrap();
        assert!(workspaces.verify(b"pw-one-two-three", &large));
        assert!(workspaces.verify(b"pw-one-two-three", &small));
    }
}
