use axum::body::Body;
use axum::http::Request;
use habitflow_testkit::{API, BROWSER, TestApp, get, send};

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = TestApp::spawn().await;
    for (path, accept) in [
        ("/", BROWSER),
        ("/healthz/live", API),
        ("/missing", BROWSER),
        ("/missing", API),
    ] {
        let (response, _) = send(&app.router(), get(path, accept)).await;
        let headers = response.headers();
        let csp = headers["content-security-policy"].to_str().unwrap();
        for directive in [
            "default-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "frame-ancestors 'none'",
            "form-action 'self'",
        ] {
            assert!(csp.contains(directive), "{path}: {csp}");
        }
        assert!(!csp.contains("unsafe-inline"));
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert_eq!(
            headers["referrer-policy"],
            "strict-origin-when-cross-origin"
        );
        assert_eq!(headers["x-frame-options"], "DENY");
        assert_eq!(headers["cache-control"], "no-store");
        assert!(headers.contains_key("x-request-id"));
        assert!(
            !headers.contains_key("strict-transport-security"),
            "plain http gets no HSTS"
        );
    }
    app.remove().await;
}

#[tokio::test]
async fn a_given_request_id_is_echoed() {
    let app = TestApp::spawn().await;
    let request = Request::get("/healthz/live")
        .header("x-request-id", "abc-123")
        .body(Body::empty())
        .unwrap();
    let (response, _) = send(&app.router(), request).await;
    assert_eq!(response.headers()["x-request-id"], "abc-123");
    app.remove().await;
}

#[tokio::test]
async fn pages_link_hashed_assets_that_are_served_with_long_caching() {
    let app = TestApp::spawn().await;
    let (_, page) = send(&app.router(), get("/auth/login", BROWSER)).await;
    let css = page
        .split('"')
        .find(|part| part.starts_with("/static/app.") && part.ends_with(".css"))
        .expect("the layout links the stylesheet");
    let (response, body) = send(&app.router(), get(css, "text/css")).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert!(body.contains("--accent"));
    let (response, _) = send(&app.router(), get("/static/app.css", "text/css")).await;
    assert_eq!(response.status(), 404, "unhashed names are not served");
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "nothing from a CDN"
    );
    app.remove().await;
}

/// The sign-in cookie cannot be read by scripts or sent by cross-site
/// subrequests; the UI-session cookie likewise (docs/security.md, sessions).
#[tokio::test]
async fn the_cookies_are_http_only_and_same_site_lax() {
    let app = TestApp::spawn().await;
    let mut browser = app.browser();
    let (response, _) = browser
        .send_json(
            "POST",
            "/auth/register",
            serde_json::json!({"email": "ada@example.com", "password": "a sturdy passphrase 42"}),
            None,
        )
        .await;
    assert_eq!(response.status(), 201);
    let cookies: Vec<&str> = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    for name in ["habitflow_session=", "habitflow_ui="] {
        let cookie = cookies
            .iter()
            .find(|c| c.starts_with(name))
            .unwrap_or_else(|| panic!("{name} is set: {cookies:?}"));
        assert!(cookie.contains("HttpOnly"), "{cookie}");
        assert!(cookie.contains("SameSite=Lax"), "{cookie}");
        assert!(cookie.contains("Path=/"), "{cookie}");
    }
    app.remove().await;
}
