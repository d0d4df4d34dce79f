//! The HabitFlow server: HTTP layer, services, infrastructure adapters and
//! the composition root that wires them to one of the two storage backends.
#![forbid(unsafe_code)]

pub mod app;
pub mod config;
pub mod i18n;
pub mod infra;
pub mod jobs;
pub mod logging;
pub mod server;
pub mod web;
pub mod wiring;
