//! The staff session of the pages: the JWT the API would take as a Bearer
//! token, kept in the `staff_session` cookie, checked exactly as the API
//! checks it (expiry, sign-out, deactivated user, token generation).
//! [`StaffPage`] is the extractor of every staff page; without a valid
//! session it answers `303 /login?next=…`. Forms carry a CSRF token bound
//! to the session ([`StaffPage::check_csrf`]).

use std::fmt;

use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::Payload;
use actix_web::http::{Method, StatusCode, header};
use actix_web::{FromRequest, HttpRequest, HttpResponse, ResponseError, web};
use chrono_tz::Tz;
use futures_util::future::LocalBoxFuture;

use super::nav::{self, StaffChrome};
use crate::auth::{AuthError, JwtKeys, Staff, staff_user_of_token};
use crate::domain::locale::Locale;
use crate::domain::timezone::TimeZone;
use crate::domain::user::Role;
use crate::error::AppError;
use crate::pages::context::Ctx;
use crate::pages::error::PageError;

pub const SESSION_COOKIE: &str = "staff_session";

/// A signed-in staff user on a staff page.
pub struct StaffPage {
    /// Id, role (as stored now), token id.
    pub staff: Staff,
    pub name: String,
    /// The user's own language, the page's language unless the visitor
    /// chose another (`?lang=`, the cookie); `ctx` already ranks it.
    #[allow(dead_code, reason = "for pages that write in the user's own language")]
    pub locale: Option<Locale>,
    /// The user's zone, if they have set one.
    pub zone: Option<Tz>,
    /// The value of every form's `csrf` field.
    pub csrf: String,
    /// The page's language and layout.
    pub ctx: Ctx,
    keys: web::Data<JwtKeys>,
}

impl StaffPage {
    pub fn id(&self) -> &str {
        &self.staff.id
    }

    pub fn role(&self) -> Role {
        self.staff.role
    }

    /// The zone to show and enter times in: the user's, else UTC.
    pub fn zone_or_utc(&self) -> Tz {
        self.zone.unwrap_or(chrono_tz::UTC)
    }

    /// An HTML 403 unless the user has one of `roles`.
    pub fn require(&self, roles: &[Role]) -> Result<(), PageError> {
        if roles.contains(&self.staff.role) {
            Ok(())
        } else {
            Err(self.forbidden())
        }
    }

    /// The HTML 403 "not for your role" page.
    pub fn forbidden(&self) -> PageError {
        PageError::keyed(
            &self.ctx,
            AppError::Forbidden("your role may not do this"),
            "staff-error-forbidden",
        )
    }

    /// Refuses a state-changing form (HTML 403) unless its `csrf` field is
    /// this session's token. Call it before acting on anything else.
    pub fn check_csrf(&self, given: &str) -> Result<(), PageError> {
        if self.keys.csrf_matches(&self.staff.token_id, given) {
            Ok(())
        } else {
            tracing::warn!(user_id = %self.staff.id, "staff form without a valid csrf token");
            Err(PageError::keyed(
                &self.ctx,
                AppError::Forbidden("the form's csrf token is missing or wrong"),
                "staff-error-csrf",
            ))
        }
    }

    /// What the staff layout needs: the role's navigation (with `current`
    /// marked), the sign-out form's token, the user's name.
    pub fn chrome(&self, current: &str) -> StaffChrome {
        nav::chrome(self, current)
    }
}

/// Why a staff page did not open.
pub enum StaffRefusal {
    /// No valid session: sign in, then come back to `next`.
    SignIn {
        next: Option<String>,
        clear: bool,
    },
    Page(PageError),
}

impl fmt::Debug for StaffRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::SignIn { next, .. } => write!(f, "sign in first (next: {next:?})"),
            Self::Page(e) => write!(f, "{e}"),
        }
    }
}

impl fmt::Display for StaffRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// Where the sign-in form sends the user back to: `/login?next=<path>`.
pub fn login_location(next: Option<&str>) -> String {
    match next {
        Some(next) => {
            let query: String = url::form_urlencoded::Serializer::new(String::new())
                .append_pair("next", next)
                .finish();
            format!("/login?{query}")
        }
        None => "/login".to_owned(),
    }
}

impl ResponseError for StaffRefusal {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::SignIn { .. } => StatusCode::SEE_OTHER,
            Self::Page(e) => e.status_code(),
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            Self::SignIn { next, clear } => {
                let mut res = HttpResponse::SeeOther();
                res.insert_header((header::LOCATION, login_location(next.as_deref())))
                    .insert_header((header::CACHE_CONTROL, "no-store"));
                if *clear {
                    res.cookie(removal());
                }
                res.finish()
            }
            Self::Page(e) => e.error_response(),
        }
    }
}

/// The session cookie for `token`, alive as long as the token.
pub fn session_cookie(token: &str, max_age_seconds: i64, secure: bool) -> Cookie<'static> {
    Cookie::build(SESSION_COOKIE, token.to_owned())
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .max_age(actix_web::cookie::time::Duration::seconds(
            max_age_seconds.max(0),
        ))
        .finish()
}

/// Clears the session cookie.
pub fn removal() -> Cookie<'static> {
    let mut cookie = Cookie::build(SESSION_COOKIE, "")
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .finish();
    cookie.make_removal();
    cookie
}

impl FromRequest for StaffPage {
    type Error = StaffRefusal;
    type Future = LocalBoxFuture<'static, Result<Self, StaffRefusal>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            // After signing in, a GET comes back to where it was; a form
            // post cannot be replayed, so it starts from the landing page.
            let next = (req.method() == Method::GET).then(|| match req.uri().query() {
                Some(q) if !q.is_empty() => format!("{}?{q}", req.path()),
                _ => req.path().to_owned(),
            });
            let Some(cookie) = req.cookie(SESSION_COOKIE) else {
                return Err(StaffRefusal::SignIn { next, clear: false });
            };
            let keys = req
                .app_data::<web::Data<JwtKeys>>()
                .cloned()
                .ok_or_else(|| {
                    StaffRefusal::Page(PageError::new(
                        &Ctx::new(&req, None),
                        AuthError::Unwired("JwtKeys"),
                    ))
                })?;
            let (staff, user) = match staff_user_of_token(&req, cookie.value()).await {
                Ok(found) => found,
                Err(AuthError::Refused(refusal)) => {
                    tracing::info!(reason = %refusal, "staff page: session not valid");
                    return Err(StaffRefusal::SignIn { next, clear: true });
                }
                Err(other) => {
                    return Err(StaffRefusal::Page(PageError::new(
                        &Ctx::new(&req, None),
                        other,
                    )));
                }
            };
            let locale = Locale::parse(&user.locale);
            let ctx = Ctx::new(&req, locale);
            Ok(Self {
                csrf: keys.csrf_token(&staff.token_id),
                zone: TimeZone::parse(&user.timezone).ok().map(|z| z.0),
                name: user.name,
                locale,
                staff,
                ctx,
                keys,
            })
        })
    }
}
