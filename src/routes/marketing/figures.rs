//! Registration and attendance figures per webinar and per topic.

use actix_web::get;
use actix_web::web;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::Staff;
use crate::db::attendees::{self, Figures};
use crate::db::{Db, clock, utc};
use crate::domain::user::Role;
use crate::domain::webinar::Kind;
use crate::error::{AppError, Problem};

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
    /// Ratings sent from the follow-up mail's rating page.
    pub ratings: i64,
    /// The mean of those ratings (1–5); `null` before the first.
    pub rating_avg: Option<f64>,
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
            ratings: f.ratings,
            rating_avg: f.rating_avg(),
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
#[utoipa::path(tag = "marketing", operation_id = "getWebinarStats",
    security(("bearer" = [])), params(StatsQuery), responses(
    (status = 200, body = StatsOut),
    (status = 403, description = "Not marketing or an admin (`forbidden`)", body = Problem, content_type = "application/problem+json"),
))]
#[get("/api/v1/stats/webinars")]
pub async fn stats(
    db: web::Data<Db>,
    staff: Staff,
    query: web::Query<StatsQuery>,
) -> Result<web::Json<StatsOut>, AppError> {
    staff.require(&[Role::Marketing, Role::Admin])?;
    let now = clock();
    let from =
        crate::routes::query_instant("from", &query.from)?.unwrap_or(now - Duration::days(90));
    let to = crate::routes::query_instant("to", &query.to)?.unwrap_or(now + Duration::days(90));
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
