//! `Staff`: the authenticated caller of a staff endpoint. A staff token is
//! read from the Authorization header only, and checked against the
//! database on every request: the user must exist, be active and still be
//! at the token's generation, and the token must not have been signed out.
//! The role is the one stored now, not the one the token was issued with.

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use chrono::{DateTime, Utc};
use futures_util::future::LocalBoxFuture;

use super::{AuthError, JwtKeys, Refusal};
use crate::db::users::UserRow;
use crate::db::{Db, users};
use crate::domain::user::Role;
use crate::error::AppError;

/// A caller with a valid staff token. Handlers then ask for a role with
/// [`Staff::require`].
#[derive(Debug, Clone)]
pub struct Staff {
    pub id: String,
    pub role: Role,
    /// The token's id, for logout.
    pub token_id: String,
    /// When the token stops being accepted anyway.
    pub token_dead_after: DateTime<Utc>,
}

impl Staff {
    /// 403 unless the caller has one of `roles`.
    pub fn require(&self, roles: &[Role]) -> Result<(), AuthError> {
        if roles.contains(&self.role) {
            Ok(())
        } else {
            Err(Refusal::Role.into())
        }
    }
}

pub fn bearer_token(req: &HttpRequest) -> Option<&str> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

impl FromRequest for Staff {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let token = bearer_token(&req).ok_or(AuthError::from(Refusal::MissingToken))?;
            Ok(staff_of_token(&req, token).await?)
        })
    }
}

/// The staff user behind `token`, checked as described in the module
/// comment; 401 when anything does not hold.
pub(super) async fn staff_of_token(req: &HttpRequest, token: &str) -> Result<Staff, AuthError> {
    staff_user_of_token(req, token)
        .await
        .map(|(staff, _)| staff)
}

/// [`staff_of_token`] with the user's stored row (name, locale, zone), for
/// the staff pages, which read the token from their session cookie.
pub async fn staff_user_of_token(
    req: &HttpRequest,
    token: &str,
) -> Result<(Staff, UserRow), AuthError> {
    let keys = req
        .app_data::<web::Data<JwtKeys>>()
        .ok_or(AuthError::Unwired("JwtKeys"))?;
    let db = req
        .app_data::<web::Data<Db>>()
        .ok_or(AuthError::Unwired("Db"))?;
    let claims = keys.verify(token)?;
    let (user_id, jti) = (claims.sub.clone(), claims.jti.clone());
    let holder = db
        .run(move |conn| users::token_holder(conn, &user_id, &jti))
        .await?;
    let Some((user, revoked)) = holder else {
        return Err(Refusal::UnknownUser.into());
    };
    if revoked {
        return Err(Refusal::SignedOut.into());
    }
    if !user.active || user.token_generation != claims.generation {
        return Err(Refusal::Superseded.into());
    }
    let staff = Staff {
        role: user.role()?,
        id: user.id.clone(),
        token_id: claims.jti.clone(),
        token_dead_after: claims.dead_after(),
    };
    Ok((staff, user))
}
