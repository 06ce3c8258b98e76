//! Webinars: creation, series across DST, listing, edits with updates to
//! registrants, cancellation, the calendar file.

use chrono::{DateTime, Timelike, Utc};
use chrono_tz::Europe::Berlin;
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::both_backends;
use crate::helpers::{Backend, days_ahead, spawn_app};

both_backends!(
    a_csm_creates_a_webinar_the_public_can_see,
    only_csms_and_admins_create_and_only_valid_webinars,
    a_weekly_series_keeps_its_local_time_across_dst,
    host_edits_mail_updates_with_a_higher_sequence,
    capacity_changes_respect_taken_seats_and_promote,
    cancelling_a_webinar_cancels_every_invite,
    the_calendar_file_is_served,
    the_public_list_pages_in_start_order,
);

async fn a_csm_creates_a_webinar_the_public_can_see(backend: Backend) {
    let app = spawn_app(backend).await;
    let (csm_id, csm) = app.staff("csm").await;
    let w = app
        .create_webinar(&csm, json!({"starts_at": "2031-06-03T10:00:00+02:00"}))
        .await;
    assert_eq!(w["host"]["id"], csm_id.as_str());
    assert_eq!(w["starts_at"], "2031-06-03T08:00:00.000Z");
    assert_eq!(w["ends_at"], "2031-06-03T09:00:00.000Z");
    assert_eq!(w["timezone"], "Europe/Berlin");
    assert_eq!(
        (
            w["status"].as_str(),
            w["capacity"].is_null(),
            w["seats_left"].is_null()
        ),
        (Some("scheduled"), true, true)
    );

    let id = w["id"].as_str().expect("id");
    let public = app.get(&format!("/api/v1/webinars/{id}"), None).await;
    assert_eq!(public.json["title"], "Getting started with reports");
    assert!(
        public.json.get("join_url").is_none(),
        "the join link is for registrants"
    );

    let list = app.get("/api/v1/webinars?topic=reporting", None).await;
    assert_eq!(list.json["items"].as_array().map(Vec::len), Some(1));
    let none = app.get("/api/v1/webinars?kind=expert", None).await;
    assert_eq!(none.json["items"].as_array().map(Vec::len), Some(0));
    let range = app
        .get("/api/v1/webinars?from=2031-06-04T00:00:00Z", None)
        .await;
    assert_eq!(range.json["items"].as_array().map(Vec::len), Some(0));
    app.get("/api/v1/webinars?from=yesterday", None)
        .await
        .assert_problem(422, "validation_failed");
    // A malformed id is a validation error; a well-formed unknown one, 404.
    app.get("/api/v1/webinars/nope", None)
        .await
        .assert_problem(422, "validation_failed");
    app.get(
        "/api/v1/webinars/0190e1c2-7b3a-7c4d-8e5f-0123456789ab",
        None,
    )
    .await
    .assert_problem(404, "not_found");
}

async fn only_csms_and_admins_create_and_only_valid_webinars(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, marketing) = app.staff("marketing").await;
    let (_, admin) = app.staff("admin").await;
    let (csm_id, csm) = app.staff("csm").await;
    let body = json!({"kind": "regular", "title": "T", "starts_at": days_ahead(3), "duration_minutes": 30, "timezone": "UTC"});
    app.post("/api/v1/webinars", Some(&marketing), &body)
        .await
        .assert_problem(403, "forbidden");
    app.post("/api/v1/webinars", None, &body)
        .await
        .assert_problem(401, "unauthorized");

    let bad = app
        .post(
            "/api/v1/webinars",
            Some(&csm),
            &json!({"kind": "expert", "title": "x".repeat(201), "starts_at": "2001-01-01T00:00:00Z",
                    "duration_minutes": 2, "timezone": "Europe/Nowhere", "join_url": "ftp://x"}),
        )
        .await;
    bad.assert_problem(422, "validation_failed");
    let mut fields: Vec<&str> = bad.json["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["field"].as_str())
        .collect();
    fields.sort_unstable();
    assert_eq!(
        fields,
        [
            "capacity",
            "duration_minutes",
            "join_url",
            "starts_at",
            "timezone",
            "title"
        ]
    );

    // An admin may plan for a CSM; a CSM only for themself.
    let for_csm = app.create_webinar(&admin, json!({"host_id": csm_id})).await;
    assert_eq!(for_csm["host"]["id"], csm_id.as_str());
    let (other_id, _) = app.staff("csm").await;
    let mut as_other = body.clone();
    as_other["host_id"] = json!(other_id);
    app.post("/api/v1/webinars", Some(&csm), &as_other)
        .await
        .assert_problem(403, "forbidden");
}

async fn a_weekly_series_keeps_its_local_time_across_dst(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, csm) = app.staff("csm").await;
    // Tuesdays 10:00 Berlin from 16 March 2027; summer time starts 28 March.
    let reply = app
        .post(
            "/api/v1/webinars",
            Some(&csm),
            &json!({"kind": "regular", "title": "Weekly office hour", "starts_at": "2027-03-16T10:00:00+01:00",
                    "duration_minutes": 45, "timezone": "Europe/Berlin", "rrule": "FREQ=WEEKLY;BYDAY=TU;COUNT=6"}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    let series_id = reply.json["series_id"].as_str().expect("series id");
    let items = reply.json["items"].as_array().expect("items");
    assert_eq!(items.len(), 6);
    let starts: Vec<DateTime<Utc>> = items
        .iter()
        .map(|w| {
            w["starts_at"]
                .as_str()
                .expect("start")
                .parse()
                .expect("RFC 3339")
        })
        .collect();
    assert_eq!(
        starts.iter().map(|s| s.hour()).collect::<Vec<_>>(),
        [9, 9, 8, 8, 8, 8],
        "UTC hours move with DST"
    );
    assert!(starts.iter().all(|s| s.with_timezone(&Berlin).hour() == 10));
    assert!(items.iter().all(|w| w["series_id"] == series_id));
    let ids: std::collections::HashSet<&str> =
        items.iter().filter_map(|w| w["id"].as_str()).collect();
    assert_eq!(ids.len(), 6, "each occurrence is its own bookable webinar");

    let too_many = app
        .post(
            "/api/v1/webinars",
            Some(&csm),
            &json!({"kind": "regular", "title": "Daily", "starts_at": days_ahead(2), "duration_minutes": 30,
                    "timezone": "Europe/Berlin", "rrule": "FREQ=DAILY;COUNT=200"}),
        )
        .await;
    too_many.assert_problem(422, "validation_failed");
    assert_eq!(too_many.json["errors"][0]["field"], "rrule");
    assert!(
        too_many.json["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("104")
    );
    let before = app
        .get("/api/v1/webinars?limit=500&from=2000-01-01T00:00:00Z", None)
        .await;
    assert_eq!(
        before.json["items"].as_array().map(Vec::len),
        Some(6),
        "nothing of the refused series was stored"
    );
}

async fn host_edits_mail_updates_with_a_higher_sequence(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, host) = app.staff("csm").await;
    let (_, other_csm) = app.staff("csm").await;
    let w = app.create_webinar(&host, json!({})).await;
    let id = w["id"].as_str().expect("id");
    for email in ["ana@example.com", "ben@example.com"] {
        assert_eq!(
            app.register(id, email, json!({})).await.status,
            StatusCode::CREATED
        );
    }
    app.deliver().await;

    app.send(
        Method::PATCH,
        &format!("/api/v1/webinars/{id}"),
        Some(&other_csm),
        Some(&json!({"title": "Mine now"})),
    )
    .await
    .assert_problem(403, "forbidden");

    let new_start = days_ahead(8);
    let moved = app
        .send(
            Method::PATCH,
            &format!("/api/v1/webinars/{id}"),
            Some(&host),
            Some(&json!({"starts_at": new_start})),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text);
    assert_eq!(
        moved.json["ends_at"]
            .as_str()
            .map(|e| e.parse::<DateTime<Utc>>().is_ok()),
        Some(true)
    );
    app.deliver().await;

    for email in ["ana@example.com", "ben@example.com"] {
        let mails = app.mails_to(email);
        assert_eq!(mails.len(), 2, "invite and update for {email}");
        let invite = &mails[0]["calendars"][0];
        let update = &mails[1]["calendars"][0];
        assert_eq!(update["method"], "REQUEST");
        assert_eq!(update["events"][0]["uid"], invite["events"][0]["uid"]);
        assert_eq!(
            update["events"][0]["sequence"],
            invite["events"][0]["sequence"].as_i64().unwrap_or(-1) + 1
        );
        let start: DateTime<Utc> = update["events"][0]["dtstart"]
            .as_str()
            .expect("start")
            .parse()
            .expect("time");
        assert_eq!(start, new_start.parse::<DateTime<Utc>>().expect("time"));
        assert!(
            mails[1]["subject"]
                .as_str()
                .unwrap_or_default()
                .starts_with("Updated:")
        );
    }

    // A change no calendar shows (the topic) sends nothing.
    let retopic = app
        .send(
            Method::PATCH,
            &format!("/api/v1/webinars/{id}"),
            Some(&host),
            Some(&json!({"topic": "analytics"})),
        )
        .await;
    assert_eq!(retopic.json["topic"], "analytics", "{}", retopic.text);
    assert_eq!(app.deliver().await.sent, 0);
    assert_eq!(app.mails_to("ana@example.com").len(), 2);
    app.send(
        Method::PATCH,
        &format!("/api/v1/webinars/{id}"),
        Some(&host),
        Some(&json!({"starts_at": "2001-01-01T00:00:00Z"})),
    )
    .await
    .assert_problem(422, "validation_failed");
}

async fn capacity_changes_respect_taken_seats_and_promote(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, host) = app.staff("csm").await;
    let w = app
        .create_webinar(&host, json!({"kind": "expert", "capacity": 2}))
        .await;
    let id = w["id"].as_str().expect("id");
    for i in 0..5 {
        app.register(id, &format!("p{i}@example.com"), json!({}))
            .await;
    }
    let path = format!("/api/v1/webinars/{id}");
    app.send(
        Method::PATCH,
        &path,
        Some(&host),
        Some(&json!({"capacity": 1})),
    )
    .await
    .assert_problem(409, "capacity_below_taken");
    app.send(
        Method::PATCH,
        &path,
        Some(&host),
        Some(&json!({"capacity": null})),
    )
    .await
    .assert_problem(422, "validation_failed");

    let raised = app
        .send(
            Method::PATCH,
            &path,
            Some(&host),
            Some(&json!({"capacity": 4})),
        )
        .await;
    assert_eq!(raised.status, StatusCode::OK, "{}", raised.text);
    assert_eq!(
        (
            raised.json["seats_taken"].as_i64(),
            raised.json["waitlist_length"].as_i64()
        ),
        (Some(4), Some(1))
    );
    app.deliver().await;
    // The two who waited longest moved up and got their invitation.
    for email in ["p2@example.com", "p3@example.com"] {
        let mails = app.mails_to(email);
        assert_eq!(
            mails.last().map(|m| m["calendars"][0]["method"].clone()),
            Some(json!("REQUEST")),
            "{email}"
        );
    }
    // The last still waits: their one mail (the waiting-list notice) has no invite.
    let p4 = app.mails_to("p4@example.com");
    assert_eq!(p4.len(), 1);
    assert_eq!(p4[0]["calendars"], json!([]));
}

async fn cancelling_a_webinar_cancels_every_invite(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, host) = app.staff("csm").await;
    let w = app
        .create_webinar(&host, json!({"kind": "expert", "capacity": 1}))
        .await;
    let id = w["id"].as_str().expect("id");
    app.register(id, "seat@example.com", json!({})).await;
    app.register(id, "waiting@example.com", json!({})).await;
    let cancelled = app
        .post(
            &format!("/api/v1/webinars/{id}/cancel"),
            Some(&host),
            &json!({}),
        )
        .await;
    assert_eq!(cancelled.json["status"], "cancelled");
    app.deliver().await;

    let seat = app.mails_to("seat@example.com");
    let last = seat.last().expect("mails");
    assert_eq!(last["calendars"][0]["method"], "CANCEL");
    assert_eq!(last["calendars"][0]["content_type_method"], "CANCEL");
    assert_eq!(last["calendars"][0]["events"][0]["status"], "CANCELLED");
    assert_eq!(
        last["calendars"][0]["events"][0]["uid"],
        seat[0]["calendars"][0]["events"][0]["uid"]
    );
    let waiting = app.mails_to("waiting@example.com");
    assert!(
        waiting.last().expect("mail")["text"]
            .as_str()
            .unwrap_or_default()
            .contains("no longer on the waiting list")
    );

    app.register(id, "late@example.com", json!({}))
        .await
        .assert_problem(409, "session_closed");
    let other = app
        .create_webinar(&host, json!({"starts_at": days_ahead(9)}))
        .await;
    let list = app.get("/api/v1/webinars", None).await;
    let listed: Vec<&str> = list.json["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|w| w["id"].as_str())
        .collect();
    assert_eq!(
        listed,
        [other["id"].as_str().expect("id")],
        "cancelled webinars leave the list"
    );
}

async fn the_calendar_file_is_served(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, host) = app.staff("csm").await;
    let w = app
        .create_webinar(&host, json!({"title": "Q&A; reports, part 2"}))
        .await;
    let id = w["id"].as_str().expect("id");
    let res = app
        .client
        .get(app.url(&format!("/api/v1/webinars/{id}/ics")))
        .send()
        .await
        .expect("sent");
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap_or_default()
            .starts_with("text/calendar")
    );
    let body = res.text().await.expect("body");
    assert!(body.contains("METHOD:PUBLISH"));
    assert!(body.contains("SUMMARY:Q&A\\; reports\\, part 2"));
    assert!(
        !body.contains("meet.example.com"),
        "the join link is not public"
    );
}

async fn the_public_list_pages_in_start_order(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, host) = app.staff("csm").await;
    // Created out of order; two share a start time.
    for (day, title) in [(9, "c"), (3, "a"), (5, "b1"), (5, "b2"), (12, "d")] {
        app.create_webinar(&host, json!({"starts_at": days_ahead(day), "title": title}))
            .await;
    }
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..10 {
        let path = match &cursor {
            Some(c) => format!("/api/v1/webinars?limit=2&cursor={c}"),
            None => "/api/v1/webinars?limit=2".to_owned(),
        };
        let page = app.get(&path, None).await;
        assert!(page.json["items"].as_array().is_some_and(|i| i.len() <= 2));
        seen.extend(
            page.json["items"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|w| w["title"].as_str().unwrap_or_default().to_owned()),
        );
        match page.json["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    assert_eq!(seen.len(), 5, "{seen:?}");
    assert_eq!(seen[0], "a");
    assert!(seen[1..3].contains(&"b1".to_owned()) && seen[1..3].contains(&"b2".to_owned()));
    assert_eq!(&seen[3..], ["c", "d"]);
    app.get("/api/v1/webinars?cursor=bm9wZQ", None)
        .await
        .assert_problem(422, "validation_failed");
}
