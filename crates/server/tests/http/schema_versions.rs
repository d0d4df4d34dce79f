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
    assert_eq!(versions, vec![1, 2, 3, 4, 5, 6, 7, 8, 9, 10, FUTURE]);
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

async fn count(connection: &mut sqlx::SqliteConnection, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(connection).await.unwrap()
}

/// Migration 5 rebuilds the SQLite habits table (to allow the newer schedule
/// types) with its check-ins and summaries: a database of release 4 keeps
/// its habits and check-ins, their foreign keys and indexes, with foreign
/// keys on as the server runs it.
#[tokio::test]
async fn the_richer_habits_migration_keeps_habits_checkins_and_their_links() {
    let folder = temp_folder();
    let url = format!(
        "sqlite://{}?mode=rwc",
        folder.join("habitflow.sqlite3").display()
    );
    let released = Migrator::new(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../storage/migrations/sqlite"
    )))
    .await
    .unwrap();
    let fourth = Migrator::with_migrations(released.iter().take(4).cloned().collect());
    let mut connection = sqlx::SqliteConnection::connect(&url).await.unwrap();
    assert_eq!(count(&mut connection, "PRAGMA foreign_keys").await, 1);
    fourth.run(&mut connection).await.unwrap();
    for statement in [
        "INSERT INTO users (id, email, created_at, updated_at) VALUES (x'01', 'early@example.com', 0, 0)",
        "INSERT INTO themes (id, owner_id, name, color, created_at, updated_at) VALUES (x'03', x'01', 'Health', '#AABBCC', 0, 0)",
        "INSERT INTO habits (id, owner_id, theme_id, name, schedule_type, schedule_config, starts_on, created_at, updated_at)
         VALUES (x'02', x'01', x'03', 'Read', 'weekly_days', '{\"days\":[\"mon\"]}', '2026-01-01', 0, 0)",
        "INSERT INTO checkins (habit_id, owner_id, date, kind, note, created_at) VALUES (x'02', x'01', '2026-01-05', 'done', 'kept', 7)",
        "INSERT INTO habit_summaries (habit_id, owner_id, last_checkin, run_done, best_streak, strength, done, skipped)
         VALUES (x'02', x'01', '2026-01-05', 1, 1, 0.1, 1, 0)",
    ] {
        sqlx::query(statement)
            .execute(&mut connection)
            .await
            .unwrap();
    }
    released.run(&mut connection).await.unwrap();
    assert_eq!(
        versions(&mut connection).await,
        vec![1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    );

    let habit: (String, String, String, Option<String>) = sqlx::query_as(
        "SELECT name, schedule_config, kind, unit FROM habits WHERE id = x'02' AND theme_id = x'03'",
    )
    .fetch_one(&mut connection)
    .await
    .unwrap();
    assert_eq!(
        habit,
        (
            "Read".into(),
            "{\"days\":[\"mon\"]}".into(),
            "boolean".into(),
            None
        )
    );
    let checkin: (String, String, i64, Option<i64>) =
        sqlx::query_as("SELECT date, note, created_at, value FROM checkins WHERE habit_id = x'02'")
            .fetch_one(&mut connection)
            .await
            .unwrap();
    assert_eq!(checkin, ("2026-01-05".into(), "kept".into(), 7, None));
    assert_eq!(
        count(&mut connection, "SELECT count(*) FROM habit_summaries").await,
        0,
        "summaries are recomputed with every field at the next read"
    );
    assert_eq!(
        count(
            &mut connection,
            "SELECT count(*) FROM pragma_foreign_key_check"
        )
        .await,
        0
    );
    assert_eq!(
        count(
            &mut connection,
            "SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%\\_new%' ESCAPE '\\'"
        )
        .await,
        0,
        "no table or reference keeps a temporary name"
    );
    assert_eq!(
        count(
            &mut connection,
            "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name IN
             ('habits_owner_idx', 'habits_theme_idx', 'checkins_owner_date_idx', 'habit_summaries_owner_idx')"
        )
        .await,
        4
    );
    sqlx::query(
        "INSERT INTO habits (id, owner_id, name, schedule_type, schedule_config, starts_on, created_at, updated_at)
         VALUES (x'04', x'01', 'Swim', 'times_per_period', '{}', '2026-01-01', 0, 0)",
    )
    .execute(&mut connection)
    .await
    .unwrap();
    let orphan = sqlx::query(
        "INSERT INTO checkins (habit_id, owner_id, date, kind, created_at) VALUES (x'09', x'01', '2026-01-05', 'done', 0)",
    )
    .execute(&mut connection)
    .await;
    assert!(orphan.is_err(), "check-ins still need their habit");
    sqlx::query("DELETE FROM users WHERE id = x'01'")
        .execute(&mut connection)
        .await
        .unwrap();
    for sql in [
        "SELECT count(*) FROM habits",
        "SELECT count(*) FROM checkins",
        "SELECT count(*) FROM themes",
    ] {
        assert_eq!(count(&mut connection, sql).await, 0, "{sql}: cascaded");
    }
    connection.close().await.unwrap();
    std::fs::remove_dir_all(folder).ok();
}
