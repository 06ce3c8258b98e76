//! `/manage/registration/{id}/rate`: where a score in the follow-up mail
//! leads. Opening it (mail scanners do) records nothing: it shows the
//! session with that score chosen, a comment field and one button; only
//! the button's POST stores the rating, once per person. The token here
//! can only rate this registration.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Deserialize;

use super::confirmation::no_referrer;
use super::context::{Ctx, Layout, query_param, visitor_zone};
use super::error::{OrPage, PageError};
use super::format::time_range;
use super::token;
use crate::auth::JwtKeys;
use crate::db::followup::{self, Refused};
use crate::db::{Db, clock, registrations, utc, webinars};
use crate::domain::locale::Locale;
use crate::domain::text::multi_line;
use crate::domain::timezone::TimeZone;
use crate::email::RATING_KIND;
use crate::error::AppError;

/// A comment is at most this long.
pub const COMMENT_MAX: usize = 2000;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RateForm {
    token: String,
    score: String,
    comment: String,
}

struct Score {
    value: u8,
    label: String,
    checked: bool,
}

#[derive(Template)]
#[template(path = "pages/rating.html")]
struct RatingPage {
    l: Layout,
    id: String,
    token: String,
    title: String,
    when: String,
    scores: Vec<Score>,
    comment: String,
    error: Option<String>,
    /// Rated (now or before): the thanks instead of the form.
    notice: Option<String>,
    can_rate: bool,
}

struct Found {
    title: String,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    /// The visitor's zone, else the one the registrant's mails use.
    zone: Tz,
    locale: Option<Locale>,
    rated: bool,
}

async fn load(req: &HttpRequest, db: &Db, id: String) -> Result<Found, AppError> {
    let visitor = visitor_zone(req);
    db.read(move |conn| {
        let reg = registrations::find(conn, &id)?
            .ok_or(AppError::NotFound("no registration with this id"))?;
        let webinar = webinars::find(conn, &reg.webinar_id)?
            .ok_or(AppError::NotFound("no webinar with this id"))?;
        let zone = visitor
            .or_else(|| TimeZone::parse(&reg.timezone).ok().map(|z| z.0))
            .unwrap_or(chrono_tz::UTC);
        Ok(Found {
            title: webinar.row.title.clone(),
            starts_at: utc(webinar.row.starts_at),
            ends_at: utc(webinar.row.ends_at),
            zone,
            locale: Locale::parse(&reg.locale),
            rated: reg.rated_at.is_some(),
        })
    })
    .await
}

fn score_of(raw: &str) -> Option<u8> {
    raw.trim()
        .parse::<u8>()
        .ok()
        .filter(|s| (1..=5).contains(s))
}

#[allow(clippy::too_many_arguments)]
fn render(
    ctx: &Ctx,
    id: String,
    token: String,
    found: &Found,
    chosen: Option<u8>,
    comment: String,
    error: Option<String>,
    notice: Option<String>,
    status: StatusCode,
) -> HttpResponse {
    let scores = (1..=5)
        .map(|value| Score {
            value,
            label: ctx.t(&format!("rating-{value}")),
            checked: chosen == Some(value),
        })
        .collect();
    let page = RatingPage {
        l: ctx.layout(),
        id,
        token,
        title: found.title.clone(),
        when: time_range(ctx, found.starts_at, found.ends_at, found.zone),
        scores,
        comment,
        error,
        can_rate: notice.is_none(),
        notice,
    };
    let mut res = ctx.render(status, &page);
    no_referrer(&mut res);
    res
}

pub async fn show(
    req: HttpRequest,
    db: web::Data<Db>,
    keys: web::Data<JwtKeys>,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let id = path.into_inner();
    let token = token::opened(&req, &keys, RATING_KIND, &id)?;
    let found = load(&req, &db, id.clone()).await;
    let ctx = Ctx::new(&req, found.as_ref().ok().and_then(|f| f.locale));
    let found = found.page(&ctx)?;
    let chosen = query_param(&req, "score").as_deref().and_then(score_of);
    let notice = found.rated.then(|| ctx.t("page-rate-already"));
    let ctx = ctx.switch_to(
        format!("/manage/registration/{id}/rate"),
        vec![
            (
                "score".to_owned(),
                chosen.map(|s| s.to_string()).unwrap_or_default(),
            ),
            ("token".to_owned(), token.clone()),
        ],
    );
    Ok(render(
        &ctx,
        id,
        token,
        &found,
        chosen,
        String::new(),
        None,
        notice,
        StatusCode::OK,
    ))
}

pub async fn rate(
    req: HttpRequest,
    db: web::Data<Db>,
    keys: web::Data<JwtKeys>,
    path: web::Path<String>,
    form: Option<web::Form<RateForm>>,
) -> Result<HttpResponse, PageError> {
    let id = path.into_inner();
    let form = form.map(web::Form::into_inner).unwrap_or_default();
    let token = token::verified(&req, &keys, form.token.clone(), RATING_KIND, &id)?;
    let found = load(&req, &db, id.clone()).await;
    let ctx = Ctx::new(&req, found.as_ref().ok().and_then(|f| f.locale));
    let found = found.page(&ctx)?;
    let score = score_of(&form.score);
    let comment = multi_line(&form.comment, COMMENT_MAX);
    let (Some(score), Ok(comment)) = (score, comment) else {
        let error = if score.is_none() {
            ctx.t("page-rate-error-score")
        } else {
            ctx.t("page-rate-error-comment")
        };
        return Ok(render(
            &ctx,
            id,
            token,
            &found,
            score,
            form.comment,
            Some(error),
            None,
            StatusCode::UNPROCESSABLE_ENTITY,
        ));
    };
    let rid = id.clone();
    let stored = db
        .write(move |conn| {
            let comment = (!comment.is_empty()).then_some(comment);
            followup::rate(conn, &rid, i32::from(score), comment.as_deref(), clock())
        })
        .await
        .page(&ctx)?;
    let notice = match stored {
        Ok(()) => {
            tracing::info!(registration_id = %id, "rating stored");
            ctx.t("page-rate-thanks")
        }
        Err(Refused::AlreadyRated) => ctx.t("page-rate-already"),
        Err(Refused::NotRateable) => ctx.t("page-rate-not-rateable"),
    };
    Ok(render(
        &ctx,
        id,
        token,
        &found,
        Some(score),
        String::new(),
        None,
        Some(notice),
        StatusCode::OK,
    ))
}
