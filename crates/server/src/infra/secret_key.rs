//! The server key that signs and encrypts cookies.
use crate::config::SecretKeySource;
use sha2::{Digest, Sha512};
use std::path::Path;

/// 64 bytes derived from the configured or generated secret.
#[derive(Clone)]
pub struct ServerKey([u8; 64]);

impl ServerKey {
    pub fn bytes(&self) -> &[u8; 64] {
        &self.0
    }

    fn derive(secret: &str) -> Self {
        Self(Sha512::digest(secret.as_bytes()).into())
    }

    /// Loads the key; a generated key is created once and kept in its file.
    pub fn load(source: &SecretKeySource) -> Result<Self, String> {
        match source {
            SecretKeySource::Configured(secret) => Ok(Self::derive(secret.expose())),
            SecretKeySource::GeneratedFile(path) => Ok(Self::derive(&read_or_create(path)?)),
        }
    }
}

fn read_or_create(path: &Path) -> Result<String, String> {
    if let Ok(existing) = std::fs::read_to_string(path)
        && existing.trim().len() >= 32
    {
        return Ok(existing.trim().to_owned());
    }
    let mut random = [0u8; 32];
    getrandom::fill(&mut random).map_err(|e| format!("no randomness available: {e}"))?;
    let secret = hex::encode(random);
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)
            .map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
    }
    write_private(path, &secret).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(secret)
}

#[cfg(unix)]
pub(crate) fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(contents.as_bytes())
}

#[cfg(not(unix))]
pub(crate) fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    std::fs::write(path, contents)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_key_is_kept_across_restarts() {
        let folder = std::env::temp_dir().join(format!("habitflow-key-{}", uuid::Uuid::now_v7()));
        let source = SecretKeySource::GeneratedFile(folder.join("secret.key"));
        let first = ServerKey::load(&source).unwrap();
        let second = ServerKey::load(&source).unwrap();
        assert_eq!(first.bytes(), second.bytes());
        std::fs::remove_dir_all(folder).unwrap();
    }
}
