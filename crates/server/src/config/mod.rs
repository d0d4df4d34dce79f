//! Settings, read once from the environment (and `.env`) into typed values.
//! A bad value stops start-up naming the variable and what it accepts.
mod oidc;
#[cfg(test)]
mod tests;
mod vars;

use oidc::oidc_providers;
use std::collections::HashMap;
use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::path::PathBuf;
use std::time::Duration;
use vars::Vars;

#[derive(Debug, thiserror::Error)]
#[error("{variable}: {message}")]
pub struct ConfigError {
    pub variable: &'static str,
    pub message: String,
}

/// A value that must never reach a log: `Debug` prints a placeholder.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(…)")
    }
}

/// A URL with the password of its user part (`scheme://user:password@host`)
/// replaced by `***`, for anything printed: check-config, errors
/// (docs/security.md, secrets in output). Other text is returned as it is.
pub fn redact_url(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else {
        return url.to_owned();
    };
    let rest = &url[scheme_end..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let Some(at) = rest[..authority_end].rfind('@') else {
        return url.to_owned();
    };
    match rest[..at].find(':') {
        Some(colon) => format!(
            "{}{}:***{}",
            &url[..scheme_end],
            &rest[..colon],
            &rest[at..]
        ),
        None => url.to_owned(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    Development,
    Production,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

/// Where the server key comes from: given, or generated once into the data folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretKeySource {
    Configured(Secret),
    GeneratedFile(PathBuf),
}

/// Where the VAPID key of Web Push comes from (docs/reminders.md).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VapidKeySource {
    /// `HABITFLOW_VAPID_PRIVATE_KEY`: the P-256 private key in base64url.
    Configured(Secret),
    /// Generated at first start into this file, beside the server key.
    GeneratedFile(PathBuf),
}

/// The SMTP server reminders are e-mailed through, when configured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpSettings {
    /// `HABITFLOW_SMTP_URL`, e.g. `smtps://user:password@mail.example.com`.
    pub url: Secret,
    /// `HABITFLOW_SMTP_FROM`.
    pub from: String,
}

/// An OpenID Connect provider to sign in with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OidcProviderSettings {
    /// The path segment: `/auth/oidc/{id}/start`.
    pub id: String,
    pub name: String,
    pub issuer: String,
    pub client_id: String,
    pub client_secret: Secret,
}

/// Where `/metrics` is served: off unless asked for, because it tells anyone
/// who can reach it how busy the instance is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MetricsSettings {
    /// On the main port, beside the app (`HABITFLOW_METRICS=true`).
    pub on_main_port: bool,
    /// On an address of its own, e.g. one only the monitoring network reaches.
    pub bind: Option<SocketAddr>,
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub environment: Environment,
    pub database_url: String,
    pub redis_url: Option<Secret>,
    pub bind: SocketAddr,
    pub public_url: String,
    pub secret_key: SecretKeySource,
    pub auto_migrate: bool,
    pub session_max_age: Duration,
    pub session_idle_timeout: Duration,
    pub quotes_url: Option<String>,
    pub quotes_refresh: Duration,
    pub trusted_proxies: Vec<IpAddr>,
    pub log_format: LogFormat,
    pub oidc_providers: Vec<OidcProviderSettings>,
    pub metrics: MetricsSettings,
    /// A connection that has not sent a whole request head within this long
    /// is closed, so slow clients cannot hold connections open (docs/security.md).
    pub header_timeout: Duration,
    /// After SIGTERM, how long the server keeps serving while its health
    /// checks answer 503, so a load balancer stops sending it requests before
    /// it closes its listener (README, production).
    pub shutdown_delay: Duration,
    /// Requests a minute one client address may send, all at once if it
    /// likes; `None` turns the limit off (docs/security.md, request floods).
    pub client_requests_per_minute: Option<NonZeroU32>,
    /// The key that signs Web Push requests (docs/reminders.md).
    pub vapid_key: VapidKeySource,
    /// E-mail reminders, when both SMTP variables are set.
    pub smtp: Option<SmtpSettings>,
    /// Whether outgoing requests to user-given URLs may reach loopback and
    /// private addresses (`HABITFLOW_OUTBOUND_ALLOW_PRIVATE`, docs/security.md).
    pub outbound_allow_private: bool,
}

impl Settings {
    /// What `habitflow check-config` prints: every setting, every secret as
    /// `***` (README, configuration; docs/security.md).
    pub fn report(&self) -> String {
        let shown = Self {
            database_url: redact_url(&self.database_url),
            ..self.clone()
        };
        let mut report = format!("{shown:#?}");
        if let Some(url) = &self.redis_url {
            report.push_str(&format!("\nredis_url = {}", redact_url(url.expose())));
        }
        report
    }

    /// Reads the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_vars(std::env::vars().collect())
    }

    /// Reads settings from a map of variables (the environment, in production).
    pub fn from_vars(vars: HashMap<String, String>) -> Result<Self, ConfigError> {
        let env = Vars(vars);
        let environment = env.parse(
            "HABITFLOW_ENV",
            Environment::Development,
            "development or production",
            |v| match v {
                "development" => Some(Environment::Development),
                "production" => Some(Environment::Production),
                _ => None,
            },
        )?;
        let database_url = env
            .text("HABITFLOW_DATABASE_URL")
            .unwrap_or_else(|| DEFAULT_DATABASE_URL.into());
        if habitflow_storage::Backend::of_url(&database_url).is_none() {
            return Err(env.invalid(
                "HABITFLOW_DATABASE_URL",
                &database_url,
                "a sqlite://path or postgres://user@host:port/database URL",
            ));
        }
        let redis_url = env.text("HABITFLOW_REDIS_URL");
        if let Some(url) = &redis_url
            && !(url.starts_with("redis://") || url.starts_with("rediss://"))
        {
            return Err(env.invalid(
                "HABITFLOW_REDIS_URL",
                url,
                "a redis:// or rediss:// URL, or empty",
            ));
        }
        let bind = env.parse(
            "HABITFLOW_BIND",
            DEFAULT_BIND,
            "a socket address host:port, e.g. 127.0.0.1:8000",
            |v| v.parse().ok(),
        )?;
        let public_url = env
            .text("HABITFLOW_PUBLIC_URL")
            .unwrap_or_else(|| format!("http://{bind}"));
        let public_url = public_url.trim_end_matches('/').to_owned();
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            return Err(env.invalid(
                "HABITFLOW_PUBLIC_URL",
                &public_url,
                "an http:// or https:// URL",
            ));
        }
        let secret_key = match env.text("HABITFLOW_SECRET_KEY") {
            Some(key) if key.chars().count() >= 32 => SecretKeySource::Configured(Secret(key)),
            Some(_) => {
                return Err(ConfigError {
                    variable: "HABITFLOW_SECRET_KEY",
                    message: "must be at least 32 characters (e.g. `openssl rand -hex 32`)".into(),
                });
            }
            None if environment == Environment::Production
                || public_url.starts_with("https://") =>
            {
                return Err(ConfigError {
                    variable: "HABITFLOW_SECRET_KEY",
                    message: "is required in production and when HABITFLOW_PUBLIC_URL is https"
                        .into(),
                });
            }
            None => SecretKeySource::GeneratedFile(data_folder(&database_url).join("secret.key")),
        };
        let boolean = |v: &str| match v {
            "true" | "1" | "yes" => Some(true),
            "false" | "0" | "no" => Some(false),
            _ => None,
        };
        let auto_migrate = env.parse("HABITFLOW_AUTO_MIGRATE", true, "true or false", boolean)?;
        let session_max_age = env.parse(
            "HABITFLOW_SESSION_MAX_AGE_DAYS",
            14,
            "a whole number of days, 1 to 365",
            days,
        )?;
        let session_idle = env.parse(
            "HABITFLOW_SESSION_IDLE_DAYS",
            7,
            "a whole number of days, 1 to 365",
            days,
        )?;
        let quotes_url = match env.0.get("HABITFLOW_QUOTES_URL") {
            None => Some(DEFAULT_QUOTES_URL.to_owned()),
            Some(url) if url.trim().is_empty() => None,
            Some(url) if url.starts_with("http://") || url.starts_with("https://") => {
                Some(url.trim().to_owned())
            }
            Some(url) => {
                return Err(env.invalid(
                    "HABITFLOW_QUOTES_URL",
                    url,
                    "an http(s) URL, or empty to turn the job off",
                ));
            }
        };
        let quotes_hours = env.parse(
            "HABITFLOW_QUOTES_REFRESH_HOURS",
            12,
            "a whole number of hours, 1 to 720",
            |v| v.parse::<u64>().ok().filter(|h| (1..=720).contains(h)),
        )?;
        let trusted_proxies = env.parse(
            "HABITFLOW_TRUSTED_PROXIES",
            Vec::new(),
            "a comma-separated list of IP addresses",
            |v| {
                v.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| s.parse().ok())
                    .collect()
            },
        )?;
        let log_format = env.parse(
            "HABITFLOW_LOG_FORMAT",
            LogFormat::Text,
            "text or json",
            |v| match v {
                "text" => Some(LogFormat::Text),
                "json" => Some(LogFormat::Json),
                _ => None,
            },
        )?;
        let oidc_providers = oidc_providers(&env)?;
        let metrics = MetricsSettings {
            on_main_port: env.parse("HABITFLOW_METRICS", false, "true or false", boolean)?,
            bind: env.parse(
                "HABITFLOW_METRICS_BIND",
                None,
                "a socket address host:port other than HABITFLOW_BIND, e.g. 127.0.0.1:9100",
                |v| v.parse().ok().filter(|address| *address != bind).map(Some),
            )?,
        };
        let header_timeout = env.parse(
            "HABITFLOW_HEADER_TIMEOUT_SECONDS",
            DEFAULT_HEADER_TIMEOUT_SECONDS,
            "a whole number of seconds, 1 to 600",
            |v| v.parse::<u64>().ok().filter(|s| (1..=600).contains(s)),
        )?;
        let shutdown_delay = env.parse(
            "HABITFLOW_SHUTDOWN_DELAY_SECONDS",
            0,
            "a whole number of seconds, 0 to 300",
            |v| v.parse::<u64>().ok().filter(|s| *s <= 300),
        )?;
        let client_requests_per_minute = env.parse(
            "HABITFLOW_CLIENT_REQUESTS_PER_MINUTE",
            NonZeroU32::new(DEFAULT_CLIENT_REQUESTS_PER_MINUTE),
            "a whole number of requests, 1 to 1000000, or 0 for no limit",
            |v| {
                v.parse::<u32>()
                    .ok()
                    .filter(|n| *n <= 1_000_000)
                    .map(NonZeroU32::new)
            },
        )?;
        let vapid_key = match env.text("HABITFLOW_VAPID_PRIVATE_KEY") {
            Some(key) => VapidKeySource::Configured(Secret(key)),
            None => VapidKeySource::GeneratedFile(data_folder(&database_url).join("vapid.key")),
        };
        let smtp = match (
            env.text("HABITFLOW_SMTP_URL"),
            env.text("HABITFLOW_SMTP_FROM"),
        ) {
            (Some(url), Some(from)) => Some(SmtpSettings {
                url: Secret(url),
                from,
            }),
            (None, None) => None,
            (Some(_), None) => {
                return Err(ConfigError {
                    variable: "HABITFLOW_SMTP_FROM",
                    message: "is required with HABITFLOW_SMTP_URL".into(),
                });
            }
            (None, Some(_)) => {
                return Err(ConfigError {
                    variable: "HABITFLOW_SMTP_URL",
                    message: "is required with HABITFLOW_SMTP_FROM".into(),
                });
            }
        };
        let outbound_allow_private = env.parse(
            "HABITFLOW_OUTBOUND_ALLOW_PRIVATE",
            false,
            "true or false",
            boolean,
        )?;
        Ok(Settings {
            vapid_key,
            smtp,
            outbound_allow_private,
            client_requests_per_minute,
            header_timeout: Duration::from_secs(header_timeout),
            shutdown_delay: Duration::from_secs(shutdown_delay),
            metrics,
            oidc_providers,
            environment,
            database_url,
            redis_url: redis_url.map(Secret),
            bind,
            public_url,
            secret_key,
            auto_migrate,
            session_max_age: Duration::from_secs(session_max_age * DAY),
            session_idle_timeout: Duration::from_secs(session_idle * DAY),
            quotes_url,
            quotes_refresh: Duration::from_secs(quotes_hours * 3600),
            trusted_proxies,
            log_format,
        })
    }

    pub fn served_over_https(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/habitflow.sqlite3";
const DEFAULT_BIND: SocketAddr = SocketAddr::new(IpAddr::V4(std::net::Ipv4Addr::LOCALHOST), 8000);
const DEFAULT_QUOTES_URL: &str = "https://zenquotes.io/api/quotes";
const DAY: u64 = 24 * 3600;
const DEFAULT_HEADER_TIMEOUT_SECONDS: u64 = 30;
/// Twenty a second on average: several people of a household behind one
/// address, clicking fast, stay far below it; a flood does not
/// (docs/production.md).
pub const DEFAULT_CLIENT_REQUESTS_PER_MINUTE: u32 = 1_200;

fn days(value: &str) -> Option<u64> {
    value.parse::<u64>().ok().filter(|d| (1..=365).contains(d))
}

/// The folder of a SQLite database file, else `data`.
fn data_folder(database_url: &str) -> PathBuf {
    database_url
        .strip_prefix("sqlite://")
        .or_else(|| database_url.strip_prefix("sqlite:"))
        .map(|path| path.split('?').next().unwrap_or(path))
        .filter(|path| !path.is_empty() && !path.starts_with(':'))
        .and_then(|path| PathBuf::from(path).parent().map(PathBuf::from))
        .filter(|folder| !folder.as_os_str().is_empty())
        .unwrap_or_else(|| PathBuf::from("data"))
}
