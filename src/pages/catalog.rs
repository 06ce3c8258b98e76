//! `/`: the catalog of upcoming webinars, filtered by kind and topic with
//! a GET form, each shown in the visitor's zone.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::context::{Ctx, Layout, query_param, visitor_zone};
use super::error::{OrPage, PageError};
use super::format::{WebinarView, view};
use crate::db::webinars::{self, WebinarFilter};
use crate::db::{Db, clock};
use crate::domain::page::{PageRequest, encode_cursor};
use crate::domain::text::optional_line;
use crate::domain::webinar::{Kind, TOPIC_MAX};
use crate::error::AppError;

/// Webinars on one catalog page.
const PER_PAGE: u32 = 30;

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

pub async fn show(req: HttpRequest, db: web::Data<Db>) -> Result<HttpResponse, PageError> {
    let ctx = Ctx::new(&req, None);
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
        .run(move |conn| webinars::list(conn, &filter, after.as_deref(), fetch))
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
    let zone = visitor_zone(&req);
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
    Ok(ctx.render(StatusCode::OK, &page))
}
