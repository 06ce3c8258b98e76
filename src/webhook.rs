//! Webhook deliveries: the stored body gets its delivery time, is signed with
//! the subscription's secret (`X-Onetomany-Signature: sha256=<hex HMAC-SHA256
//! of the raw body>`), and POSTed. The time inside the signed body (the same
//! string in `X-Onetomany-Timestamp`) lets receivers refuse replays.
//!
//! A webhook URL is chosen by a user, so unless
//! `webhooks.allow_private_targets` it may not reach this host or its
//! networks ([`crate::net::is_internal`]): checked when it is registered
//! ([`check_target`]) and again for the address each delivery connects to
//! ([`client`]), since a name may resolve differently later.

use std::fmt::Write;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use aws_lc_rs::hmac;
use chrono::{DateTime, Utc};
use serde_json::Value;
use url::{Host, Url};

use crate::net::is_internal;

/// Bound on one delivery, from resolving the name to reading the answer.
pub const DELIVERY_TIMEOUT: Duration = Duration::from_secs(10);
/// Bound on resolving a name when a webhook is registered.
const LOOKUP_TIMEOUT: Duration = Duration::from_secs(5);
const REFUSED: &str =
    "must not point to a loopback, private, link-local, unspecified or multicast address";

/// Lower-case hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// `sha256=<hex>` of the body under the secret.
pub fn signature(secret: &str, body: &[u8]) -> String {
    let key = hmac::Key::new(hmac::HMAC_SHA256, secret.as_bytes());
    format!("sha256={}", hex(hmac::sign(&key, body).as_ref()))
}

/// Whether a webhook may be registered for `url` (already parsed as an
/// http(s) URL): its host may not be, or resolve to, an internal address.
/// A name that does not resolve now is accepted; every delivery checks the
/// addresses it connects to anyway.
pub async fn check_target(url: &str, allow_private: bool) -> Result<(), String> {
    if allow_private {
        return Ok(());
    }
    let parsed = Url::parse(url).map_err(|e| format!("is not a URL: {e}"))?;
    let internal = match (literal_ip(&parsed), parsed.host_str()) {
        (Some(ip), _) => is_internal(ip),
        (None, Some(name)) => {
            let port = parsed.port_or_known_default().unwrap_or(80);
            let lookup = tokio::net::lookup_host((name, port));
            match tokio::time::timeout(LOOKUP_TIMEOUT, lookup).await {
                Ok(Ok(mut addrs)) => addrs.any(|a| is_internal(a.ip())),
                _ => false,
            }
        }
        (None, None) => false,
    };
    if internal {
        Err(REFUSED.into())
    } else {
        Ok(())
    }
}

/// The address a URL names directly, if it names one.
fn literal_ip(url: &Url) -> Option<IpAddr> {
    match url.host()? {
        Host::Ipv4(ip) => Some(IpAddr::V4(ip)),
        Host::Ipv6(ip) => Some(IpAddr::V6(ip)),
        Host::Domain(_) => None,
    }
}

/// The HTTP client for deliveries. It never follows redirects (a redirect
/// could lead anywhere); unless `allow_private`, it resolves names itself
/// and connects only to public addresses, and takes no proxy from the
/// environment (a proxy would connect wherever it is told).
pub fn client(allow_private: bool) -> reqwest::Client {
    let builder = reqwest::Client::builder()
        .timeout(DELIVERY_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent("onetomany-webhooks/1");
    let builder = if allow_private {
        builder
    } else {
        builder.no_proxy().dns_resolver(Arc::new(PublicOnly))
    };
    builder.build().unwrap_or_default()
}

/// Resolves names to their public addresses only, so the connection is made
/// to an address that was checked (no second lookup to rebind).
struct PublicOnly;

impl reqwest::dns::Resolve for PublicOnly {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let public: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await?
                .filter(|a| !is_internal(a.ip()))
                .collect();
            if public.is_empty() {
                return Err("refused: the host resolves to no public address".into());
            }
            Ok(Box::new(public.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// An address written into the URL is connected to without a lookup, so it
/// is checked here; names go through [`PublicOnly`].
pub(crate) fn literal_target_allowed(url: &str) -> Result<(), String> {
    let parsed = Url::parse(url).map_err(|e| format!("stored URL: {e}"))?;
    match literal_ip(&parsed) {
        Some(ip) if is_internal(ip) => Err("refused: the URL names an internal address".into()),
        _ => Ok(()),
    }
}

/// The error and its causes on one line (reqwest's own text says only
/// "error sending request").
pub(crate) fn describe(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        let _ = write!(text, ": {cause}");
        source = cause.source();
    }
    text
}

/// Sends one delivery; any non-2xx answer (a redirect too) is an error to
/// retry. `allow_private` is `webhooks.allow_private_targets`.
pub async fn deliver(
    client: &reqwest::Client,
    allow_private: bool,
    id: &str,
    url: &str,
    secret: &str,
    stored: &str,
    now: DateTime<Utc>,
) -> Result<(), String> {
    if !allow_private {
        literal_target_allowed(url).map_err(|e| format!("webhook: {e}"))?;
    }
    let mut body: Value = serde_json::from_str(stored).map_err(|e| format!("stored body: {e}"))?;
    let event = body["event"].as_str().unwrap_or_default().to_owned();
    let delivered_at = now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    body["delivered_at"] = Value::String(delivered_at.clone());
    let raw = body.to_string();
    let response = client
        .post(url)
        .header("content-type", "application/json")
        .header("x-onetomany-signature", signature(secret, raw.as_bytes()))
        .header("x-onetomany-timestamp", delivered_at)
        .header("x-onetomany-event", event)
        .header("x-onetomany-delivery", id)
        .body(raw)
        .send()
        .await
        .map_err(|e| format!("webhook: {}", describe(&e.without_url())))?;
    if response.status().is_success() {
        Ok(())
    } else {
        Err(format!("webhook: HTTP {}", response.status().as_u16()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_matches_a_known_hmac() {
        // RFC 4231 test case 2.
        assert_eq!(
            signature("Jefe", b"what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
