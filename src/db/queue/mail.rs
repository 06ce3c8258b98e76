//! The e-mails of the queue: the confirmation link of a new request, the
//! appointment invite for customer and CSM, its cancellation, the "you are
//! in the queue" notice, and reminders. Only the customer's own mails carry
//! a link with a token; the CSM's copies carry none.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;

use super::{Appointment, AppointmentRow, Queued, RequestRow};
use crate::db::schema::users;
use crate::db::{AnyConnection, outbox, utc};
use crate::email::{Composer, MailKind, Recipient, SessionInfo, SessionKind};
use crate::error::AppError;

fn session(
    appt: &AppointmentRow,
    req: &RequestRow,
    host_name: &str,
    host_email: &str,
) -> SessionInfo {
    let company = req
        .company
        .as_deref()
        .map(|c| format!(" ({c})"))
        .unwrap_or_default();
    SessionInfo {
        kind: SessionKind::Appointment,
        id: appt.id.clone(),
        title: format!("One hour with {host_name}: {}", req.topic),
        description: format!(
            "Customer: {}{company}\nTopic: {}\n\n{}",
            req.name, req.topic, req.situation
        ),
        starts_at: utc(appt.starts_at),
        ends_at: utc(appt.ends_at),
        join_url: None,
        sequence: appt.sequence,
        host_name: host_name.to_owned(),
        host_email: host_email.to_owned(),
        topic: req.topic.clone(),
        situation: req.situation.clone(),
        customer: req.name.clone(),
    }
}

fn customer(req: &RequestRow, position: Option<i64>) -> Recipient {
    Recipient {
        booking_id: req.id.clone(),
        email: req.email.clone(),
        name: req.name.clone(),
        timezone: req.tz(),
        waitlist_position: position,
        reminder_minutes: None,
    }
}

fn host_tz(conn: &mut AnyConnection, host_id: &str) -> Result<chrono_tz::Tz, AppError> {
    let tz: Option<String> = users::table
        .find(host_id)
        .select(users::timezone)
        .first(conn)
        .optional()?;
    Ok(tz.and_then(|t| t.parse().ok()).unwrap_or(chrono_tz::UTC))
}

/// The customer's reminder of an appointment.
pub fn reminder_mail(
    composer: &Composer,
    appt: &Appointment,
    req: &RequestRow,
    minutes: i64,
    now: DateTime<Utc>,
) -> Result<crate::email::Composed, AppError> {
    let info = session(&appt.row, req, &appt.host_name, &appt.host_email);
    let mut to = customer(req, None);
    to.reminder_minutes = Some(minutes);
    composer.compose(MailKind::Reminder, &info, &to, now)
}

/// Mails the customer and the CSM about an appointment.
pub(super) fn mail_both(
    conn: &mut AnyConnection,
    composer: &Composer,
    appt: &Appointment,
    req: &RequestRow,
    cancelled: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let info = session(&appt.row, req, &appt.host_name, &appt.host_email);
    let (to_customer, to_host) = if cancelled {
        (
            MailKind::AppointmentCancelled,
            MailKind::AppointmentCancelledForHost,
        )
    } else {
        (MailKind::Appointment, MailKind::AppointmentForHost)
    };
    // The booking column ties each copy to the request, so an erasure finds it.
    let mail = composer.compose(to_customer, &info, &customer(req, None), now)?;
    outbox::enqueue(conn, &mail, None, Some(&req.id), now)?;
    let host = Recipient {
        booking_id: req.id.clone(),
        email: appt.host_email.clone(),
        name: appt.host_name.clone(),
        timezone: host_tz(conn, &appt.row.host_id)?,
        waitlist_position: None,
        reminder_minutes: None,
    };
    let mail = composer.compose(to_host, &info, &host, now)?;
    outbox::enqueue(conn, &mail, None, Some(&req.id), now)?;
    Ok(())
}

/// A mail about the request itself (no hour yet), valid from `now` to `until`.
fn request_info(req: &RequestRow, now: DateTime<Utc>, until: DateTime<Utc>) -> SessionInfo {
    SessionInfo {
        kind: SessionKind::Appointment,
        id: req.id.clone(),
        title: format!("An hour with a CSM: {}", req.topic),
        description: String::new(),
        starts_at: now,
        ends_at: until,
        join_url: None,
        sequence: 0,
        host_name: "One-to-many team".into(),
        host_email: String::new(),
        topic: req.topic.clone(),
        situation: req.situation.clone(),
        customer: req.name.clone(),
    }
}

pub(super) fn mail_queued(
    conn: &mut AnyConnection,
    composer: &Composer,
    q: &Queued,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let req = &q.request;
    let info = request_info(req, now, now + Duration::days(365));
    let mail = composer.compose(MailKind::Queued, &info, &customer(req, q.position), now)?;
    outbox::enqueue(conn, &mail, None, Some(&req.id), now)?;
    Ok(())
}

/// "Did you ask for this?": the link that confirms the request, valid
/// until `confirm_by`.
pub(super) fn mail_confirm(
    conn: &mut AnyConnection,
    composer: &Composer,
    req: &RequestRow,
    confirm_by: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let info = request_info(req, now, confirm_by);
    let mail = composer.compose(MailKind::QueueConfirm, &info, &customer(req, None), now)?;
    outbox::enqueue(conn, &mail, None, Some(&req.id), now)?;
    Ok(())
}
