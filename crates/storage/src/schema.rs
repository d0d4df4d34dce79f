//! What a database holds before we open it for work: how many tables, and
//! which migrations it has applied. A database written by a newer HabitFlow
//! has applied a migration this build does not ship; running against it
//! could corrupt data the newer code relies on, so start-up refuses it.
use crate::{Backend, StoreError, migrations};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};
use std::path::Path;
use std::str::FromStr;

/// The migrations table sqlx keeps.
const MIGRATIONS_TABLE: &str = "_sqlx_migrations";

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Schema {
    /// Tables of any kind, ours or not.
    pub tables: i64,
    /// Versions recorded in the migrations table, oldest first; empty without one.
    pub applied: Vec<i64>,
    /// Whether the migrations table exists (it does in every HabitFlow database).
    pub has_migrations_table: bool,
}

impl Schema {
    /// Applied migrations this build does not ship, oldest first.
    pub(crate) fn unknown_migrations(&self, backend: Backend) -> Vec<i64> {
        let known = migrations::of(backend);
        self.applied
            .iter()
            .copied()
            .filter(|version| !known.iter().any(|(known, _, _)| known == version))
            .collect()
    }
}

/// A database that some newer HabitFlow has migrated further than this build can.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "the database was written by a newer version of HabitFlow: it has applied migration(s) {} \
     that this version does not know; run that newer version (or a later one), or restore a \
     backup made by this version",
    list(.versions)
)]
pub struct NewerSchema {
    pub versions: Vec<i64>,
}

fn list(versions: &[i64]) -> String {
    versions
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads the schema of the database a URL names, creating nothing: a SQLite
/// file that does not exist yet is an empty database.
async fn inspect(url: &str) -> Result<Schema, StoreError> {
    match Backend::of_url(url) {
        Some(Backend::Sqlite) => {
            let options = SqliteConnectOptions::from_str(url)
                .map_err(|e| StoreError::Other(format!("invalid SQLite URL: {e}")))?;
            inspect_sqlite_file(options.get_filename()).await
        }
        Some(Backend::Postgres) => inspect_postgres(url).await,
        None => Err(StoreError::Other(
            "the database URL must start with sqlite:// or postgres://".into(),
        )),
    }
}

/// Fails with `NewerSchema` when the database at `url` comes from a newer version.
pub async fn refuse_newer(url: &str) -> Result<(), CheckError> {
    let backend = Backend::of_url(url).ok_or_else(|| {
        StoreError::Other("the database URL must start with sqlite:// or postgres://".into())
    })?;
    let versions = inspect(url).await?.unknown_migrations(backend);
    if versions.is_empty() {
        Ok(())
    } else {
        Err(CheckError::Newer(NewerSchema { versions }))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error(transparent)]
    Newer(NewerSchema),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The schema of a SQLite file, opened read-only; a missing file is empty.
pub(crate) async fn inspect_sqlite_file(path: &Path) -> Result<Schema, StoreError> {
    if !path.exists() {
        return Ok(Schema {
            tables: 0,
            applied: Vec::new(),
            has_migrations_table: false,
        });
    }
    let mut connection = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .connect()
        .await?;
    let tables: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
    )
    .fetch_one(&mut connection)
    .await?;
    let has_migrations_table: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = $1)",
    )
    .bind(MIGRATIONS_TABLE)
    .fetch_one(&mut connection)
    .await?;
    let applied = if has_migrations_table {
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations ORDER BY version")
            .fetch_all(&mut connection)
            .await?
    } else {
        Vec::new()
    };
    connection.close().await?;
    Ok(Schema {
        tables,
        applied,
        has_migrations_table,
    })
}

async fn inspect_postgres(url: &str) -> Result<Schema, StoreError> {
    let mut connection = sqlx::PgConnection::connect(url).await?;
    let tables: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM information_schema.tables
         WHERE table_schema NOT IN ('pg_catalog', 'information_schema')",
    )
    .fetch_one(&mut connection)
    .await?;
    let has_migrations_table: bool = sqlx::query_scalar("SELECT to_regclass($1) IS NOT NULL")
        .bind(MIGRATIONS_TABLE)
        .fetch_one(&mut connection)
        .await?;
    let applied = if has_migrations_table {
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations ORDER BY version")
            .fetch_all(&mut connection)
            .await?
    } else {
        Vec::new()
    };
    connection.close().await?;
    Ok(Schema {
        tables,
        applied,
        has_migrations_table,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_versions_this_build_does_not_ship_are_unknown() {
        let schema = Schema {
            tables: 9,
            applied: vec![1, 2, 3, 9999],
            has_migrations_table: true,
        };
        assert_eq!(schema.unknown_migrations(Backend::Sqlite), vec![9999]);
        assert_eq!(schema.unknown_migrations(Backend::Postgres), vec![9999]);
        let message = NewerSchema {
            versions: vec![4, 9999],
        }
        .to_string();
        assert!(
            message.contains("newer version") && message.contains("4, 9999"),
            "{message}"
        );
    }
}
