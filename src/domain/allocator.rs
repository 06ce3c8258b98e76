//! The queue allocator: a pure function of (waiting requests in arrival
//! order, each CSM's free slots, each CSM's appointments per week).
//!
//! Serving order is arrival order. The oldest waiting request gets the
//! earliest free slot that fits its preferred windows (and its `not_before`);
//! of the CSMs free then, the one with the fewest appointments that week
//! (ties: the lower index). Then the next request, and so on. A request that
//! finds nothing keeps waiting.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike, Utc};

use super::availability::SLOT;

/// One waiting request.
#[derive(Debug, Clone)]
pub struct Waiting {
    pub id: String,
    /// UTC intervals the slot must lie within; `None` = any time.
    pub preferred: Option<Vec<(DateTime<Utc>, DateTime<Utc>)>>,
    pub not_before: Option<DateTime<Utc>>,
}

/// A CSM's free slot starts (already without busy hours, notice and horizon).
#[derive(Debug, Clone)]
pub struct HostSlots {
    pub host_id: String,
    pub starts: Vec<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    pub request_id: String,
    pub host_id: String,
    pub starts_at: DateTime<Utc>,
}

/// ISO year and week of an instant (UTC).
pub fn week_of(at: DateTime<Utc>) -> (i32, u32) {
    let w = at.iso_week();
    (w.year(), w.week())
}

/// `load[(host_id, week)]`: appointments the CSM already has that week.
pub type Load = HashMap<(String, (i32, u32)), u32>;

pub fn allocate(queue: &[Waiting], hosts: &[HostSlots], load: &Load) -> Vec<Assignment> {
    // Free slots by start: which CSMs are free then.
    let mut free: BTreeMap<DateTime<Utc>, Vec<usize>> = BTreeMap::new();
    for (i, host) in hosts.iter().enumerate() {
        for start in &host.starts {
            free.entry(*start).or_default().push(i);
        }
    }
    let mut load: HashMap<(usize, (i32, u32)), u32> = hosts
        .iter()
        .enumerate()
        .flat_map(|(i, h)| {
            load.iter()
                .filter(move |((id, _), _)| *id == h.host_id)
                .map(move |((_, week), n)| ((i, *week), *n))
        })
        .collect();

    let mut out = Vec::new();
    for request in queue {
        let Some(start) = earliest_fit(&free, request) else {
            continue;
        };
        let Some(candidates) = free.get_mut(&start) else {
            continue;
        };
        let week = week_of(start);
        let Some((pos, &host)) = candidates
            .iter()
            .enumerate()
            .min_by_key(|(_, h)| (load.get(&(**h, week)).copied().unwrap_or(0), **h))
        else {
            continue;
        };
        candidates.swap_remove(pos);
        if candidates.is_empty() {
            free.remove(&start);
        }
        *load.entry((host, week)).or_default() += 1;
        out.push(Assignment {
            request_id: request.id.clone(),
            host_id: hosts[host].host_id.clone(),
            starts_at: start,
        });
    }
    out
}

/// The earliest free start that fits the request.
fn earliest_fit(
    free: &BTreeMap<DateTime<Utc>, Vec<usize>>,
    request: &Waiting,
) -> Option<DateTime<Utc>> {
    let floor = request.not_before.unwrap_or(DateTime::<Utc>::MIN_UTC);
    match &request.preferred {
        None => free.range(floor..).next().map(|(start, _)| *start),
        Some(intervals) => intervals
            .iter()
            .filter_map(|(from, to)| {
                let lo = (*from).max(floor);
                let hi = *to - SLOT;
                (lo <= hi)
                    .then(|| free.range(lo..=hi).next().map(|(s, _)| *s))
                    .flatten()
            })
            .min(),
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone};
    use proptest::prelude::*;

    use super::*;

    fn at(h: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2030, 1, 7, 0, 0, 0)
            .single()
            .expect("date")
            + Duration::hours(h)
    }

    fn fits(w: &Waiting, start: DateTime<Utc>) -> bool {
        w.not_before.is_none_or(|nb| start >= nb)
            && w.preferred
                .as_ref()
                .is_none_or(|p| p.iter().any(|(f, t)| start >= *f && start + SLOT <= *t))
    }

    #[test]
    fn the_least_loaded_free_csm_gets_the_hour() {
        let hosts = vec![
            HostSlots {
                host_id: "a".into(),
                starts: vec![at(9)],
            },
            HostSlots {
                host_id: "b".into(),
                starts: vec![at(9)],
            },
        ];
        let mut load = Load::new();
        load.insert(("a".into(), week_of(at(9))), 3);
        load.insert(("b".into(), week_of(at(9))), 1);
        let queue = vec![Waiting {
            id: "r1".into(),
            preferred: None,
            not_before: None,
        }];
        assert_eq!(allocate(&queue, &hosts, &load)[0].host_id, "b");
    }

    #[test]
    fn preferences_can_let_a_later_request_pass() {
        let hosts = vec![HostSlots {
            host_id: "a".into(),
            starts: vec![at(9), at(14)],
        }];
        let queue = vec![
            Waiting {
                id: "afternoon".into(),
                preferred: Some(vec![(at(13), at(17))]),
                not_before: None,
            },
            Waiting {
                id: "any".into(),
                preferred: None,
                not_before: None,
            },
            Waiting {
                id: "late".into(),
                preferred: None,
                not_before: None,
            },
        ];
        let got = allocate(&queue, &hosts, &Load::new());
        assert_eq!(got.len(), 2);
        assert_eq!(
            (got[0].request_id.as_str(), got[0].starts_at),
            ("afternoon", at(14))
        );
        assert_eq!(
            (got[1].request_id.as_str(), got[1].starts_at),
            ("any", at(9))
        );
    }

    fn scenario() -> impl Strategy<Value = (Vec<Waiting>, Vec<HostSlots>)> {
        let host = prop::collection::btree_set(0i64..120, 0..30)
            .prop_map(|hours| hours.into_iter().map(at).collect::<Vec<_>>());
        let hosts = prop::collection::vec(host, 1..6).prop_map(|hs| {
            hs.into_iter()
                .enumerate()
                .map(|(i, starts)| HostSlots {
                    host_id: format!("h{i}"),
                    starts,
                })
                .collect::<Vec<_>>()
        });
        let pref = prop::option::of(prop::collection::vec((0i64..120, 1i64..8), 1..3).prop_map(
            |v| {
                v.into_iter()
                    .map(|(s, len)| (at(s), at(s + len)))
                    .collect::<Vec<_>>()
            },
        ));
        let waiting = (pref, prop::option::of(0i64..120));
        let queue = prop::collection::vec(waiting, 0..60).prop_map(|ws| {
            ws.into_iter()
                .enumerate()
                .map(|(i, (preferred, nb))| Waiting {
                    id: format!("r{i}"),
                    preferred,
                    not_before: nb.map(at),
                })
                .collect::<Vec<_>>()
        });
        (queue, hosts)
    }

    proptest! {
        #[test]
        fn allocation_is_fifo_fair_and_never_overlaps((queue, hosts) in scenario()) {
            let got = allocate(&queue, &hosts, &Load::new());
            let assigned: HashMap<&str, &Assignment> = got.iter().map(|a| (a.request_id.as_str(), a)).collect();
            prop_assert_eq!(assigned.len(), got.len(), "a request got two hours");

            // Each hour was free for that CSM, and no CSM has two in one slot.
            let mut used = std::collections::HashSet::new();
            for a in &got {
                let host = hosts.iter().find(|h| h.host_id == a.host_id).expect("known host");
                prop_assert!(host.starts.contains(&a.starts_at));
                prop_assert!(used.insert((a.host_id.clone(), a.starts_at)), "double-booked");
            }

            // What was still free at request i's turn: free at the end, or
            // given to a later request.
            let free_at_end: Vec<DateTime<Utc>> = hosts
                .iter()
                .flat_map(|h| h.starts.iter().filter(|s| !used.contains(&(h.host_id.clone(), **s))).copied().collect::<Vec<_>>())
                .collect();
            for (i, w) in queue.iter().enumerate() {
                let later: Vec<DateTime<Utc>> = queue[i + 1..]
                    .iter()
                    .filter_map(|l| assigned.get(l.id.as_str()).map(|a| a.starts_at))
                    .collect();
                let mut open = free_at_end.iter().chain(later.iter()).filter(|s| fits(w, **s));
                match assigned.get(w.id.as_str()) {
                    // Preferences and limits hold, and nothing earlier was open.
                    Some(a) => {
                        prop_assert!(fits(w, a.starts_at));
                        prop_assert!(open.all(|s| *s >= a.starts_at), "{} did not get the earliest fit", w.id);
                    }
                    // Waiting only when nothing fitting was open at its turn.
                    None => prop_assert!(open.next().is_none(), "{} waits although a slot fit", w.id),
                }
            }
        }
    }
}
