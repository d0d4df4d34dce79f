//! The numbers `/metrics` reports, in the Prometheus text format.
//!
//! One registry per app (held in `Services`) rather than a process-wide recorder, so every
//! test (and every app in one process) counts only its own requests. Label
//! values come from closed sets — route templates, methods, status codes,
//! outcome names — never from a raw path or user data, so no email or id
//! reaches a label and the number of series stays bounded.
use axum::http::{Method, StatusCode};
use habitflow_storage::PoolUsage;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::metrics::info::Info;
use prometheus_client::registry::Registry;
use std::time::Duration;

pub use prometheus_client::encoding::prometheus_text::CONTENT_TYPE;

/// Upper bounds of the latency buckets, in seconds.
const LATENCY_BUCKETS: [f64; 11] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// The route label of a request no route matched (its path could hold anything).
const UNMATCHED: &str = "unmatched";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignInMethod {
    Password,
    Oidc,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignInOutcome {
    Success,
    /// Wrong email or password.
    Failure,
    /// The account is disabled, or the provider did not vouch for the email.
    Refused,
    /// An identity provider's email belongs to an account that must confirm the link.
    LinkRequired,
    RateLimited,
    /// Something broke (a database or Redis error).
    Error,
}

/// What the Redis-backed adapters were doing when Redis failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RedisUse {
    Sessions,
    RateLimits,
    HealthCheck,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobOutcome {
    /// This instance claimed the time slot and the run succeeded.
    Succeeded,
    /// Another instance had claimed the slot.
    Skipped,
    Failed,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: &'static str,
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: &'static str,
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PoolLabels {
    state: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RedisLabels {
    operation: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct LimitLabels {
    limit: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct SignInLabels {
    method: &'static str,
    outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct JobLabels {
    job: &'static str,
    outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct BuildLabels {
    version: &'static str,
}

type Latencies = Family<RouteLabels, Histogram, fn() -> Histogram>;

pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latencies: Latencies,
    pool_connections: Family<PoolLabels, Gauge>,
    pool_max: Gauge,
    redis_errors: Family<RedisLabels, Counter>,
    rate_limited: Family<LimitLabels, Counter>,
    sign_ins: Family<SignInLabels, Counter>,
    job_runs: Family<JobLabels, Counter>,
}

fn latency_histogram() -> Histogram {
    Histogram::new(LATENCY_BUCKETS)
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("habitflow");
        let requests = Family::default();
        let latencies = Latencies::new_with_constructor(latency_histogram);
        let pool_connections = Family::default();
        let pool_max = Gauge::default();
        let redis_errors = Family::default();
        let rate_limited = Family::default();
        let sign_ins = Family::default();
        let job_runs = Family::default();
        registry.register(
            "build",
            "The running version",
            Info::new(BuildLabels {
                version: crate::VERSION,
            }),
        );
        registry.register(
            "http_requests",
            "HTTP requests answered, by method, route template and status",
            requests.clone(),
        );
        registry.register(
            "http_request_duration_seconds",
            "Time to answer an HTTP request, by method and route template",
            latencies.clone(),
        );
        registry.register(
            "db_pool_connections",
            "Database connections open, by state (idle or in_use)",
            pool_connections.clone(),
        );
        registry.register(
            "db_pool_max_connections",
            "The most database connections the pool opens",
            pool_max.clone(),
        );
        registry.register(
            "redis_errors",
            "Redis calls that failed, by what they were for",
            redis_errors.clone(),
        );
        registry.register(
            "rate_limited",
            "Attempts refused by a rate limit, by limit",
            rate_limited.clone(),
        );
        registry.register(
            "sign_ins",
            "Sign-in attempts, by method and outcome",
            sign_ins.clone(),
        );
        registry.register(
            "job_runs",
            "Background job runs, by job and outcome",
            job_runs.clone(),
        );
        Self {
            registry,
            requests,
            latencies,
            pool_connections,
            pool_max,
            redis_errors,
            rate_limited,
            sign_ins,
            job_runs,
        }
    }
}

impl Metrics {
    /// One answered request; `route` is the matched route template, if any.
    pub fn request(
        &self,
        method: &Method,
        route: Option<&str>,
        status: StatusCode,
        took: Duration,
    ) {
        let method = method_label(method);
        let route = route.unwrap_or(UNMATCHED).to_owned();
        self.latencies
            .get_or_create(&RouteLabels {
                method,
                route: route.clone(),
            })
            .observe(took.as_secs_f64());
        self.requests
            .get_or_create(&RequestLabels {
                method,
                route,
                status: status.as_u16(),
            })
            .inc();
    }

    pub fn sign_in(&self, method: SignInMethod, outcome: SignInOutcome) {
        let method = match method {
            SignInMethod::Password => "password",
            SignInMethod::Oidc => "oidc",
        };
        let outcome = match outcome {
            SignInOutcome::Success => "success",
            SignInOutcome::Failure => "failure",
            SignInOutcome::Refused => "refused",
            SignInOutcome::LinkRequired => "link_required",
            SignInOutcome::RateLimited => "rate_limited",
            SignInOutcome::Error => "error",
        };
        self.sign_ins
            .get_or_create(&SignInLabels { method, outcome })
            .inc();
    }

    /// An attempt refused by the limit of that name (`login-ip`, …).
    pub fn rate_limited(&self, limit: &'static str) {
        self.rate_limited
            .get_or_create(&LimitLabels { limit })
            .inc();
    }

    pub fn redis_error(&self, used_for: RedisUse) {
        let operation = match used_for {
            RedisUse::Sessions => "sessions",
            RedisUse::RateLimits => "rate_limits",
            RedisUse::HealthCheck => "health_check",
        };
        self.redis_errors
            .get_or_create(&RedisLabels { operation })
            .inc();
    }

    /// A run of the background job of that name (`quotes`).
    pub fn job_run(&self, job: &'static str, outcome: JobOutcome) {
        let outcome = match outcome {
            JobOutcome::Succeeded => "succeeded",
            JobOutcome::Skipped => "skipped",
            JobOutcome::Failed => "failed",
        };
        self.job_runs
            .get_or_create(&JobLabels { job, outcome })
            .inc();
    }

    /// Everything in the Prometheus text format, with the pool as it is now.
    pub fn render(&self, pool: PoolUsage) -> Result<String, std::fmt::Error> {
        for (state, count) in [("idle", pool.idle), ("in_use", pool.in_use())] {
            self.pool_connections
                .get_or_create(&PoolLabels { state })
                .set(i64::from(count));
        }
        self.pool_max.set(i64::from(pool.max));
        let mut text = String::new();
        prometheus_client::encoding::prometheus_text::encode(&mut text, &self.registry)?;
        Ok(text)
    }
}

/// The standard methods by name; anything else is one label, so a client
/// inventing methods cannot create series.
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}
