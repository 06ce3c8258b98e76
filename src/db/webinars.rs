//! Webinar queries. The webinar row is also the lock that guards its seats:
//! [`lock`] (or, for a registration, [`arrive`],
//! which lock and count in one statement) is the first statement of every
//! transaction that changes who has a seat.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::dsl::case_when;
use diesel::prelude::*;
use diesel::sql_types::Integer;

use super::schema::{users, webinars};
use super::{AnyConnection, utc};
use crate::db::DbError;
use crate::domain::mail::{NextSession, SessionInfo, SessionKind};
use crate::domain::policy::{Policy, WaitlistMode};
use crate::domain::registration::Seat;
use crate::domain::timezone::TimeZone;
use crate::domain::webinar::{Kind, Status, WebinarState};

#[derive(Debug, Clone, Queryable)]
pub struct WebinarRow {
    pub id: String,
    pub series_id: Option<String>,
    pub kind: String,
    pub title: String,
    pub description: String,
    pub topic: Option<String>,
    pub host_id: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub timezone: String,
    pub capacity: Option<i32>,
    pub seats_taken: i32,
    pub waitlist_length: i32,
    pub join_url: Option<String>,
    pub status: String,
    pub sequence: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// Registrations so far: the next one's `arrival` is this plus one.
    pub arrivals: i32,
    pub waitlist_mode: String,
    pub offer_hours: i32,
    pub min_attendees: Option<i32>,
    pub decision_hours: i32,
    pub rollover: bool,
    pub recording_url: Option<String>,
    /// Why it was cancelled, when not by its host (`too_few_registrations`).
    pub cancel_reason: Option<String>,
    /// When the host was warned of too few registrations.
    pub warned_at: Option<NaiveDateTime>,
    /// When the minimum was decided.
    pub decided_at: Option<NaiveDateTime>,
    /// When its waiting list moved to the next occurrence.
    pub rolled_over_at: Option<NaiveDateTime>,
    /// When its follow-up mails were queued.
    pub followed_up_at: Option<NaiveDateTime>,
}

/// A webinar with its host's name and address.
#[derive(Debug, Clone)]
pub struct Webinar {
    pub row: WebinarRow,
    pub host_name: String,
    pub host_email: String,
}

impl Webinar {
    pub fn kind(&self) -> Result<Kind, DbError> {
        self.row.kind.parse().map_err(DbError::corrupt)
    }

    pub fn status(&self) -> Result<Status, DbError> {
        self.row.status.parse().map_err(DbError::corrupt)
    }

    /// Registration is open until the session starts, unless cancelled.
    pub fn is_open(&self, now: DateTime<Utc>) -> bool {
        self.row.status == Status::Scheduled.as_str() && utc(self.row.starts_at) > now
    }

    pub fn session(&self) -> SessionInfo {
        SessionInfo {
            kind: SessionKind::Webinar,
            id: self.row.id.clone(),
            title: self.row.title.clone(),
            description: self.row.description.clone(),
            starts_at: utc(self.row.starts_at),
            ends_at: utc(self.row.ends_at),
            join_url: self.row.join_url.clone(),
            sequence: self.row.sequence,
            host_name: self.host_name.clone(),
            host_email: self.host_email.clone(),
            topic: self.row.topic.clone().unwrap_or_default(),
            situation: String::new(),
            customer: String::new(),
            company: None,
            min_attendees: self.row.min_attendees,
            next: None,
            recording_url: self.row.recording_url.clone(),
            offers_seats: self.row.waitlist_mode == WaitlistMode::Offer.as_str(),
        }
    }

    pub fn policy(&self) -> Result<Policy, DbError> {
        Ok(Policy {
            waitlist_mode: self.row.waitlist_mode.parse().map_err(DbError::corrupt)?,
            offer_hours: self.row.offer_hours,
            min_attendees: self.row.min_attendees,
            decision_hours: self.row.decision_hours,
            rollover: self.row.rollover,
            recording_url: self.row.recording_url.clone(),
        })
    }

    pub fn state(&self) -> Result<WebinarState, DbError> {
        Ok(WebinarState {
            kind: self.kind()?,
            title: self.row.title.clone(),
            description: self.row.description.clone(),
            topic: self.row.topic.clone(),
            starts_at: utc(self.row.starts_at),
            ends_at: utc(self.row.ends_at),
            timezone: TimeZone::parse(&self.row.timezone).map_err(DbError::corrupt)?,
            capacity: self.row.capacity,
            join_url: self.row.join_url.clone(),
            policy: self.policy()?,
        })
    }
}

#[derive(Insertable)]
#[diesel(table_name = webinars)]
pub struct NewWebinarRow {
    pub id: String,
    pub series_id: Option<String>,
    pub kind: String,
    pub title: String,
    pub description: String,
    pub topic: Option<String>,
    pub host_id: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub timezone: String,
    pub capacity: Option<i32>,
    pub join_url: Option<String>,
    pub status: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub waitlist_mode: String,
    pub offer_hours: i32,
    pub min_attendees: Option<i32>,
    pub decision_hours: i32,
    pub rollover: bool,
    pub recording_url: Option<String>,
}

/// 409 `host_busy` when the CSM has a queue appointment then.
fn check_host_free(
    conn: &mut AnyConnection,
    host_id: &str,
    starts_at: NaiveDateTime,
    ends_at: NaiveDateTime,
) -> Result<(), DbError> {
    if super::queue::appointment_overlaps(conn, host_id, utc(starts_at), utc(ends_at))? {
        return Err(DbError::conflict(
            "host_busy",
            format!(
                "the host has a customer appointment overlapping {}",
                crate::domain::time::format(utc(starts_at))
            ),
        ));
    }
    Ok(())
}

/// Stores one webinar or a whole series in one transaction.
pub fn insert_all(
    conn: &mut AnyConnection,
    rows: &[NewWebinarRow],
) -> Result<Vec<Webinar>, DbError> {
    super::write_transaction(conn, |conn| {
        if let Some(first) = rows.first() {
            super::queue::lock_host(conn, &first.host_id)?;
        }
        for row in rows {
            check_host_free(conn, &row.host_id, row.starts_at, row.ends_at)?;
            diesel::insert_into(webinars::table)
                .values(row)
                .execute(conn)?;
        }
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            out.push(find(conn, &row.id)?.ok_or(DbError::NotFound("webinar vanished"))?);
        }
        Ok(out)
    })
}

type WithHost = (WebinarRow, (String, String));

fn with_host(rows: Vec<WithHost>) -> Vec<Webinar> {
    rows.into_iter()
        .map(|(row, (host_name, host_email))| Webinar {
            row,
            host_name,
            host_email,
        })
        .collect()
}

pub fn find(conn: &mut AnyConnection, id: &str) -> Result<Option<Webinar>, DbError> {
    let row: Option<WithHost> = webinars::table
        .inner_join(users::table)
        .filter(webinars::id.eq(id))
        .select((webinars::all_columns, (users::name, users::email)))
        .first(conn)
        .optional()?;
    Ok(row.and_then(|r| with_host(vec![r]).pop()))
}

/// Takes the webinar's row lock (a no-op write: PostgreSQL locks the row;
/// on SQLite the write transaction already holds the database's write lock
/// from `BEGIN IMMEDIATE`) and reads the row under it. Held until the
/// transaction ends: seat counts and `arrivals` read after this cannot
/// change under us.
pub fn lock(conn: &mut AnyConnection, id: &str) -> Result<Option<Webinar>, DbError> {
    let touched = diesel::update(webinars::table.filter(webinars::id.eq(id)))
        .set(webinars::sequence.eq(webinars::sequence))
        .execute(conn)?;
    if touched == 0 {
        return Ok(None);
    }
    find(conn, id)
}

/// Stores the seat counters and the arrival count, as changed under the lock.
pub fn save_counters(
    conn: &mut AnyConnection,
    w: &Webinar,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    diesel::update(webinars::table.filter(webinars::id.eq(&w.row.id)))
        .set((
            webinars::seats_taken.eq(w.row.seats_taken),
            webinars::waitlist_length.eq(w.row.waitlist_length),
            webinars::arrivals.eq(w.row.arrivals),
            webinars::updated_at.eq(now.naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// The seat decision of a registration, as ONE statement: takes a seat if
/// one is free (or the webinar is uncapped), else one more place at the end
/// of the waiting list, and the next arrival number either way; returns the
/// row as changed and which it was. Every right-hand side of the SET reads
/// the row before the change, so the two counters can never both move. The
/// UPDATE takes the row lock and, on PostgreSQL, re-evaluates on the latest
/// committed row once it has it, so two registrations never take the last
/// seat both. `None` when the webinar does not exist.
pub fn arrive(conn: &mut AnyConnection, id: &str) -> Result<Option<(WebinarRow, Seat)>, DbError> {
    // A seat is free on the row as it stands (uncapped: always).
    let free = webinars::capacity
        .is_null()
        .or(webinars::seats_taken.lt(webinars::capacity.assume_not_null()));
    let row: Option<WebinarRow> = diesel::update(webinars::table.filter(webinars::id.eq(id)))
        .set((
            webinars::seats_taken.eq(webinars::seats_taken
                + case_when(free, 1.into_sql::<Integer>()).otherwise(0.into_sql::<Integer>())),
            webinars::waitlist_length.eq(webinars::waitlist_length
                + case_when(free, 0.into_sql::<Integer>()).otherwise(1.into_sql::<Integer>())),
            webinars::arrivals.eq(webinars::arrivals + 1),
        ))
        .returning(webinars::all_columns)
        .get_result(conn)
        .optional()?;
    Ok(row.map(|row| {
        let seat = placed(row.capacity, row.seats_taken, row.waitlist_length);
        (row, seat)
    }))
}

/// Reads back from the changed row what [`arrive`] did (RETURNING sees the
/// new values only). Below capacity it was a seat; above it cannot be; at
/// capacity it was the last seat exactly when nobody waits, since people
/// wait only while every seat is taken (a freed seat goes to the first of
/// them in the same transaction).
fn placed(capacity: Option<i32>, seats_taken: i32, waitlist_length: i32) -> Seat {
    match capacity {
        None => Seat::Confirmed,
        Some(cap) if seats_taken < cap => Seat::Confirmed,
        Some(cap) if seats_taken == cap && waitlist_length == 0 => Seat::Confirmed,
        Some(_) => Seat::Waitlisted,
    }
}

/// Gives back what [`arrive`] took, in the same
/// transaction (the address turned out to be registered already): the row
/// lock is still held, so no one drew an arrival number in between.
pub fn give_back(conn: &mut AnyConnection, id: &str, seat: Seat) -> Result<(), DbError> {
    let target = webinars::table.filter(webinars::id.eq(id));
    let arrivals = webinars::arrivals.eq(webinars::arrivals - 1);
    match seat {
        Seat::Confirmed => diesel::update(target)
            .set((
                webinars::seats_taken.eq(webinars::seats_taken - 1),
                arrivals,
            ))
            .execute(conn)?,
        Seat::Waitlisted => diesel::update(target)
            .set((
                webinars::waitlist_length.eq(webinars::waitlist_length - 1),
                arrivals,
            ))
            .execute(conn)?,
    };
    Ok(())
}

/// Writes an edited state; `sequence` as decided by the caller. A new time
/// is checked against the host's appointments under the host's lock.
pub fn save_state(
    conn: &mut AnyConnection,
    id: &str,
    host_id: &str,
    state: &WebinarState,
    sequence: i32,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    super::queue::lock_host(conn, host_id)?;
    check_host_free(
        conn,
        host_id,
        state.starts_at.naive_utc(),
        state.ends_at.naive_utc(),
    )?;
    diesel::update(webinars::table.filter(webinars::id.eq(id)))
        .set((
            webinars::title.eq(&state.title),
            webinars::description.eq(&state.description),
            webinars::topic.eq(state.topic.as_deref()),
            webinars::starts_at.eq(state.starts_at.naive_utc()),
            webinars::ends_at.eq(state.ends_at.naive_utc()),
            webinars::timezone.eq(state.timezone.name()),
            webinars::capacity.eq(state.capacity),
            webinars::join_url.eq(state.join_url.as_deref()),
            webinars::waitlist_mode.eq(state.policy.waitlist_mode.as_str()),
            webinars::offer_hours.eq(state.policy.offer_hours),
            webinars::min_attendees.eq(state.policy.min_attendees),
            webinars::decision_hours.eq(state.policy.decision_hours),
            webinars::rollover.eq(state.policy.rollover),
            webinars::recording_url.eq(state.policy.recording_url.as_deref()),
            webinars::sequence.eq(sequence),
            webinars::updated_at.eq(now.naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn mark_cancelled(
    conn: &mut AnyConnection,
    id: &str,
    sequence: i32,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    diesel::update(webinars::table.filter(webinars::id.eq(id)))
        .set((
            webinars::status.eq(Status::Cancelled.as_str()),
            webinars::cancel_reason.eq(reason),
            webinars::sequence.eq(sequence),
            webinars::updated_at.eq(now.naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// The next occurrence of `row`'s series that is still on, if any.
pub fn next_in_series(
    conn: &mut AnyConnection,
    row: &WebinarRow,
) -> Result<Option<NextSession>, DbError> {
    let Some(series) = &row.series_id else {
        return Ok(None);
    };
    let next: Option<(String, NaiveDateTime)> = webinars::table
        .filter(webinars::series_id.eq(series))
        .filter(webinars::starts_at.gt(row.starts_at))
        .filter(webinars::status.eq(Status::Scheduled.as_str()))
        .order(webinars::starts_at.asc())
        .select((webinars::id, webinars::starts_at))
        .first(conn)
        .optional()?;
    Ok(next.map(|(id, starts_at)| NextSession {
        id,
        starts_at: utc(starts_at),
    }))
}

/// Filters of the public list.
#[derive(Debug, Clone, Default)]
pub struct WebinarFilter {
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub kind: Option<Kind>,
    pub topic: Option<String>,
    pub host_id: Option<String>,
    pub include_cancelled: bool,
}

/// Key of the list order: start, then id.
pub fn cursor_key(row: &WebinarRow) -> String {
    format!("{}|{}", row.starts_at.and_utc().timestamp_micros(), row.id)
}

fn parse_cursor(key: &str) -> Option<(NaiveDateTime, String)> {
    let (micros, id) = key.split_once('|')?;
    let at = DateTime::from_timestamp_micros(micros.parse().ok()?)?.naive_utc();
    Some((at, id.to_owned()))
}

pub fn list(
    conn: &mut AnyConnection,
    filter: &WebinarFilter,
    after: Option<&str>,
    fetch: i64,
) -> Result<Vec<Webinar>, DbError> {
    let mut query = webinars::table
        .inner_join(users::table)
        .select((webinars::all_columns, (users::name, users::email)))
        .order((webinars::starts_at.asc(), webinars::id.asc()))
        .limit(fetch)
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
    if let Some(host) = &filter.host_id {
        query = query.filter(webinars::host_id.eq(host.clone()));
    }
    if !filter.include_cancelled {
        query = query.filter(webinars::status.eq(Status::Scheduled.as_str()));
    }
    if let Some(key) = after {
        let (at, id) = parse_cursor(key)
            .ok_or_else(|| DbError::invalid("cursor", "is not a cursor returned by this list"))?;
        query = query.filter(
            webinars::starts_at
                .gt(at)
                .or(webinars::starts_at.eq(at).and(webinars::id.gt(id))),
        );
    }
    let rows: Vec<WithHost> = query.load(conn)?;
    Ok(with_host(rows))
}

#[cfg(test)]
mod tests {
    use super::placed;
    use crate::domain::registration::Seat;

    #[test]
    fn the_changed_row_tells_a_seat_from_a_place_on_the_list() {
        // Uncapped: always a seat.
        assert!(matches!(placed(None, 7, 0), Seat::Confirmed));
        // Took the 3rd of 5 seats; took the last one (nobody waits).
        assert!(matches!(placed(Some(5), 3, 0), Seat::Confirmed));
        assert!(matches!(placed(Some(5), 5, 0), Seat::Confirmed));
        // Full: the newcomer is the 1st, then the 40th, on the list.
        assert!(matches!(placed(Some(5), 5, 1), Seat::Waitlisted));
        assert!(matches!(placed(Some(5), 5, 40), Seat::Waitlisted));
    }
}
