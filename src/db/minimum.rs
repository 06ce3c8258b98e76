//! Minimum attendees: a day before the decision the host is warned if too
//! few are confirmed; at `starts_at − decision_hours` a session still short
//! of its minimum is cancelled (`too_few_registrations`), its registrants
//! get METHOD:CANCEL with the next occurrence, and the host is told. Each
//! step is stamped on the webinar row under its lock (`warned_at`,
//! `decided_at`), so it happens once however many instances look.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::booking::{cancel_locked, locked};
use super::mail::host_intent;
use super::schema::{registrations, webinars};
use super::{AnyConnection, outbox, utc};
use crate::db::DbError;
use crate::domain::mail::MailKind;
use crate::domain::policy::DECISION_HOURS;
use crate::domain::registration::RegistrationStatus;
use crate::domain::webinar::Status;

/// The host hears this long before the decision.
pub const WARNING_AHEAD: Duration = Duration::hours(24);

pub const REASON: &str = "too_few_registrations";

/// What is due for one webinar at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Warn,
    Decide,
}

/// Webinars with a minimum whose warning or decision is due at `now`.
pub fn due(conn: &mut AnyConnection, now: DateTime<Utc>) -> Result<Vec<(String, Step)>, DbError> {
    // Decisions lie at most DECISION_HOURS (plus the warning) ahead of
    // the start: only those sessions are read, then judged one by one.
    let horizon = now + Duration::hours(*DECISION_HOURS.end()) + WARNING_AHEAD;
    let rows: Vec<(String, NaiveDateTime, i32, Option<NaiveDateTime>)> = webinars::table
        .filter(webinars::status.eq(Status::Scheduled.as_str()))
        .filter(webinars::min_attendees.is_not_null())
        .filter(webinars::decided_at.is_null())
        .filter(webinars::starts_at.gt(now.naive_utc()))
        .filter(webinars::starts_at.le(horizon.naive_utc()))
        .select((
            webinars::id,
            webinars::starts_at,
            webinars::decision_hours,
            webinars::warned_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, starts_at, hours, warned)| {
            let decide_at = utc(starts_at) - Duration::hours(i64::from(hours));
            if now >= decide_at {
                Some((id, Step::Decide))
            } else if warned.is_none() && now >= decide_at - WARNING_AHEAD {
                Some((id, Step::Warn))
            } else {
                None
            }
        })
        .collect())
}

fn confirmed(conn: &mut AnyConnection, webinar_id: &str) -> Result<i64, DbError> {
    Ok(registrations::table
        .filter(registrations::webinar_id.eq(webinar_id))
        .filter(registrations::status.eq(RegistrationStatus::Confirmed.as_str()))
        .count()
        .get_result(conn)?)
}

/// Runs `step` for one webinar; `true` when it did something (a warning
/// mailed, or a session cancelled), `false` when nothing was needed or
/// another instance was first.
pub fn run(
    conn: &mut AnyConnection,
    webinar_id: &str,
    step: Step,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let webinar = locked(conn, webinar_id)?;
    let Some(minimum) = webinar.row.min_attendees else {
        return Ok(false);
    };
    if webinar.status()? != Status::Scheduled || webinar.row.decided_at.is_some() {
        return Ok(false);
    }
    let count = confirmed(conn, webinar_id)?;
    let short = count < i64::from(minimum);
    let target = webinars::table.filter(webinars::id.eq(webinar_id));
    match step {
        Step::Warn => {
            if webinar.row.warned_at.is_some() {
                return Ok(false);
            }
            diesel::update(target)
                .set(webinars::warned_at.eq(Some(now.naive_utc())))
                .execute(conn)?;
            if short {
                let host = &webinar.host_email;
                let intent = host_intent(MailKind::MinimumWarning, &webinar, host, count);
                outbox::enqueue(conn, &intent, now)?;
            }
            Ok(short)
        }
        Step::Decide => {
            diesel::update(target)
                .set(webinars::decided_at.eq(Some(now.naive_utc())))
                .execute(conn)?;
            if !short {
                return Ok(false);
            }
            let host_email = webinar.host_email.clone();
            let cancelled = cancel_locked(conn, webinar, Some(REASON), now)?;
            let intent = host_intent(
                MailKind::MinimumCancelledHost,
                &cancelled,
                &host_email,
                count,
            );
            outbox::enqueue(conn, &intent, now)?;
            Ok(true)
        }
    }
}
