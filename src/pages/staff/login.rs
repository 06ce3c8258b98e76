//! `/login` and `/logout`: the staff sign-in form over the API's own
//! sign-in check ([`sign_in`]), the session cookie, and sign-out (the
//! token is revoked as by `POST /api/v1/auth/logout`).
//!
//! The sign-in form has no session to bind a CSRF token to, so it carries
//! a random value that must equal the `login_csrf` cookie (double submit):
//! another site can neither read the cookie nor set it for us.

use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use base64::Engine;
use serde::Deserialize;

use super::nav::landing;
use super::session::{StaffPage, removal, session_cookie};
use crate::auth::JwtKeys;
use crate::db::{Db, clock};
use crate::error::AppError;
use crate::pages::context::{Ctx, Layout, query_param};
use crate::pages::error::{OrPage, PageError};
use crate::rate_limit::{ClientIp, FailedLogins};
use crate::routes::auth::{sign_in, sign_out};

pub const LOGIN_CSRF_COOKIE: &str = "login_csrf";

#[derive(Template)]
#[template(path = "pages/staff/login.html")]
struct LoginPage {
    l: Layout,
    email: String,
    next: String,
    login_csrf: String,
    error: Option<String>,
    notice: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LoginForm {
    pub email: String,
    pub password: String,
    pub next: String,
    pub login_csrf: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CsrfForm {
    pub csrf: String,
}

/// `next` when it is a path on this site (not `//host` or `/\host`, which
/// browsers read as another site), in printable ASCII as a URL is written
/// (so it fits a Location header).
pub fn local_path(next: &str) -> Option<&str> {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && next.chars().all(|c| c.is_ascii_graphic());
    ok.then_some(next)
}

fn fresh_login_csrf() -> String {
    let mut bytes = [0u8; 32];
    // The system's random source; if it failed, a uuid is still unguessable.
    if aws_lc_rs::rand::fill(&mut bytes).is_err() {
        return uuid::Uuid::new_v4().simple().to_string();
    }
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// The form's value: the cookie's when it holds one, else a new one.
fn login_csrf_of(req: &HttpRequest) -> (String, bool) {
    match req.cookie(LOGIN_CSRF_COOKIE) {
        Some(c) if c.value().len() >= 22 && c.value().len() <= 64 => (c.value().to_owned(), false),
        _ => (fresh_login_csrf(), true),
    }
}

fn login_csrf_cookie(value: &str, secure: bool) -> Cookie<'static> {
    Cookie::build(LOGIN_CSRF_COOKIE, value.to_owned())
        .path("/login")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(secure)
        .finish()
}

/// The form, with the e-mail kept and the error (if any) tied to both
/// fields.
fn form(
    ctx: &Ctx,
    req: &HttpRequest,
    email: String,
    next: String,
    error: Option<String>,
    status: StatusCode,
) -> HttpResponse {
    let (token, new) = login_csrf_of(req);
    let notice = (error.is_none() && query_param(req, "signed_out").is_some())
        .then(|| ctx.t("staff-login-signed-out"));
    let mut back = Vec::new();
    if !next.is_empty() {
        back.push(("next".to_owned(), next.clone()));
    }
    let page = LoginPage {
        l: ctx.clone().switch_to("/login".to_owned(), back).layout(),
        email,
        next,
        login_csrf: token.clone(),
        error,
        notice,
    };
    let mut res = ctx.render(status, &page);
    if new {
        let _ = res.add_cookie(&login_csrf_cookie(&token, ctx.secure()));
    }
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    res
}

pub async fn show(req: HttpRequest) -> HttpResponse {
    let ctx = Ctx::new(&req, None);
    let next = query_param(&req, "next")
        .filter(|n| local_path(n).is_some())
        .unwrap_or_default();
    form(&ctx, &req, String::new(), next, None, StatusCode::OK)
}

pub async fn submit(
    req: HttpRequest,
    db: web::Data<Db>,
    keys: web::Data<JwtKeys>,
    failures: web::Data<FailedLogins>,
    client: ClientIp,
    body: web::Form<LoginForm>,
) -> Result<HttpResponse, PageError> {
    let ctx = Ctx::new(&req, None);
    let LoginForm {
        email,
        password,
        next,
        login_csrf,
    } = body.into_inner();
    let next = local_path(&next).map(str::to_owned).unwrap_or_default();
    let cookie = req.cookie(LOGIN_CSRF_COOKIE);
    let csrf_ok = cookie.as_ref().is_some_and(|c| {
        !login_csrf.is_empty()
            && aws_lc_rs::constant_time::verify_slices_are_equal(
                c.value().as_bytes(),
                login_csrf.as_bytes(),
            )
            .is_ok()
    });
    if !csrf_ok {
        let error = Some(ctx.t("staff-login-error-expired"));
        return Ok(form(&ctx, &req, email, next, error, StatusCode::FORBIDDEN));
    }
    let signed_in = match sign_in(&db, &keys, &failures, client, &email, password).await {
        Ok(signed_in) => signed_in,
        Err(AppError::Unauthorized(_)) => {
            let error = Some(ctx.t("staff-login-error-wrong"));
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(form(&ctx, &req, email, next, error, status));
        }
        Err(AppError::RateLimited { retry_after }) => {
            let minutes = retry_after.div_ceil(60).max(1);
            let error = Some(ctx.text("staff-login-error-locked", &[("minutes", minutes.into())]));
            let mut res = form(
                &ctx,
                &req,
                email,
                next,
                error,
                StatusCode::TOO_MANY_REQUESTS,
            );
            if let Ok(v) = header::HeaderValue::from_str(&retry_after.to_string()) {
                res.headers_mut().insert(header::RETRY_AFTER, v);
            }
            return Ok(res);
        }
        Err(other) => return Err(PageError::new(&ctx, other)),
    };
    let target = if next.is_empty() {
        landing(signed_in.role).to_owned()
    } else {
        next
    };
    let lifetime = (signed_in.expires_at - clock()).num_seconds();
    let mut spent = login_csrf_cookie("", ctx.secure());
    spent.make_removal();
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, target))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .cookie(session_cookie(&signed_in.token, lifetime, ctx.secure()))
        .cookie(spent)
        .finish())
}

/// Sign out: the token is refused from now on, the cookie cleared.
pub async fn logout(
    db: web::Data<Db>,
    page: StaffPage,
    body: web::Form<CsrfForm>,
) -> Result<HttpResponse, PageError> {
    page.check_csrf(&body.csrf)?;
    sign_out(&db, &page.staff).await.page(&page.ctx)?;
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, "/login?signed_out=1"))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .cookie(removal())
        .finish())
}
