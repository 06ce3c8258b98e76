//! Failed sign-ins: at most [`PER_ACCOUNT`] per e-mail address and
//! [`PER_CLIENT`] per client address in [`PERIOD`], refilling evenly (one
//! more every 90 s per account, every 30 s per client). A successful sign-in
//! is not counted and does not reset the count: an attacker guessing would
//! otherwise gain fresh tries whenever the owner signs in. The count is
//! checked before the password is, so a locked account costs no hash.
//! These limits stay on when `server.rate_limit_per_minute` is 0: that key
//! is about request volume (a proxy may already limit it), this one about
//! guessing passwords, which only the service can see.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::client::ClientIp;
use super::store::Recent;

pub const PERIOD: Duration = Duration::from_secs(15 * 60);
pub const PER_ACCOUNT: u32 = 10;
pub const PER_CLIENT: u32 = 30;

/// Failure counts per account and per client, kept in this instance's
/// memory. Accounts are keyed by a keyed hash of the lower-cased e-mail, so
/// no address is held here.
pub struct FailedLogins {
    started: Instant,
    hasher: RandomState,
    accounts: Gcra<u64>,
    clients: Gcra<IpAddr>,
    next_sweep: Mutex<Instant>,
}

impl Default for FailedLogins {
    fn default() -> Self {
        Self {
            started: Instant::now(),
            hasher: RandomState::new(),
            accounts: Gcra::new(PER_ACCOUNT),
            clients: Gcra::new(PER_CLIENT),
            next_sweep: Mutex::new(Instant::now() + super::SWEEP_EVERY),
        }
    }
}

impl FailedLogins {
    /// `Err(seconds to wait)` if this account or client has used up its
    /// failures.
    pub fn check(&self, email: &str, client: ClientIp, now: Instant) -> Result<(), u64> {
        let now = self.nanos(now);
        let account = self.accounts.wait(&self.account(email), now);
        let client = self.clients.wait(&client.bucket(), now);
        match account.max(client) {
            Duration::ZERO => Ok(()),
            wait => Err(wait.as_secs_f64().ceil().max(1.0) as u64),
        }
    }

    pub fn record_failure(&self, email: &str, client: ClientIp, now: Instant) {
        self.sweep(now);
        let nanos = self.nanos(now);
        self.accounts.add(&self.account(email), nanos);
        self.clients.add(&client.bucket(), nanos);
    }

    /// Once a minute, forgets counts that have fully refilled.
    fn sweep(&self, now: Instant) {
        let Ok(mut next) = self.next_sweep.try_lock() else {
            return;
        };
        if now >= *next {
            *next = now + super::SWEEP_EVERY;
            drop(next);
            self.forget_old(now);
        }
    }

    /// Forgets counts that have fully refilled.
    pub fn forget_old(&self, now: Instant) {
        let now = self.nanos(now);
        self.accounts.store.retain_after(now);
        self.clients.store.retain_after(now);
    }

    /// Keys held (accounts and clients).
    pub fn len(&self) -> usize {
        self.accounts.store.len() + self.clients.store.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn account(&self, email: &str) -> u64 {
        self.hasher.hash_one(email.trim().to_lowercase())
    }

    fn nanos(&self, now: Instant) -> u64 {
        u64::try_from(now.saturating_duration_since(self.started).as_nanos()).unwrap_or(u64::MAX)
    }
}

/// The generic cell rate algorithm with a peek: the state is the time at
/// which the count would be back to zero; each failure pushes it one
/// interval later; the burst is the whole period.
struct Gcra<K> {
    interval: u64,
    /// How far ahead the zero point may lie with one more failure allowed.
    slack: u64,
    store: Recent<K>,
}

impl<K: std::hash::Hash + Eq + Clone> Gcra<K> {
    fn new(per_period: u32) -> Self {
        let per_period = u64::from(per_period.max(1));
        let interval = u64::try_from(PERIOD.as_nanos()).unwrap_or(u64::MAX) / per_period;
        Self {
            interval,
            slack: interval * (per_period - 1),
            store: Recent::default(),
        }
    }

    /// How long until one more failure would be allowed.
    fn wait(&self, key: &K, now: u64) -> Duration {
        self.store.update(key, |known| {
            let zero_at = known.unwrap_or(0);
            let allowed_from = zero_at.saturating_sub(self.slack);
            (Duration::from_nanos(allowed_from.saturating_sub(now)), None)
        })
    }

    fn add(&self, key: &K, now: u64) {
        self.store.update(key, |known| {
            ((), Some(known.unwrap_or(0).max(now) + self.interval))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(s: &str) -> ClientIp {
        ClientIp(s.parse().expect("ip"))
    }

    #[test]
    fn an_account_locks_after_its_failures_from_any_address() {
        let logins = FailedLogins::default();
        let t0 = Instant::now();
        for i in 0..PER_ACCOUNT {
            let from = client(&format!("192.0.2.{i}"));
            assert!(logins.check("Ada@Example.com", from, t0).is_ok(), "try {i}");
            logins.record_failure("ada@example.com", from, t0);
        }
        let wait = logins
            .check("ada@example.com", client("198.51.100.1"), t0)
            .expect_err("locked");
        assert_eq!(wait, 90, "one failure refills every 15 min / 10");
        assert!(
            logins
                .check("bob@example.com", client("198.51.100.1"), t0)
                .is_ok()
        );
        assert!(
            logins
                .check(
                    "ada@example.com",
                    client("198.51.100.1"),
                    t0 + Duration::from_secs(90)
                )
                .is_ok()
        );
    }

    #[test]
    fn a_client_locks_after_its_failures_on_any_account() {
        let logins = FailedLogins::default();
        let t0 = Instant::now();
        let from = client("2001:db8::1");
        for i in 0..PER_CLIENT {
            let email = format!("u{i}@example.com");
            assert!(logins.check(&email, from, t0).is_ok(), "try {i}");
            logins.record_failure(&email, from, t0);
        }
        // The same /64 is the same client.
        let neighbour = client("2001:db8::2");
        assert_eq!(logins.check("new@example.com", neighbour, t0), Err(30));
        assert!(
            logins
                .check("new@example.com", client("2001:db8:0:1::1"), t0)
                .is_ok()
        );
        logins.forget_old(t0 + PERIOD);
        assert!(logins.is_empty());
    }
}
