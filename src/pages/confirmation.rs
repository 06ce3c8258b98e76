//! The page after a registration: confirmed (with "add to calendar") or
//! the place on the waiting list, and the link to manage the booking.

use actix_web::HttpResponse;
use actix_web::http::{StatusCode, header};
use askama::Template;
use chrono::{DateTime, Utc};

use super::context::{Ctx, Layout};
use super::format::WebinarView;
use crate::config::Settings;
use crate::db::registrations::RegistrationRow;
use crate::db::utc;
use crate::db::webinars::Webinar;

#[derive(Template)]
#[template(path = "pages/confirmation.html")]
struct ConfirmationPage {
    l: Layout,
    w: WebinarView,
    title: String,
    text: String,
    /// Only for a confirmed seat.
    calendar: Option<Calendar>,
    manage_href: String,
}

struct Calendar {
    ics: String,
    google: String,
    outlook: String,
}

fn calendar(settings: &Settings, webinar: &Webinar) -> Calendar {
    let row = &webinar.row;
    let (start, end) = (utc(row.starts_at), utc(row.ends_at));
    let page = settings
        .server
        .public_url
        .join(&format!("webinars/{}", row.id))
        .map(|u| u.to_string())
        .unwrap_or_default();
    let details = format!("{}\n\n{page}", row.description);
    let compact = |at: DateTime<Utc>| at.format("%Y%m%dT%H%M%SZ").to_string();
    let iso = |at: DateTime<Utc>| at.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let google = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("action", "TEMPLATE")
        .append_pair("text", &row.title)
        .append_pair("dates", &format!("{}/{}", compact(start), compact(end)))
        .append_pair("details", &details)
        .finish();
    let outlook = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("path", "/calendar/action/compose")
        .append_pair("rru", "addevent")
        .append_pair("subject", &row.title)
        .append_pair("startdt", &iso(start))
        .append_pair("enddt", &iso(end))
        .append_pair("body", &details)
        .finish();
    Calendar {
        ics: format!("/api/v1/webinars/{}/ics", row.id),
        google: format!("https://calendar.google.com/calendar/render?{google}"),
        outlook: format!("https://outlook.live.com/calendar/0/deeplink/compose?{outlook}"),
    }
}

/// The confirmation carries the manage token: no referrer, no caching.
pub fn render(
    ctx: &Ctx,
    settings: &Settings,
    w: WebinarView,
    webinar: &Webinar,
    reg: &RegistrationRow,
    waitlist_position: Option<i64>,
    token: &str,
) -> HttpResponse {
    let email = reg.email.clone();
    let (title, text, calendar) = match waitlist_position {
        Some(position) => (
            ctx.t("page-waitlisted-title"),
            ctx.text(
                "page-waitlisted-text",
                &[("position", position.into()), ("email", email.into())],
            ),
            None,
        ),
        None => (
            ctx.t("page-confirmed-title"),
            ctx.text("page-confirmed-text", &[("email", email.into())]),
            Some(calendar(settings, webinar)),
        ),
    };
    let manage_href = format!(
        "/manage/registration/{}?{}",
        reg.id,
        url::form_urlencoded::Serializer::new(String::new())
            .append_pair("token", token)
            .finish()
    );
    let l = ctx
        .clone()
        .switch_to(format!("/webinars/{}", w.id), Vec::new())
        .layout();
    let page = ConfirmationPage {
        l,
        w,
        title,
        text,
        calendar,
        manage_href,
    };
    let mut res = ctx.render(StatusCode::OK, &page);
    no_referrer(&mut res);
    res
}

/// For pages that carry a manage token.
pub fn no_referrer(res: &mut HttpResponse) {
    let headers = res.headers_mut();
    headers.insert(
        header::REFERRER_POLICY,
        header::HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
}
