//! Webhook subscriptions: create, list and stop them.

use actix_web::{HttpResponse, web};
use actix_web::{delete, get, post};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::Staff;
use crate::config::Settings;
use crate::db::{Db, clock, utc, webhooks};
use crate::domain::text::{opaque, web_url};
use crate::domain::user::Role;
use crate::error::{AppError, Problem};
use crate::routes::Page;

#[derive(Debug, Deserialize, ToSchema)]
pub struct WebhookRequest {
    /// http(s) URL that receives POSTs.
    #[schema(format = "uri", max_length = 2000)]
    pub url: String,
    #[schema(value_type = Vec<WebhookEvent>, min_items = 1)]
    pub events: Vec<String>,
    /// Shared secret for `X-Onetomany-Signature` (16 to 200 characters,
    /// no control characters).
    #[schema(format = Password, min_length = 16, max_length = 200)]
    pub secret: String,
}

/// What a webhook can be told about.
#[derive(Debug, ToSchema)]
pub enum WebhookEvent {
    #[schema(rename = "registration.created")]
    RegistrationCreated,
    #[schema(rename = "registration.cancelled")]
    RegistrationCancelled,
    #[schema(rename = "registration.promoted")]
    RegistrationPromoted,
    #[schema(rename = "attendance.marked")]
    AttendanceMarked,
    #[schema(rename = "queue.scheduled")]
    QueueScheduled,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookOut {
    #[schema(format = Uuid)]
    pub id: String,
    #[schema(format = "uri")]
    pub url: String,
    #[schema(value_type = Vec<WebhookEvent>)]
    pub events: Vec<String>,
    #[serde(with = "crate::domain::time")]
    pub created_at: DateTime<Utc>,
}

impl WebhookOut {
    fn from(w: &webhooks::WebhookRow) -> Self {
        Self {
            id: w.id.clone(),
            url: w.url.clone(),
            events: w.events(),
            created_at: utc(w.created_at),
        }
    }
}

/// Subscribe a URL to events (admin, marketing).
#[utoipa::path(tag = "marketing", operation_id = "createWebhook",
    security(("bearer" = [])), request_body = WebhookRequest, responses(
    (status = 201, body = WebhookOut),
    (status = 403, description = "Not an admin or marketing (`forbidden`)", body = Problem, content_type = "application/problem+json"),
))]
#[post("/api/v1/webhooks")]
pub async fn create_webhook(
    db: web::Data<Db>,
    settings: web::Data<Settings>,
    staff: Staff,
    body: web::Json<WebhookRequest>,
) -> Result<HttpResponse, AppError> {
    staff.require(&[Role::Admin, Role::Marketing])?;
    // Queue hours are not marketing's to read, by webhook either.
    if staff.role == Role::Marketing && body.events.iter().any(|e| e.starts_with("queue.")) {
        return Err(AppError::Forbidden(
            "queue events are for admins: marketing cannot read queue requests",
        ));
    }
    let mut v = crate::domain::validation::Validator::new();
    let url = v.check("url", web_url(&body.url));
    if body.events.is_empty() {
        v.fail("events", "name at least one event");
    }
    for (i, e) in body.events.iter().enumerate() {
        if !webhooks::EVENTS.contains(&e.as_str()) {
            v.fail(
                &format!("events[{i}]"),
                format!(
                    "unknown event {e:?}: use one of {}",
                    webhooks::EVENTS.join(", ")
                ),
            );
        }
    }
    let secret = v.check("secret", opaque(&body.secret, 16, 200));
    v.finish()?;
    let url = url.ok_or_else(|| AppError::validation("url", "is invalid"))?;
    crate::webhook::check_target(&url, settings.webhooks.allow_private_targets)
        .await
        .map_err(|m| AppError::validation("url", m))?;
    let mut events = body.events.clone();
    events.sort();
    events.dedup();
    let secret = secret.ok_or_else(|| AppError::validation("secret", "is invalid"))?;
    let actor = staff.id.clone();
    let row = db
        .write(move |conn| webhooks::insert(conn, &url, &events, &secret, &actor, clock()))
        .await?;
    tracing::info!(webhook_id = %row.id, by = %staff.id, "webhook created");
    Ok(HttpResponse::Created().json(WebhookOut::from(&row)))
}

/// Active webhooks (admin, marketing); secrets are never shown.
#[utoipa::path(tag = "marketing", operation_id = "listWebhooks",
    security(("bearer" = [])), responses(
    (status = 200, body = Page<WebhookOut>),
    (status = 403, description = "Not an admin or marketing (`forbidden`)", body = Problem, content_type = "application/problem+json"),
))]
#[get("/api/v1/webhooks")]
pub async fn list_webhooks(
    db: web::Data<Db>,
    staff: Staff,
) -> Result<web::Json<Page<WebhookOut>>, AppError> {
    staff.require(&[Role::Admin, Role::Marketing])?;
    let rows = db.run(webhooks::list).await?;
    Ok(web::Json(Page {
        items: rows.iter().map(WebhookOut::from).collect(),
        next_cursor: None,
    }))
}

/// Stop a webhook (admin, marketing); pending deliveries fail as "removed".
#[utoipa::path(tag = "marketing", operation_id = "deleteWebhook",
    security(("bearer" = [])), responses(
    (status = 204, description = "Stopped"),
    (status = 403, description = "Not an admin or marketing (`forbidden`)", body = Problem, content_type = "application/problem+json"),
))]
#[delete(
    "/api/v1/webhooks/{id}",
    wrap = "actix_web::middleware::from_fn(crate::routes::ids_are_uuids)"
)]
pub async fn delete_webhook(
    db: web::Data<Db>,
    staff: Staff,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    staff.require(&[Role::Admin, Role::Marketing])?;
    let id = path.into_inner();
    if !db
        .write(move |conn| webhooks::deactivate(conn, &id))
        .await?
    {
        return Err(AppError::NotFound("no webhook with this id"));
    }
    Ok(HttpResponse::NoContent().finish())
}
