//! What customers ask about, read for the figures per topic: webinar
//! figures (from [`super::attendees::webinar_figures`]), the questions sent
//! in advance, and queue requests per topic. Nothing personal leaves here
//! but the questions of registrants who may be quoted.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::AnyConnection;
use super::attendees::webinar_figures;
use super::schema::{queue_requests, registrations, webinars};
use crate::db::DbError;
use crate::domain::queue::RequestStatus;
use crate::domain::stats::Tally;
use crate::domain::topics::{Asked, TopicInterest, per_topic};

/// The figures per topic of webinars starting in `[from, to)` and of queue
/// requests made in it.
pub fn topic_interest(
    conn: &mut AnyConnection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<TopicInterest>, DbError> {
    let webinars = webinar_figures(conn, from, to)?;
    let asked = asked(conn, from, to)?;
    let queue = queue_topics(conn, from, to)?;
    Ok(per_topic(
        webinars.into_iter().map(|(w, f)| {
            (
                w.topic,
                Tally {
                    registered: f.registered,
                    confirmed: f.confirmed,
                    attended: f.attended,
                },
            )
        }),
        queue,
        asked,
    ))
}

type AskedRow = (
    Option<String>,
    String,
    bool,
    Option<NaiveDateTime>,
    NaiveDateTime,
);

/// The registrations with questions, for webinars starting in the range.
fn asked(
    conn: &mut AnyConnection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Asked>, DbError> {
    let rows: Vec<AskedRow> = registrations::table
        .inner_join(webinars::table)
        .filter(webinars::starts_at.ge(from.naive_utc()))
        .filter(webinars::starts_at.lt(to.naive_utc()))
        .filter(registrations::questions.ne("[]"))
        .select((
            webinars::topic,
            registrations::questions,
            registrations::marketing_consent,
            registrations::erased_at,
            registrations::created_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(topic, questions, consent, erased_at, at)| Asked {
            topic,
            questions: serde_json::from_str(&questions).unwrap_or_default(),
            at,
            shareable: consent && erased_at.is_none(),
        })
        .collect())
}

/// Queue requests made in the range that entered the queue (not those
/// never confirmed), per topic as typed.
fn queue_topics(
    conn: &mut AnyConnection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<(String, i64)>, DbError> {
    let never_queued = [
        RequestStatus::Unconfirmed.as_str(),
        RequestStatus::Expired.as_str(),
    ];
    Ok(queue_requests::table
        .filter(queue_requests::created_at.ge(from.naive_utc()))
        .filter(queue_requests::created_at.lt(to.naive_utc()))
        .filter(queue_requests::status.ne_all(never_queued))
        .group_by(queue_requests::topic)
        .select((queue_requests::topic, diesel::dsl::count_star()))
        .load(conn)?)
}
