//! Public registration, the waiting list, cancellation with promotion,
//! attendance, and the seat invariant under concurrency.

use std::collections::HashMap;

use diesel::prelude::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{Backend, TestApp, spawn_app};

both_backends!(
    registrants_get_seats_then_wait_in_order,
    a_second_registration_is_refused_and_mailed_again,
    expert_webinars_need_a_situation_and_hosts_see_it,
    cancelling_hands_the_seat_to_the_first_waiting,
    the_manage_token_opens_only_its_own_registration,
    registration_closes_when_the_session_starts,
    hosts_mark_attendance,
    concurrent_registrations_never_overbook,
    waiting_list_positions_are_exact_under_a_race,
    repeats_resend_the_confirmation_at_most_every_fifteen_minutes,
);

async fn registrants_get_seats_then_wait_in_order(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, host) = app.staff("csm").await;
    let w = app
        .create_webinar(&host, json!({"kind": "expert", "capacity": 2}))
        .await;
    let id = w["id"].as_str().expect("id");
    let mut replies = Vec::new();
    for i in 0..5 {
        let r = app
            .register(id, &format!("p{i}@example.com"), json!({}))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        replies.push(r.json);
    }
    let statuses: Vec<&str> = replies
        .iter()
        .filter_map(|r| r["status"].as_str())
        .collect();
    assert_eq!(
        statuses,
        [
            "confirmed",
            "confirmed",
            "waitlisted",
            "waitlisted",
            "waitlisted"
        ]
    );
    let positions: Vec<Value> = replies
        .iter()
        .map(|r| r["waitlist_position"].clone())
        .collect();
    assert_eq!(
        positions,
        [json!(null), json!(null), json!(1), json!(2), json!(3)]
    );
    assert!(
        replies
            .iter()
            .all(|r| r["manage_token"].as_str().is_some_and(|t| t.len() > 20))
    );

    let after = app.get(&format!("/api/v1/webinars/{id}"), None).await;
    assert_eq!(
        (
            after.json["seats_taken"].as_i64(),
            after.json["seats_left"].as_i64(),
            after.json["waitlist_length"].as_i64()
        ),
        (Some(2), Some(0), Some(3))
    );

    app.deliver().await;
    let confirmed = app.mails_to("p0@example.com");
    assert_eq!(confirmed.len(), 1);
    assert_eq!(confirmed[0]["calendars"][0]["method"], "REQUEST");
    let waiting = app.mails_to("p3@example.com");
    assert_eq!(waiting.len(), 1);
    assert!(
        waiting[0]["calendars"]
            .as_array()
            .is_some_and(Vec::is_empty),
        "no invite until promoted"
    );
    assert!(
        waiting[0]["attachments"]
            .as_array()
            .is_some_and(Vec::is_empty)
    );
    assert!(
        waiting[0]["text"]
            .as_str()
            .unwrap_or_default()
            .contains("position 2")
    );
}

async fn a_second_registration_is_refused_and_mailed_again(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, host) = app.staff("csm").await;
    let id = app.create_webinar(&host, json!({})).await["id"]
        .as_str()
        .expect("id")
        .to_owned();
    assert_eq!(
        app.register(&id, "Ana@Example.com", json!({})).await.status,
        StatusCode::CREATED
    );
    let again = app
        .register(&id, "ana@EXAMPLE.com", json!({"name": "Someone Else"}))
        .await;
    again.assert_problem(409, "already_registered");
    assert!(
        !again.text.contains("manage_token") && !again.text.contains("eyJ"),
        "no token in the refusal"
    );
    app.deliver().await;
    let mails = app.mails_to("ana@example.com");
    assert_eq!(mails.len(), 2, "the confirmation went out again");
    assert_eq!(
        mails[1]["calendars"][0]["events"][0]["uid"],
        mails[0]["calendars"][0]["events"][0]["uid"]
    );
    assert!(
        mails[1]["to"]
            .as_str()
            .unwrap_or_default()
            .contains("Customer Ana"),
        "the stored registration is unchanged"
    );
    let w = app.get(&format!("/api/v1/webinars/{id}"), None).await;
    assert_eq!(w.json["seats_taken"], 1);
}

async fn expert_webinars_need_a_situation_and_hosts_see_it(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, host) = app.staff("csm").await;
    let (_, other_csm) = app.staff("csm").await;
    let (_, marketing) = app.staff("marketing").await;
    let id = app
        .create_webinar(&host, json!({"kind": "expert", "capacity": 5}))
        .await["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let none = app
        .post(
            &format!("/api/v1/webinars/{id}/registrations"),
            None,
            &json!({"email": "a@example.com", "name": "A"}),
        )
        .await;
    none.assert_problem(422, "validation_failed");
    assert_eq!(none.json["errors"][0]["field"], "situation");

    let ok = app
        .register(&id, "b@example.com", json!({"situation": "Três lojas, um estoque.\nComo consolidar?",
            "questions": ["Can we export to CSV?", "  "], "company": "Loja Ltda", "marketing_consent": true}))
        .await;
    assert_eq!(ok.status, StatusCode::CREATED);

    let list_path = format!("/api/v1/webinars/{id}/registrations");
    let list = app.get(&list_path, Some(&host)).await;
    assert_eq!(list.status, StatusCode::OK);
    let reg = &list.json["items"][0];
    assert_eq!(
        reg["situation"],
        "Três lojas, um estoque.\nComo consolidar?"
    );
    assert_eq!(reg["questions"], json!(["Can we export to CSV?"]));
    assert_eq!(reg["company"], "Loja Ltda");
    assert_eq!(reg["marketing_consent"], true);
    assert_eq!(
        app.get(&list_path, Some(&marketing)).await.status,
        StatusCode::OK
    );
    app.get(&list_path, Some(&other_csm))
        .await
        .assert_problem(403, "forbidden");
    app.get(&list_path, None)
        .await
        .assert_problem(401, "unauthorized");

    let long = app
        .register(&id, "c@example.com", json!({"situation": "x".repeat(4001)}))
        .await;
    long.assert_problem(422, "validation_failed");
}

async fn cancel(app: &TestApp, id: &str, token: &str) -> crate::helpers::Reply {
    app.post(
        &format!("/api/v1/registrations/{id}/cancel?token={token}"),
        None,
        &json!({}),
    )
    .await
}

async fn cancelling_hands_the_seat_to_the_first_waiting(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, host) = app.staff("csm").await;
    let id = app
        .create_webinar(&host, json!({"kind": "expert", "capacity": 1}))
        .await["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let first = app.register(&id, "first@example.com", json!({})).await.json;
    let second = app
        .register(&id, "second@example.com", json!({}))
        .await
        .json;
    let third = app.register(&id, "third@example.com", json!({})).await.json;
    app.deliver().await;

    let done = cancel(
        &app,
        first["id"].as_str().expect("id"),
        first["manage_token"].as_str().expect("token"),
    )
    .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text);
    assert_eq!(done.json["status"], "cancelled");

    let token = |r: &Value| r["manage_token"].as_str().expect("token").to_owned();
    let view = |r: &Value| {
        format!(
            "/api/v1/registrations/{}?token={}",
            r["id"].as_str().unwrap_or_default(),
            token(r)
        )
    };
    let promoted = app.get(&view(&second), None).await;
    assert_eq!(
        (
            promoted.json["status"].as_str(),
            promoted.json["waitlist_position"].is_null()
        ),
        (Some("confirmed"), true)
    );
    let still = app.get(&view(&third), None).await;
    assert_eq!(
        (
            still.json["status"].as_str(),
            still.json["waitlist_position"].as_i64()
        ),
        (Some("waitlisted"), Some(1))
    );

    app.deliver().await;
    let cancel_mail = app.mails_to("first@example.com").pop().expect("mail");
    assert_eq!(cancel_mail["calendars"][0]["method"], "CANCEL");
    let invite = app.mails_to("second@example.com").pop().expect("mail");
    assert_eq!(invite["calendars"][0]["method"], "REQUEST");
    assert!(
        invite["subject"]
            .as_str()
            .unwrap_or_default()
            .starts_with("A seat is yours")
    );
    assert_eq!(invite["attachments"][0]["filename"], "invite.ics");

    // Cancelling twice changes nothing more.
    let again = cancel(&app, first["id"].as_str().expect("id"), &token(&first)).await;
    assert_eq!(again.status, StatusCode::OK);
    let w = app.get(&format!("/api/v1/webinars/{id}"), None).await;
    assert_eq!(
        (
            w.json["seats_taken"].as_i64(),
            w.json["waitlist_length"].as_i64()
        ),
        (Some(1), Some(1))
    );

    // The host may cancel a registration too; a waitlisted one just leaves.
    let by_host = app
        .post(
            &format!(
                "/api/v1/registrations/{}/cancel",
                third["id"].as_str().unwrap_or_default()
            ),
            Some(&host),
            &json!({}),
        )
        .await;
    assert_eq!(by_host.json["status"], "cancelled");
    let w = app.get(&format!("/api/v1/webinars/{id}"), None).await;
    assert_eq!(w.json["waitlist_length"], 0);
}

async fn the_manage_token_opens_only_its_own_registration(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, host) = app.staff("csm").await;
    let id = app.create_webinar(&host, json!({})).await["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let a = app.register(&id, "a@example.com", json!({})).await.json;
    let b = app.register(&id, "b@example.com", json!({})).await.json;
    let (a_id, a_token) = (
        a["id"].as_str().expect("id"),
        a["manage_token"].as_str().expect("token"),
    );
    let b_token = b["manage_token"].as_str().expect("token");

    let mine = app
        .get(&format!("/api/v1/registrations/{a_id}"), Some(a_token))
        .await;
    assert_eq!(mine.json["email"], "a@example.com");
    app.get(
        &format!("/api/v1/registrations/{a_id}?token={b_token}"),
        None,
    )
    .await
    .assert_problem(401, "unauthorized");
    cancel(&app, a_id, b_token)
        .await
        .assert_problem(401, "unauthorized");
    app.get(&format!("/api/v1/registrations/{a_id}"), None)
        .await
        .assert_problem(401, "unauthorized");
    // A manage token is no staff token.
    app.get("/api/v1/me", Some(a_token))
        .await
        .assert_problem(401, "unauthorized");
    let still = app
        .get(&format!("/api/v1/registrations/{a_id}"), Some(a_token))
        .await;
    assert_eq!(still.json["status"], "confirmed");
}

async fn registration_closes_when_the_session_starts(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, host) = app.staff("csm").await;
    let id = app.create_webinar(&host, json!({})).await["id"]
        .as_str()
        .expect("id")
        .to_owned();
    // Let time pass: the session started a minute ago.
    let moved = id.clone();
    app.sql(move |conn| {
        use onetomany::db::schema::webinars::dsl::*;
        let start = (chrono::Utc::now() - chrono::Duration::minutes(1)).naive_utc();
        diesel::update(webinars.filter(id.eq(&moved)))
            .set((
                starts_at.eq(start),
                ends_at.eq(start + chrono::Duration::hours(1)),
            ))
            .execute(conn)?;
        Ok(())
    })
    .await;
    app.register(&id, "late@example.com", json!({}))
        .await
        .assert_problem(409, "session_closed");
    app.register("no-such-webinar", "x@example.com", json!({}))
        .await
        .assert_problem(422, "validation_failed");
    app.register(
        "0190e1c2-7b3a-7c4d-8e5f-0123456789ab",
        "x@example.com",
        json!({}),
    )
    .await
    .assert_problem(404, "not_found");
}

async fn hosts_mark_attendance(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, host) = app.staff("csm").await;
    let (_, other) = app.staff("csm").await;
    let id = app.create_webinar(&host, json!({})).await["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let a = app.register(&id, "a@example.com", json!({})).await.json["id"].clone();
    let b = app.register(&id, "b@example.com", json!({})).await.json["id"].clone();
    let path = format!("/api/v1/webinars/{id}/attendance");
    app.post(&path, Some(&other), &json!({"attended": [a]}))
        .await
        .assert_problem(403, "forbidden");
    let bad = app
        .post(&path, Some(&host), &json!({"attended": [a, "unknown-id"]}))
        .await;
    bad.assert_problem(422, "validation_failed");
    assert_eq!(bad.json["errors"][0]["field"], "attended[1]");
    let ok = app
        .post(
            &path,
            Some(&host),
            &json!({"attended": [a], "no_show": [b]}),
        )
        .await;
    assert_eq!(ok.json["marked"], 2);
    let list = app
        .get(&format!("/api/v1/webinars/{id}/registrations"), Some(&host))
        .await;
    let attended: HashMap<String, Value> = list.json["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|r| {
            (
                r["email"].as_str().unwrap_or_default().to_owned(),
                r["attended"].clone(),
            )
        })
        .collect();
    assert_eq!(attended["a@example.com"], json!(true));
    assert_eq!(attended["b@example.com"], json!(false));
}

/// 60 registrations and 20 cancellations fired at once at a 5-seat
/// webinar: never more than 5 confirmed, counters equal the rows, and the
/// waiting list numbered 1..n without gaps in arrival order.
async fn concurrent_registrations_never_overbook(backend: Backend) {
    let app = std::sync::Arc::new(spawn_app(backend).await);
    let (_, host) = app.staff("csm").await;
    let id = app
        .create_webinar(&host, json!({"kind": "expert", "capacity": 5}))
        .await["id"]
        .as_str()
        .expect("id")
        .to_owned();
    // 20 early registrants whose cancellations race the newcomers.
    let mut early = Vec::new();
    for i in 0..20 {
        early.push(
            app.register(&id, &format!("early{i}@example.com"), json!({}))
                .await
                .json,
        );
    }
    let mut tasks = Vec::new();
    for i in 0..60 {
        let (app, id) = (app.clone(), id.clone());
        tasks.push(tokio::spawn(async move {
            app.register(&id, &format!("rush{i}@example.com"), json!({}))
                .await
                .status
        }));
    }
    for r in &early {
        let app = app.clone();
        let (rid, token) = (
            r["id"].as_str().unwrap_or_default().to_owned(),
            r["manage_token"].as_str().unwrap_or_default().to_owned(),
        );
        tasks.push(tokio::spawn(async move {
            cancel(&app, &rid, &token).await.status
        }));
    }
    for t in tasks {
        let status = t.await.expect("task");
        assert!(
            status == StatusCode::CREATED || status == StatusCode::OK,
            "{status}"
        );
    }

    let mut all = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/webinars/{id}/registrations?limit=500&cursor={c}"),
            None => format!("/api/v1/webinars/{id}/registrations?limit=500"),
        };
        let page = app.get(&path, Some(&host)).await;
        all.extend(page.json["items"].as_array().cloned().unwrap_or_default());
        match page.json["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    assert_eq!(all.len(), 80);
    let count = |s: &str| all.iter().filter(|r| r["status"] == s).count();
    let (confirmed, waitlisted, cancelled) =
        (count("confirmed"), count("waitlisted"), count("cancelled"));
    assert_eq!(cancelled, 20);
    assert_eq!(confirmed, 5, "60 active registrants for 5 seats");
    assert_eq!(waitlisted, 55);
    let mut waiting: Vec<&Value> = all.iter().filter(|r| r["status"] == "waitlisted").collect();
    waiting.sort_by_key(|r| r["waitlist_position"].as_i64());
    let positions: Vec<i64> = waiting
        .iter()
        .filter_map(|r| r["waitlist_position"].as_i64())
        .collect();
    assert_eq!(positions, (1..=55).collect::<Vec<_>>());
    let arrival: Vec<&str> = waiting
        .iter()
        .filter_map(|r| r["registered_at"].as_str())
        .collect();
    assert_eq!(arrival.len(), 55);
    let mut sorted = arrival.clone();
    sorted.sort_unstable();
    assert_eq!(arrival, sorted, "positions follow arrival order");

    let w = app.get(&format!("/api/v1/webinars/{id}"), None).await;
    assert_eq!(
        (
            w.json["seats_taken"].as_i64(),
            w.json["waitlist_length"].as_i64()
        ),
        (Some(5), Some(55))
    );
}

/// 40 registrations race for a full webinar: each is told a distinct place,
/// 1..=40, in the order they got the webinar's lock. Later, the place shown
/// falls as people ahead are promoted or leave.
async fn waiting_list_positions_are_exact_under_a_race(backend: Backend) {
    let app = std::sync::Arc::new(spawn_app(backend).await);
    let (_, host) = app.staff("csm").await;
    let id = app
        .create_webinar(&host, json!({"kind": "expert", "capacity": 2}))
        .await["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let mut seated = Vec::new();
    for i in 0..2 {
        let r = app
            .register(&id, &format!("seated{i}@example.com"), json!({}))
            .await;
        assert_eq!(r.json["status"], "confirmed", "{}", r.text);
        seated.push(r.json);
    }
    let tasks: Vec<_> = (0..40)
        .map(|i| {
            let (app, id) = (app.clone(), id.clone());
            tokio::spawn(async move {
                app.register(&id, &format!("race{i}@example.com"), json!({}))
                    .await
            })
        })
        .collect();
    let mut waiting = Vec::new();
    for t in tasks {
        let r = t.await.expect("task");
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        assert_eq!(r.json["status"], "waitlisted", "{}", r.text);
        waiting.push(r.json);
    }
    let mut positions: Vec<i64> = waiting
        .iter()
        .filter_map(|r| r["waitlist_position"].as_i64())
        .collect();
    positions.sort_unstable();
    assert_eq!(positions, (1..=40).collect::<Vec<_>>());

    // The places told follow the order in which the lock was taken.
    let arrivals: HashMap<String, i32> = {
        let id = id.clone();
        app.sql(move |conn| {
            use onetomany::db::schema::registrations::dsl as r;
            Ok(r::registrations
                .filter(r::webinar_id.eq(&id))
                .select((r::id, r::arrival))
                .load::<(String, i32)>(conn)?
                .into_iter()
                .collect())
        })
        .await
    };
    waiting.sort_by_key(|r| arrivals.get(r["id"].as_str().unwrap_or_default()).copied());
    let in_lock_order: Vec<i64> = waiting
        .iter()
        .filter_map(|r| r["waitlist_position"].as_i64())
        .collect();
    assert_eq!(in_lock_order, (1..=40).collect::<Vec<_>>());

    // A seat frees (the first waiting moves up) and the fifth leaves: the
    // tenth is now eighth.
    let token = |r: &Value| r["manage_token"].as_str().unwrap_or_default().to_owned();
    let rid = |r: &Value| r["id"].as_str().unwrap_or_default().to_owned();
    let view = |r: &Value| format!("/api/v1/registrations/{}?token={}", rid(r), token(r));
    let tenth = app.get(&view(&waiting[9]), None).await;
    assert_eq!(tenth.json["waitlist_position"], 10, "{}", tenth.text);
    let freed = cancel(&app, &rid(&seated[0]), &token(&seated[0])).await;
    assert_eq!(freed.status, StatusCode::OK, "{}", freed.text);
    let left = cancel(&app, &rid(&waiting[4]), &token(&waiting[4])).await;
    assert_eq!(left.json["status"], "cancelled", "{}", left.text);
    let first = app.get(&view(&waiting[0]), None).await;
    assert_eq!(first.json["status"], "confirmed", "{}", first.text);
    let tenth = app.get(&view(&waiting[9]), None).await;
    assert_eq!(
        (
            tenth.json["status"].as_str(),
            tenth.json["waitlist_position"].as_i64()
        ),
        (Some("waitlisted"), Some(8)),
        "{}",
        tenth.text
    );
    let last = app.get(&view(&waiting[39]), None).await;
    assert_eq!(last.json["waitlist_position"], 38, "{}", last.text);
    let w = app.get(&format!("/api/v1/webinars/{id}"), None).await;
    assert_eq!(w.json["waitlist_length"], 38);
}

/// Registering the same address again answers 409 and re-sends the
/// confirmation, but at most once per 15 minutes: no mail bomb.
async fn repeats_resend_the_confirmation_at_most_every_fifteen_minutes(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, host) = app.staff("csm").await;
    let id = app.create_webinar(&host, json!({})).await["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let first = app.register(&id, "target@example.com", json!({})).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text);
    for _ in 0..3 {
        app.register(&id, "target@example.com", json!({}))
            .await
            .assert_problem(409, "already_registered");
    }
    app.deliver().await;
    assert_eq!(
        app.mails_to("target@example.com").len(),
        2,
        "the confirmation and one re-send"
    );

    // Sixteen minutes later a repeat sends it again.
    let reg_id = first.json["id"].as_str().expect("id").to_owned();
    app.sql(move |conn| {
        use onetomany::db::schema::registrations::dsl::*;
        let earlier = (chrono::Utc::now() - chrono::Duration::minutes(16)).naive_utc();
        diesel::update(registrations.filter(id.eq(&reg_id)))
            .set(resent_at.eq(Some(earlier)))
            .execute(conn)?;
        Ok(())
    })
    .await;
    app.register(&id, "target@example.com", json!({}))
        .await
        .assert_problem(409, "already_registered");
    app.register(&id, "target@example.com", json!({}))
        .await
        .assert_problem(409, "already_registered");
    app.deliver().await;
    let mails = app.mails_to("target@example.com");
    assert_eq!(mails.len(), 3, "one more re-send after the interval");
    assert_eq!(
        mails[2]["calendars"][0]["events"][0]["uid"], mails[0]["calendars"][0]["events"][0]["uid"],
        "the same invitation again"
    );
}
