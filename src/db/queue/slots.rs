//! Free hours: each CSM's windows minus their webinars and appointments, the
//! CSM booking lock, and the weekly load the allocator balances.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::prelude::*;

use crate::db::AnyConnection;
use crate::db::DbError;
use crate::db::availability;
use crate::db::schema::{appointments, users, webinars};
use crate::domain::allocator::{Load, week_of};
use crate::domain::availability::{SLOT, without_busy};
use crate::domain::queue::AppointmentStatus;
use crate::domain::webinar::Status as WebinarStatus;

/// Takes a CSM's booking lock (their `users` row) until the transaction ends.
pub fn lock_host(conn: &mut AnyConnection, host_id: &str) -> Result<(), DbError> {
    diesel::update(users::table.filter(users::id.eq(host_id)))
        .set(users::updated_at.eq(users::updated_at))
        .execute(conn)?;
    Ok(())
}

/// Whether the CSM has a webinar or an appointment overlapping `[start, end)`.
/// An appointment marked held or no-show before its hour still takes it, as
/// the unique index on (host_id, starts_at) does.
pub fn host_busy(
    conn: &mut AnyConnection,
    host_id: &str,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    except_webinar: Option<&str>,
) -> Result<bool, DbError> {
    let (s, e) = (start.naive_utc(), end.naive_utc());
    let webinar: Option<String> = webinars::table
        .filter(webinars::host_id.eq(host_id))
        .filter(webinars::status.eq(WebinarStatus::Scheduled.as_str()))
        .filter(webinars::starts_at.lt(e))
        .filter(webinars::ends_at.gt(s))
        .filter(webinars::id.ne(except_webinar.unwrap_or("")))
        .select(webinars::id)
        .first(conn)
        .optional()?;
    if webinar.is_some() || appointment_overlaps(conn, host_id, start, end)? {
        return Ok(true);
    }
    // The CSM's own busy calendar (the last good copy of their ICS feed).
    Ok(
        crate::db::busy_calendar::busy_for(conn, host_id, start, end)?
            .iter()
            .any(|b| b.start < end && b.end > start),
    )
}

pub fn appointment_overlaps(
    conn: &mut AnyConnection,
    host_id: &str,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<bool, DbError> {
    let hit: Option<String> = appointments::table
        .filter(appointments::host_id.eq(host_id))
        .filter(appointments::status.ne(AppointmentStatus::Cancelled.as_str()))
        .filter(appointments::starts_at.lt(end.naive_utc()))
        .filter(appointments::ends_at.gt(start.naive_utc()))
        .select(appointments::id)
        .first(conn)
        .optional()?;
    Ok(hit.is_some())
}

/// A CSM's free slots in a range.
#[derive(Debug, Clone)]
pub struct HostFree {
    pub host_id: String,
    pub host_name: String,
    pub host_email: String,
    pub timezone: chrono_tz::Tz,
    pub starts: Vec<DateTime<Utc>>,
}

type Busy = HashMap<String, Vec<(DateTime<Utc>, DateTime<Utc>)>>;

fn busy_between(
    conn: &mut AnyConnection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Busy, DbError> {
    let (f, t) = (from.naive_utc(), to.naive_utc());
    let mut busy: Busy = HashMap::new();
    let w: Vec<(String, NaiveDateTime, NaiveDateTime)> = webinars::table
        .filter(webinars::status.eq(WebinarStatus::Scheduled.as_str()))
        .filter(webinars::starts_at.lt(t))
        .filter(webinars::ends_at.gt(f))
        .select((webinars::host_id, webinars::starts_at, webinars::ends_at))
        .load(conn)?;
    let a: Vec<(String, NaiveDateTime, NaiveDateTime)> = appointments::table
        .filter(appointments::status.ne(AppointmentStatus::Cancelled.as_str()))
        .filter(appointments::starts_at.lt(t))
        .filter(appointments::ends_at.gt(f))
        .select((
            appointments::host_id,
            appointments::starts_at,
            appointments::ends_at,
        ))
        .load(conn)?;
    for (host, s, e) in w.into_iter().chain(a) {
        busy.entry(host)
            .or_default()
            .push((s.and_utc(), e.and_utc()));
    }
    // Busy times of each CSM's own calendar feed are never free.
    for (host, spans) in crate::db::busy_calendar::busy_all(conn, from, to)? {
        busy.entry(host)
            .or_default()
            .extend(spans.into_iter().map(|b| (b.start, b.end)));
    }
    for spans in busy.values_mut() {
        spans.sort();
    }
    Ok(busy)
}

/// Every CSM's free one-hour slots starting in `[from, to)`: their windows
/// minus their webinars, appointments and the busy times of their calendar.
pub fn free_slots(
    conn: &mut AnyConnection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<HostFree>, DbError> {
    let hosts = availability::all_with_names(conn)?;
    if hosts.is_empty() || to <= from {
        return Ok(Vec::new());
    }
    let busy = busy_between(conn, from, to + SLOT)?;
    let mut out = Vec::with_capacity(hosts.len());
    for (row, host_name, host_email) in hosts {
        let avail = row.parse()?;
        let spans = busy.get(&row.user_id).map(Vec::as_slice).unwrap_or(&[]);
        let starts = without_busy(avail.slots(from, to), spans);
        out.push(HostFree {
            host_id: row.user_id,
            host_name,
            host_email,
            timezone: avail.timezone.0,
            starts,
        });
    }
    Ok(out)
}

/// Live appointments per CSM and ISO week around a range.
pub(super) fn week_load(
    conn: &mut AnyConnection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Load, DbError> {
    let rows: Vec<(String, NaiveDateTime)> = appointments::table
        .filter(appointments::status.ne(AppointmentStatus::Cancelled.as_str()))
        .filter(appointments::starts_at.ge((from - Duration::days(7)).naive_utc()))
        .filter(appointments::starts_at.lt((to + Duration::days(7)).naive_utc()))
        .select((appointments::host_id, appointments::starts_at))
        .load(conn)?;
    let mut load = Load::new();
    for (host, at) in rows {
        *load.entry((host, week_of(at.and_utc()))).or_default() += 1;
    }
    Ok(load)
}
