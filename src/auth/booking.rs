//! Who may act on a customer's booking: the customer with that booking's
//! manage token (as Bearer or `?token=`), or a signed-in staff user.

use actix_web::HttpRequest;

use super::{JwtKeys, Staff, bearer_token};
use crate::error::AppError;

pub enum Caller {
    /// Holds the manage token of exactly this booking.
    Owner,
    Staff(Staff),
}

fn query_token(req: &HttpRequest) -> Option<String> {
    url::form_urlencoded::parse(req.query_string().as_bytes())
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v.into_owned())
}

pub fn booking_caller(
    req: &HttpRequest,
    keys: &JwtKeys,
    kind: &str,
    id: &str,
) -> Result<Caller, AppError> {
    let token = query_token(req)
        .or_else(|| bearer_token(req).map(str::to_owned))
        .ok_or(AppError::Unauthorized(
            "use the link from your e-mail, or sign in",
        ))?;
    if keys.verify_manage(&token, kind, id) {
        return Ok(Caller::Owner);
    }
    let claims = keys
        .verify(&token)
        .map_err(|_| AppError::Unauthorized("this link is not valid for this booking"))?;
    Ok(Caller::Staff(Staff {
        id: claims.sub,
        role: claims.role,
    }))
}
