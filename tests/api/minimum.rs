//! Minimum attendees: the host is warned a day before the decision, and at
//! `starts_at − decision_hours` a session short of its minimum is cancelled
//! (`too_few_registrations`) with METHOD:CANCEL to every registrant, a link
//! to the next occurrence of its series, and word to the host. Each step
//! once, however often the timed steps run.

use chrono::{DateTime, Duration, Utc};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{Backend, TestApp, days_ahead, spawn_app};
use onetomany::worker::run_timed;

both_backends!(
    a_short_session_is_cancelled_at_its_decision_with_its_mails,
    a_session_that_reached_its_minimum_goes_ahead,
    the_minimum_is_checked_against_the_capacity,
);

fn start_of(w: &Value) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(w["starts_at"].as_str().expect("starts_at"))
        .expect("time")
        .to_utc()
}

fn subjects(app: &TestApp, to: &str) -> Vec<String> {
    app.mails_to(to)
        .iter()
        .map(|m| m["subject"].as_str().unwrap_or_default().to_owned())
        .collect()
}

async fn a_short_session_is_cancelled_at_its_decision_with_its_mails(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, host) = app.staff("csm").await;
    let host_email = app.email_of(&host).await;
    let series = app
        .create_webinar(
            &host,
            json!({"kind": "expert", "capacity": 5, "min_attendees": 3, "decision_hours": 24,
                "starts_at": days_ahead(3), "rrule": "FREQ=WEEKLY;COUNT=2"}),
        )
        .await;
    let items = series["items"].as_array().expect("occurrences");
    let (first, second) = (&items[0], &items[1]);
    let (id, next_id) = (
        first["id"].as_str().expect("id"),
        second["id"].as_str().expect("id"),
    );
    assert_eq!(first["min_attendees"], 3);
    for (email, lang) in [("ana@example.com", "en"), ("jonas@example.com", "de")] {
        let r = app.register(id, email, json!({"locale": lang})).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    }
    app.deliver().await;
    let start = start_of(first);

    // Three days ahead: nothing is due yet.
    let quiet = run_timed(&app.db, Utc::now()).await.expect("timed");
    assert_eq!((quiet.minimum_warnings, quiet.cancelled_too_few), (0, 0));

    // A day before the decision the host hears how things stand, once.
    let warn_at = start - Duration::hours(48) + Duration::minutes(1);
    let warned = run_timed(&app.db, warn_at).await.expect("timed");
    assert_eq!(warned.minimum_warnings, 1);
    let again = run_timed(&app.db, warn_at).await.expect("timed");
    assert_eq!(again.minimum_warnings, 0);
    app.deliver_at(warn_at).await;
    let warning = app.mails_to(&host_email).pop().expect("warning");
    assert!(
        warning["subject"]
            .as_str()
            .unwrap_or_default()
            .starts_with("Few registrations so far"),
        "{warning}"
    );
    assert!(
        warning["text"]
            .as_str()
            .unwrap_or_default()
            .contains("(confirmed: 2; minimum: 3)"),
        "{warning}"
    );

    // At the decision it is still short: cancelled, once.
    let decide_at = start - Duration::hours(24) + Duration::minutes(1);
    let decided = run_timed(&app.db, decide_at).await.expect("timed");
    assert_eq!(decided.cancelled_too_few, 1);
    let again = run_timed(&app.db, decide_at).await.expect("timed");
    assert_eq!(again.cancelled_too_few, 0);
    let w = app.get(&format!("/api/v1/webinars/{id}"), None).await;
    assert_eq!(w.json["status"], "cancelled");
    assert_eq!(w.json["cancel_reason"], "too_few_registrations");
    // The next occurrence is untouched.
    let n = app.get(&format!("/api/v1/webinars/{next_id}"), None).await;
    assert_eq!(n.json["status"], "scheduled");
    assert!(n.json["cancel_reason"].is_null());

    app.deliver_at(decide_at).await;
    // Jonas also hears that his seat moved to the next occurrence
    // (tests/api/rollover.rs); here: the cancellation itself.
    let cancel = app
        .mails_to("jonas@example.com")
        .into_iter()
        .find(|m| m["calendars"][0]["method"] == "CANCEL")
        .expect("cancel");
    assert!(
        cancel["subject"]
            .as_str()
            .unwrap_or_default()
            .starts_with("Findet nicht statt"),
        "{cancel}"
    );
    assert_eq!(cancel["calendars"][0]["method"], "CANCEL");
    let text = cancel["text"].as_str().unwrap_or_default();
    assert!(text.contains("Der nächste Termin dieser Reihe"), "{text}");
    assert!(text.contains(&format!("/webinars/{next_id}")), "{text}");
    let told = subjects(&app, &host_email);
    assert!(
        told.iter()
            .any(|s| s.starts_with("Cancelled for too few registrations")),
        "{told:?}"
    );
    // Each registrant got exactly one cancellation.
    let cancels = app
        .mails_to("ana@example.com")
        .iter()
        .filter(|m| m["calendars"][0]["method"] == "CANCEL")
        .count();
    assert_eq!(cancels, 1);
}

async fn a_session_that_reached_its_minimum_goes_ahead(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, host) = app.staff("csm").await;
    let host_email = app.email_of(&host).await;
    let w = app
        .create_webinar(
            &host,
            json!({"min_attendees": 2, "decision_hours": 12, "starts_at": days_ahead(2)}),
        )
        .await;
    let id = w["id"].as_str().expect("id");
    for email in ["a@example.com", "b@example.com"] {
        app.register(id, email, json!({})).await;
    }
    let start = start_of(&w);
    let warned = run_timed(&app.db, start - Duration::hours(36) + Duration::minutes(1))
        .await
        .expect("timed");
    assert_eq!(
        warned.minimum_warnings, 0,
        "no warning when the minimum is met"
    );
    let decided = run_timed(&app.db, start - Duration::hours(12) + Duration::minutes(1))
        .await
        .expect("timed");
    assert_eq!(decided.cancelled_too_few, 0);
    let after = app.get(&format!("/api/v1/webinars/{id}"), None).await;
    assert_eq!(after.json["status"], "scheduled");
    // A cancellation after the decision does not reopen it.
    let late = run_timed(&app.db, start - Duration::hours(1))
        .await
        .expect("timed");
    assert_eq!(late.cancelled_too_few, 0);
    app.deliver().await;
    assert!(subjects(&app, &host_email).is_empty());
}

async fn the_minimum_is_checked_against_the_capacity(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, host) = app.staff("csm").await;
    let body = json!({"kind": "expert", "title": "Clinic", "starts_at": days_ahead(5),
        "duration_minutes": 60, "timezone": "UTC", "capacity": 5, "min_attendees": 6,
        "decision_hours": 0, "waitlist_mode": "lottery"});
    let r = app.post("/api/v1/webinars", Some(&host), &body).await;
    r.assert_problem(422, "validation_failed");
    let fields: Vec<&str> = r.json["errors"]
        .as_array()
        .map(|e| e.iter().filter_map(|x| x["field"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        fields,
        ["waitlist_mode", "decision_hours", "min_attendees"],
        "{}",
        r.text
    );
    // Lowering the capacity below a minimum is refused too.
    let w = app
        .create_webinar(&host, json!({"capacity": 10, "min_attendees": 4}))
        .await;
    let id = w["id"].as_str().expect("id");
    let lower = app
        .send(
            reqwest::Method::PATCH,
            &format!("/api/v1/webinars/{id}"),
            Some(&host),
            Some(&json!({"capacity": 3})),
        )
        .await;
    lower.assert_problem(422, "validation_failed");
    let cleared = app
        .send(
            reqwest::Method::PATCH,
            &format!("/api/v1/webinars/{id}"),
            Some(&host),
            Some(&json!({"capacity": 3, "min_attendees": null})),
        )
        .await;
    assert_eq!(cleared.status, StatusCode::OK, "{}", cleared.text);
    assert!(cleared.json["min_attendees"].is_null());
}
