//! A CSM's busy calendar in: the URL of their own ICS feed, whose busy
//! events are never offered as free slots nor allocated to queue requests.
//! Setting it fetches it at once; the worker fetches it again every
//! `calendars.fetch_interval_secs`.

use actix_web::{get, put, web};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::Staff;
use crate::config::Settings;
use crate::db::{Db, busy_calendar, clock, users, utc};
use crate::domain::text::web_url;
use crate::domain::user::Role;
use crate::error::{AppError, Problem};

#[derive(Debug, Deserialize, ToSchema)]
pub struct BusyCalendarIn {
    /// An http(s) URL of an ICS (`text/calendar`) feed.
    pub url: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BusyCalendarOut {
    pub url: String,
    /// When the feed was last fetched and read; its busy times are in use.
    pub last_success_at: Option<DateTime<Utc>>,
    /// Why the last fetch failed (the last good copy stays in use), if it did.
    pub last_error: Option<String>,
}

/// Only that CSM themself, or an admin.
fn allowed(staff: &Staff, id: &str) -> Result<(), AppError> {
    if staff.id == id && staff.role == Role::Csm {
        return Ok(());
    }
    Ok(staff.require(&[Role::Admin])?)
}

async fn current(db: &Db, id: String) -> Result<BusyCalendarOut, AppError> {
    let row = db
        .read(move |conn| {
            let user = users::find(conn, &id)?;
            if user.is_none_or(|u| u.role != Role::Csm.as_str()) {
                return Err(AppError::NotFound("no such CSM"));
            }
            Ok(busy_calendar::get(conn, &id)?)
        })
        .await?
        .ok_or(AppError::NotFound("no busy calendar is set"))?;
    Ok(BusyCalendarOut {
        url: row.url,
        last_success_at: row.last_success_at.map(utc),
        last_error: row.last_error,
    })
}

/// Sets the CSM's busy calendar (that CSM themself, or an admin) and fetches
/// it once right away; the answer shows how that fetch went. A URL that is
/// or resolves to a loopback, private, link-local, unspecified or multicast
/// address is refused (422) unless `webhooks.allow_private_targets`.
#[utoipa::path(tag = "users", operation_id = "setBusyCalendar",
    security(("bearer" = [])), params(("id" = String, Path, format = Uuid)),
    request_body = BusyCalendarIn, responses(
    (status = 200, body = BusyCalendarOut),
    (status = 403, description = "Not that CSM and not an admin (`forbidden`)", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "No such CSM (`not_found`)", body = Problem, content_type = "application/problem+json"),
))]
#[put(
    "/api/v1/users/{id}/busy-calendar",
    wrap = "actix_web::middleware::from_fn(crate::routes::ids_are_uuids)"
)]
pub async fn set(
    db: web::Data<Db>,
    settings: web::Data<Settings>,
    staff: Staff,
    path: web::Path<String>,
    body: web::Json<BusyCalendarIn>,
) -> Result<web::Json<BusyCalendarOut>, AppError> {
    let id = path.into_inner();
    allowed(&staff, &id)?;
    save(&db, &settings, &id, &body.url).await?;
    Ok(web::Json(current(&db, id).await?))
}

/// Sets CSM `id`'s busy calendar to `raw` (validated, and refused when it
/// names an internal address) and fetches it once; shared with the CSM's
/// dashboard page. Who may do it is the caller's check.
pub async fn save(db: &Db, settings: &Settings, id: &str, raw: &str) -> Result<(), AppError> {
    let url = web_url(raw).map_err(|m| AppError::validation("url", m))?;
    let allow_private = settings.webhooks.allow_private_targets;
    crate::webhook::check_target(&url, allow_private)
        .await
        .map_err(|m| AppError::validation("url", m))?;
    let (uid, u) = (id.to_owned(), url.clone());
    db.write(move |conn| {
        let user = users::find(conn, &uid)?;
        if user.is_none_or(|u| u.role != Role::Csm.as_str()) {
            return Err(AppError::NotFound("no such CSM"));
        }
        busy_calendar::set(conn, &uid, &u, clock())?;
        Ok(())
    })
    .await?;
    let interval = Duration::seconds(i64::from(settings.calendars.fetch_interval_secs));
    crate::busy_fetch::fetch_one(db, allow_private, interval, id, &url).await?;
    Ok(())
}

/// The CSM's busy calendar and how its last fetch went (that CSM themself,
/// or an admin); 404 when none is set.
#[utoipa::path(tag = "users", operation_id = "getBusyCalendar",
    security(("bearer" = [])), params(("id" = String, Path, format = Uuid)), responses(
    (status = 200, body = BusyCalendarOut),
    (status = 403, description = "Not that CSM and not an admin (`forbidden`)", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "No such CSM, or no busy calendar set (`not_found`)", body = Problem, content_type = "application/problem+json"),
))]
#[get(
    "/api/v1/users/{id}/busy-calendar",
    wrap = "actix_web::middleware::from_fn(crate::routes::ids_are_uuids)"
)]
pub async fn get(
    db: web::Data<Db>,
    staff: Staff,
    path: web::Path<String>,
) -> Result<web::Json<BusyCalendarOut>, AppError> {
    let id = path.into_inner();
    allowed(&staff, &id)?;
    Ok(web::Json(current(&db, id).await?))
}
