//! `/staff/webinars/new` and `/staff/webinars/{id}/edit`: create a webinar
//! or a series, change one, cancel one — through the API's own create,
//! change and cancel ([`create_webinars`], [`update_webinar`],
//! [`cancel_webinar`]). Times are typed as a date and a wall-clock time in
//! a chosen zone (the user's own by default); a mistake re-shows the form
//! with what was typed and a message next to each field.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::nav::StaffChrome;
use super::session::StaffPage;
use super::webinar_input::{
    WebinarForm, ZoneOption, filled, form_field, optional, read_typed, rrule, zones,
};
use crate::config::Settings;
use crate::db::webinars::Webinar;
use crate::db::{Db, clock, utc};
use crate::domain::policy::{DECISION_HOURS_DEFAULT, OFFER_HOURS_DEFAULT, WaitlistMode};
use crate::domain::user::Role;
use crate::domain::validation::ValidationErrors;
use crate::domain::webinar::{Status, WebinarPatch, WebinarRequest};
use crate::error::AppError;
use crate::pages::context::{Layout, query_param};
use crate::pages::error::{OrPage, PageError};
use crate::routes::webinars::{
    cancel_webinar, create_webinars, load, require_host, update_webinar,
};

#[derive(Template)]
#[template(path = "pages/staff/webinar_form.html")]
struct FormPage {
    l: Layout,
    chrome: StaffChrome,
    /// `None` for a new webinar.
    id: Option<String>,
    heading: String,
    action: String,
    form: WebinarForm,
    zones: Vec<ZoneOption>,
    errors: Vec<(&'static str, String)>,
    notice: Option<String>,
    cancelled: bool,
    /// The session has begun: only its recording can be set.
    started: bool,
    registrants: Option<String>,
}

impl FormPage {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    /// The message for the start: unreadable, or a time the clocks skip.
    fn start_error(&self) -> Option<&str> {
        self.error("start").or_else(|| self.error("start-gap"))
    }

    fn is_new(&self) -> bool {
        self.id.is_none()
    }
}

fn render(
    page: &StaffPage,
    webinar: Option<&Webinar>,
    form: WebinarForm,
    errors: Vec<(&'static str, String)>,
    notice: Option<String>,
    status: StatusCode,
) -> HttpResponse {
    let ctx = &page.ctx;
    let (id, heading, action, current) = match webinar {
        None => (
            None,
            ctx.t("staff-webinar-new-title"),
            "/staff/webinars/new".to_owned(),
            "/staff/webinars/new".to_owned(),
        ),
        Some(w) => (
            Some(w.row.id.clone()),
            ctx.text(
                "staff-webinar-edit-title",
                &[("title", w.row.title.clone().into())],
            ),
            format!("/staff/webinars/{}/edit", w.row.id),
            String::new(),
        ),
    };
    let view = FormPage {
        l: ctx.layout(),
        chrome: page.chrome(&current),
        zones: zones(&form.timezone),
        registrants: webinar.map(|w| format!("/staff/webinars/{}/registrants", w.row.id)),
        cancelled: webinar.is_some_and(|w| w.status().is_ok_and(|s| s == Status::Cancelled)),
        started: webinar.is_some_and(|w| utc(w.row.starts_at) <= clock()),
        id,
        heading,
        action,
        form,
        errors,
        notice,
    };
    ctx.render(status, &view)
}

/// One translated message per field, in the form's order.
fn shown(
    page: &StaffPage,
    fields: impl IntoIterator<Item = &'static str>,
) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = Vec::new();
    for field in fields {
        if !out.iter().any(|(f, _)| *f == field) {
            out.push((field, page.ctx.t(&format!("staff-error-{field}"))));
        }
    }
    out
}

fn from_validation(page: &StaffPage, errors: &ValidationErrors) -> Vec<(&'static str, String)> {
    shown(page, errors.0.iter().map(|e| form_field(&e.field)))
}

fn saved(location: String) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish()
}

pub async fn new_form(page: StaffPage) -> Result<HttpResponse, PageError> {
    page.require(&[Role::Csm, Role::Admin])?;
    let form = WebinarForm {
        kind: "regular".to_owned(),
        duration: "60".to_owned(),
        time: "10:00".to_owned(),
        count: "6".to_owned(),
        timezone: page.zone_or_utc().name().to_owned(),
        waitlist_mode: WaitlistMode::Auto.as_str().to_owned(),
        offer_hours: OFFER_HOURS_DEFAULT.to_string(),
        decision_hours: DECISION_HOURS_DEFAULT.to_string(),
        rollover: Some("yes".to_owned()),
        ..WebinarForm::default()
    };
    Ok(render(&page, None, form, Vec::new(), None, StatusCode::OK))
}

pub async fn create(
    db: web::Data<Db>,
    page: StaffPage,
    form: web::Form<WebinarForm>,
) -> Result<HttpResponse, PageError> {
    page.require(&[Role::Csm, Role::Admin])?;
    let form = form.into_inner();
    page.check_csrf(&form.csrf)?;
    let invalid = StatusCode::UNPROCESSABLE_ENTITY;
    let (typed, rule) = match (read_typed(&form), rrule(&form)) {
        (Ok(typed), Ok(rule)) => (typed, rule),
        (typed, rule) => {
            let mut bad = typed.err().unwrap_or_default();
            bad.extend(rule.err());
            let errors = shown(&page, bad);
            return Ok(render(&page, None, form, errors, None, invalid));
        }
    };
    let request = WebinarRequest {
        kind: form.kind.clone(),
        title: form.title.clone(),
        description: Some(form.description.clone()),
        topic: optional(&form.topic),
        starts_at: typed.starts_at,
        duration_minutes: typed.duration,
        timezone: typed.timezone,
        capacity: typed.capacity,
        join_url: optional(&form.join_url),
        host_id: None,
        rrule: rule,
        waitlist_mode: optional(&form.waitlist_mode),
        offer_hours: Some(typed.offer_hours),
        min_attendees: typed.min_attendees,
        decision_hours: Some(typed.decision_hours),
        rollover: Some(form.rollover.is_some()),
        recording_url: optional(&form.recording_url),
    };
    match create_webinars(&db, &page.staff, &request).await {
        Ok((_, created)) => {
            let first = created
                .first()
                .map(|w| w.row.id.clone())
                .unwrap_or_default();
            Ok(saved(format!(
                "/staff/webinars/{first}/edit?created={}",
                created.len()
            )))
        }
        Err(AppError::Validation(errors)) => {
            let errors = from_validation(&page, &errors);
            Ok(render(&page, None, form, errors, None, invalid))
        }
        Err(AppError::Conflict {
            code: "host_busy", ..
        }) => {
            let errors = shown(&page, ["host-busy"]);
            Ok(render(
                &page,
                None,
                form,
                errors,
                None,
                StatusCode::CONFLICT,
            ))
        }
        Err(AppError::Forbidden(_)) => Err(page.forbidden()),
        Err(e) => Err(PageError::new(&page.ctx, e)),
    }
}

/// The webinar, if this user may change it (its host, an admin), else the
/// API's answer: 404 for none, an HTML 403 for another CSM's.
pub(super) async fn hosted(db: &Db, page: &StaffPage, id: String) -> Result<Webinar, PageError> {
    page.require(&[Role::Csm, Role::Admin])?;
    let webinar = load(db, id).await.page(&page.ctx)?;
    require_host(&page.staff, &webinar).map_err(|_| page.forbidden())?;
    Ok(webinar)
}

pub async fn edit_form(
    req: HttpRequest,
    db: web::Data<Db>,
    page: StaffPage,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let webinar = hosted(&db, &page, path.into_inner()).await?;
    let ctx = &page.ctx;
    let created = query_param(&req, "created").and_then(|n| n.parse::<i64>().ok());
    let notice = if let Some(n) = created {
        Some(ctx.text("staff-webinar-created", &[("count", n.into())]))
    } else if query_param(&req, "saved").is_some() {
        Some(ctx.t("staff-webinar-saved"))
    } else {
        None
    };
    let form = filled(&webinar);
    Ok(render(
        &page,
        Some(&webinar),
        form,
        Vec::new(),
        notice,
        StatusCode::OK,
    ))
}

pub async fn update(
    db: web::Data<Db>,
    settings: web::Data<Settings>,
    page: StaffPage,
    path: web::Path<String>,
    form: web::Form<WebinarForm>,
) -> Result<HttpResponse, PageError> {
    let form = form.into_inner();
    page.check_csrf(&form.csrf)?;
    let webinar = hosted(&db, &page, path.into_inner()).await?;
    let invalid = StatusCode::UNPROCESSABLE_ENTITY;
    let form = WebinarForm {
        kind: webinar.row.kind.clone(),
        ..form
    };
    let id = webinar.row.id.clone();
    // A session that has begun takes one change: its recording.
    if utc(webinar.row.starts_at) <= clock() {
        let patch = WebinarPatch {
            recording_url: Some(optional(&form.recording_url)),
            ..WebinarPatch::default()
        };
        return match update_webinar(&db, &settings, &page.staff, id.clone(), patch).await {
            Ok(_) => Ok(saved(format!("/staff/webinars/{id}/edit?saved=1"))),
            Err(AppError::Validation(errors)) => {
                let errors = from_validation(&page, &errors);
                let form = WebinarForm {
                    recording_url: form.recording_url,
                    ..filled(&webinar)
                };
                Ok(render(&page, Some(&webinar), form, errors, None, invalid))
            }
            Err(e) => Err(PageError::new(&page.ctx, e)),
        };
    }
    let typed = match read_typed(&form) {
        Ok(typed) => typed,
        Err(bad) => {
            let errors = shown(&page, bad);
            return Ok(render(&page, Some(&webinar), form, errors, None, invalid));
        }
    };
    let current = filled(&webinar);
    // Only what changed is sent: an unchanged start of a session that has
    // begun must not be judged "in the past".
    let start_changed = form.date.trim() != current.date
        || form.time.trim() != current.time
        || form.timezone.trim() != current.timezone;
    let patch = WebinarPatch {
        title: Some(form.title.clone()),
        description: Some(form.description.clone()),
        topic: Some(optional(&form.topic)),
        starts_at: start_changed.then_some(typed.starts_at),
        duration_minutes: Some(typed.duration),
        timezone: start_changed.then_some(typed.timezone),
        capacity: Some(typed.capacity),
        join_url: Some(optional(&form.join_url)),
        waitlist_mode: optional(&form.waitlist_mode),
        offer_hours: Some(typed.offer_hours),
        min_attendees: Some(typed.min_attendees),
        decision_hours: Some(typed.decision_hours),
        rollover: Some(form.rollover.is_some()),
        recording_url: Some(optional(&form.recording_url)),
    };
    match update_webinar(&db, &settings, &page.staff, id.clone(), patch).await {
        Ok(_) => Ok(saved(format!("/staff/webinars/{id}/edit?saved=1"))),
        Err(AppError::Validation(errors)) => {
            let errors = from_validation(&page, &errors);
            Ok(render(&page, Some(&webinar), form, errors, None, invalid))
        }
        Err(AppError::Conflict { code, .. }) => {
            let key = match code {
                "capacity_below_taken" => "capacity-below",
                "host_busy" => "host-busy",
                _ => "closed",
            };
            let errors = shown(&page, [key]);
            Ok(render(
                &page,
                Some(&webinar),
                form,
                errors,
                None,
                StatusCode::CONFLICT,
            ))
        }
        Err(AppError::Forbidden(_)) => Err(page.forbidden()),
        Err(e) => Err(PageError::new(&page.ctx, e)),
    }
}

pub async fn cancel(
    db: web::Data<Db>,
    settings: web::Data<Settings>,
    page: StaffPage,
    path: web::Path<String>,
    form: web::Form<WebinarForm>,
) -> Result<HttpResponse, PageError> {
    let form = form.into_inner();
    page.check_csrf(&form.csrf)?;
    let webinar = hosted(&db, &page, path.into_inner()).await?;
    if form.confirm.is_none() {
        let errors = shown(&page, ["confirm"]);
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(render(
            &page,
            Some(&webinar),
            filled(&webinar),
            errors,
            None,
            status,
        ));
    }
    let id = webinar.row.id.clone();
    match cancel_webinar(&db, &settings, &page.staff, id.clone()).await {
        Ok(_) => Ok(saved(format!("/staff/webinars/{id}/edit"))),
        Err(AppError::Conflict { .. }) => {
            let errors = shown(&page, ["closed"]);
            let status = StatusCode::CONFLICT;
            Ok(render(
                &page,
                Some(&webinar),
                filled(&webinar),
                errors,
                None,
                status,
            ))
        }
        Err(e) => Err(PageError::new(&page.ctx, e)),
    }
}
