//! Reminders before sessions: for each configured offset, every confirmed
//! registrant of a session starting within that offset gets one reminder.
//! The `sent_reminders` primary key makes "once" hold across instances.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;

use super::mail::webinar_intent;
use super::queue::appointment_intent;
use super::registrations::RegistrationRow;
use super::schema::{registrations, sent_reminders, users, webinars};
use super::webinars::{Webinar, WebinarRow};
use super::{AnyConnection, outbox};
use crate::db::error::{DbError, is_unique_violation};
use crate::domain::mail::MailKind;
use crate::domain::registration::RegistrationStatus;
use crate::domain::webinar::Status;

type WithHost = (WebinarRow, (String, String));

/// Queues the reminders that are due at `now`; returns how many.
pub fn enqueue_due(
    conn: &mut AnyConnection,
    offsets_minutes: &[u32],
    now: DateTime<Utc>,
) -> Result<usize, DbError> {
    let mut queued = 0;
    for &offset in offsets_minutes {
        let offset = i32::try_from(offset).map_err(DbError::corrupt)?;
        let window_end = now + Duration::minutes(i64::from(offset));
        // Registrations made after the reminder's moment already got their
        // invite then; they get no reminder for this offset.
        let due: Vec<(RegistrationRow, WithHost)> = registrations::table
            .inner_join(webinars::table.inner_join(users::table))
            .filter(webinars::status.eq(Status::Scheduled.as_str()))
            .filter(webinars::starts_at.gt(now.naive_utc()))
            .filter(webinars::starts_at.le(window_end.naive_utc()))
            .filter(registrations::status.eq(RegistrationStatus::Confirmed.as_str()))
            .filter(diesel::dsl::not(diesel::dsl::exists(
                sent_reminders::table
                    .filter(sent_reminders::registration_id.eq(registrations::id))
                    .filter(sent_reminders::offset_minutes.eq(offset)),
            )))
            .select((
                registrations::all_columns,
                (webinars::all_columns, (users::name, users::email)),
            ))
            .load(conn)?;
        for (reg, (row, (host_name, host_email))) in due {
            let starts_at = row.starts_at.and_utc();
            if reg.created_at.and_utc() > starts_at - Duration::minutes(i64::from(offset)) {
                continue;
            }
            let webinar = Webinar {
                row,
                host_name,
                host_email,
            };
            let claimed = super::write_transaction(conn, |conn| {
                diesel::insert_into(sent_reminders::table)
                    .values((
                        sent_reminders::registration_id.eq(&reg.id),
                        sent_reminders::offset_minutes.eq(offset),
                        sent_reminders::created_at.eq(now.naive_utc()),
                    ))
                    .execute(conn)
            });
            match claimed {
                Ok(_) => {}
                // Another instance sent this one.
                Err(e) if is_unique_violation(&e) => continue,
                Err(e) => return Err(e.into()),
            }
            let intent =
                webinar_intent(MailKind::Reminder, &webinar, &reg, Some(i64::from(offset)));
            outbox::enqueue(conn, &intent, now)?;
            queued += 1;
        }
    }
    queued += appointment_reminders(conn, offsets_minutes, now)?;
    Ok(queued)
}

/// The same for queue appointments: the customer is reminded.
fn appointment_reminders(
    conn: &mut AnyConnection,
    offsets_minutes: &[u32],
    now: DateTime<Utc>,
) -> Result<usize, DbError> {
    use super::schema::{appointment_reminders, appointments};
    let mut queued = 0;
    for &offset in offsets_minutes {
        let offset = i32::try_from(offset).map_err(DbError::corrupt)?;
        let window_end = now + Duration::minutes(i64::from(offset));
        let due: Vec<String> = appointments::table
            .filter(appointments::status.eq("scheduled"))
            .filter(appointments::starts_at.gt(now.naive_utc()))
            .filter(appointments::starts_at.le(window_end.naive_utc()))
            .filter(diesel::dsl::not(diesel::dsl::exists(
                appointment_reminders::table
                    .filter(appointment_reminders::appointment_id.eq(appointments::id))
                    .filter(appointment_reminders::offset_minutes.eq(offset)),
            )))
            .select(appointments::id)
            .load(conn)?;
        for id in due {
            let Some(appt) = super::queue::find_appointment(conn, &id)? else {
                continue;
            };
            if appt.row.created_at.and_utc()
                > appt.row.starts_at.and_utc() - Duration::minutes(i64::from(offset))
            {
                continue;
            }
            let claimed = super::write_transaction(conn, |conn| {
                diesel::insert_into(appointment_reminders::table)
                    .values((
                        appointment_reminders::appointment_id.eq(&id),
                        appointment_reminders::offset_minutes.eq(offset),
                        appointment_reminders::created_at.eq(now.naive_utc()),
                    ))
                    .execute(conn)
            });
            match claimed {
                Ok(_) => {}
                Err(e) if is_unique_violation(&e) => continue,
                Err(e) => return Err(e.into()),
            }
            let Some(req) = super::queue::find_request(conn, &appt.row.request_id)? else {
                continue;
            };
            let intent =
                appointment_intent(MailKind::Reminder, &appt, &req, Some(i64::from(offset)));
            outbox::enqueue(conn, &intent, now)?;
            queued += 1;
        }
    }
    Ok(queued)
}
