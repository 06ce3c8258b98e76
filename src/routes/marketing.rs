//! Marketing: attendee lists (JSON pages and a streamed CSV), figures per
//! webinar and topic, webhooks, erasure on request, and the audit log.

use std::sync::Arc;

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{HttpResponse, web};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::Page;
use crate::auth::Staff;
use crate::config::{MailTransport, Settings};
use crate::db::attendees::{self, Attendee, AttendeeFilter, Figures};
use crate::db::people::{self, Erased};
use crate::db::{Db, audit, clock, utc, webhooks};
use crate::domain::page::split_page;
use crate::domain::registration::RegistrationStatus;
use crate::domain::text::{EmailAddress, opaque, optional_line, web_url};
use crate::domain::user::Role;
use crate::domain::webinar::{Kind, TOPIC_MAX};
use crate::email::erasure::erase_in_files;
use crate::error::{AppError, Problem};

/// Rows read from the database per step of a CSV export.
const CSV_BATCH: i64 = 2000;

pub const CSV_HEADER: [&str; 12] = [
    "email",
    "name",
    "company",
    "webinar_id",
    "webinar_title",
    "kind",
    "topic",
    "starts_at",
    "status",
    "attended",
    "marketing_consent",
    "registered_at",
];

#[derive(Debug, Clone, Deserialize, IntoParams)]
pub struct AttendeeQuery {
    /// Sessions starting at or after (RFC 3339).
    #[param(format = DateTime)]
    pub from: Option<String>,
    /// Sessions starting before (RFC 3339).
    #[param(format = DateTime)]
    pub to: Option<String>,
    #[param(value_type = Option<Kind>)]
    pub kind: Option<String>,
    #[param(max_length = 100)]
    pub topic: Option<String>,
    #[param(value_type = Option<RegistrationStatus>)]
    pub status: Option<String>,
    pub attended: Option<bool>,
    /// `only` (default): people who agreed to marketing; `all`: everyone.
    #[param(value_type = Option<Consent>, inline)]
    pub consent: Option<String>,
    /// CSV only: `false` leaves out the UTF-8 byte-order mark that
    /// spreadsheet programs need (default `true`).
    pub bom: Option<bool>,
    /// The CSV starts after this cursor, like the page that follows it.
    pub cursor: Option<String>,
    /// The CSV holds every row and ignores it.
    pub limit: Option<u32>,
}

/// Whose personal data an attendee list shows.
#[derive(Debug, ToSchema)]
#[schema(rename_all = "lowercase")]
pub enum Consent {
    /// Only people who agreed to marketing.
    Only,
    /// Everyone.
    All,
}

impl AttendeeQuery {
    fn filter(&self) -> Result<AttendeeFilter, AppError> {
        Ok(AttendeeFilter {
            from: super::query_instant("from", &self.from)?,
            to: super::query_instant("to", &self.to)?,
            kind: self
                .kind
                .as_deref()
                .map(str::parse::<Kind>)
                .transpose()
                .map_err(|m| AppError::validation("kind", m))?,
            topic: optional_line(self.topic.as_deref(), TOPIC_MAX)
                .map_err(|m| AppError::validation("topic", m))?,
            status: self
                .status
                .as_deref()
                .map(str::parse::<RegistrationStatus>)
                .transpose()
                .map_err(|m| AppError::validation("status", m))?,
            attended: self.attended,
            consent_only: match self.consent.as_deref() {
                None | Some("only") => true,
                Some("all") => false,
                Some(_) => return Err(AppError::validation("consent", "use only or all")),
            },
        })
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AttendeeOut {
    #[schema(format = Uuid)]
    pub registration_id: String,
    #[schema(format = Email)]
    pub email: String,
    pub name: String,
    pub company: Option<String>,
    #[schema(format = Uuid)]
    pub webinar_id: String,
    pub webinar_title: String,
    #[schema(value_type = Kind)]
    pub kind: String,
    pub topic: Option<String>,
    #[serde(with = "crate::domain::time")]
    pub starts_at: DateTime<Utc>,
    #[schema(value_type = RegistrationStatus)]
    pub status: String,
    pub attended: Option<bool>,
    pub marketing_consent: bool,
    #[serde(with = "crate::domain::time")]
    pub registered_at: DateTime<Utc>,
}

impl AttendeeOut {
    fn from(a: &Attendee) -> Self {
        Self {
            registration_id: a.reg.id.clone(),
            email: a.reg.email.clone(),
            name: a.reg.name.clone(),
            company: a.reg.company.clone(),
            webinar_id: a.reg.webinar_id.clone(),
            webinar_title: a.webinar_title.clone(),
            kind: a.kind.clone(),
            topic: a.topic.clone(),
            starts_at: utc(a.starts_at),
            status: a.reg.status.clone(),
            attended: a.reg.attended,
            marketing_consent: a.reg.marketing_consent,
            registered_at: utc(a.reg.created_at),
        }
    }
}

async fn record(
    db: &Db,
    staff: &Staff,
    action: &'static str,
    details: serde_json::Value,
) -> Result<(), AppError> {
    let actor = staff.id.clone();
    db.run(move |conn| audit::record(conn, &actor, action, &details, clock()))
        .await
        .map_err(AppError::from)
}

/// Attendees, a page at a time in a stable order (marketing, admin).
#[utoipa::path(get, path = "/api/v1/attendees", tag = "marketing", operation_id = "listAttendees",
    security(("bearer" = [])), params(AttendeeQuery), responses(
    (status = 200, body = Page<AttendeeOut>),
    (status = 403, description = "Not marketing or an admin (`forbidden`)", body = Problem, content_type = "application/problem+json"),
))]
pub async fn attendees(
    db: web::Data<Db>,
    staff: Staff,
    query: web::Query<AttendeeQuery>,
) -> Result<web::Json<Page<AttendeeOut>>, AppError> {
    staff.require(&[Role::Marketing, Role::Admin])?;
    let filter = query.filter()?;
    let page = super::page_request(query.cursor.as_deref(), query.limit)?;
    record(
        &db,
        &staff,
        "attendees.json",
        serde_json::json!({"filter": filter, "cursor": query.cursor}),
    )
    .await?;
    let (after, fetch) = (page.after.clone(), page.fetch_limit());
    let rows = db
        .run(move |conn| attendees::page(conn, &filter, after.as_deref(), fetch))
        .await?;
    let (rows, next_cursor) = split_page(rows, &page, |a| &a.reg.id);
    Ok(web::Json(Page {
        items: rows.iter().map(AttendeeOut::from).collect(),
        next_cursor,
    }))
}

/// A cell that a spreadsheet would run as a formula gets a leading `'`.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

fn csv_chunk(rows: &[Attendee], with_header: bool, bom: bool) -> Result<Vec<u8>, csv::Error> {
    let mut out = Vec::with_capacity(rows.len() * 160 + 200);
    if with_header && bom {
        // A byte-order mark makes spreadsheet programs read UTF-8.
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    if with_header {
        w.write_record(CSV_HEADER)?;
    }
    for a in rows {
        let starts = crate::domain::time::format(utc(a.starts_at));
        let registered = crate::domain::time::format(utc(a.reg.created_at));
        let attended = a
            .reg
            .attended
            .map_or("", |b| if b { "true" } else { "false" });
        let fields = [
            a.reg.email.as_str(),
            &a.reg.name,
            a.reg.company.as_deref().unwrap_or(""),
            &a.reg.webinar_id,
            &a.webinar_title,
            &a.kind,
            a.topic.as_deref().unwrap_or(""),
            &starts,
            &a.reg.status,
            attended,
            if a.reg.marketing_consent {
                "true"
            } else {
                "false"
            },
            &registered,
        ];
        w.write_record(fields.iter().map(|f| neutralise(f).into_owned()))?;
    }
    w.into_inner()
        .map_err(|e| csv::Error::from(std::io::Error::other(e.to_string())))
}

/// The same attendees as CSV, streamed from the database in batches
/// (marketing, admin).
#[utoipa::path(get, path = "/api/v1/attendees.csv", tag = "marketing", operation_id = "exportAttendeesCsv",
    security(("bearer" = [])), params(AttendeeQuery), responses(
    (status = 200, content_type = "text/csv", body = String),
    (status = 403, description = "Not marketing or an admin (`forbidden`)", body = Problem, content_type = "application/problem+json"),
))]
pub async fn attendees_csv(
    db: web::Data<Db>,
    staff: Staff,
    query: web::Query<AttendeeQuery>,
) -> Result<HttpResponse, AppError> {
    staff.require(&[Role::Marketing, Role::Admin])?;
    let filter = query.filter()?;
    let page = super::page_request(query.cursor.as_deref(), query.limit)?;
    record(
        &db,
        &staff,
        "attendees.csv",
        serde_json::json!({"filter": filter}),
    )
    .await?;
    let bom = query.bom.unwrap_or(true);
    let db = db.into_inner();
    struct State {
        after: Option<String>,
        first: bool,
        done: bool,
    }
    let start = State {
        after: page.after,
        first: true,
        done: false,
    };
    let stream = futures_util::stream::unfold(start, move |state| {
        let (db, filter) = (Arc::clone(&db), filter.clone());
        async move {
            if state.done {
                return None;
            }
            let after = state.after.clone();
            let rows = match db
                .run(move |conn| attendees::page(conn, &filter, after.as_deref(), CSV_BATCH))
                .await
            {
                Ok(rows) => rows,
                Err(e) => {
                    tracing::error!(error = %e, "CSV export stopped");
                    let err = actix_web::error::ErrorInternalServerError("export failed");
                    return Some((
                        Err(err),
                        State {
                            done: true,
                            ..state
                        },
                    ));
                }
            };
            let next = State {
                after: rows.last().map(|a| a.reg.id.clone()),
                first: false,
                done: (rows.len() as i64) < CSV_BATCH,
            };
            match csv_chunk(&rows, state.first, bom) {
                Ok(bytes) => Some((Ok::<_, actix_web::Error>(Bytes::from(bytes)), next)),
                Err(e) => Some((
                    Err(actix_web::error::ErrorInternalServerError(e.to_string())),
                    State { done: true, ..next },
                )),
            }
        }
    });
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"attendees.csv\"",
        ))
        .streaming(stream))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct StatsQuery {
    /// Sessions starting at or after (RFC 3339); default 90 days ago.
    #[param(format = DateTime)]
    pub from: Option<String>,
    /// Sessions starting before (RFC 3339); default 90 days ahead.
    #[param(format = DateTime)]
    pub to: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FiguresOut {
    pub registered: i64,
    pub confirmed: i64,
    pub waitlisted: i64,
    pub cancelled: i64,
    pub attended: i64,
    /// attended / confirmed; `null` without confirmed seats.
    pub attendance_rate: Option<f64>,
}

impl From<&Figures> for FiguresOut {
    fn from(f: &Figures) -> Self {
        Self {
            registered: f.registered,
            confirmed: f.confirmed,
            waitlisted: f.waitlisted,
            cancelled: f.cancelled,
            attended: f.attended,
            attendance_rate: f.attendance_rate(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WebinarStatsOut {
    #[schema(format = Uuid)]
    pub webinar_id: String,
    pub title: String,
    pub topic: Option<String>,
    #[schema(value_type = Kind)]
    pub kind: String,
    #[serde(with = "crate::domain::time")]
    pub starts_at: DateTime<Utc>,
    #[serde(flatten)]
    pub figures: FiguresOut,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TopicStatsOut {
    /// `null` for webinars without a topic.
    pub topic: Option<String>,
    pub webinars: usize,
    #[serde(flatten)]
    pub figures: FiguresOut,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StatsOut {
    pub items: Vec<WebinarStatsOut>,
    pub topics: Vec<TopicStatsOut>,
}

/// Registration and attendance figures per webinar and per topic
/// (marketing, admin).
#[utoipa::path(get, path = "/api/v1/stats/webinars", tag = "marketing", operation_id = "getWebinarStats",
    security(("bearer" = [])), params(StatsQuery), responses(
    (status = 200, body = StatsOut),
    (status = 403, description = "Not marketing or an admin (`forbidden`)", body = Problem, content_type = "application/problem+json"),
))]
pub async fn stats(
    db: web::Data<Db>,
    staff: Staff,
    query: web::Query<StatsQuery>,
) -> Result<web::Json<StatsOut>, AppError> {
    staff.require(&[Role::Marketing, Role::Admin])?;
    let now = clock();
    let from = super::query_instant("from", &query.from)?.unwrap_or(now - Duration::days(90));
    let to = super::query_instant("to", &query.to)?.unwrap_or(now + Duration::days(90));
    let rows = db
        .run(move |conn| attendees::webinar_figures(conn, from, to))
        .await?;
    let mut topics: std::collections::BTreeMap<Option<String>, (usize, Figures)> =
        std::collections::BTreeMap::new();
    let items = rows
        .iter()
        .map(|(w, f)| {
            let entry = topics.entry(w.topic.clone()).or_default();
            entry.0 += 1;
            entry.1.add(f);
            WebinarStatsOut {
                webinar_id: w.id.clone(),
                title: w.title.clone(),
                topic: w.topic.clone(),
                kind: w.kind.clone(),
                starts_at: utc(w.starts_at),
                figures: f.into(),
            }
        })
        .collect();
    let topics = topics
        .iter()
        .map(|(topic, (webinars, f))| TopicStatsOut {
            topic: topic.clone(),
            webinars: *webinars,
            figures: f.into(),
        })
        .collect();
    Ok(web::Json(StatsOut { items, topics }))
}

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
#[utoipa::path(post, path = "/api/v1/webhooks", tag = "marketing", operation_id = "createWebhook",
    security(("bearer" = [])), request_body = WebhookRequest, responses(
    (status = 201, body = WebhookOut),
    (status = 403, description = "Not an admin or marketing (`forbidden`)", body = Problem, content_type = "application/problem+json"),
))]
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
#[utoipa::path(get, path = "/api/v1/webhooks", tag = "marketing", operation_id = "listWebhooks",
    security(("bearer" = [])), responses(
    (status = 200, body = Page<WebhookOut>),
    (status = 403, description = "Not an admin or marketing (`forbidden`)", body = Problem, content_type = "application/problem+json"),
))]
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
#[utoipa::path(delete, path = "/api/v1/webhooks/{id}", tag = "marketing", operation_id = "deleteWebhook",
    security(("bearer" = [])), responses(
    (status = 204, description = "Stopped"),
    (status = 403, description = "Not an admin or marketing (`forbidden`)", body = Problem, content_type = "application/problem+json"),
))]
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

/// Erase a person's personal data (admin). Their bookings are cancelled,
/// their data overwritten, unsent mail to them cancelled; figures stay.
#[utoipa::path(delete, path = "/api/v1/people/{email}", tag = "marketing", operation_id = "erasePerson",
    security(("bearer" = [])),
    params(("email" = String, Path, format = Email, description = "The person's e-mail address")), responses(
    (status = 200, body = Erased),
    (status = 403, description = "Not an admin (`forbidden`)", body = Problem, content_type = "application/problem+json"),
))]
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
    let tag = audit::address_tag(settings.auth.jwt_secret.expose().as_bytes(), email.as_str());
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
#[utoipa::path(get, path = "/api/v1/audit", tag = "marketing", operation_id = "listAuditLog",
    security(("bearer" = [])), params(super::ListQuery), responses(
    (status = 200, body = Page<AuditOut>),
    (status = 403, description = "Not an admin (`forbidden`)", body = Problem, content_type = "application/problem+json"),
))]
pub async fn audit_log(
    db: web::Data<Db>,
    staff: Staff,
    query: web::Query<super::ListQuery>,
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
