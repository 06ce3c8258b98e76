//! The keyed state behind the limiters: a map that holds at most
//! [`MAX_KEYS`] keys however many distinct clients arrive, with constant
//! work per request. Keys live in two generations; when the current one is
//! full it becomes the previous one and the oldest generation is dropped
//! whole. A key seen again moves to the current generation, so a client that
//! keeps sending keeps its state; one that falls out starts afresh, which a
//! flood of fresh addresses gets anyway.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Mutex, MutexGuard, PoisonError};

use governor::nanos::Nanos;
use governor::state::StateStore;
use governor::state::keyed::ShrinkableKeyedStateStore;

/// Most keys held at once (both generations together): about 2 MB.
pub const MAX_KEYS: usize = 1 << 16;

/// Keys with a theoretical arrival time in nanoseconds (the GCRA state).
pub struct Recent<K> {
    generations: Mutex<Generations<K>>,
}

struct Generations<K> {
    current: HashMap<K, u64>,
    previous: HashMap<K, u64>,
}

impl<K: Hash + Eq + Clone> Default for Recent<K> {
    fn default() -> Self {
        Self {
            generations: Mutex::new(Generations {
                current: HashMap::new(),
                previous: HashMap::new(),
            }),
        }
    }
}

impl<K: Hash + Eq + Clone> Recent<K> {
    fn lock(&self) -> MutexGuard<'_, Generations<K>> {
        self.generations
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs `f` on the key's state (None if unknown) and stores what it
    /// returns, if anything; the key counts as recently seen either way.
    pub fn update<T>(&self, key: &K, f: impl FnOnce(Option<u64>) -> (T, Option<u64>)) -> T {
        let mut generations = self.lock();
        let known = generations.promote(key);
        let (result, new) = f(known);
        if let Some(new) = new {
            generations.insert(key.clone(), new);
        }
        result
    }

    /// Forgets keys whose state is at or before `drop_below`, i.e. no
    /// different from a fresh one.
    pub fn retain_after(&self, drop_below: u64) {
        let mut generations = self.lock();
        generations.current.retain(|_, v| *v > drop_below);
        generations.previous.retain(|_, v| *v > drop_below);
        generations.current.shrink_to_fit();
        generations.previous.shrink_to_fit();
    }

    pub fn len(&self) -> usize {
        let generations = self.lock();
        generations.current.len() + generations.previous.len()
    }
}

impl<K: Hash + Eq + Clone> Generations<K> {
    /// The key's state, moved into the current generation if it was in the
    /// previous one.
    fn promote(&mut self, key: &K) -> Option<u64> {
        if let Some(v) = self.current.get(key) {
            return Some(*v);
        }
        let v = self.previous.remove(key)?;
        self.insert(key.clone(), v);
        Some(v)
    }

    fn insert(&mut self, key: K, value: u64) {
        if !self.current.contains_key(&key) && self.current.len() >= MAX_KEYS / 2 {
            self.previous = std::mem::take(&mut self.current);
        }
        self.current.insert(key, value);
    }
}

/// Lets governor's GCRA keep its per-key state here.
impl<K: Hash + Eq + Clone> StateStore for Recent<K> {
    type Key = K;

    fn measure_and_replace<T, F, E>(&self, key: &K, f: F) -> Result<T, E>
    where
        F: Fn(Option<Nanos>) -> Result<(T, Nanos), E>,
    {
        self.update(key, |known| match f(known.map(Nanos::new)) {
            Ok((result, new)) => (Ok(result), Some(new.as_u64())),
            Err(refused) => (Err(refused), None),
        })
    }
}

impl<K: Hash + Eq + Clone> ShrinkableKeyedStateStore<K> for Recent<K> {
    fn retain_recent(&self, drop_below: Nanos) {
        self.retain_after(drop_below.as_u64());
    }

    fn len(&self) -> usize {
        Recent::len(self)
    }

    fn is_empty(&self) -> bool {
        Recent::len(self) == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flood_of_keys_stays_bounded_and_active_keys_survive_it() {
        let store = Recent::<u32>::default();
        store.update(&u32::MAX, |_| ((), Some(7)));
        for key in 0..100_000 {
            store.update(&key, |_| ((), Some(1)));
            if key % 1_000 == 0 {
                let kept = store.update(&u32::MAX, |known| (known, None));
                assert_eq!(kept, Some(7), "after {key} other keys");
            }
        }
        assert!(store.len() <= MAX_KEYS, "{} keys", store.len());
        store.retain_after(1);
        assert_eq!(store.len(), 1);
    }
}
