//! Free slots minus busy time (`availability::without_busy`, what the queue
//! offers): no slot kept overlaps a busy interval, and every slot that
//! overlaps none is kept.

use chrono::{DateTime, Duration, Utc};
use onetomany::domain::availability::{SLOT, without_busy};
use proptest::prelude::*;

use crate::inputs;

type Interval = (DateTime<Utc>, DateTime<Utc>);

fn overlaps(slot: DateTime<Utc>, (start, end): Interval) -> bool {
    start < slot + SLOT && end > slot
}

/// Slots and busy intervals in one week, so that they meet often; busy ones
/// from zero minutes to two days long.
fn case() -> impl Strategy<Value = (Vec<DateTime<Utc>>, Vec<Interval>)> {
    inputs::instant().prop_flat_map(|base| {
        let at = move |m: i64| base + Duration::minutes(m);
        let slots = prop::collection::btree_set(0i64..7 * 24 * 4, 0..60)
            .prop_map(move |q| q.into_iter().map(|q| at(q * 15)).collect::<Vec<_>>());
        let busy = prop::collection::vec((0i64..7 * 24 * 60, 0i64..2 * 24 * 60), 0..20).prop_map(
            move |spans| {
                let mut spans: Vec<Interval> = spans
                    .into_iter()
                    .map(|(s, len)| (at(s), at(s + len)))
                    .collect();
                spans.sort();
                spans
            },
        );
        (slots, busy)
    })
}

proptest! {
    #![proptest_config(crate::config())]

    #[test]
    fn free_slots_are_exactly_those_clear_of_busy_time((slots, busy) in case()) {
        let kept = without_busy(slots.clone(), &busy);
        for s in &kept {
            prop_assert!(!busy.iter().any(|b| overlaps(*s, *b)), "{} overlaps busy time", s);
        }
        let clear: Vec<_> = slots.into_iter().filter(|s| !busy.iter().any(|b| overlaps(*s, *b))).collect();
        prop_assert_eq!(kept, clear);
    }
}
