//! The real `habitflow` binary: configuration errors, start-up, readiness, shutdown.
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The binary under test: this build's, or the one `HABITFLOW_TEST_BIN` names
/// (the static release build, say).
pub fn habitflow(folder: &Path) -> Command {
    let binary = std::env::var_os("HABITFLOW_TEST_BIN")
        .unwrap_or_else(|| env!("CARGO_BIN_EXE_habitflow").into());
    let mut command = Command::new(binary);
    command
        .current_dir(folder)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HABITFLOW_QUOTES_URL", "")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

pub fn temp_folder() -> PathBuf {
    let folder =
        std::env::temp_dir().join(format!("habitflow-bin-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&folder).expect("create a temp folder");
    folder
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("address")
        .port()
}

/// A minimal HTTP/1.1 GET: (status, body).
pub fn http_get(port: u16, path: &str) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\nConnection: close\r\n\r\n").ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let status = response.split(' ').nth(1)?.parse().ok()?;
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    Some((status, body))
}

pub fn wait_until_listening(port: u16, child: &mut Child) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if http_get(port, "/healthz/live").is_some() {
            return;
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("habitflow exited early with {status}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("habitflow did not start listening");
}

pub fn terminate(child: &mut Child) -> std::process::ExitStatus {
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("send SIGTERM");
    child.wait().expect("wait for habitflow")
}

#[test]
fn a_bad_bind_address_exits_2_naming_the_variable() {
    let folder = temp_folder();
    let output = habitflow(&folder)
        .arg("serve")
        .env("HABITFLOW_BIND", "nonsense")
        .output()
        .expect("run habitflow");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("HABITFLOW_BIND") && stderr.contains("host:port"),
        "{stderr}"
    );
    std::fs::remove_dir_all(folder).ok();
}

#[test]
fn check_config_accepts_the_defaults_and_hides_secrets() {
    let folder = temp_folder();
    let output = habitflow(&folder)
        .arg("check-config")
        .env(
            "HABITFLOW_SECRET_KEY",
            "a-very-long-secret-key-of-forty-characters",
        )
        .stdout(Stdio::piped())
        .output()
        .expect("run habitflow");
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("sqlite://data/habitflow.sqlite3"));
    assert!(!stdout.contains("a-very-long-secret"), "{stdout}");
    std::fs::remove_dir_all(folder).ok();
}

/// Passwords inside URLs print as `***` (README, configuration; docs/security.md).
#[test]
fn check_config_hides_passwords_inside_urls() {
    let folder = temp_folder();
    let output = habitflow(&folder)
        .arg("check-config")
        .env(
            "HABITFLOW_DATABASE_URL",
            "postgres://habitflow:pg-pass-4711@db.internal:5432/habitflow",
        )
        .env(
            "HABITFLOW_REDIS_URL",
            "redis://:redis-pass-4712@cache:6379/0",
        )
        .stdout(Stdio::piped())
        .output()
        .expect("run habitflow");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(!stdout.contains("pg-pass-4711"), "{stdout}");
    assert!(!stdout.contains("redis-pass-4712"), "{stdout}");
    assert!(
        stdout.contains("postgres://habitflow:***@db.internal:5432/habitflow"),
        "{stdout}"
    );
    assert!(stdout.contains("redis://:***@cache:6379/0"), "{stdout}");
    std::fs::remove_dir_all(folder).ok();
}

/// A Redis URL the server cannot use is reported without its password.
#[test]
fn a_bad_redis_url_is_reported_without_its_password() {
    for url in [
        "rediss+bogus://:redis-pass-4713@cache:6379/0",
        "redis://:redis-pass-4713@cache:not-a-port/0",
    ] {
        let folder = temp_folder();
        let output = habitflow(&folder)
            .env(
                "HABITFLOW_SECRET_KEY",
                "a-very-long-secret-key-of-forty-characters",
            )
            .env("HABITFLOW_BIND", format!("127.0.0.1:{}", free_port()))
            .env("HABITFLOW_REDIS_URL", url)
            .output()
            .expect("run habitflow");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{url}: {stderr}");
        assert!(stderr.to_lowercase().contains("redis"), "{stderr}");
        assert!(!stderr.contains("redis-pass-4713"), "{url}: {stderr}");
        std::fs::remove_dir_all(folder).ok();
    }
}

#[test]
fn serves_on_the_embedded_default_and_stops_gracefully_on_sigterm() {
    let folder = temp_folder();
    let port = free_port();
    let mut child = habitflow(&folder)
        .env("HABITFLOW_BIND", format!("127.0.0.1:{port}"))
        .spawn()
        .expect("start habitflow");
    wait_until_listening(port, &mut child);
    let (status, body) = http_get(port, "/healthz/ready").expect("ready answers");
    assert_eq!(status, 200, "{body}");
    assert!(
        body.contains(r#""database":"ok""#) && body.contains(r#""redis":"disabled""#),
        "{body}"
    );
    assert!(folder.join("data/habitflow.sqlite3").exists());
    assert!(
        terminate(&mut child).success(),
        "a SIGTERM stops habitflow cleanly"
    );
    std::fs::remove_dir_all(folder).ok();
}

#[tokio::test]
#[cfg_attr(
    not(all(with_postgres, with_redis)),
    ignore = "needs PostgreSQL and Redis: set HABITFLOW_TEST_DATABASE_URL and HABITFLOW_TEST_REDIS_URL"
)]
async fn migrates_an_empty_postgres_database_and_reports_both_checks() {
    let database = habitflow_testkit::TestDatabase::empty_postgres().await;
    let redis_url =
        std::env::var("HABITFLOW_TEST_REDIS_URL").expect("HABITFLOW_TEST_REDIS_URL is set");
    let folder = temp_folder();
    let port = free_port();
    let mut child = habitflow(&folder)
        .env("HABITFLOW_BIND", format!("127.0.0.1:{port}"))
        .env("HABITFLOW_DATABASE_URL", database.url())
        .env("HABITFLOW_REDIS_URL", &redis_url)
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
    let (status, body) = ready.expect("ready answers");
    assert_eq!(status, 200, "{body}");
    assert!(
        body.contains(r#""database":"ok""#) && body.contains(r#""redis":"ok""#),
        "{body}"
    );
    let tables = database
        .store()
        .users()
        .by_email("nobody@example.com")
        .await;
    assert!(tables.is_ok(), "the binary created the schema: {tables:?}");
    database.remove().await;
    std::fs::remove_dir_all(folder).ok();
}

#[test]
fn migrate_creates_the_database_and_exits() {
    let folder = temp_folder();
    let output = habitflow(&folder)
        .arg("migrate")
        .stdout(Stdio::piped())
        .output()
        .expect("run habitflow");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("migrations applied (sqlite)"));
    assert!(folder.join("data/habitflow.sqlite3").exists());
    std::fs::remove_dir_all(folder).ok();
}

/// SIGTERM while a request is in flight (its body half sent) and another
/// connection sits idle: the idle one is closed, the request is answered
/// once its body arrives, then the process exits 0.
#[test]
fn sigterm_lets_an_in_flight_request_finish() {
    let folder = temp_folder();
    let port = free_port();
    let mut child = habitflow(&folder)
        .env("HABITFLOW_BIND", format!("127.0.0.1:{port}"))
        .spawn()
        .expect("start habitflow");
    wait_until_listening(port, &mut child);

    let mut idle = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    idle.set_read_timeout(Some(Duration::from_secs(10)))
        .expect("read timeout");
    write!(
        idle,
        "GET /healthz/live HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .expect("write");
    let mut first = [0u8; 12];
    idle.read_exact(&mut first).expect("an answer");
    assert_eq!(&first, b"HTTP/1.1 200");

    let body = br#"{"email": "ada@example.com", "password": "not-the-password"}"#;
    let mut busy = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    busy.set_read_timeout(Some(Duration::from_secs(10)))
        .expect("read timeout");
    write!(
        busy,
        "POST /auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .expect("write the head");
    busy.write_all(&body[..10]).expect("write part of the body");
    std::thread::sleep(Duration::from_millis(300));

    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("send SIGTERM");
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        child.try_wait().expect("poll").is_none(),
        "habitflow waits for the request in flight"
    );
    let mut rest = Vec::new();
    idle.read_to_end(&mut rest)
        .expect("the idle connection is closed, not left hanging");

    busy.write_all(&body[10..])
        .expect("write the rest of the body");
    let mut answer = String::new();
    busy.read_to_string(&mut answer).expect("an answer");
    assert!(answer.starts_with("HTTP/1.1 401"), "{answer}");
    let started = Instant::now();
    let status = child.wait().expect("wait for habitflow");
    assert!(status.success(), "{status}");
    assert!(started.elapsed() < Duration::from_secs(5));
    std::fs::remove_dir_all(folder).ok();
}

/// With `HABITFLOW_SHUTDOWN_DELAY_SECONDS`, SIGTERM first drains: the health
/// checks answer 503 so a load balancer stops sending requests, other
/// requests are still served (closing their connection), then the process
/// exits 0.
#[test]
fn sigterm_with_a_shutdown_delay_drains_before_closing() {
    let folder = temp_folder();
    let port = free_port();
    let mut child = habitflow(&folder)
        .env("HABITFLOW_BIND", format!("127.0.0.1:{port}"))
        .env("HABITFLOW_SHUTDOWN_DELAY_SECONDS", "5")
        .spawn()
        .expect("start habitflow");
    wait_until_listening(port, &mut child);
    let (status, _) = http_get(port, "/healthz/live").expect("live answers");
    assert_eq!(status, 200);

    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("send SIGTERM");
    let mut draining = None;
    for _ in 0..100 {
        match http_get(port, "/healthz/live") {
            Some((503, body)) => {
                draining = Some(body);
                break;
            }
            Some((200, _)) => std::thread::sleep(Duration::from_millis(20)),
            other => panic!("the server still answers while draining: {other:?}"),
        }
    }
    let body = draining.expect("/healthz/live answers 503 while draining");
    assert!(body.contains(r#""status":"draining""#), "{body}");
    let (status, _) = http_get(port, "/healthz/ready").expect("ready answers");
    assert_eq!(status, 503, "not ready while draining");

    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("still accepting");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("read timeout");
    write!(
        stream,
        "GET /auth/login HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n\r\n"
    )
    .expect("write");
    let mut answer = String::new();
    stream
        .read_to_string(&mut answer)
        .expect("an answer, then the connection closes");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(
        answer.to_lowercase().contains("connection: close"),
        "{answer}"
    );

    let status = child.wait().expect("wait for habitflow");
    assert!(status.success(), "{status}");
    std::fs::remove_dir_all(folder).ok();
}
