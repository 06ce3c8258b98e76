//! `/staff/webinars/{id}/registrants`: who registered for the host's
//! webinar, with their status, situation and questions in advance, and a
//! form per confirmed registrant to mark them attended or absent — the
//! API's list and attendance ([`registrations_of`], [`mark_attendance`]).

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::nav::StaffChrome;
use super::session::StaffPage;
use super::webinar_form::hosted;
use crate::db::registrations::RegistrationRow;
use crate::db::webinars::Webinar;
use crate::db::{Db, utc};
use crate::domain::page::PageRequest;
use crate::domain::registration::RegistrationStatus;
use crate::error::AppError;
use crate::pages::context::{Layout, query_param};
use crate::pages::error::{OrPage, PageError};
use crate::pages::format::{long_datetime_text, time_range};
use crate::routes::registrations::{AttendanceRequest, mark_attendance, registrations_of};

/// Registrants per page.
const PER_PAGE: u32 = 200;

pub struct RegistrantView {
    pub id: String,
    pub name: String,
    pub email: String,
    pub company: Option<String>,
    pub status: String,
    /// CSS class of the status.
    pub status_class: &'static str,
    pub situation: Option<String>,
    pub questions: Vec<String>,
    /// Only confirmed registrants are marked.
    pub markable: bool,
    /// "Attended", "Did not attend", "Not marked yet".
    pub attendance: String,
    pub attendance_class: &'static str,
    pub attended: Option<bool>,
    /// The score sent from the follow-up mail ("4 – very good") and the
    /// comment with it.
    pub rating: Option<String>,
    pub rating_comment: Option<String>,
}

#[derive(Template)]
#[template(path = "pages/staff/registrants.html")]
struct RegistrantsPage {
    l: Layout,
    chrome: StaffChrome,
    id: String,
    heading: String,
    when: String,
    summary: String,
    registrants: Vec<RegistrantView>,
    next: Option<String>,
    notice: Option<String>,
    error: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AttendanceForm {
    pub csrf: String,
    pub registration: String,
    /// `yes` (attended) or `no` (did not attend).
    pub attended: String,
}

fn view(page: &StaffPage, row: &RegistrationRow, position: Option<i64>) -> RegistrantView {
    let ctx = &page.ctx;
    let status = row.status().ok();
    let (status_text, status_class) = match status {
        Some(RegistrationStatus::Confirmed) => (ctx.t("staff-reg-confirmed"), "confirmed"),
        Some(RegistrationStatus::Waitlisted) => (
            ctx.text(
                "staff-reg-waitlisted",
                &[("position", position.unwrap_or_default().into())],
            ),
            "waitlisted",
        ),
        Some(RegistrationStatus::Offered) => (
            ctx.text(
                "staff-reg-offered",
                &[(
                    "until",
                    row.offer_expires_at
                        .map(|at| long_datetime_text(ctx, utc(at), page.zone_or_utc()))
                        .unwrap_or_default()
                        .into(),
                )],
            ),
            "offered",
        ),
        Some(RegistrationStatus::Cancelled) | None => (ctx.t("staff-reg-cancelled"), "cancelled"),
    };
    let (attendance, attendance_class) = match row.attended {
        Some(true) => (ctx.t("staff-attendance-attended"), "attended"),
        Some(false) => (ctx.t("staff-attendance-no-show"), "no-show"),
        None => (ctx.t("staff-attendance-unmarked"), "unmarked"),
    };
    RegistrantView {
        id: row.id.clone(),
        name: row.name.clone(),
        email: row.email.clone(),
        company: row.company.clone().filter(|c| !c.is_empty()),
        status: status_text,
        status_class,
        situation: row.situation.clone().filter(|s| !s.trim().is_empty()),
        questions: row
            .questions()
            .into_iter()
            .filter(|q| !q.trim().is_empty())
            .collect(),
        markable: status == Some(RegistrationStatus::Confirmed),
        attendance,
        attendance_class,
        attended: row.attended,
        rating: row.rating.map(|score| ctx.t(&format!("rating-{score}"))),
        rating_comment: row.rating_comment.clone().filter(|c| !c.trim().is_empty()),
    }
}

async fn render(
    req: &HttpRequest,
    db: &Db,
    page: &StaffPage,
    webinar: &Webinar,
    error: Option<String>,
    status: StatusCode,
) -> Result<HttpResponse, PageError> {
    let ctx = &page.ctx;
    let cursor = query_param(req, "cursor");
    let list = PageRequest::parse(cursor.as_deref(), Some(PER_PAGE))
        .map_err(|(field, message)| AppError::validation(&field, message))
        .page(ctx)?;
    let (rows, next_cursor) = registrations_of(db, &page.staff, webinar.row.id.clone(), &list)
        .await
        .map_err(|e| match e {
            AppError::Forbidden(_) => page.forbidden(),
            other => PageError::new(ctx, other),
        })?;
    let id = webinar.row.id.clone();
    let next = next_cursor.map(|c| {
        let query: String = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("cursor", &c)
            .finish();
        format!("/staff/webinars/{id}/registrants?{query}")
    });
    let row = &webinar.row;
    let view = RegistrantsPage {
        l: ctx.layout(),
        chrome: page.chrome(""),
        heading: ctx.text(
            "staff-registrants-title",
            &[("title", row.title.clone().into())],
        ),
        when: time_range(
            ctx,
            utc(row.starts_at),
            utc(row.ends_at),
            page.zone_or_utc(),
        ),
        summary: ctx.text(
            "staff-registrants-summary",
            &[
                ("taken", row.seats_taken.into()),
                ("waiting", row.waitlist_length.into()),
            ],
        ),
        registrants: rows.iter().map(|(r, p, _)| view(page, r, *p)).collect(),
        notice: query_param(req, "marked").map(|_| ctx.t("staff-attendance-saved")),
        id,
        next,
        error,
    };
    Ok(ctx.render(status, &view))
}

pub async fn show(
    req: HttpRequest,
    db: web::Data<Db>,
    page: StaffPage,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let webinar = hosted(&db, &page, path.into_inner()).await?;
    render(&req, &db, &page, &webinar, None, StatusCode::OK).await
}

pub async fn mark(
    req: HttpRequest,
    db: web::Data<Db>,
    page: StaffPage,
    path: web::Path<String>,
    form: web::Form<AttendanceForm>,
) -> Result<HttpResponse, PageError> {
    let form = form.into_inner();
    page.check_csrf(&form.csrf)?;
    let webinar = hosted(&db, &page, path.into_inner()).await?;
    let ids = vec![form.registration.clone()];
    let body = match form.attended.as_str() {
        "yes" => AttendanceRequest {
            attended: ids,
            no_show: Vec::new(),
        },
        "no" => AttendanceRequest {
            attended: Vec::new(),
            no_show: ids,
        },
        _ => {
            let error = Some(page.ctx.t("staff-error-attendance"));
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return render(&req, &db, &page, &webinar, error, status).await;
        }
    };
    let id = webinar.row.id.clone();
    match mark_attendance(&db, &page.staff, id.clone(), &body).await {
        Ok(_) => Ok(HttpResponse::SeeOther()
            .insert_header((
                header::LOCATION,
                format!(
                    "/staff/webinars/{id}/registrants?marked=1#r-{}",
                    form.registration
                ),
            ))
            .finish()),
        Err(AppError::Validation(_)) => {
            let error = Some(page.ctx.t("staff-error-attendance"));
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            render(&req, &db, &page, &webinar, error, status).await
        }
        Err(AppError::Forbidden(_)) => Err(page.forbidden()),
        Err(e) => Err(PageError::new(&page.ctx, e)),
    }
}
