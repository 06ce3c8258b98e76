//! HS256 tokens with the contract's claims: `sub`, `role`, `exp`, `iat`, `iss`,
//! plus `jti` (so one token can be signed out) and `gen` (the user's token
//! generation, so a change of role or password ends every older token).

use chrono::{DateTime, Duration, SubsecRound, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use serde::{Deserialize, Serialize};

use super::{AuthError, Refusal};
use crate::domain::user::Role;

pub const ISSUER: &str = "onetomany";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    /// An unknown role fails to deserialize, so such a token is refused.
    pub role: Role,
    pub exp: i64,
    pub iat: i64,
    pub iss: String,
    /// This token's id, recorded on logout.
    pub jti: String,
    /// The user's token generation when the token was issued.
    #[serde(rename = "gen")]
    pub generation: i32,
}

impl Claims {
    /// The instant after which no leeway can make the token valid again:
    /// how long a revocation must be remembered.
    pub fn dead_after(&self) -> DateTime<Utc> {
        DateTime::from_timestamp(self.exp + LEEWAY_SECONDS as i64, 0)
            .unwrap_or(DateTime::<Utc>::MAX_UTC)
    }
}

/// A customer's link to one booking: no account, just this signed token.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ManageClaims {
    /// The booking's id.
    pub sub: String,
    /// What the booking is, e.g. `registration`.
    pub kind: String,
    pub aud: String,
    pub exp: i64,
    pub iat: i64,
    pub iss: String,
}

const MANAGE_AUDIENCE: &str = "onetomany:manage";

/// Clock skew tolerated on `exp`.
const LEEWAY_SECONDS: u64 = 30;

/// How long after its session a customer's link keeps working.
const MANAGE_GRACE_DAYS: i64 = 90;

/// A manage token is valid until 90 days after its session ends: the one
/// place that says so.
pub fn manage_valid_until(session_ends_at: DateTime<Utc>) -> DateTime<Utc> {
    session_ends_at + Duration::days(MANAGE_GRACE_DAYS)
}

#[derive(Clone)]
pub struct JwtKeys {
    /// Signs the CSRF tokens of staff forms (see [`JwtKeys::csrf_token`]).
    csrf: aws_lc_rs::hmac::Key,
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    manage_validation: Validation,
    ttl: Duration,
}

impl JwtKeys {
    pub fn new(secret: &[u8], ttl_minutes: u32) -> Self {
        // Only HS256 is accepted: a token naming another algorithm, or
        // `none`, fails before its signature is looked at.
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_required_spec_claims(&["exp", "iat", "sub", "iss"]);
        validation.leeway = LEEWAY_SECONDS;
        // Staff tokens carry no audience; a manage token (which has one) is
        // refused here, and a staff token (no audience) is refused there.
        let mut manage_validation = validation.clone();
        manage_validation.set_audience(&[MANAGE_AUDIENCE]);
        manage_validation.set_required_spec_claims(&["exp", "iat", "sub", "iss", "aud"]);
        // A key of its own for CSRF tokens, derived from the secret, so a
        // CSRF token is never also a valid signature of anything else.
        let root = aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, secret);
        let derived = aws_lc_rs::hmac::sign(&root, b"onetomany staff form csrf");
        Self {
            csrf: aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, derived.as_ref()),
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            manage_validation,
            ttl: Duration::minutes(i64::from(ttl_minutes)),
        }
    }

    /// A signed token for a staff user (at their current token generation)
    /// and the moment it expires.
    pub fn issue(
        &self,
        user_id: &str,
        role: Role,
        generation: i32,
    ) -> Result<(String, DateTime<Utc>), AuthError> {
        let now = Utc::now().trunc_subsecs(0);
        let expires_at = now + self.ttl;
        let claims = Claims {
            sub: user_id.to_owned(),
            role,
            exp: expires_at.timestamp(),
            iat: now.timestamp(),
            iss: ISSUER.to_owned(),
            jti: uuid::Uuid::new_v4().to_string(),
            generation,
        };
        let token = encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)?;
        Ok((token, expires_at))
    }

    pub fn verify(&self, token: &str) -> Result<Claims, AuthError> {
        decode::<Claims>(token, &self.decoding, &self.validation)
            .map(|data| data.claims)
            .map_err(|_| Refusal::InvalidToken.into())
    }
}

impl JwtKeys {
    /// The CSRF token of the staff session whose token id is `jti`: every
    /// state-changing staff form carries it; it dies with the session.
    pub fn csrf_token(&self, jti: &str) -> String {
        use base64::Engine;
        let tag = aws_lc_rs::hmac::sign(&self.csrf, jti.as_bytes());
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(tag.as_ref())
    }

    /// True when `given` is the CSRF token of session `jti` (compared in
    /// constant time).
    pub fn csrf_matches(&self, jti: &str, given: &str) -> bool {
        use base64::Engine;
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(given.trim())
            .is_ok_and(|tag| aws_lc_rs::hmac::verify(&self.csrf, jti.as_bytes(), &tag).is_ok())
    }

    /// The CSRF token for a staff token (`None` if it is not a valid one):
    /// what a test, or a script driving the forms, puts into `csrf`.
    pub fn csrf_for_token(&self, token: &str) -> Option<String> {
        self.verify(token).ok().map(|c| self.csrf_token(&c.jti))
    }

    /// A manage token for one booking whose session ends at
    /// `session_ends_at`; see [`manage_valid_until`].
    pub fn issue_manage_for_session(
        &self,
        kind: &str,
        id: &str,
        session_ends_at: DateTime<Utc>,
    ) -> Result<String, AuthError> {
        self.issue_booking_token(kind, id, manage_valid_until(session_ends_at))
    }

    /// A token of one purpose (`kind`) for one booking that stops working at
    /// `valid_until`, e.g. a queue request's confirmation link.
    pub fn issue_purpose(
        &self,
        kind: &str,
        id: &str,
        valid_until: DateTime<Utc>,
    ) -> Result<String, AuthError> {
        self.issue_booking_token(kind, id, valid_until)
    }

    fn issue_booking_token(
        &self,
        kind: &str,
        id: &str,
        valid_until: DateTime<Utc>,
    ) -> Result<String, AuthError> {
        let claims = ManageClaims {
            sub: id.to_owned(),
            kind: kind.to_owned(),
            aud: MANAGE_AUDIENCE.to_owned(),
            exp: valid_until.timestamp(),
            iat: Utc::now().timestamp(),
            iss: ISSUER.to_owned(),
        };
        Ok(encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &self.encoding,
        )?)
    }

    /// True when `token` is a valid manage token for exactly this booking.
    pub fn verify_manage(&self, token: &str, kind: &str, id: &str) -> bool {
        decode::<ManageClaims>(token, &self.decoding, &self.manage_validation)
            .is_ok_and(|data| data.claims.kind == kind && data.claims.sub == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_verifies_with_its_own_key_only() {
        let keys = JwtKeys::new(b"one-secret-of-enough-length-for-tests", 10);
        let (token, _) = keys.issue("u1", Role::Csm, 0).expect("issued");
        let claims = keys.verify(&token).expect("valid");
        assert_eq!((claims.sub.as_str(), claims.role), ("u1", Role::Csm));
        let other = JwtKeys::new(b"another-secret-of-enough-length-too", 10);
        assert!(other.verify(&token).is_err());
    }

    #[test]
    fn a_csrf_token_belongs_to_one_session_and_one_key() {
        let keys = JwtKeys::new(b"one-secret-of-enough-length-for-tests", 10);
        let token = keys.csrf_token("jti-1");
        assert!(keys.csrf_matches("jti-1", &token));
        assert!(!keys.csrf_matches("jti-2", &token));
        assert!(!keys.csrf_matches("jti-1", ""));
        assert!(!keys.csrf_matches("jti-1", "not base64 !"));
        let other = JwtKeys::new(b"another-secret-of-enough-length-too", 10);
        assert!(!other.csrf_matches("jti-1", &token));
    }

    #[test]
    fn manage_and_staff_tokens_do_not_mix() {
        let keys = JwtKeys::new(b"one-secret-of-enough-length-for-tests", 10);
        let later = Utc::now() + Duration::days(1);
        let manage = keys
            .issue_manage_for_session("registration", "r1", later)
            .expect("issued");
        assert!(keys.verify_manage(&manage, "registration", "r1"));
        assert!(!keys.verify_manage(&manage, "registration", "r2"));
        assert!(!keys.verify_manage(&manage, "appointment", "r1"));
        assert!(
            keys.verify(&manage).is_err(),
            "a manage token is no staff token"
        );
        let (staff, _) = keys.issue("r1", Role::Admin, 0).expect("issued");
        assert!(!keys.verify_manage(&staff, "registration", "r1"));
    }

    #[test]
    fn a_manage_token_lives_until_ninety_days_after_its_session() {
        let keys = JwtKeys::new(b"one-secret-of-enough-length-for-tests", 10);
        let ends = DateTime::from_timestamp(1_900_000_000, 0).expect("instant");
        let token = keys
            .issue_manage_for_session("queue", "q1", ends)
            .expect("issued");
        let mut validation = keys.manage_validation.clone();
        validation.validate_exp = false;
        let claims = decode::<ManageClaims>(&token, &keys.decoding, &validation)
            .expect("decodes")
            .claims;
        assert_eq!(claims.exp, ends.timestamp() + 90 * 24 * 3600);
    }
}
