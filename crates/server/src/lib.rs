//! The HabitFlow server: HTTP layer, services, infrastructure adapters and
//! the composition root that wires them to one of the two storage backends.
#![forbid(unsafe_code)]

pub mod app;
pub mod config;
pub mod failure;
pub mod healthcheck;
pub mod i18n;
pub mod infra;
pub mod jobs;
pub mod logging;
pub mod maintenance;
pub mod metrics;
pub mod server;
pub mod user_commands;
pub mod web;
pub mod wiring;

/// The version this binary reports: the crate version, and the git commit it
/// was built from when known (`0.1.0+abc1234`); see `build/server.rs`.
pub const VERSION: &str = env!("HABITFLOW_VERSION");
