//! `/webinars/{id}`: one webinar and its registration form. Posting the
//! form registers through the same transaction as the JSON API
//! ([`booking::register`]); a mistake re-shows the form with what was
//! entered and a message next to each field.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::confirmation;
use super::context::{Ctx, Layout, visitor_zone};
use super::error::{OrPage, PageError};
use super::format::{WebinarView, view, zone_for};
use crate::auth::JwtKeys;
use crate::config::Settings;
use crate::db::webinars::Webinar;
use crate::db::{Db, DbError, booking, clock};
use crate::domain::registration::{NewRegistration, RegistrationRequest};
use crate::domain::timezone::TimeZone;
use crate::domain::validation::ValidationErrors;
use crate::routes::webinars::load;

/// What the visitor typed (kept to show it again after a mistake).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RegisterForm {
    pub name: String,
    pub email: String,
    pub company: String,
    pub situation: String,
    pub questions: String,
    /// Present only when the box was ticked.
    pub marketing_consent: Option<String>,
    /// Filled in by the page's script with the browser's zone.
    pub timezone: String,
}

#[derive(Template)]
#[template(path = "pages/webinar.html")]
struct WebinarPage {
    l: Layout,
    w: WebinarView,
    open: bool,
    form: RegisterForm,
    /// Field name and its message, in the form's order.
    errors: Vec<(&'static str, String)>,
    notice: Option<String>,
}

impl WebinarPage {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    fn consent(&self) -> bool {
        self.form.marketing_consent.is_some()
    }
}

pub async fn show(
    req: HttpRequest,
    db: web::Data<Db>,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let ctx = Ctx::new(&req, None);
    let webinar = load(&db, path.into_inner()).await.page(&ctx)?;
    let form = RegisterForm::default();
    Ok(form_page(
        &ctx,
        &req,
        &webinar,
        form,
        Vec::new(),
        None,
        StatusCode::OK,
    ))
}

pub async fn register(
    req: HttpRequest,
    db: web::Data<Db>,
    keys: web::Data<JwtKeys>,
    settings: web::Data<Settings>,
    path: web::Path<String>,
    form: web::Form<RegisterForm>,
) -> Result<HttpResponse, PageError> {
    let ctx = Ctx::new(&req, None);
    let webinar = load(&db, path.into_inner()).await.page(&ctx)?;
    let form = form.into_inner();
    // The zone for the e-mails: the browser's (from the form or the
    // cookie), else the session's own.
    let fallback = TimeZone(zone_for(visitor_zone(&req), &webinar));
    let request = RegistrationRequest {
        email: form.email.clone(),
        name: form.name.clone(),
        company: Some(form.company.clone()),
        timezone: TimeZone::parse(&form.timezone)
            .ok()
            .map(|z| z.name().to_owned()),
        locale: Some(ctx.lang.code().to_owned()),
        situation: Some(form.situation.clone()),
        questions: vec![form.questions.clone()],
        marketing_consent: form.marketing_consent.is_some(),
        rollover: None,
    };
    let new = match NewRegistration::parse(&request, fallback, ctx.lang) {
        Ok(new) => new,
        Err(errors) => return Ok(invalid(&ctx, &req, &webinar, form, &errors)),
    };
    let webinar_id = webinar.row.id.clone();
    let booked = db
        .write(move |conn| booking::register(conn, &webinar_id, &new, clock))
        .await;
    let booked = match booked {
        Ok(booked) => booked,
        Err(DbError::Invalid(errors)) => {
            return Ok(invalid(&ctx, &req, &webinar, form, &errors));
        }
        Err(DbError::Conflict {
            code: "session_closed",
            ..
        }) => {
            let notice = Some(ctx.t("page-register-closed"));
            let status = StatusCode::CONFLICT;
            return Ok(form_page(
                &ctx,
                &req,
                &webinar,
                form,
                Vec::new(),
                notice,
                status,
            ));
        }
        Err(e) => return Err(PageError::new(&ctx, e)),
    };
    let reg = &booked.registration;
    if booked.already_registered {
        tracing::info!(registration_id = %reg.id, resent = booked.confirmation_resent, "repeat registration (page)");
        let key = if booked.confirmation_resent {
            "page-already-registered"
        } else {
            "page-already-registered-recent"
        };
        let notice = Some(ctx.t(key));
        let status = StatusCode::CONFLICT;
        return Ok(form_page(
            &ctx,
            &req,
            &webinar,
            form,
            Vec::new(),
            notice,
            status,
        ));
    }
    tracing::info!(registration_id = %reg.id, webinar_id = %reg.webinar_id, status = %reg.status, "registered (page)");
    let token = keys
        .issue_manage_for_session("registration", &reg.id, booked.session_ends_at)
        .page(&ctx)?;
    Ok(confirmation::render(
        &ctx,
        &settings,
        view(&ctx, &webinar, visitor_zone(&req)),
        &webinar,
        reg,
        booked.waitlist_position,
        &token,
    ))
}

/// The form again, each problem next to its field (422).
fn invalid(
    ctx: &Ctx,
    req: &HttpRequest,
    webinar: &Webinar,
    form: RegisterForm,
    errors: &ValidationErrors,
) -> HttpResponse {
    let mut shown: Vec<(&'static str, String)> = Vec::new();
    for e in &errors.0 {
        let field = match e.field.split('[').next().unwrap_or_default() {
            "name" => "name",
            "email" => "email",
            "company" => "company",
            "situation" => "situation",
            "questions" => "questions",
            // Zone and language are not typed in: nothing to point at.
            _ => "form",
        };
        if !shown.iter().any(|(f, _)| *f == field) {
            shown.push((field, ctx.t(&format!("page-error-{field}"))));
        }
    }
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    form_page(ctx, req, webinar, form, shown, None, status)
}

fn form_page(
    ctx: &Ctx,
    req: &HttpRequest,
    webinar: &Webinar,
    form: RegisterForm,
    errors: Vec<(&'static str, String)>,
    notice: Option<String>,
    status: StatusCode,
) -> HttpResponse {
    let page = WebinarPage {
        l: ctx.layout(),
        w: view(ctx, webinar, visitor_zone(req)),
        open: webinar.is_open(clock()),
        form,
        errors,
        notice,
    };
    ctx.render(status, &page)
}
