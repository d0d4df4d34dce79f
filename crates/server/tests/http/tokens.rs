//! Personal access tokens (docs/security.md, API tokens) through the real
//! router on each backend: made and listed from a browser session, used
//! with `Authorization: Bearer` alone, limited by scope and by route, and
//! refused (401 with `WWW-Authenticate`) when wrong, expired or revoked.
use axum::body::Body;
use axum::http::{Request, Response};
use habitflow_testkit::{API, Browser, TestApp, id_of, send};
use jiff::SignedDuration;
use serde_json::{Value, json};

const NOW: &str = "2026-03-10T12:00:00Z";

habitflow_testkit::on_each_backend!(
    sqlite => TestApp::builder().clock(NOW).spawn(),
    postgres if with_postgres => TestApp::builder().postgres().clock(NOW).spawn();
    a_token_is_shown_once_listed_without_its_secret_and_revoked,
    a_read_token_reads_but_cannot_write,
    a_write_token_creates_and_checks_in_without_cookie_or_csrf,
    no_token_can_manage_tokens_the_password_or_sign_in_methods,
    revoked_expired_and_malformed_tokens_are_401_with_www_authenticate,
    a_cookie_with_a_bad_bearer_is_401_without_falling_back,
    other_users_records_are_404_through_a_token,
    bad_token_floods_hit_the_rate_limit,
    last_use_is_recorded_at_most_once_a_minute,
    bad_token_requests_name_the_field,
    the_tokens_page_shows_the_new_token_once_in_each_language,
    a_token_survives_a_password_change,
);

/// Makes a token from `browser`'s session; the 201 answer.
async fn new_token(browser: &mut Browser, scope: &str, days: Option<i64>) -> Value {
    let (status, created) = browser
        .call(
            "POST",
            "/settings/tokens",
            json!({"name": format!("{scope} script"), "scope": scope, "expires_in_days": days}),
        )
        .await;
    assert_eq!(status, 201, "{created}");
    created
}

fn secret(created: &Value) -> String {
    created["token"].as_str().unwrap().to_owned()
}

/// A request with the bearer token only: no cookie, no CSRF token.
fn bearer_request(token: &str, method: &str, path: &str, body: Option<Value>) -> Request<Body> {
    let request = Request::builder()
        .method(method)
        .uri(path)
        .header("accept", API)
        .header("authorization", format!("Bearer {token}"));
    match body {
        Some(body) => request
            .header("content-type", "application/json")
            .body(Body::from(body.to_string())),
        None => request.body(Body::empty()),
    }
    .unwrap()
}

async fn with_token(
    app: &TestApp,
    token: &str,
    method: &str,
    path: &str,
    body: Option<Value>,
) -> (Response<()>, Value) {
    let (response, text) = send(&app.router(), bearer_request(token, method, path, body)).await;
    let value = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap()
    };
    (response, value)
}

fn assert_invalid_token(response: &Response<()>, body: &Value, what: &str) {
    assert_eq!(response.status(), 401, "{what}: {body}");
    let challenge = response
        .headers()
        .get("www-authenticate")
        .unwrap_or_else(|| panic!("{what}: no WWW-Authenticate"))
        .to_str()
        .unwrap();
    assert!(challenge.starts_with("Bearer"), "{what}: {challenge}");
    assert_eq!(body["error"]["code"], "invalid_token", "{what}: {body}");
}

async fn a_token_is_shown_once_listed_without_its_secret_and_revoked(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let created = new_token(&mut ada, "read", Some(30)).await;
    let token = secret(&created);
    assert!(token.starts_with("hf_") && token.len() == 46, "{token}");
    assert_eq!(created["scope"], "read");
    assert_eq!(created["name"], "read script");
    assert_eq!(created["created_at"], NOW);
    assert_eq!(created["expires_at"], "2026-04-09T12:00:00Z");
    assert_eq!(created["last_used_at"], Value::Null);

    let listed = ada.get_json("/settings/tokens").await;
    let items = listed["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["id"], created["id"]);
    assert!(
        items[0].get("token").is_none(),
        "the secret is never listed"
    );
    let owner = app.stored_user("ada@example.com").await;
    let stored = app
        .state
        .services
        .store
        .tokens()
        .list(owner.id)
        .await
        .unwrap();
    assert_ne!(stored[0].token_hash, token, "only the hash is stored");
    assert_eq!(stored[0].token_hash.len(), 64);

    let id = id_of(&created);
    let mut bob = app.signed_in("bob@example.com").await;
    let (status, _) = bob
        .call("DELETE", &format!("/settings/tokens/{id}"), json!({}))
        .await;
    assert_eq!(status, 404, "another user's token is missing to them");
    let (status, _) = ada
        .call("DELETE", &format!("/settings/tokens/{id}"), json!({}))
        .await;
    assert_eq!(status, 204);
    let (status, _) = ada
        .call("DELETE", &format!("/settings/tokens/{id}"), json!({}))
        .await;
    assert_eq!(status, 404);
    let (status, _) = ada
        .call("DELETE", "/settings/tokens/not-a-uuid", json!({}))
        .await;
    assert_eq!(status, 404);
    assert_eq!(ada.get_json("/settings/tokens").await["items"], json!([]));
}

async fn a_read_token_reads_but_cannot_write(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    ada.create_habit(json!({"name": "Read", "schedule_type": "daily", "schedule_config": {}}))
        .await;
    let token = secret(&new_token(&mut ada, "read", None).await);
    let (response, habits) = with_token(app, &token, "GET", "/habits", None).await;
    assert_eq!(response.status(), 200, "{habits}");
    assert_eq!(habits["items"][0]["name"], "Read");
    let (response, _) = with_token(app, &token, "HEAD", "/habits", None).await;
    assert_eq!(response.status(), 200);
    let body = json!({"name": "Write", "schedule_type": "daily", "schedule_config": {}});
    let (response, refused) = with_token(app, &token, "POST", "/habits", Some(body)).await;
    assert_eq!(response.status(), 403, "{refused}");
    assert_eq!(refused["error"]["code"], "forbidden");
    let (response, _) =
        with_token(app, &token, "POST", "/themes", Some(json!({"name": "x"}))).await;
    assert_eq!(response.status(), 403);
    assert_eq!(
        ada.get_json("/habits").await["total"],
        1,
        "nothing was written"
    );
}

async fn a_write_token_creates_and_checks_in_without_cookie_or_csrf(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let token = secret(&new_token(&mut ada, "write", Some(365)).await);
    let body = json!({"name": "Stretch", "schedule_type": "daily", "schedule_config": {}});
    let (response, habit) = with_token(app, &token, "POST", "/habits", Some(body)).await;
    assert_eq!(response.status(), 201, "{habit}");
    assert!(
        response
            .headers()
            .get("set-cookie")
            .is_none_or(|c| !c.to_str().unwrap().starts_with("habitflow_session"))
    );
    let id = id_of(&habit);
    let path = format!("/habits/{id}/checkins");
    let body = json!({"date": "2026-03-10", "kind": "done"});
    let (response, outcome) = with_token(app, &token, "POST", &path, Some(body)).await;
    assert_eq!(response.status(), 200, "{outcome}");
    assert_eq!(outcome["kind"], "done");
    assert_eq!(outcome["current_streak"], 1);
    let seen = ada.get_json(&format!("/habits/{id}")).await;
    assert_eq!(seen["name"], "Stretch", "the habit is Ada's");
    let (response, _) = with_token(
        app,
        &token,
        "DELETE",
        &format!("/habits/{id}/checkins/2026-03-10"),
        None,
    )
    .await;
    assert_eq!(response.status(), 200);
}

async fn no_token_can_manage_tokens_the_password_or_sign_in_methods(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let token = secret(&new_token(&mut ada, "write", None).await);
    let other = id_of(&new_token(&mut ada, "read", None).await);
    let identity = uuid::Uuid::now_v7();
    let forbidden = [
        ("GET", "/settings/tokens".to_owned(), None),
        (
            "POST",
            "/settings/tokens".to_owned(),
            Some(json!({"name": "more", "scope": "write"})),
        ),
        ("DELETE", format!("/settings/tokens/{other}"), None),
        (
            "POST",
            "/settings/password".to_owned(),
            Some(
                json!({"current_password": habitflow_testkit::PASSWORD, "new_password": "another long password"}),
            ),
        ),
        ("POST", "/settings/identities/link".to_owned(), None),
        (
            "POST",
            format!("/settings/identities/{identity}/unlink"),
            None,
        ),
        ("GET", "/settings/sessions".to_owned(), None),
        ("POST", "/auth/logout-all".to_owned(), None),
    ];
    for (method, path, body) in forbidden {
        let (response, refused) = with_token(app, &token, method, &path, body).await;
        assert_eq!(response.status(), 403, "{method} {path}: {refused}");
        assert_eq!(refused["error"]["code"], "forbidden", "{method} {path}");
    }
    assert_eq!(
        ada.get_json("/settings/tokens").await["items"]
            .as_array()
            .unwrap()
            .len(),
        2,
        "no token was made or revoked"
    );
    ada.log_in("ada@example.com", habitflow_testkit::PASSWORD)
        .await;
}

async fn revoked_expired_and_malformed_tokens_are_401_with_www_authenticate(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let revoked = new_token(&mut ada, "write", None).await;
    let (status, _) = ada
        .call(
            "DELETE",
            &format!("/settings/tokens/{}", id_of(&revoked)),
            json!({}),
        )
        .await;
    assert_eq!(status, 204);
    let (response, body) = with_token(app, &secret(&revoked), "GET", "/habits", None).await;
    assert_invalid_token(&response, &body, "revoked");

    let expiring = secret(&new_token(&mut ada, "read", Some(1)).await);
    let (response, _) = with_token(app, &expiring, "GET", "/habits", None).await;
    assert_eq!(response.status(), 200, "alive for a day");
    app.clock().advance(SignedDuration::from_hours(24));
    let (response, body) = with_token(app, &expiring, "GET", "/habits", None).await;
    assert_invalid_token(&response, &body, "expired");

    let unknown = format!("hf_{}", "A".repeat(43));
    for (what, token) in [
        ("unknown", unknown.as_str()),
        ("empty", ""),
        ("no prefix", "abc"),
        ("too short", "hf_abc"),
        (
            "bad characters",
            "hf_++++++++++++++++++++++++++++++++++++++++++",
        ),
    ] {
        let (response, body) = with_token(app, token, "GET", "/habits", None).await;
        assert_invalid_token(&response, &body, what);
    }
}

async fn a_cookie_with_a_bad_bearer_is_401_without_falling_back(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    assert_eq!(
        ada.fetch("/habits").await.0,
        200,
        "the cookie alone signs in"
    );
    let wrong = format!("hf_{}", "B".repeat(43));
    let (response, text) = ada
        .send(bearer_request(&wrong, "GET", "/habits", None))
        .await;
    let body: Value = serde_json::from_str(&text).unwrap();
    assert_invalid_token(&response, &body, "cookie plus a wrong bearer");
    let csrf = ada.csrf_token().await;
    let mut request = bearer_request(&wrong, "POST", "/themes", Some(json!({"name": "x"})));
    request
        .headers_mut()
        .insert("x-csrf-token", csrf.parse().unwrap());
    let (response, text) = ada.send(request).await;
    let body: Value = serde_json::from_str(&text).unwrap();
    assert_invalid_token(&response, &body, "cookie and CSRF plus a wrong bearer");
    assert_eq!(ada.get_json("/themes").await["total"], 0);
}

async fn other_users_records_are_404_through_a_token(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let habit = ada
        .create_habit(json!({"name": "Ada's", "schedule_type": "daily", "schedule_config": {}}))
        .await;
    let task = ada.create_task(json!({"name": "Ada's task"})).await;
    let mut bob = app.signed_in("bob@example.com").await;
    let token = secret(&new_token(&mut bob, "write", None).await);
    let habit = id_of(&habit);
    let task = id_of(&task);
    for (method, path, body) in [
        ("GET", format!("/habits/{habit}"), None),
        (
            "POST",
            format!("/habits/{habit}/checkins"),
            Some(json!({"kind": "done"})),
        ),
        ("DELETE", format!("/habits/{habit}"), None),
        ("GET", format!("/tasks/{task}"), None),
        ("POST", format!("/tasks/{task}/complete"), None),
    ] {
        let (response, answer) = with_token(app, &token, method, &path, body).await;
        assert_eq!(response.status(), 404, "{method} {path}: {answer}");
        assert_eq!(answer["error"]["code"], "not_found");
    }
    assert_eq!(
        ada.get_json(&format!("/habits/{habit}")).await["name"],
        "Ada's"
    );
}

async fn bad_token_floods_hit_the_rate_limit(app: &TestApp) {
    let wrong = format!("hf_{}", "C".repeat(43));
    for attempt in 1..=20 {
        let (response, body) = with_token(app, &wrong, "GET", "/habits", None).await;
        assert_eq!(response.status(), 401, "attempt {attempt}: {body}");
    }
    let (response, body) = with_token(app, &wrong, "GET", "/habits", None).await;
    assert_eq!(response.status(), 429, "{body}");
    assert!(response.headers().get("retry-after").is_some());
    let (response, _) = with_token(app, "garbage", "GET", "/habits", None).await;
    assert_eq!(response.status(), 429, "malformed tokens count too");
}

async fn last_use_is_recorded_at_most_once_a_minute(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let token = secret(&new_token(&mut ada, "read", None).await);
    let last_used = async |ada: &mut Browser| {
        ada.get_json("/settings/tokens").await["items"][0]["last_used_at"].clone()
    };
    with_token(app, &token, "GET", "/habits", None).await;
    assert_eq!(last_used(&mut ada).await, NOW);
    app.clock().advance(SignedDuration::from_secs(30));
    with_token(app, &token, "GET", "/habits", None).await;
    assert_eq!(
        last_used(&mut ada).await,
        NOW,
        "not again within the minute"
    );
    app.clock().advance(SignedDuration::from_secs(31));
    with_token(app, &token, "GET", "/habits", None).await;
    assert_eq!(last_used(&mut ada).await, "2026-03-10T12:01:01Z");
}

async fn bad_token_requests_name_the_field(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    for (body, field) in [
        (json!({"name": "", "scope": "read"}), "name"),
        (json!({"name": "x", "scope": "admin"}), "scope"),
        (
            json!({"name": "x", "scope": "read", "expires_in_days": 0}),
            "expires_in_days",
        ),
        (
            json!({"name": "x", "scope": "read", "expires_in_days": 366}),
            "expires_in_days",
        ),
    ] {
        let (status, refused) = ada.call("POST", "/settings/tokens", body.clone()).await;
        assert_eq!(status, 422, "{body}: {refused}");
        assert!(
            refused["error"]["fields"][field].is_string(),
            "{body}: {refused}"
        );
    }
    let (status, _) = ada
        .call(
            "POST",
            "/settings/tokens",
            json!({"name": "x", "scope": "read", "admin": true}),
        )
        .await;
    assert_eq!(status, 422, "unknown fields are refused");
    for n in 0..20 {
        new_token(&mut ada, if n % 2 == 0 { "read" } else { "write" }, None).await;
    }
    let (status, refused) = ada
        .call(
            "POST",
            "/settings/tokens",
            json!({"name": "one too many", "scope": "read"}),
        )
        .await;
    assert_eq!(status, 422, "{refused}");
    assert_eq!(refused["error"]["code"], "quota_exceeded");
    assert!(
        refused["error"]["message"]
            .as_str()
            .unwrap()
            .contains("20 tokens")
    );
    assert!(
        ada.get_json("/settings/tokens").await["items"]
            .as_array()
            .unwrap()
            .len()
            == 20
    );
}

async fn the_tokens_page_shows_the_new_token_once_in_each_language(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let (response, page) = ada
        .get("/settings/tokens", habitflow_testkit::BROWSER)
        .await;
    assert_eq!(response.status(), 200);
    assert!(
        page.contains("Changing your password does not end it"),
        "{page}"
    );
    let csrf = ada.csrf_token().await;
    let (response, page) = ada
        .post_form(
            "/settings/tokens",
            &[
                ("csrf_token", &csrf),
                ("name", "Shortcut"),
                ("scope", "write"),
                ("expires_in_days", ""),
            ],
        )
        .await;
    assert_eq!(response.status(), 201, "{page}");
    let start = page.find("value=\"hf_").expect("the new token is shown") + "value=\"".len();
    let shown = &page[start..start + 46];
    assert!(page.contains("data-copy=\"new-token\""), "a copy button");
    assert!(!page.contains("<script>"), "no inline script");
    let (response, _) = with_token(app, shown, "GET", "/habits", None).await;
    assert_eq!(response.status(), 200, "the shown token works");
    let (_, again) = ada
        .get("/settings/tokens", habitflow_testkit::BROWSER)
        .await;
    assert!(!again.contains(shown), "shown only once");
    assert!(again.contains("Shortcut"));

    let (status, _) = ada
        .call("POST", "/settings/language", json!({"language": "ru"}))
        .await;
    assert_eq!(status, 200);
    let (_, page) = ada
        .get("/settings/tokens", habitflow_testkit::BROWSER)
        .await;
    assert!(page.contains("Смена пароля его не отменяет"), "{page}");
    let (response, page) = ada
        .post_form(
            "/settings/tokens",
            &[
                ("csrf_token", &csrf),
                ("name", ""),
                ("scope", "read"),
                ("expires_in_days", "30"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422, "{page}");
    assert!(page.contains("field-error"));
}

async fn a_token_survives_a_password_change(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let token = secret(&new_token(&mut ada, "read", None).await);
    let (status, body) = ada
        .call(
            "POST",
            "/settings/password",
            json!({"current_password": habitflow_testkit::PASSWORD, "new_password": "a brand new passphrase"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (response, _) = with_token(app, &token, "GET", "/habits", None).await;
    assert_eq!(response.status(), 200);
}
