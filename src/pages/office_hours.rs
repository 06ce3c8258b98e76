//! `/office-hours`: the free hours of the next two weeks in the visitor's
//! zone (the same pooled slots as the JSON endpoint) and the form to join
//! the queue. Posting it enqueues through the same transaction as the API
//! ([`queue::enqueue`]); a mistake re-shows the form with what was entered
//! and a message next to each field.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::{Duration, NaiveDate};
use chrono_tz::Tz;
use serde::Deserialize;

use super::context::{Ctx, Layout, visitor_zone};
use super::error::{OrPage, PageError};
use super::queue_manage::{QueuePage, manage_href};
use crate::auth::JwtKeys;
use crate::config::Settings;
use crate::db::queue::{self, Queued};
use crate::db::{Db, DbError, clock};
use crate::domain::availability::WindowDto;
use crate::domain::queue::{NewQueueRequest, QueueRequestBody, RequestStatus};
use crate::domain::timezone::TimeZone;
use crate::domain::validation::ValidationErrors;
use crate::i18n::dates::{long_date, time_of_day};
use crate::routes::office_hours::pool;

/// How far ahead the page lists free hours.
const LISTED_DAYS: i64 = 14;

const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// What the visitor typed (kept to show it again after a mistake).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct JoinForm {
    pub name: String,
    pub email: String,
    pub company: String,
    pub topic: String,
    pub situation: String,
    /// Filled in by the page's script with the browser's zone.
    pub timezone: String,
    /// One preferred weekly window (`mon`…`sun`, HH:MM, HH:MM); no day, none.
    pub pref_day: String,
    pub pref_start: String,
    pub pref_end: String,
}

/// One day of free hours, in the visitor's zone.
struct DayView {
    date: String,
    /// The day's hours, separated as the language separates a list.
    hours: String,
}

struct DayOption {
    value: &'static str,
    label: String,
}

#[derive(Template)]
#[template(path = "pages/office_hours.html")]
struct OfficeHoursPage {
    l: Layout,
    zone_note: String,
    days: Vec<DayView>,
    day_options: Vec<DayOption>,
    form: JoinForm,
    /// Field name and its message, in the form's order.
    errors: Vec<(&'static str, String)>,
    notice: Option<String>,
}

impl OfficeHoursPage {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }
}

/// The zone of the page's times and of the preferred window: the
/// browser's, else the service's default.
fn page_zone(req: &HttpRequest, settings: &Settings) -> Tz {
    visitor_zone(req).unwrap_or(settings.defaults.timezone)
}

pub async fn show(
    req: HttpRequest,
    db: web::Data<Db>,
    settings: web::Data<Settings>,
) -> Result<HttpResponse, PageError> {
    let ctx = Ctx::new(&req, None);
    let form = JoinForm::default();
    let ok = StatusCode::OK;
    form_page(&ctx, &req, &db, &settings, form, Vec::new(), None, ok).await
}

pub async fn join(
    req: HttpRequest,
    db: web::Data<Db>,
    keys: web::Data<JwtKeys>,
    settings: web::Data<Settings>,
    form: web::Form<JoinForm>,
) -> Result<HttpResponse, PageError> {
    let ctx = Ctx::new(&req, None);
    let form = form.into_inner();
    let preferred = if form.pref_day.is_empty() {
        Vec::new()
    } else {
        vec![WindowDto {
            day: form.pref_day.clone(),
            start: form.pref_start.clone(),
            end: form.pref_end.clone(),
        }]
    };
    let body = QueueRequestBody {
        email: form.email.clone(),
        name: form.name.clone(),
        company: Some(form.company.clone()),
        topic: form.topic.clone(),
        situation: form.situation.clone(),
        timezone: TimeZone::parse(&form.timezone)
            .ok()
            .map(|z| z.name().to_owned()),
        locale: Some(ctx.lang.code().to_owned()),
        preferred,
    };
    let fallback = TimeZone(page_zone(&req, &settings));
    let new = match NewQueueRequest::parse(&body, fallback, ctx.lang) {
        Ok(new) => new,
        Err(errors) => return invalid(&ctx, &req, &db, &settings, form, &errors).await,
    };
    let cfg = settings.queue.clone();
    let queued = db
        .write(move |conn| queue::enqueue(conn, &cfg, &new, clock()))
        .await;
    let (notice_key, status) = match queued {
        Ok(queued) => return joined(&ctx, &req, &keys, &settings, &queued, &form.email),
        Err(DbError::Invalid(errors)) => {
            return invalid(&ctx, &req, &db, &settings, form, &errors).await;
        }
        Err(DbError::Conflict {
            code: "already_queued",
            ..
        }) => ("page-queue-already", StatusCode::CONFLICT),
        Err(DbError::Conflict {
            code: "quota_exceeded",
            ..
        }) => ("page-queue-quota", StatusCode::CONFLICT),
        Err(DbError::Refused {
            code: "not_eligible",
            ..
        }) => ("page-queue-not-eligible", StatusCode::FORBIDDEN),
        Err(e) => return Err(PageError::new(&ctx, e)),
    };
    let notice = Some(ctx.t(notice_key));
    form_page(&ctx, &req, &db, &settings, form, Vec::new(), notice, status).await
}

/// The answer to a request that was taken: "check your mail" while it
/// awaits confirmation, else the place or the appointment.
fn joined(
    ctx: &Ctx,
    req: &HttpRequest,
    keys: &JwtKeys,
    settings: &Settings,
    queued: &Queued,
    email: &str,
) -> Result<HttpResponse, PageError> {
    let row = &queued.request;
    tracing::info!(request_id = %row.id, status = %row.status, "queue request (page)");
    let ctx = ctx
        .clone()
        .switch_to("/office-hours".to_owned(), Vec::new());
    let status = row.status().page(&ctx)?;
    let (title, lead) = match status {
        RequestStatus::Unconfirmed => (
            ctx.t("page-queue-check-mail-title"),
            ctx.text(
                "page-queue-check-mail-text",
                &[("email", email.trim().to_owned().into())],
            ),
        ),
        RequestStatus::Scheduled => (
            ctx.t("page-queue-scheduled-title"),
            ctx.t("page-queue-scheduled-text"),
        ),
        _ => (
            ctx.t("page-queue-waiting-title"),
            ctx.t("page-queue-waiting-text"),
        ),
    };
    let mut page = QueuePage::new(&ctx, req, queued, title);
    page.lead = Some(lead);
    // The manage token goes only to who confirmed the address.
    if status != RequestStatus::Unconfirmed {
        let (href, _) = manage_href(keys, settings, &row.id).page(&ctx)?;
        page.manage_href = Some(href);
    }
    Ok(page.render(&ctx))
}

/// The form again, each problem next to its field (422).
async fn invalid(
    ctx: &Ctx,
    req: &HttpRequest,
    db: &Db,
    settings: &Settings,
    form: JoinForm,
    errors: &ValidationErrors,
) -> Result<HttpResponse, PageError> {
    let mut shown: Vec<(&'static str, String)> = Vec::new();
    for e in &errors.0 {
        let (field, key) = match e.field.split('[').next().unwrap_or_default() {
            "name" => ("name", "page-error-name"),
            "email" => ("email", "page-error-email"),
            "company" => ("company", "page-error-company"),
            "topic" => ("topic", "page-error-topic"),
            "situation" => ("situation", "page-error-queue-situation"),
            "preferred" => ("preferred", "page-error-preferred"),
            // Zone and language are not typed in: nothing to point at.
            _ => ("form", "page-error-form"),
        };
        if !shown.iter().any(|(f, _)| *f == field) {
            shown.push((field, ctx.t(key)));
        }
    }
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    form_page(ctx, req, db, settings, form, shown, None, status).await
}

#[allow(clippy::too_many_arguments)]
async fn form_page(
    ctx: &Ctx,
    req: &HttpRequest,
    db: &Db,
    settings: &Settings,
    form: JoinForm,
    errors: Vec<(&'static str, String)>,
    notice: Option<String>,
    status: StatusCode,
) -> Result<HttpResponse, PageError> {
    let zone = page_zone(req, settings);
    let now = clock();
    let from = now + Duration::hours(i64::from(settings.queue.min_notice_hours));
    let to = now + Duration::days(LISTED_DAYS);
    let hosts = if from < to {
        db.run(move |conn| queue::free_slots(conn, from, to))
            .await
            .page(ctx)?
    } else {
        Vec::new()
    };
    let separator = ctx.t("page-list-separator");
    let mut days: Vec<(NaiveDate, DayView)> = Vec::new();
    for slot in pool(&hosts) {
        let date = slot.starts_at.with_timezone(&zone).date_naive();
        let hour = match (
            time_of_day(ctx.lang, slot.starts_at, zone),
            time_of_day(ctx.lang, slot.ends_at, zone),
        ) {
            (Ok(s), Ok(e)) => format!("{s}–{e}"),
            (Err(err), _) | (_, Err(err)) => {
                tracing::error!(error = %err, "time not written");
                continue;
            }
        };
        match days.last_mut() {
            Some((d, day)) if *d == date => {
                day.hours.push_str(&separator);
                day.hours.push_str(&hour);
            }
            _ => {
                let written = long_date(ctx.lang, slot.starts_at, zone).unwrap_or_else(|err| {
                    tracing::error!(error = %err, "date not written");
                    date.to_string()
                });
                days.push((
                    date,
                    DayView {
                        date: written,
                        hours: hour,
                    },
                ));
            }
        }
    }
    let day_options = DAYS
        .iter()
        .map(|&value| DayOption {
            value,
            label: ctx.t(&format!("page-day-{value}")),
        })
        .collect();
    let page = OfficeHoursPage {
        l: ctx.layout(),
        zone_note: ctx.text("page-oh-zone", &[("zone", zone.name().into())]),
        days: days.into_iter().map(|(_, d)| d).collect(),
        day_options,
        form,
        errors,
        notice,
    };
    Ok(ctx.render(status, &page))
}
