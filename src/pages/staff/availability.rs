//! `/staff/availability`: the signed-in CSM's weekly windows (day, start,
//! end, in their zone; several a day) and dated exceptions (a date alone
//! blocks the day; with times they replace that day's windows). The form
//! has a fixed number of rows, empty ones are left out, and it saves
//! through the API's own [`save_availability`].

use std::collections::HashMap;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::nav::StaffChrome;
use super::session::StaffPage;
use super::webinar_input::{ZoneOption, zones};
use crate::config::Settings;
use crate::db::{Db, availability};
use crate::domain::availability::{
    AvailabilityRequest, ExceptionDto, WINDOWS_MAX, WindowDto, parse_day, parse_time,
};
use crate::domain::user::Role;
use crate::error::AppError;
use crate::pages::context::{Layout, query_param};
use crate::pages::error::{OrPage, PageError};
use crate::routes::office_hours::save_availability;

/// Empty window rows offered below the saved ones.
const SPARE_WINDOWS: usize = 3;
/// Empty exception rows offered below the saved ones.
const SPARE_EXCEPTIONS: usize = 2;
/// Rows read from a posted form at most (more are ignored).
const ROWS_READ: usize = WINDOWS_MAX + 10;

pub const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// One row of the form, as typed.
#[derive(Debug, Clone, Default)]
pub struct Row {
    /// The weekday (windows) or the date (exceptions).
    pub key: String,
    pub start: String,
    pub end: String,
    /// The message next to the row, if it was not accepted.
    pub error: Option<String>,
}

impl Row {
    fn is_empty(&self, date_row: bool) -> bool {
        self.start.trim().is_empty()
            && self.end.trim().is_empty()
            && (!date_row || self.key.trim().is_empty())
    }
}

pub struct DayOption {
    pub value: &'static str,
    pub label: String,
}

#[derive(Template)]
#[template(path = "pages/staff/availability.html")]
struct AvailabilityPage {
    l: Layout,
    chrome: StaffChrome,
    zone_note: String,
    zones: Vec<ZoneOption>,
    days: Vec<DayOption>,
    weekly: Vec<Row>,
    exceptions: Vec<Row>,
    has_errors: bool,
    zone_error: Option<String>,
    /// A refusal of the whole form (too many rows).
    general: Option<String>,
    notice: Option<String>,
}

fn render(
    page: &StaffPage,
    timezone: &str,
    weekly: Vec<Row>,
    exceptions: Vec<Row>,
    errors: (Option<String>, Option<String>),
    notice: Option<String>,
    status: StatusCode,
) -> HttpResponse {
    let (zone_error, general) = errors;
    let ctx = &page.ctx;
    let has_errors = zone_error.is_some()
        || general.is_some()
        || weekly.iter().any(|r| r.error.is_some())
        || exceptions.iter().any(|r| r.error.is_some());
    let view = AvailabilityPage {
        l: ctx.layout(),
        chrome: page.chrome("/staff/availability"),
        zone_note: ctx.text(
            "csm-availability-zone",
            &[("zone", timezone.to_owned().into())],
        ),
        zones: zones(timezone),
        days: DAYS
            .iter()
            .map(|&value| DayOption {
                value,
                label: ctx.t(&format!("page-day-{value}")),
            })
            .collect(),
        weekly,
        exceptions,
        has_errors,
        zone_error,
        general,
        notice,
    };
    ctx.render(status, &view)
}

fn with_spares(mut rows: Vec<Row>, spares: usize, day_default: bool) -> Vec<Row> {
    for _ in 0..spares {
        rows.push(Row {
            key: if day_default {
                "mon".to_owned()
            } else {
                String::new()
            },
            ..Row::default()
        });
    }
    rows
}

pub async fn show(
    req: HttpRequest,
    db: web::Data<Db>,
    page: StaffPage,
) -> Result<HttpResponse, PageError> {
    page.require(&[Role::Csm, Role::Admin])?;
    let id = page.id().to_owned();
    let saved = db
        .run(move |conn| availability::find(conn, &id))
        .await
        .page(&page.ctx)?;
    let (timezone, weekly, exceptions) = match saved {
        Some(row) => {
            let (weekly, exceptions) = row.parse().page(&page.ctx)?.to_dtos();
            (row.timezone, weekly, exceptions)
        }
        None => (page.zone_or_utc().name().to_owned(), Vec::new(), Vec::new()),
    };
    let weekly = weekly
        .into_iter()
        .map(|w| Row {
            key: w.day,
            start: w.start,
            end: w.end,
            error: None,
        })
        .collect();
    let exceptions = exceptions
        .into_iter()
        .map(|e| Row {
            key: e.date,
            start: e.start.unwrap_or_default(),
            end: e.end.unwrap_or_default(),
            error: None,
        })
        .collect();
    let notice = query_param(&req, "saved").map(|_| page.ctx.t("csm-availability-saved"));
    Ok(render(
        &page,
        &timezone,
        with_spares(weekly, SPARE_WINDOWS, true),
        with_spares(exceptions, SPARE_EXCEPTIONS, false),
        (None, None),
        notice,
        StatusCode::OK,
    ))
}

/// The rows `prefix0_…`, `prefix1_…` of a posted form, in order.
fn rows(form: &HashMap<String, String>, prefix: &str, key: &str) -> Vec<Row> {
    let field = |i: usize, name: &str| form.get(&format!("{prefix}{i}_{name}")).cloned();
    (0..ROWS_READ)
        .map_while(|i| {
            let key = field(i, key);
            let start = field(i, "start");
            let end = field(i, "end");
            (key.is_some() || start.is_some() || end.is_some()).then(|| Row {
                key: key.unwrap_or_default(),
                start: start.unwrap_or_default(),
                end: end.unwrap_or_default(),
                error: None,
            })
        })
        .collect()
}

fn optional(raw: &str) -> Option<String> {
    let raw = raw.trim();
    (!raw.is_empty()).then(|| raw.to_owned())
}

/// Why a row the API refused was refused, in the visitor's language.
fn message(page: &StaffPage, row: &Row, date_row: bool) -> String {
    let ctx = &page.ctx;
    let (start, end) = (row.start.trim(), row.end.trim());
    if date_row && chrono::NaiveDate::parse_from_str(row.key.trim(), "%Y-%m-%d").is_err() {
        return ctx.t("csm-error-date");
    }
    if date_row && start.is_empty() != end.is_empty() {
        return ctx.t("csm-error-both-times");
    }
    if date_row && start.is_empty() {
        return ctx.t("csm-error-date-twice");
    }
    if !date_row && parse_day(&row.key).is_err() {
        return ctx.t("csm-error-day");
    }
    match (parse_time(start), parse_time(end)) {
        (Ok(s), Ok(e)) if e <= s => ctx.t("csm-error-end-before-start"),
        (Ok(_), Ok(_)) if date_row => ctx.t("csm-error-exception-overlap"),
        (Ok(_), Ok(_)) => ctx.t("csm-error-overlap"),
        _ => ctx.t("csm-error-time"),
    }
}

/// The row index in `exceptions[3]`-style field names.
fn index_in(field: &str, list: &str) -> Option<usize> {
    field
        .strip_prefix(list)?
        .strip_prefix('[')?
        .strip_suffix(']')?
        .parse()
        .ok()
}

pub async fn save(
    db: web::Data<Db>,
    settings: web::Data<Settings>,
    page: StaffPage,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, PageError> {
    page.require(&[Role::Csm, Role::Admin])?;
    let form = form.into_inner();
    page.check_csrf(form.get("csrf").map_or("", String::as_str))?;
    let timezone = form.get("timezone").map_or_else(
        || page.zone_or_utc().name().to_owned(),
        |z| z.trim().to_owned(),
    );
    let mut weekly = rows(&form, "w", "day");
    let mut exceptions = rows(&form, "e", "date");
    // The rows sent to the API, by their place in the form.
    let sent_weekly: Vec<usize> = (0..weekly.len())
        .filter(|&i| !weekly[i].is_empty(false))
        .collect();
    let sent_exceptions: Vec<usize> = (0..exceptions.len())
        .filter(|&i| !exceptions[i].is_empty(true))
        .collect();
    let request = AvailabilityRequest {
        timezone: timezone.clone(),
        weekly: sent_weekly
            .iter()
            .map(|&i| WindowDto {
                day: weekly[i].key.trim().to_owned(),
                start: weekly[i].start.trim().to_owned(),
                end: weekly[i].end.trim().to_owned(),
            })
            .collect(),
        exceptions: sent_exceptions
            .iter()
            .map(|&i| ExceptionDto {
                date: exceptions[i].key.trim().to_owned(),
                start: optional(&exceptions[i].start),
                end: optional(&exceptions[i].end),
            })
            .collect(),
    };
    let id = page.id().to_owned();
    match save_availability(&db, &settings, &page.staff, id, &request).await {
        Ok(_) => Ok(HttpResponse::SeeOther()
            .insert_header((header::LOCATION, "/staff/availability?saved=1"))
            .finish()),
        Err(AppError::Validation(errors)) => {
            let mut zone_error = None;
            let mut general = false;
            for e in &errors.0 {
                if e.field == "timezone" {
                    zone_error = Some(page.ctx.t("staff-error-timezone"));
                } else if let Some(i) = index_in(&e.field, "weekly") {
                    if let Some(&at) = sent_weekly.get(i) {
                        let text = message(&page, &weekly[at], false);
                        weekly[at].error.get_or_insert(text);
                    }
                } else if let Some(i) = index_in(&e.field, "exceptions") {
                    if let Some(&at) = sent_exceptions.get(i) {
                        let text = message(&page, &exceptions[at], true);
                        exceptions[at].error.get_or_insert(text);
                    }
                } else {
                    general = true;
                }
            }
            let general = general.then(|| page.ctx.t("csm-error-too-many"));
            Ok(render(
                &page,
                &timezone,
                weekly,
                exceptions,
                (zone_error, general),
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            ))
        }
        Err(AppError::Forbidden(_)) => Err(page.forbidden()),
        Err(e) => Err(PageError::new(&page.ctx, e)),
    }
}
