//! `[auth]`: the secret that signs staff tokens, and how long a token lives.
//! The published development secret only works on a loopback-only setup.

use secrecy::SecretString;
use serde::Deserialize;

use super::server::{ServerSettings, is_loopback, is_loopback_host};
use super::{ConfigError, Scalar, in_range};

/// The development JWT secret from `config/default.toml`.
pub const DEVELOPMENT_JWT_SECRET: &str = "onetomany-development-secret-not-for-production-use";

#[derive(Debug, Clone)]
pub struct AuthSettings {
    /// Signs staff tokens and keys the audit log's address tags; never
    /// printed (`Debug` shows `[REDACTED]`).
    pub jwt_secret: SecretString,
    pub token_ttl_minutes: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAuth {
    jwt_secret: Scalar,
    token_ttl_minutes: u32,
}

impl RawAuth {
    pub(super) fn validate(self, server: &ServerSettings) -> Result<AuthSettings, ConfigError> {
        let jwt_secret = self.jwt_secret.into_string();
        if jwt_secret.is_empty() {
            return Err(ConfigError::new("auth.jwt_secret", "must not be empty"));
        }
        let local_only = is_loopback(&server.public_url) && is_loopback_host(&server.host);
        if jwt_secret == DEVELOPMENT_JWT_SECRET && !local_only {
            return Err(ConfigError::new(
                "auth.jwt_secret",
                "the published development secret is refused unless server.host and server.public_url are both loopback; set ONETOMANY__AUTH__JWT_SECRET to a long random value",
            ));
        }
        if !local_only && jwt_secret.len() < 32 {
            return Err(ConfigError::new(
                "auth.jwt_secret",
                "must be at least 32 bytes unless server.host and server.public_url are loopback",
            ));
        }
        Ok(AuthSettings {
            jwt_secret: SecretString::from(jwt_secret),
            token_ttl_minutes: in_range(
                "auth.token_ttl_minutes",
                self.token_ttl_minutes,
                1,
                43_200,
            )?,
        })
    }
}
