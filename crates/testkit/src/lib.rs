//! The test harness shared by HabitFlow's test suites:
//!
//! - `TestDatabase`: a fresh, migrated SQLite or PostgreSQL database per test;
//! - `TestApp`: the app wired as the server wires it, on its own database —
//!   `TestApp::spawn()`, or `TestApp::builder()` with `.postgres()`,
//!   `.redis()`, `.clock("2026-03-10T12:00:00Z")`, `.oidc(..)`, then `.spawn()`;
//! - `Browser`: a cookie-keeping client of the router, with typed helpers for
//!   the JSON API (`create_habit`, `check_in`, `get_json`, …) that panic
//!   naming the request when the answer is not the expected one;
//! - `FixedClock`: a clock that stands still until the test moves it;
//! - `on_each_backend!`: one case list run as one test per backend.
//!
//! The storage conformance suite lives in `tests/storage`.
#![forbid(unsafe_code)]

mod app;
mod backends;
mod browser;
mod clock;
mod database;
mod seed;

pub use app::{TestApp, TestAppBuilder, test_redis};
pub use backends::Fixture;
pub use browser::{
    API, BROWSER, Browser, PASSWORD, TIME_ZONE, get, id_of, json, local_today, location, send,
};
pub use clock::FixedClock;
pub use database::TestDatabase;
