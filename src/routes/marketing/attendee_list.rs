//! Attendee lists as JSON, a page at a time, and the query both the list
//! and the CSV export take.

use actix_web::get;
use actix_web::web;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::record;
use crate::auth::Staff;
use crate::db::attendees::{Attendee, AttendeeFilter};
use crate::db::{Db, utc};
use crate::domain::page::split_page;
use crate::domain::registration::RegistrationStatus;
use crate::domain::text::optional_line;
use crate::domain::user::Role;
use crate::domain::webinar::{Kind, TOPIC_MAX};
use crate::error::{AppError, Problem};
use crate::routes::Page;

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
    pub fn filter(&self) -> Result<AttendeeFilter, AppError> {
        Ok(AttendeeFilter {
            from: crate::routes::query_instant("from", &self.from)?,
            to: crate::routes::query_instant("to", &self.to)?,
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
/// Attendees, a page at a time in a stable order (marketing, admin).
#[utoipa::path(tag = "marketing", operation_id = "listAttendees",
    security(("bearer" = [])), params(AttendeeQuery), responses(
    (status = 200, body = Page<AttendeeOut>),
    (status = 403, description = "Not marketing or an admin (`forbidden`)", body = Problem, content_type = "application/problem+json"),
))]
#[get("/api/v1/attendees")]
pub async fn attendees(
    db: web::Data<Db>,
    staff: Staff,
    query: web::Query<AttendeeQuery>,
) -> Result<web::Json<Page<AttendeeOut>>, AppError> {
    attendee_page(&db, &staff, &query).await.map(web::Json)
}

/// One page of attendees for `query`, the access noted in the audit log
/// (marketing, admin): the JSON list and the staff pages' list.
pub async fn attendee_page(
    db: &Db,
    staff: &Staff,
    query: &AttendeeQuery,
) -> Result<Page<AttendeeOut>, AppError> {
    staff.require(&[Role::Marketing, Role::Admin])?;
    let filter = query.filter()?;
    let page = crate::routes::page_request(query.cursor.as_deref(), query.limit)?;
    record(
        db,
        staff,
        "attendees.json",
        serde_json::json!({"filter": filter, "cursor": query.cursor}),
    )
    .await?;
    let (after, fetch) = (page.after.clone(), page.fetch_limit());
    let rows = db
        .run(move |conn| crate::db::attendees::page(conn, &filter, after.as_deref(), fetch))
        .await?;
    let (rows, next_cursor) = split_page(rows, &page, |a| &a.reg.id);
    Ok(Page {
        items: rows.iter().map(AttendeeOut::from).collect(),
        next_cursor,
    })
}
