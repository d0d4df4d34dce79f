//! Backups of the embedded database, and restoring one into a new database.
//!
//! `VACUUM INTO` copies one consistent snapshot: it reads inside a single read
//! transaction, and in WAL mode writers go on meanwhile. The copy is written
//! beside its destination and renamed into place once complete and synced,
//! so a crash never leaves a half-written file under the final name.
//! (PostgreSQL has `pg_dump` and `pg_restore` for this.)
use crate::schema::{NewerSchema, inspect_sqlite_file};
use crate::{Backend, StoreError};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};
use std::path::{Path, PathBuf};
use std::str::FromStr;

#[derive(Debug, thiserror::Error)]
pub enum CopyError {
    #[error("{} already exists; choose a new file", .0.display())]
    DestinationExists(PathBuf),
    #[error("there is no database at {}", .0.display())]
    SourceMissing(PathBuf),
    #[error(
        "the database at {} is not empty ({tables} tables); restore into a new, empty database",
        .path.display()
    )]
    NotEmpty { path: PathBuf, tables: i64 },
    #[error("{} is not a HabitFlow backup: {reason}", .path.display())]
    NotABackup { path: PathBuf, reason: String },
    #[error("{} cannot be restored: {schema}", .path.display())]
    Newer { schema: NewerSchema, path: PathBuf },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{}: {error}", .path.display())]
    File {
        path: PathBuf,
        error: std::io::Error,
    },
}

impl CopyError {
    /// Whether the operator asked for something we refuse (as opposed to a failure).
    pub fn is_refusal(&self) -> bool {
        !matches!(self, CopyError::Store(_) | CopyError::File { .. })
    }
}

/// What was written, for the command's report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    pub path: PathBuf,
    pub bytes: u64,
}

/// Copies the running database at `url` (a `sqlite://` URL) into the new file `to`.
pub async fn backup_sqlite(url: &str, to: &Path) -> Result<Copied, CopyError> {
    let source = sqlite_path(url)?;
    if !source.exists() {
        return Err(CopyError::SourceMissing(source));
    }
    if to.exists() {
        return Err(CopyError::DestinationExists(to.to_owned()));
    }
    copy_into(&source, to).await
}

/// Restores the backup `from` as the database at `url`, which must be empty
/// (no file yet, or a file without tables). A backup written by a newer
/// version is refused; an older one is migrated when the server starts.
pub async fn restore_sqlite(from: &Path, url: &str) -> Result<Copied, CopyError> {
    if !from.exists() {
        return Err(CopyError::SourceMissing(from.to_owned()));
    }
    let not_a_backup = |reason: String| CopyError::NotABackup {
        path: from.to_owned(),
        reason,
    };
    let backup = inspect_sqlite_file(from)
        .await
        .map_err(|e| not_a_backup(e.to_string()))?;
    if !backup.has_migrations_table {
        return Err(not_a_backup("it has no migrations table".into()));
    }
    let versions = backup.unknown_migrations(Backend::Sqlite);
    if !versions.is_empty() {
        return Err(CopyError::Newer {
            schema: NewerSchema { versions },
            path: from.to_owned(),
        });
    }
    let target = sqlite_path(url)?;
    let existing = inspect_sqlite_file(&target).await?;
    if existing.tables > 0 {
        return Err(CopyError::NotEmpty {
            path: target,
            tables: existing.tables,
        });
    }
    if let Some(folder) = target.parent().filter(|f| !f.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).map_err(|error| CopyError::File {
            path: folder.to_owned(),
            error,
        })?;
    }
    // An empty database file (and its journal) is replaced as a whole.
    for leftover in [
        target.clone(),
        with_suffix(&target, "-wal"),
        with_suffix(&target, "-shm"),
    ] {
        if leftover.exists() {
            std::fs::remove_file(&leftover).map_err(|error| CopyError::File {
                path: leftover.clone(),
                error,
            })?;
        }
    }
    copy_into(from, &target).await
}

/// `VACUUM INTO` a temporary file beside `to`, synced, then renamed to `to`.
async fn copy_into(source: &Path, to: &Path) -> Result<Copied, CopyError> {
    let partial = with_suffix(to, ".partial");
    if partial.exists() {
        // Left by an interrupted copy of ours.
        std::fs::remove_file(&partial).map_err(|error| CopyError::File {
            path: partial.clone(),
            error,
        })?;
    }
    let destination = partial.to_str().ok_or_else(|| CopyError::File {
        path: partial.clone(),
        error: std::io::Error::other("the path is not valid UTF-8"),
    })?;
    let mut connection = SqliteConnectOptions::new()
        .filename(source)
        .read_only(true)
        .connect()
        .await
        .map_err(StoreError::from)?;
    let vacuumed = sqlx::query("VACUUM INTO $1")
        .bind(destination)
        .execute(&mut connection)
        .await;
    connection.close().await.map_err(StoreError::from)?;
    if let Err(error) = vacuumed {
        std::fs::remove_file(&partial).ok();
        return Err(StoreError::from(error).into());
    }
    let file = |error| CopyError::File {
        path: to.to_owned(),
        error,
    };
    std::fs::File::open(&partial)
        .and_then(|f| f.sync_all())
        .map_err(file)?;
    std::fs::rename(&partial, to).map_err(file)?;
    let bytes = std::fs::metadata(to).map_err(file)?.len();
    Ok(Copied {
        path: to.to_owned(),
        bytes,
    })
}

fn sqlite_path(url: &str) -> Result<PathBuf, StoreError> {
    SqliteConnectOptions::from_str(url)
        .map(|options| options.get_filename().to_owned())
        .map_err(|e| StoreError::Other(format!("invalid SQLite URL: {e}")))
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}
