//! The transactions that decide who has a seat. Each begins by taking the
//! webinar's row lock ([`webinars::lock`]; a registration takes it with its
//! seat, [`webinars::arrive`]): the lock guards the invariant that a
//! capped webinar never has more confirmed seats than its capacity (the
//! table's CHECK constraint backs it up), that its counters equal its rows,
//! and the arrival order: each registration's `arrival` is handed out under
//! the lock (`webinars.arrivals` + 1), and the waiting list is served and
//! numbered by it. The e-mails each change causes are written to the outbox
//! as intents in the same transaction (rendered later, at delivery).

use chrono::{DateTime, Utc};

use super::registrations::{self, Placement, RegistrationRow};
use super::webinars::{self, Webinar};
use super::{AnyConnection, mail::webinar_intent, new_id, outbox, utc, webhooks};
use crate::db::DbError;
use crate::domain::mail::MailKind;
use crate::domain::registration::{
    NewRegistration, RegistrationStatus, Seat, may_resend, promotions,
};
use crate::domain::time;
use crate::domain::validation::ValidationErrors;
use crate::domain::webinar::{Kind, Status, WebinarPatch};

fn session_closed() -> DbError {
    DbError::conflict(
        "session_closed",
        "registration is closed: the session has started or was cancelled",
    )
}

pub(super) fn locked(conn: &mut AnyConnection, webinar_id: &str) -> Result<Webinar, DbError> {
    webinars::lock(conn, webinar_id)?.ok_or(DbError::NotFound("no webinar with this id"))
}

/// Queues the mail of `kind` about `webinar` for `reg`.
pub(super) fn mail(
    conn: &mut AnyConnection,
    kind: MailKind,
    webinar: &Webinar,
    reg: &RegistrationRow,
    position: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    outbox::enqueue(conn, &webinar_intent(kind, webinar, reg, position), now)?;
    Ok(())
}

/// The webhook payload of a registration. Contact details only for people
/// who consented to marketing; otherwise ids and facts.
fn payload(
    reg: &RegistrationRow,
    webinar: &Webinar,
    status: RegistrationStatus,
) -> serde_json::Value {
    let mut data = serde_json::json!({
        "registration_id": reg.id,
        "webinar_id": webinar.row.id,
        "webinar_title": webinar.row.title,
        "kind": webinar.row.kind,
        "topic": webinar.row.topic,
        "starts_at": time::format(utc(webinar.row.starts_at)),
        "status": status.as_str(),
        "marketing_consent": reg.marketing_consent,
    });
    if reg.marketing_consent {
        data["email"] = reg.email.clone().into();
        data["name"] = reg.name.clone().into();
        data["company"] = reg.company.clone().into();
    }
    data
}

/// The outcome of a registration attempt.
pub struct Booked {
    pub registration: RegistrationRow,
    pub waitlist_position: Option<i64>,
    /// When the session ends (manage tokens stay valid a while after).
    pub session_ends_at: DateTime<Utc>,
    /// The address was already registered: nothing new was stored.
    pub already_registered: bool,
    /// A repeat e-mailed the confirmation again (at most once per
    /// [`crate::domain::registration::RESEND_INTERVAL`]).
    pub confirmation_resent: bool,
}

/// Registers `new`, or answers a repeat. The seat is decided by one
/// UPDATE ([`webinars::arrive`]: a seat, else the end of the waiting list)
/// that takes the webinar's row lock and hands out the arrival number; `clock` is read once the lock is held, so that
/// registration times follow the arrival order as the waiting-list
/// positions do. A refusal after that returns an error, and the rollback
/// gives the counters back.
pub fn register(
    conn: &mut AnyConnection,
    webinar_id: &str,
    new: &NewRegistration,
    clock: impl FnOnce() -> DateTime<Utc>,
) -> Result<Booked, DbError> {
    let (row, seat) =
        webinars::arrive(conn, webinar_id)?.ok_or(DbError::NotFound("no webinar with this id"))?;
    let now = clock();
    // Only the row is needed: the mail is rendered later, with the host.
    let webinar = Webinar {
        row,
        host_name: String::new(),
        host_email: String::new(),
    };
    if !webinar.is_open(now) {
        return Err(session_closed());
    }
    if webinar.kind()? == Kind::Expert && new.situation.is_none() {
        return Err(ValidationErrors::single(
            "situation",
            "describe your situation: this expert webinar needs it",
        )
        .into());
    }
    // Everyone waiting arrived earlier: a newcomer to the list is last on it.
    let (status, position) = match seat {
        Seat::Confirmed => (RegistrationStatus::Confirmed, None),
        Seat::Waitlisted => (
            RegistrationStatus::Waitlisted,
            Some(i64::from(webinar.row.waitlist_length)),
        ),
    };
    let placement = Placement {
        status,
        arrival: webinar.row.arrivals,
    };
    let Some(registration) =
        registrations::insert(conn, &new_id(), webinar_id, new, placement, now)?
    else {
        webinars::give_back(conn, webinar_id, seat)?;
        let existing = registrations::find_active(conn, webinar_id, new.email.as_str())?
            .ok_or_else(|| DbError::corrupt("an active registration vanished under the lock"))?;
        return repeat(conn, &webinar, existing, now);
    };
    let kind = match status {
        RegistrationStatus::Waitlisted => MailKind::Waitlisted,
        _ => MailKind::Invite,
    };
    mail(conn, kind, &webinar, &registration, position, now)?;
    webhooks::emit(
        conn,
        "registration.created",
        payload(&registration, &webinar, status),
        Some(&registration.id),
        now,
    )?;
    Ok(Booked {
        registration,
        waitlist_position: position,
        session_ends_at: utc(webinar.row.ends_at),
        already_registered: false,
        confirmation_resent: false,
    })
}

/// The same address again: nothing is stored, and the confirmation goes
/// out again unless a repeat re-sent it recently.
fn repeat(
    conn: &mut AnyConnection,
    webinar: &Webinar,
    existing: RegistrationRow,
    now: DateTime<Utc>,
) -> Result<Booked, DbError> {
    let resend = may_resend(existing.resent_at.map(utc), now);
    let mut position = None;
    if resend {
        position = registrations::position_of(conn, &existing)?;
        let kind = match position {
            Some(_) => MailKind::Waitlisted,
            None => MailKind::Invite,
        };
        mail(conn, kind, webinar, &existing, position, now)?;
        registrations::mark_resent(conn, &existing.id, now)?;
    }
    Ok(Booked {
        registration: existing,
        waitlist_position: position,
        session_ends_at: utc(webinar.row.ends_at),
        already_registered: true,
        confirmation_resent: resend,
    })
}

/// Hands free seats to the first on the waiting list: at once, or (in
/// `offer` mode, while an offer can still run out before the start) held
/// for them as an offer they claim from the mail. A held seat counts as
/// taken, so confirmed plus offered never exceeds the capacity.
fn promote(
    conn: &mut AnyConnection,
    webinar: &mut Webinar,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let n = promotions(
        webinar.row.capacity,
        webinar.row.seats_taken,
        webinar.row.waitlist_length,
    );
    if n == 0 {
        return Ok(());
    }
    let offer_until = webinar
        .policy()?
        .offer_until(now, utc(webinar.row.starts_at));
    let lucky = registrations::with_status(
        conn,
        &webinar.row.id,
        RegistrationStatus::Waitlisted,
        Some(i64::from(n)),
    )?;
    for reg in &lucky {
        webinar.row.seats_taken += 1;
        webinar.row.waitlist_length -= 1;
        if let Some(until) = offer_until {
            registrations::offer(conn, &reg.id, until, now)?;
            mail(conn, MailKind::SeatOffered, webinar, reg, None, now)?;
            continue;
        }
        registrations::set_status(conn, &reg.id, RegistrationStatus::Confirmed, now)?;
        mail(conn, MailKind::Promoted, webinar, reg, None, now)?;
        webhooks::emit(
            conn,
            "registration.promoted",
            payload(reg, webinar, RegistrationStatus::Confirmed),
            Some(&reg.id),
            now,
        )?;
    }
    Ok(())
}

fn not_offered() -> DbError {
    DbError::conflict(
        "not_offered",
        "no seat is offered to this registration (it may have run out)",
    )
}

/// A registration and its webinar, the webinar locked and the registration
/// read again under the lock (a concurrent change may have won).
fn locked_registration(
    conn: &mut AnyConnection,
    registration_id: &str,
) -> Result<(Webinar, RegistrationRow), DbError> {
    let not_found = || DbError::NotFound("no registration with this id");
    let webinar_id = registrations::find(conn, registration_id)?
        .ok_or_else(not_found)?
        .webinar_id;
    let webinar = locked(conn, &webinar_id)?;
    let reg = registrations::find(conn, registration_id)?.ok_or_else(not_found)?;
    Ok((webinar, reg))
}

/// Claims an offered seat: confirmed, with the invitation. A second claim
/// of a seat already claimed answers the same.
pub fn claim(
    conn: &mut AnyConnection,
    registration_id: &str,
    now: DateTime<Utc>,
) -> Result<RegistrationRow, DbError> {
    let (webinar, reg) = locked_registration(conn, registration_id)?;
    match reg.status()? {
        RegistrationStatus::Confirmed if reg.seated => return Ok(reg),
        RegistrationStatus::Offered => {}
        _ => return Err(not_offered()),
    }
    // Until the expiry job has run, a lapsed offer is still stored as one.
    let lapsed = reg.offer_expires_at.is_none_or(|at| utc(at) <= now);
    if lapsed || !webinar.is_open(now) {
        return Err(not_offered());
    }
    registrations::set_status(conn, &reg.id, RegistrationStatus::Confirmed, now)?;
    mail(conn, MailKind::Invite, &webinar, &reg, None, now)?;
    webhooks::emit(
        conn,
        "registration.promoted",
        payload(&reg, &webinar, RegistrationStatus::Confirmed),
        Some(&reg.id),
        now,
    )?;
    registrations::find(conn, registration_id)?
        .ok_or(DbError::NotFound("no registration with this id"))
}

/// Lets one offer that ran out go: the registration leaves the list (with
/// a mail saying so) and the seat passes on. `false` when it was claimed,
/// cancelled or already expired by another instance first: the lock and
/// the re-read make each expiry happen once.
pub fn expire_offer(
    conn: &mut AnyConnection,
    registration_id: &str,
    webinar_id: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let mut webinar = locked(conn, webinar_id)?;
    let Some(reg) = registrations::find(conn, registration_id)? else {
        return Ok(false);
    };
    let due = reg.offer_expires_at.is_some_and(|at| utc(at) <= now);
    if reg.status()? != RegistrationStatus::Offered || !due {
        return Ok(false);
    }
    registrations::set_status(conn, &reg.id, RegistrationStatus::Cancelled, now)?;
    webinar.row.seats_taken -= 1;
    mail(conn, MailKind::OfferExpired, &webinar, &reg, None, now)?;
    webhooks::emit(
        conn,
        "registration.cancelled",
        payload(&reg, &webinar, RegistrationStatus::Cancelled),
        Some(&reg.id),
        now,
    )?;
    if webinar.is_open(now) {
        promote(conn, &mut webinar, now)?;
    }
    webinars::save_counters(conn, &webinar, now)?;
    Ok(true)
}

/// Cancels a registration (idempotent); a freed seat goes to the first on
/// the waiting list in the same transaction.
pub fn cancel_registration(
    conn: &mut AnyConnection,
    registration_id: &str,
    now: DateTime<Utc>,
) -> Result<RegistrationRow, DbError> {
    let (mut webinar, reg) = locked_registration(conn, registration_id)?;
    let was = reg.status()?;
    if was == RegistrationStatus::Cancelled {
        return Ok(reg);
    }
    if utc(webinar.row.ends_at) <= now {
        return Err(DbError::conflict("session_closed", "the session is over"));
    }
    registrations::set_status(conn, &reg.id, RegistrationStatus::Cancelled, now)?;
    webhooks::emit(
        conn,
        "registration.cancelled",
        payload(&reg, &webinar, RegistrationStatus::Cancelled),
        Some(&reg.id),
        now,
    )?;
    match was {
        RegistrationStatus::Confirmed => {
            webinar.row.seats_taken -= 1;
            // After a whole-webinar cancel the registrant already had a CANCEL.
            if webinar.status()? == Status::Scheduled {
                mail(conn, MailKind::Cancelled, &webinar, &reg, None, now)?;
            }
            if webinar.is_open(now) {
                promote(conn, &mut webinar, now)?;
            }
        }
        RegistrationStatus::Offered => {
            // Declined: the held seat passes on.
            webinar.row.seats_taken -= 1;
            mail(conn, MailKind::LeftWaitlist, &webinar, &reg, None, now)?;
            if webinar.is_open(now) {
                promote(conn, &mut webinar, now)?;
            }
        }
        RegistrationStatus::Waitlisted => {
            webinar.row.waitlist_length -= 1;
            mail(conn, MailKind::LeftWaitlist, &webinar, &reg, None, now)?;
        }
        RegistrationStatus::Cancelled => {}
    }
    webinars::save_counters(conn, &webinar, now)?;
    registrations::find(conn, registration_id)?
        .ok_or(DbError::NotFound("no registration with this id"))
}

/// Applies a host's edit. Moving the session or changing what the invite
/// shows sends every confirmed registrant an update (same UID, SEQUENCE + 1);
/// a higher capacity moves people up from the waiting list.
pub fn update_webinar(
    conn: &mut AnyConnection,
    webinar_id: &str,
    patch: &WebinarPatch,
    now: DateTime<Utc>,
) -> Result<Webinar, DbError> {
    let mut webinar = locked(conn, webinar_id)?;
    if webinar.status()? == Status::Cancelled {
        return Err(DbError::conflict(
            "session_closed",
            "the webinar is cancelled",
        ));
    }
    let before = webinar.state()?;
    let after = before.patched(patch, now)?;
    if let Some(cap) = after.capacity
        && cap < webinar.row.seats_taken
    {
        return Err(DbError::conflict(
            "capacity_below_taken",
            format!(
                "{} seats are taken; the capacity cannot go below that",
                webinar.row.seats_taken
            ),
        ));
    }
    let changed = before.invite_changed(&after);
    if before.starts_at != after.starts_at {
        // Reminders count from the new start.
        registrations::forget_reminders(conn, webinar_id)?;
    }
    let sequence = webinar.row.sequence + i32::from(changed);
    webinars::save_state(
        conn,
        webinar_id,
        &webinar.row.host_id,
        &after,
        sequence,
        now,
    )?;
    webinar =
        webinars::find(conn, webinar_id)?.ok_or(DbError::NotFound("no webinar with this id"))?;
    if changed {
        for reg in
            registrations::with_status(conn, webinar_id, RegistrationStatus::Confirmed, None)?
        {
            mail(conn, MailKind::Updated, &webinar, &reg, None, now)?;
        }
    }
    if webinar.is_open(now) {
        promote(conn, &mut webinar, now)?;
        webinars::save_counters(conn, &webinar, now)?;
    }
    Ok(webinar)
}

/// Cancels the whole webinar: confirmed registrants get METHOD:CANCEL, the
/// waiting list a plain notice.
pub fn cancel_webinar(
    conn: &mut AnyConnection,
    webinar_id: &str,
    now: DateTime<Utc>,
) -> Result<Webinar, DbError> {
    let webinar = locked(conn, webinar_id)?;
    cancel_locked(conn, webinar, None, now)
}

/// Cancels a webinar whose lock is held; `reason` when it was not its
/// host's decision (`too_few_registrations`), which the mails then give.
pub(super) fn cancel_locked(
    conn: &mut AnyConnection,
    webinar: Webinar,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Webinar, DbError> {
    if webinar.status()? == Status::Cancelled {
        return Ok(webinar);
    }
    let webinar_id = webinar.row.id.as_str();
    let sequence = webinar.row.sequence + 1;
    webinars::mark_cancelled(conn, webinar_id, sequence, reason, now)?;
    let webinar =
        webinars::find(conn, webinar_id)?.ok_or(DbError::NotFound("no webinar with this id"))?;
    let webinar_id = webinar.row.id.as_str();
    let kind = match reason {
        Some(_) => MailKind::TooFewCancelled,
        None => MailKind::WebinarCancelled,
    };
    for reg in registrations::with_status(conn, webinar_id, RegistrationStatus::Confirmed, None)? {
        mail(conn, kind, &webinar, &reg, None, now)?;
    }
    for reg in registrations::with_status(conn, webinar_id, RegistrationStatus::Offered, None)? {
        mail(conn, MailKind::LeftWaitlist, &webinar, &reg, None, now)?;
    }
    for reg in registrations::with_status(conn, webinar_id, RegistrationStatus::Waitlisted, None)? {
        mail(conn, MailKind::LeftWaitlist, &webinar, &reg, None, now)?;
    }
    Ok(webinar)
}

/// Marks attendance; every id must be a confirmed registration of this
/// webinar, or nothing is stored.
pub fn mark_attendance(
    conn: &mut AnyConnection,
    webinar_id: &str,
    attended: &[String],
    no_show: &[String],
    now: DateTime<Utc>,
) -> Result<usize, DbError> {
    locked(conn, webinar_id)?;
    let mut unknown = Vec::new();
    for (ids, value, field) in [(attended, true, "attended"), (no_show, false, "no_show")] {
        for (i, id) in ids.iter().enumerate() {
            if !registrations::set_attended(conn, webinar_id, id, value, now)? {
                unknown.push(crate::domain::validation::FieldError {
                    field: format!("{field}[{i}]"),
                    message: "is not a confirmed registration of this webinar".into(),
                });
            }
        }
    }
    if !unknown.is_empty() {
        return Err(ValidationErrors(unknown).into());
    }
    webhooks::emit(
        conn,
        "attendance.marked",
        serde_json::json!({"webinar_id": webinar_id, "attended": attended, "no_show": no_show}),
        None,
        now,
    )?;
    Ok(attended.len() + no_show.len())
}
