//! What customers ask about: registrations, attendance, queue requests and
//! questions in advance per topic, with a few recent questions of people
//! who gave marketing consent.

use actix_web::get;
use actix_web::web;
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use super::StatsQuery;
use crate::auth::Staff;
use crate::db::{Db, clock, topics};
use crate::domain::topics::TopicInterest;
use crate::domain::user::Role;
use crate::error::{AppError, Problem};

/// Who may read the figures per topic.
pub const TOPIC_ROLES: [Role; 3] = [Role::Marketing, Role::Admin, Role::Csm];

#[derive(Debug, Serialize, ToSchema)]
pub struct TopicInterestOut {
    /// As first written on a webinar (else a queue request); spellings that
    /// differ only in case or spaces count as one topic. `null` for webinars
    /// without a topic.
    pub topic: Option<String>,
    /// Registrations (any status) for webinars of the topic starting in the range.
    pub registrations: i64,
    /// attended / confirmed; `null` without confirmed seats.
    pub attendance_rate: Option<f64>,
    /// Queue requests on the topic made in the range (those that entered
    /// the queue).
    pub queue_requests: i64,
    /// Questions sent in advance with those registrations.
    pub questions: i64,
    /// Up to 5 of the newest questions, only from registrants who gave
    /// marketing consent (and were not erased).
    pub recent_questions: Vec<String>,
}

impl From<TopicInterest> for TopicInterestOut {
    fn from(t: TopicInterest) -> Self {
        Self {
            topic: t.topic,
            registrations: t.tally.registered,
            attendance_rate: t.tally.attendance_rate(),
            queue_requests: t.queue_requests,
            questions: t.questions,
            recent_questions: t.recent_questions,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TopicInterestList {
    /// Busiest topics first (registrations plus queue requests), webinars
    /// without a topic last.
    pub items: Vec<TopicInterestOut>,
}

/// The figures per topic for `[from, to)`, for the API and the marketing page.
pub async fn topic_interest(
    db: &Db,
    staff: &Staff,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<TopicInterestOut>, AppError> {
    staff.require(&TOPIC_ROLES)?;
    let rows = db
        .run(move |conn| topics::topic_interest(conn, from, to))
        .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// What customers ask about, per topic (marketing, admin, csm): webinars
/// starting in the range and queue requests made in it. No personal data
/// but the quoted questions of people who agreed to marketing.
#[utoipa::path(tag = "marketing", operation_id = "getTopicStats",
    security(("bearer" = [])), params(StatsQuery), responses(
    (status = 200, body = TopicInterestList),
    (status = 403, description = "Not marketing, an admin or a CSM (`forbidden`)", body = Problem, content_type = "application/problem+json"),
))]
#[get("/api/v1/stats/topics")]
pub async fn topic_stats(
    db: web::Data<Db>,
    staff: Staff,
    query: web::Query<StatsQuery>,
) -> Result<web::Json<TopicInterestList>, AppError> {
    staff.require(&TOPIC_ROLES)?;
    let now = clock();
    let from =
        crate::routes::query_instant("from", &query.from)?.unwrap_or(now - Duration::days(90));
    let to = crate::routes::query_instant("to", &query.to)?.unwrap_or(now + Duration::days(90));
    if to < from {
        return Err(AppError::validation("to", "must not be before `from`"));
    }
    let items = topic_interest(&db, &staff, from, to).await?;
    Ok(web::Json(TopicInterestList { items }))
}
