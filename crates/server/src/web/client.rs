//! Who is calling: the client IP (docs/product.md#client-address) and user agent.
use super::state::AppState;
use crate::app::accounts::Client;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::header::USER_AGENT;
use axum::http::request::Parts;
use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

/// The client IP is the socket peer, unless the peer is a trusted proxy: then
/// the right-most `X-Forwarded-For` address that is not itself a trusted proxy.
pub fn client_ip(peer: IpAddr, forwarded_for: Option<&str>, trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let hops: Vec<IpAddr> = forwarded_for
        .unwrap_or("")
        .split(',')
        .filter_map(|hop| hop.trim().parse().ok())
        .collect();
    hops.iter()
        .rev()
        .find(|ip| !trusted.contains(ip))
        .or(hops.first())
        .copied()
        .unwrap_or(peer)
}

impl FromRequestParts<AppState> for Client {
    type Rejection = Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::V4(Ipv4Addr::LOCALHOST), |info| info.0.ip());
        let forwarded = parts
            .headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok());
        let ip = client_ip(peer, forwarded, &state.web.trusted_proxies);
        let user_agent = parts
            .headers
            .get(USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        Ok(Client {
            ip: ip.to_string(),
            user_agent,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::client_ip;
    use std::net::IpAddr;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn forwarded_for_counts_only_behind_a_trusted_proxy() {
        let proxy = [ip("10.0.0.1")];
        assert_eq!(
            client_ip(ip("198.51.100.2"), Some("203.0.113.9"), &proxy),
            ip("198.51.100.2")
        );
        assert_eq!(
            client_ip(ip("10.0.0.1"), Some("203.0.113.9"), &proxy),
            ip("203.0.113.9")
        );
        assert_eq!(
            client_ip(
                ip("10.0.0.1"),
                Some("6.6.6.6, 203.0.113.9, 10.0.0.1"),
                &proxy
            ),
            ip("203.0.113.9")
        );
        assert_eq!(client_ip(ip("10.0.0.1"), None, &proxy), ip("10.0.0.1"));
        assert_eq!(
            client_ip(ip("10.0.0.1"), Some("garbage"), &proxy),
            ip("10.0.0.1")
        );
    }
}
