use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, Response};
use habitflow::app::AppState;
use habitflow::app::WebSettings;
use habitflow::app::passwords::Passwords;
use habitflow::infra::redis::Redis;
use habitflow_testkit::TestDatabase;
use http_body_util::BodyExt;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, LazyLock};
use tower::ServiceExt;

/// One password hasher for the whole test binary (its dummy hash is costly).
static PASSWORDS: LazyLock<Passwords> = LazyLock::new(|| Passwords::owasp().expect("argon2"));

pub struct TestApp {
    pub database: TestDatabase,
    pub state: AppState,
}

impl TestApp {
    /// The app on a fresh SQLite database, without Redis.
    pub async fn sqlite() -> Self {
        Self::with(TestDatabase::sqlite().await, None).await
    }

    pub async fn with(database: TestDatabase, redis: Option<Arc<Redis>>) -> Self {
        let mut web = WebSettings::local([7u8; 64]);
        // Requests from 127.0.0.1 may say who they forward for, so tests can
        // speak as different clients.
        web.trusted_proxies = vec!["127.0.0.1".parse().expect("ip")];
        let state =
            habitflow::wiring::assemble(database.shared_store(), redis, PASSWORDS.clone(), web);
        Self { database, state }
    }

    pub fn router(&self) -> Router {
        habitflow::web::router(self.state.clone())
    }

    pub fn browser(&self) -> Browser {
        Browser::new(self.router())
    }
}

/// A fresh Redis namespace on the test server, so tests never see each other's keys.
pub fn test_redis() -> Arc<Redis> {
    let url = std::env::var("HABITFLOW_TEST_REDIS_URL").expect("HABITFLOW_TEST_REDIS_URL is set");
    let prefix = format!("habitflow-test:{}:", uuid::Uuid::now_v7().simple());
    Arc::new(Redis::with_prefix(&url, &prefix).expect("valid Redis URL"))
}

pub async fn send(router: &Router, mut request: Request<Body>) -> (Response<()>, String) {
    if request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .is_none()
    {
        request
            .extensions_mut()
            .insert(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 40000))));
    }
    let response = router
        .clone()
        .oneshot(request)
        .await
        .expect("the router never fails");
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.expect("read body").to_bytes();
    (
        Response::from_parts(parts, ()),
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

pub fn get(path: &str, accept: &str) -> Request<Body> {
    Request::get(path)
        .header("accept", accept)
        .body(Body::empty())
        .expect("valid request")
}

pub const BROWSER: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
pub const API: &str = "application/json";

pub fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"))
}

pub fn location(response: &Response<()>) -> &str {
    response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

/// A cookie-keeping client speaking to the router as one browser or API client.
#[derive(Clone)]
pub struct Browser {
    router: Router,
    pub cookies: BTreeMap<String, String>,
    /// The address this client's requests are forwarded for.
    pub ip: String,
}

impl Browser {
    pub fn new(router: Router) -> Self {
        Self {
            router,
            cookies: BTreeMap::new(),
            ip: "198.51.100.1".into(),
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    pub async fn send(&mut self, mut request: Request<Body>) -> (Response<()>, String) {
        let headers = request.headers_mut();
        if !self.cookies.is_empty() {
            headers.insert(
                "cookie",
                self.cookie_header().parse().expect("cookie header"),
            );
        }
        headers.insert("x-forwarded-for", self.ip.parse().expect("ip header"));
        let (response, body) = send(&self.router, request).await;
        for value in response.headers().get_all("set-cookie") {
            let text = value.to_str().expect("ascii cookie");
            let (pair, attributes) = text.split_once(';').unwrap_or((text, ""));
            let (name, value) = pair.split_once('=').expect("name=value");
            if attributes.contains("Max-Age=0") || value.is_empty() {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
        (response, body)
    }

    pub async fn get(&mut self, path: &str, accept: &str) -> (Response<()>, String) {
        self.send(get(path, accept)).await
    }

    /// The CSRF token of this client's UI session (fetching one if needed).
    pub async fn csrf_token(&mut self) -> String {
        let (_, body) = self.get("/auth/csrf", API).await;
        json(&body)["csrf_token"]
            .as_str()
            .expect("token")
            .to_owned()
    }

    /// A form post with the fields as given (add `csrf_token` yourself).
    pub async fn post_form(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
    ) -> (Response<()>, String) {
        let body: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        let request = Request::post(path)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", BROWSER)
            .body(Body::from(body))
            .expect("valid request");
        self.send(request).await
    }

    /// A JSON request with the CSRF header when `csrf` is given.
    pub async fn send_json(
        &mut self,
        method: &str,
        path: &str,
        body: serde_json::Value,
        csrf: Option<&str>,
    ) -> (Response<()>, String) {
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header("content-type", "application/json")
            .header("accept", API);
        if let Some(token) = csrf {
            request = request.header("x-csrf-token", token);
        }
        self.send(
            request
                .body(Body::from(body.to_string()))
                .expect("valid request"),
        )
        .await
    }

    pub fn session_cookie(&self) -> Option<String> {
        self.cookies.get("habitflow_session").cloned()
    }

    /// Registers and signs in through the form; returns the password used.
    pub async fn register(&mut self, email: &str) -> String {
        let password = "a sturdy passphrase 42".to_owned();
        let token = self.csrf_token().await;
        let (response, body) = self
            .post_form(
                "/auth/register",
                &[
                    ("csrf_token", &token),
                    ("email", email),
                    ("password", &password),
                    ("time_zone", "Europe/Berlin"),
                ],
            )
            .await;
        assert_eq!(response.status(), 303, "registration failed: {body}");
        assert!(self.session_cookie().is_some());
        password
    }
}

/// A clock stopped at one instant.
pub struct FixedClock(pub jiff::Timestamp);

impl habitflow::app::ports::Clock for FixedClock {
    fn now(&self) -> jiff::Timestamp {
        self.0
    }
}

impl TestApp {
    /// The app with its clock stopped at `instant`.
    pub async fn at(database: TestDatabase, instant: &str) -> Self {
        let mut app = Self::with(database, None).await;
        app.state.clock = Arc::new(FixedClock(instant.parse().expect("an RFC 3339 instant")));
        app
    }
}
