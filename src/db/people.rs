//! Erasure of a person's personal data on request. Their bookings are
//! cancelled (seats and hours go to others as usual), every stored copy of
//! their data is overwritten, and mail to them not yet sent is cancelled.
//! Status and attendance stay on the rows, so the figures stay right.

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use super::schema::{outbox, queue_requests, registrations};
use super::{AnyConnection, booking, queue};
use crate::config::QueueSettings;
use crate::domain::queue::RequestStatus;
use crate::domain::registration::RegistrationStatus;
use crate::email::Composer;
use crate::error::AppError;

#[derive(Debug, Clone, Default, serde::Serialize, utoipa::ToSchema)]
pub struct Erased {
    pub registrations: usize,
    pub queue_requests: usize,
    pub messages_cancelled: usize,
}

pub const ERASED_NAME: &str = "(erased)";

pub fn erase(
    conn: &mut AnyConnection,
    composer: &Composer,
    cfg: &QueueSettings,
    email: &str,
    now: DateTime<Utc>,
) -> Result<Erased, AppError> {
    let mut report = Erased::default();
    let regs: Vec<(String, String)> = registrations::table
        .filter(registrations::email.eq(email))
        .filter(registrations::erased_at.is_null())
        .select((registrations::id, registrations::status))
        .load(conn)?;
    for (id, status) in &regs {
        if status != RegistrationStatus::Cancelled.as_str() {
            // A past session keeps its booking (and the figures); a coming
            // one frees the seat for the waiting list.
            match booking::cancel_registration(conn, composer, id, now) {
                Ok(_) | Err(AppError::Conflict { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        diesel::update(registrations::table.find(id))
            .set((
                registrations::email.eq(format!("erased-{id}@erased.invalid")),
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
    report.registrations = regs.len();

    let requests: Vec<(String, String)> = queue_requests::table
        .filter(queue_requests::email.eq(email))
        .filter(queue_requests::erased_at.is_null())
        .select((queue_requests::id, queue_requests::status))
        .load(conn)?;
    for (id, status) in &requests {
        if status == RequestStatus::Waiting.as_str() || status == RequestStatus::Scheduled.as_str()
        {
            queue::cancel(conn, composer, cfg, id, now)?;
        }
        diesel::update(queue_requests::table.find(id))
            .set((
                queue_requests::email.eq(format!("erased-{id}@erased.invalid")),
                queue_requests::name.eq(ERASED_NAME),
                queue_requests::company.eq(None::<String>),
                queue_requests::situation.eq(""),
                queue_requests::topic.eq(""),
                queue_requests::preferred.eq("[]"),
                queue_requests::erased_at.eq(Some(now.naive_utc())),
                queue_requests::updated_at.eq(now.naive_utc()),
            ))
            .execute(conn)?;
    }
    report.queue_requests = requests.len();

    // Every message to them or about their registrations: pending ones are
    // cancelled, and no copy of the content is kept.
    let reg_ids: Vec<String> = regs
        .into_iter()
        .map(|(id, _)| id)
        .chain(requests.into_iter().map(|(id, _)| id))
        .collect();
    let theirs = outbox::recipient
        .eq(email)
        .or(outbox::registration_id.eq_any(reg_ids));
    report.messages_cancelled = diesel::update(
        outbox::table
            .filter(theirs.clone())
            .filter(outbox::status.eq("pending")),
    )
    .set((
        outbox::status.eq("cancelled"),
        outbox::last_error.eq(Some("erased on request")),
    ))
    .execute(conn)?;
    diesel::update(outbox::table.filter(theirs))
        .set((outbox::message.eq(""), outbox::recipient.eq("erased")))
        .execute(conn)?;
    Ok(report)
}
