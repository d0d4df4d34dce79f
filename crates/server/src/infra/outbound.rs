//! Outgoing HTTP to addresses users give us (ntfy topics, push endpoints):
//! http(s) only, no redirects, a timeout and a size cap, and no loopback,
//! private, link-local or unique-local address unless the operator allows
//! them (docs/security.md, outgoing URLs). The addresses are checked in the
//! resolver, and the connection goes to the addresses it returned, so a name
//! that resolves differently the second time cannot slip past the check.
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::time::Duration;
use ureq::config::Config;
use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::{DefaultConnector, NextTimeout};

/// The longest URL a user may give.
pub const MAX_URL_LENGTH: usize = 2_000;
/// Every outgoing request gets this long in all.
pub const TIMEOUT: Duration = Duration::from_secs(10);
/// At most this much of an answer is read.
pub const RESPONSE_LIMIT: u64 = 64 * 1024;

/// Why a URL was refused before any request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrlRefusal {
    #[error("not an http or https URL with a host")]
    NotHttp,
    #[error("longer than {MAX_URL_LENGTH} characters")]
    TooLong,
}

/// Checks a URL's shape: http or https, a host, no credentials, bounded length.
pub fn check_url(url: &str) -> Result<Uri, UrlRefusal> {
    if url.len() > MAX_URL_LENGTH {
        return Err(UrlRefusal::TooLong);
    }
    let uri: Uri = url.parse().map_err(|_| UrlRefusal::NotHttp)?;
    let scheme_ok = matches!(uri.scheme_str(), Some("http" | "https"));
    let authority = uri.authority().ok_or(UrlRefusal::NotHttp)?;
    if !scheme_ok || authority.host().is_empty() || authority.as_str().contains('@') {
        return Err(UrlRefusal::NotHttp);
    }
    Ok(uri)
}

/// Whether an address is one the open internet cannot reach: loopback,
/// private, link-local, unique-local, unspecified, multicast, broadcast,
/// shared (CGNAT), documentation, or an IPv4 one mapped into IPv6.
pub fn is_internal(address: IpAddr) -> bool {
    match address {
        IpAddr::V4(v4) => is_internal_v4(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_internal_v4(v4);
            }
            let first = v6.segments()[0];
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00 // unique local fc00::/7
                || (first & 0xffc0) == 0xfe80 // link-local fe80::/10
                || (first & 0xffc0) == 0xfec0 // site-local fec0::/10 (deprecated)
                || first == 0x2001 && v6.segments()[1] == 0x0db8 // documentation
                || is_ipv4_compatible(v6)
        }
    }
}

fn is_internal_v4(v4: Ipv4Addr) -> bool {
    let [a, b, ..] = v4.octets();
    v4.is_loopback()
        || v4.is_private()
        || v4.is_link_local()
        || v4.is_unspecified()
        || v4.is_broadcast()
        || v4.is_multicast()
        || v4.is_documentation()
        || a == 0
        || (a == 100 && (64..128).contains(&b)) // shared address space 100.64/10
        || (a == 198 && (b == 18 || b == 19)) // benchmarking
        || a >= 240
}

/// `::a.b.c.d`, the deprecated IPv4-compatible form, is read as its IPv4 address.
fn is_ipv4_compatible(v6: Ipv6Addr) -> bool {
    let segments = v6.segments();
    segments[..6].iter().all(|segment| *segment == 0)
        && is_internal_v4(Ipv4Addr::new(
            (segments[6] >> 8) as u8,
            segments[6] as u8,
            (segments[7] >> 8) as u8,
            segments[7] as u8,
        ))
}

/// Resolves with the default resolver, then refuses the whole answer when
/// any address is internal (a name with one public and one private address
/// could otherwise be used half the time).
#[derive(Debug)]
struct CheckingResolver {
    inner: DefaultResolver,
    allow_private: bool,
}

impl Resolver for CheckingResolver {
    fn resolve(
        &self,
        uri: &Uri,
        config: &Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let addresses = self.inner.resolve(uri, config, timeout)?;
        if !self.allow_private && addresses.iter().any(|address| is_internal(address.ip())) {
            return Err(ureq::Error::BadUri(format!(
                "{} resolves to an internal address",
                uri.host().unwrap_or_default()
            )));
        }
        Ok(addresses)
    }
}

/// A blocking HTTP agent for user-given URLs.
pub fn agent(allow_private: bool, timeout: Duration) -> ureq::Agent {
    let config = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .max_redirects(0)
        .proxy(None)
        .build();
    let resolver = CheckingResolver {
        inner: DefaultResolver::default(),
        allow_private,
    };
    ureq::Agent::with_parts(config, DefaultConnector::new(), resolver)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_addresses_are_recognised_in_both_families() {
        let internal = [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "255.255.255.255",
            "::1",
            "::",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::127.0.0.1",
        ];
        for text in internal {
            assert!(is_internal(text.parse().unwrap()), "{text} passed");
        }
        for text in [
            "1.1.1.1",
            "93.184.216.34",
            "2606:4700:4700::1111",
            "::ffff:1.1.1.1",
        ] {
            assert!(!is_internal(text.parse().unwrap()), "{text} refused");
        }
    }

    #[test]
    fn only_http_urls_with_a_host_are_accepted() {
        assert!(check_url("https://ntfy.sh/my-topic").is_ok());
        assert!(check_url("http://192.168.1.5:8080/topic").is_ok());
        for bad in [
            "file:///etc/passwd",
            "gopher://ntfy.sh/x",
            "ntfy.sh/topic",
            "https://user:pw@ntfy.sh/x",
            "",
        ] {
            assert_eq!(check_url(bad).unwrap_err(), UrlRefusal::NotHttp, "{bad}");
        }
        let long = format!("https://ntfy.sh/{}", "a".repeat(MAX_URL_LENGTH));
        assert_eq!(check_url(&long).unwrap_err(), UrlRefusal::TooLong);
    }

    #[test]
    fn a_name_that_resolves_to_loopback_is_refused_before_connecting() {
        let refused = agent(false, TIMEOUT)
            .post("http://localhost:9/topic")
            .send("hello")
            .unwrap_err();
        assert!(
            refused.to_string().contains("internal address"),
            "{refused}"
        );
    }
}
