//! Who is calling: the client IP (docs/product.md#client-address) and user agent.
use super::state::AppState;
use crate::app::accounts::Client;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::header::USER_AGENT;
use axum::http::request::Parts;
use axum::http::{Extensions, HeaderMap};
use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

/// The client IP is the socket peer, unless the peer is a trusted proxy: then
/// the hops of every `X-Forwarded-For` header, in order, are walked right to
/// left, skipping trusted proxies, and the first other address is the client.
/// An unparsable hop (or an empty one) stops the walk: nothing left of it can
/// be believed, so the client is the last trusted address seen — the proxy
/// that reported it (docs/security.md, client address). When every hop is a
/// trusted proxy, the left-most is the client.
pub fn client_ip(peer: IpAddr, forwarded_for: &[&str], trusted: &[IpAddr]) -> IpAddr {
    let mut client = peer;
    let hops = forwarded_for
        .iter()
        .rev()
        .flat_map(|value| value.rsplit(','));
    for hop in hops {
        if !trusted.contains(&client) {
            break;
        }
        match parse_hop(hop) {
            Some(ip) => client = ip,
            None => break,
        }
    }
    client
}

/// An address, with or without a port (`203.0.113.9`, `203.0.113.9:4711`,
/// `[2001:db8::1]:4711`).
fn parse_hop(hop: &str) -> Option<IpAddr> {
    let hop = hop.trim();
    hop.parse::<IpAddr>()
        .ok()
        .or_else(|| hop.parse::<SocketAddr>().ok().map(|socket| socket.ip()))
}

/// The client address of a request: its socket peer (loopback when there is
/// none, as in tests), walked back through `X-Forwarded-For` by [`client_ip`].
pub fn request_client_ip(
    extensions: &Extensions,
    headers: &HeaderMap,
    trusted: &[IpAddr],
) -> IpAddr {
    let peer = extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::LOCALHOST), |info| info.0.ip());
    if !trusted.contains(&peer) {
        return peer;
    }
    // A value that is not text is kept as an unparsable hop, which stops
    // the walk (docs/security.md, client address).
    let forwarded: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .map(|v| v.to_str().unwrap_or("?"))
        .collect();
    client_ip(peer, &forwarded, trusted)
}

impl FromRequestParts<AppState> for Client {
    type Rejection = Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let ip = request_client_ip(
            &parts.extensions,
            &parts.headers,
            &state.web.trusted_proxies,
        );
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
            client_ip(ip("198.51.100.2"), &["203.0.113.9"], &proxy),
            ip("198.51.100.2")
        );
        assert_eq!(
            client_ip(ip("10.0.0.1"), &["203.0.113.9"], &proxy),
            ip("203.0.113.9")
        );
        assert_eq!(
            client_ip(ip("10.0.0.1"), &["6.6.6.6, 203.0.113.9, 10.0.0.1"], &proxy),
            ip("203.0.113.9")
        );
        assert_eq!(client_ip(ip("10.0.0.1"), &[], &proxy), ip("10.0.0.1"));
        assert_eq!(
            client_ip(ip("10.0.0.1"), &["garbage"], &proxy),
            ip("10.0.0.1")
        );
    }

    /// A proxy that appends its own `X-Forwarded-For` header after the one
    /// the client sent: the last header holds the truth.
    #[test]
    fn every_forwarded_for_header_is_read_right_to_left() {
        let proxy = [ip("10.0.0.1")];
        assert_eq!(
            client_ip(ip("10.0.0.1"), &["6.6.6.6", "203.0.113.9"], &proxy),
            ip("203.0.113.9"),
            "the client's forged header does not win"
        );
        let proxies = [ip("10.0.0.1"), ip("10.0.0.2")];
        assert_eq!(
            client_ip(
                ip("10.0.0.1"),
                &["6.6.6.6, 7.7.7.7", "203.0.113.9, 10.0.0.2"],
                &proxies
            ),
            ip("203.0.113.9"),
            "hops of every header, trusted proxies skipped"
        );
    }

    #[test]
    fn a_forged_left_most_value_is_ignored() {
        let proxy = [ip("10.0.0.1")];
        assert_eq!(
            client_ip(ip("10.0.0.1"), &["10.0.0.1, 203.0.113.9"], &proxy),
            ip("203.0.113.9"),
            "a client claiming to be the proxy is still the client"
        );
        assert_eq!(
            client_ip(ip("10.0.0.1"), &["1.2.3.4, 5.6.7.8, 203.0.113.9"], &proxy),
            ip("203.0.113.9")
        );
    }

    /// An unparsable hop stops the walk: nothing left of it is believed, and
    /// the client is the trusted proxy that reported it (docs/security.md).
    #[test]
    fn a_garbage_hop_stops_the_walk() {
        let proxies = [ip("10.0.0.1"), ip("10.0.0.2")];
        assert_eq!(
            client_ip(ip("10.0.0.1"), &["6.6.6.6, garbage, 10.0.0.2"], &proxies),
            ip("10.0.0.2"),
            "not the forged 6.6.6.6 left of the garbage"
        );
        assert_eq!(
            client_ip(ip("10.0.0.1"), &["6.6.6.6", "unknown"], &proxies),
            ip("10.0.0.1")
        );
        assert_eq!(
            client_ip(ip("10.0.0.1"), &["6.6.6.6,"], &proxies),
            ip("10.0.0.1"),
            "an empty hop is garbage too"
        );
        assert_eq!(
            client_ip(ip("10.0.0.1"), &["203.0.113.9:4711"], &proxies),
            ip("203.0.113.9"),
            "an address with a port is an address"
        );
    }
}
