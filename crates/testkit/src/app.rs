//! The app under test: the real router and services on a fresh database.
use crate::browser::Browser;
use crate::clock::{FixedClock, parse_instant};
use crate::database::TestDatabase;
use axum::Router;
use habitflow::app::SessionLifetime;
use habitflow::app::oidc::OidcProviders;
use habitflow::app::passwords::Passwords;
use habitflow::infra::redis::Redis;
use habitflow::web::{AppState, WebSettings};
use habitflow_domain::model::User;
use habitflow_storage::Backend;
use std::sync::{Arc, LazyLock};

/// One password hasher for the whole test binary (its dummy hash is costly).
static PASSWORDS: LazyLock<Passwords> = LazyLock::new(|| Passwords::owasp().expect("argon2"));

/// The app wired as `habitflow serve` wires it, on its own fresh database.
///
/// `TestApp::spawn()` is SQLite, the embedded session store and limiter, and
/// the system clock; `TestApp::builder()` chooses otherwise. End a test with
/// `app.remove().await` (a failed test leaves its database for inspection).
pub struct TestApp {
    pub state: AppState,
    pub database: TestDatabase,
    redis: Option<Arc<Redis>>,
    clock: Option<Arc<FixedClock>>,
}

/// How to build a `TestApp`; `spawn` builds it.
#[must_use]
pub struct TestAppBuilder {
    backend: Backend,
    redis: Option<Arc<Redis>>,
    clock: Option<Arc<FixedClock>>,
    oidc: Option<OidcProviders>,
}

impl TestAppBuilder {
    /// On a fresh PostgreSQL database (`HABITFLOW_TEST_DATABASE_URL`) instead of SQLite.
    pub fn postgres(self) -> Self {
        self.backend(Backend::Postgres)
    }

    pub fn backend(mut self, backend: Backend) -> Self {
        self.backend = backend;
        self
    }

    /// Sessions and rate limits in a fresh namespace of the test Redis
    /// (`HABITFLOW_TEST_REDIS_URL`).
    pub fn redis(self) -> Self {
        self.with_redis(test_redis())
    }

    /// Sessions and rate limits in the given Redis.
    pub fn with_redis(mut self, redis: Arc<Redis>) -> Self {
        self.redis = Some(redis);
        self
    }

    /// The clock stopped at an RFC 3339 instant (`TestApp::clock` moves it).
    pub fn clock(mut self, instant: &str) -> Self {
        self.clock = Some(Arc::new(FixedClock::new(parse_instant(instant))));
        self
    }

    /// Sign-in with these OpenID Connect providers.
    pub fn oidc(mut self, providers: OidcProviders) -> Self {
        self.oidc = Some(providers);
        self
    }

    pub async fn spawn(self) -> TestApp {
        let database = TestDatabase::new(self.backend).await;
        let mut state = assemble(&database, self.redis.clone(), self.clock.clone());
        if let Some(oidc) = self.oidc {
            habitflow::wiring::with_oidc(&mut state, oidc);
        }
        TestApp {
            state,
            database,
            redis: self.redis,
            clock: self.clock,
        }
    }
}

fn assemble(
    database: &TestDatabase,
    redis: Option<Arc<Redis>>,
    clock: Option<Arc<FixedClock>>,
) -> AppState {
    let mut web = WebSettings::local([7u8; 64]);
    // Requests from 127.0.0.1 may say who they forward for, so tests can
    // speak as different clients.
    web.trusted_proxies = vec!["127.0.0.1".parse().expect("ip")];
    let mut state = habitflow::wiring::assemble(
        database.shared_store(),
        redis,
        PASSWORDS.clone(),
        SessionLifetime::default(),
        web,
    );
    if let Some(clock) = clock {
        state.services.clock = clock;
    }
    state
}

impl TestApp {
    /// The stored account of `email`, which the test's setup made.
    pub async fn stored_user(&self, email: &str) -> User {
        self.state
            .services
            .store
            .users()
            .by_email(email)
            .await
            .expect("the user store answers")
            .expect("the test made this account")
    }

    pub fn builder() -> TestAppBuilder {
        TestAppBuilder {
            backend: Backend::Sqlite,
            redis: None,
            clock: None,
            oidc: None,
        }
    }

    /// The default app: `TestApp::builder().spawn()`.
    pub async fn spawn() -> Self {
        Self::builder().spawn().await
    }

    pub fn router(&self) -> Router {
        habitflow::web::router(self.state.clone())
    }

    /// A new client without cookies.
    pub fn browser(&self) -> Browser {
        Browser::new(self.router())
    }

    /// A new client, registered as `email` through the form and signed in.
    pub async fn signed_in(&self, email: &str) -> Browser {
        let mut browser = self.browser();
        browser.register(email).await;
        browser
    }

    /// The stopped clock installed with `TestAppBuilder::clock`.
    pub fn clock(&self) -> &FixedClock {
        self.clock
            .as_deref()
            .expect("this app runs on the system clock: build it with .clock(..)")
    }

    /// The state of a second server on the same database and Redis, as a
    /// second process would have it: its own connection pool, session store
    /// and rate limiter, the same settings and clock.
    pub async fn second_instance(&self) -> AppState {
        let store = habitflow_storage::open(self.database.url())
            .await
            .expect("open the test database again");
        let mut state = habitflow::wiring::assemble(
            store,
            self.redis.clone(),
            self.state.services.passwords.clone(),
            self.state.services.session_lifetime,
            (*self.state.web).clone(),
        );
        state.services.clock = Arc::clone(&self.state.services.clock);
        state.services.oidc = Arc::clone(&self.state.services.oidc);
        state.services.reminders = self.state.services.reminders.clone();
        state
    }

    /// Removes the database; a failed test leaves it behind for inspection.
    pub async fn remove(self) {
        self.database.remove().await;
    }
}

/// A fresh Redis namespace on the test server, so tests never see each other's keys.
pub fn test_redis() -> Arc<Redis> {
    let url = std::env::var("HABITFLOW_TEST_REDIS_URL").expect(
        "HABITFLOW_TEST_REDIS_URL must name a Redis server for this test \
         (e.g. redis://127.0.0.1:6379)",
    );
    let prefix = format!("habitflow-test:{}:", uuid::Uuid::now_v7().simple());
    Arc::new(Redis::with_prefix(&url, &prefix).expect("valid Redis URL"))
}
