//! Fetching CSMs' busy calendars (ICS feeds): bounded in time (10 s) and
//! size (1 MiB), no redirects, and, unless `webhooks.allow_private_targets`,
//! only to public addresses (the same rules as webhook deliveries). The
//! result is stored with [`crate::db::busy_calendar::store_fetch`]: a failed
//! fetch keeps the last good copy.

use chrono::{DateTime, Duration, Utc};

use crate::db::{Db, DbError, busy_calendar};

/// The largest feed that is read.
pub const MAX_BYTES: usize = 1024 * 1024;
/// Feeds fetched in one pass at most.
const BATCH: i64 = 50;

/// Fetches `url` and returns its text, or why not.
pub async fn fetch(
    client: &reqwest::Client,
    allow_private: bool,
    url: &str,
) -> Result<String, String> {
    if !allow_private {
        crate::webhook::literal_target_allowed(url)?;
    }
    let mut response = client
        .get(url)
        .header("accept", "text/calendar")
        .send()
        .await
        .map_err(|e| format!("calendar: {}", e.without_url()))?;
    if !response.status().is_success() {
        return Err(format!("calendar: HTTP {}", response.status().as_u16()));
    }
    let mut body: Vec<u8> = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| format!("calendar: {}", e.without_url()))?
    {
        if body.len() + chunk.len() > MAX_BYTES {
            return Err(format!("calendar: larger than {MAX_BYTES} bytes"));
        }
        body.extend_from_slice(&chunk);
    }
    let text = String::from_utf8(body).map_err(|_| "calendar: not UTF-8 text".to_owned())?;
    if !text.trim_start().starts_with("BEGIN:VCALENDAR") {
        return Err("calendar: not an ICS calendar".into());
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
