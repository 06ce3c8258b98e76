//! What every page needs from its request: the visitor's language (chosen
//! with `?lang=`, remembered in a cookie, else Accept-Language, else
//! English), the visitor's time zone (from the cookie the page's script
//! sets), and the layout around the page (language switch, assets).

use actix_web::cookie::time::Duration as CookieDuration;
use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::{StatusCode, header};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;
use chrono_tz::Tz;
use fluent_bundle::FluentValue;

use super::assets;
use crate::domain::locale::Locale;
use crate::domain::timezone::TimeZone;
use crate::i18n;

pub const LANG_COOKIE: &str = "lang";
/// Set by `static/tz.js` from the browser's own zone.
pub const TZ_COOKIE: &str = "tz";
const ALL: [Locale; 5] = [Locale::En, Locale::De, Locale::Fr, Locale::Pt, Locale::Ar];

/// One query parameter, decoded; never fails (a page must not answer a
/// malformed query with an error body).
pub fn query_param(req: &HttpRequest, name: &str) -> Option<String> {
    url::form_urlencoded::parse(req.query_string().as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// The visitor's zone, when their browser told us (and it exists).
pub fn visitor_zone(req: &HttpRequest) -> Option<Tz> {
    req.cookie(TZ_COOKIE)
        .and_then(|c| TimeZone::parse(c.value()).ok())
        .map(|z| z.0)
}

/// The request's language and where the language switch leads.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub lang: Locale,
    /// `?lang=` chose it: remember it in the cookie.
    remember: bool,
    secure: bool,
    /// Path and query (without `lang`) the switch links return to.
    switch_path: String,
    switch_query: Vec<(String, String)>,
}

impl Ctx {
    /// `preferred` (e.g. the language a registrant chose) ranks after an
    /// explicit choice and the cookie, before Accept-Language.
    pub fn new(req: &HttpRequest, preferred: Option<Locale>) -> Self {
        let asked = query_param(req, "lang").and_then(|l| Locale::parse(&l));
        let lang = asked
            .or_else(|| {
                req.cookie(LANG_COOKIE)
                    .and_then(|c| Locale::parse(c.value()))
            })
            .or(preferred)
            .or_else(|| {
                req.headers()
                    .get(header::ACCEPT_LANGUAGE)
                    .and_then(|v| v.to_str().ok())
                    .and_then(Locale::from_accept_language)
            })
            .unwrap_or(Locale::En);
        let switch_query = url::form_urlencoded::parse(req.query_string().as_bytes())
            .filter(|(k, _)| k != "lang")
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        Self {
            lang,
            remember: asked.is_some(),
            secure: req.connection_info().scheme() == "https",
            switch_path: req.path().to_owned(),
            switch_query,
        }
    }

    /// The switch links lead to `path` with `query` instead of the
    /// request's own (a page answering a POST links to its GET page).
    pub fn switch_to(mut self, path: String, query: Vec<(String, String)>) -> Self {
        self.switch_path = path;
        self.switch_query = query;
        self
    }

    /// Whether the request came over HTTPS (cookies are then `Secure`).
    pub fn secure(&self) -> bool {
        self.secure
    }

    /// The text of a page message without variables.
    pub fn t(&self, key: &str) -> String {
        self.text(key, &[])
    }

    /// The text of a page message. A message missing in every language is
    /// a bug the parity tests catch; the page then shows the key, not a 500.
    pub fn text(&self, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        i18n::text(self.lang, key, args).unwrap_or_else(|e| {
            tracing::error!(error = %e, "page text missing");
            key.to_owned()
        })
    }

    /// A seat chance in words ("about 1 in 3").
    pub fn chance_phrase(&self, chance: f64) -> String {
        i18n::chance_phrase(self.lang, chance).unwrap_or_else(|e| {
            tracing::error!(error = %e, "page text missing");
            String::new()
        })
    }

    pub fn layout(&self) -> Layout {
        let switch = ALL
            .iter()
            .map(|&lang| {
                let mut query = url::form_urlencoded::Serializer::new(String::new());
                for (k, v) in &self.switch_query {
                    query.append_pair(k, v);
                }
                query.append_pair("lang", lang.code());
                LangLink {
                    code: lang.code(),
                    name: i18n::text(lang, "page-lang-name", &[])
                        .unwrap_or_else(|_| lang.code().to_owned()),
                    href: format!("{}?{}", self.switch_path, query.finish()),
                    current: lang == self.lang,
                }
            })
            .collect();
        Layout {
            ctx: self.clone(),
            switch,
            css: assets::css_url(),
            js: assets::js_url(),
        }
    }

    /// The rendered page with its status; sets the language cookie when
    /// `?lang=` chose the language.
    pub fn render(&self, status: StatusCode, page: &impl Template) -> HttpResponse {
        match self.render_body(page) {
            Some(body) => self.html(status, body),
            None => HttpResponse::InternalServerError().finish(),
        }
    }

    /// The page's HTML, or `None` (logged) when it did not render.
    pub fn render_body(&self, page: &impl Template) -> Option<String> {
        page.render()
            .map_err(|e| tracing::error!(error = %e, "page did not render"))
            .ok()
    }

    /// An HTML answer with an already rendered `body`; sets the language
    /// cookie when `?lang=` chose the language.
    pub fn html(&self, status: StatusCode, body: impl Into<Bytes>) -> HttpResponse {
        let mut res = HttpResponse::build(status);
        res.content_type("text/html; charset=utf-8");
        if self.remember {
            res.cookie(
                Cookie::build(LANG_COOKIE, self.lang.code())
                    .path("/")
                    .max_age(CookieDuration::days(365))
                    .same_site(SameSite::Lax)
                    .http_only(true)
                    .secure(self.secure)
                    .finish(),
            );
        }
        res.body(body.into())
    }
}

/// The frame of every page.
pub struct Layout {
    ctx: Ctx,
    pub switch: Vec<LangLink>,
    pub css: &'static str,
    pub js: &'static str,
}

impl Layout {
    pub fn code(&self) -> &'static str {
        self.ctx.lang.code()
    }

    pub fn rtl(&self) -> bool {
        i18n::is_rtl(self.ctx.lang)
    }

    pub fn t(&self, key: &str) -> String {
        self.ctx.t(key)
    }
}

pub struct LangLink {
    pub code: &'static str,
    /// The language's own name for itself.
    pub name: String,
    pub href: String,
    pub current: bool,
}
