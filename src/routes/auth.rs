//! Sign-in, sign-out and the caller's own profile.

use std::time::Instant;

use actix_web::{HttpResponse, web};
use actix_web::{get, post};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::users::UserOut;
use crate::auth::{JwtKeys, Staff, password};
use crate::db::{Db, clock, users};
use crate::domain::text::EmailAddress;
use crate::domain::user::{PASSWORD_MAX, Role};
use crate::error::{AppError, Problem};
use crate::rate_limit::{ClientIp, FailedLogins};

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
    #[serde(with = "crate::domain::time")]
    pub expires_at: DateTime<Utc>,
}

const BAD_LOGIN: AppError = AppError::Unauthorized("e-mail or password is wrong");

/// Exchange e-mail and password for a staff token.
#[utoipa::path(tag = "auth", operation_id = "login",
    request_body = LoginRequest, responses(
    (status = 200, body = LoginResponse),
    (status = 401, description = "E-mail or password is wrong (`unauthorized`)", body = Problem, content_type = "application/problem+json"),
    (status = 429, description = "Too many attempts (`rate_limited`): too many failed sign-ins for this account or from this address; see Retry-After", body = Problem, content_type = "application/problem+json",
        headers(("Retry-After" = u64, description = "Seconds until a request is accepted again"))),
))]
#[post(
    "/api/v1/auth/login",
    wrap = "actix_web::middleware::from_fn(crate::rate_limit::public_posts)"
)]
pub async fn login(
    db: web::Data<Db>,
    keys: web::Data<JwtKeys>,
    failures: web::Data<FailedLogins>,
    client: ClientIp,
    body: web::Json<LoginRequest>,
) -> Result<web::Json<LoginResponse>, AppError> {
    let LoginRequest { email, password } = body.into_inner();
    let signed_in = sign_in(&db, &keys, &failures, client, &email, password).await?;
    Ok(web::Json(LoginResponse {
        token: signed_in.token,
        token_type: "Bearer",
        expires_at: signed_in.expires_at,
    }))
}

/// A staff user who proved their password, with a fresh token.
#[derive(Debug)]
pub struct SignedIn {
    pub token: String,
    pub expires_at: DateTime<Utc>,
    pub user_id: String,
    pub role: Role,
}

/// The one sign-in check, for the API and the `/login` page: the
/// failed-login limit, the password, an active user. Wrong e-mail,
/// password or a deactivated user are all `401 unauthorized` alike.
pub async fn sign_in(
    db: &Db,
    keys: &JwtKeys,
    failures: &FailedLogins,
    client: ClientIp,
    email: &str,
    password: String,
) -> Result<SignedIn, AppError> {
    let locked = |retry_after| AppError::RateLimited { retry_after };
    let failed = || {
        failures.record_failure(email, client, Instant::now());
        BAD_LOGIN
    };
    // Checked before waiting for a hashing turn (a flood is refused
    // without queueing) and again in turn, so parallel guesses see each
    // other's failures and cannot overshoot the limit.
    failures
        .check(email, client, Instant::now())
        .map_err(locked)?;
    if password.chars().count() > PASSWORD_MAX {
        return Err(failed());
    }
    let user = match EmailAddress::parse(email) {
        Ok(email) => {
            db.run(move |conn| users::find_by_email(conn, email.as_str()))
                .await?
        }
        Err(_) => None,
    };
    let stored = user.as_ref().map(|u| u.password_hash.clone());
    let turn = password::permit().await?;
    failures
        .check(email, client, Instant::now())
        .map_err(locked)?;
    let (matches, turn) = password::verify_in_turn(turn, password, stored).await?;
    // A deactivated user is refused exactly like a wrong password.
    let user = match user {
        Some(user) if matches && user.active => user,
        _ => return Err(failed()),
    };
    drop(turn);
    let role = user.role()?;
    let (token, expires_at) = keys.issue(&user.id, role, user.token_generation)?;
    tracing::info!(user_id = %user.id, "staff signed in");
    Ok(SignedIn {
        token,
        expires_at,
        user_id: user.id,
        role,
    })
}

/// Ends one staff token (the API's logout and the pages' sign-out).
pub async fn sign_out(db: &Db, staff: &Staff) -> Result<(), AppError> {
    let (jti, dead_after) = (staff.token_id.clone(), staff.token_dead_after);
    db.write(move |conn| users::revoke_token(conn, &jti, dead_after, clock()))
        .await?;
    tracing::info!(user_id = %staff.id, "staff signed out");
    Ok(())
}

/// The signed-in staff user.
#[utoipa::path(tag = "auth", operation_id = "getMe",
    security(("bearer" = [])), responses(
    (status = 200, body = UserOut),
))]
#[get("/api/v1/me")]
pub async fn me(db: web::Data<Db>, staff: Staff) -> Result<web::Json<UserOut>, AppError> {
    let id = staff.id.clone();
    let user = db
        .run(move |conn| users::find(conn, &id))
        .await?
        // A token for a user that no longer exists is no longer valid.
        .ok_or(AppError::Unauthorized("the token's user no longer exists"))?;
    Ok(web::Json(UserOut::from_row(&user)?))
}

/// Sign out: this token is refused from now on.
#[utoipa::path(tag = "auth", operation_id = "logout",
    security(("bearer" = [])), responses(
    (status = 204, description = "The token no longer works"),
))]
#[post("/api/v1/auth/logout")]
pub async fn logout(db: web::Data<Db>, staff: Staff) -> Result<HttpResponse, AppError> {
    sign_out(&db, &staff).await?;
    Ok(HttpResponse::NoContent().finish())
}
