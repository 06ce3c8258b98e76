//! Staff users, managed by admins.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ListQuery, Page};
use crate::auth::{Staff, password};
use crate::db::users::{self, UserRow};
use crate::db::{Db, utc};
use crate::domain::page::split_page;
use crate::domain::user::{NewStaffUser, Role};
use crate::error::{AppError, Problem};

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
    /// 10 to 1024 characters.
    #[schema(format = Password, min_length = 10, max_length = 1024)]
    pub password: String,
}

/// Create a staff user (admin).
#[utoipa::path(post, path = "/api/v1/users", tag = "users", operation_id = "createUser",
    security(("bearer" = [])), request_body = CreateUserRequest, responses(
    (status = 201, body = UserOut),
    (status = 403, description = "Not an admin (`forbidden`)", body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "`email_taken`", body = Problem, content_type = "application/problem+json"),
))]
pub async fn create(
    db: web::Data<Db>,
    staff: Staff,
    body: web::Json<CreateUserRequest>,
) -> Result<HttpResponse, AppError> {
    staff.require(&[Role::Admin])?;
    let body = body.into_inner();
    let new = NewStaffUser::parse(
        &body.email,
        &body.name,
        &body.role,
        body.timezone.as_deref(),
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
    db.run(move |conn| users::insert(conn, &new, &hash)).await
}

/// List staff users (admin).
#[utoipa::path(get, path = "/api/v1/users", tag = "users", operation_id = "listUsers",
    security(("bearer" = [])), params(ListQuery), responses(
    (status = 200, body = Page<UserOut>),
    (status = 403, description = "Not an admin (`forbidden`)", body = Problem, content_type = "application/problem+json"),
))]
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
#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "users", operation_id = "getUser",
    security(("bearer" = [])), responses(
    (status = 200, body = UserOut),
    (status = 403, description = "Another user, and not an admin (`forbidden`)", body = Problem, content_type = "application/problem+json"),
))]
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
