//! The CSM's pages: the dashboard of upcoming sessions, creating a
//! webinar or a series with times typed in the CSM's zone, editing and
//! cancelling it, and the registrants with attendance — as a browser
//! without JavaScript uses them, checked against the JSON API.

use chrono::{DateTime, Duration, TimeZone, Utc};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{Backend, TestApp, spawn_app};
use crate::pages::{assert_html, header};
use crate::queue::{ask, date_in, put_availability};
use crate::staff_browser::{StaffBrowser, staff_browser};

both_backends!(
    the_dashboard_lists_my_sessions_in_my_zone,
    a_csm_creates_a_webinar_with_the_time_in_their_zone,
    a_csm_creates_a_weekly_series,
    a_form_with_mistakes_comes_back_with_the_values_and_creates_nothing,
    a_csm_edits_and_cancels_their_webinar,
    a_csm_sets_seat_offers_a_minimum_and_later_the_recording,
    another_csm_can_neither_see_nor_change_the_webinar,
    the_host_sees_registrants_and_marks_attendance,
);

/// The signed-in browser's token, for arranging through the API.
fn token(browser: &StaffBrowser) -> String {
    browser.cookie("staff_session").expect("signed in")
}

/// A date 10 days ahead and 14:30 there, in Berlin, as the UTC instant.
fn berlin_1430(date: &str) -> DateTime<Utc> {
    let day = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("date");
    chrono_tz::Europe::Berlin
        .from_local_datetime(&day.and_hms_opt(14, 30, 0).expect("time"))
        .single()
        .expect("one instant")
        .with_timezone(&Utc)
}

fn location(reply: &crate::helpers::Reply) -> String {
    header(reply, "location").to_owned()
}

/// The id in `/staff/webinars/{id}/edit?...`.
fn id_in(location: &str) -> String {
    location
        .trim_start_matches("/staff/webinars/")
        .split('/')
        .next()
        .unwrap_or_default()
        .to_owned()
}

fn webinar_fields<'a>(date: &'a str, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("kind", "regular"),
        ("title", "Quarterly planning clinic"),
        ("description", "Bring your plan; we go through it together."),
        ("topic", "planning"),
        ("capacity", ""),
        ("date", date),
        ("time", "14:30"),
        ("duration", "45"),
        ("timezone", "Europe/Berlin"),
        ("join_url", "https://meet.example.com/plan"),
        ("repeat", ""),
        ("count", "6"),
        ("waitlist_mode", "auto"),
        ("offer_hours", "12"),
        ("min_attendees", ""),
        ("decision_hours", "24"),
        ("rollover", "yes"),
    ];
    for (k, v) in extra {
        fields.retain(|(f, _)| f != k);
        fields.push((k, v));
    }
    fields
}

async fn webinar(app: &TestApp, id: &str, token: &str) -> Value {
    app.get(&format!("/api/v1/webinars/{id}"), Some(token))
        .await
        .json
}

async fn the_dashboard_lists_my_sessions_in_my_zone(backend: Backend) {
    let app = spawn_app(backend).await;
    let (browser, me) = staff_browser(&app, "csm").await;
    let (_, colleague) = app.staff("csm").await;
    let mine = app
        .create_webinar(&token(&browser), json!({"title": "My reporting webinar"}))
        .await;
    app.create_webinar(&colleague, json!({"title": "Someone else's webinar"}))
        .await;
    // An hour of office hours booked with me.
    let weekly: Vec<Value> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .map(|d| json!({"day": d, "start": "06:00", "end": "22:00"}))
        .collect();
    let r = put_availability(
        &app,
        &token(&browser),
        &me,
        json!({"timezone": "UTC", "weekly": weekly, "exceptions": []}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let asked = ask(
        &app,
        "dana@customer.example",
        json!({"name": "Dana Customer"}),
    )
    .await;
    assert_eq!(
        asked.json["appointment"]["host"]["id"],
        me.as_str(),
        "{}",
        asked.text
    );

    let page = browser.get("/staff").await;
    assert_html(&page, StatusCode::OK);
    assert!(page.text.contains("My reporting webinar"), "{}", page.text);
    assert!(!page.text.contains("Someone else"), "{}", page.text);
    let id = mine["id"].as_str().expect("id");
    assert!(
        page.text
            .contains(&format!("/staff/webinars/{id}/registrants"))
    );
    assert!(page.text.contains(&format!("/staff/webinars/{id}/edit")));
    // The CSM's zone (Europe/Berlin), named.
    assert!(page.text.contains("(Europe/Berlin)"), "{}", page.text);
    assert!(page.text.contains("Dana Customer"), "{}", page.text);
    assert_eq!(header(&page, "cache-control"), "no-store");
    let german = browser.get("/staff?lang=de").await;
    assert!(
        german.text.contains("Meine nächsten Termine"),
        "{}",
        german.text
    );
}

async fn a_csm_creates_a_webinar_with_the_time_in_their_zone(backend: Backend) {
    let app = spawn_app(backend).await;
    let (browser, me) = staff_browser(&app, "csm").await;
    let form = browser.get("/staff/webinars/new").await;
    assert_html(&form, StatusCode::OK);
    assert!(
        form.text
            .contains("<option selected>Europe/Berlin</option>"),
        "my zone is preselected"
    );
    assert!(form.text.contains("<label for=\"title\">"));
    let date = date_in(10);
    let reply = browser
        .post_csrf("/staff/webinars/new", &webinar_fields(&date, &[]))
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.text);
    let to = location(&reply);
    assert!(to.ends_with("/edit?created=1"), "{to}");
    let w = webinar(&app, &id_in(&to), &token(&browser)).await;
    assert_eq!(w["title"], "Quarterly planning clinic");
    assert_eq!(w["host"]["id"], me.as_str());
    assert_eq!(w["timezone"], "Europe/Berlin");
    let starts: DateTime<Utc> = w["starts_at"]
        .as_str()
        .expect("start")
        .parse()
        .expect("time");
    assert_eq!(starts, berlin_1430(&date), "14:30 Berlin time");
    let ends: DateTime<Utc> = w["ends_at"].as_str().expect("end").parse().expect("time");
    assert_eq!(ends - starts, Duration::minutes(45));
    assert_eq!(w["capacity"], Value::Null);
    let edit = browser.get(&to).await;
    assert!(
        edit.text.contains("The webinar has been created."),
        "{}",
        edit.text
    );
    // It is open to customers.
    let public = app
        .get(
            &format!("/webinars/{}", w["id"].as_str().unwrap_or_default()),
            None,
        )
        .await;
    assert_eq!(public.status, StatusCode::OK);
}

async fn a_csm_creates_a_weekly_series(backend: Backend) {
    let app = spawn_app(backend).await;
    let (browser, _) = staff_browser(&app, "csm").await;
    browser.get("/staff/webinars/new").await;
    let date = date_in(10);
    let reply = browser
        .post_csrf(
            "/staff/webinars/new",
            &webinar_fields(
                &date,
                &[
                    ("kind", "expert"),
                    ("capacity", "12"),
                    ("repeat", "weekly"),
                    ("count", "3"),
                ],
            ),
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.text);
    assert!(
        location(&reply).ends_with("?created=3"),
        "{}",
        location(&reply)
    );
    let first = webinar(&app, &id_in(&location(&reply)), &token(&browser)).await;
    let series = first["series_id"].as_str().expect("a series");
    let all = app.get("/api/v1/webinars?limit=50", None).await;
    let items: Vec<&Value> = all.json["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|w| w["series_id"] == series)
        .collect();
    assert_eq!(items.len(), 3);
    assert!(
        items
            .iter()
            .all(|w| w["kind"] == "expert" && w["capacity"] == 12)
    );
    let edit = browser.get(&location(&reply)).await;
    assert!(edit.text.contains("3 sessions"), "{}", edit.text);
}

async fn a_form_with_mistakes_comes_back_with_the_values_and_creates_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let (browser, me) = staff_browser(&app, "csm").await;
    browser.get("/staff/webinars/new").await;
    let date = date_in(10);
    // An expert webinar needs seats; a title is required.
    let reply = browser
        .post_csrf(
            "/staff/webinars/new",
            &webinar_fields(&date, &[("kind", "expert"), ("title", "")]),
        )
        .await;
    assert_html(&reply, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.text.contains("id=\"title-error\""), "{}", reply.text);
    assert!(reply.text.contains("aria-describedby=\"title-error\""));
    assert!(
        reply.text.contains("id=\"capacity-error\""),
        "{}",
        reply.text
    );
    assert!(
        reply
            .text
            .contains("Bring your plan; we go through it together.")
    );
    assert!(reply.text.contains(&format!("value=\"{date}\"")));
    assert!(reply.text.contains("<option value=\"expert\" selected>"));
    // A time that is not a time, in German.
    let german = browser
        .post_csrf(
            "/staff/webinars/new?lang=de",
            &webinar_fields(&date, &[("time", "25:99")]),
        )
        .await;
    assert_html(&german, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        german.text.contains("id=\"start-error\""),
        "{}",
        german.text
    );
    assert!(
        german.text.contains("Bitte geben Sie ein Datum"),
        "{}",
        german.text
    );
    // A start in the past.
    let past = browser
        .post_csrf("/staff/webinars/new", &webinar_fields("2001-01-01", &[]))
        .await;
    assert_html(&past, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(past.text.contains("id=\"start-error\""), "{}", past.text);
    // Without the CSRF token: refused.
    let forged = browser
        .post_form("/staff/webinars/new", &webinar_fields(&date, &[]))
        .await;
    assert_html(&forged, StatusCode::FORBIDDEN);
    let listed = app
        .get(&format!("/api/v1/webinars?host_id={me}"), None)
        .await;
    assert_eq!(
        listed.json["items"].as_array().map(Vec::len),
        Some(0),
        "{}",
        listed.text
    );
}

async fn a_csm_edits_and_cancels_their_webinar(backend: Backend) {
    let app = spawn_app(backend).await;
    let (browser, _) = staff_browser(&app, "csm").await;
    let w = app
        .create_webinar(
            &token(&browser),
            json!({"capacity": 30, "timezone": "Europe/Berlin"}),
        )
        .await;
    let id = w["id"].as_str().expect("id");
    let edit_path = format!("/staff/webinars/{id}/edit");
    let form = browser.get(&edit_path).await;
    assert_html(&form, StatusCode::OK);
    assert!(form.text.contains("value=\"Getting started with reports\""));
    assert!(
        form.text
            .contains("name=\"capacity\" type=\"number\" value=\"30\""),
        "{}",
        form.text
    );
    let date = date_in(12);
    let reply = browser
        .post_csrf(
            &edit_path,
            &webinar_fields(
                &date,
                &[("title", "Reports, the second tour"), ("capacity", "40")],
            ),
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.text);
    assert_eq!(location(&reply), format!("{edit_path}?saved=1"));
    let changed = webinar(&app, id, &token(&browser)).await;
    assert_eq!(changed["title"], "Reports, the second tour");
    assert_eq!(changed["capacity"], 40);
    let starts: DateTime<Utc> = changed["starts_at"]
        .as_str()
        .expect("start")
        .parse()
        .expect("t");
    assert_eq!(starts, berlin_1430(&date));
    assert!(
        browser
            .get(&location(&reply))
            .await
            .text
            .contains("Your changes have been saved.")
    );

    // Cancelling needs the confirmation box.
    let cancel_path = format!("/staff/webinars/{id}/cancel");
    let unconfirmed = browser.post_csrf(&cancel_path, &[]).await;
    assert_html(&unconfirmed, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        unconfirmed.text.contains("id=\"confirm-error\""),
        "{}",
        unconfirmed.text
    );
    assert_eq!(
        webinar(&app, id, &token(&browser)).await["status"],
        "scheduled"
    );
    let cancelled = browser.post_csrf(&cancel_path, &[("confirm", "yes")]).await;
    assert_eq!(
        cancelled.status,
        StatusCode::SEE_OTHER,
        "{}",
        cancelled.text
    );
    assert_eq!(
        webinar(&app, id, &token(&browser)).await["status"],
        "cancelled"
    );
    let after = browser.get(&edit_path).await;
    assert!(
        after.text.contains("This webinar has been cancelled."),
        "{}",
        after.text
    );
}

async fn another_csm_can_neither_see_nor_change_the_webinar(backend: Backend) {
    let app = spawn_app(backend).await;
    let (host, _) = staff_browser(&app, "csm").await;
    let (other, _) = staff_browser(&app, "csm").await;
    let w = app.create_webinar(&token(&host), json!({})).await;
    let id = w["id"].as_str().expect("id");
    let reg = app.register(id, "eve@customer.example", json!({})).await;
    let reg_id = reg.json["id"].as_str().expect("id").to_owned();
    for path in [
        format!("/staff/webinars/{id}/edit"),
        format!("/staff/webinars/{id}/registrants"),
    ] {
        let reply = other.get(&path).await;
        assert_html(&reply, StatusCode::FORBIDDEN);
        assert!(!reply.text.contains("eve@customer.example"), "{path}");
    }
    other.get("/staff").await;
    let date = date_in(10);
    let edit = other
        .post_csrf(
            &format!("/staff/webinars/{id}/edit"),
            &webinar_fields(&date, &[("title", "Taken over")]),
        )
        .await;
    assert_html(&edit, StatusCode::FORBIDDEN);
    let cancel = other
        .post_csrf(
            &format!("/staff/webinars/{id}/cancel"),
            &[("confirm", "yes")],
        )
        .await;
    assert_html(&cancel, StatusCode::FORBIDDEN);
    let mark = other
        .post_csrf(
            &format!("/staff/webinars/{id}/attendance"),
            &[("registration", &reg_id), ("attended", "yes")],
        )
        .await;
    assert_html(&mark, StatusCode::FORBIDDEN);
    let now = webinar(&app, id, &token(&host)).await;
    assert_eq!(now["title"], "Getting started with reports");
    assert_eq!(now["status"], "scheduled");
    let unknown = other
        .get("/staff/webinars/00000000-0000-4000-8000-000000000000/edit")
        .await;
    assert_html(&unknown, StatusCode::NOT_FOUND);
    // An admin may, as in the API.
    let (admin, _) = staff_browser(&app, "admin").await;
    assert_html(
        &admin
            .get(&format!("/staff/webinars/{id}/registrants"))
            .await,
        StatusCode::OK,
    );
}

/// A registration's `attended` as the API shows it to the host.
async fn attended(app: &TestApp, token: &str, registration: &str) -> Value {
    app.get(
        &format!("/api/v1/registrations/{registration}"),
        Some(token),
    )
    .await
    .json["attended"]
        .clone()
}

async fn the_host_sees_registrants_and_marks_attendance(backend: Backend) {
    let app = spawn_app(backend).await;
    let (browser, _) = staff_browser(&app, "csm").await;
    let w = app
        .create_webinar(&token(&browser), json!({"kind": "expert", "capacity": 1}))
        .await;
    let id = w["id"].as_str().expect("id");
    let first = app
        .register(
            id,
            "ana@customer.example",
            json!({"situation": "We grow from 5 to 40 seats this year.",
                   "questions": ["How do we plan licences?"]}),
        )
        .await;
    assert_eq!(first.json["status"], "confirmed", "{}", first.text);
    let second = app.register(id, "ben@customer.example", json!({})).await;
    assert_eq!(second.json["status"], "waitlisted", "{}", second.text);
    let (ana, ben) = (
        first.json["id"].as_str().expect("id").to_owned(),
        second.json["id"].as_str().expect("id").to_owned(),
    );
    let path = format!("/staff/webinars/{id}/registrants");
    let page = browser.get(&path).await;
    assert_html(&page, StatusCode::OK);
    assert!(page.text.contains("ana@customer.example"));
    assert!(page.text.contains("We grow from 5 to 40 seats this year."));
    assert!(page.text.contains("How do we plan licences?"));
    assert!(
        page.text.contains("Waiting list, position 1"),
        "{}",
        page.text
    );
    assert!(page.text.contains("Attendance not marked yet"));

    let attendance = format!("/staff/webinars/{id}/attendance");
    let marked = browser
        .post_csrf(&attendance, &[("registration", &ana), ("attended", "yes")])
        .await;
    assert_eq!(marked.status, StatusCode::SEE_OTHER, "{}", marked.text);
    assert_eq!(attended(&app, &token(&browser), &ana).await, true);
    let again = browser.get(&location(&marked)).await;
    assert!(again.text.contains("Attendance saved."), "{}", again.text);
    browser
        .post_csrf(&attendance, &[("registration", &ana), ("attended", "no")])
        .await;
    assert_eq!(attended(&app, &token(&browser), &ana).await, false);
    // Only confirmed registrants are marked; without the token nothing is.
    let waitlisted = browser
        .post_csrf(&attendance, &[("registration", &ben), ("attended", "yes")])
        .await;
    assert_html(&waitlisted, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(attended(&app, &token(&browser), &ben).await, Value::Null);
    let forged = browser
        .post_form(&attendance, &[("registration", &ana), ("attended", "yes")])
        .await;
    assert_html(&forged, StatusCode::FORBIDDEN);
    assert_eq!(attended(&app, &token(&browser), &ana).await, false);
    // In Arabic, right to left.
    let arabic = browser.get(&format!("{path}?lang=ar")).await;
    assert!(arabic.text.contains("dir=\"rtl\""));
    assert!(arabic.text.contains("قائمة الانتظار"), "{}", arabic.text);
}

async fn a_csm_sets_seat_offers_a_minimum_and_later_the_recording(backend: Backend) {
    let app = spawn_app(backend).await;
    let (browser, _) = staff_browser(&app, "csm").await;
    let form = browser.get("/staff/webinars/new").await;
    assert!(
        form.text.contains("<label for=\"waitlist_mode\">"),
        "{}",
        form.text
    );
    assert!(
        form.text
            .contains("name=\"rollover\" type=\"checkbox\" value=\"yes\" checked")
    );
    let date = date_in(10);

    // A claim window beyond a week is said next to its field; nothing is made.
    let bad = browser
        .post_csrf(
            "/staff/webinars/new",
            &webinar_fields(
                &date,
                &[
                    ("capacity", "20"),
                    ("waitlist_mode", "offer"),
                    ("offer_hours", "500"),
                ],
            ),
        )
        .await;
    assert_html(&bad, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.text.contains("id=\"offer_hours-error\""),
        "{}",
        bad.text
    );
    assert!(
        bad.text.contains("value=\"500\""),
        "the typed value is kept"
    );
    let listed = app.get("/api/v1/webinars", None).await;
    assert_eq!(listed.json["items"].as_array().map(Vec::len), Some(0));

    let reply = browser
        .post_csrf(
            "/staff/webinars/new",
            &webinar_fields(
                &date,
                &[
                    ("capacity", "20"),
                    ("waitlist_mode", "offer"),
                    ("offer_hours", "6"),
                    ("min_attendees", "5"),
                    ("decision_hours", "48"),
                ],
            ),
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.text);
    let id = id_in(&location(&reply));
    let w = webinar(&app, &id, &token(&browser)).await;
    assert_eq!(w["waitlist_mode"], "offer");
    assert_eq!(w["offer_hours"], 6);
    assert_eq!(w["min_attendees"], 5);
    assert_eq!(w["decision_hours"], 48);
    // The edit form shows them; unticking the box keeps the waiting list here.
    let edit_path = format!("/staff/webinars/{id}/edit");
    let edit = browser.get(&edit_path).await;
    assert!(
        edit.text.contains("<option value=\"offer\" selected>"),
        "{}",
        edit.text
    );
    assert!(
        edit.text
            .contains("name=\"min_attendees\" type=\"number\" value=\"5\"")
    );
    let mut fields = webinar_fields(
        &date,
        &[
            ("capacity", "20"),
            ("waitlist_mode", "offer"),
            ("offer_hours", "6"),
        ],
    );
    fields.retain(|(k, _)| *k != "rollover");
    let saved = browser.post_csrf(&edit_path, &fields).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    let w = webinar(&app, &id, &token(&browser)).await;
    assert_eq!(w["rollover"], false);
    assert!(w["min_attendees"].is_null(), "an empty minimum removes it");

    // After the session only the recording can be added.
    let past = id.clone();
    app.sql(move |conn| {
        use diesel::prelude::*;
        use onetomany::db::schema::webinars::dsl::*;
        let end = (Utc::now() - Duration::hours(1)).naive_utc();
        diesel::update(webinars.filter(id.eq(&past)))
            .set((starts_at.eq(end - Duration::hours(1)), ends_at.eq(end)))
            .execute(conn)?;
        Ok(())
    })
    .await;
    let over = browser.get(&edit_path).await;
    assert!(
        over.text.contains("<label for=\"recording_url\">"),
        "{}",
        over.text
    );
    assert!(!over.text.contains("name=\"title\""), "{}", over.text);
    let wrong = browser
        .post_csrf(&edit_path, &[("recording_url", "not a link")])
        .await;
    assert_html(&wrong, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        wrong.text.contains("id=\"recording_url-error\""),
        "{}",
        wrong.text
    );
    let kept = browser
        .post_csrf(
            &edit_path,
            &[("recording_url", "https://video.example.com/r/7")],
        )
        .await;
    assert_eq!(kept.status, StatusCode::SEE_OTHER, "{}", kept.text);
    let w = webinar(&app, &id, &token(&browser)).await;
    assert_eq!(w["recording_url"], "https://video.example.com/r/7");
    assert_eq!(w["title"], "Quarterly planning clinic");
}
