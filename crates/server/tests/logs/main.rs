//! Passwords never appear in logs or responses. A test binary of its own:
//! the log capture must not share the process with concurrently running tests.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use habitflow_testkit::{API, TestApp, json};
use serde_json::json;
use std::io::Write;
use std::sync::{Arc, Mutex};

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn passwords_stay_out_of_logs_and_responses() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let app = TestApp::spawn().await;
    let first = "first secret phrase 11";
    let wrong = "wrong secret phrase 22";
    let second = "second secret phrase 33";
    let mut client = app.browser();
    let mut bodies = Vec::new();
    let (_, body) = client
        .send_json(
            "POST",
            "/auth/register",
            json!({"email": "ada@example.com", "password": first}),
            None,
        )
        .await;
    bodies.push(body);
    let mut other = app.browser();
    let (_, body) = other
        .send_json(
            "POST",
            "/auth/login",
            json!({"email": "ada@example.com", "password": wrong}),
            None,
        )
        .await;
    bodies.push(body);
    let (_, body) = other
        .send_json(
            "POST",
            "/auth/login",
            json!({"email": "ada@example.com", "password": first}),
            None,
        )
        .await;
    bodies.push(body);
    let token = client.csrf_token().await;
    let (response, body) = client
        .send_json(
            "POST",
            "/settings/password",
            json!({"current_password": first, "new_password": second}),
            Some(&token),
        )
        .await;
    assert_eq!(response.status(), 200, "{body}");
    bodies.push(body);
    let (_, body) = client
        .send_json(
            "POST",
            "/settings/password",
            json!({"current_password": wrong, "new_password": "x"}),
            Some(&token),
        )
        .await;
    bodies.push(body);
    let (_, body) = client.get("/settings", API).await;
    assert!(json(&body).get("password_hash").is_none());
    bodies.push(body);

    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    for event in [
        "register",
        "login_failure",
        "login_success",
        "password_changed",
        "password_change_refused",
    ] {
        assert!(
            logs.contains(&format!("event=\"{event}\""))
                || logs.contains(&format!("event={event}")),
            "{event} is logged:\n{logs}"
        );
    }
    for secret in [first, wrong, second, "$argon2id$"] {
        assert!(!logs.contains(secret), "{secret} leaked into the logs");
        assert!(
            bodies.iter().all(|body| !body.contains(secret)),
            "{secret} leaked into a response"
        );
    }
    app.remove().await;
}

/// A flood refused by the request limit per client address logs once, not
/// once per refused request (docs/security.md, request floods).
#[tokio::test]
async fn a_refused_flood_is_logged_once() {
    use axum::body::Body;
    use axum::http::Request;
    use std::num::NonZeroU32;

    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::INFO)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let app = TestApp::spawn().await;
    let mut state = app.state.clone();
    state.web = Arc::new(habitflow::web::WebSettings {
        client_requests_per_minute: NonZeroU32::new(2),
        ..(*state.web).clone()
    });
    let router = habitflow::web::router(state);
    let mut statuses = Vec::new();
    for _ in 0..5 {
        let request = Request::get("/healthz/live")
            .header("accept", API)
            .header("x-forwarded-for", "203.0.113.9")
            .body(Body::empty())
            .unwrap();
        let (response, _) = habitflow_testkit::send(&router, request).await;
        statuses.push(response.status().as_u16());
    }
    assert_eq!(statuses.iter().filter(|s| **s == 429).count(), 3);
    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    let lines = |needle: &str| log.lines().filter(|line| line.contains(needle)).count();
    assert_eq!(
        lines("habitflow::access"),
        2,
        "only the allowed requests: {log}"
    );
    assert_eq!(lines("rate limit hit"), 1, "{log}");
    app.remove().await;
}
