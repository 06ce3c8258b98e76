//! Webinars: the two kinds, what a valid webinar is, and how a change to one
//! is judged (does it move the time, does it re-send the invite).

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;

use super::policy::{Policy, PolicyChange, WaitlistMode};
use super::text::{multi_line, optional_line, optional_uuid, single_line, web_url};
use super::timezone::TimeZone;
use super::validation::{ValidationErrors, Validator, checked};

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    ToSchema,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::Display,
)]
#[serde(rename_all = "lowercase")]
#[strum(
    serialize_all = "lowercase",
    parse_err_ty = String,
    parse_err_fn = unknown_kind
)]
pub enum Kind {
    /// A topic talk with Q&A; capacity optional.
    Regular,
    /// Interactive and capped; registrants describe their situation.
    Expert,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

fn unknown_kind(other: &str) -> String {
    format!("unknown kind {other:?}: use regular or expert")
}

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
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
    parse_err_fn = unknown_status
)]
pub enum Status {
    Scheduled,
    Cancelled,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

fn unknown_status(other: &str) -> String {
    format!("unknown status {other:?}")
}

pub const TITLE_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 5000;
pub const TOPIC_MAX: usize = 100;
pub const RRULE_MAX: usize = 500;
pub const DURATION_MINUTES: std::ops::RangeInclusive<i64> = 5..=720;
pub const CAPACITY_MAX: i64 = 100_000;
/// Years a session may start in. Anything outside is a typo or an attack
/// (year 9999 plus a duration does not fit the storage), not a plan.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// The body of `POST /api/v1/webinars`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct WebinarRequest {
    #[schema(value_type = Kind)]
    pub kind: String,
    #[schema(min_length = 1, max_length = 200)]
    pub title: String,
    #[schema(max_length = 5000)]
    pub description: Option<String>,
    #[schema(max_length = 100)]
    pub topic: Option<String>,
    /// RFC 3339, in the future and in the years 2000 to 2100; the first
    /// occurrence for a series.
    #[schema(format = DateTime)]
    pub starts_at: String,
    #[schema(minimum = 5, maximum = 720)]
    pub duration_minutes: i64,
    /// IANA zone the session is planned in (series keep its wall-clock time).
    pub timezone: String,
    /// Required for `expert`.
    #[schema(minimum = 1, maximum = 100_000)]
    pub capacity: Option<i64>,
    #[schema(format = "uri", max_length = 2000)]
    pub join_url: Option<String>,
    /// Admins may create a webinar for another host.
    #[schema(format = Uuid)]
    pub host_id: Option<String>,
    /// e.g. `FREQ=WEEKLY;BYDAY=TU;COUNT=6` (at most 104 occurrences, the
    /// last in the year 2100 at the latest).
    #[schema(max_length = 500)]
    pub rrule: Option<String>,
    /// How a freed seat is handed on (default `auto`).
    #[schema(value_type = Option<WaitlistMode>)]
    pub waitlist_mode: Option<String>,
    /// How long an offered seat is held (default 12).
    #[schema(minimum = 1, maximum = 168)]
    pub offer_hours: Option<i64>,
    /// Too few confirmed at `starts_at − decision_hours` cancels the session.
    #[schema(minimum = 1, maximum = 100_000)]
    pub min_attendees: Option<i64>,
    #[schema(minimum = 1, maximum = 336)]
    pub decision_hours: Option<i64>,
    /// In a series: the waiting list moves to the next occurrence (default `true`).
    pub rollover: Option<bool>,
    /// Sent in the follow-up mail to attendees and no-shows.
    #[schema(format = "uri", max_length = 2000)]
    pub recording_url: Option<String>,
}

impl WebinarRequest {
    fn policy_change(&self) -> PolicyChange<'_> {
        PolicyChange {
            waitlist_mode: self.waitlist_mode.as_deref(),
            offer_hours: self.offer_hours,
            min_attendees: self.min_attendees.map(Some),
            decision_hours: self.decision_hours,
            rollover: self.rollover,
            recording_url: self.recording_url.as_deref().map(Some),
        }
    }
}

/// A webinar that passed every check (times still for the first occurrence).
#[derive(Debug, Clone)]
pub struct NewWebinar {
    pub kind: Kind,
    pub title: String,
    pub description: String,
    pub topic: Option<String>,
    pub starts_at: DateTime<Utc>,
    pub duration: Duration,
    pub timezone: TimeZone,
    pub capacity: Option<i32>,
    pub join_url: Option<String>,
    /// Another host, named by an admin.
    pub host_id: Option<String>,
    pub rrule: Option<String>,
    pub policy: Policy,
}

pub fn parse_instant(raw: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(raw.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| format!("{raw:?} is not an RFC 3339 time such as 2027-03-02T10:00:00+01:00"))
}

fn check_capacity(raw: i64) -> Result<i32, String> {
    if !(1..=CAPACITY_MAX).contains(&raw) {
        return Err(format!("must be between 1 and {CAPACITY_MAX}"));
    }
    i32::try_from(raw).map_err(|_| "is too large".to_owned())
}

fn check_duration(raw: i64) -> Result<Duration, String> {
    if !DURATION_MINUTES.contains(&raw) {
        return Err(format!(
            "must be between {} and {} minutes",
            DURATION_MINUTES.start(),
            DURATION_MINUTES.end()
        ));
    }
    Ok(Duration::minutes(raw))
}

/// A start within [`YEARS`].
pub fn check_horizon(at: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
    use chrono::Datelike;
    if !YEARS.contains(&at.year()) {
        return Err(format!(
            "must be in the years {} to {}",
            YEARS.start(),
            YEARS.end()
        ));
    }
    Ok(at)
}

fn check_future(at: DateTime<Utc>, now: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
    if at <= now {
        return Err("must be in the future".into());
    }
    check_horizon(at)
}

impl NewWebinar {
    pub fn parse(req: &WebinarRequest, now: DateTime<Utc>) -> Result<Self, ValidationErrors> {
        let mut v = Validator::new();
        let kind = v.check("kind", req.kind.parse::<Kind>());
        let title = v.check("title", single_line(&req.title, TITLE_MAX));
        let description = v.check(
            "description",
            multi_line(req.description.as_deref().unwrap_or(""), DESCRIPTION_MAX),
        );
        let topic = v.check("topic", optional_line(req.topic.as_deref(), TOPIC_MAX));
        let starts_at = v.check(
            "starts_at",
            parse_instant(&req.starts_at).and_then(|t| check_future(t, now)),
        );
        let duration = v.check("duration_minutes", check_duration(req.duration_minutes));
        let timezone = v.check("timezone", TimeZone::parse(&req.timezone));
        let capacity = match req.capacity {
            None => {
                if kind == Some(Kind::Expert) {
                    v.fail("capacity", "is required for an expert webinar");
                }
                Some(None)
            }
            Some(c) => v.check("capacity", check_capacity(c)).map(Some),
        };
        let join_url = match req
            .join_url
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => Some(None),
            Some(u) => v.check("join_url", web_url(u)).map(Some),
        };
        let host_id = v.check("host_id", optional_uuid(req.host_id.as_deref()));
        let rrule = v.check("rrule", optional_line(req.rrule.as_deref(), RRULE_MAX));
        let policy = Policy::default().changed(&req.policy_change(), capacity.flatten(), &mut v);
        v.finish()?;
        Ok(Self {
            kind: checked(kind, "kind")?,
            title: checked(title, "title")?,
            description: checked(description, "description")?,
            topic: checked(topic, "topic")?,
            starts_at: checked(starts_at, "starts_at")?,
            duration: checked(duration, "duration_minutes")?,
            timezone: checked(timezone, "timezone")?,
            capacity: checked(capacity, "capacity")?,
            join_url: checked(join_url, "join_url")?,
            host_id: checked(host_id, "host_id")?,
            rrule: checked(rrule, "rrule")?,
            policy,
        })
    }
}

/// Distinguishes a field left out (`None`) from one sent as `null`
/// (`Some(None)`) in a PATCH body.
fn double_option<'de, D, T>(de: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(de).map(Some)
}

/// The body of `PATCH /api/v1/webinars/{id}`: only the fields sent change.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, ToSchema)]
pub struct WebinarPatch {
    #[schema(min_length = 1, max_length = 200)]
    pub title: Option<String>,
    #[schema(max_length = 5000)]
    pub description: Option<String>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, max_length = 100)]
    pub topic: Option<Option<String>>,
    /// RFC 3339, in the future and in the years 2000 to 2100.
    #[schema(format = DateTime)]
    pub starts_at: Option<String>,
    #[schema(minimum = 5, maximum = 720)]
    pub duration_minutes: Option<i64>,
    pub timezone: Option<String>,
    /// `null` removes the cap (regular webinars only).
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<i64>, minimum = 1, maximum = 100_000)]
    pub capacity: Option<Option<i64>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, format = "uri", max_length = 2000)]
    pub join_url: Option<Option<String>>,
    #[schema(value_type = Option<WaitlistMode>)]
    pub waitlist_mode: Option<String>,
    #[schema(minimum = 1, maximum = 168)]
    pub offer_hours: Option<i64>,
    /// `null` removes the minimum.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<i64>, minimum = 1, maximum = 100_000)]
    pub min_attendees: Option<Option<i64>>,
    #[schema(minimum = 1, maximum = 336)]
    pub decision_hours: Option<i64>,
    pub rollover: Option<bool>,
    /// May be set after the session, for the follow-up mail.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, format = "uri", max_length = 2000)]
    pub recording_url: Option<Option<String>>,
}

impl WebinarPatch {
    fn policy_change(&self) -> PolicyChange<'_> {
        PolicyChange {
            waitlist_mode: self.waitlist_mode.as_deref(),
            offer_hours: self.offer_hours,
            min_attendees: self.min_attendees,
            decision_hours: self.decision_hours,
            rollover: self.rollover,
            recording_url: self.recording_url.as_ref().map(|u| u.as_deref()),
        }
    }

    /// Only the recording: the one change a past session takes.
    pub fn only_recording(&self) -> bool {
        let mut rest = self.clone();
        rest.recording_url = None;
        self.recording_url.is_some() && rest == Self::default()
    }
}

/// The editable state of a webinar, before or after a patch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebinarState {
    pub kind: Kind,
    pub title: String,
    pub description: String,
    pub topic: Option<String>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub timezone: TimeZone,
    pub capacity: Option<i32>,
    pub join_url: Option<String>,
    pub policy: Policy,
}

impl WebinarState {
    /// Applies a patch; times must stay in the future.
    pub fn patched(
        &self,
        patch: &WebinarPatch,
        now: DateTime<Utc>,
    ) -> Result<Self, ValidationErrors> {
        let mut v = Validator::new();
        let mut next = self.clone();
        if let Some(t) = &patch.title {
            next.title = v
                .check("title", single_line(t, TITLE_MAX))
                .unwrap_or_default();
        }
        if let Some(d) = &patch.description {
            next.description = v
                .check("description", multi_line(d, DESCRIPTION_MAX))
                .unwrap_or_default();
        }
        if let Some(t) = &patch.topic {
            next.topic = v
                .check("topic", optional_line(t.as_deref(), TOPIC_MAX))
                .flatten();
        }
        let duration = self.ends_at - self.starts_at;
        if let Some(s) = &patch.starts_at
            && let Some(at) = v.check(
                "starts_at",
                parse_instant(s).and_then(|t| check_future(t, now)),
            )
        {
            next.starts_at = at;
        }
        let duration = match patch.duration_minutes {
            Some(m) => v
                .check("duration_minutes", check_duration(m))
                .unwrap_or(duration),
            None => duration,
        };
        next.ends_at = next.starts_at + duration;
        if let Some(z) = &patch.timezone
            && let Some(tz) = v.check("timezone", TimeZone::parse(z))
        {
            next.timezone = tz;
        }
        if let Some(c) = patch.capacity {
            next.capacity = match c {
                None if self.kind == Kind::Expert => {
                    v.fail("capacity", "is required for an expert webinar");
                    self.capacity
                }
                None => None,
                Some(c) => v.check("capacity", check_capacity(c)).or(self.capacity),
            };
        }
        if let Some(u) = &patch.join_url {
            next.join_url = match u.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                None => None,
                Some(u) => v.check("join_url", web_url(u)),
            };
        }
        next.policy = self
            .policy
            .changed(&patch.policy_change(), next.capacity, &mut v);
        v.finish()?;
        Ok(next)
    }

    /// A change registrants' calendars must learn about (SEQUENCE + 1).
    pub fn invite_changed(&self, other: &Self) -> bool {
        self.starts_at != other.starts_at
            || self.ends_at != other.ends_at
            || self.title != other.title
            || self.description != other.description
            || self.join_url != other.join_url
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_statuses_keep_their_stored_names() {
        for kind in [Kind::Regular, Kind::Expert] {
            assert_eq!(kind.as_str().parse::<Kind>(), Ok(kind));
            assert_eq!(kind.to_string(), kind.as_str());
        }
        assert_eq!(Status::Cancelled.as_str(), "cancelled");
        assert_eq!(
            "Expert".parse::<Kind>(),
            Err("unknown kind \"Expert\": use regular or expert".to_owned())
        );
        assert_eq!(
            "gone".parse::<Status>(),
            Err("unknown status \"gone\"".to_owned())
        );
    }

    fn request() -> WebinarRequest {
        WebinarRequest {
            kind: "expert".into(),
            title: "Onboarding clinic".into(),
            description: Some("Bring your questions".into()),
            topic: Some("onboarding".into()),
            starts_at: "2030-01-08T10:00:00+01:00".into(),
            duration_minutes: 60,
            timezone: "Europe/Berlin".into(),
            capacity: Some(5),
            join_url: Some("https://meet.example.com/x".into()),
            host_id: None,
            rrule: None,
            waitlist_mode: None,
            offer_hours: None,
            min_attendees: None,
            decision_hours: None,
            rollover: None,
            recording_url: None,
        }
    }

    #[test]
    fn an_expert_webinar_needs_a_capacity() {
        let now = Utc::now();
        assert!(NewWebinar::parse(&request(), now).is_ok());
        let mut r = request();
        r.capacity = None;
        let err = NewWebinar::parse(&r, now).expect_err("needs capacity");
        assert_eq!(err.0[0].field, "capacity");
    }

    #[test]
    fn past_times_and_silly_durations_are_refused() {
        let mut r = request();
        r.starts_at = "2001-01-01T00:00:00Z".into();
        r.duration_minutes = 0;
        let err = NewWebinar::parse(&r, Utc::now()).expect_err("invalid");
        let fields: Vec<_> = err.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["starts_at", "duration_minutes"]);
    }

    #[test]
    fn starts_beyond_the_horizon_are_refused() {
        let now = Utc::now();
        for far in ["9999-12-31T23:00:00Z", "2101-01-01T00:00:00Z"] {
            let mut r = request();
            r.starts_at = far.into();
            let err = NewWebinar::parse(&r, now).expect_err(far);
            assert_eq!(err.0[0].field, "starts_at");
        }
        let mut r = request();
        r.starts_at = "2100-12-31T10:00:00Z".into();
        assert!(NewWebinar::parse(&r, now).is_ok());
        let w = NewWebinar::parse(&request(), now).expect("valid");
        let state = state_of(w);
        let patch = WebinarPatch {
            starts_at: Some("9999-12-31T23:00:00Z".into()),
            ..WebinarPatch::default()
        };
        assert!(state.patched(&patch, now).is_err());
    }

    /// The stored state of a webinar as created from `w`.
    fn state_of(w: NewWebinar) -> WebinarState {
        WebinarState {
            kind: w.kind,
            title: w.title,
            description: w.description,
            topic: w.topic,
            starts_at: w.starts_at,
            ends_at: w.starts_at + w.duration,
            timezone: w.timezone,
            capacity: w.capacity,
            join_url: w.join_url,
            policy: w.policy,
        }
    }

    #[test]
    fn a_patch_keeps_the_duration_when_moving_the_start() {
        let now = Utc::now();
        let w = NewWebinar::parse(&request(), now).expect("valid");
        let state = state_of(w);
        let patch = WebinarPatch {
            starts_at: Some("2030-01-09T10:00:00+01:00".into()),
            ..WebinarPatch::default()
        };
        let next = state.patched(&patch, now).expect("valid");
        assert_eq!(next.ends_at - next.starts_at, Duration::minutes(60));
        assert!(state.invite_changed(&next));
        let clear_cap = WebinarPatch {
            capacity: Some(None),
            ..WebinarPatch::default()
        };
        assert!(
            state.patched(&clear_cap, now).is_err(),
            "expert keeps its cap"
        );
    }
}
