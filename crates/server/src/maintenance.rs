//! `habitflow backup` and `habitflow restore` for the embedded database.
//! PostgreSQL has its own tools for both; on PostgreSQL the commands say which.
use crate::config::Settings;
use crate::failure::Failure;
use habitflow_storage::{Backend, CopyError, backup_sqlite, restore_sqlite};
use std::path::Path;

const PG_DUMP: &str = "on PostgreSQL, back up with pg_dump: \
    pg_dump --format=custom --file=habitflow.dump \"$HABITFLOW_DATABASE_URL\" \
    (see docs/production.md)";

const PG_RESTORE: &str = "on PostgreSQL, restore with pg_restore into an empty database: \
    pg_restore --no-owner --dbname=\"$HABITFLOW_DATABASE_URL\" habitflow.dump \
    (see docs/production.md)";

/// Copies the database, consistently, while the server goes on serving.
pub async fn backup(settings: &Settings, to: &Path) -> Result<String, Failure> {
    if Backend::of_url(&settings.database_url) == Some(Backend::Postgres) {
        return Err(Failure::refused(PG_DUMP));
    }
    let copied = backup_sqlite(&settings.database_url, to)
        .await
        .map_err(failure)?;
    Ok(format!(
        "backup written to {} ({} bytes)",
        copied.path.display(),
        copied.bytes
    ))
}

/// Restores a backup into the configured database, which must be empty.
pub async fn restore(settings: &Settings, from: &Path) -> Result<String, Failure> {
    if Backend::of_url(&settings.database_url) == Some(Backend::Postgres) {
        return Err(Failure::refused(PG_RESTORE));
    }
    let copied = restore_sqlite(from, &settings.database_url)
        .await
        .map_err(failure)?;
    Ok(format!(
        "restored {} into {} ({} bytes); start HabitFlow to apply any newer migrations",
        from.display(),
        copied.path.display(),
        copied.bytes
    ))
}

fn failure(error: CopyError) -> Failure {
    if error.is_refusal() {
        Failure::refused(error.to_string())
    } else {
        Failure::failed(error.to_string())
    }
}
