//! The admin pages over HTTP with the session cookie: staff users added,
//! moved to another role and deactivated; accounts added and moved to
//! another segment; the outbox with a message that really failed against
//! an SMTP port nobody listens on, its attempt log, and sending it again
//! once a server is there.

use chrono::Duration;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{Backend, PASSWORD, TestApp, TestDb, free_port, spawn_app, spawn_app_with};
use crate::pages::assert_html;
use crate::smtp::SmtpSink;
use crate::staff_browser::staff_browser;
use onetomany::config::MailTransport;
use onetomany::db::clock;
use onetomany::db::outbox::MAX_ATTEMPTS;

both_backends!(
    an_admin_adds_a_staff_user_who_can_then_sign_in,
    a_mistake_in_the_user_form_is_shown_next_to_the_field_and_keeps_the_input,
    an_admin_changes_a_role_and_deactivates_but_never_locks_themself_out,
    accounts_are_added_and_moved_between_segments,
    a_failed_message_is_shown_with_its_attempts_and_sent_again,
    every_failed_message_is_sent_again_at_once,
    the_admin_pages_speak_every_language,
    only_admins_open_the_admin_pages,
);

fn location(reply: &crate::helpers::Reply) -> String {
    crate::pages::header(reply, "location").to_owned()
}

async fn user(app: &TestApp, admin: &str, id: &str) -> Value {
    let reply = app.get(&format!("/api/v1/users/{id}"), Some(admin)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    reply.json
}

async fn an_admin_adds_a_staff_user_who_can_then_sign_in(backend: Backend) {
    let app = spawn_app(backend).await;
    let (browser, _) = staff_browser(&app, "admin").await;
    let form = browser.get("/admin/users?lang=en").await;
    assert_html(&form, StatusCode::OK);
    assert!(form.text.contains("Add a staff user"), "{}", form.text);
    let added = browser
        .post_csrf(
            "/admin/users",
            &[
                ("name", "Lena Vogel"),
                ("email", "lena.vogel@example.com"),
                ("role", "marketing"),
                ("locale", "de"),
                ("timezone", "Europe/Berlin"),
                ("password", "a long first password"),
            ],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.text);
    let list = browser.get(&location(&added)).await;
    assert_html(&list, StatusCode::OK);
    assert!(
        list.text.contains("Lena Vogel has been added"),
        "{}",
        list.text
    );
    assert!(list.text.contains("lena.vogel@example.com"));

    // She signs in with the password the admin gave, as marketing, in German.
    let login = app
        .login("lena.vogel@example.com", "a long first password")
        .await;
    assert_eq!(login.status, StatusCode::OK, "{}", login.text);
    let token = login.json["token"].as_str().expect("token");
    let me = app.get("/api/v1/me", Some(token)).await;
    let id = me.json["id"]
        .as_str()
        .or_else(|| me.json["user"]["id"].as_str())
        .unwrap_or_default()
        .to_owned();
    let (_, admin) = app.staff("admin").await;
    let stored = user(&app, &admin, &id).await;
    assert_eq!(stored["role"], "marketing", "{stored}");
    assert_eq!(stored["locale"], "de");
    assert_eq!(stored["timezone"], "Europe/Berlin");
}

async fn a_mistake_in_the_user_form_is_shown_next_to_the_field_and_keeps_the_input(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let (browser, _) = staff_browser(&app, "admin").await;
    browser.get("/admin/users?lang=en").await;
    let wrong = browser
        .post_csrf(
            "/admin/users",
            &[
                ("name", "Lena Vogel"),
                ("email", "not an address"),
                ("role", "csm"),
                ("locale", "en"),
                ("timezone", "Europe/Berlin"),
                ("password", "short"),
            ],
        )
        .await;
    assert_html(&wrong, StatusCode::UNPROCESSABLE_ENTITY);
    let page = &wrong.text;
    assert!(
        page.contains("Please enter a valid e-mail address."),
        "{page}"
    );
    assert!(page.contains("The password needs at least 10 characters."));
    assert!(page.contains(r#"aria-describedby="email-error""#), "{page}");
    assert!(page.contains(r#"value="Lena Vogel""#), "the name stays");
    assert!(
        page.contains(r#"value="not an address""#),
        "the address stays"
    );
    assert!(!page.contains("short"), "a password is never sent back");
    assert!(
        app.login("not an address", "short").await.status != StatusCode::OK,
        "nobody was added"
    );

    // An address that is taken already.
    let (_, admin) = app.staff("admin").await;
    let taken = app.email_of(&admin).await;
    let twice = browser
        .post_csrf(
            "/admin/users",
            &[
                ("name", "Someone Else"),
                ("email", &taken),
                ("role", "csm"),
                ("timezone", "UTC"),
                ("password", "a long enough password"),
            ],
        )
        .await;
    assert_html(&twice, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        twice
            .text
            .contains("There is already a staff user with this e-mail address."),
        "{}",
        twice.text
    );
    // Without the form's CSRF token nothing happens.
    let forged = browser
        .post_form(
            "/admin/users",
            &[
                ("name", "Forged"),
                ("email", "forged@example.com"),
                ("role", "admin"),
                ("password", "a long enough password"),
            ],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN, "{}", forged.text);
    assert_ne!(
        app.login("forged@example.com", "a long enough password")
            .await
            .status,
        StatusCode::OK
    );
}

async fn an_admin_changes_a_role_and_deactivates_but_never_locks_themself_out(backend: Backend) {
    let app = spawn_app(backend).await;
    let (browser, admin_id) = staff_browser(&app, "admin").await;
    let (csm_id, csm_token) = app.staff("csm").await;
    let (_, admin) = app.staff("admin").await;
    browser.get("/admin/users?lang=en").await;

    let moved = browser
        .post_csrf(&format!("/admin/users/{csm_id}"), &[("role", "marketing")])
        .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER, "{}", moved.text);
    assert_eq!(user(&app, &admin, &csm_id).await["role"], "marketing");
    // A new role ends the sessions the old one opened.
    let old = app.get("/api/v1/me", Some(&csm_token)).await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED, "{}", old.text);

    browser.get("/admin/users").await;
    let off = browser
        .post_csrf(&format!("/admin/users/{csm_id}"), &[("active", "no")])
        .await;
    assert_eq!(off.status, StatusCode::SEE_OTHER, "{}", off.text);
    assert_eq!(user(&app, &admin, &csm_id).await["active"], false);
    let email = user(&app, &admin, &csm_id).await["email"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert_eq!(
        app.login(&email, PASSWORD).await.status,
        StatusCode::UNAUTHORIZED,
        "a deactivated user cannot sign in"
    );
    let list = browser.get(&location(&off)).await;
    assert!(list.text.contains("Deactivated"), "{}", list.text);
    assert!(list.text.contains("Reactivate"));

    // The admin's own entry has no buttons, and a forged change is refused.
    let own = browser
        .post_csrf(&format!("/admin/users/{admin_id}"), &[("active", "no")])
        .await;
    assert_html(&own, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        own.text
            .contains("You cannot change your own role or deactivate yourself."),
        "{}",
        own.text
    );
    assert_eq!(user(&app, &admin, &admin_id).await["active"], true);
    let nothing = browser
        .post_csrf(&format!("/admin/users/{csm_id}"), &[])
        .await;
    assert_html(&nothing, StatusCode::UNPROCESSABLE_ENTITY);
}

async fn accounts_are_added_and_moved_between_segments(backend: Backend) {
    let app = spawn_app(backend).await;
    let (browser, _) = staff_browser(&app, "admin").await;
    let (_, admin) = app.staff("admin").await;
    let empty = browser.get("/admin/accounts?lang=en").await;
    assert_html(&empty, StatusCode::OK);
    let added = browser
        .post_csrf(
            "/admin/accounts",
            &[
                ("name", "Acme GmbH"),
                ("domains", "acme.example,\nacme-group.example"),
                ("segment", "high_touch"),
            ],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.text);
    let list = browser.get(&location(&added)).await;
    assert!(
        list.text.contains("The account Acme GmbH has been added."),
        "{}",
        list.text
    );
    assert!(list.text.contains("acme-group.example, acme.example"));
    let accounts = app.get("/api/v1/accounts", Some(&admin)).await;
    let acme = accounts.json["items"][0].clone();
    assert_eq!(acme["name"], "Acme GmbH", "{}", accounts.text);
    assert_eq!(acme["segment"], "high_touch");
    assert_eq!(
        acme["domains"],
        json!(["acme-group.example", "acme.example"])
    );
    let id = acme["id"].as_str().expect("id");

    let moved = browser
        .post_csrf(
            &format!("/admin/accounts/{id}"),
            &[("segment", "tech_touch")],
        )
        .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER, "{}", moved.text);
    let after = app
        .get(&format!("/api/v1/accounts/{id}"), Some(&admin))
        .await;
    assert_eq!(after.json["segment"], "tech_touch", "{}", after.text);
    let list = browser.get(&location(&moved)).await;
    assert!(list.text.contains("The segment has been changed."));

    // A domain of another account, and a segment that does not exist.
    let taken = browser
        .post_csrf(
            "/admin/accounts",
            &[
                ("name", "Acme Copy"),
                ("domains", "acme.example"),
                ("segment", "low_touch"),
            ],
        )
        .await;
    assert_html(&taken, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        taken
            .text
            .contains("One of these domains already belongs to another account."),
        "{}",
        taken.text
    );
    assert!(taken.text.contains(r#"value="Acme Copy""#));
    let bad = browser
        .post_csrf(&format!("/admin/accounts/{id}"), &[("segment", "platinum")])
        .await;
    assert_html(&bad, StatusCode::UNPROCESSABLE_ENTITY);
    let still = app
        .get(&format!("/api/v1/accounts/{id}"), Some(&admin))
        .await;
    assert_eq!(still.json["segment"], "tech_touch");
    let count = app.get("/api/v1/accounts", Some(&admin)).await;
    assert_eq!(count.json["items"].as_array().map(Vec::len), Some(1));
}

/// An app whose mail goes over SMTP to `port`, where nothing listens yet.
pub async fn app_with_dead_smtp(backend: Backend) -> (TestApp, u16) {
    let port = free_port();
    let app = spawn_app_with(TestDb::create(backend), |s| {
        s.mail.transport = MailTransport::Smtp;
        s.mail.smtp_host = "127.0.0.1".into();
        s.mail.smtp_port = port;
        s.mail.smtp_timeout_seconds = 5;
    })
    .await;
    (app, port)
}

/// Books `emails` on one webinar and runs the worker until every message
/// has used all its attempts against the dead server; returns the failed
/// messages' ids.
pub async fn failed_messages(app: &TestApp, emails: &[&str]) -> Vec<String> {
    let (_, host) = app.staff("csm").await;
    let webinar = app
        .create_webinar(&host, json!({"title": "Renewal clinic"}))
        .await;
    let id = webinar["id"].as_str().expect("id");
    for email in emails {
        let r = app.register(id, email, json!({})).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    }
    for pass in 0..i64::from(MAX_ATTEMPTS) {
        let report = app.deliver_at(clock() + Duration::days(pass)).await;
        assert_eq!(report.sent, 0, "nothing can be delivered yet");
    }
    let (_, admin) = app.staff("admin").await;
    let failed = app.get("/api/v1/outbox?status=failed", Some(&admin)).await;
    let ids: Vec<String> = failed.json["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|m| m["id"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(ids.len(), emails.len(), "{}", failed.text);
    ids
}

async fn a_failed_message_is_shown_with_its_attempts_and_sent_again(backend: Backend) {
    let (app, port) = app_with_dead_smtp(backend).await;
    let ids = failed_messages(&app, &["ana@customer.example"]).await;
    let (browser, _) = staff_browser(&app, "admin").await;

    let overview = browser.get("/admin?lang=en").await;
    assert_html(&overview, StatusCode::OK);
    assert!(
        overview.text.contains("One message could not be delivered"),
        "{}",
        overview.text
    );
    let list = browser.get("/admin/outbox?status=failed").await;
    assert_html(&list, StatusCode::OK);
    assert!(list.text.contains("ana@customer.example"), "{}", list.text);
    assert!(list.text.contains(&format!("/admin/outbox/{}", ids[0])));
    let sent_only = browser.get("/admin/outbox?status=sent").await;
    assert!(!sent_only.text.contains("ana@customer.example"));

    let detail = browser.get(&format!("/admin/outbox/{}", ids[0])).await;
    assert_html(&detail, StatusCode::OK);
    let attempts = detail
        .text
        .matches(r#"<span class="status failed">"#)
        .count();
    assert_eq!(
        attempts,
        usize::try_from(MAX_ATTEMPTS).expect("small"),
        "every attempt is listed: {}",
        detail.text
    );
    assert!(detail.text.contains("Send again"));

    // A server is there now: the admin sends it again, the worker delivers.
    let sink = SmtpSink::start_on(port).await;
    let again = browser
        .post_csrf(&format!("/admin/outbox/{}/retry", ids[0]), &[])
        .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", again.text);
    let shown = browser.get(&location(&again)).await;
    assert!(
        shown
            .text
            .contains("The message will be sent again in a moment."),
        "{}",
        shown.text
    );
    assert!(shown.text.contains("Pending"));
    assert!(!shown.text.contains("Send again"), "no second button");
    assert_eq!(app.deliver().await.sent, 1);
    assert!(
        sink.received()
            .iter()
            .any(|m| m.rcpt_to.iter().any(|t| t == "ana@customer.example")),
        "the mail arrived"
    );
    // Sending a delivered message again is refused, with the page.
    let twice = browser
        .post_csrf(&format!("/admin/outbox/{}/retry", ids[0]), &[])
        .await;
    assert_html(&twice, StatusCode::CONFLICT);
    assert!(
        twice
            .text
            .contains("Only a failed message can be sent again")
    );
    let unknown = browser
        .get("/admin/outbox/0190a1b2-0000-7000-8000-000000000000")
        .await;
    assert_html(&unknown, StatusCode::NOT_FOUND);
}

async fn every_failed_message_is_sent_again_at_once(backend: Backend) {
    let (app, port) = app_with_dead_smtp(backend).await;
    failed_messages(&app, &["a@customer.example", "b@customer.example"]).await;
    let (browser, _) = staff_browser(&app, "admin").await;
    let list = browser.get("/admin/outbox?lang=en").await;
    assert!(list.text.contains("Send all failed messages again"));
    let sink = SmtpSink::start_on(port).await;
    let all = browser.post_csrf("/admin/outbox/retry", &[]).await;
    assert_eq!(all.status, StatusCode::SEE_OTHER, "{}", all.text);
    let shown = browser.get(&location(&all)).await;
    assert!(
        shown
            .text
            .contains("2 messages will be sent again in a moment."),
        "{}",
        shown.text
    );
    assert_eq!(app.deliver().await.sent, 2);
    assert_eq!(sink.received().len(), 2);
    let none = browser.get("/admin/outbox?status=failed").await;
    assert!(none.text.contains("No messages match this filter."));
    let bad = browser.get("/admin/outbox?status=lost").await;
    assert_html(&bad, StatusCode::UNPROCESSABLE_ENTITY);
}

/// Visible text of a page: tags and e-mail addresses (the test users'
/// are `admin-…@example.com`) dropped.
fn visible(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace()
        .filter(|word| !word.contains('@'))
        .collect::<Vec<_>>()
        .join(" ")
}

async fn the_admin_pages_speak_every_language(backend: Backend) {
    let (app, _) = app_with_dead_smtp(backend).await;
    let ids = failed_messages(&app, &["ana@customer.example"]).await;
    let (browser, _) = staff_browser(&app, "admin").await;
    let (_, admin) = app.staff("admin").await;
    app.post(
        "/api/v1/accounts",
        Some(&admin),
        &json!({"name": "Acme", "domains": ["acme.example"], "segment": "low_touch"}),
    )
    .await;
    let pages = [
        "/admin".to_owned(),
        "/admin/users".to_owned(),
        "/admin/accounts".to_owned(),
        "/admin/outbox".to_owned(),
        format!("/admin/outbox/{}", ids[0]),
    ];
    let heading = [
        ("de", "Postausgang", "Fehlgeschlagen"),
        ("fr", "Messages sortants", "En échec"),
        ("pt", "Caixa de saída", "Com falha"),
        ("ar", "صندوق الصادر", "تعذّر تسليمها"),
        ("en", "Outbox", "Failed"),
    ];
    for (lang, outbox, failed) in heading {
        for path in &pages {
            let page = browser.get(&format!("{path}?lang={lang}")).await;
            assert_html(&page, StatusCode::OK);
            assert!(
                page.text.contains(&format!(r#"lang="{lang}""#)),
                "{path} {lang}"
            );
            assert_eq!(page.text.contains(r#"dir="rtl""#), lang == "ar", "{path}");
            let text = visible(&page.text);
            assert!(
                !text.contains("admin-") && !text.contains("staff-"),
                "{path} in {lang} shows a message key: {text}"
            );
        }
        let list = browser.get(&format!("/admin/outbox?lang={lang}")).await;
        assert!(list.text.contains(outbox), "{lang}: {}", list.text);
        assert!(list.text.contains(failed), "{lang}");
    }
}

async fn only_admins_open_the_admin_pages(backend: Backend) {
    let app = spawn_app(backend).await;
    for (role, landing) in [("csm", "/staff"), ("marketing", "/marketing")] {
        let (browser, _) = staff_browser(&app, role).await;
        for path in ["/admin", "/admin/users", "/admin/accounts", "/admin/outbox"] {
            let page = browser.get(&format!("{path}?lang=en")).await;
            assert_html(&page, StatusCode::FORBIDDEN);
            assert!(page.text.contains("Not available for your role"), "{path}");
        }
        let nav = browser.get(landing).await;
        assert!(!nav.text.contains(r#"href="/admin/users""#), "{role}");
    }
    let (browser, _) = staff_browser(&app, "admin").await;
    let landing = browser.get("/admin").await;
    for link in ["/admin/users", "/admin/accounts", "/admin/outbox"] {
        assert!(
            landing.text.contains(&format!(r#"href="{link}""#)),
            "{link}"
        );
    }
}
