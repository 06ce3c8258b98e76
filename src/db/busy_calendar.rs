//! A CSM's busy calendar in: the ICS feed URL they gave, the last good copy
//! of it, and how the last fetch went. Fetching is the worker's job; this
//! layer only stores and reads, and turns the stored copy into busy UTC
//! intervals with [`crate::domain::busy`].

use std::collections::HashMap;

use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;
use diesel::prelude::*;

use super::AnyConnection;
use super::schema::{availability, busy_calendars};
use crate::db::DbError;
use crate::domain::busy::{Busy, busy_times};

#[derive(Debug, Clone, Queryable)]
pub struct BusyCalendarRow {
    pub user_id: String,
    pub url: String,
    pub body: Option<String>,
    pub last_success_at: Option<NaiveDateTime>,
    pub last_error: Option<String>,
    pub last_attempt_at: Option<NaiveDateTime>,
    pub next_fetch_at: NaiveDateTime,
}

/// Sets (or replaces) `user_id`'s feed URL, due for a fetch at `now`. A new
/// URL drops the copy of the old one: it is someone else's calendar.
pub fn set(
    conn: &mut AnyConnection,
    user_id: &str,
    url: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    conn.transaction(|conn| {
        let old: Option<String> = busy_calendars::table
            .find(user_id)
            .select(busy_calendars::url)
            .first(conn)
            .optional()?;
        if old.as_deref() == Some(url) {
            diesel::update(busy_calendars::table.find(user_id))
                .set(busy_calendars::next_fetch_at.eq(now.naive_utc()))
                .execute(conn)?;
            return Ok(());
        }
        diesel::delete(busy_calendars::table.find(user_id)).execute(conn)?;
        diesel::insert_into(busy_calendars::table)
            .values((
                busy_calendars::user_id.eq(user_id),
                busy_calendars::url.eq(url),
                busy_calendars::next_fetch_at.eq(now.naive_utc()),
            ))
            .execute(conn)?;
        Ok(())
    })
}

pub fn get(conn: &mut AnyConnection, user_id: &str) -> Result<Option<BusyCalendarRow>, DbError> {
    Ok(busy_calendars::table.find(user_id).first(conn).optional()?)
}

/// Feeds whose next fetch is due at `now`, oldest first, at most `limit`.
pub fn due(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<(String, String)>, DbError> {
    Ok(busy_calendars::table
        .filter(busy_calendars::next_fetch_at.le(now.naive_utc()))
        .order((
            busy_calendars::next_fetch_at.asc(),
            busy_calendars::user_id.asc(),
        ))
        .select((busy_calendars::user_id, busy_calendars::url))
        .limit(limit)
        .load(conn)?)
}

/// Stores how a fetch of `url` went: a success replaces the copy and clears
/// the error; a failure keeps the last good copy and records the error.
/// Nothing is stored when the URL changed meanwhile.
pub fn store_fetch(
    conn: &mut AnyConnection,
    user_id: &str,
    url: &str,
    result: Result<String, String>,
    now: DateTime<Utc>,
    next: DateTime<Utc>,
) -> Result<(), DbError> {
    let row = busy_calendars::table
        .find(user_id)
        .filter(busy_calendars::url.eq(url));
    let at = now.naive_utc();
    match result {
        Ok(body) => diesel::update(row)
            .set((
                busy_calendars::body.eq(Some(body)),
                busy_calendars::last_success_at.eq(Some(at)),
                busy_calendars::last_error.eq(None::<String>),
                busy_calendars::last_attempt_at.eq(Some(at)),
                busy_calendars::next_fetch_at.eq(next.naive_utc()),
            ))
            .execute(conn)?,
        Err(error) => diesel::update(row)
            .set((
                busy_calendars::last_error.eq(Some(error)),
                busy_calendars::last_attempt_at.eq(Some(at)),
                busy_calendars::next_fetch_at.eq(next.naive_utc()),
            ))
            .execute(conn)?,
    };
    Ok(())
}

fn floating_zone(tz: Option<String>) -> Tz {
    tz.and_then(|t| t.parse().ok()).unwrap_or(Tz::UTC)
}

/// `user_id`'s busy intervals within `[from, to)` from the last good copy;
/// floating times are read in the CSM's availability zone (else UTC).
pub fn busy_for(
    conn: &mut AnyConnection,
    user_id: &str,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Busy>, DbError> {
    let found: Option<(Option<String>, Option<String>)> = busy_calendars::table
        .left_join(availability::table.on(availability::user_id.eq(busy_calendars::user_id)))
        .filter(busy_calendars::user_id.eq(user_id))
        .select((busy_calendars::body, availability::timezone.nullable()))
        .first(conn)
        .optional()?;
    Ok(match found {
        Some((Some(body), tz)) => busy_times(&body, floating_zone(tz), from, to),
        _ => Vec::new(),
    })
}

/// Every CSM's busy intervals within `[from, to)`, by user id.
pub fn busy_all(
    conn: &mut AnyConnection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<HashMap<String, Vec<Busy>>, DbError> {
    let rows: Vec<(String, Option<String>, Option<String>)> = busy_calendars::table
        .left_join(availability::table.on(availability::user_id.eq(busy_calendars::user_id)))
        .filter(busy_calendars::body.is_not_null())
        .select((
            busy_calendars::user_id,
            busy_calendars::body,
            availability::timezone.nullable(),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(user, body, tz)| {
            let body = body?;
            Some((user, busy_times(&body, floating_zone(tz), from, to)))
        })
        .collect())
}
