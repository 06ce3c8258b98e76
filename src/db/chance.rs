//! What the seat chance learns from: past sessions' seat-holders and how
//! many of them cancelled, from the same series, else the same topic, else
//! all sessions, whichever first has enough history.

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use super::AnyConnection;
use super::registrations::RegistrationRow;
use super::schema::{registrations, webinars};
use super::webinars::WebinarRow;
use crate::db::DbError;
use crate::domain::chance::{History, seat_chance};
use crate::domain::registration::RegistrationStatus;
use crate::domain::webinar::Status;

/// Which past sessions count.
enum Scope<'a> {
    Series(&'a str),
    Topic(&'a str),
    All,
}

fn history(
    conn: &mut AnyConnection,
    scope: &Scope,
    now: DateTime<Utc>,
) -> Result<History, DbError> {
    let base = || {
        let query = registrations::table
            .inner_join(webinars::table)
            .filter(webinars::starts_at.lt(now.naive_utc()))
            .filter(webinars::status.eq(Status::Scheduled.as_str()))
            .filter(registrations::seated.eq(true))
            .into_boxed();
        match scope {
            Scope::Series(id) => query.filter(webinars::series_id.eq(id.to_string())),
            Scope::Topic(t) => query.filter(webinars::topic.eq(t.to_string())),
            Scope::All => query,
        }
    };
    let seated: i64 = base().count().get_result(conn)?;
    let cancelled: i64 = base()
        .filter(registrations::status.eq(RegistrationStatus::Cancelled.as_str()))
        .count()
        .get_result(conn)?;
    Ok(History { seated, cancelled })
}

/// The cancellation rate to estimate `webinar`'s chances with; `None` when
/// even all past sessions hold too little history.
pub fn cancel_rate(
    conn: &mut AnyConnection,
    webinar: &WebinarRow,
    now: DateTime<Utc>,
) -> Result<Option<f64>, DbError> {
    let mut scopes = Vec::with_capacity(3);
    if let Some(series) = &webinar.series_id {
        scopes.push(Scope::Series(series));
    }
    if let Some(topic) = &webinar.topic {
        scopes.push(Scope::Topic(topic));
    }
    scopes.push(Scope::All);
    for scope in &scopes {
        if let Some(rate) = history(conn, scope, now)?.cancel_rate() {
            return Ok(Some(rate));
        }
    }
    Ok(None)
}

/// The chance shown with a waiting registration at `position`.
pub fn chance_of(
    rate: Option<f64>,
    webinar: &WebinarRow,
    reg: &RegistrationRow,
    position: Option<i64>,
) -> Option<f64> {
    let (rate, position) = (rate?, position?);
    (reg.status == RegistrationStatus::Waitlisted.as_str())
        .then(|| seat_chance(rate, i64::from(webinar.seats_taken), position))
}
