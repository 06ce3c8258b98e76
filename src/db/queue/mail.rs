//! The e-mails of the queue, as intents: the confirmation link of a new
//! request, the appointment invite for customer and CSM, its cancellation,
//! and the "you are in the queue" notice. Only the customer's own mails
//! carry a link with a token; the CSM's copies carry none (decided when
//! they are written, from the kind).

use chrono::{DateTime, Utc};

use super::{Appointment, Queued, RequestRow};
use crate::db::DbError;
use crate::db::{AnyConnection, outbox};
use crate::domain::mail::{Intent, MailKind};

/// A mail about a queue request that has no hour yet.
pub fn request_intent(kind: MailKind, req: &RequestRow, position: Option<i64>) -> Intent {
    Intent {
        kind,
        recipient: req.email.clone(),
        webinar_id: None,
        booking_id: Some(req.id.clone()),
        appointment_id: None,
        user_id: None,
        sequence: None,
        detail: position,
    }
}

/// A mail about a queue hour: to the customer, or (a staff kind) to the CSM.
/// The request id is kept on both copies, so an erasure finds them.
pub fn appointment_intent(
    kind: MailKind,
    appt: &Appointment,
    req: &RequestRow,
    reminder_minutes: Option<i64>,
) -> Intent {
    let staff = kind.is_for_staff();
    Intent {
        kind,
        recipient: if staff {
            appt.host_email.clone()
        } else {
            req.email.clone()
        },
        webinar_id: None,
        booking_id: Some(req.id.clone()),
        appointment_id: Some(appt.row.id.clone()),
        user_id: staff.then(|| appt.row.host_id.clone()),
        sequence: Some(appt.row.sequence),
        detail: reminder_minutes,
    }
}

/// Mails the customer and the CSM about an appointment.
pub(super) fn mail_both(
    conn: &mut AnyConnection,
    appt: &Appointment,
    req: &RequestRow,
    cancelled: bool,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let (to_customer, to_host) = if cancelled {
        (
            MailKind::AppointmentCancelled,
            MailKind::AppointmentCancelledForHost,
        )
    } else {
        (MailKind::Appointment, MailKind::AppointmentForHost)
    };
    outbox::enqueue(conn, &appointment_intent(to_customer, appt, req, None), now)?;
    outbox::enqueue(conn, &appointment_intent(to_host, appt, req, None), now)?;
    Ok(())
}

pub(super) fn mail_queued(
    conn: &mut AnyConnection,
    q: &Queued,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let intent = request_intent(MailKind::Queued, &q.request, q.position);
    outbox::enqueue(conn, &intent, now)?;
    Ok(())
}

/// "Did you ask for this?": the link that confirms the request, valid
/// until the request's `confirm_by`.
pub(super) fn mail_confirm(
    conn: &mut AnyConnection,
    req: &RequestRow,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    outbox::enqueue(
        conn,
        &request_intent(MailKind::QueueConfirm, req, None),
        now,
    )?;
    Ok(())
}
