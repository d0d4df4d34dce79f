//! The request limit per client address (`HABITFLOW_CLIENT_REQUESTS_PER_MINUTE`,
//! docs/security.md, request floods): every request counts, one address over
//! its rate gets 429 with `Retry-After` before the session, CSRF or the body
//! are looked at, and other addresses are not affected.
use axum::Router;
use axum::body::Body;
use axum::http::Request;
use habitflow::web::{WebSettings, router};
use habitflow_testkit::{API, BROWSER, TestApp, json, send};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The app's router with `per_minute` requests a minute per client (or none).
fn limited_router(app: &TestApp, per_minute: u32) -> Router {
    let mut state = app.state.clone();
    state.web = Arc::new(WebSettings {
        client_requests_per_minute: NonZeroU32::new(per_minute),
        ..(*state.web).clone()
    });
    router(state)
}

fn from(client: &str, method: &str, path: &str, accept: &str) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(path)
        .header("accept", accept)
        .header("x-forwarded-for", client)
        .body(Body::empty())
        .unwrap()
}

async fn status(router: &Router, client: &str) -> u16 {
    let (response, _) = send(router, from(client, "GET", "/healthz/live", API)).await;
    response.status().as_u16()
}

#[tokio::test]
async fn a_client_over_its_rate_gets_429_and_others_do_not() {
    let app = TestApp::spawn().await;
    let router = limited_router(&app, 5);
    for _ in 0..5 {
        assert_eq!(status(&router, "203.0.113.9").await, 200);
    }
    let (response, body) = send(&router, from("203.0.113.9", "GET", "/tasks", API)).await;
    assert_eq!(response.status(), 429);
    let retry_after: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=12).contains(&retry_after), "{retry_after}");
    assert_eq!(json(&body)["error"]["code"], "rate_limited", "{body}");
    assert_eq!(response.headers()["x-frame-options"], "DENY");
    let (response, page) = send(&router, from("203.0.113.9", "GET", "/", BROWSER)).await;
    assert_eq!(response.status(), 429);
    assert!(
        page.contains("<html"),
        "browsers get the error page: {page}"
    );
    assert_eq!(
        status(&router, "203.0.113.10").await,
        200,
        "another address counts alone"
    );
}

#[tokio::test]
async fn an_ipv6_client_is_counted_by_its_64() {
    let app = TestApp::spawn().await;
    let router = limited_router(&app, 3);
    for host in 1..=3 {
        assert_eq!(status(&router, &format!("2001:db8:1:2::{host}")).await, 200);
    }
    assert_eq!(
        status(&router, "2001:db8:1:2:ffff::4").await,
        429,
        "a new address in the same /64 is the same client"
    );
    assert_eq!(status(&router, "2001:db8:1:3::1").await, 200);
}

/// A refused request is not read any further: no session lookup, no CSRF
/// check (which would answer 403), no body (which would answer 413).
#[tokio::test]
async fn a_refused_request_is_answered_before_csrf_and_the_body() {
    let app = TestApp::spawn().await;
    let router = limited_router(&app, 1);
    assert_eq!(status(&router, "203.0.113.9").await, 200);
    let request = Request::builder()
        .method("POST")
        .uri("/settings/password")
        .header("accept", API)
        .header("content-type", "application/json")
        .header("x-forwarded-for", "203.0.113.9")
        .header("cookie", "habitflow_session=forged")
        .body(Body::from(vec![b' '; 2 * 1024 * 1024]))
        .unwrap();
    let (response, _) = send(&router, request).await;
    assert_eq!(response.status(), 429);
}

/// The default allows a minute's worth (1,200) at once, then 20 a second.
#[tokio::test]
async fn the_default_allows_1200_at_once_and_zero_turns_it_off() {
    let app = TestApp::spawn().await;
    let default = app.router();
    let started = Instant::now();
    let mut allowed = 0;
    while status(&default, "203.0.113.9").await == 200 {
        allowed += 1;
        assert!(allowed <= 5_000, "never refused");
    }
    let refilled = (started.elapsed().as_secs_f64() * 20.0).ceil() as u32;
    assert!(
        (1_200..=1_200 + refilled).contains(&allowed),
        "{allowed} allowed, {refilled} refilled meanwhile"
    );
    let unlimited = limited_router(&app, 0);
    for n in 0..1_500 {
        assert_eq!(status(&unlimited, "203.0.113.9").await, 200, "request {n}");
    }
}

/// A refusal is held back a second, so a flooding client that waits for its
/// answers slows down; beyond 256 held at once the rest are answered at once.
#[tokio::test]
async fn refusals_are_held_back_a_second_up_to_256_at_once() {
    let app = TestApp::spawn().await;
    let router = limited_router(&app, 1);
    assert_eq!(status(&router, "203.0.113.9").await, 200);
    let timed = |router: Router| async move {
        let started = Instant::now();
        let code = status(&router, "203.0.113.9").await;
        (code, started.elapsed())
    };
    let answers = futures_util::future::join_all((0..300).map(|_| timed(router.clone()))).await;
    assert!(answers.iter().all(|(code, _)| *code == 429));
    let held = answers
        .iter()
        .filter(|(_, took)| *took >= Duration::from_millis(1_000))
        .count();
    assert_eq!(held, 256, "{answers:?}");
}
