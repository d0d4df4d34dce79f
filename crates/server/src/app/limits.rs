//! The rate limits of docs/product.md#rate-limits, checked before the work they protect.
use super::Services;
use super::error::AppError;
use super::ports::RateDecision;
use std::time::Duration;

const MINUTE: Duration = Duration::from_secs(60);
const HOUR: Duration = Duration::from_secs(3600);

struct Limit {
    name: &'static str,
    count: u32,
    window: Duration,
}

/// Counts the attempt under every key; the first exceeded limit refuses it.
async fn enforce(state: &Services, limits: &[(Limit, String)]) -> Result<(), AppError> {
    let mut refused = None;
    for (limit, key) in limits {
        let decision = state
            .limiter
            .hit(&format!("{}:{key}", limit.name), limit.count, limit.window)
            .await?;
        if let RateDecision::Limited { retry_after } = decision {
            tracing::warn!(target: "habitflow::auth", event = "rate_limited", limit = limit.name, "rate limit hit");
            state.metrics.rate_limited(limit.name);
            refused.get_or_insert(retry_after);
        }
    }
    match refused {
        Some(retry_after) => Err(AppError::RateLimited { retry_after }),
        None => Ok(()),
    }
}

pub async fn login_attempt(state: &Services, ip: &str, account: &str) -> Result<(), AppError> {
    enforce(
        state,
        &[
            (
                Limit {
                    name: "login-ip",
                    count: 20,
                    window: MINUTE,
                },
                ip.to_owned(),
            ),
            (
                Limit {
                    name: "login-account-ip",
                    count: 5,
                    window: MINUTE,
                },
                format!("{account}|{ip}"),
            ),
            (
                Limit {
                    name: "login-account",
                    count: 100,
                    window: HOUR,
                },
                account.to_owned(),
            ),
        ],
    )
    .await
}

pub async fn register_attempt(state: &Services, ip: &str, email: &str) -> Result<(), AppError> {
    enforce(
        state,
        &[
            (
                Limit {
                    name: "register-ip",
                    count: 10,
                    window: MINUTE,
                },
                ip.to_owned(),
            ),
            (
                Limit {
                    name: "register-email",
                    count: 3,
                    window: HOUR,
                },
                email.to_owned(),
            ),
        ],
    )
    .await
}

pub async fn oidc_start(state: &Services, ip: &str) -> Result<(), AppError> {
    enforce(
        state,
        &[(
            Limit {
                name: "oidc-start",
                count: 30,
                window: MINUTE,
            },
            ip.to_owned(),
        )],
    )
    .await
}

pub async fn oidc_callback(state: &Services, ip: &str) -> Result<(), AppError> {
    enforce(
        state,
        &[(
            Limit {
                name: "oidc-callback",
                count: 60,
                window: MINUTE,
            },
            ip.to_owned(),
        )],
    )
    .await
}
