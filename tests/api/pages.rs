//! The customer pages: the catalog, a webinar with its registration form,
//! the confirmation and the manage page, in the visitor's language, as a
//! browser without JavaScript sees them (plain GETs and form POSTs).

use reqwest::StatusCode;
use serde_json::json;

use crate::both_backends;
use crate::helpers::{Backend, Reply, TestApp, read, spawn_app};

/// A GET with extra request headers (cookies, Accept-Language).
pub(crate) async fn page(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> Reply {
    let mut req = app.client.get(app.url(path));
    for (name, value) in headers {
        req = req.header(*name, *value);
    }
    read(req.send().await.expect("request sent")).await
}

/// A form POST, as a browser sends it.
async fn submit(app: &TestApp, path: &str, fields: &[(&str, &str)]) -> Reply {
    submit_with(app, path, fields, &[]).await
}

/// A form POST with extra request headers.
pub(crate) async fn submit_with(
    app: &TestApp,
    path: &str,
    fields: &[(&str, &str)],
    headers: &[(&str, &str)],
) -> Reply {
    let mut req = app.client.post(app.url(path)).form(fields);
    for (name, value) in headers {
        req = req.header(*name, *value);
    }
    read(req.send().await.expect("request sent")).await
}

pub(crate) fn header<'a>(reply: &'a Reply, name: &str) -> &'a str {
    reply
        .headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

#[track_caller]
pub(crate) fn assert_html(reply: &Reply, status: StatusCode) {
    assert_eq!(reply.status, status, "{}", reply.text);
    assert!(
        header(reply, "content-type").starts_with("text/html"),
        "{:?}",
        reply.headers
    );
    assert!(reply.text.starts_with("<!DOCTYPE html>"), "{}", reply.text);
}

/// Every page: a CSP that lets no inline script run, and no sniffing.
#[track_caller]
fn assert_secure(reply: &Reply) {
    let csp = header(reply, "content-security-policy");
    assert!(csp.contains("script-src 'self'"), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert_eq!(header(reply, "x-content-type-options"), "nosniff");
    assert!(!reply.text.contains("<script>"), "no inline script");
}

/// An expert webinar with `capacity` seats (Berlin time) and its id.
async fn expert_webinar(app: &TestApp, capacity: i64) -> String {
    let (_, host) = app.staff("csm").await;
    let w = app
        .create_webinar(
            &host,
            json!({"kind": "expert", "title": "Scaling your reports", "capacity": capacity,
                   "topic": "reporting"}),
        )
        .await;
    w["id"].as_str().expect("id").to_owned()
}

async fn catalog_is_german_with_lang_and_remembers_it(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, host) = app.staff("csm").await;
    app.create_webinar(
        &host,
        json!({"title": "Open questions on billing", "topic": "billing"}),
    )
    .await;
    let id = expert_webinar(&app, 3).await;
    let english = page(&app, "/", &[]).await;
    assert_html(&english, StatusCode::OK);
    assert_secure(&english);
    assert!(
        english.text.contains(r#"<html lang="en">"#),
        "{}",
        english.text
    );
    assert!(english.text.contains("Scaling your reports"));
    assert!(english.text.contains("Open questions on billing"));
    assert!(english.text.contains("3 seats left"), "{}", english.text);
    assert!(english.text.contains("Open to everyone"));
    assert!(english.text.contains(&format!(r#"href="/webinars/{id}""#)));
    // Without the browser's zone, each session's own zone, named.
    assert!(english.text.contains("(Europe/Berlin)"), "{}", english.text);

    let german = page(&app, "/?lang=de", &[]).await;
    assert_html(&german, StatusCode::OK);
    assert!(german.text.contains(r#"<html lang="de">"#));
    assert!(german.text.contains("Kommende Webinare"));
    // Every page leads to the office hours, in the visitor's language.
    assert!(
        german
            .text
            .contains(r#"<a class="nav" href="/office-hours">Sprechstunden</a>"#),
        "{}",
        german.text
    );
    assert!(
        german.text.contains("Noch 3 Plätze frei"),
        "{}",
        german.text
    );
    let cookie = header(&german, "set-cookie");
    assert!(cookie.starts_with("lang=de"), "{cookie}");
    assert!(
        cookie.contains("Path=/") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );

    // The cookie remembers the choice, over Accept-Language.
    let again = page(
        &app,
        "/",
        &[("cookie", "lang=de"), ("accept-language", "fr")],
    )
    .await;
    assert!(again.text.contains("Kommende Webinare"), "{}", again.text);
    assert!(again.headers.get("set-cookie").is_none());
    // Without a cookie, Accept-Language decides.
    let french = page(&app, "/", &[("accept-language", "fr-CA, en;q=0.5")]).await;
    assert!(french.text.contains(r#"<html lang="fr">"#));
    assert!(french.text.contains("Webinaires à venir"));

    // The filter form: only expert webinars.
    let experts = page(&app, "/?kind=expert&topic=", &[]).await;
    assert!(experts.text.contains("Scaling your reports"));
    assert!(!experts.text.contains("Open questions on billing"));
    assert!(experts.text.contains(r#"<option value="expert" selected>"#));
    let billing = page(&app, "/?topic=billing", &[]).await;
    assert!(!billing.text.contains("Scaling your reports"));
    assert!(billing.text.contains("Open questions on billing"));
}

/// The catalog keeps rendered pages, yet a booking or a change shows on the
/// very next view.
async fn the_catalog_shows_each_booking_at_once(backend: Backend) {
    let app = spawn_app(backend).await;
    let id = expert_webinar(&app, 2).await;
    let before = page(&app, "/", &[]).await;
    assert!(before.text.contains("2 seats left"), "{}", before.text);
    let again = page(&app, "/", &[]).await;
    assert_eq!(
        again.text, before.text,
        "the same page for the same visitor"
    );

    let ana = app.register(&id, "ana@customer.example", json!({})).await;
    assert_eq!(ana.status, StatusCode::CREATED, "{}", ana.text);
    let one_left = page(&app, "/", &[]).await;
    assert!(one_left.text.contains("One seat left"), "{}", one_left.text);
    let ben = app.register(&id, "ben@customer.example", json!({})).await;
    assert_eq!(ben.status, StatusCode::CREATED, "{}", ben.text);
    let full = page(&app, "/", &[]).await;
    assert!(!full.text.contains("seat left"), "{}", full.text);
    assert!(
        full.text.contains("Fully booked – waiting list open"),
        "{}",
        full.text
    );
    // The German page is kept apart from the English one.
    let german = page(&app, "/?lang=de", &[]).await;
    assert!(
        german.text.contains(r#"<html lang="de">"#),
        "{}",
        german.text
    );
}

async fn arabic_pages_are_right_to_left(backend: Backend) {
    let app = spawn_app(backend).await;
    let id = expert_webinar(&app, 2).await;
    let catalog = page(&app, "/?lang=ar", &[]).await;
    assert_html(&catalog, StatusCode::OK);
    assert!(
        catalog.text.contains(r#"<html lang="ar" dir="rtl">"#),
        "{}",
        catalog.text
    );
    assert!(catalog.text.contains("الندوات القادمة"));
    let webinar = page(&app, &format!("/webinars/{id}"), &[("cookie", "lang=ar")]).await;
    assert!(webinar.text.contains(r#"dir="rtl""#));
    let german = page(&app, "/", &[("cookie", "lang=de")]).await;
    assert!(!german.text.contains("dir=\"rtl\""));
}

async fn times_follow_the_zone_the_browser_reports(backend: Backend) {
    let app = spawn_app(backend).await;
    expert_webinar(&app, 2).await;
    let shown = page(&app, "/", &[("cookie", "tz=America/New_York")]).await;
    assert!(shown.text.contains("(America/New_York)"), "{}", shown.text);
    assert!(shown.text.contains("your time zone (America/New_York)"));
    assert!(!shown.text.contains("(Europe/Berlin)"));
    // A zone that does not exist is ignored.
    let bogus = page(&app, "/", &[("cookie", "tz=Mars/Olympus")]).await;
    assert!(bogus.text.contains("(Europe/Berlin)"));
}

async fn registering_through_the_form_confirms_with_calendar_links(backend: Backend) {
    let app = spawn_app(backend).await;
    let id = expert_webinar(&app, 1).await;
    let form = page(&app, &format!("/webinars/{id}"), &[]).await;
    assert_html(&form, StatusCode::OK);
    assert_secure(&form);
    assert!(form.text.contains(&format!(r#"action="/webinars/{id}""#)));
    assert!(
        form.text.contains(r#"name="situation""#),
        "expert: situation asked"
    );
    assert!(
        form.text.contains(r#"type="checkbox" value="yes">"#),
        "consent unticked: {}",
        form.text
    );

    let done = submit(
        &app,
        &format!("/webinars/{id}"),
        &[
            ("name", "Ana Lima"),
            ("email", "ana@example.com"),
            ("company", "Acme"),
            ("situation", "Reports time out at 20 000 orders."),
            ("questions", "Can we schedule exports?"),
            ("timezone", "America/Sao_Paulo"),
        ],
    )
    .await;
    assert_html(&done, StatusCode::OK);
    assert_secure(&done);
    assert!(done.text.contains("You are registered"), "{}", done.text);
    assert!(done.text.contains("ana@example.com"));
    assert!(done.text.contains(&format!("/api/v1/webinars/{id}/ics")));
    assert!(
        done.text
            .contains("https://calendar.google.com/calendar/render?action=TEMPLATE")
    );
    assert!(
        done.text
            .contains("https://outlook.live.com/calendar/0/deeplink/compose?")
    );
    assert!(done.text.contains("/manage/registration/"));
    // The page holds the manage token.
    assert_eq!(header(&done, "referrer-policy"), "no-referrer");

    // Stored as the API would: the zone from the form, the page's language.
    let stored = app
        .sql(|conn| {
            use diesel::prelude::*;
            use onetomany::db::schema::registrations::dsl::*;
            Ok(registrations
                .select((timezone, locale, marketing_consent, situation))
                .load::<(String, String, bool, Option<String>)>(conn)?)
        })
        .await;
    assert_eq!(
        stored,
        vec![(
            "America/Sao_Paulo".to_owned(),
            "en".to_owned(),
            false,
            Some("Reports time out at 20 000 orders.".to_owned())
        )]
    );

    // The same address again: a friendly message, not JSON.
    let again = submit(
        &app,
        &format!("/webinars/{id}"),
        &[
            ("name", "Ana Lima"),
            ("email", "ana@example.com"),
            ("situation", "Again."),
        ],
    )
    .await;
    assert_html(&again, StatusCode::CONFLICT);
    assert!(again.text.contains("already registered"), "{}", again.text);

    // The only seat is taken: the next one waits, and is told where.
    let catalog = page(&app, "/", &[]).await;
    assert!(catalog.text.contains("Fully booked"), "{}", catalog.text);
    let waiting = submit(
        &app,
        &format!("/webinars/{id}?lang=pt"),
        &[
            ("name", "Bia"),
            ("email", "bia@example.com"),
            ("situation", "Growing fast."),
        ],
    )
    .await;
    assert_html(&waiting, StatusCode::OK);
    assert!(waiting.text.contains("lista de espera"), "{}", waiting.text);
    assert!(waiting.text.contains("posição 1"), "{}", waiting.text);
    assert!(!waiting.text.contains("calendar.google.com"));
}

async fn a_bad_form_is_shown_again_with_messages(backend: Backend) {
    let app = spawn_app(backend).await;
    let id = expert_webinar(&app, 5).await;
    let reply = submit(
        &app,
        &format!("/webinars/{id}"),
        &[
            ("name", "Ana <Lima>"),
            ("email", "not-an-address"),
            ("situation", "Reports are slow."),
            ("marketing_consent", "yes"),
        ],
    )
    .await;
    assert_html(&reply, StatusCode::UNPROCESSABLE_ENTITY);
    assert_secure(&reply);
    assert!(
        reply.text.contains("Please enter a valid e-mail address"),
        "{}",
        reply.text
    );
    assert!(
        reply.text.contains(r#"value="not-an-address""#),
        "{}",
        reply.text
    );
    // Shown again, escaped.
    assert!(
        reply.text.contains(r#"value="Ana &#60;Lima&#62;""#),
        "{}",
        reply.text
    );
    assert!(!reply.text.contains("<Lima>"));
    assert!(reply.text.contains("Reports are slow.</textarea>"));
    assert!(
        reply
            .text
            .contains(r#"aria-describedby="email-error email-hint""#)
    );
    assert!(
        reply.text.contains(r#"value="yes" checked>"#),
        "consent kept"
    );
    assert!(!reply.text.contains("validation_failed"));

    // The expert needs the situation (the rule of the booking itself).
    let german = submit(
        &app,
        &format!("/webinars/{id}?lang=de"),
        &[("name", "Ana"), ("email", "ana@example.com")],
    )
    .await;
    assert_html(&german, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        german.text.contains("Bitte beschreiben Sie Ihre Situation"),
        "{}",
        german.text
    );
    let count = app
        .sql(|conn| {
            use diesel::prelude::*;
            use onetomany::db::schema::registrations::dsl::*;
            Ok(registrations.count().get_result::<i64>(conn)?)
        })
        .await;
    assert_eq!(count, 0);
}

async fn the_manage_page_cancels_only_on_post(backend: Backend) {
    let app = spawn_app(backend).await;
    let id = expert_webinar(&app, 5).await;
    let reg = app
        .register(&id, "zoe@example.com", json!({"locale": "fr"}))
        .await;
    assert_eq!(reg.status, StatusCode::CREATED, "{}", reg.text);
    let rid = reg.json["id"].as_str().expect("id");
    let token = reg.json["manage_token"].as_str().expect("token");
    let path = format!("/manage/registration/{rid}?token={token}");

    // Opening the link (as a mail scanner does) changes nothing.
    for _ in 0..2 {
        let shown = page(&app, &path, &[]).await;
        assert_html(&shown, StatusCode::OK);
        assert_secure(&shown);
        assert_eq!(header(&shown, "referrer-policy"), "no-referrer");
        // The registrant's own language, from the registration.
        assert!(shown.text.contains(r#"<html lang="fr">"#), "{}", shown.text);
        assert!(shown.text.contains("Confirmée"));
        assert!(shown.text.contains(&format!(
            r#"<input type="hidden" name="token" value="{token}">"#
        )));
        assert!(
            shown
                .text
                .contains(&format!(r#"action="/manage/registration/{rid}/cancel""#))
        );
    }
    let status = app
        .get(&format!("/api/v1/registrations/{rid}?token={token}"), None)
        .await;
    assert_eq!(status.json["status"], "confirmed");

    // A cancel without the token does nothing either.
    let forged = submit(
        &app,
        &format!("/manage/registration/{rid}/cancel"),
        &[("token", "x")],
    )
    .await;
    assert_html(&forged, StatusCode::FORBIDDEN);
    let get_cancel = page(
        &app,
        &format!("/manage/registration/{rid}/cancel?token={token}"),
        &[],
    )
    .await;
    assert_ne!(get_cancel.status, StatusCode::OK);

    let cancelled = submit(
        &app,
        &format!("/manage/registration/{rid}/cancel"),
        &[("token", token)],
    )
    .await;
    assert_html(&cancelled, StatusCode::OK);
    assert_eq!(header(&cancelled, "referrer-policy"), "no-referrer");
    assert!(
        cancelled.text.contains("Votre inscription a été annulée."),
        "{}",
        cancelled.text
    );
    assert!(
        !cancelled.text.contains(r#"name="token""#),
        "no second cancel button"
    );
    let status = app
        .get(&format!("/api/v1/registrations/{rid}?token={token}"), None)
        .await;
    assert_eq!(status.json["status"], "cancelled");

    // A link that is not for this booking.
    let wrong = page(&app, &format!("/manage/registration/{rid}?token=nope"), &[]).await;
    assert_html(&wrong, StatusCode::FORBIDDEN);
    assert!(wrong.text.contains("This link is not valid"));
}

async fn the_mail_link_opens_the_manage_page(backend: Backend) {
    let app = spawn_app(backend).await;
    let id = expert_webinar(&app, 5).await;
    let reg = app
        .register(&id, "max@example.com", json!({"locale": "de"}))
        .await;
    assert_eq!(reg.status, StatusCode::CREATED, "{}", reg.text);
    app.deliver().await;
    let mail = app.mails_to("max@example.com");
    let text = mail[0]["text"].as_str().unwrap_or_default();
    let link = text
        .split_whitespace()
        .find(|w| w.contains("/manage/registration/"))
        .unwrap_or_else(|| panic!("no manage link in {text}"));
    let path = &link[link.find("/manage/").expect("path")..];
    let shown = page(&app, path, &[]).await;
    assert_html(&shown, StatusCode::OK);
    assert!(
        shown.text.contains("Anmeldung stornieren"),
        "{}",
        shown.text
    );
}

async fn unknown_pages_and_assets(backend: Backend) {
    let app = spawn_app(backend).await;
    let missing = page(
        &app,
        "/webinars/0190a5c4-0000-7000-8000-000000000000?lang=de",
        &[],
    )
    .await;
    assert_html(&missing, StatusCode::NOT_FOUND);
    assert!(missing.text.contains("Seite nicht gefunden"));
    assert_secure(&missing);

    let home = page(&app, "/", &[]).await;
    for asset in ["/static/pages.css?v=", "/static/tz.js?v="] {
        let start = home
            .text
            .find(asset)
            .unwrap_or_else(|| panic!("{asset} linked"));
        let href = &home.text[start..];
        let href = &href[..href.find('"').expect("attribute ends")];
        let served = page(&app, href, &[]).await;
        assert_eq!(served.status, StatusCode::OK, "{href}");
        assert!(header(&served, "cache-control").contains("immutable"));
    }
    let css = page(&app, "/static/pages.css", &[]).await;
    assert!(header(&css, "content-type").starts_with("text/css"));
    assert!(css.text.contains("margin-inline"), "logical properties");
    assert!(!css.text.contains("margin-left") && !css.text.contains("padding-right"));
    let js = page(&app, "/static/tz.js", &[]).await;
    assert!(js.text.contains("resolvedOptions().timeZone"));
    let none = page(&app, "/static/nothing.js", &[]).await;
    assert_html(&none, StatusCode::NOT_FOUND);
}

both_backends!(
    catalog_is_german_with_lang_and_remembers_it,
    the_catalog_shows_each_booking_at_once,
    arabic_pages_are_right_to_left,
    times_follow_the_zone_the_browser_reports,
    registering_through_the_form_confirms_with_calendar_links,
    a_bad_form_is_shown_again_with_messages,
    the_manage_page_cancels_only_on_post,
    the_mail_link_opens_the_manage_page,
    unknown_pages_and_assets,
);
