//! Adapters to the outside world other than the relational store.
pub mod database_sessions;
pub mod memory_limiter;
pub mod oidc_http;
pub mod outbound;
pub mod redis;
pub mod redis_errors;
pub mod redis_limiter;
pub mod redis_sessions;
pub mod reminder_channels;
pub mod secret_key;
pub mod vapid;
pub mod zenquotes;
