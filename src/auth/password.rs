//! Argon2id password hashes (PHC strings with their own salt). Each hash
//! needs about 19 MiB of scratch memory and a core for a while, so hashes
//! run on the blocking pool one per core at once, each in a turn that owns
//! its scratch memory: a flood of sign-ins waits in line instead of taking
//! memory per request, and the memory is reused rather than handed back to
//! the allocator after every hash (which kept hundreds of megabytes).

use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{Output, ParamsString, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::AuthError;

/// A turn to compute one hash, with the scratch memory for it. The bound is
/// per process, not per application instance: memory and cores are the
/// process's.
pub struct HashPermit {
    _turn: OwnedSemaphorePermit,
    memory: Vec<Block>,
}

struct Line {
    turns: Arc<Semaphore>,
    /// Scratch memory of finished turns, at most one per turn.
    spare: Mutex<Vec<Vec<Block>>>,
}

fn line() -> &'static Line {
    static LINE: OnceLock<Line> = OnceLock::new();
    LINE.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        Line {
            turns: Arc::new(Semaphore::new(cores)),
            spare: Mutex::new(Vec::with_capacity(cores)),
        }
    })
}

/// Waits for a turn (one per core at once).
pub async fn permit() -> Result<HashPermit, AuthError> {
    let line = line();
    let turn = Arc::clone(&line.turns)
        .acquire_owned()
        .await
        .map_err(AuthError::hashing)?;
    let memory = line
        .spare
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .pop()
        .unwrap_or_default();
    Ok(HashPermit {
        _turn: turn,
        memory,
    })
}

impl Drop for HashPermit {
    fn drop(&mut self) {
        if !self.memory.is_empty() {
            line()
                .spare
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(std::mem::take(&mut self.memory));
        }
    }
}

impl HashPermit {
    /// Runs `f` with scratch memory for these parameters. Only memory for
    /// the default cost is kept for the next turn.
    fn with_memory<T>(&mut self, params: &Params, f: impl FnOnce(&mut [Block]) -> T) -> T {
        let blocks = params.block_count();
        if blocks > Params::DEFAULT.block_count() {
            return f(&mut vec![Block::new(); blocks]);
        }
        if self.memory.len() < blocks {
            self.memory.resize(blocks, Block::new());
        }
        f(&mut self.memory[..blocks])
    }

    fn hash(&mut self, password: &str) -> Result<String, AuthError> {
        let params = Params::DEFAULT;
        let salt = SaltString::generate(&mut OsRng);
        let mut salt_bytes = [0u8; 64];
        let salt_bytes = salt
            .decode_b64(&mut salt_bytes)
            .map_err(AuthError::hashing)?;
        let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
        let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
        self.with_memory(&params, |memory| {
            argon2.hash_password_into_with_memory(password.as_bytes(), salt_bytes, &mut out, memory)
        })
        .map_err(AuthError::hashing)?;
        let phc = PasswordHash {
            algorithm: Algorithm::Argon2id.ident(),
            version: Some(Version::V0x13.into()),
            params: ParamsString::try_from(&params).map_err(AuthError::hashing)?,
            salt: Some(salt.as_salt()),
            hash: Some(Output::new(&out).map_err(AuthError::hashing)?),
        };
        Ok(phc.to_string())
    }

    /// Checks a password against a stored hash. With no stored hash
    /// (unknown user) it checks against a dummy one, so both cases take the
    /// same time.
    fn verify(&mut self, password: &str, stored: Option<&str>) -> bool {
        match stored {
            Some(phc) => self.matches(password, phc),
            None => {
                let dummy = self.dummy_hash();
                self.matches(password, &dummy);
                false
            }
        }
    }

    fn matches(&mut self, password: &str, phc: &str) -> bool {
        let Ok(parsed) = PasswordHash::new(phc) else {
            return false;
        };
        let (Ok(algorithm), Ok(params), Some(salt), Some(expected)) = (
            Algorithm::try_from(parsed.algorithm),
            Params::try_from(&parsed),
            parsed.salt,
            parsed.hash,
        ) else {
            return false;
        };
        let version = match parsed.version.map(Version::try_from).transpose() {
            Ok(version) => version.unwrap_or_default(),
            Err(_) => return false,
        };
        let mut salt_bytes = [0u8; 64];
        let Ok(salt_bytes) = salt.decode_b64(&mut salt_bytes) else {
            return false;
        };
        let mut out = vec![0u8; expected.len()];
        let argon2 = Argon2::new(algorithm, version, params.clone());
        let computed = self.with_memory(&params, |memory| {
            argon2.hash_password_into_with_memory(password.as_bytes(), salt_bytes, &mut out, memory)
        });
        // Output compares in constant time.
        computed.is_ok() && Output::new(&out).is_ok_and(|out| out == expected)
    }

    fn dummy_hash(&mut self) -> String {
        static DUMMY: OnceLock<String> = OnceLock::new();
        if let Some(dummy) = DUMMY.get() {
            return dummy.clone();
        }
        let dummy = self.hash("no user has this password").unwrap_or_default();
        DUMMY.get_or_init(|| dummy).clone()
    }
}

/// Hashes on the blocking pool, in turn.
pub async fn hash_blocking(password: String) -> Result<String, AuthError> {
    let mut turn = permit().await?;
    // The turn moves into the task: a caller that goes away does not free
    // it while the hash is still being computed.
    tokio::task::spawn_blocking(move || turn.hash(&password)).await?
}

/// Verifies on the blocking pool, in turn.
pub async fn verify_blocking(password: String, stored: Option<String>) -> Result<bool, AuthError> {
    let turn = permit().await?;
    Ok(verify_in_turn(turn, password, stored).await?.0)
}

/// Verifies with a turn already held, and hands the turn back, so the
/// caller can record the outcome before the next one in line starts.
pub async fn verify_in_turn(
    mut turn: HashPermit,
    password: String,
    stored: Option<String>,
) -> Result<(bool, HashPermit), AuthError> {
    Ok(tokio::task::spawn_blocking(move || {
        let matches = turn.verify(&password, stored.as_deref());
        (matches, turn)
    })
    .await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::password_hash::{PasswordHasher, PasswordVerifier};

    #[tokio::test]
    async fn the_right_password_verifies_and_others_do_not() {
        let h = hash_blocking("correct horse battery".into())
            .await
            .expect("hashed");
        assert!(
            verify_blocking("correct horse battery".into(), Some(h.clone()))
                .await
                .expect("ran")
        );
        assert!(
            !verify_blocking("wrong horse battery".into(), Some(h.clone()))
                .await
                .expect("ran")
        );
        assert!(
            !verify_blocking("no user has this password".into(), None)
                .await
                .expect("ran")
        );
        assert!(
            !verify_blocking("x".into(), Some("not a hash".into()))
                .await
                .expect("ran")
        );
        // The same PHC strings as the library's own hashing and checking.
        let parsed = PasswordHash::new(&h).expect("PHC");
        assert!(
            Argon2::default()
                .verify_password(b"correct horse battery", &parsed)
                .is_ok()
        );
        let salt = SaltString::generate(&mut OsRng);
        let theirs = Argon2::default()
            .hash_password(b"stored before", &salt)
            .expect("hashed")
            .to_string();
        assert!(
            verify_blocking("stored before".into(), Some(theirs))
                .await
                .expect("ran")
        );
    }
}
