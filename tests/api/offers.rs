//! Seat offers (`waitlist_mode: offer`): a freed seat is held for the first
//! on the waiting list, who claims it from the mail; an unclaimed offer
//! passes on at its time, exactly once, across a restart; close to the
//! start the seat is given at once. And the honest chance of a seat shown
//! to those who wait, checked against a hand-computed value.

use std::sync::Arc;

use chrono::{Duration, Utc};
use diesel::prelude::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{Backend, Reply, TestApp, days_ahead, spawn_app, spawn_app_on};
use crate::pages::{assert_html, header, page, submit_with};
use onetomany::worker::run_timed;

both_backends!(
    a_freed_seat_is_held_for_the_first_waiting_who_claims_it,
    an_unclaimed_offer_passes_on_once_after_a_restart,
    close_to_the_start_a_freed_seat_is_given_at_once,
    the_manage_page_claims_with_a_button_only,
    offers_claims_and_expiries_never_overfill,
    the_chance_of_a_seat_is_learned_from_past_cancellations,
);

fn id_of(v: &Value) -> String {
    v["id"].as_str().expect("id").to_owned()
}

fn token_of(v: &Value) -> String {
    v["manage_token"].as_str().expect("token").to_owned()
}

async fn offer_webinar(app: &TestApp, host: &str, extra: Value) -> String {
    let mut body = json!({"kind": "expert", "capacity": 1, "waitlist_mode": "offer"});
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        for (k, v) in e {
            b.insert(k.clone(), v.clone());
        }
    }
    let w = app.create_webinar(host, body).await;
    assert_eq!(w["waitlist_mode"], "offer", "{w}");
    id_of(&w)
}

async fn view(app: &TestApp, reg: &Value) -> Value {
    app.get(
        &format!(
            "/api/v1/registrations/{}?token={}",
            id_of(reg),
            token_of(reg)
        ),
        None,
    )
    .await
    .json
}

async fn post_as_owner(app: &TestApp, reg: &Value, action: &str) -> Reply {
    app.post(
        &format!(
            "/api/v1/registrations/{}/{action}?token={}",
            id_of(reg),
            token_of(reg)
        ),
        None,
        &json!({}),
    )
    .await
}

async fn counters(app: &TestApp, webinar: &str) -> (i64, i64) {
    let w = app.get(&format!("/api/v1/webinars/{webinar}"), None).await;
    (
        w.json["seats_taken"].as_i64().expect("seats"),
        w.json["waitlist_length"].as_i64().expect("waiting"),
    )
}

fn subject(mail: &Value) -> &str {
    mail["subject"].as_str().unwrap_or_default()
}

async fn a_freed_seat_is_held_for_the_first_waiting_who_claims_it(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, host) = app.staff("csm").await;
    let webinar = offer_webinar(&app, &host, json!({})).await;
    let first = app
        .register(&webinar, "first@example.com", json!({}))
        .await
        .json;
    let second = app
        .register(&webinar, "second@example.com", json!({}))
        .await
        .json;
    let third = app
        .register(&webinar, "third@example.com", json!({}))
        .await
        .json;

    let before = Utc::now();
    assert_eq!(
        post_as_owner(&app, &first, "cancel").await.status,
        StatusCode::OK
    );
    let held = view(&app, &second).await;
    assert_eq!(held["status"], "offered", "{held}");
    let until = chrono::DateTime::parse_from_rfc3339(
        held["offer_expires_at"].as_str().expect("offer_expires_at"),
    )
    .expect("time");
    // Held for the webinar's default 12 hours.
    let held_for = until.to_utc() - before;
    assert!(
        held_for > Duration::minutes(719) && held_for <= Duration::minutes(721),
        "{held_for}"
    );
    // The held seat counts as taken: a newcomer waits behind the third.
    assert_eq!(counters(&app, &webinar).await, (1, 1));
    assert_eq!(view(&app, &third).await["waitlist_position"], 1);
    let fourth = app
        .register(&webinar, "fourth@example.com", json!({}))
        .await;
    assert_eq!(fourth.json["status"], "waitlisted");
    assert_eq!(fourth.json["waitlist_position"], 2);

    app.deliver().await;
    let offer = app
        .mails_to("second@example.com")
        .pop()
        .expect("offer mail");
    assert!(
        subject(&offer).starts_with("A seat is held for you"),
        "{offer}"
    );
    assert!(offer["calendars"].as_array().is_none_or(Vec::is_empty));
    let text = offer["text"].as_str().unwrap_or_default();
    assert!(
        text.contains("Take the seat") || text.contains("To take the seat"),
        "{text}"
    );
    assert!(text.contains(&format!("/manage/registration/{}?token=", id_of(&second))));

    // Only the registrant claims; someone without an offer cannot.
    let by_host = app
        .post(
            &format!("/api/v1/registrations/{}/claim", id_of(&second)),
            Some(&host),
            &json!({}),
        )
        .await;
    by_host.assert_problem(403, "forbidden");
    post_as_owner(&app, &third, "claim")
        .await
        .assert_problem(409, "not_offered");
    let claimed = post_as_owner(&app, &second, "claim").await;
    assert_eq!(claimed.status, StatusCode::OK, "{}", claimed.text);
    assert_eq!(claimed.json["status"], "confirmed");
    assert!(claimed.json["offer_expires_at"].is_null());
    // A second press of the button answers the same.
    let again = post_as_owner(&app, &second, "claim").await;
    assert_eq!(again.json["status"], "confirmed", "{}", again.text);
    assert_eq!(counters(&app, &webinar).await, (1, 2));

    app.deliver().await;
    let invite = app.mails_to("second@example.com").pop().expect("invite");
    assert_eq!(invite["calendars"][0]["method"], "REQUEST", "{invite}");
}

async fn an_unclaimed_offer_passes_on_once_after_a_restart(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, host) = app.staff("csm").await;
    let webinar = offer_webinar(&app, &host, json!({"offer_hours": 2})).await;
    let first = app
        .register(&webinar, "first@example.com", json!({}))
        .await
        .json;
    let second = app
        .register(&webinar, "second@example.com", json!({"locale": "de"}))
        .await
        .json;
    let third = app
        .register(&webinar, "third@example.com", json!({}))
        .await
        .json;
    post_as_owner(&app, &first, "cancel").await;
    assert_eq!(view(&app, &second).await["status"], "offered");

    // The offer's end is in the database: a restarted instance knows it.
    let (db, _work) = app.into_parts();
    let app = spawn_app_on(db).await;
    let now = Utc::now();
    let early = run_timed(&app.db, now + Duration::minutes(90))
        .await
        .expect("timed steps");
    assert_eq!(early.offers_expired, 0);
    let due = now + Duration::minutes(121);
    let done = run_timed(&app.db, due).await.expect("timed steps");
    assert_eq!(done.offers_expired, 1);
    // Run again (another instance, or the next tick): nothing more happens.
    let again = run_timed(&app.db, due).await.expect("timed steps");
    assert_eq!(again.offers_expired, 0);

    assert_eq!(view(&app, &second).await["status"], "cancelled");
    assert_eq!(view(&app, &third).await["status"], "offered");
    assert_eq!(counters(&app, &webinar).await, (1, 0));
    post_as_owner(&app, &second, "claim")
        .await
        .assert_problem(409, "not_offered");

    app.deliver_at(due).await;
    let gone = app.mails_to("second@example.com").pop().expect("mail");
    assert!(
        subject(&gone).starts_with("Reservierter Platz weitergegeben"),
        "{gone}"
    );
    let next = app.mails_to("third@example.com").pop().expect("mail");
    assert!(
        subject(&next).starts_with("A seat is held for you"),
        "{next}"
    );
}

async fn close_to_the_start_a_freed_seat_is_given_at_once(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, host) = app.staff("csm").await;
    // Six hours to go, offers held for twelve: no time for an offer.
    let starts = (Utc::now() + Duration::hours(6)).to_rfc3339();
    let webinar = offer_webinar(&app, &host, json!({"starts_at": starts})).await;
    let first = app
        .register(&webinar, "first@example.com", json!({}))
        .await
        .json;
    let second = app
        .register(&webinar, "second@example.com", json!({}))
        .await
        .json;
    post_as_owner(&app, &first, "cancel").await;
    assert_eq!(view(&app, &second).await["status"], "confirmed");
    app.deliver().await;
    let mail = app.mails_to("second@example.com").pop().expect("mail");
    assert!(subject(&mail).starts_with("A seat is yours"), "{mail}");
    assert_eq!(mail["calendars"][0]["method"], "REQUEST");
}

async fn the_manage_page_claims_with_a_button_only(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, host) = app.staff("csm").await;
    let webinar = offer_webinar(&app, &host, json!({})).await;
    let first = app
        .register(&webinar, "first@example.com", json!({}))
        .await
        .json;
    let second = app
        .register(&webinar, "second@example.com", json!({"locale": "fr"}))
        .await
        .json;
    post_as_owner(&app, &first, "cancel").await;
    let (rid, token) = (id_of(&second), token_of(&second));
    let path = format!("/manage/registration/{rid}?token={token}");
    // Opening the page (as a mail scanner does) claims nothing.
    for _ in 0..2 {
        let shown = page(&app, &path, &[]).await;
        assert_html(&shown, StatusCode::OK);
        assert_eq!(header(&shown, "referrer-policy"), "no-referrer");
        assert!(
            shown.text.contains("Une place vous est réservée jusqu’au"),
            "{}",
            shown.text
        );
        assert!(
            shown
                .text
                .contains(&format!(r#"action="/manage/registration/{rid}/claim""#)),
            "{}",
            shown.text
        );
        assert!(shown.text.contains("Confirmer ma place"));
    }
    assert_eq!(view(&app, &second).await["status"], "offered");
    let forged = submit_with(
        &app,
        &format!("/manage/registration/{rid}/claim"),
        &[("token", "x")],
        &[],
    )
    .await;
    assert_html(&forged, StatusCode::FORBIDDEN);
    let claimed = submit_with(
        &app,
        &format!("/manage/registration/{rid}/claim"),
        &[("token", &token)],
        &[],
    )
    .await;
    assert_html(&claimed, StatusCode::OK);
    assert!(
        claimed.text.contains("La place est à vous."),
        "{}",
        claimed.text
    );
    assert!(claimed.text.contains("Confirmée"), "{}", claimed.text);
    assert!(!claimed.text.contains("/claim\""));
    // Pressed again (a second tab): said plainly, nothing breaks.
    let late = submit_with(
        &app,
        &format!("/manage/registration/{rid}/claim"),
        &[("token", &token)],
        &[],
    )
    .await;
    assert_html(&late, StatusCode::OK);
    assert_eq!(view(&app, &second).await["status"], "confirmed");
}

/// Capacity 3 in offer mode: at once, the confirmed cancel (making offers),
/// newcomers join, every waiting person tries to claim, and expiry passes
/// run as if their time had come. Afterwards confirmed plus offered never
/// exceed the capacity, and the counters equal the rows.
async fn offers_claims_and_expiries_never_overfill(backend: Backend) {
    let app = Arc::new(spawn_app(backend).await);
    let (_, host) = app.staff("csm").await;
    let webinar = offer_webinar(&app, &host, json!({"capacity": 3, "offer_hours": 1})).await;
    let mut early = Vec::new();
    for i in 0..15 {
        let r = app
            .register(&webinar, &format!("early{i}@example.com"), json!({}))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        early.push(r.json);
    }
    let mut tasks = Vec::new();
    for (i, reg) in early.iter().enumerate() {
        let (app, reg) = (app.clone(), reg.clone());
        let action = if i < 3 || i % 4 == 0 {
            "cancel"
        } else {
            "claim"
        };
        tasks.push(tokio::spawn(async move {
            let r = post_as_owner(&app, &reg, action).await;
            (action, r.status)
        }));
    }
    for i in 0..10 {
        let (app, webinar) = (app.clone(), webinar.clone());
        tasks.push(tokio::spawn(async move {
            let r = app
                .register(&webinar, &format!("rush{i}@example.com"), json!({}))
                .await;
            ("register", r.status)
        }));
    }
    for i in 0..4 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            let at = Utc::now() + Duration::minutes(61 + 61 * i);
            run_timed(&app.db, at).await.expect("timed steps");
            ("expire", StatusCode::OK)
        }));
    }
    for t in tasks {
        let (what, status) = t.await.expect("task");
        let fine = match what {
            "claim" => [StatusCode::OK, StatusCode::CONFLICT].contains(&status),
            "register" => status == StatusCode::CREATED,
            _ => status == StatusCode::OK,
        };
        assert!(fine, "{what}: {status}");
    }
    // Whatever is still offered may be claimed now.
    for reg in &early {
        let r = post_as_owner(&app, reg, "claim").await;
        assert!(
            [StatusCode::OK, StatusCode::CONFLICT].contains(&r.status),
            "{}",
            r.text
        );
    }

    let rows = app
        .get(
            &format!("/api/v1/webinars/{webinar}/registrations?limit=500"),
            Some(&host),
        )
        .await
        .json["items"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(rows.len(), 25);
    let count = |s: &str| rows.iter().filter(|r| r["status"] == s).count() as i64;
    let (confirmed, offered, waiting) = (count("confirmed"), count("offered"), count("waitlisted"));
    assert!(confirmed + offered <= 3, "{confirmed} + {offered} > 3");
    assert_eq!(
        counters(&app, &webinar).await,
        (confirmed + offered, waiting)
    );
    let mut positions: Vec<i64> = rows
        .iter()
        .filter_map(|r| r["waitlist_position"].as_i64())
        .collect();
    positions.sort_unstable();
    assert_eq!(positions, (1..=waiting).collect::<Vec<_>>());
    // Nobody waits while a seat is free.
    assert!(waiting == 0 || confirmed + offered == 3);
}

/// 20 people held a seat in a past "history" session and 5 of them
/// cancelled: a rate of 1/4. With two seats taken, the first waiting gets
/// one unless neither cancels, 1 − (3/4)² = 7/16; the second only if both
/// do, (1/4)² = 1/16.
async fn the_chance_of_a_seat_is_learned_from_past_cancellations(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, host) = app.staff("csm").await;
    let past = app
        .create_webinar(&host, json!({"topic": "history", "title": "Past session"}))
        .await;
    let past_id = id_of(&past);
    let mut regs = Vec::new();
    for i in 0..20 {
        let r = app
            .register(&past_id, &format!("past{i}@example.com"), json!({}))
            .await;
        regs.push(r.json);
    }

    let webinar = app
        .create_webinar(
            &host,
            json!({"kind": "expert", "capacity": 2, "topic": "history",
                "starts_at": days_ahead(10)}),
        )
        .await;
    let webinar = id_of(&webinar);
    for email in ["a@example.com", "b@example.com"] {
        app.register(&webinar, email, json!({})).await;
    }
    let first = app
        .register(&webinar, "c@example.com", json!({}))
        .await
        .json;
    // Before the past session has happened there is nothing to learn from.
    assert!(view(&app, &first).await["seat_chance"].is_null());
    app.deliver().await;
    let early = app.mails_to("c@example.com").pop().expect("mail");
    assert!(
        !early["text"]
            .as_str()
            .unwrap_or_default()
            .contains("chance"),
        "no history yet: {early}"
    );

    for reg in &regs[..5] {
        post_as_owner(&app, reg, "cancel").await;
    }
    // The session is now in the past.
    let past = past_id.clone();
    app.sql(move |conn| {
        use onetomany::db::schema::webinars::dsl::*;
        let start = (Utc::now() - Duration::days(2)).naive_utc();
        diesel::update(webinars.filter(id.eq(&past)))
            .set((starts_at.eq(start), ends_at.eq(start + Duration::hours(1))))
            .execute(conn)?;
        Ok(())
    })
    .await;

    let second = app
        .register(&webinar, "d@example.com", json!({"locale": "de"}))
        .await
        .json;
    let chance = |v: &Value| v["seat_chance"].as_f64().expect("a chance");
    let c1 = chance(&view(&app, &first).await);
    let c2 = chance(&view(&app, &second).await);
    assert!((c1 - 7.0 / 16.0).abs() < 1e-9, "{c1}");
    assert!((c2 - 1.0 / 16.0).abs() < 1e-9, "{c2}");
    // A confirmed registration has no chance to show.
    let confirmed = app
        .get(
            &format!("/api/v1/webinars/{webinar}/registrations"),
            Some(&host),
        )
        .await;
    let items = confirmed.json["items"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(
        items
            .iter()
            .filter(|r| r["status"] == "confirmed")
            .all(|r| r["seat_chance"].is_null())
    );
    assert!(items.iter().any(|r| r["seat_chance"].as_f64().is_some()));

    // In words, on the manage page and in the waiting-list mail.
    let shown = page(
        &app,
        &format!(
            "/manage/registration/{}?token={}",
            id_of(&second),
            token_of(&second)
        ),
        &[],
    )
    .await;
    assert!(
        shown
            .text
            .contains("etwa 1 von 16, geschätzt aus früheren Terminen"),
        "{}",
        shown.text
    );
    app.deliver().await;
    let mail = app.mails_to("d@example.com").pop().expect("mail");
    assert!(
        mail["text"]
            .as_str()
            .unwrap_or_default()
            .contains("liegt Ihre Chance auf einen Platz vor Beginn bei etwa 1 von 16."),
        "{mail}"
    );
}
