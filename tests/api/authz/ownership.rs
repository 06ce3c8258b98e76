//! Whose booking: what the table's cells cannot show alone.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{Backend, Reply};
use crate::queue::{ask, put_availability};

use super::world::{availability, queued_with, spawn, staff};

both_backends!(
    a_csm_cancels_only_the_queue_hours_they_host,
    marketing_sees_registrations_only_with_consent,
    marketing_reads_no_queue_requests_or_appointments,
);

async fn a_csm_cancels_only_the_queue_hours_they_host(backend: Backend) {
    let app = spawn(backend).await;
    let admin = staff(&app, "admin").await;
    let host = staff(&app, "csm").await;
    let colleague = staff(&app, "csm").await;
    // Only the host publishes hours, and only one: the second request waits.
    let r = put_availability(
        &app,
        &host.token,
        &host.id,
        json!({"timezone": "UTC", "weekly": [],
               "exceptions": [{"date": crate::queue::date_in(3), "start": "09:00", "end": "10:00"}]}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let scheduled = ask(&app, "first@one.example", json!({})).await;
    assert_eq!(scheduled.json["status"], "scheduled", "{}", scheduled.text);
    let waiting = ask(&app, "second@two.example", json!({})).await;
    assert_eq!(waiting.json["status"], "waiting", "{}", waiting.text);
    let cancel = |id: &Value| format!("/api/v1/queue/{}/cancel", id.as_str().unwrap_or_default());

    // Another CSM may read the queue, but not cancel someone else's hour.
    let queue = app.get("/api/v1/queue", Some(&colleague.token)).await;
    assert_eq!(queue.status, StatusCode::OK);
    assert_eq!(queue.json["items"][0]["id"], waiting.json["id"]);
    app.post(
        &cancel(&scheduled.json["id"]),
        Some(&colleague.token),
        &json!({}),
    )
    .await
    .assert_problem(403, "forbidden");
    // A waiting request has no host: no CSM cancels it, an admin may.
    app.post(&cancel(&waiting.json["id"]), Some(&host.token), &json!({}))
        .await
        .assert_problem(403, "forbidden");
    let still = app
        .get(
            &format!(
                "/api/v1/queue/{}",
                waiting.json["id"].as_str().unwrap_or_default()
            ),
            Some(&admin.token),
        )
        .await;
    assert_eq!(still.json["status"], "waiting");

    let by_host = app
        .post(
            &cancel(&scheduled.json["id"]),
            Some(&host.token),
            &json!({}),
        )
        .await;
    assert_eq!(by_host.status, StatusCode::OK, "{}", by_host.text);
    assert_eq!(by_host.json["status"], "cancelled");
    // The freed hour went to the waiting request; an admin cancels it.
    let by_admin = app
        .post(&cancel(&waiting.json["id"]), Some(&admin.token), &json!({}))
        .await;
    assert_eq!(by_admin.status, StatusCode::OK, "{}", by_admin.text);
    assert_eq!(by_admin.json["status"], "cancelled");
}

async fn marketing_sees_registrations_only_with_consent(backend: Backend) {
    let app = spawn(backend).await;
    let host = staff(&app, "csm").await;
    let admin = staff(&app, "admin").await;
    let mkt = staff(&app, "marketing").await;
    let w = app.create_webinar(&host.token, json!({})).await;
    let id = w["id"].as_str().expect("id");
    let yes = app
        .register(
            id,
            "yes@customer.example",
            json!({"marketing_consent": true}),
        )
        .await;
    let no = app.register(id, "no@customer.example", json!({})).await;
    assert_eq!(no.status, StatusCode::CREATED, "{}", no.text);
    let emails = |r: &Reply| -> Vec<String> {
        r.json["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|i| i["email"].as_str().unwrap_or_default().to_owned())
            .collect()
    };

    let list = format!("/api/v1/webinars/{id}/registrations");
    let for_marketing = app.get(&list, Some(&mkt.token)).await;
    assert_eq!(
        for_marketing.status,
        StatusCode::OK,
        "{}",
        for_marketing.text
    );
    assert_eq!(emails(&for_marketing), ["yes@customer.example"]);
    let mut for_admin = emails(&app.get(&list, Some(&admin.token)).await);
    for_admin.sort();
    assert_eq!(for_admin, ["no@customer.example", "yes@customer.example"]);

    let one = |r: &Reply| {
        format!(
            "/api/v1/registrations/{}",
            r.json["id"].as_str().unwrap_or_default()
        )
    };
    let consented = app.get(&one(&yes), Some(&mkt.token)).await;
    assert_eq!(consented.json["email"], "yes@customer.example");
    app.get(&one(&no), Some(&mkt.token))
        .await
        .assert_problem(403, "forbidden");
    assert_eq!(
        app.get(&one(&no), Some(&host.token)).await.json["email"],
        "no@customer.example"
    );

    // The attendee list keeps its explicit choice: `consent=all` shows both.
    let all = app
        .get("/api/v1/attendees?consent=all", Some(&mkt.token))
        .await;
    assert_eq!(
        all.json["items"].as_array().map(Vec::len),
        Some(2),
        "{}",
        all.text
    );
    let only = app.get("/api/v1/attendees", Some(&mkt.token)).await;
    assert_eq!(emails(&only), ["yes@customer.example"]);
}

async fn marketing_reads_no_queue_requests_or_appointments(backend: Backend) {
    let app = spawn(backend).await;
    let host = staff(&app, "csm").await;
    let mkt = staff(&app, "marketing").await;
    let r = put_availability(&app, &host.token, &host.id, availability()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let q = queued_with(&app, &host).await;
    let done = app
        .post(
            &format!("/api/v1/appointments/{}/complete", q.appointment),
            Some(&host.token),
            &json!({"outcome": "held", "notes": "Talked about their finances."}),
        )
        .await;
    assert_eq!(
        done.json["notes"], "Talked about their finances.",
        "{}",
        done.text
    );
    let appointments = app.get("/api/v1/appointments", Some(&host.token)).await;
    assert_eq!(appointments.json["items"][0]["id"], q.appointment.as_str());

    for path in [
        "/api/v1/queue".to_owned(),
        format!("/api/v1/queue/{}", q.id),
        "/api/v1/appointments".to_owned(),
    ] {
        let reply = app.get(&path, Some(&mkt.token)).await;
        reply.assert_problem(403, "forbidden");
        assert!(!reply.text.contains("finances"), "{path}: {}", reply.text);
    }
    // Nor by webhook: queue events are for admins.
    let hook = json!({"url": "https://hooks.example.com/in", "events": ["queue.scheduled"], "secret": "a shared secret of some length"});
    app.post("/api/v1/webhooks", Some(&mkt.token), &hook)
        .await
        .assert_problem(403, "forbidden");
    let admin = staff(&app, "admin").await;
    let by_admin = app
        .post("/api/v1/webhooks", Some(&admin.token), &hook)
        .await;
    assert_eq!(by_admin.status, StatusCode::CREATED, "{}", by_admin.text);
}
