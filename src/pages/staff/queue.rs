//! `/staff/queue`: the customers waiting for an hour, in serving order (the
//! API's own [`waiting_in_order`]), with their topic, situation, and
//! preferred times shown in the CSM's zone.

use std::collections::{BTreeSet, HashMap};

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone as _, Utc};
use chrono_tz::Tz;

use super::availability::DAYS;
use super::nav::StaffChrome;
use super::session::StaffPage;
use crate::db::queue::RequestRow;
use crate::db::{Db, DbError, accounts, clock, utc};
use crate::domain::availability::{WindowDto, day_name, parse_day, parse_time};
use crate::domain::user::Role;
use crate::i18n::dates::{long_date, time_of_day};
use crate::pages::context::{Ctx, Layout};
use crate::pages::error::{OrPage, PageError};
use crate::routes::queue::waiting_in_order;

pub struct QueueLine {
    pub id: String,
    pub position: String,
    pub name: String,
    pub email: String,
    pub company: Option<String>,
    /// The name of the customer account the address belongs to.
    pub account: Option<String>,
    pub topic: String,
    pub situation: String,
    pub asked: String,
    pub asked_iso: String,
    pub preferred: Vec<String>,
}

#[derive(Template)]
#[template(path = "pages/staff/queue.html")]
struct QueuePage {
    l: Layout,
    chrome: StaffChrome,
    intro: String,
    lines: Vec<QueueLine>,
}

/// The first instant at or after `date`'s `time` in `zone` (a time the
/// clocks skip counts from after the gap).
fn instant(zone: Tz, date: NaiveDate, time: NaiveTime) -> Option<DateTime<Utc>> {
    let local = date.and_time(time);
    (0..3).find_map(|h| {
        zone.from_local_datetime(&(local + Duration::hours(h)))
            .earliest()
            .map(|t| t.with_timezone(&Utc))
    })
}

/// A customer's weekly window (in their zone) as the CSM reads it in
/// theirs, taken at its next occurrence: "Monday, 09:00–12:00".
fn window_in(ctx: &Ctx, w: &WindowDto, customer: Tz, mine: Tz, now: DateTime<Utc>) -> String {
    let raw = || format!("{} {}–{}", w.day, w.start, w.end);
    let (Ok(day), Ok(start), Ok(end)) =
        (parse_day(&w.day), parse_time(&w.start), parse_time(&w.end))
    else {
        return raw();
    };
    let today = now.with_timezone(&customer).date_naive();
    let ahead = (i64::from(day.num_days_from_monday())
        - i64::from(today.weekday().num_days_from_monday()))
    .rem_euclid(7);
    let date = today + Duration::days(ahead);
    let (Some(s), Some(e)) = (instant(customer, date, start), instant(customer, date, end)) else {
        return raw();
    };
    let local_day = day_name(s.with_timezone(&mine).weekday());
    let day_label = DAYS
        .iter()
        .find(|d| **d == local_day)
        .map_or_else(raw, |d| ctx.t(&format!("page-day-{d}")));
    match (
        time_of_day(ctx.lang, s, mine),
        time_of_day(ctx.lang, e, mine),
    ) {
        (Ok(s), Ok(e)) => ctx.text(
            "csm-window",
            &[
                ("day", day_label.into()),
                ("start", s.into()),
                ("end", e.into()),
            ],
        ),
        _ => raw(),
    }
}

fn line(
    page: &StaffPage,
    r: &RequestRow,
    position: i64,
    accounts: &HashMap<String, String>,
    now: DateTime<Utc>,
) -> QueueLine {
    let ctx = &page.ctx;
    let mine = page.zone_or_utc();
    let customer: Tz = r.timezone.parse().unwrap_or(chrono_tz::UTC);
    let asked_at = utc(r.created_at);
    let asked = long_date(ctx.lang, asked_at, mine).unwrap_or_else(|_| asked_at.to_rfc3339());
    QueueLine {
        id: r.id.clone(),
        position: ctx.text("csm-queue-position", &[("position", position.into())]),
        name: r.name.clone(),
        email: r.email.clone(),
        company: r.company.clone().filter(|c| !c.trim().is_empty()),
        account: r.account_id.as_ref().and_then(|a| accounts.get(a)).cloned(),
        topic: r.topic.clone(),
        situation: r.situation.clone(),
        asked: ctx.text("csm-queue-asked", &[("when", asked.into())]),
        asked_iso: crate::domain::time::format(asked_at),
        preferred: r
            .preferred_dtos()
            .iter()
            .map(|w| window_in(ctx, w, customer, mine, now))
            .collect(),
    }
}

pub async fn show(db: web::Data<Db>, page: StaffPage) -> Result<HttpResponse, PageError> {
    page.require(&[Role::Csm, Role::Admin])?;
    let waiting = waiting_in_order(&db).await.page(&page.ctx)?;
    let ids: BTreeSet<String> = waiting
        .iter()
        .filter_map(|(r, _)| r.account_id.clone())
        .collect();
    let accounts = db
        .run(move |conn| {
            let mut names = HashMap::new();
            for id in ids {
                if let Some(a) = accounts::find(conn, &id)? {
                    names.insert(id, a.row.name);
                }
            }
            Ok::<_, DbError>(names)
        })
        .await
        .page(&page.ctx)?;
    let now = clock();
    let ctx = &page.ctx;
    let view = QueuePage {
        l: ctx.layout(),
        chrome: page.chrome("/staff/queue"),
        intro: ctx.text(
            "csm-queue-intro",
            &[("zone", page.zone_or_utc().name().into())],
        ),
        lines: waiting
            .iter()
            .map(|(r, p)| line(&page, r, *p, &accounts, now))
            .collect(),
    };
    Ok(ctx.render(StatusCode::OK, &view))
}
