//! State-changing requests without the right CSRF token, or cross-site, get
//! 403 and change nothing.
use axum::body::Body;
use axum::http::Request;
use habitflow_testkit::{API, TestApp, json};
use serde_json::json;

async fn display_name(app: &TestApp) -> String {
    app.stored_user("ada@example.com").await.display_name
}

fn profile(name: &str) -> serde_json::Value {
    json!({"display_name": name, "time_zone": "UTC", "day_start_hour": 0, "language": "en"})
}

#[tokio::test]
async fn a_request_without_a_token_is_refused() {
    let app = TestApp::spawn().await;
    let mut browser = app.signed_in("ada@example.com").await;
    let (response, body) = browser
        .send_json("POST", "/settings", profile("Mallory"), None)
        .await;
    assert_eq!(response.status(), 403);
    assert_eq!(json(&body)["error"]["code"], "forbidden");
    let (response, _) = browser
        .post_form(
            "/settings",
            &[
                ("display_name", "Mallory"),
                ("time_zone", "UTC"),
                ("day_start_hour", "0"),
                ("language", "en"),
            ],
        )
        .await;
    assert_eq!(response.status(), 403);
    assert_eq!(display_name(&app).await, "", "nothing changed");
    app.remove().await;
}

#[tokio::test]
async fn another_sessions_token_is_refused() {
    let app = TestApp::spawn().await;
    let mut browser = app.signed_in("ada@example.com").await;
    let mut attacker = app.browser();
    let foreign_token = attacker.csrf_token().await;
    let (response, _) = browser
        .send_json(
            "POST",
            "/settings",
            profile("Mallory"),
            Some(&foreign_token),
        )
        .await;
    assert_eq!(response.status(), 403);
    let (response, _) = browser
        .post_form(
            "/settings",
            &[
                ("csrf_token", &foreign_token),
                ("display_name", "Mallory"),
                ("time_zone", "UTC"),
                ("day_start_hour", "0"),
                ("language", "en"),
            ],
        )
        .await;
    assert_eq!(response.status(), 403);
    assert_eq!(display_name(&app).await, "");
    let own = browser.csrf_token().await;
    let (response, _) = browser
        .send_json("POST", "/settings", profile("Ada"), Some(&own))
        .await;
    assert_eq!(response.status(), 200, "the right token works");
    assert_eq!(display_name(&app).await, "Ada");
    app.remove().await;
}

#[tokio::test]
async fn cross_site_requests_are_refused_even_with_the_token() {
    let app = TestApp::spawn().await;
    let mut browser = app.signed_in("ada@example.com").await;
    let token = browser.csrf_token().await;
    for (header, value) in [
        ("sec-fetch-site", "cross-site"),
        ("origin", "https://evil.example"),
    ] {
        let request = Request::post("/settings")
            .header("content-type", "application/json")
            .header("accept", API)
            .header("x-csrf-token", &token)
            .header(header, value)
            .body(Body::from(profile("Mallory").to_string()))
            .unwrap();
        let (response, _) = browser.send(request).await;
        assert_eq!(response.status(), 403, "{header}: {value}");
    }
    assert_eq!(display_name(&app).await, "");
    let request = Request::post("/auth/login")
        .header("content-type", "application/json")
        .header("origin", "https://evil.example")
        .body(Body::from(
            json!({"email": "ada@example.com", "password": "x"}).to_string(),
        ))
        .unwrap();
    let (response, _) = app.browser().send(request).await;
    assert_eq!(
        response.status(),
        403,
        "JSON login is exempt from the token, not from the Origin check"
    );
    app.remove().await;
}

#[tokio::test]
async fn a_login_form_without_a_token_is_refused() {
    let app = TestApp::spawn().await;
    let mut browser = app.browser();
    let (response, _) = browser
        .post_form(
            "/auth/register",
            &[
                ("email", "ada@example.com"),
                ("password", "a sturdy passphrase 42"),
            ],
        )
        .await;
    assert_eq!(response.status(), 403);
    assert!(
        app.state
            .services
            .store
            .users()
            .by_email("ada@example.com")
            .await
            .unwrap()
            .is_none(),
        "no account was created"
    );
    app.remove().await;
}

#[tokio::test]
async fn the_token_is_on_every_page_and_in_the_meta_tag() {
    let app = TestApp::spawn().await;
    let mut browser = app.browser();
    let token = browser.csrf_token().await;
    let (_, page) = browser.get("/auth/login", habitflow_testkit::BROWSER).await;
    assert!(page.contains(&format!(r#"<meta name="csrf-token" content="{token}">"#)));
    assert!(page.contains(&format!(r#"name="csrf_token" value="{token}""#)));
    app.remove().await;
}

/// The UI session (which holds the CSRF token) is encrypted and
/// authenticated: a cookie changed by one character is not read, so the
/// token it held no longer counts (docs/security.md, UI session).
#[tokio::test]
async fn a_tampered_ui_session_cookie_is_not_read() {
    let app = TestApp::spawn().await;
    let mut browser = app.signed_in("ada@example.com").await;
    let token = browser.csrf_token().await;
    let cookie = browser.cookies["habitflow_ui"].clone();
    let mut bytes = cookie.into_bytes();
    let middle = bytes.len() / 2;
    bytes[middle] = if bytes[middle] == b'A' { b'B' } else { b'A' };
    browser
        .cookies
        .insert("habitflow_ui".into(), String::from_utf8(bytes).unwrap());
    let (response, _) = browser
        .send_json("POST", "/settings", profile("Mallory"), Some(&token))
        .await;
    assert_eq!(response.status(), 403);
    assert_eq!(display_name(&app).await, "", "nothing changed");
    app.remove().await;
}
