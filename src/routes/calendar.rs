//! A CSM's calendar out: a subscription feed of the webinars they host and
//! the queue hours booked with them, opened by a secret token in its URL
//! (calendar apps send no credentials), and the endpoint that makes a new
//! token (the old one stops working).

use actix_web::{HttpResponse, get, post, web};
use chrono::Duration;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::{Staff, feed_token};
use crate::config::Settings;
use crate::db::{Db, calendar_feed, clock, users, utc};
use crate::domain::locale::Locale;
use crate::domain::mail::SessionKind;
use crate::domain::user::Role;
use crate::email::Composer;
use crate::email::ics::{FeedEvent, render_feed};
use crate::error::{AppError, Problem};

/// How far back the feed reaches: older sessions are history, not plans.
const FEED_DAYS_BACK: i64 = 90;

#[derive(Debug, Serialize, ToSchema)]
pub struct CalendarTokenOut {
    /// The feed's URL with its new token: shown this once, kept only as a hash.
    pub url: String,
}

/// A new feed token for the CSM (that CSM themself, or an admin); the
/// previous token is refused from now on (401).
#[utoipa::path(tag = "users", operation_id = "rotateCalendarToken",
    security(("bearer" = [])), params(("id" = String, Path, format = Uuid)), responses(
    (status = 200, body = CalendarTokenOut),
    (status = 403, description = "Not that CSM and not an admin (`forbidden`)", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "No such CSM (`not_found`)", body = Problem, content_type = "application/problem+json"),
))]
#[post(
    "/api/v1/users/{id}/calendar-token",
    wrap = "actix_web::middleware::from_fn(crate::routes::ids_are_uuids)"
)]
pub async fn rotate_token(
    db: web::Data<Db>,
    settings: web::Data<Settings>,
    staff: Staff,
    path: web::Path<String>,
) -> Result<web::Json<CalendarTokenOut>, AppError> {
    let id = path.into_inner();
    let own = staff.id == id && staff.role == Role::Csm;
    if !own {
        staff.require(&[Role::Admin])?;
    }
    let url = rotate(&db, &settings, &id).await?;
    Ok(web::Json(CalendarTokenOut { url }))
}

/// Makes `user_id`'s new feed token and returns the feed's URL (for the
/// API and the CSM's dashboard). The caller checked who may.
pub async fn rotate(db: &Db, settings: &Settings, user_id: &str) -> Result<String, AppError> {
    let token = feed_token::new_token()
        .ok_or_else(|| AppError::Internal("no randomness for a feed token".into()))?;
    let hash = feed_token::hash(&token);
    let id = user_id.to_owned();
    db.write(move |conn| {
        let user = users::find(conn, &id)?;
        if user.is_none_or(|u| u.role != Role::Csm.as_str()) {
            return Err(AppError::NotFound("no such CSM"));
        }
        calendar_feed::replace_token_hash(conn, &id, &hash, clock())?;
        Ok(())
    })
    .await?;
    feed_url(settings, user_id, &token)
}

fn feed_url(settings: &Settings, user_id: &str, token: &str) -> Result<String, AppError> {
    let mut url = settings
        .server
        .public_url
        .join(&format!("api/v1/users/{user_id}/calendar.ics"))
        .map_err(|e| AppError::Internal(e.to_string()))?;
    url.query_pairs_mut().append_pair("token", token);
    Ok(url.to_string())
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct FeedQuery {
    /// The secret of the feed's URL (from `POST …/calendar-token`).
    pub token: Option<String>,
}

/// The CSM's sessions as a subscription feed (`text/calendar`): webinars
/// they host and queue hours booked with them from 90 days back, in UTC,
/// under the UIDs their invitations carry; cancelled ones with
/// `STATUS:CANCELLED`. Only the feed's token opens it: a missing, wrong or
/// replaced token is refused with 401 (as is an unknown user, so that the
/// answer tells nothing about who exists).
#[utoipa::path(tag = "users", operation_id = "getCalendarFeed",
    params(("id" = String, Path, format = Uuid), FeedQuery), responses(
    (status = 200, description = "The feed", content_type = "text/calendar", body = String),
    (status = 401, description = "No valid feed token (`unauthorized`)", body = Problem, content_type = "application/problem+json"),
))]
#[get(
    "/api/v1/users/{id}/calendar.ics",
    wrap = "actix_web::middleware::from_fn(crate::routes::ids_are_uuids)"
)]
pub async fn feed(
    db: web::Data<Db>,
    composer: web::Data<Composer>,
    path: web::Path<String>,
    query: web::Query<FeedQuery>,
) -> Result<HttpResponse, AppError> {
    const REFUSED: AppError = AppError::Unauthorized("this feed needs its current token");
    let id = path.into_inner();
    let token = query.into_inner().token.ok_or(REFUSED)?;
    let now = clock();
    let since = now - Duration::days(FEED_DAYS_BACK);
    let found = db
        .run(move |conn| {
            let Some(hash) = calendar_feed::token_hash(conn, &id)? else {
                return Ok::<_, crate::db::DbError>(None);
            };
            if !feed_token::matches(&token, &hash) {
                return Ok(None);
            }
            let user = users::find(conn, &id)?;
            let sessions = calendar_feed::feed(conn, &id, since)?;
            Ok(user.map(|u| (u, sessions)))
        })
        .await?;
    let (user, (hosted, hours)) = found.ok_or(REFUSED)?;
    let lang = Locale::parse(&user.locale).unwrap_or(Locale::En);
    let mut events: Vec<FeedEvent> = hosted
        .into_iter()
        .map(|w| FeedEvent {
            uid: composer.uid(SessionKind::Webinar, &w.id),
            sequence: u32::try_from(w.sequence).unwrap_or(0),
            starts_at: utc(w.starts_at),
            ends_at: utc(w.ends_at),
            summary: w.title,
            description: w.description,
            location: w.join_url,
            cancelled: w.status == "cancelled",
        })
        .collect();
    events.extend(hours.into_iter().map(|(a, req)| {
        let summary = crate::i18n::text(
            lang,
            "appointment-title-host",
            &[
                ("customer", req.name.clone().into()),
                ("topic", req.topic.clone().into()),
            ],
        )
        .unwrap_or_else(|_| req.topic.clone());
        FeedEvent {
            uid: composer.uid(SessionKind::Appointment, &a.id),
            sequence: u32::try_from(a.sequence).unwrap_or(0),
            starts_at: utc(a.starts_at),
            ends_at: utc(a.ends_at),
            summary,
            description: req.situation,
            location: None,
            cancelled: a.status == "cancelled",
        }
    }));
    events.sort_by_key(|e| e.starts_at);
    let body = render_feed(&user.name, &events, now);
    Ok(HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .insert_header(("cache-control", "private, no-store"))
        .body(body))
}
