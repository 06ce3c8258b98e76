//! The CSM's own pages for office hours: weekly availability with
//! exceptions, the queue in serving order, and their appointments with the
//! outcome and notes — as a browser without JavaScript uses them, checked
//! against the JSON API and the customers' office-hours page.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{Backend, TestApp, spawn_app};
use crate::pages::{assert_html, header};
use crate::queue::{ask, date_in, put_availability};
use crate::staff_browser::{StaffBrowser, staff_browser};

both_backends!(
    availability_saved_from_the_form_is_what_the_api_and_customers_see,
    a_bad_window_comes_back_with_the_message_and_saves_nothing,
    the_queue_page_lists_requests_in_serving_order,
    the_host_records_the_outcome_and_notes_of_an_appointment,
    pages_speak_german_and_forms_need_their_csrf_token,
);

/// The signed-in browser's token, for arranging through the API.
fn token(browser: &StaffBrowser) -> String {
    browser.cookie("staff_session").expect("signed in")
}

async fn availability_of(app: &TestApp, token: &str, id: &str) -> Value {
    app.get(&format!("/api/v1/users/{id}/availability"), Some(token))
        .await
        .json
}

/// The customers' office-hours page, read in UTC.
async fn office_hours(app: &TestApp) -> String {
    let reply = app
        .client
        .get(app.url("/office-hours"))
        .header("cookie", "tz=UTC")
        .send()
        .await
        .expect("sent");
    assert_eq!(reply.status(), StatusCode::OK);
    reply.text().await.expect("body")
}

async fn availability_saved_from_the_form_is_what_the_api_and_customers_see(backend: Backend) {
    let app = spawn_app(backend).await;
    let (browser, id) = staff_browser(&app, "csm").await;
    let form = browser.get("/staff/availability").await;
    assert_html(&form, StatusCode::OK);
    assert!(form.text.contains("My availability"), "{}", form.text);
    let day = date_in(3);
    let blocked = date_in(20);
    let saved = browser
        .post_csrf(
            "/staff/availability",
            &[
                ("timezone", "UTC"),
                ("w0_day", "mon"),
                ("w0_start", "09:00"),
                ("w0_end", "11:00"),
                ("w1_day", "mon"),
                ("w1_start", "14:00"),
                ("w1_end", "16:00"),
                // An empty row is left out.
                ("w2_day", "tue"),
                ("w2_start", ""),
                ("w2_end", ""),
                ("e0_date", &day),
                ("e0_start", "09:00"),
                ("e0_end", "10:00"),
                ("e1_date", &blocked),
                ("e1_start", ""),
                ("e1_end", ""),
                ("e2_date", ""),
                ("e2_start", ""),
                ("e2_end", ""),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    assert_eq!(header(&saved, "location"), "/staff/availability?saved=1");
    let shown = browser.get("/staff/availability?saved=1").await;
    assert!(
        shown.text.contains("Your availability has been saved."),
        "{}",
        shown.text
    );
    assert!(shown.text.contains(r#"value="14:00""#), "{}", shown.text);

    let api = availability_of(&app, &token(&browser), &id).await;
    assert_eq!(api["timezone"], "UTC");
    assert_eq!(
        api["weekly"],
        json!([
            {"day": "mon", "start": "09:00", "end": "11:00"},
            {"day": "mon", "start": "14:00", "end": "16:00"},
        ])
    );
    assert_eq!(
        api["exceptions"],
        json!([
            {"date": day, "start": "09:00", "end": "10:00"},
            {"date": blocked, "start": null, "end": null},
        ])
    );
    let customers = office_hours(&app).await;
    assert!(customers.contains("09:00–10:00"), "{customers}");
}

async fn a_bad_window_comes_back_with_the_message_and_saves_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let (browser, id) = staff_browser(&app, "csm").await;
    let before = json!({"timezone": "UTC",
        "weekly": [{"day": "wed", "start": "10:00", "end": "12:00"}], "exceptions": []});
    let put = put_availability(&app, &token(&browser), &id, before).await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.text);

    browser.get("/staff/availability").await;
    let refused = browser
        .post_csrf(
            "/staff/availability",
            &[
                ("timezone", "UTC"),
                ("w0_day", "wed"),
                ("w0_start", "10:00"),
                ("w0_end", "12:00"),
                ("w1_day", "thu"),
                ("w1_start", "15:00"),
                ("w1_end", "13:00"),
                ("w2_day", "fri"),
                ("w2_start", "9am"),
                ("w2_end", "11:00"),
            ],
        )
        .await;
    assert_html(&refused, StatusCode::UNPROCESSABLE_ENTITY);
    let page = &refused.text;
    assert!(page.contains(r#"id="w1-error""#), "{page}");
    assert!(
        page.contains("The end time must be later than the start time."),
        "{page}"
    );
    assert!(page.contains(r#"aria-describedby="w1-error""#), "{page}");
    assert!(page.contains(r#"value="15:00""#), "{page}");
    assert!(page.contains(r#"id="w2-error""#), "{page}");
    assert!(page.contains("Please enter times such as 09:00."), "{page}");
    assert!(page.contains(r#"value="9am""#), "{page}");
    assert!(!page.contains(r#"id="w0-error""#), "{page}");

    let api = availability_of(&app, &token(&browser), &id).await;
    assert_eq!(
        api["weekly"],
        json!([{"day": "wed", "start": "10:00", "end": "12:00"}])
    );
}

async fn the_queue_page_lists_requests_in_serving_order(backend: Backend) {
    let app = spawn_app(backend).await;
    let (browser, _) = staff_browser(&app, "csm").await;
    let (_, admin) = app.staff("admin").await;
    let account = app
        .post(
            "/api/v1/accounts",
            Some(&admin),
            &json!({"name": "One Retail", "domains": ["one.example"], "segment": "tech_touch"}),
        )
        .await;
    assert_eq!(account.status, StatusCode::CREATED, "{}", account.text);
    // Nobody holds office hours: everyone waits, in the order they asked.
    ask(
        &app,
        "first@one.example",
        json!({"topic": "Billing", "company": "One GmbH",
            "preferred": [{"day": "tue", "start": "09:00", "end": "11:00"}],
            "timezone": "Europe/Berlin"}),
    )
    .await;
    ask(&app, "second@two.example", json!({"topic": "Exports"})).await;
    ask(&app, "third@three.example", json!({"topic": "Permissions"})).await;

    let page = browser.get("/staff/queue").await;
    assert_html(&page, StatusCode::OK);
    let text = &page.text;
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s} in {text}"));
    assert!(at("Customer first@one.example") < at("Customer second@two.example"));
    assert!(at("Customer second@two.example") < at("Customer third@three.example"));
    assert!(at("Position 1") < at("Customer first@one.example"));
    assert!(at("Position 3") > at("Customer second@two.example"));
    assert!(text.contains("One GmbH"), "{text}");
    assert!(text.contains("Customer account: One Retail"), "{text}");
    assert!(text.contains("Billing"), "{text}");
    // The customer's Tuesday 09:00, as the CSM (in Berlin too) reads it.
    assert!(text.contains("Tuesday, 09:00–11:00"), "{text}");
}

async fn the_host_records_the_outcome_and_notes_of_an_appointment(backend: Backend) {
    let app = spawn_app(backend).await;
    let (browser, id) = staff_browser(&app, "csm").await;
    let hours = json!({"timezone": "Europe/Berlin", "weekly": [],
        "exceptions": [{"date": date_in(3), "start": "09:00", "end": "10:00"}]});
    let put = put_availability(&app, &token(&browser), &id, hours).await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.text);
    let booked = ask(&app, "ana@shop.example", json!({"topic": "Reporting"})).await;
    let appointment = booked.json["appointment"]["id"]
        .as_str()
        .expect("an appointment")
        .to_owned();

    let list = browser.get("/staff/appointments").await;
    assert_html(&list, StatusCode::OK);
    assert!(
        list.text.contains("Customer ana@shop.example"),
        "{}",
        list.text
    );
    assert!(list.text.contains("09:00–10:00"), "{}", list.text);
    assert!(list.text.contains("Scheduled"), "{}", list.text);
    let action = format!("/staff/appointments/{appointment}/complete");
    assert!(list.text.contains(&action), "{}", list.text);

    // Another CSM may not record it.
    let (colleague, _) = staff_browser(&app, "csm").await;
    colleague.get("/staff/appointments").await;
    let refused = colleague
        .post_csrf(&action, &[("outcome", "held"), ("notes", "Not mine.")])
        .await;
    assert_html(&refused, StatusCode::FORBIDDEN);

    // No outcome chosen: the form comes back with the notes typed.
    let incomplete = browser
        .post_csrf(&action, &[("notes", "Walked through the export.")])
        .await;
    assert_html(&incomplete, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        incomplete
            .text
            .contains("Please choose whether the appointment took place."),
        "{}",
        incomplete.text
    );
    assert!(incomplete.text.contains("Walked through the export."));

    let done = browser
        .post_csrf(
            &action,
            &[("outcome", "held"), ("notes", "Walked through the export.")],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text);
    let after = browser.get(header(&done, "location")).await;
    assert!(
        after.text.contains("The outcome has been saved."),
        "{}",
        after.text
    );
    assert!(after.text.contains("Held"), "{}", after.text);

    let api = app
        .get(
            &format!("/api/v1/appointments?host_id={id}"),
            Some(&token(&browser)),
        )
        .await;
    let item = &api.json["items"][0];
    assert_eq!(item["id"], appointment.as_str());
    assert_eq!(item["status"], "held");
    assert_eq!(item["notes"], "Walked through the export.");
}

async fn pages_speak_german_and_forms_need_their_csrf_token(backend: Backend) {
    let app = spawn_app(backend).await;
    let (browser, id) = staff_browser(&app, "csm").await;
    let german = browser.get("/staff/availability?lang=de").await;
    assert_html(&german, StatusCode::OK);
    assert!(
        german.text.contains("Meine Verfügbarkeit"),
        "{}",
        german.text
    );
    assert!(german.text.contains("Ausnahmen"), "{}", german.text);
    let queue = browser.get("/staff/queue?lang=de").await;
    assert!(
        queue.text.contains("Zurzeit wartet niemand."),
        "{}",
        queue.text
    );
    let appointments = browser.get("/staff/appointments?lang=de").await;
    assert!(
        appointments.text.contains("Keine anstehenden Termine."),
        "{}",
        appointments.text
    );

    let forged = browser
        .post_form(
            "/staff/availability",
            &[
                ("timezone", "UTC"),
                ("w0_day", "mon"),
                ("w0_start", "09:00"),
                ("w0_end", "17:00"),
            ],
        )
        .await;
    assert_html(&forged, StatusCode::FORBIDDEN);
    let api = app
        .get(
            &format!("/api/v1/users/{id}/availability"),
            Some(&token(&browser)),
        )
        .await;
    assert_eq!(api.status, StatusCode::NOT_FOUND, "{}", api.text);
    let forged = browser
        .post_form(
            &format!("/staff/appointments/{}/complete", uuid::Uuid::new_v4()),
            &[("outcome", "held")],
        )
        .await;
    assert_html(&forged, StatusCode::FORBIDDEN);

    // Marketing has no CSM pages.
    let (marketing, _) = staff_browser(&app, "marketing").await;
    let refused = marketing.get("/staff/availability").await;
    assert_html(&refused, StatusCode::FORBIDDEN);
}
