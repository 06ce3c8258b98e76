//! `/staff`: the signed-in CSM's upcoming sessions (the webinars they host
//! and their queue appointments), in their own zone, with links to each.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::Duration;
use serde::Deserialize;

use super::busy_calendar::{BusySection, Refused};
use super::nav::StaffChrome;
use super::session::StaffPage;
use crate::config::Settings;
use crate::db::queue::{self as queue_db};
use crate::db::webinars::{self, WebinarFilter};
use crate::db::{Db, DbError, busy_calendar, calendar_feed, clock, utc};
use crate::domain::queue::AppointmentStatus;
use crate::domain::user::Role;
use crate::pages::context::Layout;
use crate::pages::error::{OrPage, PageError};
use crate::pages::format::{kind_label, time_range};

/// How far ahead the dashboard looks.
const AHEAD_DAYS: i64 = 90;
/// At most this many webinars are listed.
const WEBINARS_SHOWN: i64 = 100;

pub struct SessionLine {
    pub title: String,
    pub when: String,
    pub starts_iso: String,
    pub kind: String,
    /// "12 of 20 seats taken", "3 registered".
    pub seats: String,
    pub edit: String,
    pub registrants: String,
}

pub struct AppointmentLine {
    pub customer: String,
    pub topic: String,
    pub when: String,
    pub starts_iso: String,
}

#[derive(Template)]
#[template(path = "pages/staff/dashboard.html")]
struct DashboardPage {
    l: Layout,
    chrome: StaffChrome,
    zone_note: String,
    webinars: Vec<SessionLine>,
    appointments: Vec<AppointmentLine>,
    /// The calendar feed section, for CSMs.
    feed: Option<FeedSection>,
    /// The CSM's own calendar, whose busy times are kept free.
    busy: Option<BusySection>,
}

/// What a form on the dashboard hands back to it.
#[derive(Default)]
pub struct Extra {
    /// A new calendar feed address, shown this once.
    pub new_url: Option<String>,
    /// The busy calendar was just saved.
    pub busy_saved: bool,
    /// A busy calendar address that was refused.
    pub refused: Option<Refused>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DashboardQuery {
    /// `saved` right after the busy calendar was set.
    pub calendar: String,
}

/// The CSM's calendar feed: whether one exists, and its URL right after
/// it was made (only its hash is kept, so it is shown this once).
pub struct FeedSection {
    pub exists: bool,
    pub url: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FeedForm {
    pub csrf: String,
}

pub async fn show(
    db: web::Data<Db>,
    settings: web::Data<Settings>,
    page: StaffPage,
    query: web::Query<DashboardQuery>,
) -> Result<HttpResponse, PageError> {
    page.require(&[Role::Csm, Role::Admin])?;
    let extra = Extra {
        busy_saved: query.calendar == "saved",
        ..Extra::default()
    };
    render(&db, &settings, &page, extra, StatusCode::OK).await
}

/// `POST /staff/calendar-token`: a new feed URL for the signed-in CSM (the
/// old one stops working), shown on the dashboard.
pub async fn new_feed(
    db: web::Data<Db>,
    settings: web::Data<Settings>,
    page: StaffPage,
    form: web::Form<FeedForm>,
) -> Result<HttpResponse, PageError> {
    page.require(&[Role::Csm])?;
    page.check_csrf(&form.csrf)?;
    let url = crate::routes::calendar::rotate(&db, &settings, page.id())
        .await
        .page(&page.ctx)?;
    let extra = Extra {
        new_url: Some(url),
        ..Extra::default()
    };
    render(&db, &settings, &page, extra, StatusCode::OK).await
}

pub async fn render(
    db: &Db,
    settings: &Settings,
    page: &StaffPage,
    extra: Extra,
    status: StatusCode,
) -> Result<HttpResponse, PageError> {
    let is_csm = page.staff.role == Role::Csm;
    let now = clock();
    let host = page.id().to_owned();
    let filter = WebinarFilter {
        from: Some(now - Duration::hours(2)),
        to: Some(now + Duration::days(AHEAD_DAYS)),
        kind: None,
        topic: None,
        host_id: Some(host.clone()),
        include_cancelled: false,
    };
    let (hosted, booked, has_feed, busy_row) = db
        .run(move |conn| {
            let hosted = webinars::list(conn, &filter, None, WEBINARS_SHOWN)?;
            let booked = queue_db::appointments_between(
                conn,
                Some(&host),
                now - Duration::hours(1),
                now + Duration::days(AHEAD_DAYS),
            )?;
            let has_feed = calendar_feed::token_hash(conn, &host)?.is_some();
            let busy_row = busy_calendar::get(conn, &host)?;
            Ok::<_, DbError>((hosted, booked, has_feed, busy_row))
        })
        .await
        .page(&page.ctx)?;
    let ctx = &page.ctx;
    let zone = page.zone_or_utc();
    let webinars = hosted
        .iter()
        .filter(|w| utc(w.row.ends_at) > now)
        .map(|w| {
            let row = &w.row;
            let expert = w
                .kind()
                .is_ok_and(|k| k == crate::domain::webinar::Kind::Expert);
            let seats = match row.capacity {
                Some(cap) => ctx.text(
                    "staff-seats-of",
                    &[("taken", row.seats_taken.into()), ("capacity", cap.into())],
                ),
                None => ctx.text(
                    "staff-seats-registered",
                    &[("count", row.seats_taken.into())],
                ),
            };
            SessionLine {
                title: row.title.clone(),
                when: time_range(ctx, utc(row.starts_at), utc(row.ends_at), zone),
                starts_iso: crate::domain::time::format(utc(row.starts_at)),
                kind: kind_label(ctx, expert),
                seats,
                edit: format!("/staff/webinars/{}/edit", row.id),
                registrants: format!("/staff/webinars/{}/registrants", row.id),
            }
        })
        .collect();
    let appointments = booked
        .iter()
        .filter(|(a, _)| {
            a.row.status == AppointmentStatus::Scheduled.as_str() && utc(a.row.ends_at) > now
        })
        .map(|(a, r)| AppointmentLine {
            customer: r.name.clone(),
            topic: r.topic.clone(),
            when: time_range(ctx, utc(a.row.starts_at), utc(a.row.ends_at), zone),
            starts_iso: crate::domain::time::format(utc(a.row.starts_at)),
        })
        .collect();
    let view = DashboardPage {
        l: ctx.layout(),
        chrome: page.chrome("/staff"),
        zone_note: ctx.text("staff-zone-note", &[("zone", zone.name().into())]),
        webinars,
        appointments,
        feed: is_csm.then(|| FeedSection {
            exists: has_feed || extra.new_url.is_some(),
            url: extra.new_url,
        }),
        busy: is_csm.then(|| {
            super::busy_calendar::section(
                ctx,
                zone,
                settings,
                busy_row,
                extra.busy_saved,
                extra.refused,
            )
        }),
    };
    Ok(ctx.render(status, &view))
}
