//! The quotes job against a fake quotes API on 127.0.0.1: good batches are
//! stored, every kind of failure keeps the current quotes, and two instances
//! refreshing the same slot fetch once.
use axum::Router;
use axum::routing::get;
use habitflow::app::quotes::{refresh, refresh_slot};
use habitflow::infra::zenquotes::ZenQuotesClient;
use habitflow_domain::model::Quote;
use habitflow_testkit::{TestApp, TestAppBuilder};
use serde_json::json;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

struct FakeQuotes {
    base: String,
    hits: Arc<AtomicUsize>,
}

async fn fake_quotes_api() -> FakeQuotes {
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = hits.clone();
    let app = Router::new()
        .route("/good", get(|| async { axum::Json(json!([{"q": "Start where you are.", "a": "Arthur Ashe"}, {"q": "Keep going.", "a": ""}, {"q": "", "a": "Nobody"}])) }))
        .route("/malformed", get(|| async { "[{\"q\": \"unfinished" }))
        .route("/object", get(|| async { axum::Json(json!({"q": "not an array"})) }))
        .route("/limited", get(|| async { (axum::http::StatusCode::TOO_MANY_REQUESTS, "slow down") }))
        .route("/slow", get(|| async {
            tokio::time::sleep(Duration::from_secs(3)).await;
            axum::Json(json!([{"q": "Too late.", "a": "Clock"}]))
        }))
        .route("/huge", get(|| async {
            let item = json!({"q": "x".repeat(200), "a": "Big"});
            axum::Json(json!(vec![item; 6000]))
        }))
        .route("/too-long", get(|| async { axum::Json(json!([{"q": "x".repeat(257), "a": "Verbose"}, {"q": "Fine.", "a": "a".repeat(129)}])) }))
        .route("/mixed", get(|| async { axum::Json(json!([{"q": "x".repeat(257), "a": "Verbose"}, {"q": "Short and sweet.", "a": "Someone"}])) }))
        .layer(axum::middleware::from_fn(move |request: axum::extract::Request, next: axum::middleware::Next| {
            let counter = counter.clone();
            async move {
                counter.fetch_add(1, Ordering::SeqCst);
                next.run(request).await
            }
        }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.ok() });
    FakeQuotes { base, hits }
}

fn client(fake: &FakeQuotes, path: &str) -> ZenQuotesClient {
    ZenQuotesClient::new(&format!("{}{path}", fake.base), Duration::from_secs(1))
}

#[tokio::test]
async fn good_batches_replace_the_quotes_and_failures_keep_them() {
    let fake = fake_quotes_api().await;
    let app = TestApp::spawn().await;
    assert!(
        app.state
            .services
            .store
            .quotes()
            .latest()
            .await
            .unwrap()
            .is_empty(),
        "until a fetch, the bundled set is used"
    );
    assert_eq!(
        refresh(&app.state.services, &client(&fake, "/good"))
            .await
            .unwrap(),
        2,
        "the empty item is skipped"
    );
    let stored = app.state.services.store.quotes().latest().await.unwrap();
    let expected = vec![
        Quote {
            text: "Start where you are.".into(),
            author: "Arthur Ashe".into(),
        },
        Quote {
            text: "Keep going.".into(),
            author: String::new(),
        },
    ];
    assert_eq!(stored, expected);
    for failing in [
        "/malformed",
        "/object",
        "/limited",
        "/slow",
        "/huge",
        "/too-long",
        "/missing",
    ] {
        let result = refresh(&app.state.services, &client(&fake, failing)).await;
        assert!(result.is_err(), "{failing} must fail");
        assert_eq!(
            app.state.services.store.quotes().latest().await.unwrap(),
            expected,
            "{failing} keeps the current quotes"
        );
    }
    assert_eq!(
        refresh(&app.state.services, &client(&fake, "/mixed"))
            .await
            .unwrap(),
        1,
        "invalid items are skipped, valid ones kept"
    );
    app.remove().await;
}

async fn two_instances_fetch_once(first: TestAppBuilder) {
    let fake = fake_quotes_api().await;
    let first = first.spawn().await;
    let second_state = first.second_instance().await;
    let (a, b) = (client(&fake, "/good"), client(&fake, "/good"));
    let (one, two) = tokio::join!(
        refresh_slot(&first.state.services, &a, 7),
        refresh_slot(&second_state.services, &b, 7)
    );
    let outcomes = [one.unwrap(), two.unwrap()];
    assert_eq!(
        outcomes.iter().filter(|o| o.is_some()).count(),
        1,
        "{outcomes:?}"
    );
    assert_eq!(
        fake.hits.load(Ordering::SeqCst),
        1,
        "one fetch for the slot"
    );
    assert!(
        refresh_slot(&second_state.services, &b, 8)
            .await
            .unwrap()
            .is_some(),
        "the next slot runs again"
    );
    first.remove().await;
}

#[tokio::test]
async fn two_instances_on_sqlite_fetch_once() {
    two_instances_fetch_once(TestApp::builder()).await;
}

#[tokio::test]
#[cfg_attr(
    not(all(with_postgres, with_redis)),
    ignore = "needs PostgreSQL and Redis: set HABITFLOW_TEST_DATABASE_URL and HABITFLOW_TEST_REDIS_URL"
)]
async fn two_instances_on_postgres_and_redis_fetch_once() {
    two_instances_fetch_once(TestApp::builder().postgres().redis()).await;
}

#[tokio::test]
async fn the_job_refreshes_at_start_and_stops_when_cancelled() {
    let fake = fake_quotes_api().await;
    let app = TestApp::spawn().await;
    let cancel = tokio_util::sync::CancellationToken::new();
    let job = habitflow::jobs::spawn_quotes(
        app.state.services.clone(),
        Arc::new(client(&fake, "/good")),
        Duration::from_secs(3600),
        cancel.clone(),
    );
    for _ in 0..50 {
        if !app
            .state
            .services
            .store
            .quotes()
            .latest()
            .await
            .unwrap()
            .is_empty()
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(
        app.state
            .services
            .store
            .quotes()
            .latest()
            .await
            .unwrap()
            .len(),
        2,
        "fetched at start-up"
    );
    cancel.cancel();
    tokio::time::timeout(Duration::from_secs(5), job)
        .await
        .expect("the job stops")
        .unwrap();
    assert_eq!(fake.hits.load(Ordering::SeqCst), 1);
    app.remove().await;
}
