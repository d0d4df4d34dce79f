//! The rate limits of docs/product.md#rate-limits, checked before the work they protect.
use super::Services;
use super::error::AppError;
use super::ports::RateDecision;
use sha2::{Digest, Sha256};
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::time::Duration;
use uuid::Uuid;

const MINUTE: Duration = Duration::from_secs(60);
const HOUR: Duration = Duration::from_secs(3600);

struct Limit {
    name: &'static str,
    count: u32,
    window: Duration,
}

/// The limiter's key for a limit and what it counts: the limit's name and the
/// SHA-256 (hex) of the key, so a key is 64 characters whatever a client sends
/// (docs/security.md, rate-limit keys).
fn limiter_key(limit: &str, key: &str) -> String {
    format!("{limit}:{}", hex::encode(Sha256::digest(key.as_bytes())))
}

/// The client as IP-keyed limits count it: an IPv4 address, or the /64 of an
/// IPv6 address, since one subscriber usually holds a whole /64
/// (docs/security.md, client address). An IPv4-mapped IPv6 address is its
/// IPv4 address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClientKey {
    V4(Ipv4Addr),
    /// The first 64 bits of the address.
    V6Prefix(u64),
}

impl ClientKey {
    pub fn of(ip: IpAddr) -> Self {
        match ip {
            IpAddr::V4(v4) => ClientKey::V4(v4),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => ClientKey::V4(v4),
                None => ClientKey::V6Prefix((v6.to_bits() >> 64) as u64),
            },
        }
    }
}

impl fmt::Display for ClientKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientKey::V4(v4) => write!(f, "{v4}"),
            ClientKey::V6Prefix(prefix) => {
                let network = Ipv6Addr::from_bits(u128::from(*prefix) << 64);
                write!(f, "{network}/64")
            }
        }
    }
}

/// The text form of [`ClientKey`] for the limiter keys; anything that is not
/// an address is kept as given.
pub fn client_key(ip: &str) -> String {
    match ip.parse::<IpAddr>() {
        Ok(ip) => ClientKey::of(ip).to_string(),
        Err(_) => ip.to_owned(),
    }
}

/// Counts the attempt under every key; the first exceeded limit refuses it.
async fn enforce(state: &Services, limits: &[(Limit, String)]) -> Result<(), AppError> {
    let mut refused = None;
    for (limit, key) in limits {
        let decision = state
            .limiter
            .hit(&limiter_key(limit.name, key), limit.count, limit.window)
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
    let ip = client_key(ip);
    enforce(
        state,
        &[
            (
                Limit {
                    name: "login-ip",
                    count: 20,
                    window: MINUTE,
                },
                ip.clone(),
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
    let ip = client_key(ip);
    enforce(
        state,
        &[
            (
                Limit {
                    name: "register-ip",
                    count: 10,
                    window: MINUTE,
                },
                ip.clone(),
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
    let ip = client_key(ip);
    enforce(
        state,
        &[(
            Limit {
                name: "oidc-start",
                count: 30,
                window: MINUTE,
            },
            ip,
        )],
    )
    .await
}

pub async fn oidc_callback(state: &Services, ip: &str) -> Result<(), AppError> {
    let ip = client_key(ip);
    enforce(
        state,
        &[(
            Limit {
                name: "oidc-callback",
                count: 60,
                window: MINUTE,
            },
            ip,
        )],
    )
    .await
}

/// Changing the password checks the current one with Argon2, so it is bounded
/// like signing in: per user and client, and per client.
pub async fn password_change_attempt(
    state: &Services,
    ip: &str,
    user: Uuid,
) -> Result<(), AppError> {
    let ip = client_key(ip);
    enforce(
        state,
        &[
            (
                Limit {
                    name: "password-ip",
                    count: 20,
                    window: MINUTE,
                },
                ip.clone(),
            ),
            (
                Limit {
                    name: "password-user-ip",
                    count: 5,
                    window: MINUTE,
                },
                format!("{user}|{ip}"),
            ),
        ],
    )
    .await
}

/// A request with a bad bearer token (docs/security.md, API tokens): counted
/// per client like sign-in attempts, so secrets cannot be guessed in bulk.
pub async fn bad_token_attempt(state: &Services, ip: &str) -> Result<(), AppError> {
    let ip = client_key(ip);
    enforce(
        state,
        &[(
            Limit {
                name: "token-ip",
                count: 20,
                window: MINUTE,
            },
            ip,
        )],
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_hashed_to_a_fixed_length() {
        let short = limiter_key("login-account", "a");
        let long = limiter_key("login-account", &"a".repeat(1_000_000));
        assert_eq!(short.len(), "login-account:".len() + 64);
        assert_eq!(long.len(), short.len());
        assert_ne!(short, long);
    }

    #[test]
    fn ipv6_clients_are_keyed_by_their_64() {
        assert_eq!(client_key("2001:db8:1:2::1"), "2001:db8:1:2::/64");
        assert_eq!(
            client_key("2001:db8:1:2:ffff:ffff:ffff:fffe"),
            "2001:db8:1:2::/64"
        );
        assert_eq!(client_key("::ffff:203.0.113.9"), "203.0.113.9");
        assert_eq!(client_key("203.0.113.9"), "203.0.113.9");
    }
}
