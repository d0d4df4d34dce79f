use habitflow::infra::redis::Redis;
use habitflow_testkit::{API, TestApp, get, json, send};
use std::sync::Arc;

fn unreachable_redis() -> Arc<Redis> {
    Arc::new(Redis::new("redis://127.0.0.1:1").unwrap())
}
use axum::http::StatusCode;

#[tokio::test]
async fn live_is_always_ok() {
    let app = TestApp::spawn().await;
    let (response, body) = send(&app.router(), get("/healthz/live", API)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        json(&body),
        serde_json::json!({"status": "ok", "version": habitflow::VERSION})
    );
    assert!(habitflow::VERSION.starts_with(env!("CARGO_PKG_VERSION")));
    app.remove().await;
}

#[tokio::test]
async fn ready_on_sqlite_without_redis() {
    let app = TestApp::spawn().await;
    let (response, body) = send(&app.router(), get("/healthz/ready", API)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        json(&body),
        serde_json::json!({"status": "ok", "checks": {"database": "ok", "redis": "disabled"}})
    );
    app.remove().await;
}

#[tokio::test]
async fn ready_is_degraded_when_redis_does_not_answer() {
    // Nothing listens on port 1: the same answer as a stopped Redis.
    let app = TestApp::builder()
        .with_redis(unreachable_redis())
        .spawn()
        .await;
    let (response, body) = send(&app.router(), get("/healthz/ready", API)).await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        json(&body),
        serde_json::json!({"status": "degraded", "checks": {"database": "ok", "redis": "error"}})
    );
    app.remove().await;
}

#[tokio::test]
#[cfg_attr(
    not(all(with_postgres, with_redis)),
    ignore = "needs PostgreSQL and Redis: set HABITFLOW_TEST_DATABASE_URL and HABITFLOW_TEST_REDIS_URL"
)]
async fn ready_on_postgres_and_redis() {
    let app = TestApp::builder().postgres().redis().spawn().await;
    let (response, body) = send(&app.router(), get("/healthz/ready", API)).await;
    assert_eq!(response.status(), StatusCode::OK, "{body}");
    assert_eq!(
        json(&body)["checks"],
        serde_json::json!({"database": "ok", "redis": "ok"})
    );
    app.remove().await;
}
