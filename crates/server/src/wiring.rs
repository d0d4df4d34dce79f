//! The composition root: settings in, a ready `AppState` out.
use crate::app::oidc::OidcProviders;
use crate::app::passwords::Passwords;
use crate::app::ports::{KeyValueStore, RateLimiter, SessionStore, SystemClock};
use crate::app::reminders::channels::ReminderSetup;
use crate::app::{Services, SessionLifetime};
use crate::config::Settings;
use crate::infra::database_sessions::DatabaseSessions;
use crate::infra::memory_limiter::MemoryLimiter;
use crate::infra::oidc_http::UreqOidcHttp;
use crate::infra::redis::Redis;
use crate::infra::redis_errors::Counted;
use crate::infra::redis_limiter::RedisLimiter;
use crate::infra::redis_sessions::RedisSessions;
use crate::infra::reminder_channels::{LiveChannels, Smtp};
use crate::infra::secret_key::ServerKey;
use crate::infra::vapid::VapidKey;
use crate::metrics::{Metrics, RedisUse};
use crate::web::{AppState, WebSettings};
use habitflow_storage::{CheckError, NewerSchema, Store, StoreError};
use std::sync::Arc;

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("cannot open the database: {0}")]
    Database(StoreError),
    #[error("refusing to start: {0} (this is HabitFlow {version})", version = crate::VERSION)]
    NewerSchema(NewerSchema),
    #[error("cannot migrate the database: {0}")]
    Migration(StoreError),
    #[error("{0}")]
    Redis(String),
    #[error("cannot load the server key: {0}")]
    SecretKey(String),
    #[error("cannot prepare password hashing: {0}")]
    Passwords(String),
    #[error("cannot set up reminders: {0}")]
    Reminders(String),
}

/// Opens the database, refusing one a newer HabitFlow has migrated: this
/// build does not know that schema and could damage its data.
pub async fn open_store(settings: &Settings) -> Result<Arc<dyn Store>, StartupError> {
    habitflow_storage::refuse_newer(&settings.database_url)
        .await
        .map_err(|error| match error {
            CheckError::Newer(newer) => StartupError::NewerSchema(newer),
            CheckError::Store(error) => StartupError::Database(error),
        })?;
    habitflow_storage::open(&settings.database_url)
        .await
        .map_err(StartupError::Database)
}

/// `scheme://host[:port]` of a URL.
fn origin_of(url: &str) -> String {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    match url[after_scheme..].find('/') {
        Some(slash) => url[..after_scheme + slash].to_owned(),
        None => url.to_owned(),
    }
}

pub async fn build_state(settings: &Settings) -> Result<AppState, StartupError> {
    let key = ServerKey::load(&settings.secret_key).map_err(StartupError::SecretKey)?;
    let store = open_store(settings).await?;
    if settings.auto_migrate {
        store.migrate().await.map_err(StartupError::Migration)?;
    }
    let web = WebSettings {
        https: settings.served_over_https(),
        public_origin: origin_of(&settings.public_url),
        cookie_key: *key.bytes(),
        trusted_proxies: settings.trusted_proxies.clone(),
        form_action_origins: Vec::new(),
        metrics_route: settings.metrics.on_main_port,
        client_requests_per_minute: settings.client_requests_per_minute,
    };
    let redis = match &settings.redis_url {
        Some(url) => Some(Arc::new(
            Redis::new(url.expose()).map_err(StartupError::Redis)?,
        )),
        None => None,
    };
    let passwords = Passwords::owasp().map_err(StartupError::Passwords)?;
    let http = Arc::new(UreqOidcHttp::new(OIDC_TIMEOUT));
    let oidc = OidcProviders::new(settings.oidc_providers.clone(), http, &settings.public_url);
    let lifetime = SessionLifetime {
        max_age: settings.session_max_age,
        idle_timeout: settings.session_idle_timeout,
    };
    let mut state = assemble(store, redis, passwords, lifetime, web);
    with_oidc(&mut state, oidc);
    state.services.reminders = reminder_setup(settings)?;
    Ok(state)
}

/// Each outgoing reminder (a push service, an ntfy server, SMTP) gets this long.
const REMINDER_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// The live reminder channels: the VAPID key (configured or generated
/// beside the server key), SMTP when configured, the outbound address rule.
fn reminder_setup(settings: &Settings) -> Result<ReminderSetup, StartupError> {
    let vapid = VapidKey::load(&settings.vapid_key).map_err(StartupError::Reminders)?;
    let smtp = settings
        .smtp
        .as_ref()
        .map(|smtp| Smtp::new(smtp.url.expose(), &smtp.from, REMINDER_TIMEOUT))
        .transpose()
        .map_err(StartupError::Reminders)?;
    let channels = LiveChannels::new(
        vapid,
        &settings.public_url,
        smtp,
        settings.outbound_allow_private,
        REMINDER_TIMEOUT,
    );
    Ok(ReminderSetup {
        channels: Arc::new(channels),
        public_url: settings.public_url.clone(),
    })
}

/// Each call to an identity provider gets this long.
const OIDC_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Installs the identity providers and lets forms reach them (CSP `form-action`).
pub fn with_oidc(state: &mut AppState, oidc: OidcProviders) {
    let mut web = (*state.web).clone();
    web.form_action_origins = oidc.origins();
    state.web = Arc::new(web);
    state.services.oidc = Arc::new(oidc);
}

/// Picks the Redis-backed adapters when Redis is configured, else the embedded ones.
pub fn assemble(
    store: Arc<dyn Store>,
    redis: Option<Arc<Redis>>,
    passwords: Passwords,
    session_lifetime: SessionLifetime,
    web: WebSettings,
) -> AppState {
    let metrics = Arc::new(Metrics::default());
    let key_value = redis.clone().map(|redis| {
        Arc::new(Counted::new(redis, metrics.clone(), RedisUse::HealthCheck))
            as Arc<dyn KeyValueStore>
    });
    let sessions: Arc<dyn SessionStore> = match &redis {
        Some(redis) => {
            let sessions = Arc::new(RedisSessions::new(redis.clone(), session_lifetime.max_age));
            Arc::new(Counted::new(sessions, metrics.clone(), RedisUse::Sessions))
        }
        None => Arc::new(DatabaseSessions::new(store.clone())),
    };
    let limiter: Arc<dyn RateLimiter> = match redis {
        Some(redis) => {
            let limiter = Arc::new(RedisLimiter::new(redis));
            Arc::new(Counted::new(limiter, metrics.clone(), RedisUse::RateLimits))
        }
        None => Arc::new(MemoryLimiter::default()),
    };
    AppState {
        services: Services {
            store,
            key_value,
            sessions,
            limiter,
            clock: Arc::new(SystemClock),
            passwords,
            oidc: Arc::new(OidcProviders::new(
                Vec::new(),
                Arc::new(UreqOidcHttp::new(OIDC_TIMEOUT)),
                "",
            )),
            metrics,
            session_lifetime,
            reminders: ReminderSetup::none(),
        },
        web: Arc::new(web),
    }
}

#[cfg(test)]
mod tests {
    use super::origin_of;

    #[test]
    fn origins_drop_the_path() {
        assert_eq!(
            origin_of("https://habits.example.org/app"),
            "https://habits.example.org"
        );
        assert_eq!(origin_of("http://127.0.0.1:8000"), "http://127.0.0.1:8000");
    }
}
