//! Databases from other versions, through the real binary: an older one is
//! migrated at start; one a newer version migrated further is refused with
//! exit code 2 and left exactly as it was.
use crate::binary::{free_port, habitflow, http_get, temp_folder, terminate, wait_until_listening};
use sqlx::Connection;
use sqlx::migrate::Migrator;
use std::path::Path;
use std::process::Stdio;

/// A migration no released HabitFlow has.
const FUTURE: i64 = 9999;

const STAMP_FUTURE: &str = "INSERT INTO _sqlx_migrations
    (version, description, success, checksum, execution_time)
    VALUES (9999, 'from a newer HabitFlow', TRUE, '\\x00', 0)";

const VERSIONS: &str = "SELECT version FROM _sqlx_migrations ORDER BY version";

async fn versions(connection: &mut sqlx::SqliteConnection) -> Vec<i64> {
    sqlx::query_scalar(VERSIONS)
        .fetch_all(connection)
        .await
        .unwrap()
}

/// Runs `habitflow <command>` to completion: (exit code, stderr).
async fn run(folder: &Path, url: &str, command: &str) -> (Option<i32>, String) {
    let mut process = habitflow(folder);
    process
        .arg(command)
        .env("HABITFLOW_DATABASE_URL", url)
        .env("HABITFLOW_BIND", format!("127.0.0.1:{}", free_port()));
    let output = tokio::task::spawn_blocking(move || process.output().expect("run habitflow"))
        .await
        .expect("join");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn assert_refused(code: Option<i32>, stderr: &str) {
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("newer version of HabitFlow") && stderr.contains(&FUTURE.to_string()),
        "{stderr}"
    );
}

#[tokio::test]
async fn a_sqlite_database_from_a_newer_version_is_refused_and_left_alone() {
    let folder = temp_folder();
    let file = folder.join("data/habitflow.sqlite3");
    let url = format!("sqlite://{}", file.display());
    let (code, stderr) = run(&folder, &url, "migrate").await;
    assert_eq!(code, Some(0), "{stderr}");
    let mut connection = sqlx::SqliteConnection::connect(&url).await.unwrap();
    sqlx::query(STAMP_FUTURE)
        .execute(&mut connection)
        .await
        .unwrap();
    connection.close().await.unwrap();
    let untouched = std::fs::read(&file).unwrap();

    for command in ["serve", "migrate"] {
        let (code, stderr) = run(&folder, &url, command).await;
        assert_refused(code, &stderr);
    }
    assert!(
        std::fs::read(&file).unwrap() == untouched,
        "the database file was changed"
    );
    std::fs::remove_dir_all(folder).ok();
}

#[tokio::test]
#[cfg_attr(
    not(with_postgres),
    ignore = "needs PostgreSQL: set HABITFLOW_TEST_DATABASE_URL"
)]
async fn a_postgres_database_from_a_newer_version_is_refused_and_left_alone() {
    let database = habitflow_testkit::TestDatabase::postgres().await;
    let mut connection = sqlx::PgConnection::connect(database.url()).await.unwrap();
    sqlx::query(STAMP_FUTURE)
        .execute(&mut connection)
        .await
        .unwrap();
    let folder = temp_folder();
    let (code, stderr) = run(&folder, database.url(), "serve").await;
    assert_refused(code, &stderr);
    let versions: Vec<i64> = sqlx::query_scalar(VERSIONS)
        .fetch_all(&mut connection)
        .await
        .unwrap();
    assert_eq!(versions, vec![1, 2, 3, 4, 5, FUTURE]);
    connection.close().await.unwrap();
    database.remove().await;
    std::fs::remove_dir_all(folder).ok();
}

#[tokio::test]
async fn a_database_from_an_older_version_is_migrated_at_start() {
    let folder = temp_folder();
    let url = format!(
        "sqlite://{}?mode=rwc",
        folder.join("habitflow.sqlite3").display()
    );
    // The first release's schema, with one user in it.
    let released = Migrator::new(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../storage/migrations/sqlite"
    )))
    .await
    .unwrap();
    let first = Migrator::with_migrations(released.iter().take(1).cloned().collect());
    let mut connection = sqlx::SqliteConnection::connect(&url).await.unwrap();
    first.run(&mut connection).await.unwrap();
    sqlx::query(
        "INSERT INTO users (id, email, created_at, updated_at)
         VALUES (randomblob(16), 'early@example.com', 0, 0)",
    )
    .execute(&mut connection)
    .await
    .unwrap();
    assert_eq!(versions(&mut connection).await, vec![1]);
    connection.close().await.unwrap();

    let port = free_port();
    let mut child = habitflow(&folder)
        .env("HABITFLOW_DATABASE_URL", &url)
        .env("HABITFLOW_BIND", format!("127.0.0.1:{port}"))
        .stderr(Stdio::null())
        .spawn()
        .expect("start habitflow");
    let ready = tokio::task::spawn_blocking(move || {
        wait_until_listening(port, &mut child);
        let ready = http_get(port, "/healthz/ready");
        terminate(&mut child);
        ready
    })
    .await
    .expect("join");
    assert_eq!(ready.map(|(status, _)| status), Some(200));

    let mut connection = sqlx::SqliteConnection::connect(&url).await.unwrap();
    let latest: Vec<i64> = released.iter().map(|m| m.version).collect();
    assert_eq!(versions(&mut connection).await, latest);
    let users: i64 = sqlx::query_scalar("SELECT count(*) FROM users")
        .fetch_one(&mut connection)
        .await
        .unwrap();
    assert_eq!(users, 1, "the early user is still there");
    connection.close().await.unwrap();
    std::fs::remove_dir_all(folder).ok();
}
