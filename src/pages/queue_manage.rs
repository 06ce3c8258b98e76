//! The page the manage link of every queue e-mail opens: where the request
//! stands (its place, or the appointment in the reader's zone and its
//! host), with buttons to cancel and to ask for another slot. Opening it
//! changes nothing (mail scanners follow links); only the buttons' POSTs
//! act, with the token in a hidden field. No referrer, no caching.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::Duration;
use chrono_tz::Tz;

use super::confirmation::no_referrer;
use super::context::{Ctx, Layout, visitor_zone};
use super::error::{OrPage, PageError};
use super::format::time_range;
use super::token::{self, TokenForm};
use crate::auth::JwtKeys;
use crate::config::Settings;
use crate::db::queue::{self, Queued};
use crate::db::{Db, DbError, clock, utc};
use crate::domain::locale::Locale;
use crate::domain::queue::RequestStatus;
use crate::domain::timezone::TimeZone;
use crate::error::AppError;

const KIND: &str = "queue";

/// The button's form: the token travels in a hidden field.
pub struct AppointmentView {
    pub when: String,
    pub starts_iso: String,
    pub host: String,
}

/// A queue request as its owner sees it, with what they may do.
#[derive(Template)]
#[template(path = "pages/queue.html")]
pub struct QueuePage {
    pub l: Layout,
    pub id: String,
    pub title: String,
    pub lead: Option<String>,
    pub notice: Option<String>,
    pub topic: String,
    pub status: String,
    pub appointment: Option<AppointmentView>,
    /// The token the page's buttons carry (confirmation or manage token).
    pub token: String,
    pub can_confirm: bool,
    pub can_cancel: bool,
    pub can_reschedule: bool,
    pub manage_href: Option<String>,
    /// A link to ask again (the request is closed).
    pub ask_again: bool,
}

impl QueuePage {
    /// The request's facts; no buttons, no links yet.
    pub fn new(ctx: &Ctx, req: &HttpRequest, queued: &Queued, title: String) -> Self {
        let row = &queued.request;
        let status = row.status().unwrap_or(RequestStatus::Cancelled);
        let status_text = match status {
            RequestStatus::Unconfirmed => ctx.t("page-queue-status-unconfirmed"),
            RequestStatus::Waiting => ctx.text(
                "page-queue-status-waiting",
                &[("position", queued.position.unwrap_or(1).into())],
            ),
            RequestStatus::Scheduled => ctx.t("page-queue-status-scheduled"),
            RequestStatus::Done => ctx.t("page-queue-status-done"),
            RequestStatus::Cancelled => ctx.t("page-queue-status-cancelled"),
            RequestStatus::Expired => ctx.t("page-queue-status-expired"),
        };
        let zone = reader_zone(req, &row.timezone);
        let appointment = queued.appointment.as_ref().map(|a| AppointmentView {
            when: time_range(ctx, utc(a.row.starts_at), utc(a.row.ends_at), zone),
            starts_iso: crate::domain::time::format(utc(a.row.starts_at)),
            host: a.host_name.clone(),
        });
        Self {
            l: ctx.layout(),
            id: row.id.clone(),
            title,
            lead: None,
            notice: None,
            topic: row.topic.clone(),
            status: status_text,
            appointment,
            token: String::new(),
            can_confirm: false,
            can_cancel: false,
            can_reschedule: false,
            manage_href: None,
            ask_again: matches!(status, RequestStatus::Cancelled | RequestStatus::Expired),
        }
    }

    /// The cancel and "another slot" buttons, as far as the status allows.
    pub fn with_manage_buttons(mut self, queued: &Queued, token: String) -> Self {
        let open = queued
            .request
            .status()
            .is_ok_and(|s| RequestStatus::OPEN.contains(&s));
        self.can_cancel = open;
        self.can_reschedule = open && queued.appointment.is_some();
        self.token = token;
        self
    }

    pub fn render(self, ctx: &Ctx) -> HttpResponse {
        let mut res = ctx.render(StatusCode::OK, &self);
        no_referrer(&mut res);
        res
    }
}

/// The visitor's zone, else the one the request's e-mails use.
pub fn reader_zone(req: &HttpRequest, stored: &str) -> Tz {
    visitor_zone(req)
        .or_else(|| TimeZone::parse(stored).ok().map(|z| z.0))
        .unwrap_or(chrono_tz::UTC)
}

/// The language the customer chose when asking.
pub fn preferred(found: &Result<Queued, AppError>) -> Option<Locale> {
    found
        .as_ref()
        .ok()
        .and_then(|q| Locale::parse(&q.request.locale))
}

pub async fn load(db: &Db, id: String) -> Result<Queued, AppError> {
    db.run(move |conn| Ok(queue::status_of(conn, &id)?)).await
}

/// The manage link of a request, as the JSON API's answer would carry it
/// (valid as long as the queue hands out hours ahead).
pub fn manage_href(
    keys: &JwtKeys,
    settings: &Settings,
    id: &str,
) -> Result<(String, String), AppError> {
    let valid_until = clock() + Duration::days(i64::from(settings.queue.horizon_days));
    let token = keys.issue_manage_for_session(KIND, id, valid_until)?;
    let href = format!(
        "/manage/queue/{id}?{}",
        url::form_urlencoded::Serializer::new(String::new())
            .append_pair("token", &token)
            .finish()
    );
    Ok((href, token))
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
    let queued = found.page(&ctx)?;
    let title = ctx.t("page-queue-manage-title");
    Ok(QueuePage::new(&ctx, &req, &queued, title)
        .with_manage_buttons(&queued, token)
        .render(&ctx))
}

/// Which button was pressed on the manage page.
#[derive(Clone, Copy)]
enum Action {
    Cancel,
    Reschedule,
}

pub async fn cancel(
    req: HttpRequest,
    db: web::Data<Db>,
    keys: web::Data<JwtKeys>,
    settings: web::Data<Settings>,
    path: web::Path<String>,
    form: Option<web::Form<TokenForm>>,
) -> Result<HttpResponse, PageError> {
    act(req, db, keys, settings, path, form, Action::Cancel).await
}

pub async fn reschedule(
    req: HttpRequest,
    db: web::Data<Db>,
    keys: web::Data<JwtKeys>,
    settings: web::Data<Settings>,
    path: web::Path<String>,
    form: Option<web::Form<TokenForm>>,
) -> Result<HttpResponse, PageError> {
    act(req, db, keys, settings, path, form, Action::Reschedule).await
}

async fn act(
    req: HttpRequest,
    db: web::Data<Db>,
    keys: web::Data<JwtKeys>,
    settings: web::Data<Settings>,
    path: web::Path<String>,
    form: Option<web::Form<TokenForm>>,
    action: Action,
) -> Result<HttpResponse, PageError> {
    let id = path.into_inner();
    let token = token::posted(&req, &keys, form, KIND, &id)?;
    let (cfg, act_id) = (settings.queue.clone(), id.clone());
    let done = db
        .write(move |conn| match action {
            Action::Cancel => queue::cancel(conn, &cfg, &act_id, clock()),
            Action::Reschedule => queue::reschedule(conn, &cfg, &act_id, clock()),
        })
        .await;
    let notice_key = match (action, done) {
        (Action::Cancel, Ok(q)) => {
            tracing::info!(request_id = %q.request.id, "queue request cancelled (page)");
            "page-queue-cancelled-notice"
        }
        (Action::Reschedule, Ok(q)) => {
            tracing::info!(request_id = %q.request.id, status = %q.request.status, "queue request rescheduled (page)");
            "page-queue-rescheduled-notice"
        }
        (
            _,
            Err(DbError::Conflict {
                code: "not_scheduled",
                ..
            }),
        ) => "page-queue-not-scheduled",
        (_, Err(e)) => return Err(PageError::new(&Ctx::new(&req, None), e)),
    };
    let found = load(&db, id.clone()).await;
    let ctx = Ctx::new(&req, preferred(&found));
    let queued = found.page(&ctx)?;
    let notice = Some(ctx.t(notice_key));
    // The language switch leads back to the manage page itself.
    let ctx = ctx.switch_to(
        format!("/manage/queue/{id}"),
        vec![("token".to_owned(), token.clone())],
    );
    let title = ctx.t("page-queue-manage-title");
    let mut page = QueuePage::new(&ctx, &req, &queued, title).with_manage_buttons(&queued, token);
    page.notice = notice;
    Ok(page.render(&ctx))
}
