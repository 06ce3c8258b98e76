//! An honest chance of a seat for someone on a waiting list: from how often
//! people who held a seat in past sessions cancelled, the probability that
//! at least as many of those now holding a seat cancel as stand ahead of
//! (and including) the person, under a binomial model.

/// Fewer past seat-holders than this teach nothing: no estimate.
pub const MIN_HISTORY: i64 = 20;

/// Past registrations that held a seat, and how many of them cancelled.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct History {
    pub seated: i64,
    pub cancelled: i64,
}

impl History {
    /// The observed cancellation rate; `None` with too little history.
    pub fn cancel_rate(self) -> Option<f64> {
        (self.seated >= MIN_HISTORY).then(|| self.cancelled as f64 / self.seated as f64)
    }
}

/// P(X ≥ `position`) for X ~ Binomial(`seats_taken`, `rate`): the chance
/// that enough seat-holders cancel for the person at `position` to get a
/// seat. Summed in log space so that large sessions do not underflow.
pub fn seat_chance(rate: f64, seats_taken: i64, position: i64) -> f64 {
    let (n, k) = (seats_taken.max(0), position.max(1));
    if k > n || rate <= 0.0 {
        return 0.0;
    }
    if rate >= 1.0 {
        return 1.0;
    }
    // P(X < k) = Σ_{j<k} C(n,j) r^j (1−r)^(n−j), term by term.
    let (ln_r, ln_q) = (rate.ln(), (1.0 - rate).ln());
    let mut ln_term = n as f64 * ln_q;
    let mut below = 0.0;
    for j in 0..k {
        below += ln_term.exp();
        ln_term += ((n - j) as f64).ln() - ((j + 1) as f64).ln() + ln_r - ln_q;
    }
    (1.0 - below).clamp(0.0, 1.0)
}

/// How a chance is put in words ("about 1 in 3").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phrase {
    /// 95 % or more.
    VeryLikely,
    /// About `n` in 10 (from 5 to 9).
    InTen(u32),
    /// About 1 in `n` (from 2 to 20).
    OneIn(u32),
    /// Less than 1 in 20.
    Unlikely,
}

pub fn phrase(chance: f64) -> Phrase {
    if chance >= 0.95 {
        return Phrase::VeryLikely;
    }
    if chance >= 0.45 {
        // 0.45..0.95 reads as 5 to 9 in 10.
        return Phrase::InTen(((chance * 10.0).round() as u32).clamp(5, 9));
    }
    if chance < 0.05 {
        return Phrase::Unlikely;
    }
    Phrase::OneIn(((1.0 / chance).round() as u32).clamp(2, 20))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twenty_past_seat_holders_are_enough_to_learn_from() {
        let few = History {
            seated: 19,
            cancelled: 5,
        };
        assert_eq!(few.cancel_rate(), None);
        let enough = History {
            seated: 20,
            cancelled: 5,
        };
        assert_eq!(enough.cancel_rate(), Some(0.25));
    }

    #[test]
    fn the_chance_is_the_binomial_tail() {
        // By hand: two seats taken, each cancelled with 1/4: the first
        // waiting gets a seat unless neither cancels, 1 − (3/4)² = 7/16;
        // the second only if both do, (1/4)² = 1/16.
        assert!((seat_chance(0.25, 2, 1) - 7.0 / 16.0).abs() < 1e-12);
        assert!((seat_chance(0.25, 2, 2) - 1.0 / 16.0).abs() < 1e-12);
        assert_eq!(seat_chance(0.25, 2, 3), 0.0);
        assert_eq!(seat_chance(0.0, 10, 1), 0.0);
        // A large session does not underflow to nonsense.
        let big = seat_chance(0.1, 100_000, 5);
        assert!((big - 1.0).abs() < 1e-9, "{big}");
    }

    #[test]
    fn chances_read_as_plain_phrases() {
        assert_eq!(phrase(7.0 / 16.0), Phrase::OneIn(2));
        assert_eq!(phrase(0.34), Phrase::OneIn(3));
        assert_eq!(phrase(0.72), Phrase::InTen(7));
        assert_eq!(phrase(0.97), Phrase::VeryLikely);
        assert_eq!(phrase(0.01), Phrase::Unlikely);
    }
}
