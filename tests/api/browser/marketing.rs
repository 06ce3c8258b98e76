//! The marketing pages in a real browser: a marketing user signs in (in
//! German), reads the charts, filters the attendees and fetches the CSV
//! through the page's own download link with the browser's session; the
//! pages pass axe in German, Arabic and English and fit a phone.

use serde_json::json;

use super::Browser;
use crate::helpers::{Backend, PASSWORD, days_ahead, spawn_app};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_marketing_user_reads_the_reports_and_downloads_the_attendees() {
    let app = spawn_app(Backend::Sqlite).await;
    let (_, host) = app.staff("csm").await;
    let w = app
        .create_webinar(&host, json!({"starts_at": days_ahead(3)}))
        .await;
    let w = w["id"].as_str().expect("id").to_owned();
    let mut regs = Vec::new();
    for email in ["ana@x.example", "ben@x.example"] {
        let r = app
            .register(&w, email, json!({"marketing_consent": true}))
            .await;
        regs.push(r.json["id"].as_str().expect("id").to_owned());
    }
    app.post(
        &format!("/api/v1/webinars/{w}/attendance"),
        Some(&host),
        &json!({"attended": [regs[0]], "no_show": [regs[1]]}),
    )
    .await;
    let email = "mara@example.com";
    app.add_staff(email, "marketing").await;

    let b = Browser::start(&app.address).await;
    b.goto("/login?lang=de").await;
    b.fill("E-Mail-Adresse", email).await;
    b.fill("Passwort", PASSWORD).await;
    b.click("Anmelden").await;
    assert_eq!(b.path().await, "/marketing");
    // The default period ends today: move it to cover the session ahead.
    let ahead = (chrono::Utc::now() + chrono::Duration::days(30))
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    let today = chrono::Utc::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    b.goto(&format!("/marketing?from={today}&to={ahead}")).await;
    assert!(b.text("h1").await.contains("Anmeldungen und Teilnahme"));
    let table = b.text("#chart-attendance-table").await;
    assert!(table.contains("50 % (1 von 2)"), "{table}");
    b.inspect("marketing-charts", "de").await;

    b.click("Teilnehmende").await;
    assert_eq!(b.path().await, "/marketing/attendees");
    b.inspect("marketing-attendees", "de").await;
    let href = b.attr("#csv-link", "href").await.expect("download link");
    assert!(href.starts_with("/marketing/attendees.csv"), "{href}");
    // The link works with the browser's own session: its cookie, read
    // from the browser (the pages' CSP lets no script fetch), sent along.
    let cookie = b
        .client()
        .get_named_cookie("staff_session")
        .await
        .expect("the browser's session cookie");
    let res = reqwest::Client::new()
        .get(format!("{}{href}", app.address))
        .header("cookie", format!("staff_session={}", cookie.value()))
        .send()
        .await
        .expect("download");
    assert_eq!(res.status(), 200);
    let disposition = res
        .headers()
        .get("content-disposition")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(disposition.starts_with("attachment"), "{disposition}");
    let fetched = serde_json::json!({"body": res.text().await.expect("body")});
    let body = fetched["body"].as_str().unwrap_or_default();
    assert!(body.contains("email,name,company"), "{body}");
    assert!(body.contains("ana@x.example"), "{body}");

    b.goto(&format!("/marketing?from={today}&to={ahead}&lang=ar"))
        .await;
    assert_eq!(
        b.js("return getComputedStyle(document.querySelector('main')).direction")
            .await,
        "rtl"
    );
    assert_eq!(
        b.js("return getComputedStyle(document.querySelector('.chart')).direction")
            .await,
        "ltr"
    );
    b.inspect("marketing-charts", "ar").await;
    b.goto("/marketing/attendees?lang=en&consent=all").await;
    assert!(b.page_text().await.contains("ben@x.example"));
    b.inspect("marketing-attendees", "en").await;
    b.close().await;
}
