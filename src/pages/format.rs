//! How a webinar reads on a page: its time in a zone, its seats, its kind,
//! in the visitor's language.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::context::Ctx;
use crate::db::utc;
use crate::db::webinars::Webinar;
use crate::domain::timezone::TimeZone;
use crate::domain::webinar::Kind;
use crate::i18n::dates::{long_datetime, time_of_day};

/// A webinar as the catalog and its own page show it.
pub struct WebinarView {
    pub id: String,
    pub title: String,
    pub description: String,
    pub topic: Option<String>,
    pub expert: bool,
    pub kind: String,
    pub host: String,
    /// "Hosted by Jonas Weber".
    pub hosted_by: String,
    /// "Tuesday, 9 March 2027 at 14:00–15:00 (Europe/Berlin)".
    pub when: String,
    /// RFC 3339, for `<time datetime>`.
    pub starts_iso: String,
    pub seats: String,
    pub full: bool,
}

/// The zone to show `webinar` in: the visitor's when known, else the
/// zone the session was planned in.
pub fn zone_for(visitor: Option<Tz>, webinar: &Webinar) -> Tz {
    visitor
        .or_else(|| TimeZone::parse(&webinar.row.timezone).ok().map(|z| z.0))
        .unwrap_or(chrono_tz::UTC)
}

/// A moment in `zone`, the reader's way ("Monday, 8 March 2027, 22:00").
pub fn long_datetime_text(ctx: &Ctx, at: DateTime<Utc>, zone: Tz) -> String {
    long_datetime(ctx.lang, at, zone).unwrap_or_else(|err| {
        tracing::error!(error = %err, "date not written");
        format!("{} UTC", at.to_rfc3339())
    })
}

/// Start and end in `zone`, the end as a bare time when it is the same day.
pub fn time_range(ctx: &Ctx, start: DateTime<Utc>, end: DateTime<Utc>, zone: Tz) -> String {
    let same_day = start.with_timezone(&zone).date_naive() == end.with_timezone(&zone).date_naive();
    let written = long_datetime(ctx.lang, start, zone).and_then(|s| {
        let e = if same_day {
            time_of_day(ctx.lang, end, zone)?
        } else {
            long_datetime(ctx.lang, end, zone)?
        };
        Ok((s, e))
    });
    match written {
        Ok((s, e)) => ctx.text(
            "page-time-range",
            &[
                ("start", s.into()),
                ("end", e.into()),
                ("zone", zone.name().into()),
            ],
        ),
        Err(err) => {
            tracing::error!(error = %err, "date not written");
            format!("{} – {} UTC", start.to_rfc3339(), end.to_rfc3339())
        }
    }
}

pub fn kind_label(ctx: &Ctx, expert: bool) -> String {
    ctx.t(if expert {
        "page-kind-expert"
    } else {
        "page-kind-regular"
    })
}

pub fn view(ctx: &Ctx, webinar: &Webinar, visitor: Option<Tz>) -> WebinarView {
    let row = &webinar.row;
    let expert = webinar.kind().is_ok_and(|k| k == Kind::Expert);
    let seats_left = row.capacity.map(|c| (c - row.seats_taken).max(0));
    let seats = match seats_left {
        None => ctx.t("page-seats-open"),
        Some(0) => ctx.t("page-seats-full"),
        Some(n) => ctx.text("page-seats-left", &[("count", n.into())]),
    };
    let start = utc(row.starts_at);
    WebinarView {
        id: row.id.clone(),
        title: row.title.clone(),
        description: row.description.clone(),
        topic: row.topic.clone(),
        expert,
        kind: kind_label(ctx, expert),
        host: webinar.host_name.clone(),
        hosted_by: ctx.text(
            "page-hosted-by",
            &[("host", webinar.host_name.clone().into())],
        ),
        when: time_range(ctx, start, utc(row.ends_at), zone_for(visitor, webinar)),
        starts_iso: crate::domain::time::format(start),
        seats,
        full: seats_left == Some(0),
    }
}
