//! Build script shared by the crates whose tests need PostgreSQL or Redis.
//!
//! Those tests carry `#[cfg_attr(not(with_postgres), ignore = "…")]` (or
//! `with_redis`), so a plain `cargo test` on a laptop reports them as ignored.
//! When the URL is set, or under `CI=true`, they run — and in CI a missing URL
//! makes them fail instead of silently skipping.
pub fn main() {
    println!("cargo::rustc-check-cfg=cfg(with_postgres)");
    println!("cargo::rustc-check-cfg=cfg(with_redis)");
    for variable in [
        "HABITFLOW_TEST_DATABASE_URL",
        "HABITFLOW_TEST_REDIS_URL",
        "CI",
    ] {
        println!("cargo::rerun-if-env-changed={variable}");
    }
    let in_ci = std::env::var("CI").is_ok_and(|value| value == "true" || value == "1");
    let set = |name: &str| std::env::var(name).is_ok_and(|value| !value.is_empty());
    if in_ci || set("HABITFLOW_TEST_DATABASE_URL") {
        println!("cargo::rustc-cfg=with_postgres");
    }
    if in_ci || set("HABITFLOW_TEST_REDIS_URL") {
        println!("cargo::rustc-cfg=with_redis");
    }
}
