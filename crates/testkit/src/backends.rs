//! One case list, run once per backend: `on_each_backend!`.
use crate::app::TestApp;
use std::future::Future;

/// What `on_each_backend!` hands each case: built before it, finished after it.
pub trait Fixture: Sized {
    /// Cleans up after a case that passed; a failing case panics first and
    /// leaves its database behind for inspection. Nothing to do by default.
    fn finish(self) -> impl Future<Output = ()> {
        async {}
    }
}

impl Fixture for crate::TestDatabase {
    fn finish(self) -> impl Future<Output = ()> {
        self.remove()
    }
}

impl Fixture for TestApp {
    fn finish(self) -> impl Future<Output = ()> {
        self.remove()
    }
}

/// Runs each listed case once per backend, as its own `#[tokio::test]`.
///
/// A case is an `async fn case(fixture: &F)` in the calling module. For each
/// backend the macro writes a module (named after the backend) holding one
/// test per case, named after the case: `sqlite::case`, `postgres::case`.
/// A backend marked `if with_postgres` or `if with_redis` is
/// `#[cfg_attr(not(with_postgres), ignore = "needs PostgreSQL: …")]` (or the
/// Redis equivalent): the `cfg` is set by `build/test_services.rs`, which the
/// calling crate must use as its build script; it must also depend on `tokio`.
///
/// The short form runs `TestApp`s — the default app on SQLite, and on
/// PostgreSQL:
///
/// ```text
/// habitflow_testkit::on_each_backend!(
///     themes_are_created_listed_updated_and_deleted,
///     theme_names_conflict_and_validation_names_the_field,
/// );
///
/// async fn themes_are_created_listed_updated_and_deleted(app: &TestApp) { … }
/// ```
///
/// The long form names each backend and the future that builds its fixture
/// (any `Fixture`; paths resolve in the calling module), then the cases:
///
/// ```text
/// habitflow_testkit::on_each_backend!(
///     embedded_sessions => TestApp::spawn(),
///     redis_sessions if with_redis => TestApp::builder().redis().spawn();
///     the_session_id_changes_at_every_login,
///     a_revoked_session_is_gone,
/// );
/// ```
#[macro_export]
macro_rules! on_each_backend {
    ($($case:ident),+ $(,)?) => {
        $crate::on_each_backend!(
            sqlite => $crate::TestApp::spawn(),
            postgres if with_postgres => $crate::TestApp::builder().postgres().spawn();
            $($case),+
        );
    };
    ($($backend:ident $(if $gate:ident)? => $setup:expr),+ ; $($case:ident),+ $(,)?) => {
        $crate::on_each_backend!(@backends [$($case)+] $($backend [$($gate)?] ($setup))+);
    };
    (@backends $cases:tt) => {};
    (@backends $cases:tt $backend:ident $gate:tt ($setup:expr) $($rest:tt)*) => {
        mod $backend {
            #[allow(unused_imports)]
            use super::*;
            $crate::on_each_backend!(@tests $gate ($setup) $cases);
        }
        $crate::on_each_backend!(@backends $cases $($rest)*);
    };
    (@tests $gate:tt ($setup:expr) [$($case:ident)+]) => {
        $($crate::on_each_backend!(@test $gate $case ($setup));)+
    };
    (@test [] $case:ident ($setup:expr)) => {
        #[tokio::test]
        async fn $case() {
            $crate::on_each_backend!(@run $case ($setup));
        }
    };
    (@test [with_postgres] $case:ident ($setup:expr)) => {
        #[tokio::test]
        #[cfg_attr(not(with_postgres), ignore = "needs PostgreSQL: set HABITFLOW_TEST_DATABASE_URL")]
        async fn $case() {
            $crate::on_each_backend!(@run $case ($setup));
        }
    };
    (@test [with_redis] $case:ident ($setup:expr)) => {
        #[tokio::test]
        #[cfg_attr(not(with_redis), ignore = "needs Redis: set HABITFLOW_TEST_REDIS_URL")]
        async fn $case() {
            $crate::on_each_backend!(@run $case ($setup));
        }
    };
    (@run $case:ident ($setup:expr)) => {
        let fixture = $setup.await;
        super::$case(&fixture).await;
        $crate::Fixture::finish(fixture).await;
    };
}
