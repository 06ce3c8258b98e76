//! A row made into a request: its path filled, its body, its caller.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{PASSWORD, Reply, TestApp, days_ahead, read};

use super::table::is_staff_page;
use super::world::{Queued, Webinar, World, availability};

/// The row's path with its placeholders filled, and the owner's and the
/// other booking's manage tokens.
pub(super) fn fill(
    w: &World,
    path: &str,
    webinar: Option<&Webinar>,
    queued: Option<&Queued>,
) -> (String, String, String) {
    let web = webinar.unwrap_or(&w.webinar);
    let q = queued.unwrap_or(&w.queued);
    let (id, owner, other) = match path.split('/').nth(3).unwrap_or_default() {
        "users" => (w.csm.id.as_str(), &web.token, &web.other_token),
        "accounts" => (w.account.as_str(), &web.token, &web.other_token),
        "webinars" => (web.id.as_str(), &web.token, &web.other_token),
        "registrations" => (web.registration.as_str(), &web.token, &web.other_token),
        "queue" => (q.id.as_str(), &q.token, &q.other_token),
        "appointments" => (q.appointment.as_str(), &q.token, &q.other_token),
        "webhooks" => (w.webhook.as_str(), &web.token, &web.other_token),
        "outbox" => (w.outbox.as_str(), &web.token, &web.other_token),
        // The pages: /webinars/{id}, /manage/registration/{id}, /manage/queue/{id}.
        _ if path.starts_with("/webinars/") || path.starts_with("/staff/webinars/") => {
            (web.id.as_str(), &web.token, &web.other_token)
        }
        _ if path.starts_with("/manage/registration/") => {
            (web.registration.as_str(), &web.token, &web.other_token)
        }
        _ if path.starts_with("/manage/queue/") => (q.id.as_str(), &q.token, &q.other_token),
        _ if path.starts_with("/admin/users/") => (w.csm.id.as_str(), &web.token, &web.other_token),
        _ if path.starts_with("/admin/accounts/") => {
            (w.account.as_str(), &web.token, &web.other_token)
        }
        _ if path.starts_with("/admin/outbox/") => {
            (w.outbox.as_str(), &web.token, &web.other_token)
        }
        _ if path.starts_with("/staff/appointments/") => {
            (q.appointment.as_str(), &q.token, &q.other_token)
        }
        _ => ("", &web.token, &web.other_token),
    };
    let filled = path
        .replace("{id}", id)
        .replace("{file}", "pages.css")
        .replace("{email}", "nobody-here@example.com");
    assert!(
        !filled.contains('{') && !filled.ends_with("//"),
        "tests/api/authz/requests.rs does not know what to put into {path}: teach `fill`"
    );
    (filled, owner.clone(), other.clone())
}

/// A valid body for the rows that need one (`{}` for other writes).
pub(super) fn body_for(w: &World, method: &Method, path: &str) -> Option<Value> {
    let body = match (method.as_str(), path) {
        ("POST", "/api/v1/auth/login") => json!({"email": w.mkt.email, "password": PASSWORD}),
        ("POST", "/login") => {
            json!({"email": w.mkt.email, "password": PASSWORD, "login_csrf": LOGIN_CSRF})
        }
        ("POST", "/api/v1/users") => {
            json!({"email": "new-user@example.com", "name": "New", "role": "csm", "password": PASSWORD})
        }
        ("PATCH", "/api/v1/users/{id}") => json!({"name": "Renamed Person"}),
        ("PUT", "/api/v1/users/{id}/availability") => availability(),
        // Refused fast (a loopback address) or fetched from nowhere.
        ("PUT", "/api/v1/users/{id}/busy-calendar") => {
            json!({"url": "http://127.0.0.1:9/busy.ics"})
        }
        ("POST", "/api/v1/accounts") => {
            json!({"name": "Matrix", "domains": ["matrix.example"], "segment": "tech_touch"})
        }
        ("POST", "/api/v1/webinars") => json!({"kind": "regular", "title": "Matrix",
            "starts_at": days_ahead(9), "duration_minutes": 60, "timezone": "UTC"}),
        ("PATCH", "/api/v1/webinars/{id}") => json!({"title": "Renamed"}),
        ("POST", "/api/v1/webinars/{id}/registrations") => {
            json!({"email": "walk-in@customer.example", "name": "Walk In"})
        }
        ("POST", "/api/v1/webinars/{id}/attendance") => json!({"attended": [], "no_show": []}),
        ("POST", "/api/v1/queue") => json!({"email": "matrix@three.example", "name": "Matrix",
            "topic": "Reporting", "situation": "Reports are slow.", "timezone": "UTC"}),
        ("POST", "/api/v1/appointments/{id}/complete") => json!({"outcome": "held"}),
        ("POST", "/staff/appointments/{id}/complete") => {
            json!({"outcome": "held", "notes": "From the matrix."})
        }
        // A window ending before it starts: the form comes back (422) and
        // nobody's hours change, so later rows still book the CSM.
        ("POST", "/staff/availability") => json!({"timezone": "UTC",
            "w0_day": "mon", "w0_start": "12:00", "w0_end": "09:00"}),
        ("POST", "/api/v1/outbox/retry") => json!({"status": "failed"}),
        ("POST", "/api/v1/webhooks") => json!({"url": "https://hooks.example.com/other",
            "events": ["registration.created"], "secret": "another-secret-long-enough"}),
        // The admin forms: changes that leave every caller as it was.
        ("POST", "/admin/users/{id}") => json!({"role": "csm"}),
        ("POST", "/admin/accounts/{id}") => json!({"segment": "low_touch"}),
        ("GET" | "DELETE", _) => return None,
        _ => json!({}),
    };
    Some(body)
}

pub(super) async fn call(
    app: &TestApp,
    method: &Method,
    path: &str,
    query_token: Option<&str>,
    bearer: Option<&str>,
    body: Option<&Value>,
) -> Reply {
    let mut url = reqwest::Url::parse(&app.url(path)).expect("url");
    if let Some(t) = query_token {
        url.query_pairs_mut().append_pair("token", t);
    }
    let mut req = app.client.request(method.clone(), url);
    if let Some(t) = bearer {
        req = req.bearer_auth(t);
    }
    if is_staff_page(path) {
        // A browser: the session in its cookie, form fields (the CSRF
        // token of the session added), the sign-in form's own token.
        let mut cookies = vec![format!("login_csrf={LOGIN_CSRF}")];
        let mut fields: Vec<(String, String)> = body
            .and_then(Value::as_object)
            .map(|o| {
                o.iter()
                    .map(|(k, v)| {
                        (
                            k.clone(),
                            v.as_str().map_or_else(|| v.to_string(), str::to_owned),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        if let Some(t) = bearer {
            cookies.push(format!("staff_session={t}"));
            if let Some(csrf) = app.keys.csrf_for_token(t) {
                fields.push(("csrf".to_owned(), csrf));
            }
        }
        req = req.header("cookie", cookies.join("; "));
        if *method != Method::GET {
            req = req.form(&fields);
        }
    } else if let Some(b) = body {
        req = req.json(b);
    }
    read(req.send().await.expect("request sent")).await
}

/// The sign-in form's token the matrix sends as cookie and field.
const LOGIN_CSRF: &str = "matrix-login-csrf-token-of-enough-length";
