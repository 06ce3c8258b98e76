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

use super::schema::{appointments, locks, queue_requests, users, webinars};
use super::{AnyConnection, accounts, availability, new_id, outbox, utc};
use crate::config::QueueSettings;
use crate::domain::account::Segment;
use crate::domain::allocator::{self, HostSlots, Load, Waiting, week_of};
use crate::domain::availability::{SLOT, Window, WindowDto, parse_windows, preferred_intervals};
use crate::domain::queue::{AppointmentStatus, NewQueueRequest, RequestStatus};
use crate::domain::validation::Validator;
use crate::domain::webinar::Status as WebinarStatus;
use crate::email::{Composer, MailKind, Recipient, SessionInfo, SessionKind};
use crate::error::{AppError, is_unique_violation};

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
}

impl RequestRow {
    pub fn status(&self) -> Result<RequestStatus, AppError> {
        RequestStatus::parse(&self.status)
            .ok_or_else(|| AppError::internal("unknown request status"))
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

fn lock_queue(conn: &mut AnyConnection, now: DateTime<Utc>) -> Result<(), AppError> {
    diesel::update(locks::table.filter(locks::name.eq("queue")))
        .set(locks::touched_at.eq(now.naive_utc()))
        .execute(conn)?;
    Ok(())
}

/// Takes a CSM's booking lock (their `users` row) until the transaction ends.
pub fn lock_host(conn: &mut AnyConnection, host_id: &str) -> Result<(), AppError> {
    diesel::update(users::table.filter(users::id.eq(host_id)))
        .set(users::updated_at.eq(users::updated_at))
        .execute(conn)?;
    Ok(())
}

/// Whether the CSM has a webinar or a live appointment overlapping `[start, end)`.
pub fn host_busy(
    conn: &mut AnyConnection,
    host_id: &str,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    except_webinar: Option<&str>,
) -> Result<bool, AppError> {
    let (s, e) = (start.naive_utc(), end.naive_utc());
    let webinar: Option<String> = webinars::table
        .filter(webinars::host_id.eq(host_id))
        .filter(webinars::status.eq(WebinarStatus::Scheduled.as_str()))
        .filter(webinars::starts_at.lt(e))
        .filter(webinars::ends_at.gt(s))
        .filter(webinars::id.ne(except_webinar.unwrap_or("")))
        .select(webinars::id)
        .first(conn)
        .optional()?;
    Ok(webinar.is_some() || appointment_overlaps(conn, host_id, start, end)?)
}

pub fn appointment_overlaps(
    conn: &mut AnyConnection,
    host_id: &str,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<bool, AppError> {
    let hit: Option<String> = appointments::table
        .filter(appointments::host_id.eq(host_id))
        .filter(appointments::status.eq(AppointmentStatus::Scheduled.as_str()))
        .filter(appointments::starts_at.lt(end.naive_utc()))
        .filter(appointments::ends_at.gt(start.naive_utc()))
        .select(appointments::id)
        .first(conn)
        .optional()?;
    Ok(hit.is_some())
}

/// A CSM's free slots in a range.
#[derive(Debug, Clone)]
pub struct HostFree {
    pub host_id: String,
    pub host_name: String,
    pub host_email: String,
    pub timezone: chrono_tz::Tz,
    pub starts: Vec<DateTime<Utc>>,
}

type Busy = HashMap<String, Vec<(NaiveDateTime, NaiveDateTime)>>;

fn busy_between(
    conn: &mut AnyConnection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Busy, AppError> {
    let (f, t) = (from.naive_utc(), to.naive_utc());
    let mut busy: Busy = HashMap::new();
    let w: Vec<(String, NaiveDateTime, NaiveDateTime)> = webinars::table
        .filter(webinars::status.eq(WebinarStatus::Scheduled.as_str()))
        .filter(webinars::starts_at.lt(t))
        .filter(webinars::ends_at.gt(f))
        .select((webinars::host_id, webinars::starts_at, webinars::ends_at))
        .load(conn)?;
    let a: Vec<(String, NaiveDateTime, NaiveDateTime)> = appointments::table
        .filter(appointments::status.eq(AppointmentStatus::Scheduled.as_str()))
        .filter(appointments::starts_at.lt(t))
        .filter(appointments::ends_at.gt(f))
        .select((
            appointments::host_id,
            appointments::starts_at,
            appointments::ends_at,
        ))
        .load(conn)?;
    for (host, s, e) in w.into_iter().chain(a) {
        busy.entry(host).or_default().push((s, e));
    }
    for spans in busy.values_mut() {
        spans.sort();
    }
    Ok(busy)
}

/// Every CSM's free one-hour slots starting in `[from, to)`: their windows
/// minus their webinars and appointments.
pub fn free_slots(
    conn: &mut AnyConnection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<HostFree>, AppError> {
    let hosts = availability::all_with_names(conn)?;
    if hosts.is_empty() || to <= from {
        return Ok(Vec::new());
    }
    let busy = busy_between(conn, from, to + SLOT)?;
    let mut out = Vec::with_capacity(hosts.len());
    for (row, host_name, host_email) in hosts {
        let avail = row.parse()?;
        let spans = busy.get(&row.user_id).map(Vec::as_slice).unwrap_or(&[]);
        let starts = avail
            .slots(from, to)
            .into_iter()
            .filter(|s| {
                let (s, e) = (s.naive_utc(), (*s + SLOT).naive_utc());
                // Spans are sorted by start: only those starting before the
                // slot's end can overlap it.
                let upto = spans.partition_point(|(bs, _)| *bs < e);
                !spans[..upto].iter().any(|(_, be)| *be > s)
            })
            .collect();
        out.push(HostFree {
            host_id: row.user_id,
            host_name,
            host_email,
            timezone: avail.timezone.0,
            starts,
        });
    }
    Ok(out)
}

/// Live appointments per CSM and ISO week around a range.
fn week_load(
    conn: &mut AnyConnection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Load, AppError> {
    let rows: Vec<(String, NaiveDateTime)> = appointments::table
        .filter(appointments::status.ne(AppointmentStatus::Cancelled.as_str()))
        .filter(appointments::starts_at.ge((from - Duration::days(7)).naive_utc()))
        .filter(appointments::starts_at.lt((to + Duration::days(7)).naive_utc()))
        .select((appointments::host_id, appointments::starts_at))
        .load(conn)?;
    let mut load = Load::new();
    for (host, at) in rows {
        *load.entry((host, week_of(at.and_utc()))).or_default() += 1;
    }
    Ok(load)
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
fn mail_both(
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
            MailKind::AppointmentCancelled,
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

/// Books `start` with `host` for the request, under the CSM's lock.
/// `None` if the hour turned out to be taken.
fn book(
    conn: &mut AnyConnection,
    composer: &Composer,
    req: &RequestRow,
    host: &HostFree,
    start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Option<Appointment>, AppError> {
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
    mail_both(conn, composer, &appt, req, false, now)?;
    super::webhooks::emit(
        conn,
        "queue.scheduled",
        serde_json::json!({
            "request_id": req.id,
            "appointment_id": appt.row.id,
            "host_id": appt.row.host_id,
            "starts_at": utc(appt.row.starts_at),
            "ends_at": utc(appt.row.ends_at),
            "topic": req.topic,
        }),
        None,
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
) -> Result<(), AppError> {
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
    composer: &Composer,
    cfg: &QueueSettings,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let waiting: Vec<RequestRow> = queue_requests::table
        .filter(queue_requests::status.eq(RequestStatus::Waiting.as_str()))
        .order((queue_requests::created_at.asc(), queue_requests::id.asc()))
        .load(conn)?;
    if waiting.is_empty() {
        return Ok(0);
    }
    let (from, to) = horizon(cfg, now);
    let hosts = free_slots(conn, from, to)?;
    if hosts.iter().all(|h| h.starts.is_empty()) {
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
        ) && book(conn, composer, req, host, a.starts_at, now)?.is_some()
        {
            booked += 1;
        }
    }
    Ok(booked)
}

/// Runs the allocator once (after any change that may free or add an hour).
pub fn allocate(
    conn: &mut AnyConnection,
    composer: &Composer,
    cfg: &QueueSettings,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    lock_queue(conn, now)?;
    allocate_locked(conn, composer, cfg, now)
}

/// A request with where it stands.
#[derive(Debug, Clone)]
pub struct Queued {
    pub request: RequestRow,
    pub position: Option<i64>,
    pub appointment: Option<Appointment>,
}

/// 1-based place among waiting requests, in arrival order.
pub fn position(conn: &mut AnyConnection, req: &RequestRow) -> Result<Option<i64>, AppError> {
    if req.status != RequestStatus::Waiting.as_str() {
        return Ok(None);
    }
    let ahead: i64 = queue_requests::table
        .filter(queue_requests::status.eq(RequestStatus::Waiting.as_str()))
        .filter(
            queue_requests::created_at
                .lt(req.created_at)
                .or(queue_requests::created_at
                    .eq(req.created_at)
                    .and(queue_requests::id.lt(&req.id))),
        )
        .count()
        .get_result(conn)?;
    Ok(Some(ahead + 1))
}

/// The live (scheduled) appointment of a request.
pub fn live_appointment(
    conn: &mut AnyConnection,
    request_id: &str,
) -> Result<Option<Appointment>, AppError> {
    let row: Option<(AppointmentRow, (String, String))> = appointments::table
        .inner_join(users::table)
        .filter(appointments::request_id.eq(request_id))
        .filter(appointments::status.eq(AppointmentStatus::Scheduled.as_str()))
        .select((appointments::all_columns, (users::name, users::email)))
        .first(conn)
        .optional()?;
    Ok(row.map(|(row, (host_name, host_email))| Appointment {
        row,
        host_name,
        host_email,
    }))
}

pub fn find_request(conn: &mut AnyConnection, id: &str) -> Result<Option<RequestRow>, AppError> {
    Ok(queue_requests::table.find(id).first(conn).optional()?)
}

/// Where a request stands now.
pub fn status_of(conn: &mut AnyConnection, id: &str) -> Result<Queued, AppError> {
    let request =
        find_request(conn, id)?.ok_or(AppError::NotFound("no queue request with this id"))?;
    let position = position(conn, &request)?;
    let appointment = live_appointment(conn, id)?;
    Ok(Queued {
        request,
        position,
        appointment,
    })
}

fn quota_used(
    conn: &mut AnyConnection,
    account_id: Option<&str>,
    email: &str,
    since: DateTime<Utc>,
) -> Result<bool, AppError> {
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
        .filter(queue_requests::status.eq_any([
            RequestStatus::Waiting.as_str(),
            RequestStatus::Scheduled.as_str(),
        ]))
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

/// A new request: eligibility, the one-active-request rule and the account's
/// quota are checked, then the allocator runs.
pub fn enqueue(
    conn: &mut AnyConnection,
    composer: &Composer,
    cfg: &QueueSettings,
    new: &NewQueueRequest,
    now: DateTime<Utc>,
) -> Result<Queued, AppError> {
    lock_queue(conn, now)?;
    let account = accounts::find_by_domain(conn, new.email.domain())?;
    let segment = match &account {
        Some(a) => a.segment()?,
        None => Segment::UNKNOWN_DOMAIN,
    };
    if segment == Segment::HighTouch {
        return Err(AppError::Refused {
            code: "not_eligible",
            detail: "your company has a personal CSM: please contact them directly".into(),
        });
    }
    let already_queued = || {
        AppError::conflict(
            "already_queued",
            "this e-mail already has a request in the queue",
        )
    };
    let active: i64 = queue_requests::table
        .filter(queue_requests::email.eq(new.email.as_str()))
        .filter(queue_requests::status.eq_any([
            RequestStatus::Waiting.as_str(),
            RequestStatus::Scheduled.as_str(),
        ]))
        .count()
        .get_result(conn)?;
    if active > 0 {
        return Err(already_queued());
    }
    let account_id = account.as_ref().map(|a| a.row.id.clone());
    if cfg.account_limit_days > 0
        && quota_used(
            conn,
            account_id.as_deref(),
            new.email.as_str(),
            now - Duration::days(i64::from(cfg.account_limit_days)),
        )?
    {
        return Err(AppError::conflict(
            "quota_exceeded",
            format!(
                "your company already has an hour in the queue or had one in the last {} days",
                cfg.account_limit_days
            ),
        ));
    }
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
                .eq(serde_json::to_string(&new.preferred_raw).map_err(AppError::internal)?),
            queue_requests::status.eq(RequestStatus::Waiting.as_str()),
            queue_requests::created_at.eq(now.naive_utc()),
            queue_requests::updated_at.eq(now.naive_utc()),
        ))
        .execute(conn)
        .map_err(|e| {
            if is_unique_violation(&e) {
                already_queued()
            } else {
                e.into()
            }
        })?;
    allocate_locked(conn, composer, cfg, now)?;
    let queued = status_of(conn, &id)?;
    if queued.request.status == RequestStatus::Waiting.as_str() {
        mail_queued(conn, composer, &queued, now)?;
    }
    Ok(queued)
}

fn mail_queued(
    conn: &mut AnyConnection,
    composer: &Composer,
    q: &Queued,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let req = &q.request;
    let info = SessionInfo {
        kind: SessionKind::Appointment,
        id: req.id.clone(),
        title: format!("An hour with a CSM: {}", req.topic),
        description: String::new(),
        starts_at: now,
        ends_at: now + Duration::days(365),
        join_url: None,
        sequence: 0,
        host_name: "One-to-many team".into(),
        host_email: String::new(),
        topic: req.topic.clone(),
        situation: req.situation.clone(),
        customer: req.name.clone(),
    };
    let mail = composer.compose(MailKind::Queued, &info, &customer(req, q.position), now)?;
    outbox::enqueue(conn, &mail, None, Some(&req.id), now)?;
    Ok(())
}

fn cancel_appointment(
    conn: &mut AnyConnection,
    composer: &Composer,
    appt: &Appointment,
    req: &RequestRow,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
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
    mail_both(conn, composer, &cancelled, req, true, now)
}

/// Cancels a request (idempotent); a freed hour goes to the next waiting.
pub fn cancel(
    conn: &mut AnyConnection,
    composer: &Composer,
    cfg: &QueueSettings,
    id: &str,
    now: DateTime<Utc>,
) -> Result<Queued, AppError> {
    lock_queue(conn, now)?;
    let req = find_request(conn, id)?.ok_or(AppError::NotFound("no queue request with this id"))?;
    match req.status()? {
        RequestStatus::Done | RequestStatus::Cancelled => return status_of(conn, id),
        RequestStatus::Waiting => {}
        RequestStatus::Scheduled => {
            if let Some(appt) = live_appointment(conn, id)? {
                cancel_appointment(conn, composer, &appt, &req, now)?;
            }
        }
    }
    set_request(conn, id, RequestStatus::Cancelled, req.not_before, now)?;
    allocate_locked(conn, composer, cfg, now)?;
    status_of(conn, id)
}

/// "Another slot, please": the next free hour after the current one, else
/// back to waiting at the original place (never before the old hour).
pub fn reschedule(
    conn: &mut AnyConnection,
    composer: &Composer,
    cfg: &QueueSettings,
    id: &str,
    now: DateTime<Utc>,
) -> Result<Queued, AppError> {
    lock_queue(conn, now)?;
    let req = find_request(conn, id)?.ok_or(AppError::NotFound("no queue request with this id"))?;
    let Some(current) = live_appointment(conn, id)? else {
        return Err(AppError::conflict(
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
    cancel_appointment(conn, composer, &current, &req, now)?;
    let mut req = req;
    req.not_before = Some(not_before.naive_utc());
    let moved = match next {
        Some(a) => match hosts.iter().find(|h| h.host_id == a.host_id) {
            Some(host) => book(conn, composer, &req, host, a.starts_at, now)?.is_some(),
            None => false,
        },
        None => false,
    };
    if !moved {
        set_request(conn, id, RequestStatus::Waiting, req.not_before, now)?;
    }
    allocate_locked(conn, composer, cfg, now)?;
    let queued = status_of(conn, id)?;
    if queued.request.status == RequestStatus::Waiting.as_str() {
        mail_queued(conn, composer, &queued, now)?;
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
) -> Result<Appointment, AppError> {
    let appt = find_appointment(conn, appointment_id)?
        .ok_or(AppError::NotFound("no appointment with this id"))?;
    if appt.row.status == AppointmentStatus::Cancelled.as_str() {
        return Err(AppError::conflict(
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
    find_appointment(conn, appointment_id)?.ok_or(AppError::NotFound("no appointment with this id"))
}

pub fn find_appointment(
    conn: &mut AnyConnection,
    id: &str,
) -> Result<Option<Appointment>, AppError> {
    let row: Option<(AppointmentRow, (String, String))> = appointments::table
        .inner_join(users::table)
        .filter(appointments::id.eq(id))
        .select((appointments::all_columns, (users::name, users::email)))
        .first(conn)
        .optional()?;
    Ok(row.map(|(row, (host_name, host_email))| Appointment {
        row,
        host_name,
        host_email,
    }))
}

/// Waiting requests in serving order.
pub fn waiting(conn: &mut AnyConnection) -> Result<Vec<RequestRow>, AppError> {
    Ok(queue_requests::table
        .filter(queue_requests::status.eq(RequestStatus::Waiting.as_str()))
        .order((queue_requests::created_at.asc(), queue_requests::id.asc()))
        .load(conn)?)
}

/// Appointments (with their requests) in a range, optionally of one CSM.
pub fn appointments_between(
    conn: &mut AnyConnection,
    host_id: Option<&str>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<(Appointment, RequestRow)>, AppError> {
    let mut query = appointments::table
        .inner_join(users::table)
        .inner_join(queue_requests::table)
        .filter(appointments::starts_at.ge(from.naive_utc()))
        .filter(appointments::starts_at.lt(to.naive_utc()))
        .select((
            appointments::all_columns,
            (users::name, users::email),
            queue_requests::all_columns,
        ))
        .order((appointments::starts_at.asc(), appointments::id.asc()))
        .limit(5000)
        .into_boxed();
    if let Some(h) = host_id {
        query = query.filter(appointments::host_id.eq(h.to_owned()));
    }
    let rows: Vec<(AppointmentRow, (String, String), RequestRow)> = query.load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(row, (host_name, host_email), req)| {
            (
                Appointment {
                    row,
                    host_name,
                    host_email,
                },
                req,
            )
        })
        .collect())
}
