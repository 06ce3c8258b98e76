//! The e-mails of the queue, as intents: the confirmation link of a new
//! request, the appointment invite for customer and CSM, its cancellation,
//! and the "you are in the queue" notice. Only the customer's own mails
//! carry a link with a token; the CSM's copies carry none (decided when
//! they are written, from the kind).

use chrono::{DateTime, Utc};

use super::{Appointment, Queued, RequestRow};
use crate::db::DbError;
use crate::db::mail::{appointment_intent, request_intent};
use crate::db::{AnyConnection, outbox};
use crate::domain::mail::MailKind;

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
