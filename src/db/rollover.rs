//! Waiting lists that roll over: when an occurrence of a series starts or
//! is cancelled, those still waiting for it (and, when the minimum rule
//! cancelled it, those who had a seat) move to the next occurrence, ahead
//! of its own waiting list, with a seat where one is free; each is mailed
//! and may decline from the mail. A registration with `rollover: false`
//! stays behind. Stamped once on the webinar row (`rolled_over_at`).

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use super::booking::{locked, mail};
use super::minimum::REASON;
use super::registrations::{self, Placement, RegistrationRow};
use super::schema::{registrations as regs, webinars};
use super::{AnyConnection, new_id};
use crate::db::DbError;
use crate::domain::locale::Locale;
use crate::domain::mail::MailKind;
use crate::domain::registration::{NewRegistration, RegistrationStatus, Seat, seat_for_newcomer};
use crate::domain::text::EmailAddress;
use crate::domain::timezone::TimeZone;
use crate::domain::webinar::Status;

/// Occurrences of a series whose waiting list is due to move at `now`.
pub fn due(conn: &mut AnyConnection, now: DateTime<Utc>) -> Result<Vec<String>, DbError> {
    Ok(webinars::table
        .filter(webinars::series_id.is_not_null())
        .filter(webinars::rollover.eq(true))
        .filter(webinars::rolled_over_at.is_null())
        .filter(
            webinars::status
                .eq(Status::Cancelled.as_str())
                .or(webinars::starts_at.le(now.naive_utc())),
        )
        .select(webinars::id)
        .limit(100)
        .load(conn)?)
}

/// The registration again, for another occurrence.
fn carried(row: &RegistrationRow) -> Result<NewRegistration, DbError> {
    let questions: Vec<String> = row.questions();
    Ok(NewRegistration {
        email: EmailAddress::parse(&row.email).map_err(DbError::corrupt)?,
        name: row.name.clone(),
        company: row.company.clone(),
        timezone: TimeZone::parse(&row.timezone).map_err(DbError::corrupt)?,
        locale: Locale::parse(&row.locale).unwrap_or(Locale::En),
        situation: row.situation.clone(),
        questions,
        marketing_consent: row.marketing_consent,
        rollover: true,
    })
}

/// Moves `webinar_id`'s waiting list to the next occurrence; returns how
/// many moved (0 when another instance was first, or nobody could).
pub fn run(
    conn: &mut AnyConnection,
    webinar_id: &str,
    now: DateTime<Utc>,
) -> Result<usize, DbError> {
    let mut from = locked(conn, webinar_id)?;
    if from.row.rolled_over_at.is_some() {
        return Ok(0);
    }
    diesel::update(webinars::table.filter(webinars::id.eq(webinar_id)))
        .set(webinars::rolled_over_at.eq(Some(now.naive_utc())))
        .execute(conn)?;
    let Some(next) = super::webinars::next_in_series(conn, &from.row)? else {
        return Ok(0);
    };
    let mut to = locked(conn, &next.id)?;
    if !to.is_open(now) {
        return Ok(0);
    }
    // Who moves, in their order: those who had a seat in a session the
    // minimum cancelled, then the waiting list as it stood.
    let too_few = from.row.cancel_reason.as_deref() == Some(REASON);
    let mut moving: Vec<RegistrationRow> = Vec::new();
    if too_few {
        moving.extend(registrations::with_status(
            conn,
            webinar_id,
            RegistrationStatus::Confirmed,
            None,
        )?);
    }
    for status in [RegistrationStatus::Offered, RegistrationStatus::Waitlisted] {
        moving.extend(registrations::with_status(conn, webinar_id, status, None)?);
    }
    moving.retain(|r| r.rollover && r.erased_at.is_none());
    if moving.is_empty() {
        return Ok(0);
    }
    // Ahead of the next occurrence's own waiting list: arrival numbers
    // below every number handed out there.
    let lowest: Option<i32> = regs::table
        .filter(regs::webinar_id.eq(&next.id))
        .select(diesel::dsl::min(regs::arrival))
        .first(conn)?;
    let first_arrival =
        lowest.unwrap_or(1).min(1) - i32::try_from(moving.len()).map_err(DbError::corrupt)?;
    let mut moved = 0;
    for (i, old) in moving.iter().enumerate() {
        let seat = seat_for_newcomer(to.row.capacity, to.row.seats_taken);
        let status = match seat {
            Seat::Confirmed => RegistrationStatus::Confirmed,
            Seat::Waitlisted => RegistrationStatus::Waitlisted,
        };
        let placement = Placement {
            status,
            arrival: first_arrival + i32::try_from(i).map_err(DbError::corrupt)?,
        };
        let Some(new) =
            registrations::insert(conn, &new_id(), &next.id, &carried(old)?, placement, now)?
        else {
            // Already registered for the next one: nothing to move.
            continue;
        };
        // The old registration is done with.
        match old.status()? {
            RegistrationStatus::Confirmed | RegistrationStatus::Offered => {
                from.row.seats_taken -= 1;
            }
            RegistrationStatus::Waitlisted => from.row.waitlist_length -= 1,
            RegistrationStatus::Cancelled => {}
        }
        registrations::set_status(conn, &old.id, RegistrationStatus::Cancelled, now)?;
        let kind = match seat {
            Seat::Confirmed => {
                to.row.seats_taken += 1;
                MailKind::RolledOver
            }
            Seat::Waitlisted => {
                to.row.waitlist_length += 1;
                MailKind::RolledOverWaitlisted
            }
        };
        let position = match seat {
            Seat::Confirmed => None,
            Seat::Waitlisted => registrations::position_of(conn, &new)?,
        };
        mail(conn, kind, &to, &new, position, now)?;
        moved += 1;
    }
    super::webinars::save_counters(conn, &from, now)?;
    super::webinars::save_counters(conn, &to, now)?;
    Ok(moved)
}
