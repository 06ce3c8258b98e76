//! A CSM's calendar subscription feed: the hash of its secret token, and
//! the sessions it lists (webinars they host, queue hours booked with them).

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use super::AnyConnection;
use super::queue::{AppointmentRow, RequestRow};
use super::schema::{appointments, calendar_tokens, queue_requests, webinars};
use super::webinars::WebinarRow;
use crate::db::DbError;

/// The stored hash of `user_id`'s feed token, if one was made.
pub fn token_hash(conn: &mut AnyConnection, user_id: &str) -> Result<Option<String>, DbError> {
    Ok(calendar_tokens::table
        .find(user_id)
        .select(calendar_tokens::token_hash)
        .first(conn)
        .optional()?)
}

/// Replaces `user_id`'s token hash: the old token stops working at once.
pub fn replace_token_hash(
    conn: &mut AnyConnection,
    user_id: &str,
    hash: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    conn.transaction(|conn| {
        diesel::delete(calendar_tokens::table.find(user_id)).execute(conn)?;
        diesel::insert_into(calendar_tokens::table)
            .values((
                calendar_tokens::user_id.eq(user_id),
                calendar_tokens::token_hash.eq(hash),
                calendar_tokens::created_at.eq(now.naive_utc()),
            ))
            .execute(conn)?;
        Ok(())
    })
}

/// A feed's sessions: hosted webinars, and queue hours with their requests.
pub type FeedRows = (Vec<WebinarRow>, Vec<(AppointmentRow, RequestRow)>);

/// How many sessions of each kind a feed lists at most.
const FEED_LIMIT: i64 = 2000;

/// The webinars `host_id` hosts and the queue hours booked with them,
/// starting at or after `since` (cancelled ones too: a subscribed calendar
/// then shows them cancelled instead of keeping a stale copy).
pub fn feed(
    conn: &mut AnyConnection,
    host_id: &str,
    since: DateTime<Utc>,
) -> Result<FeedRows, DbError> {
    let hosted: Vec<WebinarRow> = webinars::table
        .filter(webinars::host_id.eq(host_id))
        .filter(webinars::starts_at.ge(since.naive_utc()))
        .order((webinars::starts_at.asc(), webinars::id.asc()))
        .limit(FEED_LIMIT)
        .load(conn)?;
    let hours: Vec<(AppointmentRow, RequestRow)> = appointments::table
        .inner_join(queue_requests::table)
        .filter(appointments::host_id.eq(host_id))
        .filter(appointments::starts_at.ge(since.naive_utc()))
        .select((appointments::all_columns, queue_requests::all_columns))
        .order((appointments::starts_at.asc(), appointments::id.asc()))
        .limit(FEED_LIMIT)
        .load(conn)?;
    Ok((hosted, hours))
}
