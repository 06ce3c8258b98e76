//! The audit log: who exported which attendee list, who erased whom (as a
//! hash of the address, not the address).

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::schema::audit_log;
use super::{AnyConnection, new_id};
use crate::domain::page::PageRequest;
use crate::error::AppError;

#[derive(Debug, Clone, Queryable)]
pub struct AuditRow {
    pub id: String,
    pub actor_id: String,
    pub action: String,
    pub details: String,
    pub created_at: NaiveDateTime,
}

pub fn record(
    conn: &mut AnyConnection,
    actor_id: &str,
    action: &str,
    details: &serde_json::Value,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::id.eq(new_id()),
            audit_log::actor_id.eq(actor_id),
            audit_log::action.eq(action),
            audit_log::details.eq(details.to_string()),
            audit_log::created_at.eq(now.naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Newest first.
pub fn list(conn: &mut AnyConnection, page: &PageRequest) -> Result<Vec<AuditRow>, AppError> {
    let mut query = audit_log::table
        .order(audit_log::id.desc())
        .limit(page.fetch_limit())
        .into_boxed();
    if let Some(after) = &page.after {
        query = query.filter(audit_log::id.lt(after.clone()));
    }
    Ok(query.load(conn)?)
}
