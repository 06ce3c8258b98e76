//! `Staff`: the authenticated caller of a staff endpoint.

use std::future::{Ready, ready};

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};

use super::JwtKeys;
use crate::domain::user::Role;
use crate::error::AppError;

/// A caller with a valid staff token. Handlers then ask for a role with
/// [`Staff::require`].
#[derive(Debug, Clone)]
pub struct Staff {
    pub id: String,
    pub role: Role,
}

impl Staff {
    /// 403 unless the caller has one of `roles`.
    pub fn require(&self, roles: &[Role]) -> Result<(), AppError> {
        if roles.contains(&self.role) {
            Ok(())
        } else {
            Err(AppError::Forbidden("your role may not do this"))
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
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(authenticate(req))
    }
}

fn authenticate(req: &HttpRequest) -> Result<Staff, AppError> {
    let keys = req
        .app_data::<web::Data<JwtKeys>>()
        .ok_or_else(|| AppError::internal("JwtKeys missing from app data"))?;
    let token = bearer_token(req).ok_or(AppError::Unauthorized(
        "sign in and send the token as Authorization: Bearer <token>",
    ))?;
    let claims = keys.verify(token)?;
    Ok(Staff {
        id: claims.sub,
        role: claims.role,
    })
}
