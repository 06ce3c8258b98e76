//! Every link the service puts in an e-mail opens a page in a browser,
//! never JSON: one booking's whole life (invitation, waiting list,
//! promotion, time change, reminder, cancellations, the queue's
//! confirmation, appointment and its cancellation, the CSM's copies) is
//! mailed, and each link to the service in each mail, text and HTML part,
//! is opened as a browser opens it.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, Utc};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{Backend, days_ahead, spawn_app};
use crate::pages::{assert_html, page};
use crate::queue::{ask, csm_with_hours, date_in};
use onetomany::config::Settings;
use onetomany::worker::queue_reminders;

both_backends!(every_link_in_every_mail_opens_a_page);

/// The links to the service in one mail: path and query of every
/// `http(s)://` address under the service's public URL (the test app runs
/// with the default one).
fn service_links(mail: &Value) -> BTreeSet<String> {
    let base = Settings::defaults().expect("defaults").server.public_url;
    let text = format!(
        "{} {}",
        mail["text"].as_str().unwrap_or_default(),
        mail["html"].as_str().unwrap_or_default()
    );
    let mut links = BTreeSet::new();
    for (start, _) in text.match_indices("http") {
        let rest = &text[start..];
        let end = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '<' | '>' | '\u{2069}'))
            .unwrap_or(rest.len());
        let candidate = rest[..end].replace("&amp;", "&");
        let Ok(link) = url::Url::parse(&candidate) else {
            continue;
        };
        if link.host_str() == base.host_str() && link.port() == base.port() {
            let query = link.query().map(|q| format!("?{q}")).unwrap_or_default();
            links.insert(format!("{}{query}", link.path()));
        }
    }
    links
}

async fn every_link_in_every_mail_opens_a_page(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, host) = app.staff("csm").await;
    let w = app
        .create_webinar(
            &host,
            json!({"starts_at": days_ahead(3), "kind": "expert", "capacity": 1,
                   "join_url": "https://meet.example.com/billing"}),
        )
        .await;
    let id = w["id"].as_str().expect("id").to_owned();

    // A seat, then the waiting list; one leaves the list again.
    let seat = app
        .register(&id, "seat@example.com", json!({"locale": "de"}))
        .await;
    assert_eq!(seat.status, StatusCode::CREATED, "{}", seat.text);
    let waiting = app
        .register(&id, "waiting@example.com", json!({"locale": "ar"}))
        .await;
    assert_eq!(waiting.json["status"], "waitlisted", "{}", waiting.text);
    let leaving = app
        .register(&id, "leaving@example.com", json!({"locale": "fr"}))
        .await;
    let leaving_id = leaving.json["id"].as_str().expect("id");
    let leaving_token = leaving.json["manage_token"].as_str().expect("token");
    let left = app
        .post(
            &format!("/api/v1/registrations/{leaving_id}/cancel?token={leaving_token}"),
            None,
            &json!({}),
        )
        .await;
    assert_eq!(left.status, StatusCode::OK, "{}", left.text);
    app.deliver().await;

    // The time moves (an update), the reminder goes out.
    let start: DateTime<Utc> = w["starts_at"]
        .as_str()
        .expect("start")
        .parse()
        .expect("time");
    let start = start + Duration::hours(1);
    let moved = app
        .send(
            Method::PATCH,
            &format!("/api/v1/webinars/{id}"),
            Some(&host),
            Some(&json!({"starts_at": start.to_rfc3339()})),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text);
    let day_before = start - Duration::hours(23);
    queue_reminders(&app.db, &[1440], day_before)
        .await
        .expect("reminders");
    app.deliver_at(day_before).await;

    // The seat is given back: the waiting person is promoted; then the
    // webinar is called off.
    let seat_id = seat.json["id"].as_str().expect("id");
    let seat_token = seat.json["manage_token"].as_str().expect("token");
    let freed = app
        .post(
            &format!("/api/v1/registrations/{seat_id}/cancel?token={seat_token}"),
            None,
            &json!({}),
        )
        .await;
    assert_eq!(freed.status, StatusCode::OK, "{}", freed.text);
    app.deliver().await;
    let called_off = app
        .post(
            &format!("/api/v1/webinars/{id}/cancel"),
            Some(&host),
            &json!({}),
        )
        .await;
    assert_eq!(called_off.status, StatusCode::OK, "{}", called_off.text);

    // The queue: confirmation, the hour with the CSM, and its cancellation.
    csm_with_hours(&app, "Europe/Berlin", &[date_in(3)], "11:00").await;
    let asked = ask(&app, "hour@example.com", json!({})).await;
    assert_eq!(asked.json["status"], "scheduled", "{}", asked.text);
    let q = asked.json["id"].as_str().expect("id");
    let q_token = asked.json["manage_token"].as_str().expect("token");
    app.deliver().await;
    let off = app
        .post(
            &format!("/api/v1/queue/{q}/cancel?token={q_token}"),
            None,
            &json!({}),
        )
        .await;
    assert_eq!(off.status, StatusCode::OK, "{}", off.text);
    app.deliver().await;

    let mails = app.mails();
    let subjects: BTreeSet<_> = mails.iter().filter_map(|m| m["subject"].as_str()).collect();
    // Invitation, waiting list, left it, update, reminder, cancelled,
    // promoted, webinar cancelled; queue confirmation, appointment (both
    // sides) and its cancellation (both sides).
    assert!(
        subjects.len() >= 13,
        "{} kinds of mail: {subjects:#?}",
        subjects.len()
    );

    let mut opened = 0;
    for mail in &mails {
        for link in service_links(mail) {
            let shown = page(&app, &link, &[("accept", "text/html")]).await;
            assert_html(&shown, StatusCode::OK);
            opened += 1;
        }
    }
    // Each mail about a booking that goes on carries its link: the
    // invitation, the waiting list, the update, the reminder and the
    // promotion; the queue's confirmation and its appointment. (A mail
    // that ends a booking may carry none.)
    let with_links = mails
        .iter()
        .filter(|m| !service_links(m).is_empty())
        .count();
    assert!(with_links >= 7, "{with_links} mails with a link");
    assert!(opened >= with_links);
    // Opening them all (as a mail scanner does) changed nothing.
    let hour = app
        .get(&format!("/api/v1/queue/{q}?token={q_token}"), None)
        .await;
    assert_eq!(hour.json["status"], "cancelled", "{}", hour.text);
    let promoted = waiting.json["id"].as_str().expect("id");
    let promoted_token = waiting.json["manage_token"].as_str().expect("token");
    let promoted = app
        .get(
            &format!("/api/v1/registrations/{promoted}?token={promoted_token}"),
            None,
        )
        .await;
    assert_eq!(promoted.json["status"], "confirmed", "{}", promoted.text);
}
