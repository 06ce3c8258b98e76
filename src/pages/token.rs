//! The token a manage or confirmation page carries: read from the link
//! (`?token=`) or from the button's form (a hidden field, else the query, for
//! a client that posts to the link itself), and accepted only for the one
//! booking and purpose it was issued for.

use actix_web::{HttpRequest, web};
use serde::Deserialize;

use super::context::{Ctx, query_param};
use super::error::PageError;
use crate::auth::JwtKeys;
use crate::error::AppError;

/// The form of every button on a token page.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TokenForm {
    token: String,
}

fn checked(
    req: &HttpRequest,
    keys: &JwtKeys,
    token: String,
    kind: &str,
    id: &str,
) -> Result<String, PageError> {
    if keys.verify_manage(&token, kind, id) {
        Ok(token)
    } else {
        Err(PageError::new(
            &Ctx::new(req, None),
            AppError::Unauthorized("this link is not valid for this booking"),
        ))
    }
}

/// A token a form posted in a field of its own.
pub fn verified(
    req: &HttpRequest,
    keys: &JwtKeys,
    token: String,
    kind: &str,
    id: &str,
) -> Result<String, PageError> {
    checked(req, keys, token, kind, id)
}

/// The token of the link the page was opened with.
pub fn opened(
    req: &HttpRequest,
    keys: &JwtKeys,
    kind: &str,
    id: &str,
) -> Result<String, PageError> {
    checked(
        req,
        keys,
        query_param(req, "token").unwrap_or_default(),
        kind,
        id,
    )
}

/// The token a button posted.
pub fn posted(
    req: &HttpRequest,
    keys: &JwtKeys,
    form: Option<web::Form<TokenForm>>,
    kind: &str,
    id: &str,
) -> Result<String, PageError> {
    let token = form
        .map(|f| f.into_inner().token)
        .filter(|t| !t.is_empty())
        .or_else(|| query_param(req, "token"))
        .unwrap_or_default();
    checked(req, keys, token, kind, id)
}
