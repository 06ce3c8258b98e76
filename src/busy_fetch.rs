//! Fetching CSMs' busy calendars (ICS feeds): bounded in time (10 s) and
//! size (1 MiB), no redirects, and, unless `webhooks.allow_private_targets`,
//! only to public addresses (the same rules as webhook deliveries). The
//! result is stored with [`crate::db::busy_calendar::store_fetch`]: a failed
//! fetch keeps the last good copy.

use chrono::{DateTime, Duration, Utc};

use crate::db::{Db, DbError, busy_calendar};
use crate::webhook::describe;

/// The largest feed that is read.
pub const MAX_BYTES: usize = 1024 * 1024;
/// Feeds fetched in one pass at most.
const BATCH: i64 = 50;

const HTTP: &str = "calendar: HTTP ";
const TOO_LARGE: &str = "calendar: larger than ";
const NOT_TEXT: &str = "calendar: not UTF-8 text";
const NOT_ICS: &str = "calendar: not an ICS calendar";
/// Part of every refusal by the address rules (a literal internal address,
/// or a name that resolves to no public one).
const REFUSED: &str = "refused: ";

/// Why a fetch failed, as a page tells the CSM.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// The address is or resolves to an internal one.
    Refused,
    /// The server answered with this status (a redirect too).
    Http(u16),
    TooLarge,
    /// The answer is not an ICS calendar.
    NotCalendar,
    /// No answer: the name, the connection or the time ran out.
    Unreachable,
}

impl Problem {
    /// Reads back an error [`fetch`] returned (stored as `last_error`).
    pub fn of(error: &str) -> Self {
        if let Some(status) = error.strip_prefix(HTTP) {
            return status.parse().map_or(Self::Unreachable, Self::Http);
        }
        if error.starts_with(TOO_LARGE) {
            Self::TooLarge
        } else if error == NOT_TEXT || error == NOT_ICS {
            Self::NotCalendar
        } else if error.contains(REFUSED) {
            Self::Refused
        } else {
            Self::Unreachable
        }
    }
}

/// Fetches `url` and returns its text, or why not.
pub async fn fetch(
    client: &reqwest::Client,
    allow_private: bool,
    url: &str,
) -> Result<String, String> {
    if !allow_private {
        crate::webhook::literal_target_allowed(url).map_err(|e| format!("calendar: {e}"))?;
    }
    let mut response = client
        .get(url)
        .header("accept", "text/calendar")
        .send()
        .await
        .map_err(|e| format!("calendar: {}", describe(&e.without_url())))?;
    if !response.status().is_success() {
        return Err(format!("{HTTP}{}", response.status().as_u16()));
    }
    let mut body: Vec<u8> = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| format!("calendar: {}", describe(&e.without_url())))?
    {
        if body.len() + chunk.len() > MAX_BYTES {
            return Err(format!("{TOO_LARGE}{MAX_BYTES} bytes"));
        }
        body.extend_from_slice(&chunk);
    }
    let text = String::from_utf8(body).map_err(|_| NOT_TEXT.to_owned())?;
    if !text.trim_start().starts_with("BEGIN:VCALENDAR") {
        return Err(NOT_ICS.into());
    }
    Ok(text)
}

/// Fetches one feed now and stores the result; the next fetch is due
/// `interval` later.
pub async fn fetch_one(
    db: &Db,
    allow_private: bool,
    interval: Duration,
    user_id: &str,
    url: &str,
) -> Result<(), DbError> {
    let client = crate::webhook::client(allow_private);
    let result = fetch(&client, allow_private, url).await;
    if let Err(e) = &result {
        tracing::warn!(error = %e, user_id, "busy calendar fetch failed");
    }
    let (user_id, url) = (user_id.to_owned(), url.to_owned());
    let now = crate::db::clock();
    db.write(move |conn| {
        busy_calendar::store_fetch(conn, &user_id, &url, result, now, now + interval)
    })
    .await
}

/// Fetches every feed due at `now`; returns how many were tried.
pub async fn fetch_due(
    db: &Db,
    allow_private: bool,
    interval: Duration,
    now: DateTime<Utc>,
) -> Result<usize, DbError> {
    let due = db
        .run(move |conn| busy_calendar::due(conn, now, BATCH))
        .await?;
    for (user_id, url) in &due {
        fetch_one(db, allow_private, interval, user_id, url).await?;
    }
    Ok(due.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_stored_error_reads_back_as_what_went_wrong() {
        let too_large = format!("{TOO_LARGE}{MAX_BYTES} bytes");
        let cases = [
            ("calendar: HTTP 404", Problem::Http(404)),
            ("calendar: HTTP 302", Problem::Http(302)),
            (too_large.as_str(), Problem::TooLarge),
            (NOT_TEXT, Problem::NotCalendar),
            (NOT_ICS, Problem::NotCalendar),
            (
                "calendar: refused: the URL names an internal address",
                Problem::Refused,
            ),
            (
                "calendar: error sending request: dns error: refused: the host resolves to no public address",
                Problem::Refused,
            ),
            (
                "calendar: error sending request: operation timed out",
                Problem::Unreachable,
            ),
        ];
        for (stored, problem) in cases {
            assert_eq!(Problem::of(stored), problem, "{stored}");
        }
    }
}
