//! The queue's customer pages: office hours with the form to join the
//! queue, the confirmation link's page and the manage page of a request,
//! as a browser without JavaScript sees them (plain GETs and form POSTs).

use reqwest::StatusCode;
use serde_json::json;

use crate::both_backends;
use crate::helpers::{Backend, Reply, TestApp, TestDb, spawn_app, spawn_app_with};
use crate::pages::{assert_html, header, page, submit_with as submit};
use crate::queue::{confirmation_link, csm_with_hours, date_in, request};

both_backends!(
    joining_through_the_form_asks_to_confirm_by_mail,
    without_confirmation_the_form_shows_the_appointment_or_the_place,
    the_queue_mail_link_opens_the_manage_page_and_acts_on_post_only,
    a_bad_queue_form_is_shown_again_with_messages,
    office_hours_in_german,
    office_hours_in_arabic,
);

/// A page that carries a token: no referrer, no caching.
#[track_caller]
fn assert_token_page(reply: &Reply) {
    assert_eq!(header(reply, "referrer-policy"), "no-referrer");
    assert_eq!(header(reply, "cache-control"), "no-store");
    assert!(!header(reply, "content-security-policy").contains("unsafe-inline"));
}

/// The office-hours form as a customer fills it in.
fn fields<'a>(email: &'a str, name: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name", name),
        ("email", email),
        ("company", "Shop GmbH"),
        ("topic", "Reporting"),
        ("situation", "Our monthly report takes an hour to build."),
        ("timezone", "UTC"),
        ("pref_day", ""),
        ("pref_start", ""),
        ("pref_end", ""),
    ]
}

/// The first `href` on the page that starts with `prefix`.
fn href(reply: &Reply, prefix: &str) -> String {
    let start = reply
        .text
        .find(&format!("href=\"{prefix}"))
        .unwrap_or_else(|| panic!("a link to {prefix} in {}", reply.text))
        + "href=\"".len();
    let rest = &reply.text[start..];
    rest[..rest.find('"').expect("attribute ends")].to_owned()
}

async fn status_with(app: &TestApp, id: &str, token: &str) -> String {
    let r = app
        .get(&format!("/api/v1/queue/{id}?token={token}"), None)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    r.json["status"].as_str().unwrap_or_default().to_owned()
}

fn token_of(link: &str) -> &str {
    link.split_once("token=")
        .map(|(_, t)| t)
        .unwrap_or_default()
}

fn id_of(link: &str) -> &str {
    link.trim_start_matches("/manage/queue/")
        .split(['/', '?'])
        .next()
        .unwrap_or_default()
}

async fn joining_through_the_form_asks_to_confirm_by_mail(backend: Backend) {
    let app = spawn_app(backend).await;
    let day = date_in(3);
    csm_with_hours(&app, "UTC", std::slice::from_ref(&day), "10:00").await;
    let utc = [("cookie", "tz=UTC")];
    let shown = page(&app, "/office-hours", &utc).await;
    assert_html(&shown, StatusCode::OK);
    assert!(shown.text.contains("Office hours"));
    assert!(shown.text.contains("time zone UTC"), "{}", shown.text);
    assert!(shown.text.contains("09:00–10:00"), "{}", shown.text);
    assert!(
        shown
            .text
            .contains(r#"<form method="post" action="/office-hours">"#)
    );

    let joined = submit(
        &app,
        "/office-hours",
        &fields("ana@shop.example", "Ana"),
        &utc,
    )
    .await;
    assert_html(&joined, StatusCode::OK);
    assert!(
        joined.text.contains("Please confirm your request"),
        "{}",
        joined.text
    );
    assert!(joined.text.contains("ana@shop.example"));
    assert!(!joined.text.contains("token="), "no manage token yet");

    // The mail's link opens a page; opening it (as a scanner does) confirms nothing.
    let link = confirmation_link(&app, "ana@shop.example").await;
    assert!(link.starts_with("/manage/queue/"), "{link}");
    assert!(link.contains("/confirm?token="), "{link}");
    let (id, token) = (id_of(&link).to_owned(), token_of(&link).to_owned());
    for _ in 0..2 {
        let opened = page(&app, &link, &utc).await;
        assert_html(&opened, StatusCode::OK);
        assert_token_page(&opened);
        assert!(opened.text.contains("Reporting"));
        assert!(opened.text.contains("Confirm my request"));
        assert!(
            opened
                .text
                .contains(&format!(r#"action="/manage/queue/{id}/confirm""#))
        );
        assert!(
            !opened.text.contains("ana@shop.example"),
            "no personal data"
        );
    }
    assert_eq!(status_with(&app, &id, &token).await, "unconfirmed");

    // A wrong token confirms nothing; the button does.
    let forged = submit(
        &app,
        &format!("/manage/queue/{id}/confirm"),
        &[("token", "x")],
        &utc,
    )
    .await;
    assert_html(&forged, StatusCode::FORBIDDEN);
    let confirmed = submit(
        &app,
        &format!("/manage/queue/{id}/confirm"),
        &[("token", &token)],
        &utc,
    )
    .await;
    assert_html(&confirmed, StatusCode::OK);
    assert_token_page(&confirmed);
    assert!(
        confirmed.text.contains("Your request is confirmed"),
        "{}",
        confirmed.text
    );
    assert!(confirmed.text.contains("Appointment booked"));
    assert!(confirmed.text.contains("09:00–10:00"), "{}", confirmed.text);
    assert_eq!(status_with(&app, &id, &token).await, "scheduled");
    // Its manage link opens the manage page.
    let manage = href(&confirmed, &format!("/manage/queue/{id}?token="));
    let managed = page(&app, &manage, &utc).await;
    assert_html(&managed, StatusCode::OK);
    assert!(managed.text.contains("Cancel my request"));
}

async fn without_confirmation_the_form_shows_the_appointment_or_the_place(backend: Backend) {
    let app = spawn_app_with(TestDb::create(backend), |s| {
        s.queue.confirm_email = false;
        s.queue.account_limit_days = 0;
    })
    .await;
    csm_with_hours(&app, "UTC", &[date_in(3)], "10:00").await;
    let ny = [("cookie", "tz=America/New_York")];
    let first = submit(
        &app,
        "/office-hours",
        &fields("ana@shop.example", "Ana"),
        &ny,
    )
    .await;
    assert_html(&first, StatusCode::OK);
    assert_token_page(&first);
    assert!(
        first.text.contains("Your appointment is booked"),
        "{}",
        first.text
    );
    // The hour in the visitor's zone.
    assert!(first.text.contains("(America/New_York)"), "{}", first.text);
    assert!(first.text.contains("/manage/queue/"));

    let second = submit(
        &app,
        "/office-hours",
        &fields("ben@other.example", "Ben"),
        &ny,
    )
    .await;
    assert_html(&second, StatusCode::OK);
    assert!(
        second.text.contains("You are in the queue"),
        "{}",
        second.text
    );
    assert!(second.text.contains("In the queue (number 1)"));

    // The same address again: a notice, the form kept.
    let again = submit(
        &app,
        "/office-hours",
        &fields("ben@other.example", "Ben again"),
        &ny,
    )
    .await;
    assert_html(&again, StatusCode::CONFLICT);
    assert!(again.text.contains("already has an open request"));
    assert!(again.text.contains(r#"value="Ben again""#));
}

async fn the_queue_mail_link_opens_the_manage_page_and_acts_on_post_only(backend: Backend) {
    let app = spawn_app_with(TestDb::create(backend), |s| {
        s.queue.confirm_email = false;
        s.queue.account_limit_days = 0;
    })
    .await;
    csm_with_hours(&app, "UTC", &[date_in(3), date_in(4)], "10:00").await;
    let made = request(&app, "ana@shop.example", json!({"locale": "en"})).await;
    assert_eq!(made.json["status"], "scheduled", "{}", made.text);
    app.deliver().await;
    let mails = app.mails_to("ana@shop.example");
    let text = mails
        .iter()
        .filter_map(|m| m["text"].as_str())
        .find(|t| t.contains("/manage/queue/"))
        .unwrap_or_else(|| panic!("a manage link in {mails:?}"));
    assert!(!text.contains("/api/v1/queue/"), "{text}");
    let link = text
        .split_whitespace()
        .find(|w| w.contains("/manage/queue/"))
        .expect("link");
    let path = link[link.find("/manage/").expect("path")..].to_owned();
    let (id, token) = (id_of(&path).to_owned(), token_of(&path).to_owned());

    for _ in 0..2 {
        let shown = page(&app, &path, &[]).await;
        assert_html(&shown, StatusCode::OK);
        assert_token_page(&shown);
        assert!(shown.text.contains("Appointment booked"), "{}", shown.text);
        assert!(shown.text.contains("Find another time"));
        assert!(shown.text.contains("Cancel my request"));
        assert!(shown.text.contains(&format!(
            r#"<input type="hidden" name="token" value="{token}">"#
        )));
    }
    assert_eq!(status_with(&app, &id, &token).await, "scheduled");
    let get_cancel = page(
        &app,
        &format!("/manage/queue/{id}/cancel?token={token}"),
        &[],
    )
    .await;
    assert_ne!(get_cancel.status, StatusCode::OK);
    let forged = submit(
        &app,
        &format!("/manage/queue/{id}/cancel"),
        &[("token", "x")],
        &[],
    )
    .await;
    assert_html(&forged, StatusCode::FORBIDDEN);
    assert_eq!(status_with(&app, &id, &token).await, "scheduled");

    // Another slot: the second day's hour.
    let moved = submit(
        &app,
        &format!("/manage/queue/{id}/reschedule"),
        &[("token", &token)],
        &[],
    )
    .await;
    assert_html(&moved, StatusCode::OK);
    assert!(
        moved.text.contains("We have looked for another time"),
        "{}",
        moved.text
    );
    assert_eq!(status_with(&app, &id, &token).await, "scheduled");

    let cancelled = submit(
        &app,
        &format!("/manage/queue/{id}/cancel"),
        &[("token", &token)],
        &[],
    )
    .await;
    assert_html(&cancelled, StatusCode::OK);
    assert_token_page(&cancelled);
    assert!(
        cancelled.text.contains("Your request has been cancelled."),
        "{}",
        cancelled.text
    );
    assert!(
        !cancelled.text.contains(r#"name="token""#),
        "no more buttons"
    );
    assert_eq!(status_with(&app, &id, &token).await, "cancelled");

    let wrong = page(&app, &format!("/manage/queue/{id}?token=nope"), &[]).await;
    assert_html(&wrong, StatusCode::FORBIDDEN);
}

async fn a_bad_queue_form_is_shown_again_with_messages(backend: Backend) {
    let app = spawn_app(backend).await;
    let mut bad = fields("not-an-address", "Ana");
    for (k, v) in &mut bad {
        match *k {
            "topic" => *v = "",
            "pref_day" => *v = "tue",
            "pref_start" => *v = "15:00",
            "pref_end" => *v = "09:00",
            _ => {}
        }
    }
    let shown = submit(&app, "/office-hours", &bad, &[]).await;
    assert_html(&shown, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(shown.text.contains("Please check the fields marked below."));
    assert!(shown.text.contains("Please enter a valid e-mail address"));
    assert!(
        shown.text.contains("Please enter a topic"),
        "{}",
        shown.text
    );
    assert!(shown.text.contains("Please choose a day"), "{}", shown.text);
    assert!(shown.text.contains(r#"value="not-an-address""#));
    assert!(shown.text.contains(r#"value="Ana""#));
    assert!(shown.text.contains(r#"<option value="tue" selected>"#));
    assert!(
        shown
            .text
            .contains(r#"aria-describedby="topic-error topic-hint""#)
    );
    assert_eq!(app.mails_to("not-an-address").len(), 0);
}

async fn office_hours_in_german(backend: Backend) {
    let app = spawn_app(backend).await;
    csm_with_hours(&app, "Europe/Berlin", &[date_in(3)], "10:00").await;
    let shown = page(&app, "/office-hours?lang=de", &[]).await;
    assert_html(&shown, StatusCode::OK);
    assert!(shown.text.contains(r#"<html lang="de">"#));
    assert!(shown.text.contains("Sprechstunden"));
    assert!(shown.text.contains("In die Warteschlange eintragen"));
    let de = [("cookie", "lang=de")];
    let joined = submit(
        &app,
        "/office-hours",
        &fields("max@firma.example", "Max"),
        &de,
    )
    .await;
    assert_html(&joined, StatusCode::OK);
    assert!(
        joined.text.contains("Bitte bestätigen Sie Ihre Anfrage"),
        "{}",
        joined.text
    );
    // The confirmation page in the language of the request, without a cookie.
    app.deliver().await;
    let mails = app.mails_to("max@firma.example");
    let text = mails[0]["text"].as_str().unwrap_or_default();
    let link = text
        .split_whitespace()
        .find(|w| w.contains("/manage/queue/"))
        .unwrap_or_else(|| panic!("no confirmation link in {text}"));
    let link = &link[link.find("/manage/").expect("path")..];
    let opened = page(&app, link, &[]).await;
    assert_html(&opened, StatusCode::OK);
    assert!(opened.text.contains(r#"<html lang="de">"#));
    assert!(
        opened.text.contains("Anfrage bestätigen"),
        "{}",
        opened.text
    );
}

async fn office_hours_in_arabic(backend: Backend) {
    let app = spawn_app(backend).await;
    csm_with_hours(&app, "Europe/Berlin", &[date_in(3)], "11:00").await;
    let shown = page(&app, "/office-hours?lang=ar", &[]).await;
    assert_html(&shown, StatusCode::OK);
    assert!(
        shown.text.contains(r#"<html lang="ar" dir="rtl">"#),
        "{}",
        shown.text
    );
    // Two free hours on one day, written as Arabic writes a list.
    let start = shown.text.find("<dd>").expect("a day with free hours") + "<dd>".len();
    let hours = &shown.text[start..start + shown.text[start..].find("</dd>").expect("ends")];
    assert!(hours.contains("، "), "{hours}");
    assert!(!hours.contains(", "), "{hours}");
}
