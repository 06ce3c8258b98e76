//! Webhook subscriptions, and the deliveries they cause: rows in the same
//! outbox as mail, written in the transaction of the change they report.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde_json::Value;

use super::schema::{outbox, webhooks};
use super::{AnyConnection, new_id};
use crate::db::DbError;

/// The events a webhook may subscribe to.
pub const EVENTS: [&str; 5] = [
    "registration.created",
    "registration.cancelled",
    "registration.promoted",
    "attendance.marked",
    "queue.scheduled",
];

#[derive(Debug, Clone, Queryable)]
pub struct WebhookRow {
    pub id: String,
    pub url: String,
    pub events: String,
    pub secret: String,
    pub active: bool,
    pub created_by: String,
    pub created_at: NaiveDateTime,
}

impl WebhookRow {
    pub fn events(&self) -> Vec<String> {
        serde_json::from_str(&self.events).unwrap_or_default()
    }
}

pub fn insert(
    conn: &mut AnyConnection,
    url: &str,
    events: &[String],
    secret: &str,
    created_by: &str,
    now: DateTime<Utc>,
) -> Result<WebhookRow, DbError> {
    Ok(diesel::insert_into(webhooks::table)
        .values((
            webhooks::id.eq(new_id()),
            webhooks::url.eq(url),
            webhooks::events.eq(serde_json::to_string(events).map_err(DbError::corrupt)?),
            webhooks::secret.eq(secret),
            webhooks::active.eq(true),
            webhooks::created_by.eq(created_by),
            webhooks::created_at.eq(now.naive_utc()),
        ))
        .returning(webhooks::all_columns)
        .get_result(conn)?)
}

pub fn list(conn: &mut AnyConnection) -> Result<Vec<WebhookRow>, DbError> {
    Ok(webhooks::table
        .filter(webhooks::active.eq(true))
        .order(webhooks::id.asc())
        .load(conn)?)
}

/// Secrets of active subscriptions, by id (for signing deliveries).
pub fn secrets(
    conn: &mut AnyConnection,
    ids: &[String],
) -> Result<std::collections::HashMap<String, String>, DbError> {
    let rows: Vec<(String, String)> = webhooks::table
        .filter(webhooks::id.eq_any(ids))
        .filter(webhooks::active.eq(true))
        .select((webhooks::id, webhooks::secret))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

pub fn deactivate(conn: &mut AnyConnection, id: &str) -> Result<bool, DbError> {
    let n = diesel::update(webhooks::table.find(id))
        .set(webhooks::active.eq(false))
        .execute(conn)?;
    Ok(n == 1)
}

/// Queues a delivery of `event` to every active subscriber. The body is
/// `{"id", "event", "created_at", "data"}`; the delivery time is added and
/// signed when it is sent.
pub fn emit(
    conn: &mut AnyConnection,
    event: &'static str,
    data: Value,
    registration_id: Option<&str>,
    now: DateTime<Utc>,
) -> Result<usize, DbError> {
    let subscribers: Vec<WebhookRow> = list(conn)?
        .into_iter()
        .filter(|w| w.events().iter().any(|e| e == event))
        .collect();
    for hook in &subscribers {
        let id = new_id();
        let body = serde_json::json!({
            "id": id,
            "event": event,
            "created_at": now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            "data": data,
        });
        diesel::insert_into(outbox::table)
            .values((
                outbox::id.eq(&id),
                outbox::topic.eq(event),
                outbox::recipient.eq(&hook.url),
                outbox::message.eq(body.to_string()),
                outbox::registration_id.eq(registration_id),
                outbox::status.eq("pending"),
                outbox::attempts.eq(0),
                outbox::next_attempt_at.eq(now.naive_utc()),
                outbox::created_at.eq(now.naive_utc()),
                outbox::channel.eq("webhook"),
                outbox::webhook_id.eq(&hook.id),
            ))
            .execute(conn)?;
    }
    Ok(subscribers.len())
}
