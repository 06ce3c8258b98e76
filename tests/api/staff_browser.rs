//! A browser for the staff pages: it signs in through `/login` as a person
//! would, keeps the cookies the service sets (the session, the sign-in
//! form's token), sends them back, and reads each page's CSRF field.
//!
//! Use: `let (browser, user_id) = staff_browser(&app, "csm").await;` then
//! `browser.get("/staff")`, and for a form `browser.post_csrf(path, &fields)`
//! (the CSRF token of the last staff page it saw is added) or
//! `browser.post_form(path, &fields)` to send exactly the given fields.

use std::collections::BTreeMap;
use std::sync::Mutex;

use reqwest::StatusCode;

use crate::helpers::{PASSWORD, Reply, TestApp, read};

pub struct StaffBrowser {
    client: reqwest::Client,
    base: String,
    jar: Mutex<BTreeMap<String, String>>,
    /// The `csrf` field of the last page read that had one.
    last_csrf: Mutex<Option<String>>,
}

/// The value of the first `name="csrf"` hidden field in a page.
pub fn csrf_of(html: &str) -> Option<String> {
    field_value(html, "csrf")
}

/// The `value` of the first input named `name` in a page.
pub fn field_value(html: &str, name: &str) -> Option<String> {
    let at = html.find(&format!("name=\"{name}\""))?;
    let tag_start = html[..at].rfind('<')?;
    let tag_end = at + html[at..].find('>')?;
    let tag = &html[tag_start..tag_end];
    let v = tag.find("value=\"")? + "value=\"".len();
    let end = tag[v..].find('"')?;
    Some(tag[v..v + end].replace("&#x2f;", "/").replace("&amp;", "&"))
}

impl StaffBrowser {
    /// A browser with no cookies yet.
    pub fn new(app: &TestApp) -> Self {
        Self {
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client"),
            base: app.address.clone(),
            jar: Mutex::new(BTreeMap::new()),
            last_csrf: Mutex::new(None),
        }
    }

    /// A cookie the service set (and did not clear).
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.jar.lock().expect("jar").get(name).cloned()
    }

    /// Sets (or, with `None`, drops) a cookie by hand.
    pub fn set_cookie(&self, name: &str, value: Option<&str>) {
        let mut jar = self.jar.lock().expect("jar");
        match value {
            Some(v) => jar.insert(name.to_owned(), v.to_owned()),
            None => jar.remove(name),
        };
    }

    fn cookie_header(&self) -> String {
        self.jar
            .lock()
            .expect("jar")
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    async fn send(&self, req: reqwest::RequestBuilder) -> Reply {
        let cookies = self.cookie_header();
        let req = if cookies.is_empty() {
            req
        } else {
            req.header("cookie", cookies)
        };
        let reply = read(req.send().await.expect("request sent")).await;
        self.keep_cookies(&reply);
        if let Some(csrf) = csrf_of(&reply.text) {
            *self.last_csrf.lock().expect("csrf") = Some(csrf);
        }
        reply
    }

    fn keep_cookies(&self, reply: &Reply) {
        let mut jar = self.jar.lock().expect("jar");
        for value in reply.headers.get_all("set-cookie") {
            let Ok(value) = value.to_str() else { continue };
            let mut parts = value.split(';');
            let Some((name, val)) = parts.next().and_then(|p| p.split_once('=')) else {
                continue;
            };
            let removed = val.is_empty()
                || parts.any(|p| {
                    let p = p.trim().to_ascii_lowercase();
                    p == "max-age=0" || p.starts_with("expires=thu, 01 jan 1970")
                });
            if removed {
                jar.remove(name.trim());
            } else {
                jar.insert(name.trim().to_owned(), val.trim().to_owned());
            }
        }
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.get_with(path, &[]).await
    }

    /// A GET with extra headers (e.g. Accept-Language).
    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Reply {
        let mut req = self.client.get(format!("{}{path}", self.base));
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        self.send(req).await
    }

    /// A form POST with exactly these fields.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let req = self
            .client
            .post(format!("{}{path}", self.base))
            .form(fields);
        self.send(req).await
    }

    /// A form POST with these fields and the CSRF token of the last staff
    /// page read (GET one first).
    pub async fn post_csrf(&self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let csrf = self.csrf();
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        all.push(("csrf", &csrf));
        self.post_form(path, &all).await
    }

    /// The CSRF token of the last staff page read.
    pub fn csrf(&self) -> String {
        self.last_csrf
            .lock()
            .expect("csrf")
            .clone()
            .expect("no staff page with a csrf field read yet: GET one first")
    }

    /// Opens the sign-in form and sends it, as a person would.
    pub async fn sign_in(&self, email: &str, password: &str, next: Option<&str>) -> Reply {
        let form_path = match next {
            Some(next) => format!(
                "/login?{}",
                url::form_urlencoded::Serializer::new(String::new())
                    .append_pair("next", next)
                    .finish()
            ),
            None => "/login".to_owned(),
        };
        let form = self.get(&form_path).await;
        assert_eq!(form.status, StatusCode::OK, "{}", form.text);
        let token = field_value(&form.text, "login_csrf").expect("the form's login_csrf field");
        let next = field_value(&form.text, "next").unwrap_or_default();
        self.post_form(
            "/login",
            &[
                ("email", email),
                ("password", password),
                ("next", &next),
                ("login_csrf", &token),
            ],
        )
        .await
    }
}

/// A new staff user of `role` signed in through `/login` in a fresh
/// browser, which has then read the role's landing page (so
/// [`StaffBrowser::post_csrf`] works at once when that page exists):
/// (browser, user id).
pub async fn staff_browser(app: &TestApp, role: &str) -> (StaffBrowser, String) {
    let email = format!("{role}-{}@example.com", uuid::Uuid::new_v4().simple());
    let id = app.add_staff(&email, role).await;
    let browser = StaffBrowser::new(app);
    let signed_in = browser.sign_in(&email, PASSWORD, None).await;
    assert_eq!(
        signed_in.status,
        StatusCode::SEE_OTHER,
        "{}",
        signed_in.text
    );
    assert!(browser.cookie("staff_session").is_some(), "signed in");
    let landing = signed_in
        .headers
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("/")
        .to_owned();
    browser.get(&landing).await;
    (browser, id)
}
