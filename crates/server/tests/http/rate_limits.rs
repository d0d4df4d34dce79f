//! Login rate limits: per account and IP, so a stranger cannot lock a user out.
use habitflow_testkit::{Browser, TestApp};
use serde_json::json;

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
