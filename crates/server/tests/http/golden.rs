//! A recorded conversation with the app: the same requests, in order, must
//! get the same answers (status, the headers that matter, and the body byte
//! for byte) as when the transcript was recorded. It guards refactors that
//! must not change behaviour. Ids, the CSRF token and other values that differ
//! on every run are replaced by stable placeholders before comparing.
//!
//! After an intended change of an answer, record again with
//! `HABITFLOW_RECORD_GOLDEN=1 cargo test -p habitflow --test http golden` and
//! review the diff of `golden/transcript.txt`.
use axum::body::Body;
use axum::http::Request;
use habitflow_testkit::{API, BROWSER, Browser, TestApp};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::fmt::Write as _;

const NOW: &str = "2026-03-10T12:00:00Z";
const TRANSCRIPT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/http/golden/transcript.txt"
);
/// Headers whose value is part of the behaviour under guard.
const RECORDED_HEADERS: &[&str] = &[
    "content-type",
    "location",
    "cache-control",
    "content-language",
    "retry-after",
];

struct Recorder {
    client: Browser,
    csrf: String,
    /// Every CSRF token this client held, replaced by `<csrf>` in answers.
    tokens: Vec<String>,
    transcript: String,
    ids: HashMap<String, String>,
}

impl Recorder {
    async fn send(&mut self, label: &str, request: Request<Body>) -> Value {
        let (response, body) = self.client.send(request).await;
        let mut entry = format!("### {label}\nstatus: {}\n", response.status().as_u16());
        for name in RECORDED_HEADERS {
            if let Some(value) = response.headers().get(*name) {
                let _ = writeln!(entry, "{name}: {}", value.to_str().unwrap_or("?"));
            }
        }
        let _ = writeln!(entry, "\n{body}\n");
        let entry = self.normalize(&entry);
        self.transcript.push_str(&entry);
        serde_json::from_str(&body).unwrap_or(Value::Null)
    }

    async fn get(&mut self, path: &str, accept: &str) -> Value {
        let kind = if accept == API { "json" } else { "html" };
        let request = habitflow_testkit::get(path, accept);
        self.send(&format!("GET {path} ({kind})"), request).await
    }

    async fn json(&mut self, method: &str, path: &str, body: Value) -> Value {
        let request = Request::builder()
            .method(method)
            .uri(path)
            .header("content-type", "application/json")
            .header("accept", API)
            .header("x-csrf-token", &self.csrf)
            .body(Body::from(body.to_string()))
            .expect("valid request");
        self.send(&format!("{method} {path} (json) {body}"), request)
            .await
    }

    async fn form(&mut self, path: &str, fields: &[(&str, &str)]) -> Value {
        let mut with_token = vec![("csrf_token", self.csrf.as_str())];
        with_token.extend_from_slice(fields);
        let body: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(&with_token)
            .finish();
        let request = Request::post(path)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", BROWSER)
            .body(Body::from(body.clone()))
            .expect("valid request");
        let label = body.replace(&self.csrf, "<csrf>");
        self.send(&format!("POST {path} (form) {label}"), request)
            .await
    }

    /// Replaces what differs between runs: the CSRF tokens, every UUID and
    /// session hash (each distinct one gets the next number, in order of
    /// first appearance).
    fn normalize(&mut self, text: &str) -> String {
        let mut text = text.to_owned();
        for token in &self.tokens {
            text = text.replace(token.as_str(), "<csrf>");
        }
        let mut out = String::with_capacity(text.len());
        let mut rest = text.as_str();
        while let Some(at) = rest.find(|c: char| c.is_ascii_hexdigit()) {
            out.push_str(&rest[..at]);
            rest = &rest[at..];
            let preceded_by_word = out
                .chars()
                .last()
                .is_some_and(|c| c.is_ascii_alphanumeric());
            match rest.get(..36).filter(|c| !preceded_by_word && is_uuid(c)) {
                Some(candidate) => {
                    out.push_str(&self.placeholder(candidate));
                    rest = &rest[36..];
                }
                None => {
                    let run = rest
                        .find(|c: char| !c.is_ascii_alphanumeric())
                        .unwrap_or(rest.len())
                        .max(1);
                    let word = &rest[..run];
                    if is_session_hash(word) {
                        out.push_str(&self.placeholder(word));
                    } else {
                        out.push_str(word);
                    }
                    rest = &rest[run..];
                }
            }
        }
        out.push_str(rest);
        out
    }
}

impl Recorder {
    fn placeholder(&mut self, value: &str) -> String {
        let next = self.ids.len() + 1;
        self.ids
            .entry(value.to_owned())
            .or_insert_with(|| format!("<id{next}>"))
            .clone()
    }
}

/// The SHA-256 (hex) a session is known by on the sessions page.
fn is_session_hash(word: &str) -> bool {
    word.len() == 64 && word.chars().all(|c| c.is_ascii_hexdigit())
}

fn is_uuid(candidate: &str) -> bool {
    candidate.len() == 36
        && candidate.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        })
}

fn id(value: &Value) -> String {
    value["id"].as_str().expect("an id").to_owned()
}

#[tokio::test]
async fn the_recorded_conversation_gets_the_same_answers() {
    let app = TestApp::builder().clock(NOW).spawn().await;
    let mut recorder = Recorder {
        client: app.browser(),
        csrf: String::new(),
        tokens: Vec::new(),
        transcript: String::new(),
        ids: HashMap::new(),
    };
    recorder.csrf = recorder.client.csrf_token().await;
    recorder.tokens.push(recorder.csrf.clone());
    visitor(&mut recorder).await;
    let (response, body) = recorder
        .client
        .send_json(
            "POST",
            "/auth/register",
            json!({"email": "ada@example.com", "password": "a sturdy passphrase 42", "time_zone": "Europe/Berlin"}),
            None,
        )
        .await;
    assert_eq!(response.status(), 201, "{body}");
    recorder.csrf = recorder.client.csrf_token().await;
    recorder.tokens.push(recorder.csrf.clone());
    let theme = themes(&mut recorder).await;
    tasks(&mut recorder, &theme).await;
    habits(&mut recorder, &theme).await;
    overview(&mut recorder).await;
    settings(&mut recorder).await;
    errors(&mut recorder).await;

    let transcript = recorder.transcript;
    if std::env::var_os("HABITFLOW_RECORD_GOLDEN").is_some() {
        std::fs::write(TRANSCRIPT, &transcript).expect("write the transcript");
    } else {
        let recorded = std::fs::read_to_string(TRANSCRIPT).expect("the recorded transcript");
        let first_difference = recorded
            .lines()
            .zip(transcript.lines())
            .position(|(a, b)| a != b);
        assert!(
            recorded == transcript,
            "answers differ from the recording; first differing line {:?}:\nrecorded: {:?}\nnow:      {:?}",
            first_difference.map(|n| n + 1),
            first_difference.and_then(|n| recorded.lines().nth(n)),
            first_difference.and_then(|n| transcript.lines().nth(n)),
        );
    }
    app.remove().await;
}

async fn visitor(r: &mut Recorder) {
    r.get("/", BROWSER).await;
    r.get("/auth/login", BROWSER).await;
    r.get("/auth/register", BROWSER).await;
    r.get("/habits", BROWSER).await;
    r.get("/habits", API).await;
}

async fn themes(r: &mut Recorder) -> String {
    let health = r
        .json(
            "POST",
            "/themes",
            json!({"name": "Health", "color": "#aabbcc"}),
        )
        .await;
    r.json("POST", "/themes", json!({"name": "Work"})).await;
    r.json("POST", "/themes", json!({"name": "HEALTH"})).await;
    r.json("POST", "/themes", json!({"name": "Ok", "color": "red"}))
        .await;
    r.json(
        "POST",
        "/themes",
        json!({"name": "Ok", "colour": "#000000"}),
    )
    .await;
    r.form("/themes", &[("name", "Home"), ("color", "")]).await;
    r.form("/themes", &[("name", ""), ("color", "#123456")])
        .await;
    let theme = id(&health);
    r.get("/themes", BROWSER).await;
    r.get("/themes/", API).await;
    r.get("/themes/new", BROWSER).await;
    r.get(&format!("/themes/{theme}"), BROWSER).await;
    r.get(&format!("/themes/{theme}"), API).await;
    let work = r.get("/themes", API).await["items"][1].clone();
    r.json(
        "PATCH",
        &format!("/themes/{}", id(&work)),
        json!({"name": "Job"}),
    )
    .await;
    r.form(
        &format!("/themes/{}", id(&work)),
        &[("name", "Office"), ("color", "#112233")],
    )
    .await;
    theme
}

async fn tasks(r: &mut Recorder, theme: &str) {
    let walk = r
        .json(
            "POST",
            "/tasks",
            json!({"name": "Walk", "theme_id": theme, "priority": "high", "due_on": "2026-03-09"}),
        )
        .await;
    r.json(
        "POST",
        "/tasks",
        json!({"name": "Taxes", "description": "file them", "priority": "low", "due_on": "2026-04-01"}),
    )
    .await;
    r.form("/tasks", &[("name", "Call mum"), ("priority", "medium")])
        .await;
    r.form("/tasks", &[("name", ""), ("priority", "medium")])
        .await;
    r.json("POST", "/tasks", json!({"name": "x", "priority": "urgent"}))
        .await;
    let walk = id(&walk);
    r.json("POST", &format!("/tasks/{walk}/complete"), json!({}))
        .await;
    r.get("/tasks?status=completed", API).await;
    r.get("/tasks?status=all&sort=priority&order=desc", API)
        .await;
    r.get("/tasks?sort=due_on&per_page=1&page=2", API).await;
    r.get("/tasks?per_page=1&page=9", BROWSER).await;
    r.get("/tasks?sort=nonsense", API).await;
    r.form(&format!("/tasks/{walk}/reopen"), &[]).await;
    r.get("/tasks", BROWSER).await;
    r.get("/tasks/new", BROWSER).await;
    r.get(&format!("/tasks/{walk}"), BROWSER).await;
    r.get(&format!("/tasks/{walk}"), API).await;
    r.json(
        "PUT",
        &format!("/tasks/{walk}"),
        json!({"name": "Long walk", "priority": "medium"}),
    )
    .await;
    let call = r.get("/tasks?sort=name", API).await["items"][0].clone();
    r.json("DELETE", &format!("/tasks/{}", id(&call)), json!({}))
        .await;
}

async fn habits(r: &mut Recorder, theme: &str) {
    let cases = [
        ("daily", json!({})),
        (
            "weekly_days",
            json!({"days": ["fri", "mon"], "every_weeks": 2}),
        ),
        ("monthly_day", json!({"day": 31})),
        ("yearly_date", json!({"month": 2, "day": 29})),
        ("interval_cycle", json!({"active_days": 3, "break_days": 4})),
    ];
    let mut ids = Vec::new();
    for (schedule_type, config) in cases {
        let habit = r
            .json(
                "POST",
                "/habits",
                json!({"name": schedule_type, "schedule_type": schedule_type, "schedule_config": config, "starts_on": "2026-01-01", "theme_id": theme}),
            )
            .await;
        ids.push(id(&habit));
    }
    r.json(
        "POST",
        "/habits",
        json!({"name": "Bad", "schedule_type": "weekly_days", "schedule_config": {"days": []}}),
    )
    .await;
    r.json(
        "POST",
        "/habits",
        json!({"name": "Bad", "schedule_type": "monthly_day", "schedule_config": {"day": true}}),
    )
    .await;
    r.form(
        "/habits",
        &[
            ("name", "Stretch"),
            ("schedule_type", "weekly_days"),
            ("days", "tue"),
            ("days", "thu"),
            ("every_weeks", "1"),
            ("starts_on", "2026-02-01"),
            ("ends_on", "2026-06-30"),
        ],
    )
    .await;
    r.form("/habits", &[("name", ""), ("schedule_type", "daily")])
        .await;
    let daily = ids[0].clone();
    let checkins = format!("/habits/{daily}/checkins");
    for (date, kind) in [
        ("2026-03-06", "done"),
        ("2026-03-07", "done"),
        ("2026-03-08", "skipped"),
        ("2026-03-09", "done"),
    ] {
        r.json("POST", &checkins, json!({"date": date, "kind": kind}))
            .await;
    }
    r.json("POST", &checkins, json!({"kind": "done", "note": "easy"}))
        .await;
    r.json("POST", &checkins, json!({"kind": "done", "note": "easy"}))
        .await;
    r.json("POST", &checkins, json!({"date": "2026-03-11"}))
        .await;
    r.json("POST", &checkins, json!({"date": "2025-12-31"}))
        .await;
    r.json(
        "POST",
        &format!("/habits/{}/checkins", ids[2]),
        json!({"date": "2026-03-01"}),
    )
    .await;
    r.json("DELETE", &format!("{checkins}/2026-03-10"), json!({}))
        .await;
    r.form(&format!("{checkins}/2026-03-09/delete"), &[]).await;
    r.form(&checkins, &[("date", "2026-03-09"), ("kind", "done")])
        .await;
    r.get(&checkins, API).await;
    for status in ["today", "active", "completed_today", "archived", "all"] {
        r.get(&format!("/habits?status={status}&sort=streak"), API)
            .await;
    }
    r.get("/habits?schedule_type=weekly_days", API).await;
    r.get("/habits?status=all", BROWSER).await;
    r.get("/habits/new", BROWSER).await;
    r.get(&format!("/habits/{daily}"), BROWSER).await;
    r.get(&format!("/habits/{daily}?month=2026-02"), BROWSER)
        .await;
    r.get(&format!("/habits/{daily}"), API).await;
    r.get(&format!("/habits/{}/edit", ids[1]), BROWSER).await;
    r.json(
        "PATCH",
        &format!("/habits/{}", ids[1]),
        json!({"name": "Weekly", "schedule_config": {"days": ["wed"], "every_weeks": 1}}),
    )
    .await;
    r.form(&format!("/habits/{}/archive", ids[3]), &[]).await;
    r.json("POST", &format!("/habits/{}/archive", ids[4]), json!({}))
        .await;
    r.json("POST", &format!("/habits/{}/unarchive", ids[4]), json!({}))
        .await;
    r.json(
        "POST",
        &format!("/habits/{}/checkins", ids[3]),
        json!({"date": "2026-03-01"}),
    )
    .await;
    r.json("DELETE", &format!("/habits/{}", ids[2]), json!({}))
        .await;
}

async fn overview(r: &mut Recorder) {
    r.get("/", BROWSER).await;
    r.get("/", API).await;
    for range in ["7d", "30d", "90d", "1y", "all"] {
        r.get(&format!("/stats?range={range}"), API).await;
    }
    r.get("/stats", BROWSER).await;
    r.get("/stats?range=all", BROWSER).await;
    r.get("/stats?range=5y", API).await;
    r.get("/stats?range=5y", BROWSER).await;
    let themes = r.get("/themes", API).await;
    let theme = id(&themes["items"][0]);
    r.get(&format!("/habits?theme={theme}"), BROWSER).await;
    r.get(&format!("/?theme={theme}"), BROWSER).await;
    r.get("/?theme=all", BROWSER).await;
}

async fn settings(r: &mut Recorder) {
    r.get("/settings", BROWSER).await;
    r.get("/settings", API).await;
    r.form(
        "/settings",
        &[
            ("display_name", "Ada"),
            ("time_zone", "Asia/Tokyo"),
            ("day_start_hour", "3"),
            ("language", "en"),
        ],
    )
    .await;
    r.json("POST", "/settings", json!({"time_zone": "Mars/Olympus"}))
        .await;
    r.get("/settings/password", BROWSER).await;
    r.get("/settings/sessions", BROWSER).await;
    r.get("/settings/sessions", API).await;
    r.get("/", BROWSER).await;
    r.form(
        "/settings/language",
        &[("language", "ru"), ("next", "/habits")],
    )
    .await;
    r.get("/habits?status=all", BROWSER).await;
    r.get("/stats?range=30d", BROWSER).await;
    r.get("/habits?status=all", API).await;
    r.form("/settings/language", &[("language", "en"), ("next", "/")])
        .await;
}

async fn errors(r: &mut Recorder) {
    r.get("/habits/not-a-uuid", BROWSER).await;
    r.get("/habits/not-a-uuid", API).await;
    r.get("/tasks/00000000-0000-7000-8000-000000000000", API)
        .await;
    r.get("/themes/00000000-0000-7000-8000-000000000000", BROWSER)
        .await;
    r.get("/nowhere", BROWSER).await;
    r.get("/nowhere", API).await;
    r.json("POST", "/tasks", json!({"name": "Lost", "extra": 1}))
        .await;
    r.json("POST", "/auth/logout", json!({})).await;
    r.get("/habits", API).await;
    r.get("/stats", BROWSER).await;
}
