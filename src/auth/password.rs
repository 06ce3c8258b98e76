//! Argon2id password hashes (PHC strings with their own salt). Hashing is
//! CPU-heavy, so callers run it on the blocking pool.

use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

use crate::error::AppError;

pub fn hash(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(AppError::internal)
}

/// Checks a password against a stored hash. With no stored hash (unknown
/// user) it checks against a dummy one, so both cases take the same time.
pub fn verify(password: &str, stored: Option<&str>) -> bool {
    let dummy = dummy_hash();
    let (phc, known) = match stored {
        Some(h) => (h, true),
        None => (dummy, false),
    };
    let Ok(parsed) = PasswordHash::new(phc) else {
        return false;
    };
    let matches = Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok();
    matches && known
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash("no user has this password").unwrap_or_default())
}

/// Hashes on the blocking pool.
pub async fn hash_blocking(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || hash(&password)).await?
}

/// Verifies on the blocking pool.
pub async fn verify_blocking(password: String, stored: Option<String>) -> Result<bool, AppError> {
    Ok(tokio::task::spawn_blocking(move || verify(&password, stored.as_deref())).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_right_password_verifies_and_others_do_not() {
        let h = hash("correct horse battery").expect("hashed");
        assert!(verify("correct horse battery", Some(&h)));
        assert!(!verify("wrong horse battery", Some(&h)));
        assert!(!verify("no user has this password", None));
    }
}
