//! Requests to the router in-process, and a cookie-keeping client with typed
//! helpers for the JSON API.
use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, Response};
use http_body_util::BodyExt;
use serde_json::Value;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use tower::ServiceExt;

/// The `Accept` header of a browser.
pub const BROWSER: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
/// The `Accept` header of an API client.
pub const API: &str = "application/json";
/// The password `Browser::register` and `Browser::register_json` sign up with.
pub const PASSWORD: &str = "a sturdy passphrase 42";
/// The time zone `Browser::register` signs up with.
pub const TIME_ZONE: &str = "Europe/Berlin";

/// Sends one request through the router, from 127.0.0.1 unless the request
/// says otherwise; answers the response head and the body as text.
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

/// A GET request wanting `accept` (`BROWSER` or `API`).
pub fn get(path: &str, accept: &str) -> Request<Body> {
    Request::get(path)
        .header("accept", accept)
        .body(Body::empty())
        .expect("valid request")
}

/// The body parsed as JSON; panics with the body when it is not.
pub fn json(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"))
}

/// The `Location` header, or "" without one.
pub fn location(response: &Response<()>) -> &str {
    response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

/// The `id` of a record in a JSON answer.
pub fn id_of(record: &Value) -> String {
    record["id"]
        .as_str()
        .unwrap_or_else(|| panic!("no id in {record}"))
        .to_owned()
}

/// Today's date for the users `Browser::register` creates (they live in `TIME_ZONE`).
pub fn local_today() -> jiff::civil::Date {
    jiff::tz::TimeZone::get(TIME_ZONE)
        .expect("a known time zone")
        .to_datetime(jiff::Timestamp::now())
        .date()
}

/// A cookie-keeping client speaking to the router as one browser or API client.
///
/// Raw requests (`send`, `get`, `post_form`, `send_json`) return the response
/// and body as they come. The JSON helpers (`call`, `fetch`, `get_json`,
/// `post_json`, `create_*`, `check_in`) send this client's CSRF token, parse
/// the answer, and — except `call` and `fetch` — panic naming the request when
/// the status is not the expected one.
#[derive(Clone)]
pub struct Browser {
    router: Router,
    pub cookies: BTreeMap<String, String>,
    /// The address this client's requests are forwarded for.
    pub ip: String,
    /// The last CSRF token fetched, and the session cookie it was fetched
    /// under (signing in or out rotates the token).
    csrf: Option<(Option<String>, String)>,
}

const SESSION_COOKIE: &str = "habitflow_session";

impl Browser {
    pub fn new(router: Router) -> Self {
        Self {
            router,
            cookies: BTreeMap::new(),
            ip: "198.51.100.1".into(),
            csrf: None,
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// Sends the request with this client's cookies and forwarded address,
    /// and keeps the cookies the answer sets.
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

    /// Fetches the CSRF token of this client's UI session (creating one if
    /// needed) and remembers it for the JSON helpers.
    pub async fn csrf_token(&mut self) -> String {
        let (response, body) = self.get("/auth/csrf", API).await;
        assert_eq!(response.status(), 200, "GET /auth/csrf: {body}");
        let token = json(&body)["csrf_token"]
            .as_str()
            .expect("token")
            .to_owned();
        self.csrf = Some((self.session_cookie(), token.clone()));
        token
    }

    /// The remembered CSRF token, fetched again after signing in or out.
    async fn token(&mut self) -> String {
        match &self.csrf {
            Some((session, token)) if *session == self.session_cookie() => token.clone(),
            _ => self.csrf_token().await,
        }
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
        body: Value,
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
        self.cookies.get(SESSION_COOKIE).cloned()
    }

    /// Registers through the form (in `TIME_ZONE`, with `PASSWORD`) and signs
    /// in; returns the password used.
    pub async fn register(&mut self, email: &str) -> String {
        let password = PASSWORD.to_owned();
        let token = self.csrf_token().await;
        let (response, body) = self
            .post_form(
                "/auth/register",
                &[
                    ("csrf_token", &token),
                    ("email", email),
                    ("password", &password),
                    ("time_zone", TIME_ZONE),
                ],
            )
            .await;
        assert_eq!(response.status(), 303, "registration failed: {body}");
        assert!(self.session_cookie().is_some());
        password
    }

    /// Registers through the JSON API (with `PASSWORD`) in `time_zone` and
    /// signs in; returns the new user.
    pub async fn register_json(&mut self, email: &str, time_zone: &str) -> Value {
        let (response, body) = self
            .send_json(
                "POST",
                "/auth/register",
                serde_json::json!({"email": email, "password": PASSWORD, "time_zone": time_zone}),
                None,
            )
            .await;
        assert_eq!(response.status(), 201, "POST /auth/register: {body}");
        json(&body)
    }

    /// Signs in through the login form; returns the new session cookie.
    pub async fn log_in(&mut self, email: &str, password: &str) -> String {
        let token = self.csrf_token().await;
        let (response, body) = self
            .post_form(
                "/auth/login",
                &[
                    ("csrf_token", &token),
                    ("email", email),
                    ("password", password),
                ],
            )
            .await;
        assert_eq!(response.status(), 303, "login failed: {body}");
        self.session_cookie().expect("signed in")
    }

    /// A JSON request with this client's CSRF token: the status and the
    /// parsed body (`Null` when empty), whatever the status.
    pub async fn call(&mut self, method: &str, path: &str, body: Value) -> (u16, Value) {
        let token = self.token().await;
        let (response, text) = self.send_json(method, path, body, Some(&token)).await;
        (response.status().as_u16(), parsed(&text))
    }

    /// A GET as an API client: the status and the parsed body (`Null` when
    /// empty), whatever the status.
    pub async fn fetch(&mut self, path: &str) -> (u16, Value) {
        let (response, text) = self.get(path, API).await;
        (response.status().as_u16(), parsed(&text))
    }

    /// A GET as an API client that must answer 200; the parsed body.
    pub async fn get_json(&mut self, path: &str) -> Value {
        let (status, body) = self.fetch(path).await;
        assert_eq!(status, 200, "GET {path} answered {status}: {body}");
        body
    }

    /// A JSON POST that must succeed (2xx); the parsed body.
    pub async fn post_json(&mut self, path: &str, body: Value) -> Value {
        let request = format!("POST {path} {body}");
        let (status, answer) = self.call("POST", path, body).await;
        assert!(
            (200..300).contains(&status),
            "{request} answered {status}: {answer}"
        );
        answer
    }

    /// `POST /themes` that must answer 201; the new theme.
    pub async fn create_theme(&mut self, body: Value) -> Value {
        self.create("/themes", body).await
    }

    /// `POST /tasks` that must answer 201; the new task.
    pub async fn create_task(&mut self, body: Value) -> Value {
        self.create("/tasks", body).await
    }

    /// `POST /habits` that must answer 201; the new habit.
    pub async fn create_habit(&mut self, body: Value) -> Value {
        self.create("/habits", body).await
    }

    async fn create(&mut self, path: &str, body: Value) -> Value {
        let request = format!("POST {path} {body}");
        let (status, answer) = self.call("POST", path, body).await;
        assert_eq!(status, 201, "{request} answered {status}: {answer}");
        answer
    }

    /// Checks the habit in on `date` (today when `None`) as `kind` (`done` or
    /// `skipped`); must answer 200. Returns the outcome.
    pub async fn check_in(&mut self, habit: &str, date: Option<&str>, kind: &str) -> Value {
        let body = match date {
            Some(date) => serde_json::json!({"date": date, "kind": kind}),
            None => serde_json::json!({"kind": kind}),
        };
        let path = format!("/habits/{habit}/checkins");
        let request = format!("POST {path} {body}");
        let (status, answer) = self.call("POST", &path, body).await;
        assert_eq!(status, 200, "{request} answered {status}: {answer}");
        answer
    }
}

fn parsed(text: &str) -> Value {
    if text.is_empty() {
        Value::Null
    } else {
        json(text)
    }
}
