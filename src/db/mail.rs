//! Mail intents in and out of storage: the intents of webinar mail (the
//! queue writes its own, in `queue/mail.rs`), and at delivery what an
//! intent is about as it stands now, or the reason it no longer applies.
//! Nothing here writes a word of the mail.

use chrono::{DateTime, Duration, Utc};

use super::chance;
use super::queue::{self, RequestRow};
use super::registrations::{self, RegistrationRow};
use super::webinars::{self, Webinar};
use super::{AnyConnection, outbox::OutboxRow, users, utc};
use crate::db::DbError;
use crate::domain::locale::Locale;
use crate::domain::mail::{Intent, MailJob, MailKind, Recipient, SessionInfo, SessionKind};
use crate::domain::queue::{AppointmentStatus, RequestStatus};
use crate::domain::registration::RegistrationStatus;
use crate::domain::webinar::Status;

/// A mail about a registration of `webinar`.
pub fn webinar_intent(
    kind: MailKind,
    webinar: &Webinar,
    reg: &RegistrationRow,
    detail: Option<i64>,
) -> Intent {
    Intent {
        kind,
        recipient: reg.email.clone(),
        webinar_id: Some(webinar.row.id.clone()),
        booking_id: Some(reg.id.clone()),
        appointment_id: None,
        user_id: None,
        sequence: Some(webinar.row.sequence),
        detail,
    }
}

/// What an intent comes to at delivery.
#[derive(Debug)]
pub enum Loaded {
    Mail(Box<MailJob>),
    /// Its occasion has passed; the reason names no one.
    Superseded(&'static str),
}

const GONE: Loaded = Loaded::Superseded("what it was about no longer exists");
const ERASED: Loaded = Loaded::Superseded("erased on request");
const CHANGED: Loaded = Loaded::Superseded("the booking changed before it was sent");
const UNKNOWN: Loaded = Loaded::Superseded("unknown kind of mail");

fn locale(code: &str) -> Locale {
    Locale::parse(code).unwrap_or(Locale::En)
}

fn zone(name: &str) -> chrono_tz::Tz {
    name.parse().unwrap_or(chrono_tz::UTC)
}

/// Loads what `row` (an e-mail intent) is about, as it stands now.
pub fn load(conn: &mut AnyConnection, row: &OutboxRow) -> Result<Loaded, DbError> {
    let Some(kind) = MailKind::from_topic(&row.topic) else {
        return Ok(UNKNOWN);
    };
    if let Some(appointment_id) = &row.appointment_id {
        return appointment_mail(conn, kind, row, appointment_id);
    }
    match kind {
        MailKind::Queued | MailKind::QueueConfirm => request_mail(conn, kind, row),
        MailKind::MinimumWarning | MailKind::MinimumCancelledHost => host_mail(conn, kind, row),
        _ => webinar_mail(conn, kind, row),
    }
}

/// A mail to a webinar's host about the webinar; `count` is the number of
/// confirmed registrations at the time.
pub fn host_intent(kind: MailKind, webinar: &Webinar, host_email: &str, count: i64) -> Intent {
    Intent {
        kind,
        recipient: host_email.to_owned(),
        webinar_id: Some(webinar.row.id.clone()),
        booking_id: None,
        appointment_id: None,
        user_id: Some(webinar.row.host_id.clone()),
        sequence: Some(webinar.row.sequence),
        detail: Some(count),
    }
}

fn host_mail(conn: &mut AnyConnection, kind: MailKind, row: &OutboxRow) -> Result<Loaded, DbError> {
    let Some(webinar_id) = &row.webinar_id else {
        return Ok(GONE);
    };
    let Some(webinar) = webinars::find(conn, webinar_id)? else {
        return Ok(GONE);
    };
    // A warning is moot once the session is off.
    if kind == MailKind::MinimumWarning && webinar.status()? != Status::Scheduled {
        return Ok(CHANGED);
    }
    let Some(host) = users::find(conn, &webinar.row.host_id)? else {
        return Ok(GONE);
    };
    let to = Recipient {
        booking_id: webinar.row.id.clone(),
        email: host.email,
        name: host.name,
        timezone: zone(&host.timezone),
        locale: locale(&host.locale),
        position: row.detail,
        reminder_minutes: None,
        offer_until: None,
        seat_chance: None,
    };
    let session = webinar.session();
    Ok(Loaded::Mail(Box::new(MailJob { kind, session, to })))
}

fn webinar_mail(
    conn: &mut AnyConnection,
    kind: MailKind,
    row: &OutboxRow,
) -> Result<Loaded, DbError> {
    let (Some(webinar_id), Some(reg_id)) = (&row.webinar_id, &row.registration_id) else {
        return Ok(GONE);
    };
    let (Some(webinar), Some(reg)) = (
        webinars::find(conn, webinar_id)?,
        registrations::find(conn, reg_id)?,
    ) else {
        return Ok(GONE);
    };
    if reg.erased_at.is_some() {
        return Ok(ERASED);
    }
    // An invitation, update or reminder only while the seat is still held
    // and the session still on; a waiting-list notice only while waiting.
    let status = reg.status()?;
    let still = match kind {
        MailKind::Invite
        | MailKind::Promoted
        | MailKind::Updated
        | MailKind::Reminder
        | MailKind::RolledOver => {
            status == RegistrationStatus::Confirmed && webinar.status()? == Status::Scheduled
        }
        MailKind::Waitlisted | MailKind::RolledOverWaitlisted => {
            status == RegistrationStatus::Waitlisted
        }
        MailKind::SeatOffered => status == RegistrationStatus::Offered,
        _ => true,
    };
    if !still {
        return Ok(CHANGED);
    }
    let mut session = webinar.session();
    if let Some(sequence) = row.sequence {
        session.sequence = sequence;
    }
    if matches!(kind, MailKind::TooFewCancelled | MailKind::FollowUpMissed) {
        session.next = webinars::next_in_series(conn, &webinar.row)?;
    }
    let waiting = matches!(kind, MailKind::Waitlisted | MailKind::RolledOverWaitlisted);
    let position = waiting.then_some(row.detail).flatten();
    let seat_chance = match position {
        Some(_) => {
            let rate = chance::cancel_rate(conn, &webinar.row, utc(row.created_at))?;
            chance::chance_of(rate, &webinar.row, &reg, position)
        }
        None => None,
    };
    let offer_until = reg.offer_expires_at.map(utc);
    let to = Recipient {
        booking_id: reg.id,
        email: reg.email,
        name: reg.name,
        timezone: zone(&reg.timezone),
        locale: locale(&reg.locale),
        position,
        reminder_minutes: (kind == MailKind::Reminder).then_some(row.detail).flatten(),
        offer_until,
        seat_chance,
    };
    Ok(Loaded::Mail(Box::new(MailJob { kind, session, to })))
}

fn customer(req: &RequestRow) -> Recipient {
    Recipient {
        booking_id: req.id.clone(),
        email: req.email.clone(),
        name: req.name.clone(),
        timezone: zone(&req.timezone),
        locale: locale(&req.locale),
        position: None,
        reminder_minutes: None,
        offer_until: None,
        seat_chance: None,
    }
}

fn appointment_mail(
    conn: &mut AnyConnection,
    kind: MailKind,
    row: &OutboxRow,
    appointment_id: &str,
) -> Result<Loaded, DbError> {
    let Some(appt) = queue::find_appointment(conn, appointment_id)? else {
        return Ok(GONE);
    };
    let Some(req) = queue::find_request(conn, &appt.row.request_id)? else {
        return Ok(GONE);
    };
    // The CSM's calendar still loses an erased customer's hour (the
    // erasure left nothing personal in the request).
    if req.erased_at.is_some() && kind != MailKind::AppointmentCancelledForHost {
        return Ok(ERASED);
    }
    let scheduled =
        AppointmentStatus::parse(&appt.row.status) == Some(AppointmentStatus::Scheduled);
    let still = match kind {
        MailKind::Appointment | MailKind::AppointmentForHost | MailKind::Reminder => scheduled,
        _ => true,
    };
    if !still {
        return Ok(CHANGED);
    }
    let session = SessionInfo {
        kind: SessionKind::Appointment,
        id: appt.row.id.clone(),
        title: String::new(),
        description: String::new(),
        starts_at: utc(appt.row.starts_at),
        ends_at: utc(appt.row.ends_at),
        join_url: None,
        sequence: row.sequence.unwrap_or(appt.row.sequence),
        host_name: appt.host_name.clone(),
        host_email: appt.host_email.clone(),
        topic: req.topic.clone(),
        situation: req.situation.clone(),
        customer: req.name.clone(),
        company: req.company.clone(),
        min_attendees: None,
        next: None,
        recording_url: None,
        offers_seats: false,
    };
    let to = if kind.is_for_staff() {
        let Some(host) = users::find(conn, &appt.row.host_id)? else {
            return Ok(GONE);
        };
        Recipient {
            booking_id: req.id.clone(),
            email: host.email,
            name: host.name,
            timezone: zone(&host.timezone),
            locale: locale(&host.locale),
            position: None,
            reminder_minutes: None,
            offer_until: None,
            seat_chance: None,
        }
    } else {
        let mut to = customer(&req);
        to.reminder_minutes = (kind == MailKind::Reminder).then_some(row.detail).flatten();
        to
    };
    Ok(Loaded::Mail(Box::new(MailJob { kind, session, to })))
}

/// How long the "you are in the queue" mail's manage link stays valid.
const QUEUED_LINK_DAYS: i64 = 365;

fn request_mail(
    conn: &mut AnyConnection,
    kind: MailKind,
    row: &OutboxRow,
) -> Result<Loaded, DbError> {
    let Some(request_id) = &row.registration_id else {
        return Ok(GONE);
    };
    let Some(req) = queue::find_request(conn, request_id)? else {
        return Ok(GONE);
    };
    if req.erased_at.is_some() {
        return Ok(ERASED);
    }
    let status = RequestStatus::parse(&req.status);
    let since: DateTime<Utc> = utc(row.created_at);
    // A request mail's "session" is the request itself, from when it was
    // made until the link in it stops working.
    let until = match kind {
        MailKind::QueueConfirm if status == Some(RequestStatus::Unconfirmed) => {
            match req.confirm_by {
                Some(by) => utc(by),
                None => return Ok(CHANGED),
            }
        }
        MailKind::Queued if status == Some(RequestStatus::Waiting) => {
            since + Duration::days(QUEUED_LINK_DAYS)
        }
        _ => return Ok(CHANGED),
    };
    let session = SessionInfo {
        kind: SessionKind::Appointment,
        id: req.id.clone(),
        title: String::new(),
        description: String::new(),
        starts_at: since,
        ends_at: until,
        join_url: None,
        sequence: 0,
        host_name: String::new(),
        host_email: String::new(),
        topic: req.topic.clone(),
        situation: req.situation.clone(),
        customer: req.name.clone(),
        company: req.company.clone(),
        min_attendees: None,
        next: None,
        recording_url: None,
        offers_seats: false,
    };
    let mut to = customer(&req);
    to.position = row.detail;
    Ok(Loaded::Mail(Box::new(MailJob { kind, session, to })))
}
