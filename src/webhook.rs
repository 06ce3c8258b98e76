//! Webhook deliveries: the stored body gets its delivery time, is signed with
//! the subscription's secret (`X-Onetomany-Signature: sha256=<hex HMAC-SHA256
//! of the raw body>`), and POSTed. The time inside the signed body (also in
//! `X-Onetomany-Timestamp`) lets receivers refuse replays.

use std::fmt::Write;
use std::time::Duration;

use aws_lc_rs::hmac;
use chrono::{DateTime, Utc};
use serde_json::Value;

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

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .redirect(reqwest::redirect::Policy::none())
        .user_agent("onetomany-webhooks/1")
        .build()
        .unwrap_or_default()
}

/// Sends one delivery; any non-2xx answer is an error to retry.
pub async fn deliver(
    client: &reqwest::Client,
    id: &str,
    url: &str,
    secret: &str,
    stored: &str,
    now: DateTime<Utc>,
) -> Result<(), String> {
    let mut body: Value = serde_json::from_str(stored).map_err(|e| format!("stored body: {e}"))?;
    let event = body["event"].as_str().unwrap_or_default().to_owned();
    body["delivered_at"] = Value::String(now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true));
    let raw = body.to_string();
    let response = client
        .post(url)
        .header("content-type", "application/json")
        .header("x-onetomany-signature", signature(secret, raw.as_bytes()))
        .header("x-onetomany-timestamp", now.timestamp().to_string())
        .header("x-onetomany-event", event)
        .header("x-onetomany-delivery", id)
        .body(raw)
        .send()
        .await
        .map_err(|e| format!("webhook: {}", e.without_url()))?;
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
