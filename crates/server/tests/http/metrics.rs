//! `/metrics`: off unless asked for; when on, requests counted by route
//! template and status, sign-ins, refusals, Redis errors and job runs — and
//! never an email, an id or a raw path in a label.
use async_trait::async_trait;
use habitflow::app::ports::QuoteSource;
use habitflow::app::quotes::ZenQuote;
use habitflow::infra::redis::Redis;
use habitflow_testkit::{API, Browser, FixedClock, TestApp, get, send};
use serde_json::json;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

fn with_metrics(app: &mut TestApp) {
    let mut web = (*app.state.web).clone();
    web.metrics_route = true;
    app.state.web = Arc::new(web);
}

/// The samples of a scrape: `name{labels}` → value.
fn samples(text: &str) -> BTreeMap<String, f64> {
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .map(|line| {
            let (series, value) = line.rsplit_once(' ').expect("series value");
            (series.to_owned(), value.parse().expect("a number"))
        })
        .collect()
}

async fn scrape(app: &TestApp) -> (String, BTreeMap<String, f64>) {
    let (response, body) = send(&app.router(), get("/metrics", "text/plain")).await;
    assert_eq!(response.status(), 200, "{body}");
    assert_eq!(
        response.headers()["content-type"],
        "text/plain; version=0.0.4; charset=utf-8"
    );
    let parsed = samples(&body);
    agrees_with_a_prometheus_parser(&body, &parsed);
    (body, parsed)
}

/// Reads the scrape with a parser written by others for the Prometheus text
/// format (`prometheus-parse`): it must accept every line, see histograms as
/// histograms, and find every counter and gauge with the value this file's
/// own reading gives it.
fn agrees_with_a_prometheus_parser(text: &str, ours: &BTreeMap<String, f64>) {
    let lines = text.lines().map(|line| Ok(line.to_owned()));
    let scrape = prometheus_parse::Scrape::parse(lines).expect("a valid Prometheus scrape");
    assert!(!scrape.samples.is_empty(), "the parser found no sample");
    let ours_by_series: Vec<(String, BTreeMap<String, String>, f64)> = ours
        .iter()
        .map(|(series, value)| {
            let (name, labels) = series.split_once('{').unwrap_or((series, "}"));
            (
                name.to_owned(),
                label_pairs(labels.trim_end_matches('}')),
                *value,
            )
        })
        .collect();
    let mut compared = 0;
    for sample in &scrape.samples {
        let value = match &sample.value {
            prometheus_parse::Value::Counter(v)
            | prometheus_parse::Value::Gauge(v)
            | prometheus_parse::Value::Untyped(v) => *v,
            prometheus_parse::Value::Histogram(buckets) => {
                assert!(!buckets.is_empty(), "{} has no buckets", sample.metric);
                continue;
            }
            prometheus_parse::Value::Summary(_) => continue,
        };
        let labels: BTreeMap<String, String> = sample
            .labels
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        assert!(
            ours_by_series
                .iter()
                .any(|(name, l, v)| *name == sample.metric && *l == labels && *v == value),
            "{} {labels:?} = {value} is not in this test's reading of the scrape",
            sample.metric
        );
        compared += 1;
    }
    assert!(compared > 0, "no counter or gauge to compare");
}

/// `a="x",b="y"` as a map.
fn label_pairs(labels: &str) -> BTreeMap<String, String> {
    labels
        .split("\",")
        .filter_map(|pair| pair.split_once("=\""))
        .map(|(k, v)| (k.to_owned(), v.trim_end_matches('"').to_owned()))
        .collect()
}

fn value(samples: &BTreeMap<String, f64>, series: &str) -> f64 {
    *samples
        .get(series)
        .unwrap_or_else(|| panic!("no {series} in {samples:#?}"))
}

/// Every label value of the scrape.
fn label_values(text: &str) -> Vec<String> {
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| Some(&line[line.find('{')? + 1..line.rfind('}')?]))
        .flat_map(|labels| labels.split("\",").map(str::to_owned).collect::<Vec<_>>())
        .filter_map(|pair| {
            pair.split_once("=\"")
                .map(|(_, v)| v.trim_end_matches('"').to_owned())
        })
        .collect()
}

/// Whether `text` holds something shaped like a UUID.
fn holds_uuid(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.windows(36).any(|window| {
        window.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
    })
}

#[tokio::test]
async fn metrics_are_off_by_default() {
    let app = TestApp::spawn().await;
    let (response, _) = send(&app.router(), get("/metrics", "text/plain")).await;
    assert_eq!(response.status(), 404);
    app.remove().await;
}

async fn log_in(client: &mut Browser, email: &str, password: &str) -> u16 {
    let (response, _) = client
        .send_json(
            "POST",
            "/auth/login",
            json!({"email": email, "password": password}),
            None,
        )
        .await;
    response.status().as_u16()
}

#[tokio::test]
async fn a_scrape_counts_by_route_template_and_status_without_personal_data() {
    let mut app = TestApp::spawn().await;
    with_metrics(&mut app);
    let email = "metrics.person@example.com";
    let mut owner = app.browser();
    let password = owner.register(email).await;
    let user_id = app.stored_user(email).await.id.to_string();
    let missing_habit = uuid::Uuid::now_v7().to_string();

    for _ in 0..2 {
        assert_eq!(owner.get("/healthz/live", API).await.0.status(), 200);
    }
    let (response, _) = owner.get(&format!("/habits/{missing_habit}"), API).await;
    assert_eq!(response.status(), 404);
    let (response, _) = owner.get(&format!("/no/such/page/{email}"), API).await;
    assert_eq!(response.status(), 404);

    let mut stranger = app.browser();
    stranger.ip = "203.0.113.66".into();
    for _ in 0..5 {
        assert_eq!(log_in(&mut stranger, email, "a wrong guess").await, 401);
    }
    assert_eq!(log_in(&mut stranger, email, "a wrong guess").await, 429);
    let mut returning = app.browser();
    returning.ip = "198.51.100.20".into();
    assert_eq!(log_in(&mut returning, email, &password).await, 200);

    let (text, samples) = scrape(&app).await;
    let requests = |method: &str, route: &str, status: u16| {
        value(
            &samples,
            &format!(
                "habitflow_http_requests_total{{method=\"{method}\",route=\"{route}\",status=\"{status}\"}}"
            ),
        )
    };
    assert_eq!(requests("GET", "/healthz/live", 200), 2.0);
    assert_eq!(requests("GET", "/habits/{id}", 404), 1.0);
    assert_eq!(requests("GET", "unmatched", 404), 1.0);
    assert_eq!(requests("POST", "/auth/register", 303), 1.0);
    assert_eq!(requests("POST", "/auth/login", 401), 5.0);
    assert_eq!(requests("POST", "/auth/login", 429), 1.0);
    assert_eq!(requests("POST", "/auth/login", 200), 1.0);
    assert_eq!(
        value(
            &samples,
            "habitflow_http_request_duration_seconds_count{method=\"POST\",route=\"/auth/login\"}"
        ),
        7.0
    );
    assert_eq!(
        value(
            &samples,
            "habitflow_http_request_duration_seconds_bucket{method=\"GET\",route=\"/healthz/live\",le=\"+Inf\"}"
        ),
        2.0
    );
    let sign_ins = |outcome: &str| {
        value(
            &samples,
            &format!("habitflow_sign_ins_total{{method=\"password\",outcome=\"{outcome}\"}}"),
        )
    };
    assert_eq!(sign_ins("failure"), 5.0);
    assert_eq!(sign_ins("rate_limited"), 1.0);
    assert_eq!(sign_ins("success"), 1.0);
    assert_eq!(
        value(
            &samples,
            "habitflow_rate_limited_total{limit=\"login-account-ip\"}"
        ),
        1.0
    );
    assert_eq!(value(&samples, "habitflow_db_pool_max_connections"), 8.0);
    assert!(value(&samples, "habitflow_db_pool_connections{state=\"idle\"}") >= 1.0);
    assert!(samples.contains_key("habitflow_db_pool_connections{state=\"in_use\"}"));
    assert_eq!(
        value(
            &samples,
            &format!("habitflow_build_info{{version=\"{}\"}}", habitflow::VERSION)
        ),
        1.0
    );

    for personal in [email, "example.com", &user_id, &missing_habit, "/no/such"] {
        assert!(
            !text.contains(personal),
            "{personal} in the metrics:\n{text}"
        );
    }
    let labels = label_values(&text);
    assert!(labels.len() > 20, "{labels:?}");
    for label in labels {
        assert!(
            !label.contains('@') && !holds_uuid(&label),
            "personal data in the label {label:?}"
        );
    }
    app.remove().await;
}

#[tokio::test]
async fn redis_failures_are_counted_by_use() {
    // Nothing listens on port 1: the same answer as a stopped Redis.
    let redis = Arc::new(Redis::new("redis://127.0.0.1:1").unwrap());
    let mut app = TestApp::builder().with_redis(redis).spawn().await;
    with_metrics(&mut app);
    let mut client = app.browser();
    assert_eq!(client.get("/healthz/ready", API).await.0.status(), 503);
    assert_eq!(
        log_in(&mut client, "someone@example.com", "a password").await,
        503
    );
    let (_, samples) = scrape(&app).await;
    assert_eq!(
        value(
            &samples,
            "habitflow_redis_errors_total{operation=\"health_check\"}"
        ),
        1.0
    );
    assert_eq!(
        value(
            &samples,
            "habitflow_redis_errors_total{operation=\"rate_limits\"}"
        ),
        1.0
    );
    assert_eq!(
        value(
            &samples,
            "habitflow_sign_ins_total{method=\"password\",outcome=\"error\"}"
        ),
        1.0
    );
    app.remove().await;
}

struct Offline;

#[async_trait]
impl QuoteSource for Offline {
    async fn fetch(&self) -> Result<Vec<ZenQuote>, String> {
        Err("offline".into())
    }
}

#[tokio::test]
async fn quotes_job_runs_are_counted_by_outcome() {
    let mut app = TestApp::spawn().await;
    with_metrics(&mut app);
    app.state.services.clock = Arc::new(FixedClock::at("2026-11-27T10:00:00Z"));
    // Each start runs once for the current slot before it looks at the token:
    // the first claims the slot and fails, the second finds it claimed.
    for _ in 0..2 {
        let cancel = tokio_util::sync::CancellationToken::new();
        cancel.cancel();
        habitflow::jobs::spawn_quotes(
            app.state.services.clone(),
            Arc::new(Offline),
            Duration::from_secs(3600),
            cancel,
        )
        .await
        .unwrap();
    }
    let (_, samples) = scrape(&app).await;
    let runs = |outcome: &str| {
        value(
            &samples,
            &format!("habitflow_job_runs_total{{job=\"quotes\",outcome=\"{outcome}\"}}"),
        )
    };
    assert_eq!(runs("failed"), 1.0);
    assert_eq!(runs("skipped"), 1.0);
    app.remove().await;
}
