//! Delivery against an SMTP server that accepts the connection and then
//! says nothing: the worker gives up on the message within
//! `mail.smtp_timeout_seconds` and retries it later, and the service still
//! stops promptly on SIGTERM, mid-send and with a long backlog.

use std::time::Duration as StdDuration;

use chrono::Duration;
use diesel::prelude::*;
use onetomany::config::{MailTransport, Settings};
use onetomany::db::schema::{outbox, registrations};
use onetomany::db::{clock, outbox as queue};
use onetomany::domain::mail::{Intent, MailKind};
use onetomany::email::transport::Transport;
use onetomany::worker::deliver_due;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{
    Backend, ServeProcess, TestApp, TestDb, binary, free_port, spawn_app_on, spawn_app_with,
    wait_until_serving,
};
use crate::smtp::{SilentServer, SmtpSink};

both_backends!(
    a_silent_smtp_server_times_out_and_the_message_is_retried,
    sigterm_stops_a_send_to_a_silent_server_and_a_long_backlog,
);

fn smtp_to(port: u16, timeout_seconds: u64) -> impl FnOnce(&mut Settings) {
    move |s| {
        s.mail.transport = MailTransport::Smtp;
        s.mail.smtp_host = "127.0.0.1".into();
        s.mail.smtp_port = port;
        s.mail.smtp_timeout_seconds = timeout_seconds;
    }
}

/// Books one seat, which queues mail to `email`.
async fn book(app: &TestApp, email: &str) {
    let (_, host) = app.staff("csm").await;
    let webinar = app.create_webinar(&host, json!({})).await["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let r = app.register(&webinar, email, json!({})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
}

async fn outbox_items(app: &TestApp, admin: &str, status: &str) -> Vec<Value> {
    let reply = app
        .get(
            &format!("/api/v1/outbox?status={status}&limit=100"),
            Some(admin),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    reply.json["items"].as_array().expect("items").clone()
}

async fn a_silent_smtp_server_times_out_and_the_message_is_retried(backend: Backend) {
    let silent = SilentServer::start().await;
    let app = spawn_app_with(TestDb::create(backend), smtp_to(silent.port, 1)).await;
    let (_, admin) = app.staff("admin").await;
    book(&app, "ana@example.com").await;
    let queued = outbox_items(&app, &admin, "pending").await;
    assert!(!queued.is_empty(), "the booking queued mail");

    // The bound only keeps a broken build from hanging the suite.
    let report = tokio::time::timeout(StdDuration::from_secs(60), app.deliver())
        .await
        .expect("the delivery pass ends although the server never answers");
    assert_eq!((report.sent, report.failed), (0, queued.len()));
    assert!(silent.accepted() >= 1, "the worker did connect");

    let pending = outbox_items(&app, &admin, "pending").await;
    assert_eq!(pending.len(), queued.len(), "still pending, to be retried");
    for mail in &pending {
        assert_eq!(mail["attempts"], 1, "{mail}");
        assert!(
            mail["last_error"]
                .as_str()
                .is_some_and(|e| e.contains("no answer") && e.contains("within 1 s")),
            "{mail}"
        );
        let retry_at: chrono::DateTime<chrono::Utc> = mail["next_attempt_at"]
            .as_str()
            .and_then(|t| t.parse().ok())
            .expect("next_attempt_at");
        assert!(retry_at > clock(), "retried later, not at once: {mail}");
        let one = app
            .get(
                &format!("/api/v1/outbox/{}", mail["id"].as_str().unwrap_or_default()),
                Some(&admin),
            )
            .await;
        assert_eq!(
            one.json["attempt_log"][0]["succeeded"], false,
            "{}",
            one.text
        );
    }

    // Once a server that answers is there, the retry delivers it.
    let sink = SmtpSink::start().await;
    let mut settings = Settings::defaults().expect("defaults");
    smtp_to(sink.port, 30)(&mut settings);
    let working = Transport::from_settings(&settings).expect("transport");
    let later = clock() + Duration::minutes(5);
    let report = deliver_due(&app.db, &app.composer, &working, "second-worker", later)
        .await
        .expect("pass runs");
    assert_eq!((report.sent, report.failed), (queued.len(), 0));
    assert!(
        sink.received()
            .iter()
            .any(|m| m.rcpt_to.iter().any(|t| t == "ana@example.com")),
        "the booking's mail arrived"
    );
    assert!(outbox_items(&app, &admin, "pending").await.is_empty());
}

/// With a message stuck on a silent server (the SMTP timeout far longer
/// than the grace period) and 500 more due, SIGTERM still ends the process
/// cleanly; nothing is lost: every message is pending and unclaimed.
async fn sigterm_stops_a_send_to_a_silent_server_and_a_long_backlog(backend: Backend) {
    let silent = SilentServer::start().await;
    let app = spawn_app_on(TestDb::create(backend)).await;
    book(&app, "ana@example.com").await;
    let now = clock();
    app.sql(move |conn| {
        conn.transaction(|conn| {
            let (booking, webinar): (String, String) = registrations::table
                .select((registrations::id, registrations::webinar_id))
                .first(conn)?;
            for i in 0..500 {
                let intent = Intent {
                    kind: MailKind::Invite,
                    recipient: format!("backlog-{i}@example.com"),
                    webinar_id: Some(webinar.clone()),
                    booking_id: Some(booking.clone()),
                    appointment_id: None,
                    user_id: None,
                    sequence: Some(0),
                    detail: None,
                };
                queue::enqueue(conn, &intent, now)?;
            }
            Ok(())
        })
    })
    .await;
    let due: i64 = app
        .sql(|conn| {
            Ok(outbox::table
                .filter(outbox::status.eq("pending"))
                .count()
                .get_result(conn)?)
        })
        .await;
    assert!(due > 500, "{due}");
    let (test_db, _work) = app.into_parts();

    let dir = tempfile::tempdir().expect("dir");
    let port = free_port();
    let (port_text, smtp_port) = (port.to_string(), silent.port.to_string());
    let database = test_db.url_string();
    let child = binary(
        dir.path(),
        &[
            ("ONETOMANY__SERVER__PORT", &port_text),
            ("ONETOMANY__SERVER__SHUTDOWN_TIMEOUT_SECONDS", "1"),
            ("ONETOMANY__DATABASE__URL", &database),
            ("ONETOMANY__MAIL__TRANSPORT", "smtp"),
            ("ONETOMANY__MAIL__SMTP_HOST", "127.0.0.1"),
            ("ONETOMANY__MAIL__SMTP_PORT", &smtp_port),
            ("ONETOMANY__MAIL__SMTP_TIMEOUT_SECONDS", "300"),
            ("ONETOMANY__MAIL__POLL_INTERVAL_SECONDS", "1"),
        ],
    )
    .spawn()
    .expect("serve");
    let mut serve = ServeProcess { child };
    assert!(wait_until_serving(&mut serve.child, port).await);
    // Wait (bounded) until the worker is mid-send: connected, no greeting.
    for _ in 0..600 {
        if silent.accepted() >= 1 {
            break;
        }
        tokio::time::sleep(StdDuration::from_millis(50)).await;
    }
    assert!(silent.accepted() >= 1, "the worker never connected");

    serve.sigterm();
    // A generous bound, only so that a hanging process fails the test
    // instead of the suite.
    let mut exited = None;
    for _ in 0..600 {
        if let Some(status) = serve.child.try_wait().expect("waited") {
            exited = Some(status);
            break;
        }
        tokio::time::sleep(StdDuration::from_millis(100)).await;
    }
    let status = exited.expect("the process exits after SIGTERM");
    assert!(status.success(), "exit status {status}");

    // Every message is still due, none is held by the stopped worker.
    let app = spawn_app_on(test_db).await;
    let (pending, claimed, sent): (i64, i64, i64) = app
        .sql(|conn| {
            let count = |status: &'static str, conn: &mut onetomany::db::AnyConnection| {
                outbox::table
                    .filter(outbox::status.eq(status))
                    .count()
                    .get_result::<i64>(conn)
            };
            let claimed = outbox::table
                .filter(outbox::locked_until.is_not_null())
                .count()
                .get_result::<i64>(conn)?;
            Ok((count("pending", conn)?, claimed, count("sent", conn)?))
        })
        .await;
    assert_eq!((pending, claimed, sent), (due, 0, 0));
}
