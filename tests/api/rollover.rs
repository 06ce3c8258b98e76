//! Waiting lists that roll over: when an occurrence of a series starts (or
//! the minimum rule cancels it), those still waiting move to the next
//! occurrence ahead of its own waiting list, with a seat where one is
//! free, and are mailed; `rollover: false` stays behind. Once.

use chrono::{DateTime, Duration, Utc};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{Backend, TestApp, days_ahead, spawn_app};
use onetomany::worker::run_timed;

both_backends!(
    the_waiting_list_moves_ahead_of_the_next_sessions_own,
    a_session_the_minimum_cancelled_moves_everyone_to_seats,
);

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().expect(key)
}

async fn series(app: &TestApp, host: &str, extra: Value) -> (Value, Value) {
    let mut body = json!({"kind": "expert", "capacity": 1, "starts_at": days_ahead(2),
        "rrule": "FREQ=WEEKLY;COUNT=2"});
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        for (k, v) in e {
            b.insert(k.clone(), v.clone());
        }
    }
    let created = app.create_webinar(host, body).await;
    let items = created["items"].as_array().expect("occurrences");
    assert_eq!(items[0]["rollover"], true, "{created}");
    (items[0].clone(), items[1].clone())
}

async fn register(app: &TestApp, webinar: &Value, email: &str, extra: Value) -> Value {
    let r = app.register(str_of(webinar, "id"), email, extra).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    r.json
}

/// Everyone registered for `webinar` by e-mail: (status, position).
async fn by_email(app: &TestApp, host: &str, webinar: &Value) -> Vec<(String, String, i64)> {
    let list = app
        .get(
            &format!("/api/v1/webinars/{}/registrations", str_of(webinar, "id")),
            Some(host),
        )
        .await;
    let mut out: Vec<(String, String, i64)> = list.json["items"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|r| {
            (
                str_of(r, "email").to_owned(),
                str_of(r, "status").to_owned(),
                r["waitlist_position"].as_i64().unwrap_or(0),
            )
        })
        .collect();
    out.sort();
    out
}

fn start_of(w: &Value) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(str_of(w, "starts_at"))
        .expect("time")
        .to_utc()
}

async fn the_waiting_list_moves_ahead_of_the_next_sessions_own(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, host) = app.staff("csm").await;
    let (first, second) = series(&app, &host, json!({})).await;
    register(&app, &first, "a@example.com", json!({})).await;
    register(&app, &first, "b@example.com", json!({"locale": "pt"})).await;
    register(&app, &first, "c@example.com", json!({"rollover": false})).await;
    register(&app, &first, "d@example.com", json!({})).await;
    let x = register(&app, &second, "x@example.com", json!({})).await;
    register(&app, &second, "y@example.com", json!({})).await;

    let before = run_timed(&app.db, Utc::now()).await.expect("timed");
    assert_eq!(before.rolled_over, 0, "nothing moves before the start");
    let started = start_of(&first) + Duration::minutes(1);
    let done = run_timed(&app.db, started).await.expect("timed");
    assert_eq!(done.rolled_over, 2);
    let again = run_timed(&app.db, started).await.expect("timed");
    assert_eq!(again.rolled_over, 0);

    let next = by_email(&app, &host, &second).await;
    let expected = [
        ("b@example.com", "waitlisted", 1),
        ("d@example.com", "waitlisted", 2),
        ("x@example.com", "confirmed", 0),
        ("y@example.com", "waitlisted", 3),
    ];
    let next_view: Vec<(&str, &str, i64)> = next
        .iter()
        .map(|(e, s, p)| (e.as_str(), s.as_str(), *p))
        .collect();
    assert_eq!(next_view, expected);
    let w = app
        .get(&format!("/api/v1/webinars/{}", str_of(&second, "id")), None)
        .await;
    assert_eq!(
        (
            w.json["seats_taken"].as_i64(),
            w.json["waitlist_length"].as_i64()
        ),
        (Some(1), Some(3))
    );
    // Who opted out stays behind; the moved leave the old list.
    let old = by_email(&app, &host, &first).await;
    assert!(
        old.contains(&("c@example.com".into(), "waitlisted".into(), 1)),
        "{old:?}"
    );
    assert!(
        old.contains(&("b@example.com".into(), "cancelled".into(), 0)),
        "{old:?}"
    );

    app.deliver_at(started).await;
    let moved = app.mails_to("b@example.com").pop().expect("mail");
    assert!(
        moved["subject"]
            .as_str()
            .unwrap_or_default()
            .starts_with("Lista de espera da próxima sessão"),
        "{moved}"
    );
    assert!(
        moved["text"]
            .as_str()
            .unwrap_or_default()
            .contains("posição 1"),
        "{moved}"
    );
    assert!(app.mails_to("c@example.com").iter().all(|m| {
        !m["subject"]
            .as_str()
            .unwrap_or_default()
            .contains("next session")
    }));

    // A seat freed in the next session goes to the first who moved.
    let cancelled = app
        .post(
            &format!(
                "/api/v1/registrations/{}/cancel?token={}",
                str_of(&x, "id"),
                str_of(&x, "manage_token")
            ),
            None,
            &json!({}),
        )
        .await;
    assert_eq!(cancelled.status, StatusCode::OK, "{}", cancelled.text);
    let after = by_email(&app, &host, &second).await;
    assert!(
        after.contains(&("b@example.com".into(), "confirmed".into(), 0)),
        "{after:?}"
    );
}

async fn a_session_the_minimum_cancelled_moves_everyone_to_seats(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, host) = app.staff("csm").await;
    let (first, second) = series(&app, &host, json!({"capacity": 5, "min_attendees": 3})).await;
    register(&app, &first, "a@example.com", json!({})).await;
    register(&app, &first, "b@example.com", json!({})).await;
    let decide = start_of(&first) - Duration::hours(24) + Duration::minutes(1);
    let done = run_timed(&app.db, decide).await.expect("timed");
    assert_eq!((done.cancelled_too_few, done.rolled_over), (1, 2));
    let next = by_email(&app, &host, &second).await;
    assert_eq!(
        next,
        [
            ("a@example.com".to_owned(), "confirmed".to_owned(), 0),
            ("b@example.com".to_owned(), "confirmed".to_owned(), 0)
        ]
    );
    app.deliver_at(decide).await;
    let mails = app.mails_to("a@example.com");
    let methods: Vec<&str> = mails
        .iter()
        .filter_map(|m| m["calendars"][0]["method"].as_str())
        .collect();
    // The old session's CANCEL, then the new one's invitation.
    assert!(methods.ends_with(&["CANCEL", "REQUEST"]), "{methods:?}");
    let invite = mails.last().expect("invite");
    assert!(
        invite["subject"]
            .as_str()
            .unwrap_or_default()
            .starts_with("A seat in the next session"),
        "{invite}"
    );
}
