//! An uploaded file written to a private temporary file (owner-only, a
//! random name, created new), removed when dropped (docs/data.md#hostile-files).
use std::fs::OpenOptions;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

pub struct PrivateCopy {
    path: PathBuf,
}

impl PrivateCopy {
    pub fn of(bytes: &[u8], extension: &str) -> std::io::Result<Self> {
        let mut random = [0u8; 16];
        getrandom::fill(&mut random).map_err(std::io::Error::other)?;
        let path = std::env::temp_dir().join(format!(
            "habitflow-import-{}.{extension}",
            hex::encode(random)
        ));
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)?;
        let copy = Self { path };
        file.write_all(bytes)?;
        file.sync_all()?;
        Ok(copy)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for PrivateCopy {
    fn drop(&mut self) {
        if let Err(error) = std::fs::remove_file(&self.path) {
            tracing::warn!(path = %self.path.display(), %error, "could not remove an import's copy");
        }
    }
}
