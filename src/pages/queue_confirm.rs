//! `/manage/queue/{id}/confirm`: the link in the queue's confirmation
//! e-mail. Opening it shows what is being confirmed (the topic) and one
//! button; only the button's POST confirms ([`queue::confirm`]), since mail
//! scanners open links. Then the page shows the place or the appointment
//! and the manage link. The token here can only confirm this request.

use actix_web::{HttpRequest, HttpResponse, web};

use super::context::Ctx;
use super::error::{OrPage, PageError};
use super::queue_manage::{QueuePage, load, manage_href, preferred};
use super::token::{self, TokenForm};
use crate::auth::JwtKeys;
use crate::config::Settings;
use crate::db::queue;
use crate::db::{Db, DbError, clock};
use crate::domain::queue::RequestStatus;
use crate::email::CONFIRM_KIND;

pub async fn show(
    req: HttpRequest,
    db: web::Data<Db>,
    keys: web::Data<JwtKeys>,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let id = path.into_inner();
    let token = token::opened(&req, &keys, CONFIRM_KIND, &id)?;
    let found = load(&db, id).await;
    let ctx = Ctx::new(&req, preferred(&found));
    let queued = found.page(&ctx)?;
    let status = queued.request.status().page(&ctx)?;
    let mut page = QueuePage::new(&ctx, &req, &queued, ctx.t("page-queue-confirm-title"));
    match status {
        RequestStatus::Unconfirmed => {
            page.lead = Some(ctx.t("page-queue-confirm-text"));
            page.can_confirm = true;
            page.token = token;
        }
        RequestStatus::Cancelled | RequestStatus::Expired => {
            page.notice = Some(ctx.t("page-queue-confirm-closed"));
        }
        // Confirmed already: the page says where it stands (the manage
        // link came with the confirmation).
        RequestStatus::Waiting | RequestStatus::Scheduled | RequestStatus::Done => {
            page.notice = Some(ctx.t("page-queue-confirmed-notice"));
        }
    }
    Ok(page.render(&ctx))
}

pub async fn confirm(
    req: HttpRequest,
    db: web::Data<Db>,
    keys: web::Data<JwtKeys>,
    settings: web::Data<Settings>,
    path: web::Path<String>,
    form: Option<web::Form<TokenForm>>,
) -> Result<HttpResponse, PageError> {
    let id = path.into_inner();
    let token = token::posted(&req, &keys, form, CONFIRM_KIND, &id)?;
    let (cfg, confirm_id) = (settings.queue.clone(), id.clone());
    let confirmed = db
        .write(move |conn| queue::confirm(conn, &cfg, &confirm_id, clock()))
        .await;
    let notice_key = match confirmed {
        Ok(q) => {
            tracing::info!(request_id = %q.request.id, status = %q.request.status, "queue request confirmed (page)");
            "page-queue-confirmed-notice"
        }
        Err(DbError::Conflict {
            code: "session_closed",
            ..
        }) => "page-queue-confirm-closed",
        Err(DbError::Conflict {
            code: "quota_exceeded",
            ..
        }) => "page-queue-quota",
        Err(e) => return Err(PageError::new(&Ctx::new(&req, None), e)),
    };
    let found = load(&db, id.clone()).await;
    let ctx = Ctx::new(&req, preferred(&found));
    let queued = found.page(&ctx)?;
    let open = queued
        .request
        .status()
        .is_ok_and(|s| RequestStatus::ACTIVE.contains(&s));
    // Once confirmed, the page and its language switch carry the manage
    // token (the confirmation token has done its job).
    let manage = if open {
        Some(manage_href(&keys, &settings, &id).page(&ctx)?)
    } else {
        None
    };
    let ctx = match &manage {
        Some((_, token)) => ctx.switch_to(
            format!("/manage/queue/{id}"),
            vec![("token".to_owned(), token.clone())],
        ),
        None => ctx.switch_to(
            format!("/manage/queue/{id}/confirm"),
            vec![("token".to_owned(), token)],
        ),
    };
    let title = if open {
        ctx.t("page-queue-confirmed-title")
    } else {
        ctx.t("page-queue-confirm-title")
    };
    let mut page = QueuePage::new(&ctx, &req, &queued, title);
    page.notice = Some(ctx.t(notice_key));
    page.manage_href = manage.map(|(href, _)| href);
    Ok(page.render(&ctx))
}
