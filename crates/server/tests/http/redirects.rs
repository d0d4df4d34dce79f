//! Every `next` target normalises to a local path, checked on the raw Location header.
use axum::body::Body;
use axum::http::Request;
use habitflow_testkit::{Browser, TestApp, location};

const HOSTILE: [&str; 11] = [
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "https://evil.example",
    "http:/evil.example",
    "/%2F%2Fevil.example",
    "/%5Cevil.example",
    "javascript:alert(1)",
    " /x",
    "/x\r\nSet-Cookie: a=b",
    "evil.example",
];
const SAFE: &str = "/habits?page=2";

fn cases() -> Vec<(&'static str, &'static str)> {
    HOSTILE
        .iter()
        .map(|target| (*target, "/"))
        .chain([(SAFE, SAFE)])
        .collect()
}

async fn form_post(browser: &mut Browser, path: &str, fields: &[(&str, &str)]) -> String {
    let token = browser.csrf_token().await;
    let mut all = vec![("csrf_token", token.as_str())];
    all.extend_from_slice(fields);
    let (response, body) = browser.post_form(path, &all).await;
    assert_eq!(response.status(), 303, "{path}: {body}");
    location(&response).to_owned()
}

#[tokio::test]
async fn login_register_and_logout_only_redirect_to_local_paths() {
    let app = TestApp::spawn().await;
    let mut owner = app.browser();
    let password = owner.register("ada@example.com").await;
    for (n, (target, expected)) in cases().into_iter().enumerate() {
        let mut browser = app.browser();
        // One client per case, so the rate limits of one address are not reached.
        browser.ip = format!("198.51.100.{}", n + 10);
        let email = format!("user{n}@example.com");
        let at_register = form_post(
            &mut browser,
            "/auth/register",
            &[
                ("email", &email),
                ("password", "a sturdy passphrase 42"),
                ("next", target),
            ],
        )
        .await;
        assert_eq!(at_register, expected, "register with next={target:?}");
        let at_logout = form_post(&mut browser, "/auth/logout", &[("next", target)]).await;
        assert_eq!(at_logout, expected, "logout with next={target:?}");
        let at_login = form_post(
            &mut browser,
            "/auth/login",
            &[
                ("email", "ada@example.com"),
                ("password", &password),
                ("next", target),
            ],
        )
        .await;
        assert_eq!(at_login, expected, "login with next={target:?}");
    }
    app.remove().await;
}

#[tokio::test]
async fn next_from_the_query_string_is_normalised_too() {
    let app = TestApp::spawn().await;
    let mut owner = app.browser();
    let password = owner.register("ada@example.com").await;
    for (n, (target, expected)) in cases().into_iter().enumerate() {
        let encoded: String = form_urlencoded::byte_serialize(target.as_bytes()).collect();
        let mut browser = app.browser();
        browser.ip = format!("198.51.100.{}", n + 10);
        let token = browser.csrf_token().await;
        let body: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs([
                ("csrf_token", token.as_str()),
                ("email", "ada@example.com"),
                ("password", &password),
            ])
            .finish();
        let request = Request::post(format!("/auth/login?next={encoded}"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        let (response, _) = browser.send(request).await;
        assert_eq!(location(&response), expected, "next={target:?}");
        // Already signed in: the login page sends the user on to `next`.
        let (response, _) = browser
            .get(
                &format!("/auth/login?next={encoded}"),
                habitflow_testkit::BROWSER,
            )
            .await;
        assert_eq!(
            location(&response),
            expected,
            "login page with next={target:?}"
        );
    }
    app.remove().await;
}
