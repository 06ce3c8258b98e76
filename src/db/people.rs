//! Erasure of a person's personal data on request. Their bookings are
//! cancelled (seats and hours go to others as usual), every stored copy of
//! their data is overwritten, and mail to them not yet sent is cancelled.
//! Status and attendance stay on the rows, so the figures stay right.
//! Mail about other people's bookings is theirs, not this person's: a
//! CSM's copy of a customer's hour stays when the CSM's address is erased.

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use super::schema::{appointments, outbox, outbox_attempts, queue_requests, registrations, users};
use super::{AnyConnection, booking, queue};
use crate::config::QueueSettings;
use crate::db::DbError;
use crate::domain::queue::RequestStatus;
use crate::domain::registration::RegistrationStatus;

#[derive(Debug, Clone, Default, serde::Serialize, utoipa::ToSchema)]
pub struct Erased {
    pub registrations: usize,
    pub queue_requests: usize,
    pub messages_cancelled: usize,
}

pub const ERASED_NAME: &str = "(erased)";

/// What an erasure did, and what it leaves to the mail files.
#[derive(Debug, Clone, Default)]
pub struct Erasure {
    pub report: Erased,
    /// The outbox rows it covered: their written files go too.
    pub outbox_ids: Vec<String>,
    /// The address is a staff user's: it stays in mail about others.
    pub staff: bool,
}

pub fn erase(
    conn: &mut AnyConnection,
    cfg: &QueueSettings,
    email: &str,
    now: DateTime<Utc>,
) -> Result<Erasure, DbError> {
    let mut report = Erased::default();
    // In webinar order, so two erasures lock webinars in the same order.
    let regs: Vec<(String, String)> = registrations::table
        .filter(registrations::email.eq(email))
        .filter(registrations::erased_at.is_null())
        .order((registrations::webinar_id.asc(), registrations::id.asc()))
        .select((registrations::id, registrations::status))
        .load(conn)?;
    let requests: Vec<(String, String)> = queue_requests::table
        .filter(queue_requests::email.eq(email))
        .filter(queue_requests::erased_at.is_null())
        .order(queue_requests::id.asc())
        .select((queue_requests::id, queue_requests::status))
        .load(conn)?;

    // Overwrite first: the cancellations below then carry no personal data,
    // so the CSM's cancellation of an hour can still go out.
    for (id, _) in &regs {
        diesel::update(registrations::table.find(id))
            .set((
                registrations::email.eq(erased_address(id)),
                registrations::name.eq(ERASED_NAME),
                registrations::company.eq(None::<String>),
                registrations::situation.eq(None::<String>),
                registrations::questions.eq("[]"),
                registrations::marketing_consent.eq(false),
                registrations::erased_at.eq(Some(now.naive_utc())),
                registrations::updated_at.eq(now.naive_utc()),
            ))
            .execute(conn)?;
    }
    for (id, _) in &requests {
        diesel::update(queue_requests::table.find(id))
            .set((
                queue_requests::email.eq(erased_address(id)),
                queue_requests::name.eq(ERASED_NAME),
                queue_requests::company.eq(None::<String>),
                queue_requests::situation.eq(""),
                queue_requests::topic.eq(""),
                queue_requests::preferred.eq("[]"),
                queue_requests::erased_at.eq(Some(now.naive_utc())),
                queue_requests::updated_at.eq(now.naive_utc()),
            ))
            .execute(conn)?;
        diesel::update(appointments::table.filter(appointments::request_id.eq(id)))
            .set(appointments::notes.eq(None::<String>))
            .execute(conn)?;
    }

    for (id, status) in &regs {
        if status != RegistrationStatus::Cancelled.as_str() {
            // A past session keeps its booking (and the figures); a coming
            // one frees the seat for the waiting list.
            match booking::cancel_registration(conn, id, now) {
                Ok(_) | Err(DbError::Conflict { .. }) => {}
                Err(e) => return Err(e),
            }
        }
    }
    for (id, status) in &requests {
        if RequestStatus::OPEN
            .map(RequestStatus::as_str)
            .contains(&status.as_str())
        {
            queue::cancel(conn, cfg, id, now)?;
        }
    }
    report.registrations = regs.len();
    report.queue_requests = requests.len();

    // Every stored message to them or about their bookings: unsent ones are
    // cancelled and no copy of the content, or of a delivery error naming
    // them, is kept. Only the CSM's cancellations written just now (already
    // without personal data) still go out. Mail to this address about
    // someone else's booking (a CSM's copy) is that booking's record: kept.
    let reg_ids: Vec<String> = regs.into_iter().map(|(id, _)| id).collect();
    let request_ids: Vec<String> = requests.into_iter().map(|(id, _)| id).collect();
    let overwritten: Vec<String> = reg_ids
        .iter()
        .chain(&request_ids)
        .map(|id| erased_address(id))
        .collect();
    let theirs = outbox::recipient
        .eq(email)
        .and(outbox::registration_id.is_null())
        .or(outbox::recipient.eq_any(overwritten))
        .or(outbox::registration_id.eq_any(reg_ids))
        .or(outbox::registration_id
            .eq_any(request_ids)
            .and(outbox::created_at.lt(now.naive_utc())));
    report.messages_cancelled = diesel::update(
        outbox::table
            .filter(theirs.clone())
            .filter(outbox::status.eq_any(["pending", "failed"])),
    )
    .set(outbox::status.eq("cancelled"))
    .execute(conn)?;
    let ids: Vec<String> = outbox::table.filter(theirs).select(outbox::id).load(conn)?;
    diesel::update(outbox::table.filter(outbox::id.eq_any(&ids)))
        .set((
            outbox::message.eq(""),
            outbox::recipient.eq("erased"),
            outbox::last_error.eq(Some("erased on request")),
        ))
        .execute(conn)?;
    diesel::update(outbox_attempts::table.filter(outbox_attempts::outbox_id.eq_any(&ids)))
        .set(outbox_attempts::error.eq(None::<String>))
        .execute(conn)?;
    let staff: i64 = users::table
        .filter(users::email.eq(email))
        .count()
        .get_result(conn)?;
    Ok(Erasure {
        report,
        outbox_ids: ids,
        staff: staff > 0,
    })
}

fn erased_address(id: &str) -> String {
    format!("erased-{id}@erased.invalid")
}
