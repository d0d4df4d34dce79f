//! The workload's HTTP client: ureq with a 5 s timeout on the whole request,
//! cookies and CSRF token of a signed-in account, answers as `Answer`.
use serde_json::{Value, json};
use std::time::Duration;

/// The longest a request may take before it counts as a hang.
pub const TIMEOUT: Duration = Duration::from_secs(5);

pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .new_agent()
}

/// What came back: a status and body, or no answer at all.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: Option<u16>,
    pub body: String,
    /// Set when there was no HTTP answer (timeout, reset, refused).
    pub failure: Option<String>,
}

impl Answer {
    pub fn ok(&self) -> bool {
        self.status.is_some_and(|s| (200..300).contains(&s))
    }

    /// A 503 whose body is the API's JSON error.
    pub fn unavailable_json(&self) -> bool {
        self.status == Some(503)
            && serde_json::from_str::<Value>(&self.body).is_ok_and(|v| v["error"].is_object())
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?} {}", self.status, self.body))
    }
}

/// A signed-in account as the workload uses it.
#[derive(Clone)]
pub struct Session {
    pub base: String,
    pub cookie: String,
    pub csrf: String,
}

fn cookies_of(response: &ureq::http::Response<ureq::Body>) -> Vec<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .map(str::to_owned)
        .collect()
}

/// Sends one request; `body` makes it a JSON request.
pub fn send(
    agent: &ureq::Agent,
    method: &str,
    url: &str,
    cookie: Option<&str>,
    csrf: Option<&str>,
    body: Option<&Value>,
) -> (Answer, Vec<String>) {
    let mut builder = ureq::http::Request::builder()
        .method(method)
        .uri(url)
        .header("accept", "application/json");
    if let Some(cookie) = cookie {
        builder = builder.header("cookie", cookie);
    }
    if let Some(csrf) = csrf {
        builder = builder.header("x-csrf-token", csrf);
    }
    let result = match body {
        Some(body) => {
            let request = builder
                .header("content-type", "application/json")
                .body(body.to_string())
                .expect("a valid request");
            agent.run(request)
        }
        None => agent.run(builder.body(()).expect("a valid request")),
    };
    let answer = match result {
        Ok(mut response) => {
            let status = response.status().as_u16();
            let cookies = cookies_of(&response);
            match response.body_mut().read_to_string() {
                Ok(text) => {
                    return (
                        Answer {
                            status: Some(status),
                            body: text,
                            failure: None,
                        },
                        cookies,
                    );
                }
                Err(e) => Answer {
                    status: Some(status),
                    body: String::new(),
                    failure: Some(format!("reading the body: {e}")),
                },
            }
        }
        Err(e) => Answer {
            status: None,
            body: String::new(),
            failure: Some(e.to_string()),
        },
    };
    (answer, Vec::new())
}

impl Session {
    /// Registers `email` through the JSON API (time zone UTC) and fetches the
    /// CSRF token of its UI session.
    pub fn register(base: &str, email: &str) -> Self {
        let agent = agent();
        let (answer, cookies) = send(
            &agent,
            "POST",
            &format!("{base}/auth/register"),
            None,
            None,
            Some(&json!({"email": email, "password": "reliability-pass-2026", "time_zone": "UTC"})),
        );
        assert_eq!(answer.status, Some(201), "register {email}: {answer:?}");
        let mut cookie = cookies.join("; ");
        let (answer, more) = send(
            &agent,
            "GET",
            &format!("{base}/auth/csrf"),
            Some(&cookie),
            None,
            None,
        );
        assert_eq!(answer.status, Some(200), "GET /auth/csrf: {answer:?}");
        let csrf = answer.json()["csrf_token"]
            .as_str()
            .expect("a csrf_token")
            .to_owned();
        let mut jar: Vec<String> = cookie.split("; ").map(str::to_owned).collect();
        for set in more {
            let name = set.split('=').next().unwrap_or_default().to_owned();
            jar.retain(|c| !c.starts_with(&format!("{name}=")));
            jar.push(set);
        }
        cookie = jar.join("; ");
        Self {
            base: base.to_owned(),
            cookie,
            csrf,
        }
    }

    pub fn request(
        &self,
        agent: &ureq::Agent,
        method: &str,
        path: &str,
        body: Option<&Value>,
    ) -> Answer {
        let csrf = (method != "GET").then_some(self.csrf.as_str());
        send(
            agent,
            method,
            &format!("{}{path}", self.base),
            Some(&self.cookie),
            csrf,
            body,
        )
        .0
    }

    /// A request that must succeed (set-up and verification).
    pub fn expect(
        &self,
        agent: &ureq::Agent,
        method: &str,
        path: &str,
        body: Option<&Value>,
    ) -> Value {
        let answer = self.request(agent, method, path, body);
        assert!(answer.ok(), "{method} {path} {body:?}: {answer:?}");
        answer.json()
    }
}
