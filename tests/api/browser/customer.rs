//! The customer's paths in a real browser: registering for an expert
//! webinar and cancelling from the mailed link, joining the office-hours
//! queue and confirming with the button, the language switch and Arabic
//! right-to-left, a form mistake shown again; then every customer page
//! checked with axe-core and photographed in English, German and Arabic.

use onetomany::config::MailTransport;
use reqwest::StatusCode;
use serde_json::json;

use super::Browser;
use crate::both_backends;
use crate::helpers::{
    Backend, TestApp, TestDb, days_ahead, free_port, parse_mails, spawn_app, spawn_app_with,
};
use crate::queue::{confirmation_link, csm_with_hours, date_in};
use crate::smtp::SmtpSink;

both_backends!(
    a_customer_registers_gets_the_mail_and_cancels_from_its_link,
    a_customer_joins_the_queue_and_confirms_with_the_button,
    the_language_switch_is_remembered_and_arabic_reads_right_to_left,
    a_mistake_in_the_form_is_shown_again_and_announced,
);

/// The screenshots and axe checks render the same HTML on either backend:
/// one run (SQLite) is enough, and keeps one set of pictures.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_customer_page_passes_axe_and_is_photographed() {
    tour(Backend::Sqlite).await;
}

/// A held seat and the follow-up in the browser, in German: the waiting
/// customer takes the seat from the mailed link's button, and after the
/// session rates it from the thank-you mail; both pages pass axe and are
/// photographed. (The rules behind them run on both backends in
/// tests/api/offers.rs and tests/api/followup.rs.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_waiting_customer_takes_the_held_seat_and_later_rates_the_session() {
    let app = spawn_app(Backend::Sqlite).await;
    let (_, host) = app.staff("csm").await;
    let w = app
        .create_webinar(
            &host,
            json!({"capacity": 1, "waitlist_mode": "offer", "offer_hours": 12,
                   "starts_at": days_ahead(3)}),
        )
        .await;
    let wid = w["id"].as_str().expect("id").to_owned();
    let ana = app.register(&wid, "ana@example.com", json!({})).await;
    let ben = app
        .register(&wid, "ben@example.com", json!({"locale": "de"}))
        .await;
    assert_eq!(ben.json["status"], "waitlisted", "{}", ben.text);
    let (aid, atoken) = (
        ana.json["id"].as_str().expect("id"),
        ana.json["manage_token"].as_str().expect("token"),
    );
    let cancelled = app
        .post(
            &format!("/api/v1/registrations/{aid}/cancel?token={atoken}"),
            None,
            &json!({}),
        )
        .await;
    assert_eq!(cancelled.status, StatusCode::OK, "{}", cancelled.text);
    app.deliver().await;
    let offer = app.mails_to("ben@example.com").pop().expect("the offer");
    let text = offer["text"].as_str().unwrap_or_default();
    let link = text
        .split_whitespace()
        .find(|w| w.contains("/manage/registration/"))
        .unwrap_or_else(|| panic!("no link in {text}"));
    let (bid, btoken) = id_and_token(link, "/manage/registration/");
    let path = &link[link.find("/manage/").expect("path")..];

    let b = Browser::start_in_zone(&app.address, "Europe/Berlin").await;
    b.goto(path).await;
    assert_eq!(b.attr("html", "lang").await.as_deref(), Some("de"));
    assert!(
        b.text(".status").await.starts_with("Ein Platz ist bis"),
        "{}",
        b.page_text().await
    );
    assert_eq!(registration_status(&app, bid, btoken).await, "offered");
    b.inspect("claim", "de").await;
    b.click("Platz übernehmen").await;
    assert_eq!(
        b.text(".notice").await,
        "Der Platz gehört Ihnen. Die Einladung ist auf dem Weg in Ihr Postfach."
    );
    assert_eq!(b.text(".status").await, "Bestätigt");
    assert_eq!(registration_status(&app, bid, btoken).await, "confirmed");

    // The session took place three hours ago, unmarked: Ben is thanked.
    let past = wid.clone();
    app.sql(move |conn| {
        use diesel::prelude::*;
        use onetomany::db::schema::webinars::dsl::*;
        let end = (chrono::Utc::now() - chrono::Duration::hours(3)).naive_utc();
        diesel::update(webinars.filter(id.eq(&past)))
            .set((
                starts_at.eq(end - chrono::Duration::hours(1)),
                ends_at.eq(end),
            ))
            .execute(conn)?;
        Ok(())
    })
    .await;
    onetomany::worker::run_timed(&app.db, chrono::Utc::now())
        .await
        .expect("timed");
    app.deliver().await;
    let thanks = app.mails_to("ben@example.com").pop().expect("thanks");
    let text = thanks["text"].as_str().unwrap_or_default();
    let five = text
        .split_whitespace()
        .find(|w| w.contains("/rate?score=5"))
        .unwrap_or_else(|| panic!("no rating link in {text}"));
    b.goto(&five[five.find("/manage/").expect("path")..]).await;
    assert_eq!(b.text("h1").await, "Veranstaltung bewerten");
    let chosen = b
        .js("return document.querySelector('input[name=score]:checked').value")
        .await;
    assert_eq!(chosen, "5", "the score of the link is chosen");
    b.inspect("rating", "de").await;
    b.fill("Kommentar (optional)", "Sehr hilfreich, danke!")
        .await;
    b.click("Bewertung absenden").await;
    assert_eq!(
        b.text(".notice").await,
        "Vielen Dank: Ihre Bewertung wurde an das Team übermittelt."
    );
    let stored = app
        .sql(move |conn| {
            use diesel::prelude::*;
            use onetomany::db::schema::registrations::dsl::*;
            Ok(registrations
                .filter(rating.is_not_null())
                .select((rating, rating_comment))
                .load::<(Option<i32>, Option<String>)>(conn)?)
        })
        .await;
    assert_eq!(stored, [(Some(5), Some("Sehr hilfreich, danke!".into()))]);
    b.close().await;
}

/// An expert webinar with `capacity` seats; its id.
async fn expert_webinar(app: &TestApp, title: &str, capacity: i64) -> String {
    let (_, host) = app.staff("csm").await;
    let w = app
        .create_webinar(
            &host,
            json!({"kind": "expert", "title": title, "capacity": capacity, "topic": "reporting",
                   "description": "We look at your own reports together and make them fast."}),
        )
        .await;
    w["id"].as_str().expect("id").to_owned()
}

/// The part of a manage link after `prefix`: (id, token).
fn id_and_token<'a>(link: &'a str, prefix: &str) -> (&'a str, &'a str) {
    let rest = &link[link.find(prefix).expect("a manage link") + prefix.len()..];
    let id = rest.split(['/', '?']).next().unwrap_or_default();
    let token = rest.split_once("token=").map_or("", |(_, t)| t);
    (id, token)
}

async fn registration_status(app: &TestApp, id: &str, token: &str) -> String {
    let r = app
        .get(&format!("/api/v1/registrations/{id}?token={token}"), None)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    r.json["status"].as_str().unwrap_or_default().to_owned()
}

async fn queue_status(app: &TestApp, id: &str, token: &str) -> String {
    let r = app
        .get(&format!("/api/v1/queue/{id}?token={token}"), None)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    r.json["status"].as_str().unwrap_or_default().to_owned()
}

async fn a_customer_registers_gets_the_mail_and_cancels_from_its_link(backend: Backend) {
    let sink = SmtpSink::start().await;
    // The service on a port known in advance, so that the links in its mail
    // lead to it, as in production.
    let port = free_port();
    let app = spawn_app_with(TestDb::create(backend), |s| {
        s.mail.transport = MailTransport::Smtp;
        s.mail.smtp_host = "127.0.0.1".into();
        s.mail.smtp_port = sink.port;
        s.server.port = port;
        s.server.public_url = format!("http://127.0.0.1:{port}/").parse().expect("url");
    })
    .await;
    let id = expert_webinar(&app, "Scaling your reports", 3).await;
    let b = Browser::start_in_zone(&app.address, "America/Sao_Paulo").await;

    b.goto("/").await;
    assert!(b.text(".card").await.contains("3 seats left"));
    b.click("Scaling your reports").await;
    assert_eq!(b.path().await, format!("/webinars/{id}"));
    assert_eq!(b.text("h1").await, "Scaling your reports");
    b.fill("Name", "Ana Lima").await;
    b.fill("E-mail address", "ana@example.com").await;
    b.fill("Company", "Acme").await;
    b.fill("Your situation", "Reports time out at 20 000 orders.")
        .await;
    b.fill("Your questions", "Can we schedule exports?").await;
    b.click("Register").await;

    assert_eq!(b.text("h1").await, "You are registered");
    let shown = b.page_text().await;
    assert!(
        shown.contains("We have sent your calendar invitation to ana@example.com."),
        "{shown}"
    );
    assert!(shown.contains("Add to your calendar"), "{shown}");
    // The page's script told the form the browser's zone.
    let zone = app
        .sql(|conn| {
            use diesel::prelude::*;
            use onetomany::db::schema::registrations::dsl::*;
            Ok(registrations.select(timezone).first::<String>(conn)?)
        })
        .await;
    assert_eq!(zone, "America/Sao_Paulo");

    // The confirmation arrives over SMTP; its manage link opens in the browser.
    assert!(app.deliver().await.sent >= 1);
    let raw: Vec<Vec<u8>> = sink
        .received()
        .into_iter()
        .filter(|m| m.rcpt_to.iter().any(|t| t == "ana@example.com"))
        .map(|m| m.data)
        .collect();
    assert_eq!(raw.len(), 1, "one confirmation mail");
    let mail = &parse_mails(&raw)[0];
    let text = mail["text"].as_str().unwrap_or_default();
    let link = text
        .split_whitespace()
        .find(|w| w.contains("/manage/registration/"))
        .unwrap_or_else(|| panic!("no manage link in {text}"));
    assert!(link.starts_with(&app.address), "{link}");
    let (rid, token) = id_and_token(link, "/manage/registration/");
    b.goto(link).await;
    assert_eq!(b.text("h1").await, "Your registration");
    assert_eq!(b.text(".status").await, "Confirmed");
    // Opening the link changed nothing.
    assert_eq!(registration_status(&app, rid, token).await, "confirmed");

    b.click("Cancel my registration").await;
    assert_eq!(
        b.text(".notice").await,
        "Your registration has been cancelled."
    );
    assert_eq!(b.text(".status").await, "Cancelled");
    assert!(
        b.find_all("button").await.is_empty(),
        "nothing left to press"
    );
    assert_eq!(registration_status(&app, rid, token).await, "cancelled");
    b.close().await;
}

async fn a_customer_joins_the_queue_and_confirms_with_the_button(backend: Backend) {
    let app = spawn_app(backend).await;
    csm_with_hours(&app, "UTC", &[date_in(3)], "10:00").await;
    let b = Browser::start_in_zone(&app.address, "UTC").await;

    b.goto("/").await;
    b.click("Office hours").await;
    assert_eq!(b.text("h1").await, "Office hours");
    assert!(b.text(".slots").await.contains("09:00–10:00"));
    b.fill("Name", "Ana Souza").await;
    b.fill("E-mail address", "ana@shop.example").await;
    b.fill("Company", "Shop GmbH").await;
    b.fill("Topic", "Reporting").await;
    b.fill(
        "Your situation",
        "Our monthly report takes an hour to build.",
    )
    .await;
    b.click("Join the queue").await;
    assert_eq!(b.text("h1").await, "Please confirm your request");
    assert!(b.page_text().await.contains("ana@shop.example"));

    let link = confirmation_link(&app, "ana@shop.example").await;
    let (id, token) = id_and_token(&link, "/manage/queue/");
    // Opening the link (twice, as a mail scanner and then the person) confirms nothing.
    for _ in 0..2 {
        b.goto(&link).await;
        assert_eq!(b.text("h1").await, "Confirm your request");
        assert_eq!(b.text(".status").await, "Awaiting your confirmation");
    }
    assert_eq!(queue_status(&app, id, token).await, "unconfirmed");

    b.click("Confirm my request").await;
    assert_eq!(b.text("h1").await, "Your request is confirmed");
    assert_eq!(b.text(".status").await, "Appointment booked");
    assert!(b.text(".facts").await.contains("09:00–10:00"));
    assert_eq!(queue_status(&app, id, token).await, "scheduled");
    b.close().await;
}

async fn the_language_switch_is_remembered_and_arabic_reads_right_to_left(backend: Backend) {
    let app = spawn_app(backend).await;
    let id = expert_webinar(&app, "Scaling your reports", 3).await;
    let b = Browser::start_in_zone(&app.address, "America/Sao_Paulo").await;

    b.goto("/").await;
    assert_eq!(b.attr("html", "lang").await.as_deref(), Some("en"));
    // The times are in the zone the browser reported.
    assert_eq!(
        b.text(".zone").await,
        "Times are shown in your time zone (America/Sao_Paulo)."
    );

    b.click("العربية").await;
    assert_eq!(b.attr("html", "lang").await.as_deref(), Some("ar"));
    assert_eq!(b.attr("html", "dir").await.as_deref(), Some("rtl"));
    assert_eq!(b.text("h1").await, "الندوات القادمة");
    let direction = b
        .js("return getComputedStyle(document.querySelector('main')).direction")
        .await;
    assert_eq!(direction, "rtl");
    // The layout mirrors: the site's name starts on the right.
    let brand = b
        .js(
            "const r = document.querySelector('.brand').getBoundingClientRect();\
             return r.left > window.innerWidth / 2",
        )
        .await;
    assert_eq!(brand, true, "the brand sits on the right in Arabic");
    assert_eq!(
        b.attr("nav.langs [aria-current]", "lang").await.as_deref(),
        Some("ar")
    );

    // Remembered on the next page, reached by a link without `?lang=`.
    b.click("Scaling your reports").await;
    assert_eq!(b.path().await, format!("/webinars/{id}"));
    assert_eq!(b.attr("html", "dir").await.as_deref(), Some("rtl"));
    assert_eq!(b.attr("html", "lang").await.as_deref(), Some("ar"));

    b.click("Deutsch").await;
    assert_eq!(b.attr("html", "lang").await.as_deref(), Some("de"));
    assert_eq!(b.attr("html", "dir").await, None);
    let direction = b
        .js("return getComputedStyle(document.querySelector('main')).direction")
        .await;
    assert_eq!(direction, "ltr");
    assert_eq!(b.path().await, format!("/webinars/{id}?lang=de"));
    b.click("Sprechstunden").await;
    assert_eq!(b.path().await, "/office-hours");
    assert_eq!(b.attr("html", "lang").await.as_deref(), Some("de"));
    assert_eq!(b.text("h1").await, "Sprechstunden");
    b.goto("/").await;
    assert_eq!(b.text("h1").await, "Kommende Webinare");
    b.close().await;
}

async fn a_mistake_in_the_form_is_shown_again_and_announced(backend: Backend) {
    let app = spawn_app(backend).await;
    let id = expert_webinar(&app, "Scaling your reports", 3).await;
    let b = Browser::start(&app.address).await;

    b.goto(&format!("/webinars/{id}")).await;
    b.fill("Name", "Ana <Lima>").await;
    // The browser lets it through (it has an @); the service does not.
    b.fill("E-mail address", "ana@example").await;
    b.fill("Your situation", "Reports are slow.").await;
    b.check("marketing_consent", true).await;
    b.click("Register").await;

    assert_eq!(b.path().await, format!("/webinars/{id}"));
    assert_eq!(b.text("h1").await, "Scaling your reports");
    // What was typed is still there.
    assert_eq!(b.value("Name").await, "Ana <Lima>");
    assert_eq!(b.value("E-mail address").await, "ana@example");
    assert_eq!(b.value("Your situation").await, "Reports are slow.");
    let consent = b.field("marketing_consent").await;
    assert!(consent.is_selected().await.expect("checkbox state"));

    // The message is tied to the field and announced.
    let email = b.field("E-mail address").await;
    assert_eq!(
        email.attr("aria-invalid").await.expect("attr").as_deref(),
        Some("true")
    );
    let described = email
        .attr("aria-describedby")
        .await
        .expect("attr")
        .unwrap_or_default();
    let ids: Vec<&str> = described.split_whitespace().collect();
    assert!(ids.contains(&"email-error"), "{described}");
    for id in &ids {
        assert!(
            !b.find_all(&format!("#{id}")).await.is_empty(),
            "aria-describedby names #{id}, which exists"
        );
    }
    let error = b.find("#email-error").await;
    assert!(error.is_displayed().await.expect("shown"));
    assert_eq!(
        error.text().await.expect("text"),
        "Please enter a valid e-mail address, such as name@company.com."
    );
    let alert = b.find("[role=alert]").await;
    assert!(alert.is_displayed().await.expect("shown"));
    assert!(
        alert
            .text()
            .await
            .expect("text")
            .contains("Please check the fields marked below.")
    );
    // Focus is on the summary, so a screen reader reads it out first.
    let focused = b
        .js("return document.activeElement.getAttribute('role')")
        .await;
    assert_eq!(focused, "alert");
    b.inspect("webinar-form-error", "en").await;

    // Corrected, it goes through.
    b.fill("E-mail address", "ana@example.com").await;
    b.click("Register").await;
    assert_eq!(b.text("h1").await, "You are registered");
    b.close().await;
}

/// Every customer page in English, German and Arabic: axe-core, the phone
/// width, screenshots.
async fn tour(backend: Backend) {
    let app = spawn_app(backend).await;
    let id = expert_webinar(&app, "Scaling your reports", 10).await;
    let (_, host) = app.staff("csm").await;
    app.create_webinar(
        &host,
        json!({"title": "Getting started with reports", "topic": "onboarding"}),
    )
    .await;
    csm_with_hours(&app, "Europe/Berlin", &[date_in(2), date_in(3)], "12:00").await;
    let b = Browser::start(&app.address).await;

    for lang in ["en", "de", "ar"] {
        b.goto(&format!("/?lang={lang}")).await;
        assert_eq!(b.attr("html", "lang").await.as_deref(), Some(lang));
        b.inspect("catalog", lang).await;

        b.goto(&format!("/webinars/{id}")).await;
        b.inspect("webinar", lang).await;
        b.fill("name", "Ana Lima").await;
        b.fill("email", &format!("ana-{lang}@example.com")).await;
        b.fill("company", "Acme").await;
        b.fill("situation", "Reports time out at 20 000 orders.")
            .await;
        let submit = b.find("form[method=post] button[type=submit]").await;
        b.click_element(submit, "register").await;
        assert!(
            b.find_all(".actions").await.len() == 1,
            "the calendar links"
        );
        b.inspect("confirmation", lang).await;

        let manage = b.find("a[href^='/manage/registration/']").await;
        b.click_element(manage, "the manage link").await;
        assert!(!b.find_all("button.danger").await.is_empty());
        b.inspect("manage", lang).await;

        b.goto("/office-hours").await;
        b.inspect("office-hours", lang).await;

        let email = format!("queue-{lang}@shop.example");
        let asked = crate::queue::request(&app, &email, json!({})).await;
        assert!(asked.status.is_success(), "{}", asked.text);
        let link = confirmation_link(&app, &email).await;
        b.goto(&link).await;
        assert_eq!(b.attr("html", "lang").await.as_deref(), Some(lang));
        b.inspect("queue-confirm", lang).await;
        let confirm = b.find("form[action$='/confirm'] button").await;
        b.click_element(confirm, "confirm").await;
        b.inspect("queue-confirmed", lang).await;
        let manage = b.find("a[href^='/manage/queue/']").await;
        b.click_element(manage, "the queue's manage link").await;
        assert!(!b.find_all("button.danger").await.is_empty());
        b.inspect("queue-manage", lang).await;
    }
    b.close().await;
}
