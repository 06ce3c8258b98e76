//! The one-hour customer queue: joining it (public) and confirming it (the
//! mailed confirmation token), the customer's own view, cancel and "another
//! slot" (manage token), the CSMs' view of the queue in serving order, and
//! appointments.

use actix_web::{HttpRequest, HttpResponse, web};
use actix_web::{get, post};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::Page;
use super::webinars::HostOut;
use crate::auth::booking::{Caller, booking_caller, holds_token};
use crate::auth::{JwtKeys, Staff};
use crate::config::Settings;
use crate::db::queue::{self, Appointment, Queued, RequestRow};
use crate::db::{Db, clock, utc};
use crate::domain::availability::WindowDto;
use crate::domain::page::encode_cursor;
use crate::domain::queue::{
    AppointmentStatus, NOTES_MAX, NewQueueRequest, QueueRequestBody, RequestStatus,
};
use crate::domain::text::{multi_line, optional_uuid};
use crate::domain::timezone::TimeZone;
use crate::domain::user::Role;
use crate::email::CONFIRM_KIND;
use crate::error::{AppError, Problem};

#[derive(Debug, Serialize, ToSchema)]
pub struct AppointmentBrief {
    #[schema(format = Uuid)]
    pub id: String,
    #[serde(with = "crate::domain::time")]
    pub starts_at: DateTime<Utc>,
    #[serde(with = "crate::domain::time")]
    pub ends_at: DateTime<Utc>,
    pub host: HostOut,
}

impl AppointmentBrief {
    fn from(a: &Appointment) -> Self {
        Self {
            id: a.row.id.clone(),
            starts_at: utc(a.row.starts_at),
            ends_at: utc(a.row.ends_at),
            host: HostOut {
                id: a.row.host_id.clone(),
                name: a.host_name.clone(),
            },
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct QueuedOut {
    #[schema(format = Uuid)]
    pub id: String,
    pub status: RequestStatus,
    /// 1-based place in the queue while waiting.
    pub position: Option<i64>,
    pub appointment: Option<AppointmentBrief>,
}

impl QueuedOut {
    fn from(q: &Queued) -> Result<Self, AppError> {
        Ok(Self {
            id: q.request.id.clone(),
            status: q.request.status()?,
            position: q.position,
            appointment: q.appointment.as_ref().map(AppointmentBrief::from),
        })
    }
}

/// A request with the token to manage it: the answer to joining the queue
/// and to confirming a request.
#[derive(Debug, Serialize, ToSchema)]
pub struct QueuedWithToken {
    #[serde(flatten)]
    pub request: QueuedOut,
    /// The manage token (for `?token=` or Bearer). `null` while the request
    /// is `unconfirmed`: whoever made the request may not be the owner of
    /// the address, so the token goes only to the one who confirms.
    pub manage_token: Option<String>,
}

impl QueuedWithToken {
    fn from(q: &Queued, keys: &JwtKeys, settings: &Settings) -> Result<Self, AppError> {
        let request = QueuedOut::from(q)?;
        let manage_token = if request.status == RequestStatus::Unconfirmed {
            None
        } else {
            let valid_until = clock() + Duration::days(i64::from(settings.queue.horizon_days));
            Some(keys.issue_manage_for_session("queue", &q.request.id, valid_until)?)
        };
        Ok(Self {
            request,
            manage_token,
        })
    }
}

/// A request as the CSMs see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct RequestOut {
    #[schema(format = Uuid)]
    pub id: String,
    pub status: RequestStatus,
    pub position: Option<i64>,
    #[schema(format = Email)]
    pub email: String,
    pub name: String,
    pub company: Option<String>,
    pub topic: String,
    pub situation: String,
    pub timezone: String,
    pub preferred: Vec<WindowDto>,
    #[serde(with = "crate::domain::time")]
    pub requested_at: DateTime<Utc>,
}

impl RequestOut {
    fn from(r: &RequestRow, position: Option<i64>) -> Result<Self, AppError> {
        Ok(Self {
            id: r.id.clone(),
            status: r.status()?,
            position,
            email: r.email.clone(),
            name: r.name.clone(),
            company: r.company.clone(),
            topic: r.topic.clone(),
            situation: r.situation.clone(),
            timezone: r.timezone.clone(),
            preferred: r.preferred_dtos(),
            requested_at: utc(r.created_at),
        })
    }
}

/// Ask for an hour with a CSM (public). Served first come, first served.
/// With `queue.confirm_email` the request is `unconfirmed`: it holds no
/// place until its owner confirms through the link mailed to them.
#[utoipa::path(tag = "queue", operation_id = "joinQueue",
    request_body = QueueRequestBody, responses(
    (status = 201, body = QueuedWithToken),
    (status = 403, description = "`not_eligible`: high-touch accounts talk to their own CSM", body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "`already_queued`, `quota_exceeded`", body = Problem, content_type = "application/problem+json"),
    crate::rate_limit::RateLimited,
))]
#[post(
    "/api/v1/queue",
    wrap = "actix_web::middleware::from_fn(crate::rate_limit::public_posts)"
)]
pub async fn create(
    req: HttpRequest,
    db: web::Data<Db>,
    keys: web::Data<JwtKeys>,
    settings: web::Data<Settings>,
    body: web::Json<QueueRequestBody>,
) -> Result<HttpResponse, AppError> {
    let locale = super::request_locale(&req, &settings);
    let new = NewQueueRequest::parse(&body, TimeZone(settings.defaults.timezone), locale)?;
    let cfg = settings.queue.clone();
    let queued = {
        db.write(move |conn| queue::enqueue(conn, &cfg, &new, clock()))
            .await?
    };
    tracing::info!(request_id = %queued.request.id, status = %queued.request.status, "queue request");
    Ok(HttpResponse::Created().json(QueuedWithToken::from(&queued, &keys, &settings)?))
}

/// Whether the request carries the confirmation token of exactly this
/// queue request (only mailed to the address it was made for).
fn holds_confirm_token(req: &HttpRequest, keys: &JwtKeys, id: &str) -> bool {
    holds_token(req, keys, CONFIRM_KIND, id)
}

/// Confirm a request (the token from the confirmation mail, as `?token=` or
/// Bearer): it enters the queue at the place of the time it was made and
/// may be scheduled at once. The manage token comes with the answer.
#[utoipa::path(tag = "queue", operation_id = "confirmQueueRequest",
    security(("manage_token" = [])), responses(
    (status = 200, body = QueuedWithToken),
    (status = 401, description = "Not the confirmation token of this request (`unauthorized`)", body = Problem, content_type = "application/problem+json"),
    crate::rate_limit::RateLimited,
    (status = 409, description = "`session_closed` (cancelled, or not confirmed within 24 hours), `quota_exceeded`", body = Problem, content_type = "application/problem+json"),
))]
#[post(
    "/api/v1/queue/{id}/confirm",
    wrap = "actix_web::middleware::from_fn(crate::routes::ids_are_uuids)",
    wrap = "actix_web::middleware::from_fn(crate::rate_limit::public_posts)"
)]
pub async fn confirm(
    req: HttpRequest,
    db: web::Data<Db>,
    keys: web::Data<JwtKeys>,
    settings: web::Data<Settings>,
    path: web::Path<String>,
) -> Result<web::Json<QueuedWithToken>, AppError> {
    let id = path.into_inner();
    if !holds_confirm_token(&req, &keys, &id) {
        return Err(AppError::Unauthorized(
            "use the confirmation link from your e-mail",
        ));
    }
    let cfg = settings.queue.clone();
    let queued = {
        db.write(move |conn| queue::confirm(conn, &cfg, &id, clock()))
            .await?
    };
    tracing::info!(request_id = %queued.request.id, status = %queued.request.status, "queue request confirmed");
    Ok(web::Json(QueuedWithToken::from(&queued, &keys, &settings)?))
}

fn staff_of_queue(caller: &Caller) -> Result<(), AppError> {
    match caller {
        Caller::Owner => Ok(()),
        Caller::Staff(s) => Ok(s.require(&[Role::Csm, Role::Admin])?),
    }
}

/// One request (its manage token or confirmation token, CSMs, admins).
/// Reading it never confirms it: the confirmation link leads here, and mail
/// scanners open links.
#[utoipa::path(tag = "queue", operation_id = "getQueueRequest",
    security(("bearer" = []), ("manage_token" = [])), responses(
    (status = 200, body = QueuedOut),
    (status = 403, description = "Staff other than CSMs and admins (`forbidden`)", body = Problem, content_type = "application/problem+json"),
))]
#[get(
    "/api/v1/queue/{id}",
    wrap = "actix_web::middleware::from_fn(crate::routes::ids_are_uuids)"
)]
pub async fn get(
    req: HttpRequest,
    db: web::Data<Db>,
    keys: web::Data<JwtKeys>,
    path: web::Path<String>,
) -> Result<web::Json<QueuedOut>, AppError> {
    let id = path.into_inner();
    if !holds_confirm_token(&req, &keys, &id) {
        staff_of_queue(&booking_caller(&req, &keys, "queue", &id).await?)?;
    }
    let queued = db.run(move |conn| queue::status_of(conn, &id)).await?;
    Ok(web::Json(QueuedOut::from(&queued)?))
}

/// Cancel a request (its manage token, the CSM hosting its hour, admins); a
/// freed hour goes to the next in the queue.
#[utoipa::path(tag = "queue", operation_id = "cancelQueueRequest",
    security(("bearer" = []), ("manage_token" = [])), responses(
    (status = 200, body = QueuedOut),
    (status = 403, description = "Staff other than the CSM hosting its hour and admins (`forbidden`)", body = Problem, content_type = "application/problem+json"),
    crate::rate_limit::RateLimited,
))]
#[post(
    "/api/v1/queue/{id}/cancel",
    wrap = "actix_web::middleware::from_fn(crate::routes::ids_are_uuids)",
    wrap = "actix_web::middleware::from_fn(crate::rate_limit::public_posts)"
)]
pub async fn cancel(
    req: HttpRequest,
    db: web::Data<Db>,
    keys: web::Data<JwtKeys>,
    settings: web::Data<Settings>,
    path: web::Path<String>,
) -> Result<web::Json<QueuedOut>, AppError> {
    let id = path.into_inner();
    // A CSM cancels only the hours they host; a waiting request has no host.
    let host_only = match booking_caller(&req, &keys, "queue", &id).await? {
        Caller::Owner => None,
        Caller::Staff(s) if s.role == Role::Admin => None,
        Caller::Staff(s) => {
            s.require(&[Role::Csm])?;
            Some(s.id)
        }
    };
    let cfg = settings.queue.clone();
    let queued = db
        .write(move |conn| {
            if let Some(csm) = host_only {
                let current = queue::status_of(conn, &id)?;
                if current.appointment.is_none_or(|a| a.row.host_id != csm) {
                    return Err(AppError::Forbidden(
                        "only the CSM hosting this hour or an admin may cancel it",
                    ));
                }
            }
            Ok(queue::cancel(conn, &cfg, &id, clock())?)
        })
        .await?;
    tracing::info!(request_id = %queued.request.id, "queue request cancelled");
    Ok(web::Json(QueuedOut::from(&queued)?))
}

/// Ask for another slot (its manage token): the next free hour after the
/// current one, else back to waiting at the original place.
#[utoipa::path(tag = "queue", operation_id = "rescheduleQueueRequest",
    security(("bearer" = []), ("manage_token" = [])), responses(
    (status = 200, body = QueuedOut),
    (status = 403, description = "Staff: only the customer asks for another slot (`forbidden`)", body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "`not_scheduled`", body = Problem, content_type = "application/problem+json"),
    crate::rate_limit::RateLimited,
))]
#[post(
    "/api/v1/queue/{id}/reschedule",
    wrap = "actix_web::middleware::from_fn(crate::routes::ids_are_uuids)",
    wrap = "actix_web::middleware::from_fn(crate::rate_limit::public_posts)"
)]
pub async fn reschedule(
    req: HttpRequest,
    db: web::Data<Db>,
    keys: web::Data<JwtKeys>,
    settings: web::Data<Settings>,
    path: web::Path<String>,
) -> Result<web::Json<QueuedOut>, AppError> {
    let id = path.into_inner();
    if !matches!(
        booking_caller(&req, &keys, "queue", &id).await?,
        Caller::Owner
    ) {
        return Err(AppError::Forbidden(
            "only the customer asks for another slot",
        ));
    }
    let cfg = settings.queue.clone();
    let queued = db
        .write(move |conn| queue::reschedule(conn, &cfg, &id, clock()))
        .await?;
    tracing::info!(request_id = %queued.request.id, status = %queued.request.status, "queue request rescheduled");
    Ok(web::Json(QueuedOut::from(&queued)?))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct QueueListQuery {
    pub cursor: Option<String>,
    pub limit: Option<u32>,
}

/// The waiting requests in serving order with their 1-based places: the
/// API's list and the `/staff/queue` page.
pub async fn waiting_in_order(db: &Db) -> Result<Vec<(RequestRow, i64)>, AppError> {
    let all = db.run(queue::waiting).await?;
    Ok(all.into_iter().zip(1_i64..).collect())
}

/// The waiting requests in serving order, with topic and situation (csm, admin).
#[utoipa::path(tag = "queue", operation_id = "listQueue",
    security(("bearer" = [])), params(QueueListQuery), responses(
    (status = 200, body = Page<RequestOut>),
    (status = 403, description = "Not a CSM or admin (`forbidden`)", body = Problem, content_type = "application/problem+json"),
))]
#[get("/api/v1/queue")]
pub async fn list(
    db: web::Data<Db>,
    staff: Staff,
    query: web::Query<QueueListQuery>,
) -> Result<web::Json<Page<RequestOut>>, AppError> {
    staff.require(&[Role::Csm, Role::Admin])?;
    let page = super::page_request(query.cursor.as_deref(), query.limit)?;
    let offset: usize = match &page.after {
        None => 0,
        Some(k) => k
            .parse()
            .map_err(|_| AppError::validation("cursor", "is not a cursor returned by this list"))?,
    };
    let all = waiting_in_order(&db).await?;
    let limit = page.limit as usize;
    let items = all
        .iter()
        .skip(offset)
        .take(limit)
        .map(|(r, position)| RequestOut::from(r, Some(*position)))
        .collect::<Result<Vec<_>, _>>()?;
    let next_cursor =
        (offset + limit < all.len()).then(|| encode_cursor(&(offset + limit).to_string()));
    Ok(web::Json(Page { items, next_cursor }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AppointmentOut {
    #[schema(format = Uuid)]
    pub id: String,
    #[schema(format = Uuid)]
    pub request_id: String,
    pub host: HostOut,
    #[serde(with = "crate::domain::time")]
    pub starts_at: DateTime<Utc>,
    #[serde(with = "crate::domain::time")]
    pub ends_at: DateTime<Utc>,
    /// scheduled, held, no_show or cancelled.
    pub status: AppointmentStatus,
    pub notes: Option<String>,
    pub customer_name: String,
    #[schema(format = Email)]
    pub customer_email: String,
    pub company: Option<String>,
    pub topic: String,
    pub situation: String,
}

impl AppointmentOut {
    fn from(a: &Appointment, r: &RequestRow) -> Result<Self, AppError> {
        Ok(Self {
            id: a.row.id.clone(),
            request_id: a.row.request_id.clone(),
            host: HostOut {
                id: a.row.host_id.clone(),
                name: a.host_name.clone(),
            },
            starts_at: utc(a.row.starts_at),
            ends_at: utc(a.row.ends_at),
            status: AppointmentStatus::parse(&a.row.status)
                .ok_or_else(|| AppError::internal("unknown appointment status"))?,
            notes: a.row.notes.clone(),
            customer_name: r.name.clone(),
            customer_email: r.email.clone(),
            company: r.company.clone(),
            topic: r.topic.clone(),
            situation: r.situation.clone(),
        })
    }
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct AppointmentQuery {
    #[param(format = Uuid)]
    pub host_id: Option<String>,
    /// RFC 3339; default 30 days ago.
    #[param(format = DateTime)]
    pub from: Option<String>,
    /// RFC 3339; default 90 days ahead.
    #[param(format = DateTime)]
    pub to: Option<String>,
}

/// Appointments in a range (csm, admin).
#[utoipa::path(tag = "queue", operation_id = "listAppointments",
    security(("bearer" = [])), params(AppointmentQuery), responses(
    (status = 200, body = Page<AppointmentOut>),
    (status = 403, body = Problem, content_type = "application/problem+json"),
))]
#[get("/api/v1/appointments")]
pub async fn appointments(
    db: web::Data<Db>,
    staff: Staff,
    query: web::Query<AppointmentQuery>,
) -> Result<web::Json<Page<AppointmentOut>>, AppError> {
    // Customers' situations and the CSMs' notes: not for marketing.
    staff.require(&[Role::Csm, Role::Admin])?;
    let q = query.into_inner();
    let now = clock();
    let from = super::query_instant("from", &q.from)?.unwrap_or(now - Duration::days(30));
    let to = super::query_instant("to", &q.to)?.unwrap_or(now + Duration::days(90));
    let host =
        optional_uuid(q.host_id.as_deref()).map_err(|m| AppError::validation("host_id", m))?;
    let rows = db
        .run(move |conn| queue::appointments_between(conn, host.as_deref(), from, to))
        .await?;
    let items = rows
        .iter()
        .map(|(a, r)| AppointmentOut::from(a, r))
        .collect::<Result<_, _>>()?;
    Ok(web::Json(Page {
        items,
        next_cursor: None,
    }))
}

/// How an hour went.
#[derive(Debug, ToSchema)]
#[schema(rename_all = "snake_case")]
pub enum Outcome {
    Held,
    NoShow,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CompleteRequest {
    #[schema(value_type = Outcome)]
    pub outcome: String,
    #[schema(max_length = 4000)]
    pub notes: Option<String>,
}

/// Records how the hour went, if `staff` is its CSM or an admin: the API's
/// complete and the `/staff/appointments` page.
pub async fn complete_appointment(
    db: &Db,
    staff: &Staff,
    id: String,
    body: &CompleteRequest,
) -> Result<(Appointment, RequestRow), AppError> {
    let outcome = match body.outcome.as_str() {
        "held" => AppointmentStatus::Held,
        "no_show" => AppointmentStatus::NoShow,
        _ => return Err(AppError::validation("outcome", "use held or no_show")),
    };
    let notes = match body.notes.as_deref() {
        None => None,
        Some(n) => Some(multi_line(n, NOTES_MAX).map_err(|m| AppError::validation("notes", m))?),
    };
    let staff = staff.clone();
    db.write(move |conn| {
        let appt = queue::find_appointment(conn, &id)?
            .ok_or(AppError::NotFound("no appointment with this id"))?;
        if staff.role != Role::Admin && staff.id != appt.row.host_id {
            return Err(AppError::Forbidden(
                "only the appointment's CSM or an admin",
            ));
        }
        let appt = queue::complete(conn, &id, outcome, notes.as_deref(), clock())?;
        let req = queue::find_request(conn, &appt.row.request_id)?
            .ok_or(AppError::NotFound("request vanished"))?;
        Ok((appt, req))
    })
    .await
}

/// Record how the hour went (its CSM, admin).
#[utoipa::path(tag = "queue", operation_id = "completeAppointment",
    security(("bearer" = [])), request_body = CompleteRequest, responses(
    (status = 200, body = AppointmentOut),
    (status = 403, description = "Neither its CSM nor an admin (`forbidden`)", body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "`session_closed`: the appointment was cancelled", body = Problem, content_type = "application/problem+json"),
))]
#[post(
    "/api/v1/appointments/{id}/complete",
    wrap = "actix_web::middleware::from_fn(crate::routes::ids_are_uuids)"
)]
pub async fn complete(
    db: web::Data<Db>,
    staff: Staff,
    path: web::Path<String>,
    body: web::Json<CompleteRequest>,
) -> Result<web::Json<AppointmentOut>, AppError> {
    let (appt, req) = complete_appointment(&db, &staff, path.into_inner(), &body).await?;
    Ok(web::Json(AppointmentOut::from(&appt, &req)?))
}
