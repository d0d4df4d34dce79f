//! Adapters to the outside world that are not the relational store.
pub mod redis;
pub mod secret_key;
