//! The CSM's pages in a real browser: a CSM signs in in German, lands on
//! the dashboard, creates a webinar through the form, marks a registrant
//! attended, saves a weekly window of office hours, and reads the queue
//! and their appointments; the pages pass axe (German, and the dashboard
//! in English and Arabic) and fit a phone.

use serde_json::json;

use super::Browser;
use crate::helpers::{Backend, PASSWORD, spawn_app};
use crate::queue::{ask, date_in};

/// Sets a date or time input the way a date picker would (typing into
/// them depends on the browser's locale).
async fn set_value(b: &Browser, id: &str, value: &str) {
    b.js(&format!(
        "document.getElementById({}).value = {}; return null",
        json!(id),
        json!(value)
    ))
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_csm_runs_a_webinar_and_their_office_hours() {
    let app = spawn_app(Backend::Sqlite).await;
    let email = "jonas@example.com";
    let csm_id = app.add_staff(email, "csm").await;

    let b = Browser::start(&app.address).await;
    b.goto("/login?lang=de").await;
    b.fill("E-Mail-Adresse", email).await;
    b.fill("Passwort", PASSWORD).await;
    b.click("Anmelden").await;
    assert_eq!(b.path().await, "/staff");
    assert!(b.text("h1").await.contains("Meine nächsten Termine"));
    b.inspect("csm-dashboard", "de").await;

    // A webinar, typed in the CSM's zone.
    b.goto("/staff/webinars/new").await;
    b.fill("Titel", "Exporte ohne Umwege").await;
    b.fill("Beschreibung", "Wir bauen gemeinsam einen Monatsexport.")
        .await;
    set_value(&b, "date", &date_in(5)).await;
    set_value(&b, "time", "14:30").await;
    b.click("Webinar anlegen").await;
    let path = b.path().await;
    assert!(path.contains("/edit?created=1"), "{path}");
    let id = path
        .trim_start_matches("/staff/webinars/")
        .split('/')
        .next()
        .unwrap_or_default()
        .to_owned();

    // Someone registers; the CSM marks them attended.
    let reg = app.register(&id, "ana@shop.example", json!({})).await;
    assert_eq!(reg.status, 201, "{}", reg.text);
    b.goto(&format!("/staff/webinars/{id}/registrants")).await;
    assert!(b.page_text().await.contains("ana@shop.example"));
    b.click("Teilgenommen").await;
    let card = b.text(".registrant").await;
    assert!(card.contains("Teilgenommen"), "{card}");
    assert_eq!(
        b.attr(".registrant button[aria-pressed]", "aria-pressed")
            .await
            .as_deref(),
        Some("true")
    );

    // Office hours: one weekly window, in Berlin.
    b.click("Meine Verfügbarkeit").await;
    assert_eq!(b.path().await, "/staff/availability");
    b.inspect("csm-availability", "de").await;
    b.fill("timezone", "Europe/Berlin").await;
    b.fill("w0_day", "tue").await;
    set_value(&b, "w0_start", "09:00").await;
    set_value(&b, "w0_end", "10:00").await;
    b.click("Verfügbarkeit speichern").await;
    assert!(
        b.page_text()
            .await
            .contains("Ihre Verfügbarkeit wurde gespeichert."),
        "{}",
        b.page_text().await
    );
    let token = app.login_token_of(&csm_id).await;
    let saved = app
        .get(
            &format!("/api/v1/users/{csm_id}/availability"),
            Some(&token),
        )
        .await;
    assert_eq!(
        saved.json["weekly"],
        json!([{"day": "tue", "start": "09:00", "end": "10:00"}])
    );

    // More customers ask than there are Tuesday hours in the horizon.
    for n in 0..6 {
        ask(
            &app,
            &format!("kunde{n}@shop.example"),
            json!({"topic": "Exporte", "company": "Shop GmbH"}),
        )
        .await;
    }
    b.click("Warteschlange").await;
    assert_eq!(b.path().await, "/staff/queue");
    assert!(b.page_text().await.contains("Platz 1"));
    b.inspect("csm-queue", "de").await;

    b.click("Meine Kundentermine").await;
    assert_eq!(b.path().await, "/staff/appointments");
    let booked = b.page_text().await;
    // The first to ask holds the first Tuesday hour.
    assert!(booked.contains("Customer kunde0@shop.example"), "{booked}");
    assert!(b.page_text().await.contains("Geplant"));
    b.inspect("csm-appointments", "de").await;

    b.goto("/staff?lang=en").await;
    assert!(b.text("h1").await.contains("My upcoming sessions"));
    b.inspect("csm-dashboard", "en").await;
    b.goto("/staff?lang=ar").await;
    assert_eq!(b.attr("html", "dir").await.as_deref(), Some("rtl"));
    b.inspect("csm-dashboard", "ar").await;
    // The form with its rows of times reads right to left as well.
    b.goto("/staff/availability").await;
    assert_eq!(b.value("w0_start").await, "09:00");
    b.inspect("csm-availability", "ar").await;
    b.close().await;
}

/// A French-speaking CSM connects their other calendar from the dashboard:
/// the form takes the address, the page says it was read and from where,
/// and the section passes axe and fits a phone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_csm_connects_their_other_calendar() {
    use std::sync::Arc;
    use std::sync::atomic::AtomicBool;

    use crate::busy_calendar::{FEED, serve};
    use crate::helpers::{TestDb, spawn_app_with};

    let app = spawn_app_with(TestDb::create(Backend::Sqlite), |s| {
        s.webhooks.allow_private_targets = true;
    })
    .await;
    let email = "claire@example.com";
    let csm_id = app.add_staff(email, "csm").await;
    let feed = serve(FEED.to_owned(), Arc::new(AtomicBool::new(false))).await;

    let b = Browser::start(&app.address).await;
    b.goto("/login?lang=fr").await;
    b.fill("Adresse e-mail", email).await;
    b.fill("Mot de passe", PASSWORD).await;
    b.click("Se connecter").await;
    assert_eq!(b.path().await, "/staff");
    b.fill("Adresse de l’agenda (iCal)", &feed).await;
    b.click("Enregistrer et lire maintenant").await;
    assert_eq!(b.path().await, "/staff?calendar=saved");
    let section = b.text("section[aria-labelledby=busy-heading]").await;
    for text in ["Enregistré.", "127.0.0.1", "Dernière lecture\u{202f}:"] {
        assert!(section.contains(text), "{text}: {section}");
    }
    let token = app.login_token_of(&csm_id).await;
    let stored = app
        .get(
            &format!("/api/v1/users/{csm_id}/busy-calendar"),
            Some(&token),
        )
        .await;
    assert_eq!(stored.json["url"], feed.as_str(), "{}", stored.text);
    assert!(
        stored.json["last_success_at"].is_string(),
        "{}",
        stored.text
    );
    b.inspect("csm-busy-calendar", "fr").await;
    b.goto("/staff?lang=ar").await;
    b.inspect("csm-busy-calendar", "ar").await;
    b.close().await;
}
