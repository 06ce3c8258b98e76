//! E-mail: delivery over SMTP to a real server on loopback, invites read by
//! an independent iCalendar parser, no mail lost to an SMTP outage or a
//! restart, no mail sent twice by two workers, reminders once, escaping of
//! hostile text, the outbox API, and the public rate limit.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use onetomany::config::MailTransport;
use onetomany::db::clock;
use onetomany::worker::{deliver_due, queue_reminders};
use reqwest::StatusCode;
use serde_json::json;

use crate::both_backends;
use crate::helpers::{
    Backend, TestDb, days_ahead, free_port, parse_mails, spawn_app, spawn_app_with,
};
use crate::smtp::SmtpSink;

both_backends!(
    invites_arrive_over_smtp_and_parse_as_imip,
    an_smtp_outage_and_a_restart_lose_no_mail,
    two_workers_never_send_a_message_twice,
    reminders_go_out_once_per_offset,
    hostile_names_and_titles_cannot_inject,
    admins_see_the_outbox_with_its_attempt_log,
    public_posts_are_rate_limited,
);

fn smtp_to(port: u16) -> impl FnOnce(&mut onetomany::config::Settings) {
    move |s| {
        s.mail.transport = MailTransport::Smtp;
        s.mail.smtp_host = "127.0.0.1".into();
        s.mail.smtp_port = port;
    }
}

async fn invites_arrive_over_smtp_and_parse_as_imip(backend: Backend) {
    let sink = SmtpSink::start().await;
    let app = spawn_app_with(TestDb::create(backend), smtp_to(sink.port)).await;
    let (host_id, host) = app.staff("csm").await;
    let start = "2031-03-04T15:00:00+01:00";
    let w = app
        .create_webinar(
            &host,
            json!({"starts_at": start, "title": "Billing deep dive"}),
        )
        .await;
    let id = w["id"].as_str().expect("id");
    let reg = app
        .register(
            id,
            "Zoe@Example.com",
            json!({"name": "Zoë Müller", "timezone": "America/New_York"}),
        )
        .await;
    assert_eq!(reg.status, StatusCode::CREATED);
    assert_eq!(app.deliver().await.sent, 1);

    let received = sink.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].rcpt_to, ["zoe@example.com"]);
    assert_eq!(received[0].mail_from, "<noreply@localhost>");
    let mail = &parse_mails(&[received[0].data.clone()])[0];
    let types: Vec<&str> = mail["parts"]
        .as_array()
        .expect("parts")
        .iter()
        .filter_map(|p| p["type"].as_str())
        .collect();
    assert_eq!(
        types,
        [
            "text/plain",
            "text/html",
            "text/calendar",
            "application/ics"
        ]
    );
    let cal = &mail["calendars"][0];
    assert_eq!(
        (cal["method"].as_str(), cal["content_type_method"].as_str()),
        (Some("REQUEST"), Some("REQUEST"))
    );
    let ev = &cal["events"][0];
    assert_eq!(ev["uid"], format!("webinar-{id}@127.0.0.1"));
    assert_eq!(ev["sequence"], 0);
    assert_eq!(ev["dtstart"], "2031-03-04T14:00:00+00:00");
    assert_eq!(ev["dtend"], "2031-03-04T15:00:00+00:00");
    assert_eq!(ev["summary"], "Billing deep dive");
    assert_eq!(
        ev["organizer"],
        format!(
            "mailto:{}",
            app.get("/api/v1/me", Some(&host)).await.json["email"]
                .as_str()
                .unwrap_or_default()
        )
    );
    assert_eq!(ev["organizer_cn"], "Test Person");
    assert_eq!(
        ev["attendees"],
        json!([{"address": "mailto:zoe@example.com", "cn": "Zoë Müller"}])
    );
    let description = ev["description"].as_str().unwrap_or_default();
    assert!(
        description.contains("https://meet.example.com/room-1"),
        "join link: {description}"
    );
    assert!(description.contains(&format!(
        "/manage/registration/{}?token=",
        reg.json["id"].as_str().unwrap_or_default()
    )));
    // The attachment is the same invitation.
    assert_eq!(
        mail["attachments"][0]["calendar"]["events"][0]["uid"],
        ev["uid"]
    );
    // The body speaks the registrant's time: 09:00 in New York.
    assert!(
        mail["text"]
            .as_str()
            .unwrap_or_default()
            .contains("Tuesday, 4 March 2031, 09:00–10:00 (America/New_York)"),
        "{}",
        mail["text"]
    );
    assert!(
        mail["to"]
            .as_str()
            .unwrap_or_default()
            .contains("Zoë Müller")
    );
    let _ = host_id;
}

async fn an_smtp_outage_and_a_restart_lose_no_mail(backend: Backend) {
    let port = free_port();
    let test_db = TestDb::create(backend);
    // The service books while nothing listens on the SMTP port.
    let first = spawn_app_with(test_db, smtp_to(port)).await;
    let (_, host) = first.staff("csm").await;
    let id = first
        .create_webinar(&host, json!({"kind": "expert", "capacity": 3}))
        .await["id"]
        .as_str()
        .expect("id")
        .to_owned();
    for i in 0..5 {
        let r = first
            .register(&id, &format!("c{i}@example.com"), json!({}))
            .await;
        assert_eq!(
            r.status,
            StatusCode::CREATED,
            "booking does not wait for mail"
        );
    }
    let attempt = first.deliver().await;
    assert_eq!((attempt.sent, attempt.failed), (0, 5));
    let pending = first
        .get(
            "/api/v1/outbox?status=pending",
            Some(&first.staff("admin").await.1),
        )
        .await;
    assert_eq!(pending.json["items"].as_array().map(Vec::len), Some(5));
    assert!(
        pending.json["items"][0]["last_error"]
            .as_str()
            .is_some_and(|e| e.contains("smtp"))
    );

    // Restart: a new service on the same database, then SMTP comes back.
    let (db, dir) = first.into_parts();
    let second = spawn_app_with(db, smtp_to(port)).await;
    drop(dir);
    let sink = SmtpSink::start_on(port).await;
    // Nothing is due before the back-off ends…
    assert_eq!(second.deliver().await.sent, 0);
    // …and everything is once it has.
    let later = clock() + Duration::minutes(5);
    assert_eq!(second.deliver_at(later).await.sent, 5);
    let mut to: Vec<String> = sink
        .received()
        .iter()
        .flat_map(|m| m.rcpt_to.clone())
        .collect();
    to.sort();
    assert_eq!(
        to,
        (0..5)
            .map(|i| format!("c{i}@example.com"))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        second.deliver_at(later + Duration::hours(2)).await.sent,
        0,
        "nothing twice"
    );
}

async fn two_workers_never_send_a_message_twice(backend: Backend) {
    let sink = SmtpSink::start().await;
    let app = Arc::new(spawn_app_with(TestDb::create(backend), smtp_to(sink.port)).await);
    let (_, host) = app.staff("csm").await;
    let id = app.create_webinar(&host, json!({})).await["id"]
        .as_str()
        .expect("id")
        .to_owned();
    for i in 0..40 {
        app.register(&id, &format!("w{i}@example.com"), json!({}))
            .await;
    }
    let now = clock();
    let runs: Vec<_> = (0..3)
        .map(|n| {
            let app = Arc::clone(&app);
            tokio::spawn(async move {
                deliver_due(
                    &app.db,
                    &app.composer,
                    &app.transport,
                    &format!("worker-{n}"),
                    now,
                )
                .await
            })
        })
        .collect();
    let mut sent = 0;
    for r in runs {
        sent += r.await.expect("task").expect("delivery").sent;
    }
    assert_eq!(sent, 40);
    let mut to: Vec<String> = sink
        .received()
        .iter()
        .flat_map(|m| m.rcpt_to.clone())
        .collect();
    to.sort();
    to.dedup();
    assert_eq!((sink.received().len(), to.len()), (40, 40));
}

async fn reminders_go_out_once_per_offset(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, host) = app.staff("csm").await;
    let w = app
        .create_webinar(
            &host,
            json!({"starts_at": days_ahead(3), "kind": "expert", "capacity": 1}),
        )
        .await;
    let id = w["id"].as_str().expect("id");
    app.register(id, "seat@example.com", json!({})).await;
    app.register(id, "waiting@example.com", json!({})).await;
    app.deliver().await;
    let start: DateTime<Utc> = w["starts_at"]
        .as_str()
        .expect("start")
        .parse()
        .expect("time");
    let offsets = [1440, 60];

    assert_eq!(
        queue_reminders(&app.db, &offsets, start - Duration::hours(30))
            .await
            .expect("runs"),
        0
    );
    let day_before = start - Duration::hours(23);
    assert_eq!(
        queue_reminders(&app.db, &offsets, day_before)
            .await
            .expect("runs"),
        1
    );
    assert_eq!(
        queue_reminders(&app.db, &offsets, day_before)
            .await
            .expect("runs"),
        0,
        "once"
    );
    let hour_before = start - Duration::minutes(50);
    assert_eq!(
        queue_reminders(&app.db, &offsets, hour_before)
            .await
            .expect("runs"),
        1
    );
    assert_eq!(
        queue_reminders(&app.db, &offsets, hour_before)
            .await
            .expect("runs"),
        0
    );
    app.deliver_at(hour_before).await;

    let mails = app.mails_to("seat@example.com");
    let subjects: Vec<&str> = mails.iter().filter_map(|m| m["subject"].as_str()).collect();
    assert_eq!(subjects.len(), 3, "{subjects:?}");
    assert!(
        subjects[1].ends_with("starts in 24 hours") && subjects[2].ends_with("starts in 1 hour"),
        "{subjects:?}"
    );
    assert_eq!(
        app.mails_to("waiting@example.com").len(),
        1,
        "the waiting list gets no reminder"
    );

    // The host moves the session two days later: reminders are due again.
    let new_start = start + Duration::days(2);
    let moved = app
        .send(
            reqwest::Method::PATCH,
            &format!("/api/v1/webinars/{id}"),
            Some(&host),
            Some(&json!({"starts_at": new_start.to_rfc3339()})),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text);
    let again = queue_reminders(&app.db, &offsets, new_start - Duration::hours(23));
    assert_eq!(again.await.expect("runs"), 1);
}

async fn hostile_names_and_titles_cannot_inject(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, host) = app.staff("csm").await;
    let title = "Q&A; \"exports\", part 1: tips\\tricks";
    let description = "Line one\nATTENDEE:mailto:evil@example.com\nEND:VEVENT; still text, ok";
    let w = app
        .create_webinar(&host, json!({"title": title, "description": description}))
        .await;
    let id = w["id"].as_str().expect("id");
    let name = "O'Brien, \"Ana\"; <evil@example.com>";
    assert_eq!(
        app.register(id, "ana@example.com", json!({"name": name}))
            .await
            .status,
        StatusCode::CREATED
    );
    for bad in ["Ana\r\nBcc: victim@example.com", "Ana\nX-Injected: 1"] {
        let r = app
            .register(id, "other@example.com", json!({"name": bad}))
            .await;
        r.assert_problem(422, "validation_failed");
    }
    let r = app
        .post(
            "/api/v1/webinars",
            Some(&host),
            &json!({"kind": "regular", "title": "A\r\nBcc: x@example.com",
        "starts_at": days_ahead(2), "duration_minutes": 30, "timezone": "UTC"}),
        )
        .await;
    r.assert_problem(422, "validation_failed");

    app.deliver().await;
    let mails = app.mails_to("ana@example.com");
    assert_eq!(mails.len(), 1);
    let mail = &mails[0];
    assert!(
        !mail["header_names"]
            .as_array()
            .expect("headers")
            .iter()
            .any(|h| h == "bcc" || h == "x-injected")
    );
    let ev = &mail["calendars"][0]["events"][0];
    assert_eq!(ev["summary"], title);
    assert!(
        ev["description"]
            .as_str()
            .unwrap_or_default()
            .starts_with(description)
    );
    assert_eq!(ev["attendees"].as_array().map(Vec::len), Some(1));
    assert_eq!(ev["attendees"][0]["address"], "mailto:ana@example.com");
    assert_eq!(
        mail["calendars"][0]["events"].as_array().map(Vec::len),
        Some(1)
    );
    assert!(
        mail["html"]
            .as_str()
            .unwrap_or_default()
            .contains("O&#39;Brien, &#34;Ana&#34;; &#60;evil@example.com&#62;")
            || mail["html"]
                .as_str()
                .unwrap_or_default()
                .contains("O&#x27;Brien"),
        "HTML-escaped: {}",
        mail["html"]
    );
}

async fn admins_see_the_outbox_with_its_attempt_log(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, admin) = app.staff("admin").await;
    let (_, csm) = app.staff("csm").await;
    let id = app.create_webinar(&csm, json!({})).await["id"]
        .as_str()
        .expect("id")
        .to_owned();
    app.register(&id, "a@example.com", json!({})).await;
    app.get("/api/v1/outbox", Some(&csm))
        .await
        .assert_problem(403, "forbidden");
    let pending = app.get("/api/v1/outbox?status=pending", Some(&admin)).await;
    assert_eq!(pending.json["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(pending.json["items"][0]["topic"], "invite");
    app.deliver().await;
    let sent = app.get("/api/v1/outbox?status=sent", Some(&admin)).await;
    let mid = sent.json["items"][0]["id"].as_str().expect("id").to_owned();
    let one = app
        .get(&format!("/api/v1/outbox/{mid}"), Some(&admin))
        .await;
    assert_eq!(one.json["status"], "sent");
    assert_eq!(one.json["attempt_log"].as_array().map(Vec::len), Some(1));
    assert_eq!(one.json["attempt_log"][0]["succeeded"], true);
    app.get("/api/v1/outbox?status=lost", Some(&admin))
        .await
        .assert_problem(422, "validation_failed");
    app.post(
        &format!("/api/v1/outbox/{mid}/retry"),
        Some(&admin),
        &json!({}),
    )
    .await
    .assert_problem(409, "not_failed");
}

async fn public_posts_are_rate_limited(backend: Backend) {
    let app = spawn_app_with(TestDb::create(backend), |s| {
        s.server.rate_limit_per_minute = 3
    })
    .await;
    let (_, host) = app.staff("csm").await; // one login: one public POST
    let id = app.create_webinar(&host, json!({})).await["id"]
        .as_str()
        .expect("id")
        .to_owned();
    for i in 0..2 {
        assert_eq!(
            app.register(&id, &format!("r{i}@example.com"), json!({}))
                .await
                .status,
            StatusCode::CREATED
        );
    }
    let limited = app.register(&id, "r9@example.com", json!({})).await;
    limited.assert_problem(429, "rate_limited");
    assert!(limited.headers.get("retry-after").is_some());
    // Nothing was stored for the refused request; reading is not limited.
    let w = app.get(&format!("/api/v1/webinars/{id}"), None).await;
    assert_eq!(w.json["seats_taken"], 2);
}
