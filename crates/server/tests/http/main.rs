//! HTTP tests through the real router, and a few through the real binary.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod auth;
mod binary;
mod csrf;
mod errors;
mod golden;
mod health;
mod languages;
mod product;
mod quotes;
mod rate_limits;
mod redirects;
mod redis_outage;
mod security_headers;
mod stats;
