//! Webinars: public listing and details, host and admin edits, the
//! "add to calendar" file.

use actix_web::{HttpResponse, web};
use actix_web::{get, patch, post};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::Page;
use crate::auth::Staff;
use crate::config::Settings;
use crate::db::webinars::{self, NewWebinarRow, Webinar, WebinarFilter};
use crate::db::{Db, booking, clock, new_id, users, utc};
use crate::domain::page::encode_cursor;
use crate::domain::policy::WaitlistMode;
use crate::domain::series;
use crate::domain::text::{optional_line, optional_uuid};
use crate::domain::user::Role;
use crate::domain::webinar::{
    Kind, NewWebinar, Status, TOPIC_MAX, WebinarPatch, WebinarRequest, check_horizon,
};
use crate::error::{AppError, Problem};

#[derive(Debug, Serialize, ToSchema)]
pub struct HostOut {
    #[schema(format = Uuid)]
    pub id: String,
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WebinarOut {
    #[schema(format = Uuid)]
    pub id: String,
    #[schema(format = Uuid)]
    pub series_id: Option<String>,
    pub kind: Kind,
    pub title: String,
    pub description: String,
    pub topic: Option<String>,
    pub host: HostOut,
    #[serde(with = "crate::domain::time")]
    pub starts_at: DateTime<Utc>,
    #[serde(with = "crate::domain::time")]
    pub ends_at: DateTime<Utc>,
    /// IANA zone the session was planned in.
    pub timezone: String,
    pub capacity: Option<i32>,
    pub seats_taken: i32,
    /// `null` when there is no cap.
    pub seats_left: Option<i32>,
    pub waitlist_length: i32,
    pub status: Status,
    /// Shown to staff only; registrants get it in their invitation.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(format = "uri")]
    pub join_url: Option<String>,
    pub waitlist_mode: WaitlistMode,
    pub offer_hours: i32,
    pub min_attendees: Option<i32>,
    pub decision_hours: i32,
    pub rollover: bool,
    #[schema(format = "uri")]
    pub recording_url: Option<String>,
    /// `too_few_registrations` when the minimum cancelled it; else `null`.
    pub cancel_reason: Option<String>,
}

impl WebinarOut {
    pub fn from_webinar(w: &Webinar, for_staff: bool) -> Result<Self, AppError> {
        Ok(Self {
            id: w.row.id.clone(),
            series_id: w.row.series_id.clone(),
            kind: w.kind()?,
            title: w.row.title.clone(),
            description: w.row.description.clone(),
            topic: w.row.topic.clone(),
            host: HostOut {
                id: w.row.host_id.clone(),
                name: w.host_name.clone(),
            },
            starts_at: utc(w.row.starts_at),
            ends_at: utc(w.row.ends_at),
            timezone: w.row.timezone.clone(),
            capacity: w.row.capacity,
            seats_taken: w.row.seats_taken,
            seats_left: w.row.capacity.map(|c| (c - w.row.seats_taken).max(0)),
            waitlist_length: w.row.waitlist_length,
            status: w.status()?,
            join_url: if for_staff {
                w.row.join_url.clone()
            } else {
                None
            },
            waitlist_mode: w.policy()?.waitlist_mode,
            offer_hours: w.row.offer_hours,
            min_attendees: w.row.min_attendees,
            decision_hours: w.row.decision_hours,
            rollover: w.row.rollover,
            recording_url: w.row.recording_url.clone(),
            cancel_reason: w.row.cancel_reason.clone(),
        })
    }
}

/// A series: every occurrence, sharing one `series_id`.
#[derive(Debug, Serialize, ToSchema)]
pub struct SeriesOut {
    #[schema(format = Uuid)]
    pub series_id: String,
    pub items: Vec<WebinarOut>,
}

/// The answer to a create: one webinar, or a series when `rrule` was given.
#[derive(Debug, Serialize, ToSchema)]
#[serde(untagged)]
pub enum CreatedOut {
    Webinar(Box<WebinarOut>),
    Series(SeriesOut),
}

/// Creates the host's webinar rows (one, or one per occurrence).
fn rows_for(
    new: &NewWebinar,
    host_id: &str,
    now: DateTime<Utc>,
) -> Result<(Option<String>, Vec<NewWebinarRow>), AppError> {
    let (series_id, starts) = match &new.rrule {
        None => (None, vec![new.starts_at]),
        Some(rule) => {
            let starts = series::expand(rule, new.starts_at, new.timezone)
                .and_then(|starts| {
                    let last = starts.last().copied().unwrap_or(new.starts_at);
                    check_horizon(last)
                        .map_err(|m| format!("its last occurrence {m}"))
                        .map(|_| starts)
                })
                .map_err(|m| AppError::validation("rrule", m))?;
            (Some(new_id()), starts)
        }
    };
    let rows = starts
        .into_iter()
        .map(|starts_at| NewWebinarRow {
            id: new_id(),
            series_id: series_id.clone(),
            kind: new.kind.as_str().to_owned(),
            title: new.title.clone(),
            description: new.description.clone(),
            topic: new.topic.clone(),
            host_id: host_id.to_owned(),
            starts_at: starts_at.naive_utc(),
            ends_at: (starts_at + new.duration).naive_utc(),
            timezone: new.timezone.name().to_owned(),
            capacity: new.capacity,
            join_url: new.join_url.clone(),
            status: Status::Scheduled.as_str().to_owned(),
            created_at: now.naive_utc(),
            updated_at: now.naive_utc(),
            waitlist_mode: new.policy.waitlist_mode.as_str().to_owned(),
            offer_hours: new.policy.offer_hours,
            min_attendees: new.policy.min_attendees,
            decision_hours: new.policy.decision_hours,
            rollover: new.policy.rollover,
            recording_url: new.policy.recording_url.clone(),
        })
        .collect();
    Ok((series_id, rows))
}

/// Create a webinar, or a series with `rrule` (csm, admin).
#[utoipa::path(tag = "webinars", operation_id = "createWebinar",
    security(("bearer" = [])), request_body = WebinarRequest, responses(
    (status = 201, description = "The webinar, or `{series_id, items}` for a series (`rrule`)", body = CreatedOut),
    (status = 403, description = "Not a CSM or admin, or `host_id` of another host without being admin (`forbidden`)", body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "`host_busy`: the host has a customer appointment then", body = Problem, content_type = "application/problem+json"),
))]
#[post("/api/v1/webinars")]
pub async fn create(
    db: web::Data<Db>,
    staff: Staff,
    body: web::Json<WebinarRequest>,
) -> Result<HttpResponse, AppError> {
    let (series_id, created) = create_webinars(&db, &staff, &body).await?;
    let mut items = created
        .iter()
        .map(|w| WebinarOut::from_webinar(w, true))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(match series_id {
        Some(series_id) => HttpResponse::Created().json(SeriesOut { series_id, items }),
        None => HttpResponse::Created().json(items.pop()),
    })
}

/// The one create, for the API and the staff page: checks the request and
/// the caller (csm, admin; another host only for an admin), and stores the
/// webinar or every occurrence of the series (its id returned too).
pub async fn create_webinars(
    db: &Db,
    staff: &Staff,
    request: &WebinarRequest,
) -> Result<(Option<String>, Vec<Webinar>), AppError> {
    staff.require(&[Role::Csm, Role::Admin])?;
    let now = clock();
    let new = NewWebinar::parse(request, now)?;
    let host_id = match new.host_id.as_deref().filter(|h| *h != staff.id) {
        None => staff.id.clone(),
        Some(other) => {
            staff.require(&[Role::Admin])?;
            let id = other.to_owned();
            let host = db.run(move |conn| users::find(conn, &id)).await?;
            match host {
                Some(h) if h.role()? != Role::Marketing => h.id,
                _ => return Err(AppError::validation("host_id", "is not a CSM or admin")),
            }
        }
    };
    let (series_id, rows) = rows_for(&new, &host_id, now)?;
    let created = db
        .write(move |conn| webinars::insert_all(conn, &rows))
        .await?;
    tracing::info!(count = created.len(), host_id = %host_id, by = %staff.id, "webinars created");
    Ok((series_id, created))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct WebinarQuery {
    /// Starting at or after (RFC 3339); default now.
    #[param(format = DateTime)]
    pub from: Option<String>,
    /// Starting before (RFC 3339).
    #[param(format = DateTime)]
    pub to: Option<String>,
    #[param(value_type = Option<Kind>)]
    pub kind: Option<String>,
    #[param(max_length = 100)]
    pub topic: Option<String>,
    #[param(format = Uuid)]
    pub host_id: Option<String>,
    pub cursor: Option<String>,
    pub limit: Option<u32>,
}

/// Upcoming scheduled webinars (public).
#[utoipa::path(tag = "webinars", operation_id = "listWebinars",
    security((), ("bearer" = [])), params(WebinarQuery), responses(
    (status = 200, body = Page<WebinarOut>),
))]
#[get("/api/v1/webinars")]
pub async fn list(
    db: web::Data<Db>,
    staff: Option<Staff>,
    query: web::Query<WebinarQuery>,
) -> Result<web::Json<Page<WebinarOut>>, AppError> {
    let q = query.into_inner();
    let page = super::page_request(q.cursor.as_deref(), q.limit)?;
    let filter = WebinarFilter {
        from: Some(super::query_instant("from", &q.from)?.unwrap_or_else(clock)),
        to: super::query_instant("to", &q.to)?,
        kind: q
            .kind
            .as_deref()
            .map(str::parse::<Kind>)
            .transpose()
            .map_err(|m| AppError::validation("kind", m))?,
        topic: optional_line(q.topic.as_deref(), TOPIC_MAX)
            .map_err(|m| AppError::validation("topic", m))?,
        host_id: optional_uuid(q.host_id.as_deref())
            .map_err(|m| AppError::validation("host_id", m))?,
        include_cancelled: false,
    };
    let fetch = page.fetch_limit();
    let after = page.after.clone();
    let mut rows = db
        .run(move |conn| webinars::list(conn, &filter, after.as_deref(), fetch))
        .await?;
    let next_cursor = if rows.len() > page.limit as usize {
        rows.truncate(page.limit as usize);
        rows.last()
            .map(|w| encode_cursor(&webinars::cursor_key(&w.row)))
    } else {
        None
    };
    let items = rows
        .iter()
        .map(|w| WebinarOut::from_webinar(w, staff.is_some()))
        .collect::<Result<_, _>>()?;
    Ok(web::Json(Page { items, next_cursor }))
}

pub(crate) async fn load(db: &Db, id: String) -> Result<Webinar, AppError> {
    db.run(move |conn| webinars::find(conn, &id))
        .await?
        .ok_or(AppError::NotFound("no webinar with this id"))
}

/// The host of this webinar, or an admin.
pub(crate) fn require_host(staff: &Staff, webinar: &Webinar) -> Result<(), AppError> {
    if staff.role == Role::Admin || staff.id == webinar.row.host_id {
        Ok(())
    } else {
        Err(AppError::Forbidden("only the host or an admin may do this"))
    }
}

/// One webinar (public).
#[utoipa::path(tag = "webinars", operation_id = "getWebinar",
    security((), ("bearer" = [])), responses(
    (status = 200, body = WebinarOut),
))]
#[get(
    "/api/v1/webinars/{id}",
    wrap = "actix_web::middleware::from_fn(crate::routes::ids_are_uuids)"
)]
pub async fn get(
    db: web::Data<Db>,
    staff: Option<Staff>,
    path: web::Path<String>,
) -> Result<web::Json<WebinarOut>, AppError> {
    let webinar = load(&db, path.into_inner()).await?;
    Ok(web::Json(WebinarOut::from_webinar(
        &webinar,
        staff.is_some(),
    )?))
}

/// Change a webinar (its host, admin). A new time or content mails an
/// update to every confirmed registrant; more capacity promotes from the
/// waiting list.
#[utoipa::path(tag = "webinars", operation_id = "updateWebinar",
    security(("bearer" = [])), request_body = WebinarPatch, responses(
    (status = 200, body = WebinarOut),
    (status = 403, description = "Neither its host nor an admin (`forbidden`)", body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "`capacity_below_taken`, `session_closed`, `host_busy`", body = Problem, content_type = "application/problem+json"),
))]
#[patch(
    "/api/v1/webinars/{id}",
    wrap = "actix_web::middleware::from_fn(crate::routes::ids_are_uuids)"
)]
pub async fn update(
    db: web::Data<Db>,
    settings: web::Data<Settings>,
    staff: Staff,
    path: web::Path<String>,
    body: web::Json<WebinarPatch>,
) -> Result<web::Json<WebinarOut>, AppError> {
    let webinar =
        update_webinar(&db, &settings, &staff, path.into_inner(), body.into_inner()).await?;
    Ok(web::Json(WebinarOut::from_webinar(&webinar, true)?))
}

/// The one change of a webinar, for the API and the staff page: its host
/// or an admin; registrants are told in the same transaction.
pub async fn update_webinar(
    db: &Db,
    settings: &Settings,
    staff: &Staff,
    id: String,
    patch: WebinarPatch,
) -> Result<Webinar, AppError> {
    require_host(staff, &load(db, id.clone()).await?)?;
    let webinar = {
        db.write(move |conn| booking::update_webinar(conn, &id, &patch, clock()))
            .await?
    };
    // A moved webinar may free hours for the queue.
    super::office_hours::run_allocator(db, settings).await?;
    tracing::info!(webinar_id = %webinar.row.id, by = %staff.id, "webinar updated");
    Ok(webinar)
}

/// Cancel a webinar (its host, admin): registrants get METHOD:CANCEL.
#[utoipa::path(tag = "webinars", operation_id = "cancelWebinar",
    security(("bearer" = [])), responses(
    (status = 200, body = WebinarOut),
    (status = 403, description = "Neither its host nor an admin (`forbidden`)", body = Problem, content_type = "application/problem+json"),
))]
#[post(
    "/api/v1/webinars/{id}/cancel",
    wrap = "actix_web::middleware::from_fn(crate::routes::ids_are_uuids)"
)]
pub async fn cancel(
    db: web::Data<Db>,
    settings: web::Data<Settings>,
    staff: Staff,
    path: web::Path<String>,
) -> Result<web::Json<WebinarOut>, AppError> {
    let webinar = cancel_webinar(&db, &settings, &staff, path.into_inner()).await?;
    Ok(web::Json(WebinarOut::from_webinar(&webinar, true)?))
}

/// The one cancellation, for the API and the staff page: its host or an
/// admin; registrants get METHOD:CANCEL.
pub async fn cancel_webinar(
    db: &Db,
    settings: &Settings,
    staff: &Staff,
    id: String,
) -> Result<Webinar, AppError> {
    require_host(staff, &load(db, id.clone()).await?)?;
    let webinar = {
        db.write(move |conn| booking::cancel_webinar(conn, &id, clock()))
            .await?
    };
    super::office_hours::run_allocator(db, settings).await?;
    tracing::info!(webinar_id = %webinar.row.id, by = %staff.id, "webinar cancelled");
    Ok(webinar)
}

/// The webinar as an iCalendar file for "add to calendar" (public).
#[utoipa::path(tag = "webinars", operation_id = "getWebinarIcs", responses(
    (status = 200, content_type = "text/calendar", body = String),
))]
#[get(
    "/api/v1/webinars/{id}/ics",
    wrap = "actix_web::middleware::from_fn(crate::routes::ids_are_uuids)"
)]
pub async fn ics(
    db: web::Data<Db>,
    composer: web::Data<crate::email::Composer>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let webinar = load(&db, path.into_inner()).await?;
    let mut session = webinar.session();
    // The join link is for registrants only.
    session.join_url = None;
    let body = composer.public_ics(&session, clock());
    Ok(HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .insert_header((
            "content-disposition",
            format!("attachment; filename=\"webinar-{}.ics\"", webinar.row.id),
        ))
        .body(body))
}
