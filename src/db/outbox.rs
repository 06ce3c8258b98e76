//! The outbox: every e-mail is an intent (what happened, to whom, the ids it
//! concerns) written in the transaction that caused it, then claimed by a
//! worker under a lease, rendered, delivered, and logged.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::schema::{outbox, outbox_attempts};
use super::{AnyConnection, new_id};
use crate::db::DbError;
use crate::domain::mail::Intent;
use crate::domain::page::PageRequest;

/// After this many failed attempts a message is marked `failed` (it stays
/// listed, and an admin can send it again).
pub const MAX_ATTEMPTS: i32 = 12;

#[derive(Debug, Clone, Queryable, QueryableByName)]
#[diesel(table_name = outbox)]
pub struct OutboxRow {
    pub id: String,
    pub topic: String,
    pub recipient: String,
    pub message: String,
    pub webinar_id: Option<String>,
    pub registration_id: Option<String>,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub locked_until: Option<NaiveDateTime>,
    pub locked_by: Option<String>,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
    /// `email` or `webhook` (then `recipient` is the URL, `message` the JSON body).
    pub channel: String,
    pub webhook_id: Option<String>,
    /// E-mail intents: the iCalendar SEQUENCE when it happened.
    pub sequence: Option<i32>,
    /// E-mail intents: a position, or a reminder's minutes before start.
    pub detail: Option<i64>,
    pub appointment_id: Option<String>,
    /// E-mail intents: the staff user a staff copy goes to.
    pub user_id: Option<String>,
}

#[derive(Debug, Clone, Queryable)]
pub struct AttemptRow {
    pub id: String,
    pub outbox_id: String,
    pub attempted_at: NaiveDateTime,
    pub worker: String,
    pub succeeded: bool,
    pub error: Option<String>,
}

#[derive(Insertable)]
#[diesel(table_name = outbox)]
struct NewOutboxRow<'a> {
    id: String,
    topic: &'a str,
    recipient: &'a str,
    message: &'a str,
    webinar_id: Option<&'a str>,
    registration_id: Option<&'a str>,
    status: &'a str,
    attempts: i32,
    next_attempt_at: NaiveDateTime,
    created_at: NaiveDateTime,
    sequence: Option<i32>,
    detail: Option<i64>,
    appointment_id: Option<&'a str>,
    user_id: Option<&'a str>,
}

/// Queues the mail `intent` describes; call inside the transaction of the
/// change it reports. Nothing is rendered here.
pub fn enqueue(
    conn: &mut AnyConnection,
    intent: &Intent,
    now: DateTime<Utc>,
) -> Result<String, DbError> {
    let id = new_id();
    diesel::insert_into(outbox::table)
        .values(&NewOutboxRow {
            id: id.clone(),
            topic: intent.kind.topic(),
            recipient: &intent.recipient,
            message: "",
            webinar_id: intent.webinar_id.as_deref(),
            registration_id: intent.booking_id.as_deref(),
            status: "pending",
            attempts: 0,
            next_attempt_at: now.naive_utc(),
            created_at: now.naive_utc(),
            sequence: intent.sequence,
            detail: intent.detail,
            appointment_id: intent.appointment_id.as_deref(),
            user_id: intent.user_id.as_deref(),
        })
        .execute(conn)?;
    Ok(id)
}

/// Drops a claimed intent whose occasion has passed (the registration was
/// cancelled before its invitation went out, say): it is not sent, and the
/// listing says why without naming anyone.
pub fn supersede(
    conn: &mut AnyConnection,
    row: &OutboxRow,
    worker: &str,
    reason: &str,
) -> Result<(), DbError> {
    diesel::update(
        outbox::table
            .filter(outbox::id.eq(&row.id))
            .filter(outbox::locked_by.eq(worker))
            .filter(outbox::status.eq("pending")),
    )
    .set((
        outbox::status.eq("cancelled"),
        outbox::locked_until.eq(None::<NaiveDateTime>),
        outbox::last_error.eq(Some(reason)),
    ))
    .execute(conn)?;
    Ok(())
}

/// Claims up to `limit` due messages for `worker` until the lease runs out.
/// On PostgreSQL rows locked by another claimer are skipped, so instances
/// never claim the same row; the lease condition is checked again in the
/// UPDATE for the same reason.
pub fn claim_due(
    conn: &mut AnyConnection,
    worker: &str,
    now: DateTime<Utc>,
    lease: Duration,
    limit: i64,
) -> Result<Vec<OutboxRow>, DbError> {
    let now_naive = now.naive_utc();
    let until = (now + lease).naive_utc();
    match conn {
        // One statement: SQLite takes its write lock at once, with no read
        // lock to upgrade (which could fail with "database is locked").
        AnyConnection::Sqlite(sqlite) => {
            use diesel::sql_types::{BigInt, Text, Timestamp};
            Ok(diesel::sql_query(
                "UPDATE outbox SET locked_until = ?, locked_by = ? WHERE id IN (\
                   SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? \
                   AND (locked_until IS NULL OR locked_until < ?) \
                   ORDER BY next_attempt_at LIMIT ?) \
                 RETURNING *",
            )
            .bind::<Timestamp, _>(until)
            .bind::<Text, _>(worker)
            .bind::<Timestamp, _>(now_naive)
            .bind::<Timestamp, _>(now_naive)
            .bind::<BigInt, _>(limit)
            .load::<OutboxRow>(sqlite)?)
        }
        AnyConnection::Postgresql(pg) => pg.transaction(|pg| {
            let ids: Vec<String> = due(now_naive)
                .select(outbox::id)
                .order(outbox::next_attempt_at.asc())
                .limit(limit)
                .for_update()
                .skip_locked()
                .load(pg)?;
            Ok(
                diesel::update(due(now_naive).filter(outbox::id.eq_any(ids)))
                    .set((
                        outbox::locked_until.eq(Some(until)),
                        outbox::locked_by.eq(Some(worker)),
                    ))
                    .returning(outbox::all_columns)
                    .get_results(pg)?,
            )
        }),
    }
}

type Due = diesel::dsl::Filter<
    diesel::dsl::Filter<
        diesel::dsl::Filter<outbox::table, diesel::dsl::Eq<outbox::status, &'static str>>,
        diesel::dsl::LtEq<outbox::next_attempt_at, NaiveDateTime>,
    >,
    diesel::dsl::Or<
        diesel::dsl::IsNull<outbox::locked_until>,
        diesel::dsl::Lt<outbox::locked_until, NaiveDateTime>,
    >,
>;

fn due(now: NaiveDateTime) -> Due {
    outbox::table
        .filter(outbox::status.eq("pending"))
        .filter(outbox::next_attempt_at.le(now))
        .filter(
            outbox::locked_until
                .is_null()
                .or(outbox::locked_until.lt(now)),
        )
}

#[derive(Insertable)]
#[diesel(table_name = outbox_attempts)]
struct NewAttempt<'a> {
    id: String,
    outbox_id: &'a str,
    attempted_at: NaiveDateTime,
    worker: &'a str,
    succeeded: bool,
    error: Option<&'a str>,
}

/// Growing pause before the next try: 30 s, 1 min, 2 min, … capped at 1 h.
pub fn backoff(attempts: i32) -> Duration {
    let exp = u32::try_from(attempts.clamp(1, 8) - 1).unwrap_or(0);
    Duration::seconds((30_i64 << exp).min(3600))
}

/// Records one delivery attempt and its consequence for the message.
pub fn record_attempt(
    conn: &mut AnyConnection,
    row: &OutboxRow,
    worker: &str,
    result: Result<(), String>,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let attempts = row.attempts + 1;
    super::write_transaction(conn, |conn| {
        diesel::insert_into(outbox_attempts::table)
            .values(&NewAttempt {
                id: new_id(),
                outbox_id: &row.id,
                attempted_at: now.naive_utc(),
                worker,
                succeeded: result.is_ok(),
                error: result.as_ref().err().map(String::as_str),
            })
            .execute(conn)?;
        // Only a row still pending under our lease: an erasure may have
        // cancelled it meanwhile, and that must stick.
        let mine = outbox::table
            .filter(outbox::id.eq(&row.id))
            .filter(outbox::locked_by.eq(worker))
            .filter(outbox::status.eq("pending"));
        match &result {
            Ok(()) => diesel::update(mine)
                .set((
                    outbox::status.eq("sent"),
                    outbox::attempts.eq(attempts),
                    outbox::sent_at.eq(Some(now.naive_utc())),
                    outbox::locked_until.eq(None::<NaiveDateTime>),
                    outbox::last_error.eq(None::<String>),
                ))
                .execute(conn)?,
            Err(error) => diesel::update(mine)
                .set((
                    outbox::status.eq(if attempts >= MAX_ATTEMPTS {
                        "failed"
                    } else {
                        "pending"
                    }),
                    outbox::attempts.eq(attempts),
                    outbox::next_attempt_at.eq((now + backoff(attempts)).naive_utc()),
                    outbox::locked_until.eq(None::<NaiveDateTime>),
                    outbox::last_error.eq(Some(error.as_str())),
                ))
                .execute(conn)?,
        };
        Ok(())
    })
}

/// Gives up `worker`'s claim on messages it did not try (it is stopping), so
/// that the next run need not wait for the lease to run out.
pub fn release(conn: &mut AnyConnection, ids: &[String], worker: &str) -> Result<(), DbError> {
    diesel::update(
        outbox::table
            .filter(outbox::id.eq_any(ids))
            .filter(outbox::locked_by.eq(worker))
            .filter(outbox::status.eq("pending")),
    )
    .set(outbox::locked_until.eq(None::<NaiveDateTime>))
    .execute(conn)?;
    Ok(())
}

/// A page of messages, newest first, optionally of one status.
pub fn list(
    conn: &mut AnyConnection,
    status: Option<&str>,
    page: &PageRequest,
) -> Result<Vec<OutboxRow>, DbError> {
    let mut query = outbox::table
        .order(outbox::id.desc())
        .limit(page.fetch_limit())
        .into_boxed();
    if let Some(s) = status {
        query = query.filter(outbox::status.eq(s.to_owned()));
    }
    if let Some(after) = &page.after {
        query = query.filter(outbox::id.lt(after.clone()));
    }
    Ok(query.load(conn)?)
}

/// How many messages have each status.
pub fn counts_by_status(conn: &mut AnyConnection) -> Result<Vec<(String, i64)>, DbError> {
    Ok(outbox::table
        .group_by(outbox::status)
        .select((outbox::status, diesel::dsl::count_star()))
        .load(conn)?)
}

pub fn find(conn: &mut AnyConnection, id: &str) -> Result<Option<OutboxRow>, DbError> {
    Ok(outbox::table.find(id).first(conn).optional()?)
}

pub fn attempts_of(conn: &mut AnyConnection, id: &str) -> Result<Vec<AttemptRow>, DbError> {
    Ok(outbox_attempts::table
        .filter(outbox_attempts::outbox_id.eq(id))
        .order((
            outbox_attempts::attempted_at.asc(),
            outbox_attempts::id.asc(),
        ))
        .load(conn)?)
}

/// Puts a failed message back in line (admin action).
pub fn retry(conn: &mut AnyConnection, id: &str, now: DateTime<Utc>) -> Result<bool, DbError> {
    Ok(retry_many(conn, &RetrySet::Ids(vec![id.to_owned()]), now)? == 1)
}

/// What a bulk retry covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RetrySet {
    /// Every failed message.
    AllFailed,
    /// These messages, where they failed (others are left alone).
    Ids(Vec<String>),
}

/// Puts failed messages back in line at once (admin action); returns how
/// many. Messages that are not `failed` are not touched.
pub fn retry_many(
    conn: &mut AnyConnection,
    set: &RetrySet,
    now: DateTime<Utc>,
) -> Result<usize, DbError> {
    let mut target = outbox::table
        .filter(outbox::status.eq("failed"))
        .into_boxed();
    if let RetrySet::Ids(ids) = set {
        target = target.filter(outbox::id.eq_any(ids.clone()));
    }
    let ids: Vec<String> = target.select(outbox::id).load(conn)?;
    let mut retried = 0;
    for chunk in ids.chunks(500) {
        retried += diesel::update(
            outbox::table
                .filter(outbox::id.eq_any(chunk))
                .filter(outbox::status.eq("failed")),
        )
        .set((
            outbox::status.eq("pending"),
            outbox::next_attempt_at.eq(now.naive_utc()),
            outbox::attempts.eq(0),
        ))
        .execute(conn)?;
    }
    Ok(retried)
}
