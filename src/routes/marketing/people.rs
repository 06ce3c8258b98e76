//! People: erasing a person's data on request, and the audit log that
//! records it and every other access to personal data.

use actix_web::web;
use actix_web::{delete, get};
use chrono::{DateTime, Utc};
use secrecy::ExposeSecret;
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::Staff;
use crate::config::{MailTransport, Settings};
use crate::db::people::{self, Erased};
use crate::db::{Db, audit, clock, utc};
use crate::domain::page::split_page;
use crate::domain::text::EmailAddress;
use crate::domain::user::Role;
use crate::email::erasure::erase_in_files;
use crate::error::{AppError, Problem};
use crate::routes::Page;

/// Erase a person's personal data (admin). Their bookings are cancelled,
/// their data overwritten, unsent mail to them cancelled; figures stay.
#[utoipa::path(tag = "marketing", operation_id = "erasePerson",
    security(("bearer" = [])),
    params(("email" = String, Path, format = Email, description = "The person's e-mail address")), responses(
    (status = 200, body = Erased),
    (status = 403, description = "Not an admin (`forbidden`)", body = Problem, content_type = "application/problem+json"),
))]
#[delete("/api/v1/people/{email}")]
pub async fn erase_person(
    db: web::Data<Db>,
    settings: web::Data<Settings>,
    staff: Staff,
    path: web::Path<String>,
) -> Result<web::Json<Erased>, AppError> {
    staff.require(&[Role::Admin])?;
    let email =
        EmailAddress::parse(&path.into_inner()).map_err(|m| AppError::validation("email", m))?;
    let (cfg, actor) = (settings.queue.clone(), staff.id.clone());
    let tag = audit::address_tag(
        settings.auth.jwt_secret.expose_secret().as_bytes(),
        email.as_str(),
    );
    let address = email.as_str().to_owned();
    let erasure = db
        .write(move |conn| {
            let now = clock();
            let erasure = people::erase(conn, &cfg, email.as_str(), now)?;
            let details = serde_json::json!({"email_hmac": tag, "erased": &erasure.report});
            audit::record(conn, &actor, "person.erased", &details, now)?;
            Ok::<_, AppError>(erasure)
        })
        .await?;
    if settings.mail.transport == MailTransport::File {
        // A staff address stays in mail about other people's bookings.
        let address = (!erasure.staff).then_some(address);
        let (dir, ids) = (settings.mail.dir.clone(), erasure.outbox_ids);
        let files = web::block(move || erase_in_files(&dir, &ids, address.as_deref()))
            .await
            .map_err(AppError::internal)?
            .map_err(|e| AppError::internal(format!("erasing mail files: {}", e.kind())))?;
        if !files.complete {
            tracing::warn!(by = %staff.id, "erasure searched only part of the mail folder");
        }
        tracing::info!(by = %staff.id, deleted = files.deleted, rewritten = files.rewritten, "person erased");
    } else {
        tracing::info!(by = %staff.id, "person erased");
    }
    Ok(web::Json(erasure.report))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditOut {
    #[schema(format = Uuid)]
    pub id: String,
    #[schema(format = Uuid)]
    pub actor_id: String,
    pub action: String,
    #[schema(value_type = Object)]
    pub details: serde_json::Value,
    #[serde(with = "crate::domain::time")]
    pub created_at: DateTime<Utc>,
}

/// The audit log, newest first (admin).
#[utoipa::path(tag = "marketing", operation_id = "listAuditLog",
    security(("bearer" = [])), params(crate::routes::ListQuery), responses(
    (status = 200, body = Page<AuditOut>),
    (status = 403, description = "Not an admin (`forbidden`)", body = Problem, content_type = "application/problem+json"),
))]
#[get("/api/v1/audit")]
pub async fn audit_log(
    db: web::Data<Db>,
    staff: Staff,
    query: web::Query<crate::routes::ListQuery>,
) -> Result<web::Json<Page<AuditOut>>, AppError> {
    staff.require(&[Role::Admin])?;
    let page = query.page()?;
    let rows = {
        let page = page.clone();
        db.run(move |conn| audit::list(conn, &page)).await?
    };
    let (rows, next_cursor) = split_page(rows, &page, |r| &r.id);
    Ok(web::Json(Page {
        items: rows
            .iter()
            .map(|r| AuditOut {
                id: r.id.clone(),
                actor_id: r.actor_id.clone(),
                action: r.action.clone(),
                details: serde_json::from_str(&r.details).unwrap_or_default(),
                created_at: utc(r.created_at),
            })
            .collect(),
        next_cursor,
    }))
}
