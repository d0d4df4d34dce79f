//! `habitflow backup` and `habitflow restore` through the real binary: an
//! online copy while writers run holds every write acknowledged before it
//! started; restore fills only an empty database.
use crate::binary::{habitflow, temp_folder};
use habitflow_domain::model::{NewUser, Profile};
use habitflow_storage::Store;
use sqlx::Connection;
use std::collections::HashSet;
use std::path::Path;
use std::process::{Output, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

const WRITERS: usize = 8;
/// Each writer has this many writes acknowledged before the backup starts.
const WRITES_BEFORE: usize = 25;

fn sqlite_url(path: &Path) -> String {
    format!("sqlite://{}", path.display())
}

fn email(writer: usize, n: usize) -> String {
    format!("writer{writer}-{n}@example.com")
}

/// Runs a command of the binary on the database at `url`.
async fn run(folder: &Path, url: &str, args: &[&str]) -> Output {
    let mut command = habitflow(folder);
    command
        .args(args)
        .env("HABITFLOW_DATABASE_URL", url)
        .stdout(Stdio::piped());
    tokio::task::spawn_blocking(move || command.output().expect("run habitflow"))
        .await
        .expect("join")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Creates users `writer{w}-{n}` one after another until `stop`; `acked`
/// counts those whose insert has returned, so 0..acked are committed.
fn spawn_writer(
    store: Arc<dyn Store>,
    writer: usize,
    acked: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut n = 0;
        while !stop.load(Ordering::SeqCst) {
            let user = NewUser {
                email: email(writer, n).parse().unwrap(),
                display_name: format!("Writer {writer}"),
                password_hash: None,
                profile: Profile::default(),
            };
            store
                .users()
                .create(&user, jiff::Timestamp::now())
                .await
                .expect("write");
            n += 1;
            acked.store(n, Ordering::SeqCst);
        }
    })
}

async fn emails_in(url: &str) -> HashSet<String> {
    let mut connection = sqlx::SqliteConnection::connect(url).await.unwrap();
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut connection)
        .await
        .unwrap();
    assert_eq!(integrity, "ok");
    let emails: Vec<String> = sqlx::query_scalar("SELECT email FROM users")
        .fetch_all(&mut connection)
        .await
        .unwrap();
    connection.close().await.unwrap();
    emails.into_iter().collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_backup_taken_under_8_writers_restores_every_acknowledged_write() {
    let folder = temp_folder();
    let live = sqlite_url(&folder.join("live/habitflow.sqlite3"));
    let store = habitflow_storage::open(&live).await.unwrap();
    store.migrate().await.unwrap();

    let stop = Arc::new(AtomicBool::new(false));
    let acked: Vec<Arc<AtomicUsize>> = (0..WRITERS).map(|_| Arc::default()).collect();
    let writers: Vec<_> = (0..WRITERS)
        .map(|w| spawn_writer(store.clone(), w, acked[w].clone(), stop.clone()))
        .collect();
    while acked
        .iter()
        .any(|count| count.load(Ordering::SeqCst) < WRITES_BEFORE)
    {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }

    let before: Vec<usize> = acked.iter().map(|c| c.load(Ordering::SeqCst)).collect();
    let backup_file = folder.join("habitflow-backup.sqlite3");
    let backup = run(
        &folder,
        &live,
        &["backup", "--to", backup_file.to_str().unwrap()],
    )
    .await;
    let after_backup: Vec<usize> = acked.iter().map(|c| c.load(Ordering::SeqCst)).collect();
    stop.store(true, Ordering::SeqCst);
    for writer in writers {
        writer.await.unwrap();
    }
    assert!(backup.status.success(), "{}", stderr(&backup));
    assert!(String::from_utf8_lossy(&backup.stdout).contains("backup written to"));
    eprintln!(
        "writes acknowledged before the backup: {before:?}; while it ran: {:?}",
        after_backup
            .iter()
            .zip(&before)
            .map(|(a, b)| a - b)
            .collect::<Vec<_>>()
    );

    let restored = sqlite_url(&folder.join("restored/habitflow.sqlite3"));
    let restore = run(
        &folder,
        &restored,
        &["restore", "--from", backup_file.to_str().unwrap()],
    )
    .await;
    assert!(restore.status.success(), "{}", stderr(&restore));
    let emails = emails_in(&restored).await;
    for (writer, &count) in before.iter().enumerate() {
        for n in 0..count {
            assert!(
                emails.contains(&email(writer, n)),
                "{} was acknowledged before the backup but is not in it",
                email(writer, n)
            );
        }
    }

    // The restored database is a working one: the server starts on it.
    let migrate = run(&folder, &restored, &["migrate"]).await;
    assert!(migrate.status.success(), "{}", stderr(&migrate));

    // Neither the restored nor the live database can be restored over.
    for target in [&restored, &live] {
        let refused = run(
            &folder,
            target,
            &["restore", "--from", backup_file.to_str().unwrap()],
        )
        .await;
        assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
        assert!(
            stderr(&refused).contains("is not empty"),
            "{}",
            stderr(&refused)
        );
    }
    assert_eq!(emails_in(&restored).await, emails, "left as it was");

    // A backup never overwrites a file.
    let again = run(
        &folder,
        &live,
        &["backup", "--to", backup_file.to_str().unwrap()],
    )
    .await;
    assert_eq!(again.status.code(), Some(2), "{}", stderr(&again));
    assert!(stderr(&again).contains("already exists"));

    drop(store);
    std::fs::remove_dir_all(folder).ok();
}

#[tokio::test]
async fn restore_refuses_what_is_not_a_habitflow_backup() {
    let folder = temp_folder();
    let not_a_database = folder.join("notes.txt");
    std::fs::write(&not_a_database, "just some text, not SQLite").unwrap();
    let target = sqlite_url(&folder.join("data/habitflow.sqlite3"));
    let output = run(
        &folder,
        &target,
        &["restore", "--from", not_a_database.to_str().unwrap()],
    )
    .await;
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("is not a HabitFlow backup"));
    assert!(!folder.join("data/habitflow.sqlite3").exists());
    std::fs::remove_dir_all(folder).ok();
}

#[tokio::test]
async fn on_postgres_backup_and_restore_point_to_pg_dump_and_pg_restore() {
    let folder = temp_folder();
    // Nothing listens there: the commands refuse before connecting.
    let url = "postgres://habitflow@127.0.0.1:1/habitflow";
    let backup = run(&folder, url, &["backup", "--to", "habitflow.dump"]).await;
    assert_eq!(backup.status.code(), Some(2));
    assert!(stderr(&backup).contains("pg_dump"), "{}", stderr(&backup));
    let restore = run(&folder, url, &["restore", "--from", "habitflow.dump"]).await;
    assert_eq!(restore.status.code(), Some(2));
    assert!(
        stderr(&restore).contains("pg_restore"),
        "{}",
        stderr(&restore)
    );
    std::fs::remove_dir_all(folder).ok();
}
