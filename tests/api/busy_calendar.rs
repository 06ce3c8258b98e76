//! A CSM's busy calendar in: the busy events of their ICS feed (served here
//! by a real HTTP server on 127.0.0.1) are never free slots nor allocated,
//! across a DST change; free and cancelled events stay free; a failed fetch
//! keeps the last good copy; private addresses are refused by default.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use reqwest::{Method, StatusCode};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use crate::both_backends;
use crate::helpers::{Backend, Reply, TestApp, TestDb, spawn_app, spawn_app_with};
use crate::pages::assert_html;
use crate::queue::{ask, csm_with_hours, date_in, put_availability, slots, start_of};
use crate::staff_browser::{field_value, staff_browser};

both_backends!(
    busy_events_are_not_free_across_dst_and_a_failed_fetch_keeps_the_last_copy,
    a_private_feed_address_is_refused,
    the_allocator_never_books_a_busy_hour,
    the_dashboard_sets_the_calendar_and_tells_how_reading_it_went,
);

/// A feed server on 127.0.0.1: answers every request with `ics`, or with
/// 500 once `failing` is set. Returns the feed's URL.
pub async fn serve(ics: String, failing: Arc<AtomicBool>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let (ics, failing) = (ics.clone(), Arc::clone(&failing));
            tokio::spawn(async move {
                let mut seen = Vec::new();
                let mut buf = [0u8; 1024];
                while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
                    match socket.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => seen.extend_from_slice(&buf[..n]),
                    }
                }
                let reply = if failing.load(Ordering::SeqCst) {
                    "HTTP/1.1 500 Internal Server Error\r\ncontent-length: 0\r\nconnection: close\r\n\r\n".to_owned()
                } else {
                    format!(
                        "HTTP/1.1 200 OK\r\ncontent-type: text/calendar\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{ics}",
                        ics.len()
                    )
                };
                let _ = socket.write_all(reply.as_bytes()).await;
                let _ = socket.shutdown().await;
            });
        }
    });
    format!("http://127.0.0.1:{port}/busy.ics")
}

async fn put_calendar(app: &TestApp, token: &str, id: &str, url: &str) -> Reply {
    app.send(
        Method::PUT,
        &format!("/api/v1/users/{id}/busy-calendar"),
        Some(token),
        Some(&json!({"url": url})),
    )
    .await
}

fn starts(got: &[(String, u64)]) -> Vec<&str> {
    got.iter().map(|(s, _)| s.as_str()).collect()
}

/// Weekly Saturday 10:00–11:00 in Berlin from 20 March 2027 (before the
/// change of 28 March) four times; a TRANSPARENT 11:00 on 20 March; a
/// CANCELLED 11:00 on 3 April (after the change).
pub const FEED: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//busy//EN\r\n\
BEGIN:VEVENT\r\nUID:weekly@test\r\nDTSTART;TZID=Europe/Berlin:20270320T100000\r\n\
DTEND;TZID=Europe/Berlin:20270320T110000\r\nRRULE:FREQ=WEEKLY;BYDAY=SA;COUNT=4\r\n\
SUMMARY:Other customer\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:free@test\r\nDTSTART;TZID=Europe/Berlin:20270320T110000\r\n\
DTEND;TZID=Europe/Berlin:20270320T120000\r\nTRANSP:TRANSPARENT\r\nSUMMARY:Focus\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:off@test\r\nDTSTART;TZID=Europe/Berlin:20270403T110000\r\n\
DTEND;TZID=Europe/Berlin:20270403T120000\r\nSTATUS:CANCELLED\r\nSUMMARY:Dropped\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";

async fn busy_events_are_not_free_across_dst_and_a_failed_fetch_keeps_the_last_copy(
    backend: Backend,
) {
    let app = spawn_app_with(TestDb::create(backend), |s| {
        s.webhooks.allow_private_targets = true;
    })
    .await;
    let (id, token) = app.staff("csm").await;
    let r = put_availability(
        &app,
        &token,
        &id,
        json!({"timezone": "Europe/Berlin",
            "weekly": [{"day": "sat", "start": "09:00", "end": "13:00"}]}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let winter = ("2027-03-20T00:00:00Z", "2027-03-20T23:59:59Z");
    let summer = ("2027-04-03T00:00:00Z", "2027-04-03T23:59:59Z");
    // 09:00–13:00 Berlin: 08–11 UTC in winter, 07–10 UTC in summer.
    assert_eq!(slots(&app, winter.0, winter.1).await.len(), 4);

    let failing = Arc::new(AtomicBool::new(false));
    let url = serve(FEED.to_owned(), Arc::clone(&failing)).await;
    let path = format!("/api/v1/users/{id}/busy-calendar");
    assert_eq!(
        app.get(&path, Some(&token)).await.status,
        StatusCode::NOT_FOUND
    );
    let set = put_calendar(&app, &token, &id, &url).await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.text);
    assert_eq!(set.json["url"], url.as_str());
    assert!(set.json["last_error"].is_null(), "{}", set.text);
    let read = app.get(&path, Some(&token)).await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.text);
    assert!(read.json["last_success_at"].is_string(), "{}", read.text);
    assert!(read.json["last_error"].is_null(), "{}", read.text);

    // 10:00 Berlin is busy: 09:00 UTC in winter, 08:00 UTC in summer. The
    // TRANSPARENT 11:00 (winter) and the CANCELLED 11:00 (summer) stay free.
    let expected_winter = [
        "2027-03-20T08:00:00.000Z",
        "2027-03-20T10:00:00.000Z",
        "2027-03-20T11:00:00.000Z",
    ];
    let expected_summer = [
        "2027-04-03T07:00:00.000Z",
        "2027-04-03T09:00:00.000Z",
        "2027-04-03T10:00:00.000Z",
    ];
    assert_eq!(
        starts(&slots(&app, winter.0, winter.1).await),
        expected_winter
    );
    assert_eq!(
        starts(&slots(&app, summer.0, summer.1).await),
        expected_summer
    );

    // The feed now fails: the next fetch records it, the last good copy
    // stays in use.
    failing.store(true, Ordering::SeqCst);
    let again = put_calendar(&app, &token, &id, &url).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.text);
    let read = app.get(&path, Some(&token)).await;
    assert!(read.json["last_success_at"].is_string(), "{}", read.text);
    assert!(
        read.json["last_error"]
            .as_str()
            .is_some_and(|e| e.contains("500")),
        "{}",
        read.text
    );
    assert_eq!(
        starts(&slots(&app, winter.0, winter.1).await),
        expected_winter
    );
    assert_eq!(
        starts(&slots(&app, summer.0, summer.1).await),
        expected_summer
    );

    // Another CSM may neither read nor set it; an admin may read it.
    let (_, other) = app.staff("csm").await;
    assert_eq!(
        app.get(&path, Some(&other)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        put_calendar(&app, &other, &id, &url).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.get(&path, None).await.status, StatusCode::UNAUTHORIZED);
    let (_, admin) = app.staff("admin").await;
    assert_eq!(app.get(&path, Some(&admin)).await.status, StatusCode::OK);
}

async fn a_private_feed_address_is_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    let (id, token) = app.staff("csm").await;
    let url = serve(FEED.to_owned(), Arc::new(AtomicBool::new(false))).await;
    let r = put_calendar(&app, &token, &id, &url).await;
    r.assert_problem(422, "validation_failed");
    for bad in [
        "ftp://calendar.example.com/busy.ics",
        "http://169.254.169.254/latest",
        "http://[::1]/busy.ics",
        "not a url",
    ] {
        let r = put_calendar(&app, &token, &id, bad).await;
        r.assert_problem(422, "validation_failed");
    }
    assert_eq!(
        app.get(&format!("/api/v1/users/{id}/busy-calendar"), Some(&token))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

async fn the_allocator_never_books_a_busy_hour(backend: Backend) {
    let app = spawn_app_with(TestDb::create(backend), |s| {
        s.webhooks.allow_private_targets = true;
        s.queue.confirm_email = false;
        s.queue.account_limit_days = 0;
    })
    .await;
    let day = date_in(3);
    let (id, token) = csm_with_hours(&app, "UTC", std::slice::from_ref(&day), "11:00").await;
    let compact = day.replace('-', "");
    let ics = format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//busy//EN\r\n\
BEGIN:VEVENT\r\nUID:busy@test\r\nDTSTART:{compact}T090000Z\r\nDTEND:{compact}T100000Z\r\n\
SUMMARY:Elsewhere\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    );
    let url = serve(ics, Arc::new(AtomicBool::new(false))).await;
    let set = put_calendar(&app, &token, &id, &url).await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.text);

    let first = ask(&app, "first@one.example", json!({})).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text);
    assert_eq!(
        start_of(&first.json).to_rfc3339(),
        format!("{day}T10:00:00+00:00"),
        "{}",
        first.text
    );
    // The only other hour is busy: the next request waits.
    let second = ask(&app, "second@two.example", json!({})).await;
    assert_eq!(second.status, StatusCode::CREATED, "{}", second.text);
    assert!(second.json["appointment"].is_null(), "{}", second.text);
}

/// The CSM sets their calendar on the dashboard: a wrong address comes back
/// with the reason and saves nothing; a good one is read at once and its busy
/// hour leaves the free slots; a failing feed is explained in the CSM's
/// language while the last good copy stays in use.
async fn the_dashboard_sets_the_calendar_and_tells_how_reading_it_went(backend: Backend) {
    let app = spawn_app_with(TestDb::create(backend), |s| {
        s.webhooks.allow_private_targets = true;
    })
    .await;
    let (browser, id) = staff_browser(&app, "csm").await;
    let (_, admin) = app.staff("admin").await;
    let r = put_availability(
        &app,
        &admin,
        &id,
        json!({"timezone": "Europe/Berlin",
            "weekly": [{"day": "sat", "start": "09:00", "end": "13:00"}]}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let winter = ("2027-03-20T00:00:00Z", "2027-03-20T23:59:59Z");
    assert_eq!(slots(&app, winter.0, winter.1).await.len(), 4);

    let before = browser.get("/staff?lang=en").await;
    assert_html(&before, StatusCode::OK);
    assert!(
        before.text.contains("Your other calendar"),
        "{}",
        before.text
    );
    assert!(before.text.contains("Save and read now"), "{}", before.text);

    let refused = browser
        .post_csrf("/staff/busy-calendar", &[("url", "calendar.example.com")])
        .await;
    assert_html(&refused, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .text
            .contains("Enter the full address of a calendar"),
        "{}",
        refused.text
    );
    assert_eq!(
        field_value(&refused.text, "url").as_deref(),
        Some("calendar.example.com")
    );
    let api = format!("/api/v1/users/{id}/busy-calendar");
    assert_eq!(
        app.get(&api, Some(&admin)).await.status,
        StatusCode::NOT_FOUND
    );

    let failing = Arc::new(AtomicBool::new(false));
    let url = serve(FEED.to_owned(), Arc::clone(&failing)).await;
    let saved = browser
        .post_csrf("/staff/busy-calendar", &[("url", url.as_str())])
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    let landing = saved
        .headers
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert_eq!(landing, "/staff?calendar=saved#busy-heading");
    // The busy 10:00 Berlin (09:00 UTC) is no longer offered.
    let free = slots(&app, winter.0, winter.1).await;
    assert_eq!(free.len(), 3, "{free:?}");
    assert!(free.iter().all(|(s, _)| s != "2027-03-20T09:00:00.000Z"));

    let de = browser.get("/staff?calendar=saved&lang=de").await;
    assert_html(&de, StatusCode::OK);
    for text in [
        "Gespeichert.",
        "127.0.0.1",
        "Zuletzt eingelesen:",
        "Adresse ersetzen",
    ] {
        assert!(de.text.contains(text), "{text}: {}", de.text);
    }
    assert!(!de.text.contains("busy-problem"), "{}", de.text);
    // The secret address itself is not shown again.
    assert!(!de.text.contains("busy.ics"), "{}", de.text);

    failing.store(true, Ordering::SeqCst);
    let again = browser
        .post_csrf("/staff/busy-calendar", &[("url", url.as_str())])
        .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", again.text);
    let fr = browser.get("/staff?lang=fr").await;
    assert_html(&fr, StatusCode::OK);
    assert!(
        fr.text
            .contains("le serveur de l’agenda a répondu par l’erreur 500"),
        "{}",
        fr.text
    );
    assert!(fr.text.contains("dernière lecture réussie"), "{}", fr.text);
    assert_eq!(slots(&app, winter.0, winter.1).await.len(), 3);
    let ar = browser.get("/staff?lang=ar").await;
    assert!(ar.text.contains("تقويمك الآخر"), "{}", ar.text);
    assert!(ar.text.contains("500"), "{}", ar.text);
}
