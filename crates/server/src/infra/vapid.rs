//! The VAPID key pair that signs Web Push requests (docs/reminders.md):
//! configured (`HABITFLOW_VAPID_PRIVATE_KEY`, the 32-byte P-256 private key
//! in base64url) or generated once into a file beside the server key, so
//! browsers' subscriptions outlive restarts.
use crate::config::VapidKeySource;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use std::path::Path;
use web_push_native::jwt_simple::algorithms::{ECDSAP256PublicKeyLike, ES256KeyPair};

pub struct VapidKey(ES256KeyPair);

impl VapidKey {
    pub fn load(source: &VapidKeySource) -> Result<Self, String> {
        match source {
            VapidKeySource::Configured(secret) => Self::from_base64(secret.expose())
                .map_err(|e| format!("HABITFLOW_VAPID_PRIVATE_KEY: {e}")),
            VapidKeySource::GeneratedFile(path) => read_or_create(path),
        }
    }

    pub fn generate() -> Self {
        Self(ES256KeyPair::generate())
    }

    fn from_base64(text: &str) -> Result<Self, String> {
        let bytes = URL_SAFE_NO_PAD
            .decode(text.trim().trim_end_matches('='))
            .map_err(|_| "not base64url".to_owned())?;
        // The key pair's parser panics on another length.
        if bytes.len() != 32 {
            return Err("not a 32-byte P-256 private key".to_owned());
        }
        ES256KeyPair::from_bytes(&bytes)
            .map(Self)
            .map_err(|_| "not a P-256 private key".to_owned())
    }

    /// The private key in base64url, as the file and the variable hold it.
    pub fn private_base64(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.0.to_bytes())
    }

    /// The uncompressed public key in base64url: the browser's `applicationServerKey`.
    pub fn public_key(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.0.public_key().public_key().to_bytes_uncompressed())
    }

    pub fn key_pair(&self) -> &ES256KeyPair {
        &self.0
    }
}

fn read_or_create(path: &Path) -> Result<VapidKey, String> {
    if let Ok(existing) = std::fs::read_to_string(path)
        && let Ok(key) = VapidKey::from_base64(&existing)
    {
        return Ok(key);
    }
    let key = VapidKey::generate();
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)
            .map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
    }
    super::secret_key::write_private(path, &key.private_base64())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_key_is_kept_across_restarts_and_a_configured_one_is_read() {
        let folder = std::env::temp_dir().join(format!("habitflow-vapid-{}", uuid::Uuid::now_v7()));
        let source = VapidKeySource::GeneratedFile(folder.join("vapid.key"));
        let first = VapidKey::load(&source).unwrap();
        let second = VapidKey::load(&source).unwrap();
        assert_eq!(first.public_key(), second.public_key());
        assert_eq!(
            URL_SAFE_NO_PAD.decode(first.public_key()).unwrap().len(),
            65
        );
        let configured = VapidKey::load(&VapidKeySource::Configured(crate::config::Secret::new(
            first.private_base64(),
        )))
        .unwrap();
        assert_eq!(configured.public_key(), first.public_key());
        assert!(
            VapidKey::load(&VapidKeySource::Configured(crate::config::Secret::new(
                "nope"
            )))
            .is_err()
        );
        std::fs::remove_dir_all(folder).unwrap();
    }
}
