//! The manage page the link in every registration e-mail opens: the
//! booking, and a cancel button. Opening it changes nothing (mail scanners
//! follow links); only the button's POST cancels, with the token in a
//! hidden field. These pages carry the token: no referrer, no caching.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::confirmation::no_referrer;
use super::context::{Ctx, Layout, visitor_zone};
use super::error::{OrPage, PageError};
use super::format::{kind_label, long_datetime_text, time_range};
use super::token::{self, TokenForm};
use crate::auth::JwtKeys;
use crate::db::registrations::{self, RegistrationRow};
use crate::db::webinars::{self, Webinar};
use crate::db::{Db, DbError, booking, chance as db_chance, clock, utc};
use crate::domain::locale::Locale;
use crate::domain::registration::RegistrationStatus;
use crate::domain::timezone::TimeZone;
use crate::domain::webinar::Kind;
use crate::error::AppError;
use crate::routes::registrations::claim_seat;

const KIND: &str = "registration";

#[derive(Template)]
#[template(path = "pages/manage.html")]
struct ManagePage {
    l: Layout,
    id: String,
    token: String,
    webinar_id: String,
    title: String,
    kind: String,
    when: String,
    name: String,
    email: String,
    status: String,
    /// The chance of a seat, in words, while waiting.
    chance: Option<String>,
    /// A seat is held: the claim button.
    can_claim: bool,
    can_cancel: bool,
    notice: Option<String>,
}

/// A registration as the page shows it: the row, its waiting-list place,
/// its chance of a seat and its webinar.
type Found = (RegistrationRow, Option<i64>, Option<f64>, Webinar);

/// The registration, its place on the waiting list, its chance and its webinar.
async fn load(db: &Db, id: String) -> Result<Found, AppError> {
    db.read(move |conn| {
        let row = registrations::find(conn, &id)?
            .ok_or(AppError::NotFound("no registration with this id"))?;
        let position = registrations::position_of(conn, &row)?;
        let webinar = webinars::find(conn, &row.webinar_id)?
            .ok_or(AppError::NotFound("no webinar with this id"))?;
        let mut chance = None;
        if position.is_some() {
            let rate = db_chance::cancel_rate(conn, &webinar.row, clock())?;
            chance = db_chance::chance_of(rate, &webinar.row, &row, position);
        }
        Ok((row, position, chance, webinar))
    })
    .await
}

pub async fn show(
    req: HttpRequest,
    db: web::Data<Db>,
    keys: web::Data<JwtKeys>,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let id = path.into_inner();
    let token = token::opened(&req, &keys, KIND, &id)?;
    let found = load(&db, id).await;
    let ctx = Ctx::new(&req, preferred(&found));
    let found = found.page(&ctx)?;
    Ok(page(&ctx, &req, &found, token, None))
}

pub async fn cancel(
    req: HttpRequest,
    db: web::Data<Db>,
    keys: web::Data<JwtKeys>,
    path: web::Path<String>,
    form: Option<web::Form<TokenForm>>,
) -> Result<HttpResponse, PageError> {
    let id = path.into_inner();
    let token = token::posted(&req, &keys, form, KIND, &id)?;
    let cancel_id = id.clone();
    let cancelled = db
        .write(move |conn| booking::cancel_registration(conn, &cancel_id, clock()))
        .await;
    let notice_key = match cancelled {
        Ok(row) => {
            tracing::info!(registration_id = %row.id, "registration cancelled (page)");
            "page-cancelled-notice"
        }
        Err(DbError::Conflict {
            code: "session_closed",
            ..
        }) => "page-manage-closed",
        Err(e) => return Err(PageError::new(&Ctx::new(&req, None), e)),
    };
    after_action(&req, &db, id, token, notice_key).await
}

/// The claim button of a held seat: confirmed, or told it ran out.
pub async fn claim(
    req: HttpRequest,
    db: web::Data<Db>,
    keys: web::Data<JwtKeys>,
    path: web::Path<String>,
    form: Option<web::Form<TokenForm>>,
) -> Result<HttpResponse, PageError> {
    let id = path.into_inner();
    let token = token::posted(&req, &keys, form, KIND, &id)?;
    let notice_key = match claim_seat(&db, id.clone()).await {
        Ok(_) => "page-claimed-notice",
        Err(AppError::Conflict {
            code: "not_offered",
            ..
        }) => "page-claim-missed",
        Err(e) => return Err(PageError::new(&Ctx::new(&req, None), e)),
    };
    after_action(&req, &db, id, token, notice_key).await
}

/// The page again after a button, with what happened said at the top.
async fn after_action(
    req: &HttpRequest,
    db: &Db,
    id: String,
    token: String,
    notice_key: &str,
) -> Result<HttpResponse, PageError> {
    let found = load(db, id.clone()).await;
    let ctx = Ctx::new(req, preferred(&found));
    let found = found.page(&ctx)?;
    let notice = Some(ctx.t(notice_key));
    // The language switch leads back to the manage page itself.
    let ctx = ctx.switch_to(
        format!("/manage/registration/{id}"),
        vec![("token".to_owned(), token.clone())],
    );
    Ok(page(&ctx, req, &found, token, notice))
}

/// The language the registrant chose when registering.
fn preferred(found: &Result<Found, AppError>) -> Option<Locale> {
    found
        .as_ref()
        .ok()
        .and_then(|(row, ..)| Locale::parse(&row.locale))
}

fn page(
    ctx: &Ctx,
    req: &HttpRequest,
    (row, position, chance, webinar): &Found,
    token: String,
    notice: Option<String>,
) -> HttpResponse {
    let position = *position;
    // The visitor's zone, else the one the registrant's e-mails use.
    let zone = visitor_zone(req)
        .or_else(|| TimeZone::parse(&row.timezone).ok().map(|z| z.0))
        .unwrap_or(chrono_tz::UTC);
    let status = row.status().unwrap_or(RegistrationStatus::Cancelled);
    let status_text = match (status, position) {
        (RegistrationStatus::Waitlisted, p) => ctx.text(
            "page-status-waitlisted",
            &[("position", p.unwrap_or_default().into())],
        ),
        (RegistrationStatus::Offered, _) => ctx.text(
            "page-status-offered",
            &[(
                "until",
                row.offer_expires_at
                    .map(|at| long_datetime_text(ctx, utc(at), zone))
                    .unwrap_or_default()
                    .into(),
            )],
        ),
        (RegistrationStatus::Confirmed, _) => ctx.t("page-status-confirmed"),
        (RegistrationStatus::Cancelled, _) => ctx.t("page-status-cancelled"),
    };
    let now = clock();
    let chance = chance.map(|c| {
        ctx.text(
            "page-seat-chance",
            &[("chance", ctx.chance_phrase(c).into())],
        )
    });
    let page = ManagePage {
        l: ctx.layout(),
        id: row.id.clone(),
        token,
        webinar_id: webinar.row.id.clone(),
        title: webinar.row.title.clone(),
        kind: kind_label(ctx, webinar.kind().is_ok_and(|k| k == Kind::Expert)),
        when: time_range(
            ctx,
            utc(webinar.row.starts_at),
            utc(webinar.row.ends_at),
            zone,
        ),
        name: row.name.clone(),
        email: row.email.clone(),
        status: status_text,
        chance,
        can_claim: status == RegistrationStatus::Offered
            && row.offer_expires_at.is_some_and(|at| utc(at) > now),
        can_cancel: status != RegistrationStatus::Cancelled && utc(webinar.row.ends_at) > now,
        notice,
    };
    let mut res = ctx.render(StatusCode::OK, &page);
    no_referrer(&mut res);
    res
}
