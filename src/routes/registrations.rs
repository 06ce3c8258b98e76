//! Registrations: public sign-up, the customer's own view and cancel (with
//! the manage token), the host's list and attendance.

use actix_web::{HttpRequest, HttpResponse, web};
use actix_web::{get, post};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::webinars::{load, require_host};
use super::{ListQuery, Page};
use crate::auth::booking::{Caller, booking_caller};
use crate::auth::{JwtKeys, Staff};
use crate::config::Settings;
use crate::db::registrations::{self, RegistrationRow};
use crate::db::{Db, booking, chance as db_chance, clock, utc, webinars};
use crate::domain::page::{PageRequest, split_page};
use crate::domain::registration::{NewRegistration, RegistrationRequest, RegistrationStatus};
use crate::domain::text::uuid;
use crate::domain::timezone::TimeZone;
use crate::domain::user::Role;
use crate::domain::validation::Validator;
use crate::error::{AppError, Problem};

#[derive(Debug, Serialize, ToSchema)]
pub struct RegisteredOut {
    #[schema(format = Uuid)]
    pub id: String,
    #[schema(format = Uuid)]
    pub webinar_id: String,
    pub status: RegistrationStatus,
    /// 1-based; `null` unless waitlisted.
    pub waitlist_position: Option<i64>,
    /// Bearer or `?token=` for this registration's endpoints; also in the e-mail.
    pub manage_token: String,
}

/// A registration as its owner and staff see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegistrationOut {
    #[schema(format = Uuid)]
    pub id: String,
    #[schema(format = Uuid)]
    pub webinar_id: String,
    #[schema(format = Email)]
    pub email: String,
    pub name: String,
    pub company: Option<String>,
    pub timezone: String,
    pub locale: String,
    pub status: RegistrationStatus,
    pub waitlist_position: Option<i64>,
    pub situation: Option<String>,
    pub questions: Vec<String>,
    pub marketing_consent: bool,
    pub attended: Option<bool>,
    #[serde(with = "crate::domain::time")]
    pub registered_at: DateTime<Utc>,
    #[serde(with = "crate::domain::time::option")]
    pub cancelled_at: Option<DateTime<Utc>>,
    /// For `offered`: until when the seat is held for this person.
    #[serde(with = "crate::domain::time::option")]
    pub offer_expires_at: Option<DateTime<Utc>>,
    /// For `waitlisted`: the estimated chance (0..1) of a seat before the
    /// start; `null` with too little history to learn from.
    #[schema(minimum = 0, maximum = 1)]
    pub seat_chance: Option<f64>,
    /// Moves to the next occurrence of the series when left without a seat.
    pub rollover: bool,
}

impl RegistrationOut {
    pub fn from_row(
        row: &RegistrationRow,
        waitlist_position: Option<i64>,
        seat_chance: Option<f64>,
    ) -> Result<Self, AppError> {
        Ok(Self {
            id: row.id.clone(),
            webinar_id: row.webinar_id.clone(),
            email: row.email.clone(),
            name: row.name.clone(),
            company: row.company.clone(),
            timezone: row.timezone.clone(),
            locale: row.locale.clone(),
            status: row.status()?,
            waitlist_position,
            situation: row.situation.clone(),
            questions: row.questions(),
            marketing_consent: row.marketing_consent,
            attended: row.attended,
            registered_at: utc(row.created_at),
            cancelled_at: row.cancelled_at.map(utc),
            offer_expires_at: row.offer_expires_at.map(utc),
            seat_chance,
            rollover: row.rollover,
        })
    }
}

/// Register for a webinar (public, no account). A full webinar puts the
/// registrant on the waiting list.
#[utoipa::path(tag = "registrations",
    operation_id = "register", request_body = RegistrationRequest, responses(
    (status = 201, body = RegisteredOut),
    (status = 409, description = "`already_registered` (the confirmation is e-mailed again, at most once per 15 minutes), `session_closed`", body = Problem, content_type = "application/problem+json"),
    crate::rate_limit::RateLimited,
))]
#[post(
    "/api/v1/webinars/{id}/registrations",
    wrap = "actix_web::middleware::from_fn(crate::routes::ids_are_uuids)",
    wrap = "actix_web::middleware::from_fn(crate::rate_limit::public_posts)"
)]
pub async fn create(
    req: HttpRequest,
    db: web::Data<Db>,
    keys: web::Data<JwtKeys>,
    settings: web::Data<Settings>,
    path: web::Path<String>,
    body: web::Json<RegistrationRequest>,
) -> Result<HttpResponse, AppError> {
    let locale = super::request_locale(&req, &settings);
    let new = NewRegistration::parse(&body, TimeZone(settings.defaults.timezone), locale)?;
    let webinar_id = path.into_inner();
    let booked = {
        db.write(move |conn| booking::register(conn, &webinar_id, &new, clock))
            .await?
    };
    let reg = &booked.registration;
    if booked.already_registered {
        tracing::info!(registration_id = %reg.id, resent = booked.confirmation_resent, "repeat registration");
        let detail = if booked.confirmation_resent {
            "this e-mail is already registered for this webinar; we sent the confirmation again"
        } else {
            "this e-mail is already registered for this webinar; the confirmation was sent again a few minutes ago"
        };
        return Err(AppError::conflict("already_registered", detail));
    }
    tracing::info!(registration_id = %reg.id, webinar_id = %reg.webinar_id, status = %reg.status, "registered");
    Ok(HttpResponse::Created().json(RegisteredOut {
        id: reg.id.clone(),
        webinar_id: reg.webinar_id.clone(),
        status: reg.status()?,
        waitlist_position: booked.waitlist_position,
        manage_token: keys.issue_manage_for_session(
            "registration",
            &reg.id,
            booked.session_ends_at,
        )?,
    }))
}

/// A registration with its waiting-list position and, while it waits, its
/// chance of a seat.
pub async fn load_registration(
    db: &Db,
    id: String,
) -> Result<(RegistrationRow, Option<i64>, Option<f64>), AppError> {
    db.read(move |conn| {
        let row = registrations::find(conn, &id)?
            .ok_or(AppError::NotFound("no registration with this id"))?;
        let position = registrations::position_of(conn, &row)?;
        let mut chance = None;
        if position.is_some()
            && let Some(webinar) = webinars::find(conn, &row.webinar_id)?
        {
            let rate = db_chance::cancel_rate(conn, &webinar.row, clock())?;
            chance = db_chance::chance_of(rate, &webinar.row, &row, position);
        }
        Ok((row, position, chance))
    })
    .await
}

/// Staff who may see or change a registration: admins, the webinar's host,
/// and (to read) marketing.
async fn check_staff(
    db: &Db,
    staff: &Staff,
    webinar_id: &str,
    write: bool,
) -> Result<(), AppError> {
    if staff.role == Role::Admin || (!write && staff.role == Role::Marketing) {
        return Ok(());
    }
    require_host(staff, &load(db, webinar_id.to_owned()).await?)
}

/// One registration (its manage token, the host, admin; marketing only
/// with the person's marketing consent).
#[utoipa::path(tag = "registrations",
    operation_id = "getRegistration", security(("bearer" = []), ("manage_token" = [])), responses(
    (status = 200, body = RegistrationOut),
    (status = 403, description = "Staff who may not see this registration: marketing without the person's consent (`forbidden`)", body = Problem, content_type = "application/problem+json"),
))]
#[get(
    "/api/v1/registrations/{id}",
    wrap = "actix_web::middleware::from_fn(crate::routes::ids_are_uuids)"
)]
pub async fn get(
    req: HttpRequest,
    db: web::Data<Db>,
    keys: web::Data<JwtKeys>,
    path: web::Path<String>,
) -> Result<web::Json<RegistrationOut>, AppError> {
    let id = path.into_inner();
    let caller = booking_caller(&req, &keys, "registration", &id).await?;
    let (row, position, chance) = load_registration(&db, id).await?;
    if let Caller::Staff(staff) = &caller {
        check_staff(&db, staff, &row.webinar_id, false).await?;
        if staff.role == Role::Marketing && !row.marketing_consent {
            return Err(AppError::Forbidden("this person gave no marketing consent"));
        }
    }
    Ok(web::Json(RegistrationOut::from_row(
        &row, position, chance,
    )?))
}

/// Cancel a registration (its manage token, the host, admin). A freed seat
/// goes to the first on the waiting list.
#[utoipa::path(tag = "registrations",
    operation_id = "cancelRegistration", security(("bearer" = []), ("manage_token" = [])), responses(
    (status = 200, body = RegistrationOut),
    (status = 403, description = "Staff who may not change this registration (`forbidden`)", body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "`session_closed`", body = Problem, content_type = "application/problem+json"),
    crate::rate_limit::RateLimited,
))]
#[post(
    "/api/v1/registrations/{id}/cancel",
    wrap = "actix_web::middleware::from_fn(crate::routes::ids_are_uuids)",
    wrap = "actix_web::middleware::from_fn(crate::rate_limit::public_posts)"
)]
pub async fn cancel(
    req: HttpRequest,
    db: web::Data<Db>,
    keys: web::Data<JwtKeys>,
    path: web::Path<String>,
) -> Result<web::Json<RegistrationOut>, AppError> {
    let id = path.into_inner();
    let caller = booking_caller(&req, &keys, "registration", &id).await?;
    if let Caller::Staff(staff) = &caller {
        let (row, _, _) = load_registration(&db, id.clone()).await?;
        check_staff(&db, staff, &row.webinar_id, true).await?;
    }
    let row = db
        .write(move |conn| booking::cancel_registration(conn, &id, clock()))
        .await?;
    tracing::info!(registration_id = %row.id, "registration cancelled");
    Ok(web::Json(RegistrationOut::from_row(&row, None, None)?))
}

/// Claim a seat offered from the waiting list (its manage token only:
/// the seat is the registrant's to take).
#[utoipa::path(tag = "registrations",
    operation_id = "claimRegistration", security(("manage_token" = [])), responses(
    (status = 200, description = "Confirmed: the invitation is on its way", body = RegistrationOut),
    (status = 403, description = "Staff: only the registrant claims a seat (`forbidden`)", body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "`not_offered`: no seat is offered to this registration, or the offer ran out", body = Problem, content_type = "application/problem+json"),
    crate::rate_limit::RateLimited,
))]
#[post(
    "/api/v1/registrations/{id}/claim",
    wrap = "actix_web::middleware::from_fn(crate::routes::ids_are_uuids)",
    wrap = "actix_web::middleware::from_fn(crate::rate_limit::public_posts)"
)]
pub async fn claim(
    req: HttpRequest,
    db: web::Data<Db>,
    keys: web::Data<JwtKeys>,
    path: web::Path<String>,
) -> Result<web::Json<RegistrationOut>, AppError> {
    let id = path.into_inner();
    let caller = booking_caller(&req, &keys, "registration", &id).await?;
    if let Caller::Staff(_) = caller {
        return Err(AppError::Forbidden(
            "only the registrant claims an offered seat, with the link from the mail",
        ));
    }
    let row = claim_seat(&db, id).await?;
    Ok(web::Json(RegistrationOut::from_row(&row, None, None)?))
}

/// The one claim, for the API and the manage page.
pub async fn claim_seat(db: &Db, id: String) -> Result<RegistrationRow, AppError> {
    let row = db
        .write(move |conn| booking::claim(conn, &id, clock()))
        .await?;
    tracing::info!(registration_id = %row.id, "offered seat claimed");
    Ok(row)
}

/// Everyone registered for a webinar, with their situations and questions
/// (its host, admin; marketing sees those who gave marketing consent).
#[utoipa::path(tag = "registrations",
    operation_id = "listRegistrations", security(("bearer" = [])), params(ListQuery), responses(
    (status = 200, body = Page<RegistrationOut>),
    (status = 403, description = "Not its host, an admin or marketing (`forbidden`)", body = Problem, content_type = "application/problem+json"),
))]
#[get(
    "/api/v1/webinars/{id}/registrations",
    wrap = "actix_web::middleware::from_fn(crate::routes::ids_are_uuids)"
)]
pub async fn list(
    db: web::Data<Db>,
    staff: Staff,
    path: web::Path<String>,
    query: web::Query<ListQuery>,
) -> Result<web::Json<Page<RegistrationOut>>, AppError> {
    let page = query.page()?;
    let (rows, next_cursor) = registrations_of(&db, &staff, path.into_inner(), &page).await?;
    let items = rows
        .iter()
        .map(|(r, p, c)| RegistrationOut::from_row(r, *p, *c))
        .collect::<Result<_, _>>()?;
    Ok(web::Json(Page { items, next_cursor }))
}

/// A registration with its waiting-list position and chance of a seat.
pub type Listed = (RegistrationRow, Option<i64>, Option<f64>);

/// The one registrant list, for the API and the host's page: one page of
/// a webinar's registrations with their waiting-list positions and chances,
/// and the next page's cursor (its host, admin; marketing only those who
/// gave marketing consent).
pub async fn registrations_of(
    db: &Db,
    staff: &Staff,
    webinar_id: String,
    page: &PageRequest,
) -> Result<(Vec<Listed>, Option<String>), AppError> {
    check_staff(db, staff, &webinar_id, false).await?;
    // Marketing sees only the people who agreed to marketing.
    let consent_only = staff.role == Role::Marketing;
    let (fetch, after) = (page.fetch_limit(), page.after.clone());
    let rows = db
        .run(move |conn| {
            let rows = registrations::list_for_webinar(
                conn,
                &webinar_id,
                consent_only,
                after.as_deref(),
                fetch,
            )?;
            // The history is read once for the page, and only if someone waits.
            let mut rate = None;
            let webinar = webinars::find(conn, &webinar_id)?;
            let waiting = RegistrationStatus::Waitlisted.as_str();
            if let Some(w) = &webinar
                && rows.iter().any(|r| r.status == waiting)
            {
                rate = db_chance::cancel_rate(conn, &w.row, clock())?;
            }
            rows.into_iter()
                .map(|row| {
                    let position = registrations::position_of(conn, &row)?;
                    let chance = webinar
                        .as_ref()
                        .and_then(|w| db_chance::chance_of(rate, &w.row, &row, position));
                    Ok((row, position, chance))
                })
                .collect::<Result<Vec<_>, AppError>>()
        })
        .await?;
    Ok(split_page(rows, page, |(r, _, _)| &r.id))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct AttendanceRequest {
    /// Registration ids (UUIDs).
    #[serde(default)]
    pub attended: Vec<String>,
    /// Registration ids (UUIDs).
    #[serde(default)]
    pub no_show: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AttendanceOut {
    pub marked: usize,
}

/// Mark who attended (its host, admin).
#[utoipa::path(tag = "registrations",
    operation_id = "markAttendance", security(("bearer" = [])), request_body = AttendanceRequest, responses(
    (status = 200, body = AttendanceOut),
    (status = 403, description = "Neither its host nor an admin (`forbidden`)", body = Problem, content_type = "application/problem+json"),
))]
#[post(
    "/api/v1/webinars/{id}/attendance",
    wrap = "actix_web::middleware::from_fn(crate::routes::ids_are_uuids)"
)]
pub async fn attendance(
    db: web::Data<Db>,
    staff: Staff,
    path: web::Path<String>,
    body: web::Json<AttendanceRequest>,
) -> Result<web::Json<AttendanceOut>, AppError> {
    let body = body.into_inner();
    let marked = mark_attendance(&db, &staff, path.into_inner(), &body).await?;
    Ok(web::Json(AttendanceOut { marked }))
}

/// The one attendance marking, for the API and the host's page (its host,
/// admin): every id must be a confirmed registration of the webinar.
pub async fn mark_attendance(
    db: &Db,
    staff: &Staff,
    webinar_id: String,
    body: &AttendanceRequest,
) -> Result<usize, AppError> {
    require_host(staff, &load(db, webinar_id.clone()).await?)?;
    if body.attended.len() + body.no_show.len() > 10_000 {
        return Err(AppError::validation(
            "attended",
            "at most 10000 ids at once",
        ));
    }
    let mut v = Validator::new();
    let (attended, no_show) = (
        ids(&mut v, "attended", &body.attended),
        ids(&mut v, "no_show", &body.no_show),
    );
    v.finish()?;
    let marked = db
        .write(move |conn| {
            booking::mark_attendance(conn, &webinar_id, &attended, &no_show, clock())
        })
        .await?;
    Ok(marked)
}

/// Registration ids from a body, each checked (`attended[3]`).
fn ids(v: &mut Validator, field: &str, raw: &[String]) -> Vec<String> {
    raw.iter()
        .enumerate()
        .filter_map(|(i, id)| v.check(&format!("{field}[{i}]"), uuid(id)))
        .collect()
}
