//! Who the client is, for limits: the TCP peer, or — when the peer is one of
//! `server.trusted_proxies` — the right-most address in X-Forwarded-For that
//! is not itself a trusted proxy. A header from anyone else is ignored, since
//! a client can write anything there. Both limiters use this one rule.

use std::convert::Infallible;
use std::future::{Ready, ready};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use actix_web::dev::Payload;
use actix_web::http::header::HeaderMap;
use actix_web::{FromRequest, HttpRequest, web};

use crate::config::Settings;
use crate::net::{Cidr, canonical};

const FORWARDED_FOR: &str = "x-forwarded-for";

/// The client's address as the limiters see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientIp(pub IpAddr);

impl ClientIp {
    /// The client of this request. Without a peer address (not a TCP
    /// connection) every such request counts as one client.
    pub fn of(req: &HttpRequest) -> Self {
        let peer = req
            .peer_addr()
            .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |a| a.ip());
        let trusted = req
            .app_data::<web::Data<Settings>>()
            .map_or(&[][..], |s| s.server.trusted_proxies.as_slice());
        Self(resolve(peer, req.headers(), trusted))
    }

    /// The key a limiter counts under: IPv4 addresses one by one, IPv6 by
    /// /64, the smallest network one subscriber usually gets.
    pub fn bucket(self) -> IpAddr {
        match self.0 {
            v4 @ IpAddr::V4(_) => v4,
            IpAddr::V6(v6) => IpAddr::V6(Ipv6Addr::from(u128::from(v6) & (u128::MAX << 64))),
        }
    }
}

impl FromRequest for ClientIp {
    type Error = Infallible;
    type Future = Ready<Result<Self, Infallible>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(Self::of(req)))
    }
}

/// The client behind `peer`: each trusted hop appends the address it got
/// the request from, so reading X-Forwarded-For from the right, the first
/// address that is not a trusted proxy is the client. Anything unreadable
/// there was not written by a trusted hop, so the last trusted hop is used.
pub fn resolve(peer: IpAddr, headers: &HeaderMap, trusted: &[Cidr]) -> IpAddr {
    let peer = canonical(peer);
    let is_trusted = |ip: IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(peer) {
        return peer;
    }
    let mut client = peer;
    // Several header lines read as one list, in order.
    let hops: Vec<&str> = headers
        .get_all(FORWARDED_FOR)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .collect();
    for hop in hops.into_iter().rev() {
        let Some(ip) = parse_hop(hop) else {
            break;
        };
        client = ip;
        if !is_trusted(ip) {
            break;
        }
    }
    client
}

/// One X-Forwarded-For entry: an address, possibly with a port.
fn parse_hop(hop: &str) -> Option<IpAddr> {
    let hop = hop.trim();
    hop.parse::<IpAddr>()
        .or_else(|_| hop.parse::<SocketAddr>().map(|a| a.ip()))
        .ok()
        .map(canonical)
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::http::header::{HeaderName, HeaderValue};

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("ip")
    }

    fn forwarded(values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for v in values {
            headers.append(
                HeaderName::from_static(FORWARDED_FOR),
                HeaderValue::from_str(v).expect("header"),
            );
        }
        headers
    }

    fn proxies() -> Vec<Cidr> {
        vec![
            "10.0.0.0/8".parse().expect("cidr"),
            "2001:db8:ffff::/48".parse().expect("cidr"),
        ]
    }

    #[test]
    fn a_trusted_proxy_names_the_client() {
        let h = forwarded(&["198.51.100.7"]);
        assert_eq!(resolve(ip("10.0.0.2"), &h, &proxies()), ip("198.51.100.7"));
        // The right-most untrusted hop: what the client wrote on the left
        // does not count, trusted hops on the right are skipped.
        let h = forwarded(&["1.2.3.4, 198.51.100.7", "10.9.9.9"]);
        assert_eq!(resolve(ip("10.0.0.2"), &h, &proxies()), ip("198.51.100.7"));
        let h = forwarded(&["[2001:db8::1]:4711, 10.1.1.1:80"]);
        assert_eq!(resolve(ip("10.0.0.2"), &h, &proxies()), ip("2001:db8::1"));
        let h = forwarded(&["::ffff:198.51.100.9"]);
        assert_eq!(
            resolve(ip("::ffff:10.0.0.2"), &h, &proxies()),
            ip("198.51.100.9")
        );
    }

    #[test]
    fn the_header_is_ignored_unless_the_peer_is_trusted() {
        let h = forwarded(&["198.51.100.7"]);
        assert_eq!(
            resolve(ip("203.0.113.5"), &h, &proxies()),
            ip("203.0.113.5")
        );
        assert_eq!(resolve(ip("10.0.0.2"), &h, &[]), ip("10.0.0.2"));
    }

    #[test]
    fn garbage_or_no_header_leaves_the_last_trusted_hop() {
        let h = forwarded(&["not-an-address, 10.3.3.3"]);
        assert_eq!(resolve(ip("10.0.0.2"), &h, &proxies()), ip("10.3.3.3"));
        assert_eq!(
            resolve(ip("10.0.0.2"), &HeaderMap::new(), &proxies()),
            ip("10.0.0.2")
        );
        // Only trusted hops: the furthest one known.
        let h = forwarded(&["10.4.4.4, 10.3.3.3"]);
        assert_eq!(resolve(ip("10.0.0.2"), &h, &proxies()), ip("10.4.4.4"));
    }

    #[test]
    fn ipv6_clients_share_a_bucket_per_64() {
        let a = ClientIp(ip("2001:db8:1:2:aaaa::1")).bucket();
        let b = ClientIp(ip("2001:db8:1:2:bbbb:cccc:dddd:eeee")).bucket();
        let other = ClientIp(ip("2001:db8:1:3::1")).bucket();
        assert_eq!(a, b);
        assert_ne!(a, other);
        assert_eq!(ClientIp(ip("192.0.2.1")).bucket(), ip("192.0.2.1"));
        assert_ne!(
            ClientIp(ip("192.0.2.1")).bucket(),
            ClientIp(ip("192.0.2.2")).bucket()
        );
    }
}
