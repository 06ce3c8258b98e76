//! Mail in the reader's language, written at delivery: over SMTP in each
//! of the five languages (Content-Language, the HTML part's lang and
//! direction, a translated subject, the local time written that language's
//! way), staff mail in the staff user's language, and intents that outlive
//! a change: the SEQUENCE the intent recorded, no stale invitation.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{Backend, TestApp, TestDb, parse_mails, spawn_app, spawn_app_with};
use crate::queue::{ask, csm_with_hours, date_in};
use crate::smtp::SmtpSink;

both_backends!(
    mail_arrives_over_smtp_in_each_language,
    the_csm_reads_the_customer_hour_in_their_own_language,
    an_invitation_carries_the_sequence_of_its_moment,
    a_registration_cancelled_before_its_invitation_went_out_gets_none,
    failed_messages_are_sent_again_in_bulk,
);

/// A registration with an Accept-Language header (and no `locale`).
async fn register_with_header(
    app: &TestApp,
    webinar: &str,
    body: Value,
    accept_language: &str,
) -> StatusCode {
    let res = app
        .client
        .post(app.url(&format!("/api/v1/webinars/{webinar}/registrations")))
        .header("accept-language", accept_language)
        .json(&body)
        .send()
        .await
        .expect("sent");
    res.status()
}

async fn mail_arrives_over_smtp_in_each_language(backend: Backend) {
    let sink = SmtpSink::start().await;
    let app = spawn_app_with(TestDb::create(backend), move |s| {
        s.mail.transport = onetomany::config::MailTransport::Smtp;
        s.mail.smtp_host = "127.0.0.1".into();
        s.mail.smtp_port = sink.port;
    })
    .await;
    let (_, host) = app.staff("csm").await;
    // 14:00 UTC on Tuesday 4 March 2031.
    let w = app
        .create_webinar(
            &host,
            json!({"starts_at": "2031-03-04T14:00:00Z", "title": "Billing deep dive"}),
        )
        .await;
    let id = w["id"].as_str().expect("id");
    // (address, body extra, Accept-Language, Content-Language, subject
    // start, the local start written that language's way)
    let readers = [
        (
            "emma@example.com",
            json!({"timezone": "Europe/London"}),
            "",
            "en",
            "Invitation: Billing deep dive",
            "Tuesday, 4 March 2031, 14:00–15:00",
        ),
        (
            "jonas@example.com",
            json!({"timezone": "Europe/Berlin", "locale": "de-AT"}),
            "",
            "de",
            "Einladung: Billing deep dive",
            "Dienstag, 4. März 2031, 15:00–16:00 Uhr",
        ),
        (
            "camille@example.com",
            json!({"timezone": "Europe/Paris"}),
            "fr-CA,fr;q=0.9,en;q=0.5",
            "fr",
            "Invitation\u{a0}: Billing deep dive",
            "mardi 4 mars 2031 de 15:00 à 16:00",
        ),
        (
            "ana@example.com",
            json!({"timezone": "America/Sao_Paulo", "locale": "pt-BR"}),
            "",
            "pt",
            "Convite: Billing deep dive",
            "4 de março de 2031",
        ),
        (
            "layla@example.com",
            json!({"timezone": "Asia/Riyadh", "locale": "ar"}),
            "",
            "ar",
            "دعوة:",
            "4 مارس 2031",
        ),
    ];
    for (address, extra, accept, ..) in &readers {
        let mut body = json!({"email": address, "name": "Reader"});
        if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
            b.extend(e.clone());
        }
        let status = register_with_header(
            &app,
            id,
            body,
            if accept.is_empty() { "es" } else { accept },
        )
        .await;
        assert_eq!(status, StatusCode::CREATED);
    }
    assert_eq!(app.deliver().await.sent, readers.len());
    let received = sink.received();
    assert_eq!(received.len(), readers.len());
    for (address, _, _, lang, subject, local) in readers {
        let raw = received
            .iter()
            .find(|r| r.rcpt_to.iter().any(|to| to == address))
            .unwrap_or_else(|| panic!("mail to {address}"));
        let mail = &parse_mails(std::slice::from_ref(&raw.data))[0];
        assert_eq!(mail["content_language"], lang, "{address}");
        let html = mail["html"].as_str().unwrap_or_default();
        assert!(html.contains(&format!("<html lang=\"{lang}\"")), "{html}");
        assert_eq!(html.contains("dir=\"rtl\""), lang == "ar", "{html}");
        let got = mail["subject"].as_str().unwrap_or_default();
        assert!(got.contains(subject), "{lang}: {got}");
        let text = mail["text"].as_str().unwrap_or_default();
        // Arabic isolates each placeable with invisible marks.
        let text = text.replace(['\u{2068}', '\u{2069}'], "");
        assert!(text.contains(local), "{lang}: {text}");
        // The calendar's title stays the session's own.
        assert_eq!(
            mail["calendars"][0]["events"][0]["summary"],
            "Billing deep dive"
        );
    }
}

async fn the_csm_reads_the_customer_hour_in_their_own_language(backend: Backend) {
    // Straight into the queue (the confirmation step has its own tests).
    let app = spawn_app_with(TestDb::create(backend), |s| s.queue.confirm_email = false).await;
    let (csm_id, csm) = csm_with_hours(&app, "Europe/Berlin", &[date_in(3)], "10:00").await;
    let set = app
        .send(
            Method::PATCH,
            &format!("/api/v1/users/{csm_id}"),
            Some(&csm),
            Some(&json!({"locale": "de"})),
        )
        .await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.text);
    let booked = ask(&app, "paulo@shop.example", json!({"locale": "pt"})).await;
    assert_eq!(booked.json["status"], "scheduled", "{}", booked.text);
    app.deliver().await;

    let csm_email = app.email_of(&csm).await;
    let to_csm = app.mails_to(&csm_email);
    let copy = to_csm.last().expect("the CSM's copy");
    assert_eq!(copy["content_language"], "de");
    let subject = copy["subject"].as_str().unwrap_or_default();
    assert!(subject.starts_with("Kundentermin: Reporting"), "{subject}");
    // 09:00 in Berlin, written the German way, for the CSM; the customer
    // reads Portuguese.
    let text = copy["text"].as_str().unwrap_or_default();
    assert!(text.contains(", 09:00–10:00 Uhr"), "{text}");
    let to_customer = app.mails_to("paulo@shop.example");
    let invite = to_customer.last().expect("the customer's invitation");
    assert_eq!(invite["content_language"], "pt");
}

/// The SEQUENCE of every REQUEST/CANCEL sent to `address`, in order.
fn sequences(app: &TestApp, address: &str) -> Vec<(String, i64)> {
    app.mails_to(address)
        .iter()
        .filter_map(|m| {
            let cal = &m["calendars"][0];
            Some((
                cal["method"].as_str()?.to_owned(),
                cal["events"][0]["sequence"].as_i64()?,
            ))
        })
        .collect()
}

async fn an_invitation_carries_the_sequence_of_its_moment(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, host) = app.staff("csm").await;
    let w = app.create_webinar(&host, json!({})).await;
    let id = w["id"].as_str().expect("id");
    let r = app.register(id, "ines@example.com", json!({})).await;
    assert_eq!(r.status, StatusCode::CREATED);
    // The session changes before the invitation is sent.
    let moved = app
        .send(
            Method::PATCH,
            &format!("/api/v1/webinars/{id}"),
            Some(&host),
            Some(&json!({"title": "Reports, revisited"})),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text);
    app.deliver().await;
    // The invitation says what was true when she registered (SEQUENCE 0),
    // the update what is true now (1): her calendar ends on the update.
    assert_eq!(
        sequences(&app, "ines@example.com"),
        [("REQUEST".to_owned(), 0), ("REQUEST".to_owned(), 1)]
    );
}

async fn a_registration_cancelled_before_its_invitation_went_out_gets_none(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, host) = app.staff("csm").await;
    let admin = app.staff("admin").await.1;
    let w = app.create_webinar(&host, json!({})).await;
    let id = w["id"].as_str().expect("id");
    let r = app.register(id, "otto@example.com", json!({})).await;
    assert_eq!(r.status, StatusCode::CREATED);
    let cancel = app
        .post(
            &format!(
                "/api/v1/registrations/{}/cancel?token={}",
                r.json["id"].as_str().unwrap_or_default(),
                r.json["manage_token"].as_str().unwrap_or_default()
            ),
            None,
            &json!({}),
        )
        .await;
    assert_eq!(cancel.status, StatusCode::OK, "{}", cancel.text);
    let report = app.deliver().await;
    assert_eq!(report.superseded, 1);
    // Only the cancellation arrives: no invitation for a seat she gave up.
    assert_eq!(
        sequences(&app, "otto@example.com"),
        [("CANCEL".to_owned(), 0)]
    );
    let dropped = app
        .get("/api/v1/outbox?status=cancelled", Some(&admin))
        .await;
    let items = dropped.json["items"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(items.len(), 1, "{}", dropped.text);
    assert_eq!(items[0]["topic"], "invite");
}

async fn failed_messages_are_sent_again_in_bulk(backend: Backend) {
    use diesel::prelude::*;
    use onetomany::db::schema::outbox;
    let app = spawn_app(backend).await;
    let (_, host) = app.staff("csm").await;
    let admin = app.staff("admin").await.1;
    let w = app.create_webinar(&host, json!({})).await;
    let id = w["id"].as_str().expect("id");
    for who in ["a", "b", "c"] {
        let r = app
            .register(id, &format!("{who}@example.com"), json!({}))
            .await;
        assert_eq!(r.status, StatusCode::CREATED);
    }
    // Three messages that ran out of attempts.
    let ids: Vec<String> = app
        .sql(|conn| {
            diesel::update(outbox::table)
                .set((outbox::status.eq("failed"), outbox::attempts.eq(12)))
                .execute(conn)?;
            Ok(outbox::table
                .select(outbox::id)
                .order(outbox::id)
                .load(conn)?)
        })
        .await;
    assert_eq!(ids.len(), 3);

    let bad = [
        json!({}),
        json!({"status": "sent"}),
        json!({"ids": []}),
        json!({"ids": ["not-an-id"]}),
        json!({"status": "failed", "ids": [ids[0]]}),
    ];
    for body in bad {
        app.post("/api/v1/outbox/retry", Some(&admin), &body)
            .await
            .assert_problem(422, "validation_failed");
    }
    let one = app
        .post(
            "/api/v1/outbox/retry",
            Some(&admin),
            &json!({"ids": [ids[0]]}),
        )
        .await;
    assert_eq!(one.json, json!({"retried": 1}), "{}", one.text);
    // Asking again for one no longer failed changes nothing.
    let again = app
        .post(
            "/api/v1/outbox/retry",
            Some(&admin),
            &json!({"ids": [ids[0]]}),
        )
        .await;
    assert_eq!(again.json, json!({"retried": 0}));
    let rest = app
        .post(
            "/api/v1/outbox/retry",
            Some(&admin),
            &json!({"status": "failed"}),
        )
        .await;
    assert_eq!(rest.json, json!({"retried": 2}), "{}", rest.text);
    assert_eq!(app.deliver().await.sent, 3);
    assert_eq!(app.mails().len(), 3);
}
