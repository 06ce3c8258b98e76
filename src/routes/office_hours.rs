//! CSM availability (weekly windows in their own zone, exceptions) and the
//! public view of free one-hour slots.

use std::collections::BTreeMap;

use actix_web::web;
use actix_web::{get, put};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::Staff;
use crate::config::Settings;
use crate::db::{Db, availability, clock, queue, users};
use crate::domain::availability::{
    Availability, AvailabilityRequest, ExceptionDto, SLOT, WindowDto,
};
use crate::domain::user::Role;
use crate::error::{AppError, Problem};

/// Longest range the slots endpoint answers for at once.
pub const SLOTS_RANGE_MAX_DAYS: i64 = 92;

#[derive(Debug, Serialize, ToSchema)]
pub struct AvailabilityOut {
    #[schema(format = Uuid)]
    pub user_id: String,
    pub timezone: String,
    pub weekly: Vec<WindowDto>,
    pub exceptions: Vec<ExceptionDto>,
}

fn may_edit(staff: &Staff, user_id: &str) -> Result<(), AppError> {
    if staff.role == Role::Admin || (staff.id == user_id && staff.role == Role::Csm) {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "a CSM edits only their own availability",
        ))
    }
}

/// Runs the allocator once, after a change that may free or add an hour.
pub async fn run_allocator(db: &Db, settings: &Settings) -> Result<usize, AppError> {
    let cfg = settings.queue.clone();
    db.write(move |conn| queue::allocate(conn, &cfg, clock()))
        .await
        .map_err(AppError::from)
}

/// Checks, parses and saves a CSM's availability, then lets the allocator
/// hand out hours it may have opened: `PUT /api/v1/users/{id}/availability`
/// and the `/staff/availability` page.
pub async fn save_availability(
    db: &Db,
    settings: &Settings,
    staff: &Staff,
    user_id: String,
    body: &AvailabilityRequest,
) -> Result<Availability, AppError> {
    may_edit(staff, &user_id)?;
    let avail = Availability::parse(body)?;
    let (id, a) = (user_id.clone(), avail.clone());
    db.write(move |conn| {
        let user =
            users::find(conn, &id)?.ok_or(AppError::NotFound("no staff user with this id"))?;
        if user.role()? == Role::Marketing {
            return Err(AppError::validation(
                "id",
                "marketing users hold no office hours",
            ));
        }
        Ok(availability::save(conn, &id, &a, clock())?)
    })
    .await?;
    tracing::info!(user_id = %user_id, by = %staff.id, "availability saved");
    run_allocator(db, settings).await?;
    Ok(avail)
}

/// Replace a CSM's availability (that CSM, admin).
#[utoipa::path(tag = "office hours",
    operation_id = "replaceAvailability", security(("bearer" = [])), request_body = AvailabilityRequest, responses(
    (status = 200, body = AvailabilityOut),
    (status = 403, description = "Neither that CSM nor an admin (`forbidden`)", body = Problem, content_type = "application/problem+json"),
))]
#[put(
    "/api/v1/users/{id}/availability",
    wrap = "actix_web::middleware::from_fn(crate::routes::ids_are_uuids)"
)]
pub async fn put_availability(
    db: web::Data<Db>,
    settings: web::Data<Settings>,
    staff: Staff,
    path: web::Path<String>,
    body: web::Json<AvailabilityRequest>,
) -> Result<web::Json<AvailabilityOut>, AppError> {
    let user_id = path.into_inner();
    let avail = save_availability(&db, &settings, &staff, user_id.clone(), &body).await?;
    let (weekly, exceptions) = avail.to_dtos();
    Ok(web::Json(AvailabilityOut {
        user_id,
        timezone: avail.timezone.name().to_owned(),
        weekly,
        exceptions,
    }))
}

/// A CSM's availability (staff).
#[utoipa::path(tag = "office hours",
    operation_id = "getAvailability", security(("bearer" = [])), responses(
    (status = 200, body = AvailabilityOut),
))]
#[get(
    "/api/v1/users/{id}/availability",
    wrap = "actix_web::middleware::from_fn(crate::routes::ids_are_uuids)"
)]
pub async fn get_availability(
    db: web::Data<Db>,
    _staff: Staff,
    path: web::Path<String>,
) -> Result<web::Json<AvailabilityOut>, AppError> {
    let user_id = path.into_inner();
    let id = user_id.clone();
    let row = db
        .run(move |conn| availability::find(conn, &id))
        .await?
        .ok_or(AppError::NotFound(
            "this user has published no availability",
        ))?;
    let (weekly, exceptions) = row.parse()?.to_dtos();
    Ok(web::Json(AvailabilityOut {
        user_id,
        timezone: row.timezone,
        weekly,
        exceptions,
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct SlotsQuery {
    /// RFC 3339; default now.
    #[param(format = DateTime)]
    pub from: Option<String>,
    /// RFC 3339; default seven days after `from`; at most 92 days after it.
    #[param(format = DateTime)]
    pub to: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SlotOut {
    #[serde(with = "crate::domain::time")]
    pub starts_at: DateTime<Utc>,
    #[serde(with = "crate::domain::time")]
    pub ends_at: DateTime<Utc>,
    /// How many CSMs are free for this hour.
    pub hosts_free: usize,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SlotsOut {
    pub items: Vec<SlotOut>,
}

/// Free one-hour slots pooled over CSMs (public). Hours sooner than the
/// minimum notice are left out; ranges beyond the queue's horizon are fine.
#[utoipa::path(tag = "office hours",
    operation_id = "listFreeSlots", params(SlotsQuery), responses(
    (status = 200, body = SlotsOut),
))]
#[get("/api/v1/office-hours/slots")]
pub async fn slots(
    db: web::Data<Db>,
    settings: web::Data<Settings>,
    query: web::Query<SlotsQuery>,
) -> Result<web::Json<SlotsOut>, AppError> {
    let now = clock();
    let from = super::query_instant("from", &query.from)?.unwrap_or(now);
    let to = super::query_instant("to", &query.to)?.unwrap_or(from + Duration::days(7));
    if to <= from {
        return Err(AppError::validation("to", "must be after from"));
    }
    if to - from > Duration::days(SLOTS_RANGE_MAX_DAYS) {
        return Err(AppError::validation(
            "to",
            format!("at most {SLOTS_RANGE_MAX_DAYS} days after from"),
        ));
    }
    let earliest = now + Duration::hours(i64::from(settings.queue.min_notice_hours));
    let from = from.max(earliest);
    let hosts = if from < to {
        db.run(move |conn| queue::free_slots(conn, from, to))
            .await?
    } else {
        Vec::new()
    };
    Ok(web::Json(SlotsOut {
        items: pool(&hosts),
    }))
}

/// Pools the CSMs' free slots by start time.
pub fn pool(hosts: &[queue::HostFree]) -> Vec<SlotOut> {
    let mut by_start: BTreeMap<DateTime<Utc>, usize> = BTreeMap::new();
    for h in hosts {
        for s in &h.starts {
            *by_start.entry(*s).or_default() += 1;
        }
    }
    by_start
        .into_iter()
        .map(|(starts_at, hosts_free)| SlotOut {
            starts_at,
            ends_at: starts_at + SLOT,
            hosts_free,
        })
        .collect()
}
