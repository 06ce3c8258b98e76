//! A webinar's seat and follow-up policy: how a freed seat is handed on
//! (at once, or held as an offer), the minimum number of attendees and
//! when it is decided, whether a series' waiting list rolls over, and the
//! recording sent in the follow-up.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::text::web_url;
use super::validation::Validator;

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    Serialize,
    Deserialize,
    ToSchema,
    strum::EnumString,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "lowercase")]
#[strum(
    serialize_all = "lowercase",
    parse_err_ty = String,
    parse_err_fn = unknown_mode
)]
pub enum WaitlistMode {
    /// A freed seat goes straight to the first person waiting.
    #[default]
    Auto,
    /// A freed seat is held for the first person waiting, who claims it
    /// within `offer_hours`; unclaimed, it passes to the next.
    Offer,
}

impl WaitlistMode {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

fn unknown_mode(other: &str) -> String {
    format!("unknown waiting-list mode {other:?}: use auto or offer")
}

pub const OFFER_HOURS_DEFAULT: i32 = 12;
/// An offer is held from one hour to a week.
pub const OFFER_HOURS: std::ops::RangeInclusive<i64> = 1..=168;
pub const DECISION_HOURS_DEFAULT: i32 = 24;
/// The minimum is decided from one hour to two weeks before the start.
pub const DECISION_HOURS: std::ops::RangeInclusive<i64> = 1..=336;
pub const MIN_ATTENDEES_MAX: i64 = 100_000;

/// A webinar's policy as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    pub waitlist_mode: WaitlistMode,
    pub offer_hours: i32,
    pub min_attendees: Option<i32>,
    pub decision_hours: i32,
    pub rollover: bool,
    pub recording_url: Option<String>,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            waitlist_mode: WaitlistMode::Auto,
            offer_hours: OFFER_HOURS_DEFAULT,
            min_attendees: None,
            decision_hours: DECISION_HOURS_DEFAULT,
            rollover: true,
            recording_url: None,
        }
    }
}

/// The policy fields of a create or PATCH body: only those sent change.
/// `min_attendees` and `recording_url` may be sent as `null` to clear them.
#[derive(Debug, Clone, Default)]
pub struct PolicyChange<'a> {
    pub waitlist_mode: Option<&'a str>,
    pub offer_hours: Option<i64>,
    pub min_attendees: Option<Option<i64>>,
    pub decision_hours: Option<i64>,
    pub rollover: Option<bool>,
    pub recording_url: Option<Option<&'a str>>,
}

fn hours(raw: i64, range: &std::ops::RangeInclusive<i64>) -> Result<i32, String> {
    if !range.contains(&raw) {
        return Err(format!(
            "must be between {} and {} hours",
            range.start(),
            range.end()
        ));
    }
    i32::try_from(raw).map_err(|_| "is too large".to_owned())
}

fn minimum(raw: i64, capacity: Option<i32>) -> Result<i32, String> {
    if !(1..=MIN_ATTENDEES_MAX).contains(&raw) {
        return Err(format!("must be between 1 and {MIN_ATTENDEES_MAX}"));
    }
    let n = i32::try_from(raw).map_err(|_| "is too large".to_owned())?;
    match capacity {
        Some(cap) if n > cap => Err(format!("must not exceed the capacity ({cap})")),
        _ => Ok(n),
    }
}

impl Policy {
    /// This policy with `change` applied; errors go to `v` under the
    /// fields' names. `capacity` is the webinar's after the same change.
    pub fn changed(&self, change: &PolicyChange, capacity: Option<i32>, v: &mut Validator) -> Self {
        let mut next = self.clone();
        if let Some(mode) = change.waitlist_mode
            && let Some(mode) = v.check("waitlist_mode", mode.trim().parse::<WaitlistMode>())
        {
            next.waitlist_mode = mode;
        }
        if let Some(h) = change.offer_hours
            && let Some(h) = v.check("offer_hours", hours(h, &OFFER_HOURS))
        {
            next.offer_hours = h;
        }
        if let Some(h) = change.decision_hours
            && let Some(h) = v.check("decision_hours", hours(h, &DECISION_HOURS))
        {
            next.decision_hours = h;
        }
        if let Some(m) = change.min_attendees {
            next.min_attendees = match m {
                None => None,
                Some(m) => v.check("min_attendees", minimum(m, capacity)),
            };
        } else if let Some(m) = next.min_attendees
            && let Err(e) = minimum(i64::from(m), capacity)
        {
            // A lower capacity must not leave an unreachable minimum.
            v.fail("min_attendees", e);
        }
        if let Some(r) = change.rollover {
            next.rollover = r;
        }
        if let Some(u) = change.recording_url {
            next.recording_url = match u.map(str::trim).filter(|s| !s.is_empty()) {
                None => None,
                Some(u) => v.check("recording_url", web_url(u)),
            };
        }
        next
    }

    /// When a freed seat is offered at `now`, the offer's end; `None` when
    /// the start is too close for an offer (the seat is then given at once,
    /// as in `auto`).
    pub fn offer_until(
        &self,
        now: DateTime<Utc>,
        starts_at: DateTime<Utc>,
    ) -> Option<DateTime<Utc>> {
        if self.waitlist_mode != WaitlistMode::Offer {
            return None;
        }
        let until = now + Duration::hours(i64::from(self.offer_hours));
        (until < starts_at).then_some(until)
    }

    /// When the minimum is decided, if there is one.
    pub fn decision_at(&self, starts_at: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.min_attendees
            .map(|_| starts_at - Duration::hours(i64::from(self.decision_hours)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).expect("time").to_utc()
    }

    #[test]
    fn an_offer_is_made_only_while_it_can_run_out_before_the_start() {
        let offer = Policy {
            waitlist_mode: WaitlistMode::Offer,
            ..Policy::default()
        };
        let start = at("2030-01-10T10:00:00Z");
        assert_eq!(
            offer.offer_until(at("2030-01-09T10:00:00Z"), start),
            Some(at("2030-01-09T22:00:00Z"))
        );
        assert_eq!(offer.offer_until(at("2030-01-09T23:00:00Z"), start), None);
        assert_eq!(
            Policy::default().offer_until(at("2030-01-01T00:00:00Z"), start),
            None
        );
    }

    #[test]
    fn a_change_is_checked_field_by_field() {
        let mut v = Validator::new();
        let change = PolicyChange {
            waitlist_mode: Some("lottery"),
            offer_hours: Some(0),
            min_attendees: Some(Some(9)),
            ..PolicyChange::default()
        };
        Policy::default().changed(&change, Some(8), &mut v);
        let err = v.finish().expect_err("invalid");
        let fields: Vec<_> = err.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["waitlist_mode", "offer_hours", "min_attendees"]);

        let mut v = Validator::new();
        let change = PolicyChange {
            waitlist_mode: Some("offer"),
            min_attendees: Some(Some(3)),
            recording_url: Some(Some("https://video.example.com/r/1")),
            rollover: Some(false),
            ..PolicyChange::default()
        };
        let p = Policy::default().changed(&change, Some(8), &mut v);
        assert!(v.finish().is_ok());
        assert_eq!(
            (p.waitlist_mode, p.min_attendees, p.rollover),
            (WaitlistMode::Offer, Some(3), false)
        );
        assert_eq!(
            p.decision_at(at("2030-01-10T10:00:00Z")),
            Some(at("2030-01-09T10:00:00Z"))
        );
    }
}
