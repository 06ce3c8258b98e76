//! The one-hour queue: first-come-first-served allocation, eligibility and
//! limits, the life of an appointment, and no double booking.

use std::collections::HashSet;
use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{Backend, Reply, TestApp, TestDb, spawn_app, spawn_app_with};

both_backends!(
    the_queue_is_first_come_first_served,
    a_customer_in_another_zone_gets_an_hour_in_their_window,
    eligibility_one_request_and_the_account_quota,
    cancel_and_reschedule_hand_hours_on,
    csms_complete_appointments_and_see_the_queue,
    a_csm_is_never_double_booked_under_concurrency,
    customers_are_reminded_of_their_hour_once,
);

/// A date `days` from today (UTC), as YYYY-MM-DD.
pub(crate) fn date_in(days: i64) -> String {
    (Utc::now() + Duration::days(days))
        .format("%Y-%m-%d")
        .to_string()
}

pub(crate) async fn put_availability(
    app: &TestApp,
    token: &str,
    user_id: &str,
    body: Value,
) -> Reply {
    app.send(
        Method::PUT,
        &format!("/api/v1/users/{user_id}/availability"),
        Some(token),
        Some(&body),
    )
    .await
}

/// A CSM free only on the given dates, 09:00–`end` in `tz`.
pub(crate) async fn csm_with_hours(
    app: &TestApp,
    tz: &str,
    dates: &[String],
    end: &str,
) -> (String, String) {
    let (id, token) = app.staff("csm").await;
    let exceptions: Vec<Value> = dates
        .iter()
        .map(|d| json!({"date": d, "start": "09:00", "end": end}))
        .collect();
    let r = put_availability(
        app,
        &token,
        &id,
        json!({"timezone": tz, "weekly": [], "exceptions": exceptions}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    (id, token)
}

/// Asks for an hour (`POST /api/v1/queue`), as anyone can.
pub(crate) async fn request(app: &TestApp, email: &str, extra: Value) -> Reply {
    let mut body = json!({"email": email, "name": format!("Customer {email}"), "topic": "Reporting",
        "situation": "Our monthly report takes an hour to build.", "timezone": "Europe/Berlin"});
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        for (k, v) in e {
            b.insert(k.clone(), v.clone());
        }
    }
    app.post("/api/v1/queue", None, &body).await
}

/// The link of the newest confirmation mail to `email` (delivering what is
/// due first), as a path with its query: the confirmation page
/// `/manage/queue/{id}/confirm?token=…`.
pub(crate) async fn confirmation_link(app: &TestApp, email: &str) -> String {
    app.deliver().await;
    let mails = app.mails_to(email);
    let mail = mails
        .iter()
        .rev()
        .find(|m| {
            m["subject"]
                .as_str()
                .is_some_and(|s| s.starts_with("Please confirm"))
        })
        .unwrap_or_else(|| panic!("a confirmation mail to {email}"));
    let text = mail["text"].as_str().unwrap_or_default();
    let start = text.find("/manage/queue/").expect("a link in the mail");
    text[start..]
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// `POST /api/v1/queue/{id}/confirm` with the token of a confirmation link.
pub(crate) async fn confirm_link(app: &TestApp, link: &str) -> Reply {
    let (path, query) = link.split_once('?').expect("a query");
    let api = path.replacen("/manage/queue/", "/api/v1/queue/", 1);
    app.post(&format!("{api}?{query}"), None, &json!({})).await
}

/// Asks for an hour as its owner would: the request, then (when the
/// service asks for it) the confirmation through the mailed link. The
/// answer is the one that carries the manage token.
pub(crate) async fn ask(app: &TestApp, email: &str, extra: Value) -> Reply {
    let made = request(app, email, extra).await;
    if made.json["status"] != "unconfirmed" {
        return made;
    }
    let link = confirmation_link(app, email).await;
    let confirmed = confirm_link(app, &link).await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.text);
    confirmed
}

pub(crate) fn start_of(r: &Value) -> DateTime<Utc> {
    r["appointment"]["starts_at"]
        .as_str()
        .expect("appointment")
        .parse()
        .expect("time")
}

pub(crate) async fn slots(app: &TestApp, from: &str, to: &str) -> Vec<(String, u64)> {
    let r = app
        .get(
            &format!("/api/v1/office-hours/slots?from={from}&to={to}"),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    r.json["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|s| {
            (
                s["starts_at"].as_str().unwrap_or_default().to_owned(),
                s["hosts_free"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

async fn the_queue_is_first_come_first_served(backend: Backend) {
    let app = spawn_app(backend).await;
    let days = [date_in(3), date_in(4)];
    let (csm_id, _) = csm_with_hours(&app, "UTC", &days, "10:00").await;
    let first = ask(&app, "first@one.example", json!({})).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text);
    assert_eq!(first.json["status"], "scheduled");
    assert_eq!(first.json["appointment"]["host"]["id"], csm_id.as_str());
    assert_eq!(
        first.json["appointment"]["starts_at"],
        format!("{}T09:00:00.000Z", days[0])
    );
    assert!(first.json["manage_token"].as_str().is_some());
    let second = ask(&app, "second@two.example", json!({})).await;
    assert_eq!(
        second.json["appointment"]["starts_at"],
        format!("{}T09:00:00.000Z", days[1])
    );
    // No hour left: the next wait in arrival order.
    let third = ask(&app, "third@three.example", json!({})).await;
    let fourth = ask(&app, "fourth@four.example", json!({})).await;
    assert_eq!(
        (
            third.json["status"].as_str(),
            third.json["position"].as_i64()
        ),
        (Some("waiting"), Some(1))
    );
    assert_eq!(
        (
            fourth.json["status"].as_str(),
            fourth.json["position"].as_i64()
        ),
        (Some("waiting"), Some(2))
    );
    assert!(third.json["appointment"].is_null());

    // A new hour goes to the oldest waiting request.
    csm_with_hours(&app, "UTC", &[date_in(6)], "10:00").await;
    let token = third.json["manage_token"].as_str().expect("token");
    let view = app
        .get(
            &format!(
                "/api/v1/queue/{}?token={token}",
                third.json["id"].as_str().unwrap_or_default()
            ),
            None,
        )
        .await;
    assert_eq!(view.json["status"], "scheduled", "{}", view.text);
    let token4 = fourth.json["manage_token"].as_str().expect("token");
    let view4 = app
        .get(
            &format!(
                "/api/v1/queue/{}?token={token4}",
                fourth.json["id"].as_str().unwrap_or_default()
            ),
            None,
        )
        .await;
    assert_eq!(
        (
            view4.json["status"].as_str(),
            view4.json["position"].as_i64()
        ),
        (Some("waiting"), Some(1))
    );

    // Invitations: the customer and the CSM get the same event.
    app.deliver().await;
    let customer = app.mails_to("first@one.example");
    let invite = customer
        .iter()
        .find(|m| m["calendars"][0]["method"] == "REQUEST")
        .expect("the customer's invitation");
    let ev = &invite["calendars"][0]["events"][0];
    let host_email = app
        .get("/api/v1/me", Some(&app.login_token_of(&csm_id).await))
        .await
        .json["email"]
        .clone();
    let host_mails = app.mails_to(host_email.as_str().unwrap_or_default());
    assert!(
        host_mails
            .iter()
            .any(|m| m["calendars"][0]["events"][0]["uid"] == ev["uid"]),
        "the CSM's copy has the same UID"
    );
    assert!(
        ev["uid"]
            .as_str()
            .unwrap_or_default()
            .starts_with("appointment-")
    );
    let waiting = app.mails_to("fourth@four.example");
    assert!(
        waiting.iter().any(|m| m["subject"]
            .as_str()
            .is_some_and(|s| s.contains("(position 2)"))
            && m["text"]
                .as_str()
                .unwrap_or_default()
                .contains("position 2")),
        "{waiting:?}"
    );
}

async fn a_customer_in_another_zone_gets_an_hour_in_their_window(backend: Backend) {
    let app = spawn_app(backend).await;
    // A Berlin CSM free 09:00–17:00 Berlin time on one day.
    let day = date_in(4);
    csm_with_hours(&app, "Europe/Berlin", std::slice::from_ref(&day), "17:00").await;
    let weekday = NaiveDate::parse_from_str(&day, "%Y-%m-%d")
        .expect("date")
        .format("%a")
        .to_string()
        .to_lowercase();
    // A customer in São Paulo prefers 10:00–12:00 their time (= 14:00–16:00 Berlin in winter, 15:00–17:00 in summer).
    let r = ask(
        &app,
        "ana@loja.example",
        json!({"timezone": "America/Sao_Paulo",
        "preferred": [{"day": weekday, "start": "10:00", "end": "12:00"}]}),
    )
    .await;
    assert_eq!(r.json["status"], "scheduled", "{}", r.text);
    let start = start_of(&r.json);
    let local = start.with_timezone(&chrono_tz::America::Sao_Paulo);
    assert_eq!(local.format("%H:%M").to_string(), "10:00");
    let berlin = start
        .with_timezone(&chrono_tz::Europe::Berlin)
        .format("%H:%M")
        .to_string();
    assert!(berlin == "14:00" || berlin == "15:00", "{berlin}");
    // Nothing fits a window the CSM never offers: the request waits.
    let r = ask(
        &app,
        "ben@loja2.example",
        json!({"timezone": "America/Sao_Paulo",
        "preferred": [{"day": weekday, "start": "20:00", "end": "22:00"}]}),
    )
    .await;
    assert_eq!(r.json["status"], "waiting");
    app.deliver().await;
    let mails = app.mails_to("ana@loja.example");
    let mail = mails
        .iter()
        .find(|m| m["calendars"][0]["method"] == "REQUEST")
        .expect("the invitation");
    assert!(
        mail["text"]
            .as_str()
            .unwrap_or_default()
            .contains("10:00–11:00 (America/Sao_Paulo)"),
        "{}",
        mail["text"]
    );
}

async fn eligibility_one_request_and_the_account_quota(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, admin) = app.staff("admin").await;
    for (name, domain, segment) in [
        ("Big", "big.example", "high_touch"),
        ("Small", "small.example", "low_touch"),
    ] {
        app.post(
            "/api/v1/accounts",
            Some(&admin),
            &json!({"name": name, "domains": [domain], "segment": segment}),
        )
        .await;
    }
    ask(&app, "ceo@BIG.example", json!({}))
        .await
        .assert_problem(403, "not_eligible");
    assert_eq!(
        ask(&app, "ops@small.example", json!({})).await.json["status"],
        "waiting"
    );
    request(&app, "OPS@small.example", json!({}))
        .await
        .assert_problem(409, "already_queued");
    request(&app, "cfo@small.example", json!({}))
        .await
        .assert_problem(409, "quota_exceeded");
    // Unknown domains count as tech-touch: welcome.
    assert_eq!(
        request(&app, "someone@unknown.example", json!({}))
            .await
            .status,
        StatusCode::CREATED
    );
    let bad = app
        .post(
            "/api/v1/queue",
            None,
            &json!({"email": "x", "name": "", "topic": "", "situation": "",
        "preferred": [{"day": "mon", "start": "10:00", "end": "09:00"}]}),
        )
        .await;
    bad.assert_problem(422, "validation_failed");

    // With the limit off, the same company may queue again (and without
    // confirmation by mail, each request is in the queue at once).
    let app = spawn_app_with(TestDb::create(backend), |s| {
        s.queue.account_limit_days = 0;
        s.queue.confirm_email = false;
    })
    .await;
    let (_, admin) = app.staff("admin").await;
    app.post(
        "/api/v1/accounts",
        Some(&admin),
        &json!({"name": "Small", "domains": ["small.example"], "segment": "low_touch"}),
    )
    .await;
    for email in ["ops@small.example", "cfo@small.example"] {
        let r = request(&app, email, json!({})).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        assert_eq!(r.json["status"], "waiting");
        assert!(r.json["manage_token"].is_string());
    }
}

async fn cancel_and_reschedule_hand_hours_on(backend: Backend) {
    let app = spawn_app(backend).await;
    let days = [date_in(3), date_in(4), date_in(5)];
    csm_with_hours(&app, "UTC", &days[..2], "10:00").await;
    let a = ask(&app, "a@a.example", json!({})).await.json;
    let b = ask(&app, "b@b.example", json!({})).await.json;
    let c = ask(&app, "c@c.example", json!({})).await.json;
    assert_eq!(c["status"], "waiting");
    let path = |r: &Value, action: &str| {
        format!(
            "/api/v1/queue/{}{action}?token={}",
            r["id"].as_str().unwrap_or_default(),
            r["manage_token"].as_str().unwrap_or_default()
        )
    };

    // A cancels: the hour goes to C, who waited.
    let done = app.post(&path(&a, "/cancel"), None, &json!({})).await;
    assert_eq!(done.json["status"], "cancelled", "{}", done.text);
    let c_now = app.get(&path(&c, ""), None).await;
    assert_eq!(
        c_now.json["appointment"]["starts_at"],
        format!("{}T09:00:00.000Z", days[0])
    );
    app.deliver().await;
    let a_mails = app.mails_to("a@a.example");
    assert_eq!(
        a_mails.last().expect("mail")["calendars"][0]["method"],
        "CANCEL"
    );

    // B asks for another slot: none after theirs, so B waits (first in line).
    let moved = app.post(&path(&b, "/reschedule"), None, &json!({})).await;
    assert_eq!(
        (
            moved.json["status"].as_str(),
            moved.json["position"].as_i64()
        ),
        (Some("waiting"), Some(1)),
        "{}",
        moved.text
    );
    // A later hour appears: B gets it, not an earlier one.
    csm_with_hours(&app, "UTC", &[days[2].clone()], "10:00").await;
    let b_now = app.get(&path(&b, ""), None).await;
    assert_eq!(
        b_now.json["appointment"]["starts_at"],
        format!("{}T09:00:00.000Z", days[2])
    );
    // C moves on to the next free hour after theirs, if any: here day 2 is free again.
    let c_moved = app.post(&path(&c, "/reschedule"), None, &json!({})).await;
    assert_eq!(
        c_moved.json["appointment"]["starts_at"],
        format!("{}T09:00:00.000Z", days[1]),
        "{}",
        c_moved.text
    );
    // Staff may not reschedule for the customer; a wrong token opens nothing.
    let (_, csm) = app.staff("csm").await;
    let staff_try = app
        .post(
            &format!(
                "/api/v1/queue/{}/reschedule",
                c["id"].as_str().unwrap_or_default()
            ),
            Some(&csm),
            &json!({}),
        )
        .await;
    staff_try.assert_problem(403, "forbidden");
    let wrong = format!(
        "/api/v1/queue/{}?token={}",
        c["id"].as_str().unwrap_or_default(),
        b["manage_token"].as_str().unwrap_or_default()
    );
    app.get(&wrong, None)
        .await
        .assert_problem(401, "unauthorized");
}

async fn csms_complete_appointments_and_see_the_queue(backend: Backend) {
    let app = spawn_app(backend).await;
    let (csm_id, csm) = csm_with_hours(&app, "UTC", &[date_in(3)], "10:00").await;
    let (_, other) = app.staff("csm").await;
    let (_, marketing) = app.staff("marketing").await;
    let booked = ask(&app, "a@a.example", json!({})).await.json;
    ask(
        &app,
        "b@b.example",
        json!({"topic": "Billing", "situation": "Invoices in two currencies"}),
    )
    .await;
    ask(&app, "c@c.example", json!({"topic": "Exports"})).await;

    let queue = app.get("/api/v1/queue", Some(&other)).await;
    let items = queue.json["items"].as_array().expect("items");
    assert_eq!(
        items
            .iter()
            .map(|i| i["position"].as_i64().unwrap_or(0))
            .collect::<Vec<_>>(),
        [1, 2]
    );
    assert_eq!(
        (items[0]["topic"].as_str(), items[0]["situation"].as_str()),
        (Some("Billing"), Some("Invoices in two currencies"))
    );
    app.get("/api/v1/queue", Some(&marketing))
        .await
        .assert_problem(403, "forbidden");
    let page = app.get("/api/v1/queue?limit=1", Some(&csm)).await;
    assert!(page.json["next_cursor"].is_string());

    let list = app
        .get(
            &format!("/api/v1/appointments?host_id={csm_id}"),
            Some(&csm),
        )
        .await;
    let appt_id = list.json["items"][0]["id"]
        .as_str()
        .expect("appointment")
        .to_owned();
    assert_eq!(list.json["items"][0]["request_id"], booked["id"]);
    let path = format!("/api/v1/appointments/{appt_id}/complete");
    app.post(&path, Some(&other), &json!({"outcome": "held"}))
        .await
        .assert_problem(403, "forbidden");
    app.post(&path, Some(&csm), &json!({"outcome": "great"}))
        .await
        .assert_problem(422, "validation_failed");
    let done = app
        .post(
            &path,
            Some(&csm),
            &json!({"outcome": "no_show", "notes": "Called twice."}),
        )
        .await;
    assert_eq!(
        (done.json["status"].as_str(), done.json["notes"].as_str()),
        (Some("no_show"), Some("Called twice."))
    );
    let req = app
        .get(
            &format!(
                "/api/v1/queue/{}",
                booked["id"].as_str().unwrap_or_default()
            ),
            Some(&csm),
        )
        .await;
    assert_eq!(req.json["status"], "done");
}

/// 30 customers and a dozen webinars race for one CSM's eight hours: every
/// appointment is distinct, none overlaps another or a webinar.
async fn a_csm_is_never_double_booked_under_concurrency(backend: Backend) {
    let app = Arc::new(
        spawn_app_with(TestDb::create(backend), |s| {
            s.queue.account_limit_days = 0;
            s.queue.confirm_email = false;
        })
        .await,
    );
    let day = date_in(3);
    let (csm_id, csm) = csm_with_hours(&app, "UTC", std::slice::from_ref(&day), "17:00").await;
    let mut tasks = Vec::new();
    for i in 0..30 {
        let app = Arc::clone(&app);
        tasks.push(tokio::spawn(async move {
            ask(&app, &format!("c{i}@race{i}.example"), json!({}))
                .await
                .status
                .as_u16()
        }));
    }
    for h in 9..17 {
        let (app, csm, day) = (Arc::clone(&app), csm.clone(), day.clone());
        tasks.push(tokio::spawn(async move {
            app.post(
                "/api/v1/webinars",
                Some(&csm),
                &json!({"kind": "regular", "title": "Race", "timezone": "UTC",
                "starts_at": format!("{day}T{h:02}:15:00Z"), "duration_minutes": 30}),
            )
            .await
            .status
            .as_u16()
        }));
    }
    for t in tasks {
        let status = t.await.expect("task");
        assert!([201, 409].contains(&status), "{status}");
    }
    let appts = app
        .get(
            &format!("/api/v1/appointments?host_id={csm_id}"),
            Some(&csm),
        )
        .await;
    let live: Vec<(DateTime<Utc>, DateTime<Utc>)> = appts.json["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|a| a["status"] == "scheduled")
        .map(|a| {
            (
                a["starts_at"]
                    .as_str()
                    .unwrap_or_default()
                    .parse()
                    .expect("t"),
                a["ends_at"]
                    .as_str()
                    .unwrap_or_default()
                    .parse()
                    .expect("t"),
            )
        })
        .collect();
    let webinars = app
        .get(
            &format!("/api/v1/webinars?host_id={csm_id}&limit=500"),
            None,
        )
        .await;
    let planned: Vec<(DateTime<Utc>, DateTime<Utc>)> = webinars.json["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|w| {
            (
                w["starts_at"]
                    .as_str()
                    .unwrap_or_default()
                    .parse()
                    .expect("t"),
                w["ends_at"]
                    .as_str()
                    .unwrap_or_default()
                    .parse()
                    .expect("t"),
            )
        })
        .collect();
    assert_eq!(
        live.len() + planned.len(),
        8,
        "each of the eight hours went to exactly one booking: {live:?} {planned:?}"
    );
    let all: Vec<_> = live.iter().chain(planned.iter()).collect();
    for (i, a) in all.iter().enumerate() {
        for b in &all[i + 1..] {
            assert!(a.1 <= b.0 || b.1 <= a.0, "overlap: {a:?} and {b:?}");
        }
    }
    let distinct: HashSet<_> = live.iter().collect();
    assert_eq!(distinct.len(), live.len());
}

async fn customers_are_reminded_of_their_hour_once(backend: Backend) {
    let app = spawn_app(backend).await;
    csm_with_hours(&app, "UTC", &[date_in(3)], "10:00").await;
    let booked = ask(&app, "a@a.example", json!({})).await.json;
    let start = start_of(&booked);
    let offsets = [1440, 60];
    let run = |at: DateTime<Utc>| {
        let db = app.db.clone();
        async move {
            onetomany::worker::queue_reminders(&db, &offsets, at)
                .await
                .expect("reminders run")
        }
    };
    assert_eq!(run(start - Duration::hours(30)).await, 0);
    assert_eq!(run(start - Duration::hours(20)).await, 1);
    assert_eq!(run(start - Duration::hours(20)).await, 0, "once");
    assert_eq!(run(start - Duration::minutes(30)).await, 1);
    app.deliver_at(start - Duration::minutes(30)).await;
    let subjects: Vec<String> = app
        .mails_to("a@a.example")
        .iter()
        .filter_map(|m| m["subject"].as_str().map(str::to_owned))
        .collect();
    assert!(
        subjects.iter().any(|s| s.ends_with("starts in 24 hours")),
        "{subjects:?}"
    );
    assert!(
        subjects.iter().any(|s| s.ends_with("starts in 1 hour")),
        "{subjects:?}"
    );
}
