//! HTTP tests through the real router, and a few through the real binary.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod auth;
mod binary;
mod errors;
mod health;
mod helpers;
mod security_headers;
