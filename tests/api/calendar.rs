//! A CSM's calendar out: the subscription feed read by an independent
//! parser (Python's `icalendar`), its UIDs those of the invitations, and
//! its token, which only its CSM or an admin replaces.

use std::io::Write;
use std::process::{Command, Stdio};

use onetomany::domain::mail::SessionKind;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{Backend, TestApp, TestDb, days_ahead, python, spawn_app_with};
use crate::pages::assert_html;
use crate::queue::{ask, put_availability};
use crate::staff_browser::{field_value, staff_browser};

both_backends!(
    the_feed_lists_webinars_and_queue_hours_under_their_invite_uids,
    a_new_token_refuses_the_old_one,
    the_dashboard_makes_and_shows_the_feed_address,
);

async fn spawn(backend: Backend) -> TestApp {
    spawn_app_with(TestDb::create(backend), |s| {
        s.queue.confirm_email = false;
        s.queue.account_limit_days = 0;
    })
    .await
}

/// The events of a feed as Python's `icalendar` reads them.
fn parse(ics: &str) -> Vec<Value> {
    let script = r#"
import sys, json, icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.read())
out = []
for e in cal.walk("VEVENT"):
    s, t = e.decoded("DTSTART"), e.decoded("DTEND")
    out.append({"uid": str(e["UID"]), "status": str(e.get("STATUS", "")),
        "summary": str(e["SUMMARY"]), "start": s.isoformat(), "end": t.isoformat(),
        "utc": s.utcoffset() is not None and s.utcoffset().total_seconds() == 0})
print(json.dumps({"method": str(cal.get("METHOD")), "events": out}))
"#;
    let mut child = Command::new(python())
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(ics.as_bytes())
        .expect("written");
    let out = child.wait_with_output().expect("python ends");
    assert!(
        out.status.success(),
        "{}\n{ics}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["method"], "PUBLISH", "{ics}");
    v["events"].as_array().expect("events").clone()
}

/// The path and query of a feed URL, to fetch it from the test's server.
fn local(url: &str) -> String {
    let u = reqwest::Url::parse(url).expect("a URL");
    format!("{}?{}", u.path(), u.query().unwrap_or_default())
}

async fn new_url(app: &TestApp, token: &str, user: &str) -> String {
    let r = app
        .post(
            &format!("/api/v1/users/{user}/calendar-token"),
            Some(token),
            &json!({}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let url = r.json["url"].as_str().expect("url").to_owned();
    assert!(url.contains(&format!("/api/v1/users/{user}/calendar.ics?token=")));
    url
}

async fn the_feed_lists_webinars_and_queue_hours_under_their_invite_uids(backend: Backend) {
    let app = spawn(backend).await;
    let (csm, token) = app.staff("csm").await;
    let kept = app
        .create_webinar(
            &token,
            json!({"title": "Reports deep dive", "starts_at": days_ahead(5)}),
        )
        .await;
    let dropped = app
        .create_webinar(
            &token,
            json!({"title": "Dropped session", "starts_at": days_ahead(6)}),
        )
        .await;
    let (kept, dropped) = (
        kept["id"].as_str().expect("id").to_owned(),
        dropped["id"].as_str().expect("id").to_owned(),
    );
    let c = app
        .post(
            &format!("/api/v1/webinars/{dropped}/cancel"),
            Some(&token),
            &json!({}),
        )
        .await;
    assert!(c.status.is_success(), "{}", c.text);
    let weekly: Vec<Value> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .map(|d| json!({"day": d, "start": "06:00", "end": "22:00"}))
        .collect();
    let r = put_availability(
        &app,
        &token,
        &csm,
        json!({"timezone": "UTC", "weekly": weekly, "exceptions": []}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let q = ask(&app, "q@one.example", json!({"topic": "Exports"})).await;
    let appointment = q.json["appointment"]["id"]
        .as_str()
        .expect("an hour")
        .to_owned();
    // Another CSM's webinar is not in this feed.
    let (_, other) = app.staff("csm").await;
    app.create_webinar(&other, json!({"title": "Not mine"}))
        .await;

    let url = new_url(&app, &token, &csm).await;
    let feed = app.get(&local(&url), None).await;
    assert_eq!(feed.status, StatusCode::OK, "{}", feed.text);
    let ct = feed
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(ct.starts_with("text/calendar"), "{ct}");
    let events = parse(&feed.text);
    assert_eq!(events.len(), 3, "{}", feed.text);
    let by_uid = |uid: String| {
        events
            .iter()
            .find(|e| e["uid"] == uid.as_str())
            .unwrap_or_else(|| panic!("{uid} in {}", feed.text))
            .clone()
    };
    let w = by_uid(app.composer.uid(SessionKind::Webinar, &kept));
    assert_eq!(w["summary"], "Reports deep dive");
    assert_eq!(w["status"], "CONFIRMED");
    assert_eq!(w["utc"], true);
    let gone = by_uid(app.composer.uid(SessionKind::Webinar, &dropped));
    assert_eq!(gone["status"], "CANCELLED");
    let hour = by_uid(app.composer.uid(SessionKind::Appointment, &appointment));
    assert_eq!(hour["utc"], true);
    let start: chrono::DateTime<chrono::Utc> = q.json["appointment"]["starts_at"]
        .as_str()
        .expect("start")
        .parse()
        .expect("time");
    let parsed: chrono::DateTime<chrono::Utc> = hour["start"]
        .as_str()
        .expect("start")
        .parse()
        .expect("time");
    assert_eq!(parsed, start);
    assert!(
        hour["summary"]
            .as_str()
            .is_some_and(|s| s.contains("Exports")),
        "{hour}"
    );
    assert!(!feed.text.contains("Not mine"));
}

async fn a_new_token_refuses_the_old_one(backend: Backend) {
    let app = spawn(backend).await;
    let (csm, token) = app.staff("csm").await;
    let (_, colleague) = app.staff("csm").await;
    let (_, admin) = app.staff("admin").await;
    let (mkt_id, marketing) = app.staff("marketing").await;
    let first = new_url(&app, &token, &csm).await;
    assert_eq!(app.get(&local(&first), None).await.status, StatusCode::OK);
    let second = new_url(&app, &token, &csm).await;
    assert_ne!(first, second);
    app.get(&local(&first), None)
        .await
        .assert_problem(401, "unauthorized");
    assert_eq!(app.get(&local(&second), None).await.status, StatusCode::OK);
    // An admin may replace it too; then the CSM's second URL is refused.
    let third = new_url(&app, &admin, &csm).await;
    app.get(&local(&second), None)
        .await
        .assert_problem(401, "unauthorized");
    assert_eq!(app.get(&local(&third), None).await.status, StatusCode::OK);
    // No token, a made-up token, another CSM's URL with this CSM's token.
    let path = format!("/api/v1/users/{csm}/calendar.ics");
    app.get(&path, None)
        .await
        .assert_problem(401, "unauthorized");
    app.get(&format!("{path}?token=guess"), None)
        .await
        .assert_problem(401, "unauthorized");
    // Nobody else makes this CSM's token; marketing has no feed.
    let rotate = format!("/api/v1/users/{csm}/calendar-token");
    app.post(&rotate, Some(&colleague), &json!({}))
        .await
        .assert_problem(403, "forbidden");
    app.post(&rotate, Some(&marketing), &json!({}))
        .await
        .assert_problem(403, "forbidden");
    app.post(&rotate, None, &json!({}))
        .await
        .assert_problem(401, "unauthorized");
    app.post(
        &format!("/api/v1/users/{mkt_id}/calendar-token"),
        Some(&admin),
        &json!({}),
    )
    .await
    .assert_problem(404, "not_found");
    assert_eq!(app.get(&local(&third), None).await.status, StatusCode::OK);
}

async fn the_dashboard_makes_and_shows_the_feed_address(backend: Backend) {
    let app = spawn(backend).await;
    let (browser, _) = staff_browser(&app, "csm").await;
    let before = browser.get("/staff?lang=en").await;
    assert_html(&before, StatusCode::OK);
    assert!(
        before.text.contains("Your calendar feed"),
        "{}",
        before.text
    );
    assert!(
        before.text.contains("Create feed address"),
        "{}",
        before.text
    );
    // Without the form's CSRF token nothing is made.
    let forged = browser.post_form("/staff/calendar-token", &[]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN, "{}", forged.text);
    let made = browser.post_csrf("/staff/calendar-token", &[]).await;
    assert_html(&made, StatusCode::OK);
    let first = field_value(&made.text, "feed-url")
        .unwrap_or_else(|| panic!("the feed address: {}", made.text));
    assert_eq!(app.get(&local(&first), None).await.status, StatusCode::OK);
    // Later visits do not show it again, and offer a new one instead.
    let later = browser.get("/staff?lang=de").await;
    assert_html(&later, StatusCode::OK);
    assert!(!later.text.contains("id=\"feed-url\""), "{}", later.text);
    assert!(
        later.text.contains("Neue Feed-Adresse erstellen"),
        "{}",
        later.text
    );
    let again = browser.post_csrf("/staff/calendar-token", &[]).await;
    assert_html(&again, StatusCode::OK);
    app.get(&local(&first), None)
        .await
        .assert_problem(401, "unauthorized");
    let ar = browser.get("/staff?lang=ar").await;
    assert!(ar.text.contains("موجز تقويمك"), "{}", ar.text);
}
