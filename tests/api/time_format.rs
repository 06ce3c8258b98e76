//! Every time the API prints is RFC 3339 UTC with exactly three fraction
//! digits, so that times sort as text the way they sort in time, and the
//! OpenAPI document still calls them date-times.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{Backend, PASSWORD, TestApp, TestDb, spawn_app_with};
use crate::queue::{ask, csm_with_hours, date_in};

both_backends!(every_time_in_json_has_three_fraction_digits);

/// `YYYY-MM-DDTHH:MM:SS.mmmZ`, i.e. `^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`.
fn is_fixed_precision(s: &str) -> bool {
    const SHAPE: &[u8] = b"dddd-dd-ddTdd:dd:dd.dddZ";
    s.len() == SHAPE.len()
        && s.bytes().zip(SHAPE).all(|(c, &want)| match want {
            b'd' => c.is_ascii_digit(),
            other => c == other,
        })
}

/// Does this string try to be a time? (A date followed by `T`.)
fn looks_like_a_time(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 11 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-' && b[10] == b'T'
}

/// Every time-like string in `body`, with its key.
fn times_in(body: &Value, key: &str, out: &mut Vec<(String, String)>) {
    match body {
        Value::String(s) if looks_like_a_time(s) || key.ends_with("_at") => {
            out.push((key.to_owned(), s.clone()));
        }
        Value::Array(items) => items.iter().for_each(|v| times_in(v, key, out)),
        Value::Object(map) => map.iter().for_each(|(k, v)| times_in(v, k, out)),
        _ => {}
    }
}

/// Asserts that `body` holds each of `keys` as a time, and that every time
/// in it has the fixed form.
#[track_caller]
fn assert_times(what: &str, body: &Value, keys: &[&str]) {
    let mut found = Vec::new();
    times_in(body, "", &mut found);
    for key in keys {
        assert!(
            found.iter().any(|(k, _)| k == key),
            "{what}: no time `{key}` in {body}"
        );
    }
    for (key, value) in &found {
        assert!(
            is_fixed_precision(value),
            "{what}: `{key}` is {value:?}, not RFC 3339 UTC with three fraction digits"
        );
    }
}

async fn ok(app: &TestApp, path: &str, token: &str) -> Value {
    let r = app.get(path, Some(token)).await;
    assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.text);
    r.json
}

async fn every_time_in_json_has_three_fraction_digits(backend: Backend) {
    let app = spawn_app_with(TestDb::create(backend), |s| s.queue.confirm_email = false).await;
    let admin_id = app.add_staff("admin@times.example", "admin").await;
    let signed_in = app.login("admin@times.example", PASSWORD).await;
    let admin = signed_in.json["token"].as_str().expect("token").to_owned();
    let (_, marketing) = app.staff("marketing").await;
    assert_times("login", &signed_in.json, &["expires_at"]);
    assert_times(
        "users",
        &ok(&app, "/api/v1/users", &admin).await,
        &["created_at"],
    );

    // A webhook subscriber, so the registration's webhook payload is stored.
    app.sql(move |conn| {
        onetomany::db::webhooks::insert(
            conn,
            "https://hooks.example.com/onetomany",
            &["registration.created".to_owned()],
            "a-webhook-secret",
            &admin_id,
            onetomany::db::clock(),
        )
    })
    .await;

    // A webinar a whole hour ahead: chrono would print it without a fraction.
    let day = date_in(3);
    let (_, csm) = csm_with_hours(&app, "UTC", std::slice::from_ref(&day), "10:00").await;
    let created = app
        .create_webinar(
            &csm,
            json!({"kind": "expert", "capacity": 1, "starts_at": format!("{}T16:00:00Z", date_in(5))}),
        )
        .await;
    assert_times("webinar (created)", &created, &["starts_at", "ends_at"]);
    let id = created["id"].as_str().expect("id").to_owned();
    let webinar = app.get(&format!("/api/v1/webinars/{id}"), None).await;
    assert_times("webinar", &webinar.json, &["starts_at", "ends_at"]);
    let list = app.get("/api/v1/webinars", None).await;
    assert_times("webinar list", &list.json, &["starts_at", "ends_at"]);

    let seated = app
        .register(
            &id,
            "seated@example.com",
            json!({"marketing_consent": true}),
        )
        .await;
    let waiting = app.register(&id, "waiting@example.com", json!({})).await;
    assert_eq!(waiting.json["status"], "waitlisted", "{}", waiting.text);
    let left = app
        .post(
            &format!(
                "/api/v1/registrations/{}/cancel?token={}",
                waiting.json["id"].as_str().unwrap_or_default(),
                waiting.json["manage_token"].as_str().unwrap_or_default()
            ),
            None,
            &json!({}),
        )
        .await;
    assert_times(
        "cancelled registration",
        &left.json,
        &["registered_at", "cancelled_at"],
    );
    let mine = app
        .get(
            &format!(
                "/api/v1/registrations/{}",
                seated.json["id"].as_str().unwrap_or_default()
            ),
            seated.json["manage_token"].as_str(),
        )
        .await;
    assert_times("registration", &mine.json, &["registered_at"]);
    let regs = ok(&app, &format!("/api/v1/webinars/{id}/registrations"), &csm).await;
    assert_times("registrations", &regs, &["registered_at", "cancelled_at"]);

    let payload: String = app
        .sql(|conn| {
            use diesel::prelude::*;
            use onetomany::db::schema::outbox::dsl::*;
            Ok(outbox
                .filter(channel.eq("webhook"))
                .select(message)
                .first(conn)?)
        })
        .await;
    let payload: Value = serde_json::from_str(&payload).expect("stored JSON");
    assert_times("webhook payload", &payload, &["starts_at", "created_at"]);

    // The queue: one free hour, so the second request waits.
    let booked = ask(&app, "booked@one.example", json!({})).await;
    assert_eq!(booked.status, StatusCode::CREATED, "{}", booked.text);
    assert_times("queue request", &booked.json, &["starts_at", "ends_at"]);
    let waits = ask(&app, "waits@two.example", json!({})).await;
    assert_eq!(waits.json["status"], "waiting", "{}", waits.text);
    assert_times(
        "queue",
        &ok(&app, "/api/v1/queue", &csm).await,
        &["requested_at"],
    );
    let appointments = ok(&app, "/api/v1/appointments", &csm).await;
    assert_times("appointments", &appointments, &["starts_at", "ends_at"]);
    let appt_id = appointments["items"][0]["id"]
        .as_str()
        .expect("appointment");
    let done = app
        .post(
            &format!("/api/v1/appointments/{appt_id}/complete"),
            Some(&csm),
            &json!({"outcome": "held"}),
        )
        .await;
    assert_times(
        "completed appointment",
        &done.json,
        &["starts_at", "ends_at"],
    );

    // Marketing's views, and the audit entries they leave.
    let range = "from=2020-01-01T00:00:00Z&to=2100-01-01T00:00:00Z";
    let attendees = ok(&app, &format!("/api/v1/attendees?{range}"), &marketing).await;
    assert_times("attendees", &attendees, &["starts_at", "registered_at"]);
    let stats = ok(&app, &format!("/api/v1/stats/webinars?{range}"), &marketing).await;
    assert_times("stats", &stats, &["starts_at"]);
    let audit = ok(&app, "/api/v1/audit", &admin).await;
    assert_times("audit", &audit, &["created_at", "from", "to"]);

    // The outbox, before and after a delivery.
    assert_times(
        "outbox",
        &ok(&app, "/api/v1/outbox", &admin).await,
        &["created_at", "next_attempt_at"],
    );
    app.deliver().await;
    let sent = ok(&app, "/api/v1/outbox?status=sent", &admin).await;
    assert_times("sent outbox", &sent, &["created_at", "sent_at"]);
    let message = sent["items"][0]["id"].as_str().expect("a sent message");
    let one = ok(&app, &format!("/api/v1/outbox/{message}"), &admin).await;
    assert_times("outbox message", &one, &["sent_at", "attempted_at"]);

    // The document still describes them as date-times.
    let doc = app.get("/api/openapi.json", None).await.json;
    for (schema, field) in [
        ("WebinarOut", "starts_at"),
        ("RegistrationOut", "registered_at"),
        ("RegistrationOut", "cancelled_at"),
        ("OutboxOut", "sent_at"),
        ("AttendeeOut", "registered_at"),
    ] {
        let property = &doc["components"]["schemas"][schema]["properties"][field];
        assert_eq!(
            property["format"], "date-time",
            "{schema}.{field}: {property}"
        );
    }
}
