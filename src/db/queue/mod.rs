//! The one-hour queue in the database: requests, appointments, free slots,
//! and the transactions around the allocator.
//!
//! Locks: every queue transaction first takes the `queue` row of `locks`, so
//! allocations (from any instance) happen one at a time and see each other's
//! results. Booking an hour for a CSM also takes that CSM's `users` row, as
//! does planning a webinar for them: under that lock the hour is checked
//! against the CSM's webinars and appointments, so a CSM is never
//! double-booked. The unique index on (host_id, starts_at) backs it up.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::schema::{appointments, locks, queue_requests};
use super::{AnyConnection, accounts, new_id, utc};
use crate::config::QueueSettings;
use crate::db::error::{DbError, is_unique_violation};
use crate::domain::account::Segment;
use crate::domain::allocator::{self, HostSlots, Waiting};
use crate::domain::availability::{SLOT, Window, WindowDto, parse_windows, preferred_intervals};
use crate::domain::queue::{
    AppointmentStatus, CONFIRM_WITHIN_HOURS, NewQueueRequest, RequestStatus,
};
use crate::domain::validation::Validator;

mod mail;
mod reads;
mod slots;

pub use mail::appointment_intent;
use mail::{mail_both, mail_confirm, mail_queued};
pub use reads::{
    Queued, appointments_between, find_appointment, find_request, live_appointment, position,
    status_of, waiting,
};
use slots::week_load;
pub use slots::{HostFree, appointment_overlaps, free_slots, host_busy, lock_host};

#[derive(Debug, Clone, Queryable)]
pub struct RequestRow {
    pub id: String,
    pub email: String,
    pub name: String,
    pub company: Option<String>,
    pub account_id: Option<String>,
    pub topic: String,
    pub situation: String,
    pub timezone: String,
    pub locale: String,
    pub preferred: String,
    pub status: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub not_before: Option<NaiveDateTime>,
    pub erased_at: Option<NaiveDateTime>,
    /// An unconfirmed request lapses at this time.
    pub confirm_by: Option<NaiveDateTime>,
}

impl RequestRow {
    pub fn status(&self) -> Result<RequestStatus, DbError> {
        RequestStatus::parse(&self.status).ok_or_else(|| DbError::corrupt("unknown request status"))
    }

    pub fn preferred_dtos(&self) -> Vec<WindowDto> {
        serde_json::from_str(&self.preferred).unwrap_or_default()
    }

    fn preferred_windows(&self) -> Vec<Window> {
        let mut v = Validator::new();
        parse_windows("preferred", &self.preferred_dtos(), &mut v)
    }

    fn tz(&self) -> chrono_tz::Tz {
        self.timezone.parse().unwrap_or(chrono_tz::UTC)
    }
}

#[derive(Debug, Clone, Queryable)]
pub struct AppointmentRow {
    pub id: String,
    pub request_id: String,
    pub host_id: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub status: String,
    pub notes: Option<String>,
    pub sequence: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// An appointment with its CSM's name and address.
#[derive(Debug, Clone)]
pub struct Appointment {
    pub row: AppointmentRow,
    pub host_name: String,
    pub host_email: String,
}

fn lock_queue(conn: &mut AnyConnection, now: DateTime<Utc>) -> Result<(), DbError> {
    diesel::update(locks::table.filter(locks::name.eq("queue")))
        .set(locks::touched_at.eq(now.naive_utc()))
        .execute(conn)?;
    Ok(())
}

/// The range the queue hands out hours in.
fn horizon(cfg: &QueueSettings, now: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
    (
        now + Duration::hours(i64::from(cfg.min_notice_hours)),
        now + Duration::days(i64::from(cfg.horizon_days)),
    )
}

fn waiting_entry(req: &RequestRow, from: DateTime<Utc>, to: DateTime<Utc>) -> Waiting {
    let windows = req.preferred_windows();
    Waiting {
        id: req.id.clone(),
        preferred: (!windows.is_empty()).then(|| preferred_intervals(req.tz(), &windows, from, to)),
        not_before: req.not_before.map(utc),
    }
}

/// Books `start` with `host` for the request, under the CSM's lock.
/// `None` if the hour turned out to be taken.
fn book(
    conn: &mut AnyConnection,
    req: &RequestRow,
    host: &HostFree,
    start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Option<Appointment>, DbError> {
    lock_host(conn, &host.host_id)?;
    if host_busy(conn, &host.host_id, start, start + SLOT, None)? {
        return Ok(None);
    }
    let row: AppointmentRow = diesel::insert_into(appointments::table)
        .values((
            appointments::id.eq(new_id()),
            appointments::request_id.eq(&req.id),
            appointments::host_id.eq(&host.host_id),
            appointments::starts_at.eq(start.naive_utc()),
            appointments::ends_at.eq((start + SLOT).naive_utc()),
            appointments::status.eq(AppointmentStatus::Scheduled.as_str()),
            appointments::sequence.eq(0),
            appointments::created_at.eq(now.naive_utc()),
            appointments::updated_at.eq(now.naive_utc()),
        ))
        .returning(appointments::all_columns)
        .get_result(conn)?;
    set_request(conn, &req.id, RequestStatus::Scheduled, req.not_before, now)?;
    let appt = Appointment {
        row,
        host_name: host.host_name.clone(),
        host_email: host.host_email.clone(),
    };
    mail_both(conn, &appt, req, false, now)?;
    super::webhooks::emit(
        conn,
        "queue.scheduled",
        serde_json::json!({
            "request_id": req.id,
            "appointment_id": appt.row.id,
            "host_id": appt.row.host_id,
            "starts_at": crate::domain::time::format(utc(appt.row.starts_at)),
            "ends_at": crate::domain::time::format(utc(appt.row.ends_at)),
            "topic": req.topic,
        }),
        // Tied to the request, so that erasing its owner reaches the row.
        Some(&req.id),
        now,
    )?;
    Ok(Some(appt))
}

fn set_request(
    conn: &mut AnyConnection,
    id: &str,
    status: RequestStatus,
    not_before: Option<NaiveDateTime>,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    diesel::update(queue_requests::table.find(id))
        .set((
            queue_requests::status.eq(status.as_str()),
            queue_requests::not_before.eq(not_before),
            queue_requests::updated_at.eq(now.naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Serves the waiting requests in arrival order; the caller holds the
/// queue lock. Returns how many got an hour.
fn allocate_locked(
    conn: &mut AnyConnection,
    cfg: &QueueSettings,
    now: DateTime<Utc>,
) -> Result<usize, DbError> {
    // Free hours first: when every hour is booked, the waiting list (which
    // is then at its longest) is not read at all.
    let (from, to) = horizon(cfg, now);
    let hosts = free_slots(conn, from, to)?;
    if hosts.iter().all(|h| h.starts.is_empty()) {
        return Ok(0);
    }
    let waiting: Vec<RequestRow> = queue_requests::table
        .filter(queue_requests::status.eq(RequestStatus::Waiting.as_str()))
        .order((queue_requests::created_at.asc(), queue_requests::id.asc()))
        .load(conn)?;
    if waiting.is_empty() {
        return Ok(0);
    }
    let load = week_load(conn, from, to)?;
    let queue: Vec<Waiting> = waiting.iter().map(|r| waiting_entry(r, from, to)).collect();
    let slots: Vec<HostSlots> = hosts
        .iter()
        .map(|h| HostSlots {
            host_id: h.host_id.clone(),
            starts: h.starts.clone(),
        })
        .collect();
    let by_id: HashMap<&str, &RequestRow> = waiting.iter().map(|r| (r.id.as_str(), r)).collect();
    let hosts_by_id: HashMap<&str, &HostFree> =
        hosts.iter().map(|h| (h.host_id.as_str(), h)).collect();
    let mut booked = 0;
    for a in allocator::allocate(&queue, &slots, &load) {
        if let (Some(req), Some(host)) = (
            by_id.get(a.request_id.as_str()),
            hosts_by_id.get(a.host_id.as_str()),
        ) && book(conn, req, host, a.starts_at, now)?.is_some()
        {
            booked += 1;
        }
    }
    Ok(booked)
}

/// Runs the allocator once (after any change that may free or add an hour).
pub fn allocate(
    conn: &mut AnyConnection,
    cfg: &QueueSettings,
    now: DateTime<Utc>,
) -> Result<usize, DbError> {
    lock_queue(conn, now)?;
    expire_lapsed(conn, now)?;
    allocate_locked(conn, cfg, now)
}

/// Unconfirmed requests whose time to confirm has passed become `expired`
/// (they never held an hour, so nothing else changes). Run on every
/// allocator pass and before the checks of a new request, so a lapsed
/// request never blocks its address. Returns how many lapsed.
pub fn expire_lapsed(conn: &mut AnyConnection, now: DateTime<Utc>) -> Result<usize, DbError> {
    Ok(diesel::update(
        queue_requests::table
            .filter(queue_requests::status.eq(RequestStatus::Unconfirmed.as_str()))
            .filter(queue_requests::confirm_by.le(now.naive_utc())),
    )
    .set((
        queue_requests::status.eq(RequestStatus::Expired.as_str()),
        queue_requests::updated_at.eq(now.naive_utc()),
    ))
    .execute(conn)?)
}

fn quota_used(
    conn: &mut AnyConnection,
    account_id: Option<&str>,
    email: &str,
    since: DateTime<Utc>,
) -> Result<bool, DbError> {
    let mut requests = queue_requests::table
        .select(queue_requests::id)
        .into_boxed();
    requests = match account_id {
        Some(a) => requests.filter(queue_requests::account_id.eq(a.to_owned())),
        None => requests.filter(queue_requests::email.eq(email.to_owned())),
    };
    let ids: Vec<String> = requests.load(conn)?;
    if ids.is_empty() {
        return Ok(false);
    }
    let active: i64 = queue_requests::table
        .filter(queue_requests::id.eq_any(&ids))
        .filter(queue_requests::status.eq_any(RequestStatus::ACTIVE.map(RequestStatus::as_str)))
        .count()
        .get_result(conn)?;
    let recent: i64 = appointments::table
        .filter(appointments::request_id.eq_any(&ids))
        .filter(appointments::status.ne(AppointmentStatus::Cancelled.as_str()))
        .filter(appointments::starts_at.ge(since.naive_utc()))
        .count()
        .get_result(conn)?;
    Ok(active > 0 || recent > 0)
}

fn quota_exceeded(cfg: &QueueSettings) -> DbError {
    DbError::conflict(
        "quota_exceeded",
        format!(
            "your company already has an hour in the queue or had one in the last {} days",
            cfg.account_limit_days
        ),
    )
}

/// Whether the account (or, without one, the address) may take another
/// place: only requests in the queue or booked and hours not cancelled
/// count, so a cancelled request or hour frees the quota again.
fn check_quota(
    conn: &mut AnyConnection,
    cfg: &QueueSettings,
    account_id: Option<&str>,
    email: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    if cfg.account_limit_days > 0
        && quota_used(
            conn,
            account_id,
            email,
            now - Duration::days(i64::from(cfg.account_limit_days)),
        )?
    {
        return Err(quota_exceeded(cfg));
    }
    Ok(())
}

/// A new request: eligibility, the one-open-request rule and the account's
/// quota are checked. With `confirm_email` it waits, holding nothing, for
/// its owner to confirm through the mailed link; else the allocator runs.
pub fn enqueue(
    conn: &mut AnyConnection,
    cfg: &QueueSettings,
    new: &NewQueueRequest,
    now: DateTime<Utc>,
) -> Result<Queued, DbError> {
    lock_queue(conn, now)?;
    // Serving order is the time of arrival: read it once the lock is held,
    // so that it is the order in which requests got the lock.
    let now = now.max(crate::db::clock());
    expire_lapsed(conn, now)?;
    let account = accounts::find_by_domain(conn, new.email.domain())?;
    let segment = match &account {
        Some(a) => a.segment()?,
        None => Segment::UNKNOWN_DOMAIN,
    };
    if segment == Segment::HighTouch {
        return Err(DbError::Refused {
            code: "not_eligible",
            detail: "your company has a personal CSM: please contact them directly".into(),
        });
    }
    let already_queued = || {
        DbError::conflict(
            "already_queued",
            "this e-mail already has a request in the queue",
        )
    };
    let open: i64 = queue_requests::table
        .filter(queue_requests::email.eq(new.email.as_str()))
        .filter(queue_requests::status.eq_any(RequestStatus::OPEN.map(RequestStatus::as_str)))
        .count()
        .get_result(conn)?;
    if open > 0 {
        return Err(already_queued());
    }
    let account_id = account.as_ref().map(|a| a.row.id.clone());
    check_quota(conn, cfg, account_id.as_deref(), new.email.as_str(), now)?;
    let (status, confirm_by) = if cfg.confirm_email {
        (
            RequestStatus::Unconfirmed,
            Some(now + Duration::hours(CONFIRM_WITHIN_HOURS)),
        )
    } else {
        (RequestStatus::Waiting, None)
    };
    let id = new_id();
    diesel::insert_into(queue_requests::table)
        .values((
            queue_requests::id.eq(&id),
            queue_requests::email.eq(new.email.as_str()),
            queue_requests::name.eq(&new.name),
            queue_requests::company.eq(new.company.as_deref()),
            queue_requests::account_id.eq(account_id.as_deref()),
            queue_requests::topic.eq(&new.topic),
            queue_requests::situation.eq(&new.situation),
            queue_requests::timezone.eq(new.timezone.name()),
            queue_requests::locale.eq(new.locale.code()),
            queue_requests::preferred
                .eq(serde_json::to_string(&new.preferred_raw).map_err(DbError::corrupt)?),
            queue_requests::status.eq(status.as_str()),
            queue_requests::created_at.eq(now.naive_utc()),
            queue_requests::updated_at.eq(now.naive_utc()),
            queue_requests::confirm_by.eq(confirm_by.map(|c| c.naive_utc())),
        ))
        .execute(conn)
        .map_err(|e| {
            if is_unique_violation(&e) {
                already_queued()
            } else {
                e.into()
            }
        })?;
    if confirm_by.is_some() {
        let queued = status_of(conn, &id)?;
        mail_confirm(conn, &queued.request, now)?;
        return Ok(queued);
    }
    admit(conn, cfg, &id, now)
}

/// The owner confirmed through the mailed link: the request enters the
/// queue at the place of the time it was made (serving order is by
/// `created_at`) and may be scheduled at once. Confirming again changes
/// nothing; a lapsed or cancelled request cannot be confirmed.
pub fn confirm(
    conn: &mut AnyConnection,
    cfg: &QueueSettings,
    id: &str,
    now: DateTime<Utc>,
) -> Result<Queued, DbError> {
    lock_queue(conn, now)?;
    let req = find_request(conn, id)?.ok_or(DbError::NotFound("no queue request with this id"))?;
    let closed = || {
        DbError::conflict(
            "session_closed",
            "this request was cancelled or was not confirmed in time: please ask again",
        )
    };
    match req.status()? {
        RequestStatus::Unconfirmed => {}
        RequestStatus::Waiting | RequestStatus::Scheduled | RequestStatus::Done => {
            return status_of(conn, id);
        }
        RequestStatus::Cancelled | RequestStatus::Expired => return Err(closed()),
    }
    if req.confirm_by.is_none_or(|by| utc(by) <= now) {
        expire_lapsed(conn, now)?;
        return Err(closed());
    }
    // Someone else from the account may have confirmed in the meantime.
    check_quota(conn, cfg, req.account_id.as_deref(), &req.email, now)?;
    set_request(conn, id, RequestStatus::Waiting, None, now)?;
    admit(conn, cfg, id, now)
}

/// A request that just entered the queue: the allocator runs, and if no
/// hour was free the owner is told their place.
fn admit(
    conn: &mut AnyConnection,
    cfg: &QueueSettings,
    id: &str,
    now: DateTime<Utc>,
) -> Result<Queued, DbError> {
    allocate_locked(conn, cfg, now)?;
    let queued = status_of(conn, id)?;
    if queued.request.status == RequestStatus::Waiting.as_str() {
        mail_queued(conn, &queued, now)?;
    }
    Ok(queued)
}

fn cancel_appointment(
    conn: &mut AnyConnection,
    appt: &Appointment,
    req: &RequestRow,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let sequence = appt.row.sequence + 1;
    diesel::update(appointments::table.find(&appt.row.id))
        .set((
            appointments::status.eq(AppointmentStatus::Cancelled.as_str()),
            appointments::sequence.eq(sequence),
            appointments::updated_at.eq(now.naive_utc()),
        ))
        .execute(conn)?;
    let mut cancelled = appt.clone();
    cancelled.row.sequence = sequence;
    mail_both(conn, &cancelled, req, true, now)
}

/// Cancels a request (idempotent); a freed hour goes to the next waiting.
pub fn cancel(
    conn: &mut AnyConnection,
    cfg: &QueueSettings,
    id: &str,
    now: DateTime<Utc>,
) -> Result<Queued, DbError> {
    lock_queue(conn, now)?;
    let req = find_request(conn, id)?.ok_or(DbError::NotFound("no queue request with this id"))?;
    match req.status()? {
        RequestStatus::Done | RequestStatus::Cancelled | RequestStatus::Expired => {
            return status_of(conn, id);
        }
        RequestStatus::Unconfirmed | RequestStatus::Waiting => {}
        RequestStatus::Scheduled => {
            if let Some(appt) = live_appointment(conn, id)? {
                cancel_appointment(conn, &appt, &req, now)?;
            }
        }
    }
    set_request(conn, id, RequestStatus::Cancelled, req.not_before, now)?;
    allocate_locked(conn, cfg, now)?;
    status_of(conn, id)
}

/// "Another slot, please": the next free hour after the current one, else
/// back to waiting at the original place (never before the old hour).
pub fn reschedule(
    conn: &mut AnyConnection,
    cfg: &QueueSettings,
    id: &str,
    now: DateTime<Utc>,
) -> Result<Queued, DbError> {
    lock_queue(conn, now)?;
    let req = find_request(conn, id)?.ok_or(DbError::NotFound("no queue request with this id"))?;
    let Some(current) = live_appointment(conn, id)? else {
        return Err(DbError::conflict(
            "not_scheduled",
            "this request has no appointment to move",
        ));
    };
    let (from, to) = horizon(cfg, now);
    let hosts = free_slots(conn, from, to)?;
    let load = week_load(conn, from, to)?;
    let not_before = utc(current.row.starts_at) + Duration::microseconds(1);
    let mut entry = waiting_entry(&req, from, to);
    entry.not_before = Some(entry.not_before.map_or(not_before, |nb| nb.max(not_before)));
    let slots: Vec<HostSlots> = hosts
        .iter()
        .map(|h| HostSlots {
            host_id: h.host_id.clone(),
            starts: h.starts.clone(),
        })
        .collect();
    let next = allocator::allocate(std::slice::from_ref(&entry), &slots, &load).pop();
    cancel_appointment(conn, &current, &req, now)?;
    let mut req = req;
    req.not_before = Some(not_before.naive_utc());
    let moved = match next {
        Some(a) => match hosts.iter().find(|h| h.host_id == a.host_id) {
            Some(host) => book(conn, &req, host, a.starts_at, now)?.is_some(),
            None => false,
        },
        None => false,
    };
    if !moved {
        set_request(conn, id, RequestStatus::Waiting, req.not_before, now)?;
    }
    allocate_locked(conn, cfg, now)?;
    let queued = status_of(conn, id)?;
    if queued.request.status == RequestStatus::Waiting.as_str() {
        mail_queued(conn, &queued, now)?;
    }
    Ok(queued)
}

/// The CSM's record of how the hour went.
pub fn complete(
    conn: &mut AnyConnection,
    appointment_id: &str,
    outcome: AppointmentStatus,
    notes: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Appointment, DbError> {
    // Under the queue lock, so a reschedule or cancel cannot slip in between.
    lock_queue(conn, now)?;
    let appt = find_appointment(conn, appointment_id)?
        .ok_or(DbError::NotFound("no appointment with this id"))?;
    if appt.row.status == AppointmentStatus::Cancelled.as_str() {
        return Err(DbError::conflict(
            "session_closed",
            "the appointment was cancelled",
        ));
    }
    diesel::update(appointments::table.find(appointment_id))
        .set((
            appointments::status.eq(outcome.as_str()),
            appointments::notes.eq(notes),
            appointments::updated_at.eq(now.naive_utc()),
        ))
        .execute(conn)?;
    set_request(conn, &appt.row.request_id, RequestStatus::Done, None, now)?;
    find_appointment(conn, appointment_id)?.ok_or(DbError::NotFound("no appointment with this id"))
}
