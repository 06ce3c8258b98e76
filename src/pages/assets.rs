//! The stylesheet and the script, embedded in the binary. Their URLs carry
//! a hash of their content, so browsers may keep them for a year: a new
//! build with a changed file gets a new URL.

use std::sync::LazyLock;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

use super::context::Ctx;
use super::error::PageError;
use crate::error::AppError;

const CSS: &str = include_str!("../../static/pages.css");
const JS: &str = include_str!("../../static/tz.js");
/// The staff pages' additions (navigation, tables, row forms).
const STAFF_CSS: &str = include_str!("../../static/staff.css");

/// FNV-1a: enough to tell two versions of a file apart.
const fn fingerprint(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash
}

static CSS_URL: LazyLock<String> =
    LazyLock::new(|| format!("/static/pages.css?v={:016x}", fingerprint(CSS.as_bytes())));
static JS_URL: LazyLock<String> =
    LazyLock::new(|| format!("/static/tz.js?v={:016x}", fingerprint(JS.as_bytes())));

static STAFF_CSS_URL: LazyLock<String> = LazyLock::new(|| {
    format!(
        "/static/staff.css?v={:016x}",
        fingerprint(STAFF_CSS.as_bytes())
    )
});

pub fn staff_css_url() -> &'static str {
    &STAFF_CSS_URL
}

pub fn css_url() -> &'static str {
    &CSS_URL
}

pub fn js_url() -> &'static str {
    &JS_URL
}

pub async fn serve(req: HttpRequest, path: web::Path<String>) -> Result<HttpResponse, PageError> {
    let (body, content_type) = match path.as_str() {
        "pages.css" => (CSS, "text/css; charset=utf-8"),
        "tz.js" => (JS, "text/javascript; charset=utf-8"),
        "staff.css" => (STAFF_CSS, "text/css; charset=utf-8"),
        _ => {
            return Err(PageError::new(
                &Ctx::new(&req, None),
                AppError::NotFound("no such file"),
            ));
        }
    };
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .body(body))
}
