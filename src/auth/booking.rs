//! Who may act on a customer's booking: the customer with that booking's
//! manage token (as Bearer or `?token=`), or a signed-in staff user (whose
//! token is accepted only in the Authorization header: URLs end up in logs
//! and browser history).

use actix_web::HttpRequest;

use super::extractor::staff_of_token;
use super::{AuthError, JwtKeys, Refusal, Staff, bearer_token};

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

/// Whether the request carries (as `?token=` or Bearer) a token of this
/// purpose (`kind`) for exactly this booking, e.g. a queue confirmation.
pub fn holds_token(req: &HttpRequest, keys: &JwtKeys, kind: &str, id: &str) -> bool {
    query_token(req)
        .or_else(|| bearer_token(req).map(str::to_owned))
        .is_some_and(|t| keys.verify_manage(&t, kind, id))
}

/// The caller of a booking endpoint. A manage token for this booking, in
/// the query or the header, makes the owner; otherwise the header must hold
/// a valid staff token. A `?token=` that fits no booking does not stand in
/// the way of a valid staff header.
pub async fn booking_caller(
    req: &HttpRequest,
    keys: &JwtKeys,
    kind: &str,
    id: &str,
) -> Result<Caller, AuthError> {
    let query = query_token(req);
    let header = bearer_token(req);
    if query
        .iter()
        .map(String::as_str)
        .chain(header)
        .any(|t| keys.verify_manage(t, kind, id))
    {
        return Ok(Caller::Owner);
    }
    match (header, query) {
        (Some(token), _) => Ok(Caller::Staff(staff_of_token(req, token).await?)),
        (None, Some(_)) => Err(Refusal::WrongLink.into()),
        (None, None) => Err(Refusal::MissingCredentials.into()),
    }
}
