//! Sign-in with OpenID Connect against a fake provider inside the test
//! process (discovery, keys, authorize and token endpoints, RS256 ID tokens
//! signed with a test key), through the real routes. No internet.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use axum::Router;
use axum::extract::{Form, Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use habitflow::app::oidc::OidcProviders;
use habitflow::config::{OidcProviderSettings, Secret};
use habitflow::infra::oidc_http::UreqOidcHttp;
use habitflow_testkit::{API, BROWSER, Browser, TestApp, json, location};
use jsonwebtoken::{EncodingKey, Header};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

const CLIENT_ID: &str = "habitflow-test";

/// How the fake provider misbehaves, if at all.
#[derive(Clone, Default)]
struct Behaviour {
    email: String,
    email_verified: bool,
    subject: String,
    wrong_nonce: bool,
    wrong_audience: bool,
    expired: bool,
    bad_signature: bool,
    down: bool,
}

#[derive(Clone)]
struct Provider {
    issuer: String,
    behaviour: Arc<Mutex<Behaviour>>,
    /// code → nonce, as the provider remembers them.
    codes: Arc<Mutex<HashMap<String, String>>>,
}

fn key_id() -> &'static str {
    "test-key-1"
}

async fn discovery(State(provider): State<Provider>) -> impl IntoResponse {
    if provider.behaviour.lock().unwrap().down {
        return (axum::http::StatusCode::SERVICE_UNAVAILABLE, "down").into_response();
    }
    axum::Json(json!({
        "issuer": provider.issuer,
        "authorization_endpoint": format!("{}/authorize", provider.issuer),
        "token_endpoint": format!("{}/token", provider.issuer),
        "jwks_uri": format!("{}/jwks", provider.issuer),
    }))
    .into_response()
}

async fn jwks() -> axum::Json<Value> {
    axum::Json(json!({"keys": [{
        "kty": "RSA", "use": "sig", "alg": "RS256", "kid": key_id(),
        "n": include_str!("test-key.n").trim(), "e": "AQAB"
    }]}))
}

/// Approves at once: redirects back with a code bound to the request's nonce.
async fn authorize(
    State(provider): State<Provider>,
    Query(query): Query<HashMap<String, String>>,
) -> Redirect {
    assert_eq!(
        query.get("code_challenge_method").map(String::as_str),
        Some("S256")
    );
    assert_eq!(query.get("client_id").map(String::as_str), Some(CLIENT_ID));
    let code = format!("code-{}", provider.codes.lock().unwrap().len());
    provider
        .codes
        .lock()
        .unwrap()
        .insert(code.clone(), query["nonce"].clone());
    Redirect::to(&format!(
        "{}?code={code}&state={}",
        query["redirect_uri"], query["state"]
    ))
}

async fn token(
    State(provider): State<Provider>,
    Form(form): Form<HashMap<String, String>>,
) -> impl IntoResponse {
    let behaviour = provider.behaviour.lock().unwrap().clone();
    if behaviour.down {
        return (axum::http::StatusCode::BAD_GATEWAY, "down").into_response();
    }
    assert!(
        form.get("code_verifier").is_some_and(|v| v.len() >= 43),
        "PKCE verifier sent"
    );
    let nonce = provider
        .codes
        .lock()
        .unwrap()
        .get(&form["code"])
        .cloned()
        .unwrap_or_default();
    let now = jiff::Timestamp::now().as_second();
    let claims = json!({
        "iss": provider.issuer,
        "aud": if behaviour.wrong_audience { "someone-else" } else { CLIENT_ID },
        "sub": behaviour.subject,
        "email": behaviour.email,
        "email_verified": behaviour.email_verified,
        "nonce": if behaviour.wrong_nonce { "not-the-nonce".to_owned() } else { nonce },
        "iat": now,
        "exp": if behaviour.expired { now - 3600 } else { now + 600 },
    });
    let mut header = Header::new(jsonwebtoken::Algorithm::RS256);
    header.kid = Some(key_id().into());
    let key = EncodingKey::from_rsa_der(include_bytes!("test-key.der"));
    let mut id_token = jsonwebtoken::encode(&header, &claims, &key).unwrap();
    if behaviour.bad_signature {
        let last = id_token.pop().unwrap();
        id_token.push(if last == 'A' { 'B' } else { 'A' });
    }
    axum::Json(json!({"access_token": "x", "token_type": "Bearer", "id_token": id_token}))
        .into_response()
}

async fn fake_provider() -> Provider {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let issuer = format!("http://{}", listener.local_addr().unwrap());
    let provider = Provider {
        issuer,
        behaviour: Arc::new(Mutex::new(Behaviour {
            email: "ada@example.com".into(),
            email_verified: true,
            subject: "ada-123".into(),
            ..Behaviour::default()
        })),
        codes: Arc::new(Mutex::new(HashMap::new())),
    };
    let app = Router::new()
        .route("/.well-known/openid-configuration", get(discovery))
        .route("/jwks", get(jwks))
        .route("/authorize", get(authorize))
        .route("/token", post(token))
        .with_state(provider.clone());
    tokio::spawn(async move { axum::serve(listener, app).await.ok() });
    provider
}

async fn app_with(provider: &Provider) -> TestApp {
    let settings = OidcProviderSettings {
        id: "idp".into(),
        name: "Test IdP".into(),
        issuer: provider.issuer.clone(),
        client_id: CLIENT_ID.into(),
        client_secret: Secret::new("shh"),
    };
    let oidc = OidcProviders::new(
        vec![settings],
        Arc::new(UreqOidcHttp::new(Duration::from_secs(2))),
        "http://127.0.0.1:8000",
    );
    TestApp::builder().oidc(oidc).spawn().await
}

/// Follows the flow: start → provider → callback. Returns the callback's answer.
async fn sign_in(browser: &mut Browser, next: &str) -> (u16, String, String) {
    let encoded: String = form_urlencoded::byte_serialize(next.as_bytes()).collect();
    let (start, _) = browser
        .get(&format!("/auth/oidc/idp/start?next={encoded}"), BROWSER)
        .await;
    assert_eq!(start.status(), 303);
    let authorize = location(&start).to_owned();
    let answer = ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .build()
        .new_agent();
    let target = tokio::task::spawn_blocking(move || {
        let response = answer.get(&authorize).call().unwrap();
        response.headers()["location"].to_str().unwrap().to_owned()
    })
    .await
    .unwrap();
    let callback = target.trim_start_matches("http://127.0.0.1:8000");
    let (response, body) = browser.get(callback, BROWSER).await;
    (
        response.status().as_u16(),
        location(&response).to_owned(),
        body,
    )
}

#[tokio::test]
async fn a_new_user_is_created_and_signed_in_then_comes_back() {
    let provider = fake_provider().await;
    let app = app_with(&provider).await;
    let mut browser = app.browser();
    let (_, page) = browser.get("/auth/login", BROWSER).await;
    assert!(
        page.contains("Sign in with Test IdP"),
        "a reachable provider shows its button"
    );
    let (status, target, _) = sign_in(&mut browser, "/habits?page=2").await;
    assert_eq!((status, target.as_str()), (303, "/habits?page=2"));
    let me = browser.get_json("/settings").await;
    assert_eq!(me["email"], "ada@example.com");
    let mut again = app.browser();
    let (status, target, _) = sign_in(&mut again, "//evil.example").await;
    assert_eq!(
        (status, target.as_str()),
        (303, "/"),
        "returning user, and `next` is normalised"
    );
    let users = app
        .state
        .services
        .store
        .identities()
        .find(&provider.issuer, "ada-123")
        .await
        .unwrap();
    assert!(users.is_some());
    app.remove().await;
}

#[tokio::test]
async fn tampered_and_replayed_state_is_refused() {
    let provider = fake_provider().await;
    let app = app_with(&provider).await;
    let mut browser = app.browser();
    let (start, _) = browser.get("/auth/oidc/idp/start", BROWSER).await;
    assert_eq!(start.status(), 303);
    let (response, page) = browser
        .get("/auth/oidc/idp/callback?code=code-0&state=forged", BROWSER)
        .await;
    assert_eq!(response.status(), 400);
    assert!(page.contains("expired or was already used"), "{page}");
    let (response, _) = browser
        .get("/auth/oidc/idp/callback?code=code-0&state=forged", BROWSER)
        .await;
    assert_eq!(response.status(), 400, "the pending sign-in was consumed");
    let (status, _, _) = sign_in(&mut browser, "/").await;
    assert_eq!(status, 303);
    let mut replay = app.browser();
    let (response, _) = replay
        .get("/auth/oidc/idp/callback?error=access_denied", BROWSER)
        .await;
    assert_eq!(response.status(), 400, "denied consent is a friendly 400");
    app.remove().await;
}

#[tokio::test]
async fn bad_tokens_are_refused() {
    let provider = fake_provider().await;
    let app = app_with(&provider).await;
    for (name, spoil) in [
        (
            "wrong nonce",
            (|b: &mut Behaviour| b.wrong_nonce = true) as fn(&mut Behaviour),
        ),
        ("wrong audience", |b: &mut Behaviour| {
            b.wrong_audience = true
        }),
        ("expired", |b: &mut Behaviour| b.expired = true),
        ("bad signature", |b: &mut Behaviour| b.bad_signature = true),
    ] {
        *provider.behaviour.lock().unwrap() = Behaviour {
            email: "ada@example.com".into(),
            email_verified: true,
            subject: "ada-123".into(),
            ..Behaviour::default()
        };
        spoil(&mut provider.behaviour.lock().unwrap());
        let mut browser = app.browser();
        let (status, _, page) = sign_in(&mut browser, "/").await;
        assert_eq!(status, 400, "{name}");
        assert!(page.contains("could not be verified"), "{name}: {page}");
        assert!(browser.session_cookie().is_none(), "{name}: not signed in");
    }
    assert!(
        app.state
            .services
            .store
            .users()
            .by_email("ada@example.com")
            .await
            .unwrap()
            .is_none()
    );
    app.remove().await;
}

#[tokio::test]
async fn an_unverified_email_is_refused() {
    let provider = fake_provider().await;
    provider.behaviour.lock().unwrap().email_verified = false;
    let app = app_with(&provider).await;
    let (status, _, page) = sign_in(&mut app.browser(), "/").await;
    assert_eq!(status, 403);
    assert!(page.contains("did not confirm your email"), "{page}");
    app.remove().await;
}

#[tokio::test]
async fn a_provider_that_is_down_gives_502_and_the_rest_of_the_app_works() {
    let provider = fake_provider().await;
    provider.behaviour.lock().unwrap().down = true;
    let app = app_with(&provider).await;
    let mut browser = app.browser();
    let (response, page) = browser.get("/auth/oidc/idp/start", BROWSER).await;
    assert_eq!(response.status(), 502);
    assert!(page.contains("not reachable"), "{page}");
    let (_, login) = browser.get("/auth/login", BROWSER).await;
    assert!(
        !login.contains("Sign in with Test IdP"),
        "an unreachable provider hides its button"
    );
    browser.register("bob@example.com").await;
    let (response, _) = browser.get("/habits", API).await;
    assert_eq!(response.status(), 200);
    app.remove().await;
}

#[tokio::test]
async fn a_password_account_is_not_taken_over_until_its_owner_confirms() {
    let provider = fake_provider().await;
    let app = app_with(&provider).await;
    let mut owner = app.browser();
    let password = owner.register("ada@example.com").await;
    let mut attacker = app.browser();
    let (status, _, page) = sign_in(&mut attacker, "/").await;
    assert_eq!(status, 409);
    assert!(page.contains("already exists"), "{page}");
    assert!(
        attacker.session_cookie().is_none(),
        "the identity did not sign in to the account"
    );
    assert!(
        app.state
            .services
            .store
            .identities()
            .find(&provider.issuer, "ada-123")
            .await
            .unwrap()
            .is_none()
    );
    // The owner signs in with the password in the same browser and confirms from settings.
    let token = attacker.csrf_token().await;
    let (response, _) = attacker
        .post_form(
            "/auth/login",
            &[
                ("csrf_token", &token),
                ("email", "ada@example.com"),
                ("password", &password),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let (_, settings) = attacker.get("/settings", BROWSER).await;
    assert!(settings.contains("Link Test IdP"), "{settings}");
    let token = attacker.csrf_token().await;
    let (response, _) = attacker
        .post_form("/settings/identities/link", &[("csrf_token", &token)])
        .await;
    assert_eq!(response.status(), 303);
    let linked = app
        .state
        .services
        .store
        .identities()
        .find(&provider.issuer, "ada-123")
        .await
        .unwrap()
        .unwrap();
    let mut later = app.browser();
    let (status, _, _) = sign_in(&mut later, "/").await;
    assert_eq!(status, 303, "now the identity signs in");
    let ada = app.stored_user("ada@example.com").await;
    assert_eq!(linked.user_id, ada.id);
    app.remove().await;
}

#[tokio::test]
async fn every_hostile_next_returns_home_after_sign_in() {
    let provider = fake_provider().await;
    let app = app_with(&provider).await;
    let cases = [
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
    for (n, target) in cases
        .iter()
        .map(|t| (*t, "/"))
        .chain([("/habits?page=2", "/habits?page=2")])
        .enumerate()
    {
        let mut browser = app.browser();
        browser.ip = format!("198.51.100.{}", n + 1);
        let (status, location, _) = sign_in(&mut browser, target.0).await;
        assert_eq!(
            (status, location.as_str()),
            (303, target.1),
            "next={:?}",
            target.0
        );
    }
    app.remove().await;
}

#[tokio::test]
async fn the_last_way_to_sign_in_cannot_be_unlinked() {
    let provider = fake_provider().await;
    let app = app_with(&provider).await;
    let mut browser = app.browser();
    let (status, _, _) = sign_in(&mut browser, "/").await;
    assert_eq!(status, 303);
    let user = app.stored_user("ada@example.com").await;
    let identity = app
        .state
        .services
        .store
        .identities()
        .list_for_user(user.id)
        .await
        .unwrap()
        .remove(0);
    let (_, settings) = browser.get("/settings", BROWSER).await;
    assert!(
        settings.contains(&provider.issuer),
        "settings list the linked identity"
    );
    let token = browser.csrf_token().await;
    let path = format!("/settings/identities/{}/unlink", identity.id);
    let (response, body) = browser
        .send_json("POST", &path, json!({}), Some(&token))
        .await;
    assert_eq!(response.status(), 400, "{body}");
    assert!(
        json(&body)["error"]["message"]
            .as_str()
            .unwrap()
            .contains("Set a password")
    );
    let (response, _) = browser
        .send_json(
            "POST",
            "/settings/password",
            json!({"new_password": "a first sturdy password 1"}),
            Some(&token),
        )
        .await;
    assert_eq!(
        response.status(),
        200,
        "an identity-only account sets a first password"
    );
    let (response, _) = browser
        .send_json("POST", &path, json!({}), Some(&token))
        .await;
    assert_eq!(response.status(), 200);
    assert!(
        app.state
            .services
            .store
            .identities()
            .list_for_user(user.id)
            .await
            .unwrap()
            .is_empty()
    );
    app.remove().await;
}

/// Shares a browser the way a family computer does: an identity waiting to be
/// linked to Ada must not be attachable by whoever signs in next
/// (docs/security.md, OpenID Connect).
#[tokio::test]
async fn a_pending_link_is_not_attachable_by_the_next_user_of_the_browser() {
    let provider = fake_provider().await;
    let app = app_with(&provider).await;
    let ada_password = app.browser().register("ada@example.com").await;
    let bob_password = app.browser().register("bob@example.com").await;
    let mut shared = app.browser();
    shared.log_in("ada@example.com", &ada_password).await;
    let (status, _, _) = sign_in(&mut shared, "/").await;
    assert_eq!(status, 409, "the identity waits for Ada to confirm");
    let token = shared.csrf_token().await;
    let (response, _) = shared
        .post_form("/auth/logout", &[("csrf_token", &token)])
        .await;
    assert_eq!(response.status(), 303);
    shared.log_in("bob@example.com", &bob_password).await;
    let (_, settings) = shared.get("/settings", BROWSER).await;
    assert!(!settings.contains("Link Test IdP"), "{settings}");
    let token = shared.csrf_token().await;
    let (response, page) = shared
        .post_form("/settings/identities/link", &[("csrf_token", &token)])
        .await;
    assert!(
        matches!(response.status().as_u16(), 400 | 403),
        "{}: {page}",
        response.status()
    );
    assert!(
        app.state
            .services
            .store
            .identities()
            .find(&provider.issuer, "ada-123")
            .await
            .unwrap()
            .is_none(),
        "Bob has no identity"
    );
    app.remove().await;
}

/// A pending link made for Ada while nobody is signed in, confirmed by Bob
/// who then signs in on that browser: refused.
#[tokio::test]
async fn a_pending_link_is_refused_to_another_account() {
    let provider = fake_provider().await;
    let app = app_with(&provider).await;
    app.browser().register("ada@example.com").await;
    let bob_password = app.browser().register("bob@example.com").await;
    let mut shared = app.browser();
    let (status, _, _) = sign_in(&mut shared, "/").await;
    assert_eq!(status, 409);
    shared.log_in("bob@example.com", &bob_password).await;
    let (status, _) = shared
        .call("POST", "/settings/identities/link", json!({}))
        .await;
    assert!(matches!(status, 400 | 403), "{status}");
    assert!(
        app.state
            .services
            .store
            .identities()
            .find(&provider.issuer, "ada-123")
            .await
            .unwrap()
            .is_none()
    );
    app.remove().await;
}

/// A pending link lives 10 minutes (docs/security.md, OpenID Connect).
#[tokio::test]
async fn a_pending_link_expires_after_ten_minutes() {
    let provider = fake_provider().await;
    let settings = OidcProviderSettings {
        id: "idp".into(),
        name: "Test IdP".into(),
        issuer: provider.issuer.clone(),
        client_id: CLIENT_ID.into(),
        client_secret: Secret::new("shh"),
    };
    let oidc = OidcProviders::new(
        vec![settings],
        Arc::new(UreqOidcHttp::new(Duration::from_secs(2))),
        "http://127.0.0.1:8000",
    );
    // The fake provider's ID tokens are stamped with the real time.
    let now = jiff::Timestamp::now().to_string();
    let app = TestApp::builder().clock(&now).oidc(oidc).spawn().await;
    let password = app.browser().register("ada@example.com").await;
    let mut browser = app.browser();
    let (status, _, _) = sign_in(&mut browser, "/").await;
    assert_eq!(status, 409);
    browser.log_in("ada@example.com", &password).await;
    app.clock()
        .advance(jiff::SignedDuration::from_secs(10 * 60 + 1));
    let (status, body) = browser
        .call("POST", "/settings/identities/link", json!({}))
        .await;
    assert!(matches!(status, 400 | 403), "{status}: {body}");
    assert!(
        app.state
            .services
            .store
            .identities()
            .find(&provider.issuer, "ada-123")
            .await
            .unwrap()
            .is_none()
    );
    app.remove().await;
}

/// `habitflow user disable` (README, operator commands) stops identity
/// sign-in too, and its session; `enable` lets the account back in.
#[tokio::test]
async fn a_disabled_account_cannot_sign_in_with_its_identity() {
    let provider = fake_provider().await;
    let app = app_with(&provider).await;
    let mut browser = app.browser();
    let (status, _, _) = sign_in(&mut browser, "/").await;
    assert_eq!(status, 303);
    habitflow::app::operators::set_active(&app.state.services, "ada@example.com", false)
        .await
        .unwrap();
    let (status, _) = browser.fetch("/settings").await;
    assert_eq!(status, 401, "the session stopped working");
    let mut again = app.browser();
    let (status, _, page) = sign_in(&mut again, "/").await;
    assert_eq!(status, 403, "{page}");
    habitflow::app::operators::set_active(&app.state.services, "ada@example.com", true)
        .await
        .unwrap();
    let (status, _, _) = sign_in(&mut again, "/").await;
    assert_eq!(status, 303);
    app.remove().await;
}
