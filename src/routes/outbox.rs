//! The outbox for admins: what is pending, sent or failed, each message's
//! attempt log, and sending a failed one again.

use actix_web::web;
use actix_web::{get, post};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::Page;
use crate::auth::Staff;
use crate::db::outbox::{self, AttemptRow, OutboxRow, RetrySet};
use crate::db::{Db, clock, utc};
use crate::domain::page::{PageRequest, split_page};
use crate::domain::user::Role;
use crate::error::{AppError, Problem};

#[derive(Debug, Serialize, ToSchema)]
pub struct AttemptOut {
    #[serde(with = "crate::domain::time")]
    pub attempted_at: DateTime<Utc>,
    pub worker: String,
    pub succeeded: bool,
    pub error: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OutboxOut {
    #[schema(format = Uuid)]
    pub id: String,
    /// For mail the kind of message; for webhooks the event.
    pub topic: String,
    /// `email` or `webhook`.
    #[schema(pattern = "^(email|webhook)$")]
    pub channel: String,
    /// An e-mail address, or the webhook's URL.
    pub recipient: String,
    #[schema(value_type = OutboxStatus)]
    pub status: String,
    pub attempts: i32,
    #[serde(with = "crate::domain::time")]
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
    #[schema(format = Uuid)]
    pub webinar_id: Option<String>,
    #[schema(format = Uuid)]
    pub registration_id: Option<String>,
    #[serde(with = "crate::domain::time")]
    pub created_at: DateTime<Utc>,
    #[serde(with = "crate::domain::time::option")]
    pub sent_at: Option<DateTime<Utc>>,
    /// Only on the single-message view.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attempt_log: Option<Vec<AttemptOut>>,
}

impl OutboxOut {
    fn from_row(row: &OutboxRow, log: Option<Vec<AttemptRow>>) -> Self {
        Self {
            id: row.id.clone(),
            topic: row.topic.clone(),
            channel: row.channel.clone(),
            recipient: row.recipient.clone(),
            status: row.status.clone(),
            attempts: row.attempts,
            next_attempt_at: utc(row.next_attempt_at),
            last_error: row.last_error.clone(),
            webinar_id: row.webinar_id.clone(),
            registration_id: row.registration_id.clone(),
            created_at: utc(row.created_at),
            sent_at: row.sent_at.map(utc),
            attempt_log: log.map(|l| {
                l.into_iter()
                    .map(|a| AttemptOut {
                        attempted_at: utc(a.attempted_at),
                        worker: a.worker,
                        succeeded: a.succeeded,
                        error: a.error,
                    })
                    .collect()
            }),
        }
    }
}

/// Where a message stands; `cancelled` ones will not be sent (e.g. after an
/// erasure).
#[derive(Debug, ToSchema)]
#[schema(rename_all = "lowercase")]
pub enum OutboxStatus {
    Pending,
    Sent,
    Failed,
    Cancelled,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct OutboxQuery {
    #[param(value_type = Option<OutboxStatus>)]
    pub status: Option<String>,
    pub cursor: Option<String>,
    pub limit: Option<u32>,
}

/// Messages, newest first (admin).
#[utoipa::path(tag = "outbox", operation_id = "listOutbox",
    security(("bearer" = [])), params(OutboxQuery), responses(
    (status = 200, body = Page<OutboxOut>),
    (status = 403, description = "Not an admin (`forbidden`)", body = Problem, content_type = "application/problem+json"),
))]
#[get("/api/v1/outbox")]
pub async fn list(
    db: web::Data<Db>,
    staff: Staff,
    query: web::Query<OutboxQuery>,
) -> Result<web::Json<Page<OutboxOut>>, AppError> {
    staff.require(&[Role::Admin])?;
    let q = query.into_inner();
    let status = status_filter(q.status.as_deref())?;
    let page = super::page_request(q.cursor.as_deref(), q.limit)?;
    let (rows, next_cursor) = messages(&db, status, page).await?;
    let items = rows.iter().map(|r| OutboxOut::from_row(r, None)).collect();
    Ok(web::Json(Page { items, next_cursor }))
}

/// The statuses a list may be filtered by.
pub const STATUSES: [&str; 4] = ["pending", "failed", "sent", "cancelled"];

/// A list's `status` filter, checked.
pub fn status_filter(raw: Option<&str>) -> Result<Option<String>, AppError> {
    match raw {
        None => Ok(None),
        Some(s) if STATUSES.contains(&s) => Ok(Some(s.to_owned())),
        Some(_) => Err(AppError::validation(
            "status",
            "use pending, failed, sent or cancelled",
        )),
    }
}

/// One page of messages, newest first, and the cursor of the next; shared
/// by the API and the admin pages.
pub async fn messages(
    db: &Db,
    status: Option<String>,
    page: PageRequest,
) -> Result<(Vec<OutboxRow>, Option<String>), AppError> {
    let rows = {
        let page = page.clone();
        db.run(move |conn| outbox::list(conn, status.as_deref(), &page))
            .await?
    };
    Ok(split_page(rows, &page, |r| &r.id))
}

/// One message and its attempt log.
pub async fn message(db: &Db, id: String) -> Result<(OutboxRow, Vec<AttemptRow>), AppError> {
    db.run(move |conn| {
        let row = outbox::find(conn, &id)?.ok_or(AppError::NotFound("no message with this id"))?;
        let log = outbox::attempts_of(conn, &id)?;
        Ok::<_, AppError>((row, log))
    })
    .await
}

/// Puts a failed message back in the queue, due now; 409 `not_failed`
/// for any other.
pub async fn retry_message(db: &Db, id: String) -> Result<OutboxRow, AppError> {
    db.write(move |conn| {
        if !outbox::retry(conn, &id, clock())? {
            return Err(AppError::conflict(
                "not_failed",
                "only a failed message can be retried",
            ));
        }
        outbox::find(conn, &id)?.ok_or(AppError::NotFound("no message with this id"))
    })
    .await
}

/// Puts every failed message of `set` back in the queue; how many.
pub async fn retry_messages(db: &Db, set: RetrySet) -> Result<usize, AppError> {
    Ok(db
        .write(move |conn| outbox::retry_many(conn, &set, clock()))
        .await?)
}

/// One message with its attempt log (admin).
#[utoipa::path(tag = "outbox", operation_id = "getOutboxMessage",
    security(("bearer" = [])), responses(
    (status = 200, body = OutboxOut),
    (status = 403, description = "Not an admin (`forbidden`)", body = Problem, content_type = "application/problem+json"),
))]
#[get(
    "/api/v1/outbox/{id}",
    wrap = "actix_web::middleware::from_fn(crate::routes::ids_are_uuids)"
)]
pub async fn get(
    db: web::Data<Db>,
    staff: Staff,
    path: web::Path<String>,
) -> Result<web::Json<OutboxOut>, AppError> {
    staff.require(&[Role::Admin])?;
    let (row, log) = message(&db, path.into_inner()).await?;
    Ok(web::Json(OutboxOut::from_row(&row, Some(log))))
}

/// Send a failed message again (admin).
#[utoipa::path(tag = "outbox", operation_id = "retryOutboxMessage",
    security(("bearer" = [])), responses(
    (status = 200, body = OutboxOut),
    (status = 403, description = "Not an admin (`forbidden`)", body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "`not_failed`: only a failed message can be retried", body = Problem, content_type = "application/problem+json"),
))]
#[post(
    "/api/v1/outbox/{id}/retry",
    wrap = "actix_web::middleware::from_fn(crate::routes::ids_are_uuids)"
)]
pub async fn retry(
    db: web::Data<Db>,
    staff: Staff,
    path: web::Path<String>,
) -> Result<web::Json<OutboxOut>, AppError> {
    staff.require(&[Role::Admin])?;
    let row = retry_message(&db, path.into_inner()).await?;
    Ok(web::Json(OutboxOut::from_row(&row, None)))
}

/// Which failed messages to send again: every one, or these.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RetryManyBody {
    /// `failed`: every failed message.
    #[schema(pattern = "^failed$")]
    pub status: Option<String>,
    /// These messages (at most 500); those not failed are left alone.
    #[schema(value_type = Option<Vec<uuid::Uuid>>, max_items = 500)]
    pub ids: Option<Vec<String>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Retried {
    pub retried: usize,
}

/// At most this many ids in one bulk retry.
const MAX_RETRY_IDS: usize = 500;

impl RetryManyBody {
    fn set(self) -> Result<RetrySet, AppError> {
        match (self.status.as_deref(), self.ids) {
            (Some("failed"), None) => Ok(RetrySet::AllFailed),
            (Some(_), None) => Err(AppError::validation("status", "use failed")),
            (None, Some(ids)) if ids.is_empty() || ids.len() > MAX_RETRY_IDS => Err(
                AppError::validation("ids", "give between 1 and 500 message ids"),
            ),
            (None, Some(ids)) => {
                if let Some(i) = ids.iter().position(|id| uuid::Uuid::parse_str(id).is_err()) {
                    return Err(AppError::validation(
                        &format!("ids[{i}]"),
                        "is not a message id",
                    ));
                }
                Ok(RetrySet::Ids(ids))
            }
            _ => Err(AppError::validation(
                "status",
                "give either status: failed or ids",
            )),
        }
    }
}

/// Send failed messages again at once (admin): every failed one, or those
/// listed.
#[utoipa::path(tag = "outbox", operation_id = "retryOutboxMessages",
    security(("bearer" = [])), request_body = RetryManyBody, responses(
    (status = 200, body = Retried),
    (status = 403, description = "Not an admin (`forbidden`)", body = Problem, content_type = "application/problem+json"),
))]
#[post("/api/v1/outbox/retry")]
pub async fn retry_many(
    db: web::Data<Db>,
    staff: Staff,
    body: web::Json<RetryManyBody>,
) -> Result<web::Json<Retried>, AppError> {
    staff.require(&[Role::Admin])?;
    let set = body.into_inner().set()?;
    let retried = retry_messages(&db, set).await?;
    tracing::info!(retried, by = %staff.id, "failed messages sent again");
    Ok(web::Json(Retried { retried }))
}
