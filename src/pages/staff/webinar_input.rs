//! What the webinar form holds and how it reads: the typed fields, the
//! date and wall-clock time in a zone turned into the API's instant, the
//! series choice turned into an RRULE, and the API's field names mapped
//! back to the form's.

use chrono::{NaiveDate, NaiveTime, TimeZone as _};
use chrono_tz::Tz;
use serde::Deserialize;

use crate::db::utc;
use crate::db::webinars::Webinar;
use crate::domain::policy::{DECISION_HOURS_DEFAULT, OFFER_HOURS_DEFAULT};
use crate::domain::timezone::TimeZone;

/// What was typed (kept to show it again after a mistake).
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct WebinarForm {
    pub csrf: String,
    pub kind: String,
    pub title: String,
    pub description: String,
    pub topic: String,
    pub capacity: String,
    /// `YYYY-MM-DD`, in `timezone`.
    pub date: String,
    /// `HH:MM`, in `timezone`.
    pub time: String,
    /// Minutes.
    pub duration: String,
    pub timezone: String,
    pub join_url: String,
    /// `""` (once), `weekly`, `biweekly`, `monthly`.
    pub repeat: String,
    /// How many sessions a series has.
    pub count: String,
    /// The cancel button's confirmation box.
    pub confirm: Option<String>,
    /// `auto` or `offer`.
    pub waitlist_mode: String,
    pub offer_hours: String,
    /// Empty: no minimum.
    pub min_attendees: String,
    pub decision_hours: String,
    /// The box is ticked (a series' waiting list moves on).
    pub rollover: Option<String>,
    pub recording_url: String,
}

pub struct ZoneOption {
    pub name: &'static str,
    pub selected: bool,
}

/// Every named zone, for the zone list (no legacy or `Etc/` aliases).
pub fn zones(selected: &str) -> Vec<ZoneOption> {
    chrono_tz::TZ_VARIANTS
        .iter()
        .map(|z| z.name())
        .filter(|n| (n.contains('/') && !n.starts_with("Etc/")) || *n == "UTC")
        .map(|name| ZoneOption {
            name,
            selected: name == selected,
        })
        .collect()
}

/// The form's field for a field of the API's request.
pub fn form_field(api_field: &str) -> &'static str {
    match api_field.split('[').next().unwrap_or_default() {
        "kind" => "kind",
        "title" => "title",
        "description" => "description",
        "topic" => "topic",
        "starts_at" => "start",
        "duration_minutes" => "duration",
        "timezone" => "timezone",
        "capacity" => "capacity",
        "join_url" => "join_url",
        "rrule" => "repeat",
        "waitlist_mode" => "waitlist_mode",
        "offer_hours" => "offer_hours",
        "min_attendees" => "min_attendees",
        "decision_hours" => "decision_hours",
        "recording_url" => "recording_url",
        _ => "form",
    }
}

/// What the form says in the API's terms, or the fields it could not read.
pub struct Typed {
    pub starts_at: String,
    pub duration: i64,
    pub capacity: Option<i64>,
    pub timezone: String,
    pub offer_hours: i64,
    pub min_attendees: Option<i64>,
    pub decision_hours: i64,
}

/// A whole number the form requires, else the field goes on `bad`.
fn whole(raw: &str, field: &'static str, bad: &mut Vec<&'static str>) -> Option<i64> {
    let n = raw.trim().parse::<i64>().ok();
    if n.is_none() {
        bad.push(field);
    }
    n
}

pub fn read_typed(form: &WebinarForm) -> Result<Typed, Vec<&'static str>> {
    let mut bad = Vec::new();
    let zone: Option<Tz> = TimeZone::parse(&form.timezone).ok().map(|z| z.0);
    if zone.is_none() {
        bad.push("timezone");
    }
    let date = NaiveDate::parse_from_str(form.date.trim(), "%Y-%m-%d").ok();
    let time = NaiveTime::parse_from_str(form.time.trim(), "%H:%M").ok();
    let starts_at = match (date, time, zone) {
        (Some(d), Some(t), Some(z)) => match z.from_local_datetime(&d.and_time(t)).earliest() {
            Some(at) => Some(crate::domain::time::format(at.with_timezone(&chrono::Utc))),
            // A time the clocks skip (the spring change) does not exist.
            None => {
                bad.push("start-gap");
                None
            }
        },
        (_, _, None) => None,
        _ => {
            bad.push("start");
            None
        }
    };
    let duration = form.duration.trim().parse::<i64>().ok();
    if duration.is_none() {
        bad.push("duration");
    }
    let capacity = match form.capacity.trim() {
        "" => Some(None),
        raw => match raw.parse::<i64>() {
            Ok(c) => Some(Some(c)),
            Err(_) => {
                bad.push("capacity");
                None
            }
        },
    };
    // Left empty: the defaults the form shows.
    let offer_hours = match form.offer_hours.trim() {
        "" => Some(i64::from(OFFER_HOURS_DEFAULT)),
        raw => whole(raw, "offer_hours", &mut bad),
    };
    let decision_hours = match form.decision_hours.trim() {
        "" => Some(i64::from(DECISION_HOURS_DEFAULT)),
        raw => whole(raw, "decision_hours", &mut bad),
    };
    let min_attendees = match form.min_attendees.trim() {
        "" => Some(None),
        raw => whole(raw, "min_attendees", &mut bad).map(Some),
    };
    match (
        starts_at,
        duration,
        capacity,
        offer_hours,
        min_attendees,
        decision_hours,
    ) {
        (
            Some(starts_at),
            Some(duration),
            Some(capacity),
            Some(offer_hours),
            Some(min_attendees),
            Some(decision_hours),
        ) if bad.is_empty() => Ok(Typed {
            starts_at,
            duration,
            capacity,
            timezone: form.timezone.trim().to_owned(),
            offer_hours,
            min_attendees,
            decision_hours,
        }),
        _ => Err(bad),
    }
}

/// The series rule for the form's repeat choice.
pub fn rrule(form: &WebinarForm) -> Result<Option<String>, &'static str> {
    let freq = match form.repeat.as_str() {
        "" | "once" => return Ok(None),
        "weekly" => "FREQ=WEEKLY",
        "biweekly" => "FREQ=WEEKLY;INTERVAL=2",
        "monthly" => "FREQ=MONTHLY",
        _ => return Err("repeat"),
    };
    match form.count.trim().parse::<u32>() {
        Ok(n) if (2..=104).contains(&n) => Ok(Some(format!("{freq};COUNT={n}"))),
        _ => Err("count"),
    }
}

pub fn optional(raw: &str) -> Option<String> {
    let t = raw.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// The form filled with the webinar as it is, its times in its own zone.
pub fn filled(w: &Webinar) -> WebinarForm {
    let row = &w.row;
    let zone = TimeZone::parse(&row.timezone)
        .map(|z| z.0)
        .unwrap_or(chrono_tz::UTC);
    let start = utc(row.starts_at).with_timezone(&zone);
    WebinarForm {
        kind: row.kind.clone(),
        title: row.title.clone(),
        description: row.description.clone(),
        topic: row.topic.clone().unwrap_or_default(),
        capacity: row.capacity.map(|c| c.to_string()).unwrap_or_default(),
        date: start.format("%Y-%m-%d").to_string(),
        time: start.format("%H:%M").to_string(),
        duration: (row.ends_at - row.starts_at).num_minutes().to_string(),
        timezone: zone.name().to_owned(),
        join_url: row.join_url.clone().unwrap_or_default(),
        waitlist_mode: row.waitlist_mode.clone(),
        offer_hours: row.offer_hours.to_string(),
        min_attendees: row.min_attendees.map(|n| n.to_string()).unwrap_or_default(),
        decision_hours: row.decision_hours.to_string(),
        rollover: row.rollover.then(|| "yes".to_owned()),
        recording_url: row.recording_url.clone().unwrap_or_default(),
        ..WebinarForm::default()
    }
}
