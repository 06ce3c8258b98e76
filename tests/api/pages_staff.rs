//! The staff session on the pages: signing in at `/login`, the session
//! cookie, being sent to the sign-in form, roles, CSRF, signing out.

use reqwest::StatusCode;

use crate::both_backends;
use crate::helpers::{Backend, PASSWORD, TestApp, spawn_app};
use crate::pages::{assert_html, header};
use crate::staff_browser::{StaffBrowser, staff_browser};

both_backends!(
    each_role_lands_on_its_own_page_after_signing_in,
    a_wrong_password_shows_the_form_again_with_the_email_kept,
    the_session_cookie_is_http_only_and_same_site,
    an_anonymous_visitor_is_sent_to_sign_in_and_back,
    a_role_without_access_gets_an_html_403,
    a_form_without_the_right_csrf_token_changes_nothing,
    signing_out_ends_the_session,
    the_sign_in_form_needs_its_own_token,
    a_deactivated_user_loses_the_session_at_once,
);

async fn new_user(app: &TestApp, role: &str) -> String {
    let email = format!("{role}-{}@example.com", uuid::Uuid::new_v4().simple());
    app.add_staff(&email, role).await;
    email
}

async fn each_role_lands_on_its_own_page_after_signing_in(backend: Backend) {
    let app = spawn_app(backend).await;
    for (role, landing) in [
        ("csm", "/staff"),
        ("marketing", "/marketing"),
        ("admin", "/admin"),
    ] {
        let email = new_user(&app, role).await;
        let browser = StaffBrowser::new(&app);
        let reply = browser.sign_in(&email, PASSWORD, None).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.text);
        assert_eq!(header(&reply, "location"), landing, "{role}");
    }
    // A local `next` is followed; another site is not.
    let email = new_user(&app, "csm").await;
    let browser = StaffBrowser::new(&app);
    let reply = browser
        .sign_in(&email, PASSWORD, Some("/staff?lang=de"))
        .await;
    assert_eq!(header(&reply, "location"), "/staff?lang=de");
    for evil in [
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
        "/staff\r\nSet-Cookie: x=1",
        "/staff/é",
    ] {
        let browser = StaffBrowser::new(&app);
        let reply = browser.sign_in(&email, PASSWORD, Some(evil)).await;
        assert_eq!(header(&reply, "location"), "/staff", "{evil}");
    }
    let dashboard = browser.get("/staff").await;
    assert_html(&dashboard, StatusCode::OK);
    assert!(dashboard.text.contains("My upcoming sessions"));
}

async fn a_wrong_password_shows_the_form_again_with_the_email_kept(backend: Backend) {
    let app = spawn_app(backend).await;
    let email = new_user(&app, "csm").await;
    let browser = StaffBrowser::new(&app);
    let reply = browser.sign_in(&email, "not the password", None).await;
    assert_html(&reply, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reply.text.contains(&format!("value=\"{email}\"")),
        "{}",
        reply.text
    );
    assert!(
        reply
            .text
            .contains("The e-mail address or the password is not correct."),
        "{}",
        reply.text
    );
    assert!(reply.text.contains("id=\"login-error\""));
    assert!(reply.text.contains("aria-describedby=\"login-error\""));
    assert!(
        !reply.text.contains("not the password"),
        "the password is never shown again"
    );
    assert!(browser.cookie("staff_session").is_none());
    // The same in German, for a German browser.
    let german = StaffBrowser::new(&app);
    let form = german
        .get_with("/login", &[("accept-language", "de-DE,de;q=0.9")])
        .await;
    assert!(form.text.contains("<html lang=\"de\""), "{}", form.text);
    let token = crate::staff_browser::field_value(&form.text, "login_csrf").expect("token");
    let reply = german
        .post_form(
            "/login?lang=de",
            &[
                ("email", email.as_str()),
                ("password", "falsch"),
                ("login_csrf", &token),
            ],
        )
        .await;
    assert!(
        reply
            .text
            .contains("Die E-Mail-Adresse oder das Passwort ist nicht korrekt."),
        "{}",
        reply.text
    );
}

async fn the_session_cookie_is_http_only_and_same_site(backend: Backend) {
    let app = spawn_app(backend).await;
    let email = new_user(&app, "csm").await;
    let browser = StaffBrowser::new(&app);
    let reply = browser.sign_in(&email, PASSWORD, None).await;
    let cookie = reply
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("staff_session="))
        .expect("a session cookie")
        .to_owned();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(cookie.contains("Path=/"), "{cookie}");
    assert!(cookie.contains("Max-Age="), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain HTTP: {cookie}");

    // Behind a TLS-terminating proxy the cookie is Secure.
    let form = app
        .client
        .get(app.url("/login"))
        .header("x-forwarded-proto", "https")
        .send()
        .await
        .expect("sent");
    let login_cookie = form
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(login_cookie.contains("Secure"), "{login_cookie}");
    let token_value = login_cookie
        .split(';')
        .next()
        .and_then(|p| p.split_once('='))
        .map(|(_, v)| v.to_owned())
        .expect("login_csrf");
    let signed_in = app
        .client
        .post(app.url("/login"))
        .header("x-forwarded-proto", "https")
        .header("cookie", format!("login_csrf={token_value}"))
        .form(&[
            ("email", email.as_str()),
            ("password", PASSWORD),
            ("login_csrf", &token_value),
        ])
        .send()
        .await
        .expect("sent");
    assert_eq!(signed_in.status(), StatusCode::SEE_OTHER);
    let secure = signed_in
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("staff_session="))
        .expect("a session cookie")
        .to_owned();
    assert!(secure.contains("Secure"), "{secure}");
}

async fn an_anonymous_visitor_is_sent_to_sign_in_and_back(backend: Backend) {
    let app = spawn_app(backend).await;
    let browser = StaffBrowser::new(&app);
    let reply = browser.get("/staff").await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(header(&reply, "location"), "/login?next=%2Fstaff");
    // A cookie that is no session is the same as none (and is cleared).
    browser.set_cookie("staff_session", Some("not-a-token"));
    let reply = browser.get("/staff").await;
    assert_eq!(header(&reply, "location"), "/login?next=%2Fstaff");
    assert!(browser.cookie("staff_session").is_none());

    // Following the redirect, the form keeps `next`, and signing in lands there.
    let form = browser.get("/login?next=%2Fstaff").await;
    assert_html(&form, StatusCode::OK);
    assert!(
        form.text.contains("name=\"next\" value=\"/staff\""),
        "{}",
        form.text
    );
    let email = new_user(&app, "csm").await;
    let reply = browser.sign_in(&email, PASSWORD, Some("/staff")).await;
    assert_eq!(header(&reply, "location"), "/staff");
    assert_html(&browser.get("/staff").await, StatusCode::OK);
}

async fn a_role_without_access_gets_an_html_403(backend: Backend) {
    let app = spawn_app(backend).await;
    let (marketing, _) = staff_browser(&app, "marketing").await;
    let reply = marketing.get("/staff").await;
    assert_html(&reply, StatusCode::FORBIDDEN);
    assert!(
        reply.text.contains("Not available for your role"),
        "{}",
        reply.text
    );
    let german = marketing.get("/staff?lang=de").await;
    assert!(german.text.contains("Für Ihre Rolle nicht verfügbar"));
}

async fn a_form_without_the_right_csrf_token_changes_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let (browser, _) = staff_browser(&app, "csm").await;
    let (other, _) = staff_browser(&app, "csm").await;
    // Signing out is a state change: refused without the session's token.
    let none = browser.post_form("/logout", &[]).await;
    assert_html(&none, StatusCode::FORBIDDEN);
    assert!(none.text.contains("Form not accepted"), "{}", none.text);
    let wrong = browser.post_form("/logout", &[("csrf", "AAAA")]).await;
    assert_html(&wrong, StatusCode::FORBIDDEN);
    let anothers = browser
        .post_form("/logout", &[("csrf", &other.csrf())])
        .await;
    assert_html(&anothers, StatusCode::FORBIDDEN);
    // Still signed in.
    assert_html(&browser.get("/staff").await, StatusCode::OK);
    let token = browser.cookie("staff_session").expect("session");
    assert_eq!(
        app.get("/api/v1/me", Some(&token)).await.status,
        StatusCode::OK
    );
}

async fn signing_out_ends_the_session(backend: Backend) {
    let app = spawn_app(backend).await;
    let (browser, _) = staff_browser(&app, "csm").await;
    let token = browser.cookie("staff_session").expect("session");
    let page = browser.get("/staff").await;
    assert!(page.text.contains("action=\"/logout\""), "{}", page.text);
    let reply = browser.post_csrf("/logout", &[]).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.text);
    assert_eq!(header(&reply, "location"), "/login?signed_out=1");
    assert!(browser.cookie("staff_session").is_none(), "cookie cleared");
    let form = browser.get("/login?signed_out=1").await;
    assert!(form.text.contains("You have signed out."), "{}", form.text);
    // The token itself is revoked: neither the pages nor the API take it.
    let replay = StaffBrowser::new(&app);
    replay.set_cookie("staff_session", Some(&token));
    assert_eq!(replay.get("/staff").await.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.get("/api/v1/me", Some(&token)).await.status,
        StatusCode::UNAUTHORIZED
    );
}

async fn the_sign_in_form_needs_its_own_token(backend: Backend) {
    let app = spawn_app(backend).await;
    let email = new_user(&app, "csm").await;
    // A form posted from elsewhere has neither the cookie nor the field.
    let browser = StaffBrowser::new(&app);
    let reply = browser
        .post_form("/login", &[("email", &email), ("password", PASSWORD)])
        .await;
    assert_html(&reply, StatusCode::FORBIDDEN);
    assert!(browser.cookie("staff_session").is_none());
    // The form shown then carries a fresh token, and works.
    let token = crate::staff_browser::field_value(&reply.text, "login_csrf").expect("token");
    let again = browser
        .post_form(
            "/login",
            &[
                ("email", email.as_str()),
                ("password", PASSWORD),
                ("login_csrf", &token),
            ],
        )
        .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", again.text);
    assert!(browser.cookie("staff_session").is_some());
}

async fn a_deactivated_user_loses_the_session_at_once(backend: Backend) {
    let app = spawn_app(backend).await;
    let (browser, id) = staff_browser(&app, "csm").await;
    assert_html(&browser.get("/staff").await, StatusCode::OK);
    let (_, admin) = app.staff("admin").await;
    let off = app
        .send(
            reqwest::Method::PATCH,
            &format!("/api/v1/users/{id}"),
            Some(&admin),
            Some(&serde_json::json!({"active": false})),
        )
        .await;
    assert_eq!(off.status, StatusCode::OK, "{}", off.text);
    let reply = browser.get("/staff").await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(header(&reply, "location"), "/login?next=%2Fstaff");
}
