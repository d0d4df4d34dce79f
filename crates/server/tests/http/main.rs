//! HTTP tests through the real router, and a few through the real binary.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod auth;
mod backup;
mod binary;
mod calendar_feed;
mod checkins;
mod csrf;
mod errors;
mod golden;
mod habits;
mod health;
mod languages;
mod metrics;
mod openapi;
mod operators;
mod ownership;
mod quotas;
mod quotes;
mod rate_limits;
mod redirects;
mod redis_outage;
mod richer;
mod richer_stats;
mod richer_ui;
mod schema_versions;
mod security_headers;
mod service;
mod slow_clients;
mod stats;
mod tasks;
mod themes;
mod tokens;
mod user_commands;
