//! `[server]`: where the service listens, the address it is reached at, and
//! which peers' forwarding headers it believes.

use std::net::IpAddr;

use serde::Deserialize;

use super::{ConfigError, in_range};
use crate::net::Cidr;

#[derive(Debug, Clone)]
pub struct ServerSettings {
    pub host: String,
    pub port: u16,
    pub public_url: url::Url,
    pub rate_limit_per_minute: u32,
    /// Peers whose X-Forwarded-For is believed.
    pub trusted_proxies: Vec<Cidr>,
    pub workers: usize,
    pub shutdown_timeout_seconds: u64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawServer {
    host: String,
    port: u16,
    public_url: String,
    rate_limit_per_minute: u32,
    trusted_proxies: Vec<String>,
    workers: usize,
    shutdown_timeout_seconds: u64,
}

impl RawServer {
    pub(super) fn validate(self) -> Result<ServerSettings, ConfigError> {
        let public_url = url::Url::parse(&self.public_url)
            .map_err(|e| ConfigError::new("server.public_url", format!("not a URL: {e}")))?;
        if !matches!(public_url.scheme(), "http" | "https") {
            return Err(ConfigError::new(
                "server.public_url",
                "must start with http:// or https://",
            ));
        }
        if self.host.trim().is_empty() {
            return Err(ConfigError::new("server.host", "must not be empty"));
        }
        Ok(ServerSettings {
            host: self.host,
            port: self.port,
            public_url,
            rate_limit_per_minute: self.rate_limit_per_minute,
            trusted_proxies: self
                .trusted_proxies
                .iter()
                .map(|raw| raw.parse::<Cidr>())
                .collect::<Result<_, _>>()
                .map_err(|m| ConfigError::new("server.trusted_proxies", m))?,
            workers: in_range("server.workers", self.workers, 0, 256)?,
            shutdown_timeout_seconds: in_range(
                "server.shutdown_timeout_seconds",
                self.shutdown_timeout_seconds,
                0,
                3600,
            )?,
        })
    }
}

/// True for `localhost`, 127.0.0.0/8 and `::1`.
pub fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

/// True when the listening address only takes connections from this machine
/// (`0.0.0.0` and `::` listen on every interface).
pub fn is_loopback_host(host: &str) -> bool {
    let host = host.trim().trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<IpAddr>()
            .is_ok_and(|ip| crate::net::canonical(ip).is_loopback())
}
