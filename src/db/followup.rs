//! The follow-up after a session: once its attendance is marked (or two
//! hours after its end if nobody marks it), each confirmed registrant gets
//! one mail: thanks with the recording and a rating to give, or, for a
//! no-show, "sorry we missed you" with the recording and the next session.
//! Stamped on the webinar and on each registration: once per person.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;

use super::AnyConnection;
use super::booking::{locked, mail};
use super::registrations::{self, RegistrationRow};
use super::schema::{registrations as regs, webinars};
use crate::db::DbError;
use crate::domain::mail::MailKind;
use crate::domain::registration::RegistrationStatus;
use crate::domain::webinar::Status;

/// Unmarked sessions are followed up this long after their end.
pub const UNMARKED_WAIT: Duration = Duration::hours(2);
/// Sessions that ended longer ago than this get no follow-up any more.
pub const TOO_LATE: Duration = Duration::days(14);

/// Webinars whose follow-up is due at `now`.
pub fn due(conn: &mut AnyConnection, now: DateTime<Utc>) -> Result<Vec<String>, DbError> {
    let marked = diesel::dsl::exists(
        regs::table
            .filter(regs::webinar_id.eq(webinars::id))
            .filter(regs::attended.is_not_null()),
    );
    Ok(webinars::table
        .filter(webinars::status.eq(Status::Scheduled.as_str()))
        .filter(webinars::followed_up_at.is_null())
        .filter(webinars::ends_at.le(now.naive_utc()))
        .filter(webinars::ends_at.gt((now - TOO_LATE).naive_utc()))
        .filter(
            webinars::ends_at
                .le((now - UNMARKED_WAIT).naive_utc())
                .or(marked),
        )
        .select(webinars::id)
        .limit(100)
        .load(conn)?)
}

/// Which follow-up a registrant gets: no-shows are missed, everyone else
/// (attended, or not marked) is thanked.
pub fn kind_for(reg: &RegistrationRow) -> MailKind {
    match reg.attended {
        Some(false) => MailKind::FollowUpMissed,
        _ => MailKind::FollowUpThanks,
    }
}

/// Queues the follow-up of one webinar; returns how many mails (0 when
/// another instance was first).
pub fn run(
    conn: &mut AnyConnection,
    webinar_id: &str,
    now: DateTime<Utc>,
) -> Result<usize, DbError> {
    let webinar = locked(conn, webinar_id)?;
    if webinar.row.followed_up_at.is_some() {
        return Ok(0);
    }
    diesel::update(webinars::table.filter(webinars::id.eq(webinar_id)))
        .set(webinars::followed_up_at.eq(Some(now.naive_utc())))
        .execute(conn)?;
    let mut sent = 0;
    for reg in registrations::with_status(conn, webinar_id, RegistrationStatus::Confirmed, None)? {
        if reg.followed_up_at.is_some() || reg.erased_at.is_some() {
            continue;
        }
        diesel::update(regs::table.find(&reg.id))
            .set(regs::followed_up_at.eq(Some(now.naive_utc())))
            .execute(conn)?;
        mail(conn, kind_for(&reg), &webinar, &reg, None, now)?;
        sent += 1;
    }
    Ok(sent)
}

/// Why a rating was not stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// Only confirmed registrants of a session that has ended rate it.
    NotRateable,
    /// One rating per person.
    AlreadyRated,
}

/// Stores a registrant's rating (1–5, checked by the caller) and comment.
pub fn rate(
    conn: &mut AnyConnection,
    registration_id: &str,
    score: i32,
    comment: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Result<(), Refused>, DbError> {
    let Some(reg) = registrations::find(conn, registration_id)? else {
        return Err(DbError::NotFound("no registration with this id"));
    };
    let Some(webinar) = super::webinars::find(conn, &reg.webinar_id)? else {
        return Err(DbError::NotFound("no webinar with this id"));
    };
    let ended = super::utc(webinar.row.ends_at) <= now;
    if reg.status()? != RegistrationStatus::Confirmed || !ended {
        return Ok(Err(Refused::NotRateable));
    }
    let stored = diesel::update(
        regs::table
            .find(registration_id)
            .filter(regs::rated_at.is_null()),
    )
    .set((
        regs::rating.eq(Some(score)),
        regs::rating_comment.eq(comment),
        regs::rated_at.eq(Some(now.naive_utc())),
    ))
    .execute(conn)?;
    Ok(if stored == 1 {
        Ok(())
    } else {
        Err(Refused::AlreadyRated)
    })
}
