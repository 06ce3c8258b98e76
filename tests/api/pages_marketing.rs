//! The marketing pages: registrations and attendance per topic and week
//! as charts with tables, the attendee list with its filters and the
//! consent rule, and the CSV download — over HTTP with the session cookie.

use chrono::{Duration, Utc};
use reqwest::StatusCode;
use serde_json::json;

use crate::both_backends;
use crate::helpers::{Backend, TestApp, days_ahead, spawn_app};
use crate::pages::{assert_html, header};
use crate::staff_browser::staff_browser;

both_backends!(
    the_charts_show_registrations_and_attendance_per_topic_and_week,
    the_date_range_limits_the_figures,
    the_reports_read_in_german_and_arabic,
    the_attendee_list_filters_and_keeps_to_consent,
    the_csv_download_carries_the_filters,
    a_csm_may_not_see_the_marketing_pages,
);

/// A day `days` from today in the marketer's own zone (Berlin, as every
/// test user's), the zone the page reads its date fields in.
fn day(days: i64) -> String {
    (Utc::now() + Duration::days(days))
        .with_timezone(&chrono_tz::Europe::Berlin)
        .date_naive()
        .format("%Y-%m-%d")
        .to_string()
}

/// Two "reporting" webinars two weeks apart: the first with two
/// confirmed registrants (one attended, one did not), the second with one
/// (not marked), who declined marketing. Returns the host's token.
async fn scene(app: &TestApp) -> String {
    let (_, host) = app.staff("csm").await;
    let a = app
        .create_webinar(
            &host,
            json!({"starts_at": days_ahead(7), "title": "Reports A"}),
        )
        .await;
    let b = app
        .create_webinar(
            &host,
            json!({"starts_at": days_ahead(21), "title": "Reports B"}),
        )
        .await;
    let (a, b) = (
        a["id"].as_str().expect("id").to_owned(),
        b["id"].as_str().expect("id").to_owned(),
    );
    let mut regs = Vec::new();
    for email in ["ana@x.example", "ben@x.example"] {
        let r = app
            .register(
                &a,
                email,
                json!({"marketing_consent": true, "company": "Acme"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        regs.push(r.json["id"].as_str().expect("id").to_owned());
    }
    let r = app
        .register(&b, "cem@x.example", json!({"marketing_consent": false}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let marked = app
        .post(
            &format!("/api/v1/webinars/{a}/attendance"),
            Some(&host),
            &json!({"attended": [regs[0]], "no_show": [regs[1]]}),
        )
        .await;
    assert!(marked.status.is_success(), "{}", marked.text);
    host
}

async fn the_charts_show_registrations_and_attendance_per_topic_and_week(backend: Backend) {
    let app = spawn_app(backend).await;
    scene(&app).await;
    let (browser, _) = staff_browser(&app, "marketing").await;
    let page = browser
        .get(&format!(
            "/marketing?from={}&to={}&lang=en",
            day(0),
            day(30)
        ))
        .await;
    assert_html(&page, StatusCode::OK);
    let html = &page.text;
    assert!(
        html.contains("<h1>Registrations and attendance</h1>"),
        "{html}"
    );
    // The two weekly charts and the bar chart of what customers ask about.
    assert_eq!(html.matches("role=\"img\"").count(), 3, "{html}");
    assert!(
        html.contains("<title id=\"chart-registrations-title\">"),
        "{html}"
    );
    assert!(
        html.contains("<desc id=\"chart-attendance-desc\">"),
        "{html}"
    );
    assert!(html.contains("<th scope=\"col\">reporting</th>"), "{html}");
    // The week of the first session, the week of the second, and the total.
    assert!(html.contains("<td>50% (1 of 2)</td>"), "{html}");
    assert!(html.contains("<td>0% (0 of 1)</td>"), "{html}");
    assert!(html.contains("<td>33% (1 of 3)</td>"), "{html}");
    let registrations = html
        .split("chart-registrations-table")
        .nth(1)
        .and_then(|t| t.split("</table>").next())
        .expect("registrations table");
    assert!(registrations.contains("<td>2</td>"), "{registrations}");
    assert!(registrations.contains("<td>1</td>"), "{registrations}");
    assert!(
        registrations.contains("Total</th><td>3</td>"),
        "{registrations}"
    );
    // The default period is the last 12 weeks: these sessions lie ahead.
    let default = browser.get("/marketing").await;
    assert_html(&default, StatusCode::OK);
    assert!(
        default.text.contains(&format!("value=\"{}\"", day(0))),
        "{}",
        default.text
    );
    assert!(!default.text.contains("50% (1 of 2)"), "{}", default.text);
}

async fn the_date_range_limits_the_figures(backend: Backend) {
    let app = spawn_app(backend).await;
    scene(&app).await;
    let (browser, _) = staff_browser(&app, "marketing").await;
    let later = browser
        .get(&format!(
            "/marketing?from={}&to={}&lang=en",
            day(14),
            day(30)
        ))
        .await;
    assert_html(&later, StatusCode::OK);
    assert!(
        later.text.contains("<td>0% (0 of 1)</td>"),
        "{}",
        later.text
    );
    assert!(!later.text.contains("1 of 2"), "{}", later.text);
    assert!(
        later.text.contains("Total</th><td>1</td>"),
        "{}",
        later.text
    );
    // A period with no sessions says so; a backwards one is an error at its field.
    let none = browser
        .get(&format!(
            "/marketing?from={}&to={}&lang=en",
            day(40),
            day(50)
        ))
        .await;
    assert!(
        none.text.contains("No webinars started in this period."),
        "{}",
        none.text
    );
    let backwards = browser
        .get(&format!(
            "/marketing?from={}&to={}&lang=en",
            day(30),
            day(0)
        ))
        .await;
    assert_html(&backwards, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        backwards.text.contains("id=\"to-error\""),
        "{}",
        backwards.text
    );
    assert!(
        backwards.text.contains(&format!("value=\"{}\"", day(30))),
        "{}",
        backwards.text
    );
    let bad = browser.get("/marketing?from=soon&lang=en").await;
    assert_html(&bad, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text.contains("value=\"soon\""), "{}", bad.text);
    assert!(bad.text.contains("id=\"from-error\""), "{}", bad.text);
}

async fn the_reports_read_in_german_and_arabic(backend: Backend) {
    let app = spawn_app(backend).await;
    scene(&app).await;
    let (browser, _) = staff_browser(&app, "marketing").await;
    let range = format!("from={}&to={}", day(0), day(30));
    let de = browser.get(&format!("/marketing?{range}&lang=de")).await;
    assert_html(&de, StatusCode::OK);
    assert!(de.text.contains("<html lang=\"de\">"), "{}", de.text);
    assert!(
        de.text.contains("<h1>Anmeldungen und Teilnahme</h1>"),
        "{}",
        de.text
    );
    assert!(
        de.text.contains("<td>50\u{a0}% (1 von 2)</td>"),
        "{}",
        de.text
    );
    let ar = browser.get(&format!("/marketing?{range}&lang=ar")).await;
    assert_html(&ar, StatusCode::OK);
    assert!(
        ar.text.contains("<html lang=\"ar\" dir=\"rtl\">"),
        "{}",
        ar.text
    );
    assert!(ar.text.contains("التسجيلات والحضور"), "{}", ar.text);
    assert!(ar.text.contains("50\u{200e}%\u{200e}"), "{}", ar.text);
    // The charts keep time running left to right.
    assert!(
        ar.text.contains("<div class=\"chart\" dir=\"ltr\">"),
        "{}",
        ar.text
    );
    let list = browser.get("/marketing/attendees?lang=de").await;
    assert!(list.text.contains("<h1>Teilnehmende</h1>"), "{}", list.text);
    assert!(list.text.contains("CSV herunterladen"), "{}", list.text);
}

async fn the_attendee_list_filters_and_keeps_to_consent(backend: Backend) {
    let app = spawn_app(backend).await;
    scene(&app).await;
    let (browser, _) = staff_browser(&app, "marketing").await;
    let only = browser.get("/marketing/attendees?lang=en").await;
    assert_html(&only, StatusCode::OK);
    assert!(only.text.contains("ana@x.example"), "{}", only.text);
    assert!(only.text.contains("ben@x.example"), "{}", only.text);
    assert!(only.text.contains("Acme"), "{}", only.text);
    // Cem declined marketing: not listed unless asked for everyone.
    assert!(!only.text.contains("cem@x.example"), "{}", only.text);
    let all = browser
        .get("/marketing/attendees?consent=all&lang=en")
        .await;
    assert!(all.text.contains("cem@x.example"), "{}", all.text);
    assert!(all.text.contains("Not agreed"), "{}", all.text);
    let attended = browser
        .get("/marketing/attendees?attended=yes&consent=all&lang=en")
        .await;
    assert!(attended.text.contains("ana@x.example"), "{}", attended.text);
    assert!(
        !attended.text.contains("ben@x.example"),
        "{}",
        attended.text
    );
    let later = browser
        .get(&format!(
            "/marketing/attendees?from={}&consent=all&lang=en",
            day(14)
        ))
        .await;
    assert!(later.text.contains("cem@x.example"), "{}", later.text);
    assert!(!later.text.contains("ana@x.example"), "{}", later.text);
    let other = browser
        .get("/marketing/attendees?topic=billing&lang=en")
        .await;
    assert!(
        other.text.contains("No registrations match these filters."),
        "{}",
        other.text
    );
    let wrong = browser
        .get("/marketing/attendees?status=maybe&lang=en")
        .await;
    assert_html(&wrong, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.text.contains("id=\"status-error\""), "{}", wrong.text);
}

async fn the_csv_download_carries_the_filters(backend: Backend) {
    let app = spawn_app(backend).await;
    scene(&app).await;
    let (browser, _) = staff_browser(&app, "marketing").await;
    let page = browser
        .get("/marketing/attendees?consent=all&attended=no&lang=en")
        .await;
    let link = "/marketing/attendees.csv?attended=no&#38;consent=all";
    assert!(
        page.text.contains(&format!("href=\"{link}\"")),
        "{}",
        page.text
    );
    let csv = browser
        .get("/marketing/attendees.csv?attended=no&consent=all")
        .await;
    assert_eq!(csv.status, StatusCode::OK, "{}", csv.text);
    assert!(header(&csv, "content-type").starts_with("text/csv"));
    assert!(
        header(&csv, "content-disposition").starts_with("attachment; filename="),
        "{:?}",
        csv.headers
    );
    let body = csv.text.trim_start_matches('\u{feff}');
    assert!(body.starts_with("email,name,company,webinar_id,webinar_title,kind,topic,starts_at,status,attended,marketing_consent,registered_at\r\n"), "{body}");
    assert!(body.contains("ben@x.example"), "{body}");
    assert!(!body.contains("ana@x.example"), "{body}");
    assert_eq!(body.lines().count(), 2, "{body}");
    // Without consent=all only consenting people.
    let only = browser.get("/marketing/attendees.csv").await;
    assert!(only.text.contains("ana@x.example"), "{}", only.text);
    assert!(!only.text.contains("cem@x.example"), "{}", only.text);
}

async fn a_csm_may_not_see_the_marketing_pages(backend: Backend) {
    let app = spawn_app(backend).await;
    let (csm, _) = staff_browser(&app, "csm").await;
    for path in [
        "/marketing",
        "/marketing/attendees",
        "/marketing/attendees.csv",
    ] {
        let reply = csm.get(path).await;
        assert_html(&reply, StatusCode::FORBIDDEN);
    }
    let (admin, _) = staff_browser(&app, "admin").await;
    let reply = admin.get("/marketing").await;
    assert_html(&reply, StatusCode::OK);
    assert!(
        reply.text.contains("href=\"/marketing/attendees\""),
        "{}",
        reply.text
    );
}
