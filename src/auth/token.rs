//! HS256 tokens with the contract's claims: `sub`, `role`, `exp`, `iat`, `iss`.

use chrono::{DateTime, Duration, SubsecRound, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use serde::{Deserialize, Serialize};

use crate::domain::user::Role;
use crate::error::AppError;

pub const ISSUER: &str = "onetomany";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    /// An unknown role fails to deserialize, so such a token is refused.
    pub role: Role,
    pub exp: i64,
    pub iat: i64,
    pub iss: String,
}

pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    ttl: Duration,
}

impl JwtKeys {
    pub fn new(secret: &[u8], ttl_minutes: u32) -> Self {
        // Only HS256 is accepted: a token naming another algorithm, or
        // `none`, fails before its signature is looked at.
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_required_spec_claims(&["exp", "iat", "sub", "iss"]);
        validation.leeway = 30;
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            ttl: Duration::minutes(i64::from(ttl_minutes)),
        }
    }

    /// A signed token for a staff user and the moment it expires.
    pub fn issue(&self, user_id: &str, role: Role) -> Result<(String, DateTime<Utc>), AppError> {
        let now = Utc::now().trunc_subsecs(0);
        let expires_at = now + self.ttl;
        let claims = Claims {
            sub: user_id.to_owned(),
            role,
            exp: expires_at.timestamp(),
            iat: now.timestamp(),
            iss: ISSUER.to_owned(),
        };
        let token = encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(AppError::internal)?;
        Ok((token, expires_at))
    }

    pub fn verify(&self, token: &str) -> Result<Claims, AppError> {
        decode::<Claims>(token, &self.decoding, &self.validation)
            .map(|data| data.claims)
            .map_err(|_| AppError::Unauthorized("the token is invalid or has expired"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_verifies_with_its_own_key_only() {
        let keys = JwtKeys::new(b"one-secret-of-enough-length-for-tests", 10);
        let (token, _) = keys.issue("u1", Role::Csm).expect("issued");
        let claims = keys.verify(&token).expect("valid");
        assert_eq!((claims.sub.as_str(), claims.role), ("u1", Role::Csm));
        let other = JwtKeys::new(b"another-secret-of-enough-length-too", 10);
        assert!(other.verify(&token).is_err());
    }
}
