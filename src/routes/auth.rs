//! Sign-in and the caller's own profile.

use actix_web::web;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::users::UserOut;
use crate::auth::{JwtKeys, Staff, password};
use crate::db::{Db, users};
use crate::domain::text::EmailAddress;
use crate::domain::user::PASSWORD_MAX;
use crate::error::{AppError, Problem};

#[derive(Debug, Deserialize, ToSchema)]
pub struct LoginRequest {
    #[schema(format = Email)]
    pub email: String,
    #[schema(format = Password)]
    pub password: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LoginResponse {
    pub token: String,
    /// Always `Bearer`.
    #[schema(pattern = "^Bearer$")]
    pub token_type: &'static str,
    pub expires_at: DateTime<Utc>,
}

const BAD_LOGIN: AppError = AppError::Unauthorized("e-mail or password is wrong");

/// Exchange e-mail and password for a staff token.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", operation_id = "login",
    request_body = LoginRequest, responses(
    (status = 200, body = LoginResponse),
    (status = 401, description = "E-mail or password is wrong (`unauthorized`)", body = Problem, content_type = "application/problem+json"),
    (status = 429, description = "Too many attempts (`rate_limited`); see Retry-After", body = Problem, content_type = "application/problem+json",
        headers(("Retry-After" = u64, description = "Seconds until a request is accepted again"))),
))]
pub async fn login(
    db: web::Data<Db>,
    keys: web::Data<JwtKeys>,
    body: web::Json<LoginRequest>,
) -> Result<web::Json<LoginResponse>, AppError> {
    let LoginRequest { email, password } = body.into_inner();
    if password.chars().count() > PASSWORD_MAX {
        return Err(BAD_LOGIN);
    }
    let user = match EmailAddress::parse(&email) {
        Ok(email) => {
            db.run(move |conn| users::find_by_email(conn, email.as_str()))
                .await?
        }
        Err(_) => None,
    };
    let stored = user.as_ref().map(|u| u.password_hash.clone());
    if !password::verify_blocking(password, stored).await? {
        return Err(BAD_LOGIN);
    }
    let user = user.ok_or(BAD_LOGIN)?;
    let (token, expires_at) = keys.issue(&user.id, user.role()?)?;
    tracing::info!(user_id = %user.id, "staff signed in");
    Ok(web::Json(LoginResponse {
        token,
        token_type: "Bearer",
        expires_at,
    }))
}

/// The signed-in staff user.
#[utoipa::path(get, path = "/api/v1/me", tag = "auth", operation_id = "getMe",
    security(("bearer" = [])), responses(
    (status = 200, body = UserOut),
))]
pub async fn me(db: web::Data<Db>, staff: Staff) -> Result<web::Json<UserOut>, AppError> {
    let id = staff.id.clone();
    let user = db
        .run(move |conn| users::find(conn, &id))
        .await?
        // A token for a user that no longer exists is no longer valid.
        .ok_or(AppError::Unauthorized("the token's user no longer exists"))?;
    Ok(web::Json(UserOut::from_row(&user)?))
}
