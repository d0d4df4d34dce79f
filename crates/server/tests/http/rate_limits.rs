//! Login rate limits: per account and IP, so a stranger cannot lock a user out.
use habitflow::infra::memory_limiter::MemoryLimiter;
use habitflow_testkit::{Browser, TestApp};
use serde_json::json;
use std::sync::Arc;

async fn attempt(client: &mut Browser, password: &str) -> (u16, Option<String>) {
    let (response, _) = client
        .send_json(
            "POST",
            "/auth/login",
            json!({"email": "ada@example.com", "password": password}),
            None,
        )
        .await;
    let retry_after = response
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().to_owned());
    (response.status().as_u16(), retry_after)
}

async fn register_ada(app: &TestApp) -> String {
    app.browser().register("ada@example.com").await
}

#[tokio::test]
async fn the_sixth_attempt_in_a_minute_is_limited_but_another_ip_gets_in() {
    let app = TestApp::spawn().await;
    let password = register_ada(&app).await;
    let mut attacker = app.browser();
    attacker.ip = "203.0.113.66".into();
    for _ in 0..5 {
        assert_eq!(attempt(&mut attacker, "guess").await.0, 401);
    }
    let (status, retry_after) = attempt(&mut attacker, "guess").await;
    assert_eq!(status, 429);
    let seconds: u64 = retry_after.expect("Retry-After").parse().unwrap();
    assert!((1..=60).contains(&seconds));
    assert_eq!(
        attempt(&mut attacker, &password).await.0,
        429,
        "even the right password waits"
    );

    let mut owner = app.browser();
    owner.ip = "198.51.100.20".into();
    assert_eq!(
        attempt(&mut owner, &password).await.0,
        200,
        "the account is not locked for everyone"
    );

    let (response, body) = attacker
        .post_form(
            "/auth/login",
            &[("email", "ada@example.com"), ("password", "guess")],
        )
        .await;
    assert!(
        response.status() == 429 || response.status() == 403,
        "{body}"
    );
    app.remove().await;
}

#[tokio::test]
#[cfg_attr(not(with_redis), ignore = "needs Redis: set HABITFLOW_TEST_REDIS_URL")]
async fn two_instances_share_the_counters_through_redis() {
    let first = TestApp::builder().redis().spawn().await;
    let second = habitflow::web::router(first.second_instance().await);
    register_ada(&first).await;
    let mut on_first = first.browser();
    on_first.ip = "203.0.113.66".into();
    for _ in 0..5 {
        assert_eq!(attempt(&mut on_first, "guess").await.0, 401);
    }
    let mut on_second = Browser::new(second);
    on_second.ip = "203.0.113.66".into();
    assert_eq!(
        attempt(&mut on_second, "guess").await.0,
        429,
        "the second instance sees the first one's attempts"
    );
    drop(on_second);
    first.remove().await;
}

/// The app with its in-process limiter in the test's hands, to count its keys.
async fn app_with_visible_limiter() -> (TestApp, Arc<MemoryLimiter>) {
    let mut app = TestApp::spawn().await;
    let limiter = Arc::new(MemoryLimiter::default());
    app.state.services.limiter = limiter.clone();
    (app, limiter)
}

#[tokio::test]
async fn an_email_over_254_characters_is_refused_before_any_limiter_key() {
    let (app, limiter) = app_with_visible_limiter().await;
    let mut client = app.browser();
    let huge = format!("{}@example.com", "a".repeat(1_000_000));
    for path in ["/auth/login", "/auth/register"] {
        let (response, body) = client
            .send_json(
                "POST",
                path,
                json!({"email": huge, "password": "a sturdy passphrase 42"}),
                None,
            )
            .await;
        assert_eq!(response.status(), 422, "{path}: {body}");
        assert!(
            habitflow_testkit::json(&body)["error"]["fields"]["email"].is_string(),
            "{path}: {body}"
        );
    }
    assert_eq!(limiter.len(), 0, "no limiter key was recorded");
    app.remove().await;
}

#[tokio::test]
async fn a_login_password_over_256_characters_is_refused_before_hashing() {
    let (app, limiter) = app_with_visible_limiter().await;
    register_ada(&app).await;
    let before = limiter.len();
    let mut client = app.browser();
    let (status, _) = attempt(&mut client, &"p".repeat(257)).await;
    assert_eq!(
        status, 422,
        "refused as input, not checked against the hash"
    );
    assert_eq!(limiter.len(), before, "no limiter key was recorded");
    app.remove().await;
}

#[tokio::test]
async fn ipv6_clients_in_the_same_64_share_a_login_counter() {
    let app = TestApp::spawn().await;
    register_ada(&app).await;
    let mut first = app.browser();
    first.ip = "2001:db8:1:2::1".into();
    for _ in 0..5 {
        assert_eq!(attempt(&mut first, "guess").await.0, 401);
    }
    let mut neighbour = app.browser();
    neighbour.ip = "2001:db8:1:2:ffff:ffff:ffff:fffe".into();
    assert_eq!(
        attempt(&mut neighbour, "guess").await.0,
        429,
        "another address of the same /64 is the same client"
    );
    let mut elsewhere = app.browser();
    elsewhere.ip = "2001:db8:1:3::1".into();
    assert_eq!(attempt(&mut elsewhere, "guess").await.0, 401);
    app.remove().await;
}

#[tokio::test]
async fn the_sixth_wrong_password_change_in_a_minute_is_limited() {
    let app = TestApp::spawn().await;
    let mut ada = app.signed_in("ada@example.com").await;
    let body =
        json!({"current_password": "wrong guess", "new_password": "another sturdy phrase 7"});
    for _ in 0..5 {
        let (status, answer) = ada.call("POST", "/settings/password", body.clone()).await;
        assert_eq!(status, 422, "{answer}");
    }
    let token = ada.csrf_token().await;
    let (response, answer) = ada
        .send_json("POST", "/settings/password", body, Some(&token))
        .await;
    assert_eq!(response.status(), 429, "{answer}");
    let seconds: u64 = response
        .headers()
        .get("retry-after")
        .expect("Retry-After")
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&seconds));
    app.remove().await;
}
