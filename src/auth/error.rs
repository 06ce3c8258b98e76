//! What was wrong with the caller's credentials ([`Refusal`]), or why they
//! could not be checked. The HTTP layer answers a refusal with 401 (403 for
//! a role) and its [`Refusal::detail`], anything else as an internal error.

use std::fmt;

use crate::db::DbError;

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("{0}")]
    Refused(Refusal),
    #[error("signing a token: {0}")]
    Signing(#[from] jsonwebtoken::errors::Error),
    #[error("hashing a password: {0}")]
    Hashing(String),
    /// The application was wired without something auth needs.
    #[error("{0} missing from app data")]
    Unwired(&'static str),
    #[error("checking the token: {0}")]
    Storage(#[from] DbError),
    #[error("blocking task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
}

/// Why the credentials do not let the caller in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// No staff token in the Authorization header.
    MissingToken,
    /// Neither this booking's link token nor a staff token.
    MissingCredentials,
    /// A `?token=` that is not a token of this booking.
    WrongLink,
    /// Bad signature, wrong issuer, or past its expiry.
    InvalidToken,
    UnknownUser,
    SignedOut,
    /// The user was deactivated, or signed out everywhere, since it was issued.
    Superseded,
    /// Signed in, but the role may not do this (403, not 401).
    Role,
}

impl Refusal {
    /// The `detail` the caller reads.
    pub fn detail(self) -> &'static str {
        match self {
            Self::MissingToken => "sign in and send the token as Authorization: Bearer <token>",
            Self::MissingCredentials => "use the link from your e-mail, or sign in",
            Self::WrongLink => "this link is not valid for this booking",
            Self::InvalidToken => "the token is invalid or has expired",
            Self::UnknownUser => "the token's user no longer exists",
            Self::SignedOut => "this token was signed out",
            Self::Superseded => "this token is no longer valid; sign in again",
            Self::Role => "your role may not do this",
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.detail())
    }
}

impl From<Refusal> for AuthError {
    fn from(refusal: Refusal) -> Self {
        Self::Refused(refusal)
    }
}

impl AuthError {
    pub fn hashing(err: impl fmt::Display) -> Self {
        Self::Hashing(err.to_string())
    }
}
