//! A fresh, migrated database per test, so tests run in parallel.
use habitflow_storage::{Backend, Store, open};
use sqlx::Connection;
use std::path::PathBuf;
use std::sync::Arc;
use uuid::Uuid;

pub struct TestDatabase {
    store: Arc<dyn Store>,
    url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    SqliteFile(SqliteFolder),
    PostgresDatabase { admin_url: String, name: String },
}

/// The folder of a test's SQLite file, removed when the test is over — unless
/// it failed, so the database is left for inspection.
struct SqliteFolder(PathBuf);

impl Drop for SqliteFolder {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

impl TestDatabase {
    pub async fn new(backend: Backend) -> Self {
        match backend {
            Backend::Sqlite => Self::sqlite().await,
            Backend::Postgres => Self::postgres().await,
        }
    }

    /// A new SQLite file in the temp folder.
    pub async fn sqlite() -> Self {
        let folder =
            std::env::temp_dir().join(format!("habitflow-test-{}", Uuid::now_v7().simple()));
        let url = format!("sqlite://{}/test.sqlite3", folder.display());
        Self::migrated(url, Cleanup::SqliteFile(SqliteFolder(folder))).await
    }

    /// A new, migrated database on the server named by `HABITFLOW_TEST_DATABASE_URL`.
    pub async fn postgres() -> Self {
        let (url, cleanup) = Self::create_postgres_database().await;
        Self::migrated(url, cleanup).await
    }

    /// A new database without any table, to test migrations themselves.
    pub async fn empty_postgres() -> Self {
        let (url, cleanup) = Self::create_postgres_database().await;
        let store = open(&url).await.expect("open the test database");
        Self {
            store,
            url,
            cleanup,
        }
    }

    async fn create_postgres_database() -> (String, Cleanup) {
        let admin_url = std::env::var("HABITFLOW_TEST_DATABASE_URL").expect(
            "HABITFLOW_TEST_DATABASE_URL must name a PostgreSQL server for this test \
             (e.g. postgres://postgres@127.0.0.1:5432/postgres)",
        );
        let name = format!("habitflow_test_{}", Uuid::now_v7().simple());
        let mut admin = sqlx::PgConnection::connect(&admin_url)
            .await
            .expect("connect to HABITFLOW_TEST_DATABASE_URL");
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut admin)
            .await
            .expect("create a test database");
        let url = with_database(&admin_url, &name);
        (url, Cleanup::PostgresDatabase { admin_url, name })
    }

    async fn migrated(url: String, cleanup: Cleanup) -> Self {
        let store = open(&url).await.expect("open the test database");
        store.migrate().await.expect("migrate the test database");
        Self {
            store,
            url,
            cleanup,
        }
    }

    pub fn store(&self) -> &dyn Store {
        self.store.as_ref()
    }

    pub fn shared_store(&self) -> Arc<dyn Store> {
        Arc::clone(&self.store)
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// Removes the database; a failed test leaves it behind for inspection.
    /// (A SQLite folder also goes when the `TestDatabase` is dropped.)
    pub async fn remove(self) {
        drop(self.store);
        match self.cleanup {
            Cleanup::SqliteFile(folder) => drop(folder),
            Cleanup::PostgresDatabase { admin_url, name } => {
                if let Ok(mut admin) = sqlx::PgConnection::connect(&admin_url).await {
                    let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                    )))
                    .execute(&mut admin)
                    .await;
                }
            }
        }
    }
}

/// The same server URL with another database name.
fn with_database(url: &str, database: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let server = match base.find("://").map(|scheme| scheme + 3) {
        Some(after_scheme) => match base[after_scheme..].find('/') {
            Some(slash) => &base[..after_scheme + slash],
            None => base,
        },
        None => base,
    };
    match query {
        Some(query) => format!("{server}/{database}?{query}"),
        None => format!("{server}/{database}"),
    }
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn replaces_only_the_database_name() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/postgres", "t1"),
            "postgres://postgres@127.0.0.1:5432/t1"
        );
        assert_eq!(
            with_database("postgres://u:p@h/db?sslmode=disable", "t2"),
            "postgres://u:p@h/t2?sslmode=disable"
        );
        assert_eq!(
            with_database("postgres://h:5432", "t3"),
            "postgres://h:5432/t3"
        );
    }
}
