//! The audit log: who exported which attendee list, who erased whom (as a
//! keyed HMAC of the address, not the address: a plain hash could be
//! reversed by hashing guessed addresses; the key is the server's).

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::schema::audit_log;
use super::{AnyConnection, new_id};
use crate::db::DbError;
use crate::domain::page::PageRequest;

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
) -> Result<(), DbError> {
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

/// The trace an erasure leaves of an address: HMAC-SHA-256 under a key
/// derived from the server secret with its own label, as hex. Whoever has
/// the server secret can check whether an address was erased; nobody can
/// find it by trying addresses without it.
pub fn address_tag(server_secret: &[u8], email: &str) -> String {
    use aws_lc_rs::hmac;
    let derived = hmac::sign(
        &hmac::Key::new(hmac::HMAC_SHA256, server_secret),
        b"onetomany/audit/erased-address/v1",
    );
    let key = hmac::Key::new(hmac::HMAC_SHA256, derived.as_ref());
    crate::webhook::hex(hmac::sign(&key, email.as_bytes()).as_ref())
}

/// Newest first.
pub fn list(conn: &mut AnyConnection, page: &PageRequest) -> Result<Vec<AuditRow>, DbError> {
    let mut query = audit_log::table
        .order(audit_log::id.desc())
        .limit(page.fetch_limit())
        .into_boxed();
    if let Some(after) = &page.after {
        query = query.filter(audit_log::id.lt(after.clone()));
    }
    Ok(query.load(conn)?)
}

#[cfg(test)]
mod tests {
    use super::address_tag;

    #[test]
    fn the_tag_depends_on_the_secret_and_the_address() {
        let tag = address_tag(b"secret-one", "ana@x.example");
        assert_eq!(tag.len(), 64);
        assert_eq!(tag, address_tag(b"secret-one", "ana@x.example"));
        assert_ne!(tag, address_tag(b"secret-two", "ana@x.example"));
        assert_ne!(tag, address_tag(b"secret-one", "bob@x.example"));
    }
}
