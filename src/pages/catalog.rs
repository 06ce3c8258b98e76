//! `/`: the catalog of upcoming webinars, filtered by kind and topic with
//! a GET form, each shown in the visitor's zone.
//!
//! The page is the same for every visitor with the same language, zone and
//! query, and it is the most visited one, so rendered pages are kept
//! ([`CatalogCache`]): while this process wrote nothing to the database and
//! for at most [`FRESH`], so a change made through another instance shows
//! within that time too.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use actix_web::http::StatusCode;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono_tz::Tz;

use super::context::{Ctx, Layout, query_param, visitor_zone};
use super::error::{OrPage, PageError};
use super::format::{WebinarView, view};
use crate::db::webinars::{self, WebinarFilter};
use crate::db::{Db, clock};
use crate::domain::locale::Locale;
use crate::domain::page::{PageRequest, encode_cursor};
use crate::domain::text::optional_line;
use crate::domain::webinar::{Kind, TOPIC_MAX};
use crate::error::AppError;

/// Webinars on one catalog page.
const PER_PAGE: u32 = 30;

/// How long a rendered page is kept at most.
pub const FRESH: Duration = Duration::from_secs(1);
/// Pages kept at most (the topic filter is free text): when full, the
/// cache starts again empty.
const MAX_PAGES: usize = 256;

/// Language, visitor's zone, and the query without `lang`.
type PageKey = (Locale, Option<Tz>, String);

struct Kept {
    /// [`Db::changes`] read before the page's query.
    changes: u64,
    at: Instant,
    body: Bytes,
}

/// Rendered catalog pages of this process (see the module's text).
#[derive(Default)]
pub struct CatalogCache {
    pages: Mutex<HashMap<PageKey, Kept>>,
}

impl CatalogCache {
    fn get(&self, key: &PageKey, changes: u64) -> Option<Bytes> {
        let pages = self.pages.lock().ok()?;
        pages
            .get(key)
            .filter(|kept| kept.changes == changes && kept.at.elapsed() < FRESH)
            .map(|kept| kept.body.clone())
    }

    fn put(&self, key: PageKey, changes: u64, body: Bytes) {
        if let Ok(mut pages) = self.pages.lock() {
            if pages.len() >= MAX_PAGES {
                pages.clear();
            }
            let at = Instant::now();
            pages.insert(key, Kept { changes, at, body });
        }
    }
}

#[derive(Template)]
#[template(path = "pages/catalog.html")]
struct CatalogPage {
    l: Layout,
    items: Vec<WebinarView>,
    /// The filter as entered ("" for all).
    kind: String,
    topic: String,
    zone_note: String,
    next_href: Option<String>,
}

pub async fn show(
    req: HttpRequest,
    db: web::Data<Db>,
    cache: web::Data<CatalogCache>,
) -> Result<HttpResponse, PageError> {
    let ctx = Ctx::new(&req, None);
    let zone = visitor_zone(&req);
    let query: String = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(
            url::form_urlencoded::parse(req.query_string().as_bytes()).filter(|(k, _)| k != "lang"),
        )
        .finish();
    let key = (ctx.lang, zone, query);
    // Read before the query: a write finishing meanwhile makes this page stale.
    let changes = db.changes();
    if let Some(body) = cache.get(&key, changes) {
        return Ok(ctx.html(StatusCode::OK, body));
    }
    // An unknown kind or an overlong topic filters nothing rather than
    // answering with an error: the form only offers valid values.
    let kind = query_param(&req, "kind").and_then(|k| k.parse::<Kind>().ok());
    let topic = optional_line(query_param(&req, "topic").as_deref(), TOPIC_MAX)
        .ok()
        .flatten();
    let page = PageRequest::parse(query_param(&req, "cursor").as_deref(), Some(PER_PAGE))
        .map_err(|(field, message)| AppError::validation(&field, message))
        .page(&ctx)?;
    let filter = WebinarFilter {
        from: Some(clock()),
        kind,
        topic: topic.clone(),
        ..WebinarFilter::default()
    };
    let (fetch, after) = (page.fetch_limit(), page.after.clone());
    let mut rows = db
        .read(move |conn| webinars::list(conn, &filter, after.as_deref(), fetch))
        .await
        .page(&ctx)?;
    let next_href = if rows.len() > page.limit as usize {
        rows.truncate(page.limit as usize);
        rows.last().map(|w| {
            let mut query = url::form_urlencoded::Serializer::new(String::new());
            if let Some(k) = kind {
                query.append_pair("kind", k.as_str());
            }
            if let Some(t) = &topic {
                query.append_pair("topic", t);
            }
            query.append_pair("cursor", &encode_cursor(&webinars::cursor_key(&w.row)));
            format!("/?{}", query.finish())
        })
    } else {
        None
    };
    let zone_note = match zone {
        Some(z) => ctx.text("page-zone-visitor", &[("zone", z.name().into())]),
        None => ctx.t("page-zone-session"),
    };
    let items = rows.iter().map(|w| view(&ctx, w, zone)).collect();
    let page = CatalogPage {
        l: ctx.layout(),
        items,
        kind: kind.map(|k| k.as_str().to_owned()).unwrap_or_default(),
        topic: topic.unwrap_or_default(),
        zone_note,
        next_href,
    };
    match ctx.render_body(&page) {
        Some(body) => {
            let body = Bytes::from(body);
            cache.put(key, changes, body.clone());
            Ok(ctx.html(StatusCode::OK, body))
        }
        None => Ok(HttpResponse::InternalServerError().finish()),
    }
}
