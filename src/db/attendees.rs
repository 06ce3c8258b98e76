//! Attendee lists and figures for marketing: registrations joined with
//! their webinars, filtered, in a stable order (registration id), read a
//! batch at a time so an export of any size keeps memory flat.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::AnyConnection;
use super::registrations::RegistrationRow;
use super::schema::{registrations, webinars};
use crate::db::DbError;
use crate::domain::registration::RegistrationStatus;
use crate::domain::webinar::Kind;

#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct AttendeeFilter {
    #[serde(with = "crate::domain::time::option")]
    pub from: Option<DateTime<Utc>>,
    #[serde(with = "crate::domain::time::option")]
    pub to: Option<DateTime<Utc>>,
    pub kind: Option<Kind>,
    pub topic: Option<String>,
    pub status: Option<RegistrationStatus>,
    pub attended: Option<bool>,
    /// Only people who agreed to marketing (the default).
    pub consent_only: bool,
}

/// One exported line: a registration and what it was for.
#[derive(Debug, Clone)]
pub struct Attendee {
    pub reg: RegistrationRow,
    pub webinar_title: String,
    pub kind: String,
    pub topic: Option<String>,
    pub starts_at: NaiveDateTime,
}

type Row = (
    RegistrationRow,
    (String, String, Option<String>, NaiveDateTime),
);

/// Up to `limit` attendees after the registration id `after`.
pub fn page(
    conn: &mut AnyConnection,
    filter: &AttendeeFilter,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<Attendee>, DbError> {
    let mut query = registrations::table
        .inner_join(webinars::table)
        .filter(registrations::erased_at.is_null())
        .select((
            registrations::all_columns,
            (
                webinars::title,
                webinars::kind,
                webinars::topic,
                webinars::starts_at,
            ),
        ))
        .order(registrations::id.asc())
        .limit(limit)
        .into_boxed();
    if let Some(from) = filter.from {
        query = query.filter(webinars::starts_at.ge(from.naive_utc()));
    }
    if let Some(to) = filter.to {
        query = query.filter(webinars::starts_at.lt(to.naive_utc()));
    }
    if let Some(kind) = filter.kind {
        query = query.filter(webinars::kind.eq(kind.as_str()));
    }
    if let Some(topic) = &filter.topic {
        query = query.filter(webinars::topic.eq(topic.clone()));
    }
    if let Some(status) = filter.status {
        query = query.filter(registrations::status.eq(status.as_str()));
    }
    if let Some(attended) = filter.attended {
        query = query.filter(registrations::attended.eq(attended));
    }
    if filter.consent_only {
        query = query.filter(registrations::marketing_consent.eq(true));
    }
    if let Some(after) = after {
        query = query.filter(registrations::id.gt(after.to_owned()));
    }
    let rows: Vec<Row> = query.load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(reg, (webinar_title, kind, topic, starts_at))| Attendee {
            reg,
            webinar_title,
            kind,
            topic,
            starts_at,
        })
        .collect())
}

/// Registration figures of one webinar.
#[derive(Debug, Clone, Default)]
pub struct Figures {
    pub registered: i64,
    pub confirmed: i64,
    pub waitlisted: i64,
    pub cancelled: i64,
    pub attended: i64,
    /// Ratings given from the follow-up mail, and the sum of their scores.
    pub ratings: i64,
    pub rating_sum: i64,
}

impl Figures {
    /// The mean score (1–5); `None` before the first rating.
    pub fn rating_avg(&self) -> Option<f64> {
        (self.ratings > 0).then(|| self.rating_sum as f64 / self.ratings as f64)
    }

    pub fn add(&mut self, other: &Self) {
        self.ratings += other.ratings;
        self.rating_sum += other.rating_sum;
        self.registered += other.registered;
        self.confirmed += other.confirmed;
        self.waitlisted += other.waitlisted;
        self.cancelled += other.cancelled;
        self.attended += other.attended;
    }

    /// Attended per confirmed seat; `None` with no confirmed seat.
    pub fn attendance_rate(&self) -> Option<f64> {
        (self.confirmed > 0).then(|| self.attended as f64 / self.confirmed as f64)
    }
}

/// Webinars starting in the range, each with its figures (erased people
/// still count: their rows keep status and attendance).
pub fn webinar_figures(
    conn: &mut AnyConnection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<(super::webinars::WebinarRow, Figures)>, DbError> {
    let list: Vec<super::webinars::WebinarRow> = webinars::table
        .filter(webinars::starts_at.ge(from.naive_utc()))
        .filter(webinars::starts_at.lt(to.naive_utc()))
        .order((webinars::starts_at.asc(), webinars::id.asc()))
        .limit(10_000)
        .load(conn)?;
    if list.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<String> = list.iter().map(|w| w.id.clone()).collect();
    let by_status: Vec<(String, String, i64)> = registrations::table
        .filter(registrations::webinar_id.eq_any(&ids))
        .group_by((registrations::webinar_id, registrations::status))
        .select((
            registrations::webinar_id,
            registrations::status,
            diesel::dsl::count_star(),
        ))
        .load(conn)?;
    let attended: Vec<(String, i64)> = registrations::table
        .filter(registrations::webinar_id.eq_any(&ids))
        .filter(registrations::attended.eq(true))
        .group_by(registrations::webinar_id)
        .select((registrations::webinar_id, diesel::dsl::count_star()))
        .load(conn)?;
    let rated: Vec<(String, i64, Option<i64>)> = registrations::table
        .filter(registrations::webinar_id.eq_any(&ids))
        .filter(registrations::rating.is_not_null())
        .group_by(registrations::webinar_id)
        .select((
            registrations::webinar_id,
            diesel::dsl::count_star(),
            diesel::dsl::sum(registrations::rating),
        ))
        .load(conn)?;
    let mut figures: HashMap<String, Figures> = HashMap::new();
    for (id, n, sum) in rated {
        let f = figures.entry(id).or_default();
        f.ratings = n;
        f.rating_sum = sum.unwrap_or_default();
    }
    for (id, status, n) in by_status {
        let f = figures.entry(id).or_default();
        f.registered += n;
        match status.as_str() {
            "confirmed" => f.confirmed += n,
            // A held seat's holder is still from the waiting list.
            "waitlisted" | "offered" => f.waitlisted += n,
            _ => f.cancelled += n,
        }
    }
    for (id, n) in attended {
        figures.entry(id).or_default().attended += n;
    }
    Ok(list
        .into_iter()
        .map(|w| {
            let f = figures.remove(&w.id).unwrap_or_default();
            (w, f)
        })
        .collect())
}
