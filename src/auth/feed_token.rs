//! The secret token of a calendar subscription feed: random, shown once in
//! the feed's URL, stored only as its SHA-256.

use aws_lc_rs::digest;
use base64::Engine;

/// A new token (256 random bits, URL-safe), or `None` if the system has
/// no randomness to give.
pub fn new_token() -> Option<String> {
    let mut bytes = [0u8; 32];
    aws_lc_rs::rand::fill(&mut bytes).ok()?;
    Some(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

/// What is stored of a token: its SHA-256 in hex.
pub fn hash(token: &str) -> String {
    digest::digest(&digest::SHA256, token.as_bytes())
        .as_ref()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether `token` is the one whose hash is `stored`, compared in constant time.
pub fn matches(token: &str, stored: &str) -> bool {
    let given = hash(token);
    given.len() == stored.len()
        && given
            .bytes()
            .zip(stored.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_same_token_matches_its_hash() {
        let t = new_token().expect("randomness");
        let other = new_token().expect("randomness");
        assert_ne!(t, other);
        assert!(matches(&t, &hash(&t)));
        assert!(!matches(&other, &hash(&t)));
        assert!(!matches(&t, ""));
        assert_eq!(hash(&t).len(), 64);
    }
}
