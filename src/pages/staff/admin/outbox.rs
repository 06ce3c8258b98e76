//! `/admin/outbox`: every message the service sends (mail and webhooks),
//! newest first, filtered by status, with a button that sends every failed
//! one again; `/admin/outbox/{id}`: one message with its attempt log and,
//! when it failed, a button to send it again. The API's list, message and
//! retry ([`messages`], [`message`], [`retry_message`], [`retry_messages`]).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::{ROLES, see_other, when};
use crate::db::outbox::{self as outbox_db, OutboxRow, RetrySet};
use crate::db::{Db, utc};
use crate::error::AppError;
use crate::pages::context::{Ctx, Layout, query_param};
use crate::pages::error::{OrPage, PageError};
use crate::pages::staff::nav::StaffChrome;
use crate::pages::staff::session::StaffPage;
use crate::routes::outbox::{
    STATUSES, message, messages, retry_message, retry_messages, status_filter,
};

/// Messages per page.
const PER_PAGE: u32 = 50;

pub struct MessageLine {
    pub href: String,
    pub created: String,
    pub created_iso: String,
    pub topic: String,
    pub channel: String,
    pub recipient: String,
    pub status: String,
    pub status_class: String,
    pub attempts: i32,
    pub last_error: Option<String>,
}

pub struct StatusOption {
    pub value: &'static str,
    pub label: String,
    pub selected: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RetryForm {
    pub csrf: String,
}

#[derive(Template)]
#[template(path = "pages/staff/admin_outbox.html")]
struct OutboxPage {
    l: Layout,
    chrome: StaffChrome,
    statuses: Vec<StatusOption>,
    /// "12 pending · 3 failed · 940 sent · 2 cancelled".
    summary: Vec<String>,
    failed: i64,
    messages: Vec<MessageLine>,
    filter_error: Option<String>,
    notice: Option<String>,
    next: Option<String>,
}

pub struct AttemptLine {
    pub at: String,
    pub worker: String,
    pub result: String,
    pub succeeded: bool,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "pages/staff/admin_message.html")]
struct MessagePage {
    l: Layout,
    chrome: StaffChrome,
    id: String,
    m: MessageLine,
    details: Vec<(String, String)>,
    webinar: Option<String>,
    attempts: Vec<AttemptLine>,
    failed: bool,
    notice: Option<String>,
    error: Option<String>,
}

fn status_label(ctx: &Ctx, status: &str) -> String {
    match status {
        "pending" | "sent" | "failed" | "cancelled" => ctx.t(&format!("admin-status-{status}")),
        other => other.to_owned(),
    }
}

fn line(page: &StaffPage, row: &OutboxRow) -> MessageLine {
    let ctx = &page.ctx;
    let created = utc(row.created_at);
    MessageLine {
        href: format!("/admin/outbox/{}", row.id),
        created: when(ctx, created, page.zone_or_utc()),
        created_iso: crate::domain::time::format(created),
        topic: row.topic.clone(),
        channel: ctx.t(if row.channel == "webhook" {
            "admin-channel-webhook"
        } else {
            "admin-channel-email"
        }),
        recipient: row.recipient.clone(),
        status: status_label(ctx, &row.status),
        status_class: row.status.clone(),
        attempts: row.attempts,
        last_error: row.last_error.clone().filter(|e| !e.is_empty()),
    }
}

pub async fn list(
    req: HttpRequest,
    db: web::Data<Db>,
    page: StaffPage,
) -> Result<HttpResponse, PageError> {
    page.require(&ROLES)?;
    let ctx = &page.ctx;
    let asked = query_param(&req, "status").filter(|s| !s.is_empty());
    let (status, filter_error, code) = match status_filter(asked.as_deref()) {
        Ok(status) => (status, None, StatusCode::OK),
        Err(_) => (
            None,
            Some(ctx.t("admin-error-status")),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    };
    let cursor = query_param(&req, "cursor");
    let list = crate::routes::page_request(cursor.as_deref(), Some(PER_PAGE)).page(ctx)?;
    let (rows, next_cursor) = messages(&db, status.clone(), list).await.page(ctx)?;
    let counts = db.run(outbox_db::counts_by_status).await.page(ctx)?;
    let of = |s: &str| counts.iter().find(|(c, _)| c == s).map_or(0, |(_, n)| *n);
    let summary = STATUSES
        .iter()
        .map(|s| {
            ctx.text(
                &format!("admin-outbox-count-{s}"),
                &[("count", of(s).into())],
            )
        })
        .collect();
    let next = next_cursor.map(|c| {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        if let Some(s) = &status {
            query.append_pair("status", s);
        }
        query.append_pair("cursor", &c);
        format!("/admin/outbox?{}", query.finish())
    });
    let notice = query_param(&req, "retried")
        .and_then(|n| n.parse::<i64>().ok())
        .map(|n| ctx.text("admin-outbox-retried", &[("count", n.into())]));
    let mut statuses = vec![StatusOption {
        value: "",
        label: ctx.t("admin-outbox-all"),
        selected: status.is_none(),
    }];
    statuses.extend(STATUSES.iter().map(|&s| StatusOption {
        value: s,
        label: status_label(ctx, s),
        selected: status.as_deref() == Some(s),
    }));
    let view = OutboxPage {
        l: ctx.layout(),
        chrome: page.chrome("/admin/outbox"),
        statuses,
        summary,
        failed: of("failed"),
        messages: rows.iter().map(|r| line(&page, r)).collect(),
        filter_error,
        notice,
        next,
    };
    Ok(ctx.render(code, &view))
}

async fn render_message(
    db: &Db,
    page: &StaffPage,
    id: String,
    notice: Option<String>,
    error: Option<String>,
    status: StatusCode,
) -> Result<HttpResponse, PageError> {
    let ctx = &page.ctx;
    let (row, log) = message(db, id).await.page(ctx)?;
    let zone = page.zone_or_utc();
    let mut details = vec![(
        ctx.t("admin-message-next-attempt"),
        when(ctx, utc(row.next_attempt_at), zone),
    )];
    if let Some(sent) = row.sent_at {
        details.push((ctx.t("admin-message-sent-at"), when(ctx, utc(sent), zone)));
    }
    let attempts = log
        .iter()
        .map(|a| AttemptLine {
            at: when(ctx, utc(a.attempted_at), zone),
            worker: a.worker.clone(),
            result: ctx.t(if a.succeeded {
                "admin-attempt-succeeded"
            } else {
                "admin-attempt-failed"
            }),
            succeeded: a.succeeded,
            error: a.error.clone().filter(|e| !e.is_empty()),
        })
        .collect();
    let view = MessagePage {
        l: ctx.layout(),
        chrome: page.chrome(""),
        id: row.id.clone(),
        webinar: row
            .webinar_id
            .as_ref()
            .map(|w| format!("/staff/webinars/{w}/registrants")),
        failed: row.status == "failed",
        m: line(page, &row),
        details,
        attempts,
        notice,
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
    page.require(&ROLES)?;
    let notice = query_param(&req, "retried").map(|_| page.ctx.t("admin-message-retried"));
    render_message(&db, &page, path.into_inner(), notice, None, StatusCode::OK).await
}

pub async fn retry(
    db: web::Data<Db>,
    page: StaffPage,
    path: web::Path<String>,
    form: web::Form<RetryForm>,
) -> Result<HttpResponse, PageError> {
    page.check_csrf(&form.csrf)?;
    page.require(&ROLES)?;
    let id = path.into_inner();
    match retry_message(&db, id.clone()).await {
        Ok(_) => {
            tracing::info!(message_id = %id, by = %page.id(), "failed message sent again");
            Ok(see_other(format!("/admin/outbox/{id}?retried=1")))
        }
        Err(AppError::Conflict { .. }) => {
            let error = Some(page.ctx.t("admin-error-not-failed"));
            render_message(&db, &page, id, None, error, StatusCode::CONFLICT).await
        }
        Err(e) => Err(PageError::new(&page.ctx, e)),
    }
}

pub async fn retry_all(
    db: web::Data<Db>,
    page: StaffPage,
    form: web::Form<RetryForm>,
) -> Result<HttpResponse, PageError> {
    page.check_csrf(&form.csrf)?;
    page.require(&ROLES)?;
    let retried = retry_messages(&db, RetrySet::AllFailed)
        .await
        .page(&page.ctx)?;
    tracing::info!(retried, by = %page.id(), "failed messages sent again");
    Ok(see_other(format!(
        "/admin/outbox?status=pending&retried={retried}"
    )))
}
