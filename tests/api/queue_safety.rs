//! What keeps the queue from abuse: a request holds nothing until its owner
//! confirms it by mail, lapses when they never do, frees the account's quota
//! when cancelled, and the CSM's copies carry no customer token.

use chrono::{DateTime, Duration, Utc};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{Backend, TestApp, spawn_app};
use crate::queue::{ask, confirm_link, confirmation_link, csm_with_hours, date_in, request, slots};

both_backends!(
    a_request_holds_nothing_until_its_owner_confirms,
    a_confirmed_request_keeps_its_place_from_the_time_it_was_made,
    an_unconfirmed_request_lapses_after_a_day,
    cancelling_frees_the_accounts_quota,
    the_csms_copies_carry_no_customer_token,
);

/// The staff side of a request (a CSM may read any request).
async fn staff_view(app: &TestApp, csm: &str, id: &Value) -> Value {
    let r = app
        .get(
            &format!("/api/v1/queue/{}", id.as_str().unwrap_or_default()),
            Some(csm),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    r.json
}

async fn a_request_holds_nothing_until_its_owner_confirms(backend: Backend) {
    let app = spawn_app(backend).await;
    let day = date_in(3);
    let (_, csm) = csm_with_hours(&app, "UTC", std::slice::from_ref(&day), "10:00").await;
    let range = (format!("{day}T00:00:00Z"), format!("{day}T23:00:00Z"));
    let free = slots(&app, &range.0, &range.1).await;
    assert_eq!(free.len(), 1, "{free:?}");

    // Whatever a stranger typed is not relayed to the address they named.
    let pitch = "Call +1 555 0100 now to claim your prize";
    let made = request(
        &app,
        "ana@shop.example",
        json!({"name": pitch, "topic": pitch}),
    )
    .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.text);
    assert_eq!(made.json["status"], "unconfirmed");
    assert!(made.json["position"].is_null() && made.json["appointment"].is_null());
    // Whoever made the request gets no power over it: the token is mailed.
    assert!(
        made.json
            .as_object()
            .is_some_and(|o| o.contains_key("manage_token"))
            && made.json["manage_token"].is_null(),
        "{}",
        made.text
    );
    assert_eq!(slots(&app, &range.0, &range.1).await, free, "no hour held");
    let queue = app.get("/api/v1/queue", Some(&csm)).await;
    assert_eq!(queue.json["items"].as_array().map(Vec::len), Some(0));

    // The owner is mailed a link; opening it (as a mail scanner does) shows
    // the request and confirms nothing.
    let link = confirmation_link(&app, "ana@shop.example").await;
    let confirmation = app.mails_to("ana@shop.example");
    assert_eq!(confirmation.len(), 1);
    assert!(
        !confirmation[0].to_string().contains("prize"),
        "{}",
        confirmation[0]
    );
    assert!(link.starts_with(&format!(
        "/manage/queue/{}/confirm?token=",
        made.json["id"].as_str().unwrap_or_default()
    )));
    let opened = app.get(&link, None).await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.text);
    assert!(opened.text.contains("Awaiting your confirmation"));
    assert_eq!(
        staff_view(&app, &csm, &made.json["id"]).await["status"],
        "unconfirmed"
    );
    assert_eq!(slots(&app, &range.0, &range.1).await, free);

    // Neither no token nor a manage token confirms: only the mailed one.
    let id = made.json["id"].as_str().unwrap_or_default().to_owned();
    let confirm_path = format!("/api/v1/queue/{id}/confirm");
    app.post(&confirm_path, None, &json!({}))
        .await
        .assert_problem(401, "unauthorized");
    let manage = app
        .keys
        .issue_manage_for_session("queue", &id, Utc::now() + Duration::days(30))
        .expect("token");
    app.post(&confirm_path, Some(&manage), &json!({}))
        .await
        .assert_problem(401, "unauthorized");
    app.post(&confirm_path, Some(&csm), &json!({}))
        .await
        .assert_problem(401, "unauthorized");
    assert_eq!(
        staff_view(&app, &csm, &made.json["id"]).await["status"],
        "unconfirmed"
    );

    // Confirmed: scheduled at once, with the manage token in the answer.
    let confirmed = confirm_link(&app, &link).await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.text);
    assert_eq!(confirmed.json["status"], "scheduled");
    assert_eq!(
        confirmed.json["appointment"]["starts_at"],
        free[0].0.as_str()
    );
    let token = confirmed.json["manage_token"]
        .as_str()
        .expect("manage token");
    let own = app
        .get(&format!("/api/v1/queue/{id}?token={token}"), None)
        .await;
    assert_eq!(own.json["status"], "scheduled", "{}", own.text);
    assert!(slots(&app, &range.0, &range.1).await.is_empty());
    // A second click changes nothing.
    let again = confirm_link(&app, &link).await;
    assert_eq!(
        (again.status, again.json["status"].as_str()),
        (StatusCode::OK, Some("scheduled"))
    );
    app.deliver().await;
    let invites = app
        .mails_to("ana@shop.example")
        .into_iter()
        .filter(|m| m["calendars"][0]["method"] == "REQUEST")
        .count();
    assert_eq!(invites, 1);
}

async fn a_confirmed_request_keeps_its_place_from_the_time_it_was_made(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, csm) = app.staff("csm").await;
    // No CSM has hours yet: confirmed requests wait.
    let early = request(&app, "early@one.example", json!({})).await.json;
    let later = request(&app, "later@two.example", json!({})).await.json;
    let later_link = confirmation_link(&app, "later@two.example").await;
    let early_link = confirmation_link(&app, "early@one.example").await;
    let l = confirm_link(&app, &later_link).await;
    assert_eq!(
        (l.json["status"].as_str(), l.json["position"].as_i64()),
        (Some("waiting"), Some(1)),
        "{}",
        l.text
    );
    // Confirmed second, asked first: served first.
    let e = confirm_link(&app, &early_link).await;
    assert_eq!(
        (e.json["status"].as_str(), e.json["position"].as_i64()),
        (Some("waiting"), Some(1)),
        "{}",
        e.text
    );
    assert_eq!(staff_view(&app, &csm, &later["id"]).await["position"], 2);
    let queue = app.get("/api/v1/queue", Some(&csm)).await;
    let order: Vec<&str> = queue.json["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["id"].as_str())
        .collect();
    assert_eq!(
        order,
        [
            early["id"].as_str().unwrap_or_default(),
            later["id"].as_str().unwrap_or_default()
        ]
    );
    // The first free hour goes to the earlier request.
    csm_with_hours(&app, "UTC", &[date_in(3)], "10:00").await;
    assert_eq!(
        staff_view(&app, &csm, &early["id"]).await["status"],
        "scheduled"
    );
    assert_eq!(
        staff_view(&app, &csm, &later["id"]).await["status"],
        "waiting"
    );
}

async fn an_unconfirmed_request_lapses_after_a_day(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, csm) = app.staff("csm").await;
    let made = request(&app, "ana@shop.example", json!({})).await.json;
    let link = confirmation_link(&app, "ana@shop.example").await;
    // While it waits for confirmation, the address cannot be queued again
    // (one confirmation mail at a time).
    request(&app, "ana@shop.example", json!({}))
        .await
        .assert_problem(409, "already_queued");
    let cfg = onetomany::config::Settings::defaults()
        .expect("defaults")
        .queue;
    let pass = |at: DateTime<Utc>| {
        let cfg = cfg.clone();
        app.db
            .write(move |conn| onetomany::db::queue::allocate(conn, &cfg, at))
    };
    let created: DateTime<Utc> = Utc::now();
    pass(created + Duration::hours(23))
        .await
        .expect("allocator pass");
    assert_eq!(
        staff_view(&app, &csm, &made["id"]).await["status"],
        "unconfirmed"
    );
    pass(created + Duration::hours(25))
        .await
        .expect("allocator pass");
    assert_eq!(
        staff_view(&app, &csm, &made["id"]).await["status"],
        "expired"
    );
    // Too late to confirm; the address may ask again.
    confirm_link(&app, &link)
        .await
        .assert_problem(409, "session_closed");
    let again = request(&app, "ana@shop.example", json!({})).await;
    assert_eq!(again.status, StatusCode::CREATED, "{}", again.text);
    assert_eq!(again.json["status"], "unconfirmed");
}

async fn cancelling_frees_the_accounts_quota(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, admin) = app.staff("admin").await;
    let r = app
        .post(
            "/api/v1/accounts",
            Some(&admin),
            &json!({"name": "Small", "domains": ["small.example"], "segment": "low_touch"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let (csm_id, csm) = csm_with_hours(&app, "UTC", &[date_in(3), date_in(4)], "10:00").await;
    // Someone queues a colleague's address: unconfirmed, it uses no quota.
    let prank = request(&app, "ceo@small.example", json!({})).await;
    assert_eq!(prank.json["status"], "unconfirmed", "{}", prank.text);
    let ops = ask(&app, "ops@small.example", json!({})).await.json;
    assert_eq!(ops["status"], "scheduled");
    request(&app, "cfo@small.example", json!({}))
        .await
        .assert_problem(409, "quota_exceeded");
    // The customer cancels: the quota is free again.
    let cancelled = app
        .post(
            &format!(
                "/api/v1/queue/{}/cancel?token={}",
                ops["id"].as_str().unwrap_or_default(),
                ops["manage_token"].as_str().unwrap_or_default()
            ),
            None,
            &json!({}),
        )
        .await;
    assert_eq!(cancelled.json["status"], "cancelled", "{}", cancelled.text);
    let cfo = ask(&app, "cfo@small.example", json!({})).await.json;
    assert_eq!(cfo["status"], "scheduled");
    assert_eq!(cfo["appointment"]["host"]["id"], csm_id.as_str());
    request(&app, "cto@small.example", json!({}))
        .await
        .assert_problem(409, "quota_exceeded");
    // Its CSM cancels the hour: free again.
    let by_csm = app
        .post(
            &format!(
                "/api/v1/queue/{}/cancel",
                cfo["id"].as_str().unwrap_or_default()
            ),
            Some(&csm),
            &json!({}),
        )
        .await;
    assert_eq!(by_csm.json["status"], "cancelled", "{}", by_csm.text);
    assert_eq!(
        ask(&app, "cto@small.example", json!({})).await.json["status"],
        "scheduled"
    );
}

/// What a mail shows (text, HTML, calendar, headers), as one string.
fn shown(mail: &Value) -> String {
    let mut m = mail.clone();
    if let Some(o) = m.as_object_mut() {
        o.remove("file");
    }
    m.to_string()
}

async fn the_csms_copies_carry_no_customer_token(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, csm) = csm_with_hours(&app, "UTC", &[date_in(3), date_in(4)], "10:00").await;
    let booked = ask(&app, "ana@shop.example", json!({})).await.json;
    assert_eq!(booked["status"], "scheduled");
    // Each step's mail goes out before the next step (an invitation still
    // unsent when its hour is cancelled is dropped, never sent stale).
    app.deliver().await;
    let manage = |action: &str| {
        format!(
            "/api/v1/queue/{}/{action}?token={}",
            booked["id"].as_str().unwrap_or_default(),
            booked["manage_token"].as_str().unwrap_or_default()
        )
    };
    let moved = app.post(&manage("reschedule"), None, &json!({})).await;
    assert_eq!(moved.json["status"], "scheduled", "{}", moved.text);
    app.deliver().await;
    let gone = app.post(&manage("cancel"), None, &json!({})).await;
    assert_eq!(gone.json["status"], "cancelled", "{}", gone.text);
    app.deliver().await;

    let csm_email = app.email_of(&csm).await;
    let to_csm = app.mails_to(&csm_email);
    let methods: Vec<&str> = to_csm
        .iter()
        .filter_map(|m| m["calendars"][0]["method"].as_str())
        .collect();
    assert_eq!(methods, ["REQUEST", "CANCEL", "REQUEST", "CANCEL"]);
    for mail in &to_csm {
        let seen = shown(mail);
        assert!(
            !seen.contains("token=") && !seen.contains("eyJ") && !seen.contains("/queue/"),
            "the CSM's copy carries the customer's power: {seen}"
        );
        assert!(
            seen.contains("Customer ana@shop.example"),
            "it still says who"
        );
    }
    // The customer's own mails still carry their link.
    let to_customer = app.mails_to("ana@shop.example");
    let invite = to_customer
        .iter()
        .find(|m| m["calendars"][0]["method"] == "REQUEST")
        .expect("the customer's invitation");
    assert!(
        invite["text"]
            .as_str()
            .unwrap_or_default()
            .contains("token=eyJ"),
        "{}",
        invite["text"]
    );
}
