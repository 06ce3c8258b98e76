//! Office hours: availability in the CSM's own zone, and free slots that
//! follow DST and leave out webinars, appointments and short notice.

use chrono::{DateTime, Duration, Utc};
use reqwest::StatusCode;
use serde_json::json;

use crate::both_backends;
use crate::helpers::{Backend, spawn_app};
use crate::queue::{ask, csm_with_hours, date_in, put_availability, slots};

both_backends!(
    csms_edit_their_own_availability_and_bad_input_is_refused,
    slots_follow_dst_in_europe_and_the_us,
    slots_leave_out_webinars_appointments_and_short_notice,
    a_deactivated_csm_offers_no_hours,
);

async fn csms_edit_their_own_availability_and_bad_input_is_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    let (csm_id, csm) = app.staff("csm").await;
    let (_, other) = app.staff("csm").await;
    let (_, admin) = app.staff("admin").await;
    let body = json!({"timezone": "Europe/Berlin", "weekly": [{"day": "mon", "start": "09:00", "end": "12:00"}],
        "exceptions": [{"date": "2027-03-29"}, {"date": "2027-04-05", "start": "14:00", "end": "16:00"}]});
    let own = put_availability(&app, &csm, &csm_id, body.clone()).await;
    assert_eq!(own.status, StatusCode::OK, "{}", own.text);
    put_availability(&app, &other, &csm_id, body.clone())
        .await
        .assert_problem(403, "forbidden");
    assert_eq!(
        put_availability(&app, &admin, &csm_id, body).await.status,
        StatusCode::OK
    );
    let read = app
        .get(
            &format!("/api/v1/users/{csm_id}/availability"),
            Some(&other),
        )
        .await;
    assert_eq!(
        read.json["weekly"],
        json!([{"day": "mon", "start": "09:00", "end": "12:00"}])
    );
    assert_eq!(
        read.json["exceptions"][0],
        json!({"date": "2027-03-29", "start": null, "end": null})
    );

    let bad = put_availability(
        &app,
        &csm,
        &csm_id,
        json!({"timezone": "Europe/Atlantis", "weekly": [
        {"day": "mon", "start": "12:00", "end": "09:00"},
        {"day": "someday", "start": "09:00", "end": "10:00"},
        {"day": "tue", "start": "09:00", "end": "12:00"},
        {"day": "tue", "start": "11:00", "end": "13:00"},
        {"day": "wed", "start": "9am", "end": "10:00"}]}),
    )
    .await;
    bad.assert_problem(422, "validation_failed");
    let fields: Vec<&str> = bad.json["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["field"].as_str())
        .collect();
    assert_eq!(
        fields,
        [
            "timezone",
            "weekly[0]",
            "weekly[1]",
            "weekly[3]",
            "weekly[4]"
        ]
    );
    // The refused edit changed nothing.
    let read = app
        .get(&format!("/api/v1/users/{csm_id}/availability"), Some(&csm))
        .await;
    assert_eq!(read.json["timezone"], "Europe/Berlin");
}

async fn slots_follow_dst_in_europe_and_the_us(backend: Backend) {
    let app = spawn_app(backend).await;
    let (berlin_id, berlin) = app.staff("csm").await;
    let (ny_id, ny) = app.staff("csm").await;
    let sundays = json!([{"day": "sun", "start": "09:00", "end": "11:00"}, {"day": "sat", "start": "09:00", "end": "10:00"}]);
    put_availability(
        &app,
        &berlin,
        &berlin_id,
        json!({"timezone": "Europe/Berlin", "weekly": sundays}),
    )
    .await;
    put_availability(
        &app,
        &ny,
        &ny_id,
        json!({"timezone": "America/New_York", "weekly": sundays}),
    )
    .await;

    let hours = |day: &str| (format!("{day}T00:00:00Z"), format!("{day}T23:59:59Z"));
    let (f, t) = hours("2027-03-13"); // a Saturday with both zones in winter time
    assert_eq!(
        slots(&app, &f, &t).await,
        [
            ("2027-03-13T08:00:00.000Z".to_owned(), 1),
            ("2027-03-13T14:00:00.000Z".to_owned(), 1)
        ]
    );
    let (f, t) = hours("2027-03-27"); // the day before Berlin's change; New York changed on 14 March
    assert_eq!(
        slots(&app, &f, &t).await,
        [
            ("2027-03-27T08:00:00.000Z".to_owned(), 1),
            ("2027-03-27T13:00:00.000Z".to_owned(), 1)
        ]
    );
    let (f, t) = hours("2027-03-28"); // last Sunday of March: Berlin moves to summer time
    let got = slots(&app, &f, &t).await;
    assert_eq!(
        &got[..2],
        [
            ("2027-03-28T07:00:00.000Z".to_owned(), 1),
            ("2027-03-28T08:00:00.000Z".to_owned(), 1)
        ]
    );
    assert_eq!(
        &got[2..],
        [
            ("2027-03-28T13:00:00.000Z".to_owned(), 1),
            ("2027-03-28T14:00:00.000Z".to_owned(), 1)
        ],
        "New York is on summer time since 14 March"
    );
    let (f, t) = hours("2027-03-14"); // second Sunday of March: New York changes
    let got = slots(&app, &f, &t).await;
    assert_eq!(
        got.iter().map(|(s, _)| s.as_str()).collect::<Vec<_>>(),
        [
            "2027-03-14T08:00:00.000Z",
            "2027-03-14T09:00:00.000Z",
            "2027-03-14T13:00:00.000Z",
            "2027-03-14T14:00:00.000Z"
        ]
    );
    let (f, t) = hours("2027-10-31"); // last Sunday of October: Berlin back to winter
    let got = slots(&app, &f, &t).await;
    assert_eq!(
        got.iter().map(|(s, _)| s.as_str()).collect::<Vec<_>>(),
        [
            "2027-10-31T08:00:00.000Z",
            "2027-10-31T09:00:00.000Z",
            "2027-10-31T13:00:00.000Z",
            "2027-10-31T14:00:00.000Z"
        ]
    );
    let (f, t) = hours("2027-11-07"); // first Sunday of November: New York back to winter
    let got = slots(&app, &f, &t).await;
    assert_eq!(
        got.iter().map(|(s, _)| s.as_str()).collect::<Vec<_>>(),
        [
            "2027-11-07T08:00:00.000Z",
            "2027-11-07T09:00:00.000Z",
            "2027-11-07T14:00:00.000Z",
            "2027-11-07T15:00:00.000Z"
        ]
    );

    // Two CSMs free for the same hour are pooled.
    let (third_id, third) = app.staff("csm").await;
    put_availability(
        &app,
        &third,
        &third_id,
        json!({"timezone": "UTC", "weekly": [{"day": "sat", "start": "08:00", "end": "09:00"}]}),
    )
    .await;
    let (f, t) = hours("2027-03-27");
    assert_eq!(
        slots(&app, &f, &t).await[0],
        ("2027-03-27T08:00:00.000Z".to_owned(), 2)
    );

    app.get(
        "/api/v1/office-hours/slots?from=2027-01-01T00:00:00Z&to=2027-12-31T00:00:00Z",
        None,
    )
    .await
    .assert_problem(422, "validation_failed");
}

async fn slots_leave_out_webinars_appointments_and_short_notice(backend: Backend) {
    let app = spawn_app(backend).await;
    let day = date_in(5);
    let (_, csm) = csm_with_hours(&app, "UTC", std::slice::from_ref(&day), "13:00").await;
    let range = (format!("{day}T00:00:00Z"), format!("{day}T23:59:59Z"));
    assert_eq!(slots(&app, &range.0, &range.1).await.len(), 4);
    // A webinar 10:30–11:30 takes two hours away.
    app.create_webinar(
        &csm,
        json!({"starts_at": format!("{day}T10:30:00Z"), "duration_minutes": 60, "timezone": "UTC"}),
    )
    .await;
    let free: Vec<String> = slots(&app, &range.0, &range.1)
        .await
        .into_iter()
        .map(|(s, _)| s)
        .collect();
    assert_eq!(
        free,
        [
            format!("{day}T09:00:00.000Z"),
            format!("{day}T12:00:00.000Z")
        ]
    );
    // An appointment takes the first free hour away.
    let r = ask(&app, "a@customer.example", json!({})).await;
    assert_eq!(
        r.json["appointment"]["starts_at"],
        format!("{day}T09:00:00.000Z")
    );
    let free: Vec<String> = slots(&app, &range.0, &range.1)
        .await
        .into_iter()
        .map(|(s, _)| s)
        .collect();
    assert_eq!(free, [format!("{day}T12:00:00.000Z")]);
    // A webinar over the appointment is refused.
    let clash = app
        .post(
            "/api/v1/webinars",
            Some(&csm),
            &json!({"kind": "regular", "title": "Clash", "starts_at": format!("{day}T09:30:00Z"),
            "duration_minutes": 30, "timezone": "UTC"}),
        )
        .await;
    clash.assert_problem(409, "host_busy");

    // Nothing sooner than the minimum notice (12 h by default). A CSM free
    // 09:00–23:00 UTC today and the next two days always has hours in the
    // next 12 h (left out) and after them (offered from the first one on).
    let now = Utc::now();
    let dates: Vec<String> = (0..3)
        .map(|d| (now + Duration::days(d)).format("%Y-%m-%d").to_string())
        .collect();
    csm_with_hours(&app, "UTC", &dates, "23:00").await;
    let soon = slots(
        &app,
        &now.to_rfc3339().replace('+', "%2B"),
        &(now + Duration::days(2)).to_rfc3339().replace('+', "%2B"),
    )
    .await;
    let starts: Vec<DateTime<Utc>> = soon
        .iter()
        .map(|(s, _)| s.parse().expect("slot start"))
        .collect();
    let earliest = now + Duration::hours(12);
    assert!(!starts.is_empty(), "no slots at all");
    assert!(starts.iter().all(|s| *s >= earliest), "{soon:?}");
    // The first offered hour is the CSM's first hour past the notice (the
    // service read its clock a moment after `now`: allow a minute).
    let first_due = dates
        .iter()
        .flat_map(|d| (9..23).map(move |h| format!("{d}T{h:02}:00:00Z")))
        .map(|s| s.parse::<DateTime<Utc>>().expect("time"))
        .find(|s| *s >= earliest + Duration::minutes(1))
        .expect("an hour past the notice");
    assert!(starts[0] <= first_due, "{soon:?}, expected {first_due}");
}

async fn a_deactivated_csm_offers_no_hours(backend: Backend) {
    let app = spawn_app(backend).await;
    let day = date_in(5);
    let (csm_id, _) = csm_with_hours(&app, "UTC", std::slice::from_ref(&day), "13:00").await;
    let (_, admin) = app.staff("admin").await;
    let range = (format!("{day}T00:00:00Z"), format!("{day}T23:59:59Z"));
    assert_eq!(slots(&app, &range.0, &range.1).await.len(), 4);
    let off = app
        .send(
            reqwest::Method::PATCH,
            &format!("/api/v1/users/{csm_id}"),
            Some(&admin),
            Some(&json!({"active": false})),
        )
        .await;
    assert_eq!(off.status, StatusCode::OK, "{}", off.text);
    assert_eq!(slots(&app, &range.0, &range.1).await, Vec::new());

    // A colleague moved to marketing keeps their availability row, but
    // offers no hours either.
    let (moved_id, _) = csm_with_hours(&app, "UTC", std::slice::from_ref(&day), "13:00").await;
    assert_eq!(slots(&app, &range.0, &range.1).await.len(), 4);
    let to_marketing = app
        .send(
            reqwest::Method::PATCH,
            &format!("/api/v1/users/{moved_id}"),
            Some(&admin),
            Some(&json!({"role": "marketing"})),
        )
        .await;
    assert_eq!(to_marketing.status, StatusCode::OK, "{}", to_marketing.text);
    assert_eq!(slots(&app, &range.0, &range.1).await, Vec::new());
}
