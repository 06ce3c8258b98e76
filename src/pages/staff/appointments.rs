//! `/staff/appointments`: the signed-in CSM's customer hours of the last 30
//! and the next 90 days (as `GET /api/v1/appointments?host_id=` gives them),
//! in their zone, with a form on each that is not cancelled to record how
//! it went — the API's own [`complete_appointment`].

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;

use super::nav::StaffChrome;
use super::session::StaffPage;
use crate::db::queue::{self as queue_db, Appointment, RequestRow};
use crate::db::{Db, clock, utc};
use crate::domain::queue::AppointmentStatus;
use crate::domain::user::Role;
use crate::error::AppError;
use crate::pages::context::{Layout, query_param};
use crate::pages::error::{OrPage, PageError};
use crate::pages::format::time_range;
use crate::routes::queue::{CompleteRequest, complete_appointment};

/// How far back and ahead the page looks (the API's defaults).
const BACK_DAYS: i64 = 30;
const AHEAD_DAYS: i64 = 90;

pub struct AppointmentView {
    pub id: String,
    pub when: String,
    pub starts_iso: String,
    pub customer: String,
    pub email: String,
    pub company: Option<String>,
    pub topic: String,
    pub situation: String,
    pub status: String,
    pub status_class: &'static str,
    pub notes: String,
    /// `held`, `no_show` or empty: the outcome the form shows chosen.
    pub outcome: String,
    /// Not cancelled: the outcome can be recorded (or corrected).
    pub completable: bool,
    /// A message next to the outcome (or the form), if it was refused.
    pub error: Option<String>,
    pub notes_error: Option<String>,
}

#[derive(Template)]
#[template(path = "pages/staff/appointments.html")]
struct AppointmentsPage {
    l: Layout,
    chrome: StaffChrome,
    intro: String,
    upcoming: Vec<AppointmentView>,
    past: Vec<AppointmentView>,
    notice: Option<String>,
    has_error: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CompleteForm {
    pub csrf: String,
    /// `held` or `no_show`.
    pub outcome: String,
    pub notes: String,
}

fn view(page: &StaffPage, a: &Appointment, r: &RequestRow) -> AppointmentView {
    let ctx = &page.ctx;
    let status = AppointmentStatus::parse(&a.row.status);
    let (key, status_class) = match status {
        Some(AppointmentStatus::Scheduled) => ("csm-status-scheduled", "scheduled"),
        Some(AppointmentStatus::Held) => ("csm-status-held", "attended"),
        Some(AppointmentStatus::NoShow) => ("csm-status-no-show", "no-show"),
        Some(AppointmentStatus::Cancelled) | None => ("csm-status-cancelled", "cancelled"),
    };
    let outcome = match status {
        Some(AppointmentStatus::Held) => "held",
        Some(AppointmentStatus::NoShow) => "no_show",
        _ => "",
    };
    AppointmentView {
        id: a.row.id.clone(),
        when: time_range(
            ctx,
            utc(a.row.starts_at),
            utc(a.row.ends_at),
            page.zone_or_utc(),
        ),
        starts_iso: crate::domain::time::format(utc(a.row.starts_at)),
        customer: r.name.clone(),
        email: r.email.clone(),
        company: r.company.clone().filter(|c| !c.trim().is_empty()),
        topic: r.topic.clone(),
        situation: r.situation.clone(),
        status: ctx.t(key),
        status_class,
        notes: a.row.notes.clone().unwrap_or_default(),
        outcome: outcome.to_owned(),
        completable: status.is_some_and(|s| s != AppointmentStatus::Cancelled),
        error: None,
        notes_error: None,
    }
}

/// What went wrong with one appointment's form: its id, the typed form,
/// the message for the outcome and for the notes.
type Refused = (String, CompleteForm, Option<String>, Option<String>);

async fn render(
    db: &Db,
    page: &StaffPage,
    notice: Option<String>,
    refused: Option<Refused>,
    status: StatusCode,
) -> Result<HttpResponse, PageError> {
    let now = clock();
    let host = page.id().to_owned();
    let rows = db
        .run(move |conn| {
            queue_db::appointments_between(
                conn,
                Some(&host),
                now - Duration::days(BACK_DAYS),
                now + Duration::days(AHEAD_DAYS),
            )
        })
        .await
        .page(&page.ctx)?;
    let ctx = &page.ctx;
    let mut upcoming = Vec::new();
    let mut past = Vec::new();
    for (a, r) in &rows {
        let mut v = view(page, a, r);
        if let Some((id, form, error, notes_error)) = &refused
            && *id == v.id
        {
            v.outcome.clone_from(&form.outcome);
            v.notes.clone_from(&form.notes);
            v.error.clone_from(error);
            v.notes_error.clone_from(notes_error);
        }
        let ends: DateTime<Utc> = utc(a.row.ends_at);
        if ends > now {
            upcoming.push(v);
        } else {
            past.push(v);
        }
    }
    // The most recent first among the past ones.
    past.reverse();
    let view = AppointmentsPage {
        l: ctx.layout(),
        chrome: page.chrome("/staff/appointments"),
        intro: ctx.text(
            "csm-appointments-intro",
            &[("zone", page.zone_or_utc().name().into())],
        ),
        upcoming,
        past,
        notice,
        has_error: refused.is_some(),
    };
    Ok(ctx.render(status, &view))
}

pub async fn show(
    req: HttpRequest,
    db: web::Data<Db>,
    page: StaffPage,
) -> Result<HttpResponse, PageError> {
    page.require(&[Role::Csm, Role::Admin])?;
    let notice = query_param(&req, "saved").map(|_| page.ctx.t("csm-complete-saved"));
    render(&db, &page, notice, None, StatusCode::OK).await
}

pub async fn complete(
    db: web::Data<Db>,
    page: StaffPage,
    path: web::Path<String>,
    form: web::Form<CompleteForm>,
) -> Result<HttpResponse, PageError> {
    page.require(&[Role::Csm, Role::Admin])?;
    let form = form.into_inner();
    page.check_csrf(&form.csrf)?;
    let id = path.into_inner();
    // Another CSM's appointment is refused before anything typed is judged.
    let found = {
        let id = id.clone();
        db.run(move |conn| queue_db::find_appointment(conn, &id))
            .await
            .page(&page.ctx)?
    };
    let Some(appointment) = found else {
        return Err(PageError::new(
            &page.ctx,
            AppError::NotFound("no appointment with this id"),
        ));
    };
    if page.role() != Role::Admin && appointment.row.host_id != page.id() {
        return Err(page.forbidden());
    }
    let body = CompleteRequest {
        outcome: form.outcome.trim().to_owned(),
        notes: Some(form.notes.clone()),
    };
    let ctx = &page.ctx;
    match complete_appointment(&db, &page.staff, id.clone(), &body).await {
        Ok(_) => Ok(HttpResponse::SeeOther()
            .insert_header((
                header::LOCATION,
                format!("/staff/appointments?saved=1#a-{id}"),
            ))
            .finish()),
        Err(AppError::Validation(errors)) => {
            let on = |field: &str| errors.0.iter().any(|e| e.field == field);
            let error = on("outcome").then(|| ctx.t("csm-error-outcome"));
            let notes_error = on("notes").then(|| ctx.t("csm-error-notes"));
            let refused = (id, form, error, notes_error);
            render(
                &db,
                &page,
                None,
                Some(refused),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(AppError::Conflict { .. }) => {
            let refused = (id, form, Some(ctx.t("csm-error-cancelled")), None);
            render(&db, &page, None, Some(refused), StatusCode::CONFLICT).await
        }
        Err(AppError::Forbidden(_)) => Err(page.forbidden()),
        Err(e) => Err(PageError::new(ctx, e)),
    }
}
