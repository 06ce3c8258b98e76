//! Staff users: admins create and manage them; each user edits their own
//! profile and password.

use actix_web::{HttpResponse, web};
use actix_web::{get, patch, post};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::time::Instant;
use utoipa::ToSchema;

use super::{ListQuery, Page};
use crate::auth::{Staff, password};
use crate::config::Settings;
use crate::db::users::{self, UserRow};
use crate::db::{Db, utc};
use crate::domain::page::split_page;
use crate::domain::user::{NewStaffUser, Role, UserChanges, UserPatch};
use crate::error::{AppError, Problem};
use crate::rate_limit::{ClientIp, FailedLogins};

#[derive(Debug, Serialize, ToSchema)]
pub struct UserOut {
    #[schema(format = Uuid)]
    pub id: String,
    #[schema(format = Email)]
    pub email: String,
    pub name: String,
    pub role: Role,
    /// IANA time zone.
    pub timezone: String,
    /// The language of their mail.
    pub locale: String,
    /// `false`: deactivated, cannot sign in.
    pub active: bool,
    #[serde(with = "crate::domain::time")]
    pub created_at: DateTime<Utc>,
}

impl UserOut {
    pub fn from_row(row: &UserRow) -> Result<Self, AppError> {
        Ok(Self {
            id: row.id.clone(),
            email: row.email.clone(),
            name: row.name.clone(),
            role: row.role()?,
            timezone: row.timezone.clone(),
            locale: row.locale.clone(),
            active: row.active,
            created_at: utc(row.created_at),
        })
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CreateUserRequest {
    #[schema(format = Email, max_length = 254)]
    pub email: String,
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    #[schema(value_type = Role)]
    pub role: String,
    /// IANA time zone, e.g. `Europe/Berlin`; UTC when omitted.
    pub timezone: Option<String>,
    /// `en`, `de`, `fr`, `pt` or `ar`; the configured default when omitted.
    pub locale: Option<String>,
    /// 10 to 1024 characters.
    #[schema(format = Password, min_length = 10, max_length = 1024)]
    pub password: String,
}

/// Create a staff user (admin).
#[utoipa::path(tag = "users", operation_id = "createUser",
    security(("bearer" = [])), request_body = CreateUserRequest, responses(
    (status = 201, body = UserOut),
    (status = 403, description = "Not an admin (`forbidden`)", body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "`email_taken`", body = Problem, content_type = "application/problem+json"),
))]
#[post("/api/v1/users")]
pub async fn create(
    db: web::Data<Db>,
    settings: web::Data<Settings>,
    staff: Staff,
    body: web::Json<CreateUserRequest>,
) -> Result<HttpResponse, AppError> {
    staff.require(&[Role::Admin])?;
    let body = body.into_inner();
    let new = NewStaffUser::parse_with_locale(
        &body.email,
        &body.name,
        &body.role,
        body.timezone.as_deref(),
        Some(
            body.locale
                .as_deref()
                .unwrap_or(settings.defaults.locale.code()),
        ),
        &body.password,
    )?;
    let row = create_user(&db, new).await?;
    tracing::info!(user_id = %row.id, by = %staff.id, "staff user created");
    Ok(HttpResponse::Created().json(UserOut::from_row(&row)?))
}

/// Hashes the password off the async threads and stores the user; shared by
/// the API and `onetomany user add`.
pub async fn create_user(db: &Db, new: NewStaffUser) -> Result<UserRow, AppError> {
    let hash = password::hash_blocking(new.password.clone()).await?;
    db.run(move |conn| users::insert(conn, &new, &hash))
        .await
        .map_err(AppError::from)
}

/// List staff users (admin).
#[utoipa::path(tag = "users", operation_id = "listUsers",
    security(("bearer" = [])), params(ListQuery), responses(
    (status = 200, body = Page<UserOut>),
    (status = 403, description = "Not an admin (`forbidden`)", body = Problem, content_type = "application/problem+json"),
))]
#[get("/api/v1/users")]
pub async fn list(
    db: web::Data<Db>,
    staff: Staff,
    query: web::Query<ListQuery>,
) -> Result<web::Json<Page<UserOut>>, AppError> {
    staff.require(&[Role::Admin])?;
    let page = query.page()?;
    let rows = {
        let page = page.clone();
        db.run(move |conn| users::list(conn, &page)).await?
    };
    let (rows, next_cursor) = split_page(rows, &page, |r| &r.id);
    let items = rows
        .iter()
        .map(UserOut::from_row)
        .collect::<Result<_, _>>()?;
    Ok(web::Json(Page { items, next_cursor }))
}

/// One staff user (admin, or the user themself).
#[utoipa::path(tag = "users", operation_id = "getUser",
    security(("bearer" = [])), responses(
    (status = 200, body = UserOut),
    (status = 403, description = "Another user, and not an admin (`forbidden`)", body = Problem, content_type = "application/problem+json"),
))]
#[get(
    "/api/v1/users/{id}",
    wrap = "actix_web::middleware::from_fn(crate::routes::ids_are_uuids)"
)]
pub async fn get(
    db: web::Data<Db>,
    staff: Staff,
    path: web::Path<String>,
) -> Result<web::Json<UserOut>, AppError> {
    let id = path.into_inner();
    if staff.id != id {
        staff.require(&[Role::Admin])?;
    }
    let row = db
        .run(move |conn| users::find(conn, &id))
        .await?
        .ok_or(AppError::NotFound("no staff user with this id"))?;
    Ok(web::Json(UserOut::from_row(&row)?))
}

/// Change a staff user: admins set role, active, name, timezone and locale
/// of anyone; users set their own name, timezone, locale and password (with
/// `current_password`). A change of role, active or password ends every
/// token the user holds.
#[utoipa::path(tag = "users", operation_id = "updateUser",
    security(("bearer" = [])), request_body = UserPatch, responses(
    (status = 200, body = UserOut),
    (status = 403, description = "Not an admin and not the user themself, or a field only admins change (`forbidden`)", body = Problem, content_type = "application/problem+json"),
))]
#[patch(
    "/api/v1/users/{id}",
    wrap = "actix_web::middleware::from_fn(crate::routes::ids_are_uuids)"
)]
pub async fn update(
    db: web::Data<Db>,
    staff: Staff,
    failures: web::Data<FailedLogins>,
    client: ClientIp,
    path: web::Path<String>,
    body: web::Json<UserPatch>,
) -> Result<web::Json<UserOut>, AppError> {
    let id = path.into_inner();
    let is_self = staff.id == id;
    // Who may ask comes before whether the values are valid.
    if !is_self || body.role.is_some() || body.active.is_some() {
        staff.require(&[Role::Admin])?;
    }
    if body.password.is_some() && !is_self {
        return Err(AppError::Forbidden(
            "only the user themself sets a password",
        ));
    }
    let changes = UserChanges::parse(&body)?;
    refuse_own_lockout(&staff, &id, &changes)?;
    let password_hash = match (&changes.password, &body.current_password) {
        (None, _) => None,
        (Some(new), Some(current)) => {
            let stored = {
                let id = id.clone();
                db.run(move |conn| users::find(conn, &id)).await?
            };
            // Guessing the current password with a stolen token counts like
            // failed sign-ins: the same limits per account and per client.
            let email = stored.as_ref().map(|u| u.email.clone()).unwrap_or_default();
            failures
                .check(&email, client, Instant::now())
                .map_err(|retry_after| AppError::RateLimited { retry_after })?;
            let hash = stored.map(|u| u.password_hash);
            if !password::verify_blocking(current.clone(), hash).await? {
                failures.record_failure(&email, client, Instant::now());
                return Err(AppError::validation(
                    "current_password",
                    "is not your current password",
                ));
            }
            Some(password::hash_blocking(new.clone()).await?)
        }
        (Some(_), None) => {
            return Err(AppError::validation(
                "current_password",
                "is required to set a new password",
            ));
        }
    };
    let row = save_user(&db, &staff, id, changes, password_hash).await?;
    Ok(web::Json(UserOut::from_row(&row)?))
}

/// An admin cannot change their own role or deactivate themself: at least
/// the admin who is acting keeps access.
pub fn refuse_own_lockout(staff: &Staff, id: &str, changes: &UserChanges) -> Result<(), AppError> {
    if staff.id != id || !changes.needs_admin() {
        return Ok(());
    }
    Err(AppError::validation(
        if changes.role.is_some() {
            "role"
        } else {
            "active"
        },
        "an admin cannot change their own role or deactivate themself",
    ))
}

/// Stores checked changes (a change of role, active or password ends the
/// user's tokens); shared by the API and the admin pages.
pub async fn save_user(
    db: &Db,
    staff: &Staff,
    id: String,
    changes: UserChanges,
    password_hash: Option<String>,
) -> Result<UserRow, AppError> {
    let row = db
        .write(move |conn| users::update(conn, &id, &changes, password_hash.as_deref()))
        .await?
        .ok_or(AppError::NotFound("no staff user with this id"))?;
    tracing::info!(user_id = %row.id, by = %staff.id, "staff user changed");
    Ok(row)
}
