//! Who may call what: the table in `authz_matrix.txt` checked over HTTP for
//! every endpoint and every kind of caller, a check that no route is missing
//! from the table, and the ownership rules the table cannot show alone.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{Backend, PASSWORD, Reply, TestApp, TestDb, days_ahead, read, spawn_app_with};
use crate::queue::{ask, put_availability};

both_backends!(
    every_endpoint_answers_each_caller_as_the_table_says,
    a_csm_cancels_only_the_queue_hours_they_host,
    marketing_sees_registrations_only_with_consent,
    marketing_reads_no_queue_requests_or_appointments,
);

const MATRIX: &str = include_str!("authz_matrix.txt");

/// The callers, in the table's column order.
const CALLERS: [&str; 7] = ["anon", "other", "owner", "csm", "csm2", "mkt", "admin"];

/// Routes outside the OpenAPI document (it does not describe itself).
const NOT_IN_OPENAPI: &[(&str, &str)] = &[
    ("GET", "/api/openapi.json"),
    ("GET", "/api/docs"),
    ("GET", "/api/docs/"),
    // The HTML pages.
    ("GET", "/"),
    ("GET", "/webinars/{id}"),
    ("POST", "/webinars/{id}"),
    ("GET", "/manage/registration/{id}"),
    ("POST", "/manage/registration/{id}/cancel"),
    ("POST", "/manage/registration/{id}/claim"),
    ("GET", "/office-hours"),
    ("POST", "/office-hours"),
    ("GET", "/manage/queue/{id}"),
    ("POST", "/manage/queue/{id}/cancel"),
    ("POST", "/manage/queue/{id}/reschedule"),
    ("GET", "/manage/queue/{id}/confirm"),
    ("POST", "/manage/queue/{id}/confirm"),
    ("GET", "/manage/registration/{id}/rate"),
    ("POST", "/manage/registration/{id}/rate"),
    ("GET", "/static/{file}"),
];

/// The staff pages (HTML, not in the OpenAPI document): staff callers
/// send their token as the `staff_session` cookie, and forms with the
/// session's CSRF token.
fn is_staff_page(path: &str) -> bool {
    ["/login", "/logout", "/staff", "/marketing", "/admin"]
        .iter()
        .any(|p| path == *p || path.starts_with(&format!("{p}/")))
}

fn is_page(path: &str) -> bool {
    is_staff_page(path) || NOT_IN_OPENAPI.iter().any(|(_, p)| *p == path)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Allowed,
    Refused(u16),
    /// 303 to the sign-in form (a staff page without a session).
    SignIn,
}

struct Row {
    line: usize,
    method: Method,
    path: String,
    expect: [Expect; 7],
}

fn table() -> Vec<Row> {
    let mut rows = Vec::new();
    for (i, raw) in MATRIX.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cells: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(
            cells.len(),
            2 + CALLERS.len(),
            "authz_matrix.txt line {}: method, path and {} cells",
            i + 1,
            CALLERS.len()
        );
        let expect = cells[2..]
            .iter()
            .map(|c| match *c {
                "ok" => Expect::Allowed,
                "401" => Expect::Refused(401),
                "403" => Expect::Refused(403),
                "303" => Expect::SignIn,
                other => panic!("authz_matrix.txt line {}: unknown cell {other:?}", i + 1),
            })
            .collect::<Vec<_>>()
            .try_into()
            .expect("seven cells");
        rows.push(Row {
            line: i + 1,
            method: cells[0].parse().expect("an HTTP method"),
            path: cells[1].to_owned(),
            expect,
        });
    }
    rows
}

/// Settings for these tests: queue hours go straight to the CSM, with no
/// account quota in the way.
async fn spawn(backend: Backend) -> TestApp {
    spawn_app_with(TestDb::create(backend), |s| {
        s.queue.confirm_email = false;
        s.queue.account_limit_days = 0;
    })
    .await
}

struct Staff {
    id: String,
    email: String,
    token: String,
}

async fn staff(app: &TestApp, role: &str) -> Staff {
    let email = format!("{role}-{}@example.com", uuid::Uuid::new_v4().simple());
    let id = app.add_staff(&email, role).await;
    let reply = app.login(&email, PASSWORD).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    Staff {
        id,
        email,
        token: reply.json["token"].as_str().expect("token").to_owned(),
    }
}

fn availability() -> Value {
    let weekly: Vec<Value> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .map(|d| json!({"day": d, "start": "06:00", "end": "22:00"}))
        .collect();
    json!({"timezone": "UTC", "weekly": weekly, "exceptions": []})
}

/// A webinar hosted by the CSM, with a registration (which gave marketing
/// consent) and another registration on another webinar.
struct Webinar {
    id: String,
    registration: String,
    token: String,
    other_token: String,
}

async fn webinar_of(app: &TestApp, csm: &Staff) -> Webinar {
    let w = app.create_webinar(&csm.token, json!({})).await;
    let id = w["id"].as_str().expect("id").to_owned();
    let n = uuid::Uuid::new_v4().simple();
    let reg = app
        .register(
            &id,
            &format!("owner-{n}@customer.example"),
            json!({"marketing_consent": true}),
        )
        .await;
    assert_eq!(reg.status, StatusCode::CREATED, "{}", reg.text);
    let elsewhere = app.create_webinar(&csm.token, json!({})).await;
    let other = app
        .register(
            elsewhere["id"].as_str().expect("id"),
            &format!("other-{n}@customer.example"),
            json!({"marketing_consent": true}),
        )
        .await;
    assert_eq!(other.status, StatusCode::CREATED, "{}", other.text);
    Webinar {
        id,
        registration: reg.json["id"].as_str().expect("id").to_owned(),
        token: reg.json["manage_token"].as_str().expect("token").to_owned(),
        other_token: other.json["manage_token"]
            .as_str()
            .expect("token")
            .to_owned(),
    }
}

/// A queue request scheduled with the CSM, and another request.
struct Queued {
    id: String,
    appointment: String,
    token: String,
    other_token: String,
}

async fn queued_with(app: &TestApp, csm: &Staff) -> Queued {
    let n = uuid::Uuid::new_v4().simple();
    let mine = ask(app, &format!("q-{n}@one.example"), json!({})).await;
    assert_eq!(mine.status, StatusCode::CREATED, "{}", mine.text);
    assert_eq!(
        mine.json["appointment"]["host"]["id"],
        csm.id.as_str(),
        "{}",
        mine.text
    );
    let other = ask(app, &format!("q-{n}@two.example"), json!({})).await;
    assert_eq!(other.status, StatusCode::CREATED, "{}", other.text);
    Queued {
        id: mine.json["id"].as_str().expect("id").to_owned(),
        appointment: mine.json["appointment"]["id"]
            .as_str()
            .expect("appointment")
            .to_owned(),
        token: mine.json["manage_token"]
            .as_str()
            .expect("token")
            .to_owned(),
        other_token: other.json["manage_token"]
            .as_str()
            .expect("token")
            .to_owned(),
    }
}

struct World {
    admin: Staff,
    csm: Staff,
    csm2: Staff,
    mkt: Staff,
    account: String,
    webhook: String,
    outbox: String,
    /// For endpoints without a booking of their own.
    webinar: Webinar,
    queued: Queued,
}

async fn world(app: &TestApp) -> World {
    let admin = staff(app, "admin").await;
    let csm = staff(app, "csm").await;
    let csm2 = staff(app, "csm").await;
    let mkt = staff(app, "marketing").await;
    let r = put_availability(app, &csm.token, &csm.id, availability()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let account = app
        .post(
            "/api/v1/accounts",
            Some(&admin.token),
            &json!({"name": "Acme", "domains": ["acme.example"], "segment": "low_touch"}),
        )
        .await;
    assert_eq!(account.status, StatusCode::CREATED, "{}", account.text);
    let webhook = app
        .post(
            "/api/v1/webhooks",
            Some(&admin.token),
            &json!({"url": "https://hooks.example.com/in", "events": ["registration.created"],
                    "secret": "a-secret-of-enough-length"}),
        )
        .await;
    assert_eq!(webhook.status, StatusCode::CREATED, "{}", webhook.text);
    let webinar = webinar_of(app, &csm).await;
    let queued = queued_with(app, &csm).await;
    let outbox = app.get("/api/v1/outbox", Some(&admin.token)).await;
    let outbox = outbox.json["items"][0]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("an outbox row: {}", outbox.text))
        .to_owned();
    World {
        account: account.json["id"].as_str().expect("id").to_owned(),
        webhook: webhook.json["id"].as_str().expect("id").to_owned(),
        outbox,
        admin,
        csm,
        csm2,
        mkt,
        webinar,
        queued,
    }
}

/// The bookings a row acts on: fresh ones for endpoints that change a
/// webinar, registration, queue request or appointment, so that no row
/// depends on what an earlier row did.
async fn targets(app: &TestApp, w: &World, path: &str) -> (Option<Webinar>, Option<Queued>) {
    let on = |prefix: &str| path.starts_with(prefix);
    let webinar = if on("/api/v1/webinars/{id}")
        || on("/staff/webinars/{id}")
        || on("/api/v1/registrations/{id}")
        || on("/webinars/{id}")
        || on("/manage/registration/{id}")
    {
        Some(webinar_of(app, &w.csm).await)
    } else {
        None
    };
    let queued = if on("/api/v1/queue/{id}")
        || on("/api/v1/appointments/{id}")
        || on("/manage/queue/{id}")
        || on("/staff/appointments/{id}")
    {
        Some(queued_with(app, &w.csm).await)
    } else {
        None
    };
    (webinar, queued)
}

/// The row's path with its placeholders filled, and the owner's and the
/// other booking's manage tokens.
fn fill(
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
        "tests/api/authz.rs does not know what to put into {path}: teach `fill`"
    );
    (filled, owner.clone(), other.clone())
}

/// A valid body for the rows that need one (`{}` for other writes).
fn body_for(w: &World, method: &Method, path: &str) -> Option<Value> {
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

async fn call(
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

async fn every_endpoint_answers_each_caller_as_the_table_says(backend: Backend) {
    let app = spawn(backend).await;
    let rows = table();
    assert_table_covers_every_route(&app, &rows).await;

    let w = world(&app).await;
    let mut wrong = Vec::new();
    for row in &rows {
        let (webinar, queued) = targets(&app, &w, &row.path).await;
        let (path, owner, other) = fill(&w, &row.path, webinar.as_ref(), queued.as_ref());
        let body = body_for(&w, &row.method, &row.path);
        // Refusals first, the owner last: a caller who is let in may change
        // what the others find (a request its owner cancelled has no host).
        let mut order: Vec<usize> = (0..CALLERS.len()).collect();
        order.sort_by_key(|&i| (row.expect[i] == Expect::Allowed, CALLERS[i] == "owner"));
        for i in order {
            let signs_out = row.path == "/api/v1/auth/logout" || row.path == "/logout";
            let (query, bearer) = match CALLERS[i] {
                "anon" => (None, None),
                "other" => (Some(other.clone()), None),
                "owner" => (Some(owner.clone()), None),
                who => {
                    let s = match who {
                        "csm" => &w.csm,
                        "csm2" => &w.csm2,
                        "mkt" => &w.mkt,
                        _ => &w.admin,
                    };
                    // Signing out ends the token: use one of its own.
                    let token = if signs_out {
                        app.login_token_of(&s.id).await
                    } else {
                        s.token.clone()
                    };
                    (None, Some(token))
                }
            };
            let reply = call(
                &app,
                &row.method,
                &path,
                query.as_deref(),
                bearer.as_deref(),
                body.as_ref(),
            )
            .await;
            let status = reply.status.as_u16();
            let fits = match row.expect[i] {
                Expect::Allowed => {
                    status != 401 && status != 403 && status < 500 && !sent_to_sign_in(&reply)
                }
                Expect::Refused(s) => status == s,
                Expect::SignIn => sent_to_sign_in(&reply),
            };
            if !fits {
                wrong.push(format!(
                    "line {}: {} {} as {}: expected {:?}, got {status} {}",
                    row.line, row.method, row.path, CALLERS[i], row.expect[i], reply.text
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

/// A 303 to the sign-in form.
fn sent_to_sign_in(reply: &Reply) -> bool {
    reply.status == StatusCode::SEE_OTHER
        && reply
            .headers
            .get("location")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|l| l == "/login" || l.starts_with("/login?next="))
}

/// Every route has a row: the table against the OpenAPI document, against
/// the paths registered in the source, and (for each path in the table)
/// against the methods the service answers.
async fn assert_table_covers_every_route(app: &TestApp, rows: &[Row]) {
    let in_table: BTreeSet<(String, String)> = rows
        .iter()
        .map(|r| (r.method.to_string(), r.path.clone()))
        .collect();
    assert_eq!(in_table.len(), rows.len(), "a row appears twice");

    let doc = app.get("/api/openapi.json", None).await;
    assert_eq!(doc.status, StatusCode::OK);
    let mut documented = BTreeSet::new();
    for (path, ops) in doc.json["paths"].as_object().expect("paths") {
        for method in ops.as_object().expect("operations").keys() {
            if ["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                documented.insert((method.to_uppercase(), path.clone()));
            }
        }
    }
    assert!(documented.len() > 40, "the document lists the API");
    let extra: BTreeSet<(String, String)> = NOT_IN_OPENAPI
        .iter()
        .map(|(m, p)| ((*m).to_owned(), (*p).to_owned()))
        .collect();
    let missing: Vec<_> = documented.difference(&in_table).collect();
    assert!(
        missing.is_empty(),
        "documented endpoints without a row in authz_matrix.txt: {missing:?}"
    );
    let unknown: Vec<_> = in_table
        .iter()
        .filter(|r| !documented.contains(*r) && !extra.contains(*r) && !is_staff_page(&r.1))
        .collect();
    assert!(
        unknown.is_empty(),
        "rows for endpoints the service does not document: {unknown:?}"
    );

    let paths: BTreeSet<&str> = rows.iter().map(|r| r.path.as_str()).collect();
    let registered = registered_paths(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    assert!(registered.contains("/api/v1/queue/{id}/cancel"));
    let unlisted: Vec<_> = registered
        .iter()
        .filter(|p| !paths.contains(p.as_str()))
        .collect();
    assert!(
        unlisted.is_empty(),
        "routes registered in src/ without a row in authz_matrix.txt: {unlisted:?}"
    );

    // A method the table does not list must be one the service refuses.
    let mut listed: HashMap<&str, Vec<&Method>> = HashMap::new();
    for r in rows {
        listed.entry(r.path.as_str()).or_default().push(&r.method);
    }
    for (path, methods) in listed {
        if is_page(path) {
            continue;
        }
        let concrete = path
            .replace("{id}", "00000000-0000-0000-0000-000000000000")
            .replace("{email}", "nobody@example.com");
        for m in [
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
        ] {
            if methods.contains(&&m) {
                continue;
            }
            let reply = call(app, &m, &concrete, None, None, None).await;
            assert_eq!(
                reply.status,
                StatusCode::METHOD_NOT_ALLOWED,
                "{m} {path} is answered but has no row in authz_matrix.txt"
            );
        }
    }
}

/// Every path the source registers: route attributes, resources, redirects.
fn registered_paths(dir: &Path) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            found.extend(registered_paths(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("source is readable");
            // A handler's route attribute, `#[get("/path", ...)]` (perhaps
            // broken over lines), or a resource or redirect registered by hand.
            for marker in [
                "#[get(",
                "#[post(",
                "#[put(",
                "#[patch(",
                "#[delete(",
                "resource(",
                "redirect(",
            ] {
                for (at, _) in text.match_indices(marker) {
                    let rest = text[at + marker.len()..].trim_start();
                    if let Some(rest) = rest.strip_prefix('"')
                        && let Some(end) = rest.find('"')
                    {
                        found.insert(rest[..end].to_owned());
                    }
                }
            }
        }
    }
    found
}

async fn a_csm_cancels_only_the_queue_hours_they_host(backend: Backend) {
    let app = spawn(backend).await;
    let admin = staff(&app, "admin").await;
    let host = staff(&app, "csm").await;
    let colleague = staff(&app, "csm").await;
    // Only the host publishes hours, and only one: the second request waits.
    let r = put_availability(
        &app,
        &host.token,
        &host.id,
        json!({"timezone": "UTC", "weekly": [],
               "exceptions": [{"date": crate::queue::date_in(3), "start": "09:00", "end": "10:00"}]}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let scheduled = ask(&app, "first@one.example", json!({})).await;
    assert_eq!(scheduled.json["status"], "scheduled", "{}", scheduled.text);
    let waiting = ask(&app, "second@two.example", json!({})).await;
    assert_eq!(waiting.json["status"], "waiting", "{}", waiting.text);
    let cancel = |id: &Value| format!("/api/v1/queue/{}/cancel", id.as_str().unwrap_or_default());

    // Another CSM may read the queue, but not cancel someone else's hour.
    let queue = app.get("/api/v1/queue", Some(&colleague.token)).await;
    assert_eq!(queue.status, StatusCode::OK);
    assert_eq!(queue.json["items"][0]["id"], waiting.json["id"]);
    app.post(
        &cancel(&scheduled.json["id"]),
        Some(&colleague.token),
        &json!({}),
    )
    .await
    .assert_problem(403, "forbidden");
    // A waiting request has no host: no CSM cancels it, an admin may.
    app.post(&cancel(&waiting.json["id"]), Some(&host.token), &json!({}))
        .await
        .assert_problem(403, "forbidden");
    let still = app
        .get(
            &format!(
                "/api/v1/queue/{}",
                waiting.json["id"].as_str().unwrap_or_default()
            ),
            Some(&admin.token),
        )
        .await;
    assert_eq!(still.json["status"], "waiting");

    let by_host = app
        .post(
            &cancel(&scheduled.json["id"]),
            Some(&host.token),
            &json!({}),
        )
        .await;
    assert_eq!(by_host.status, StatusCode::OK, "{}", by_host.text);
    assert_eq!(by_host.json["status"], "cancelled");
    // The freed hour went to the waiting request; an admin cancels it.
    let by_admin = app
        .post(&cancel(&waiting.json["id"]), Some(&admin.token), &json!({}))
        .await;
    assert_eq!(by_admin.status, StatusCode::OK, "{}", by_admin.text);
    assert_eq!(by_admin.json["status"], "cancelled");
}

async fn marketing_sees_registrations_only_with_consent(backend: Backend) {
    let app = spawn(backend).await;
    let host = staff(&app, "csm").await;
    let admin = staff(&app, "admin").await;
    let mkt = staff(&app, "marketing").await;
    let w = app.create_webinar(&host.token, json!({})).await;
    let id = w["id"].as_str().expect("id");
    let yes = app
        .register(
            id,
            "yes@customer.example",
            json!({"marketing_consent": true}),
        )
        .await;
    let no = app.register(id, "no@customer.example", json!({})).await;
    assert_eq!(no.status, StatusCode::CREATED, "{}", no.text);
    let emails = |r: &Reply| -> Vec<String> {
        r.json["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|i| i["email"].as_str().unwrap_or_default().to_owned())
            .collect()
    };

    let list = format!("/api/v1/webinars/{id}/registrations");
    let for_marketing = app.get(&list, Some(&mkt.token)).await;
    assert_eq!(
        for_marketing.status,
        StatusCode::OK,
        "{}",
        for_marketing.text
    );
    assert_eq!(emails(&for_marketing), ["yes@customer.example"]);
    let mut for_admin = emails(&app.get(&list, Some(&admin.token)).await);
    for_admin.sort();
    assert_eq!(for_admin, ["no@customer.example", "yes@customer.example"]);

    let one = |r: &Reply| {
        format!(
            "/api/v1/registrations/{}",
            r.json["id"].as_str().unwrap_or_default()
        )
    };
    let consented = app.get(&one(&yes), Some(&mkt.token)).await;
    assert_eq!(consented.json["email"], "yes@customer.example");
    app.get(&one(&no), Some(&mkt.token))
        .await
        .assert_problem(403, "forbidden");
    assert_eq!(
        app.get(&one(&no), Some(&host.token)).await.json["email"],
        "no@customer.example"
    );

    // The attendee list keeps its explicit choice: `consent=all` shows both.
    let all = app
        .get("/api/v1/attendees?consent=all", Some(&mkt.token))
        .await;
    assert_eq!(
        all.json["items"].as_array().map(Vec::len),
        Some(2),
        "{}",
        all.text
    );
    let only = app.get("/api/v1/attendees", Some(&mkt.token)).await;
    assert_eq!(emails(&only), ["yes@customer.example"]);
}

async fn marketing_reads_no_queue_requests_or_appointments(backend: Backend) {
    let app = spawn(backend).await;
    let host = staff(&app, "csm").await;
    let mkt = staff(&app, "marketing").await;
    let r = put_availability(&app, &host.token, &host.id, availability()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let q = queued_with(&app, &host).await;
    let done = app
        .post(
            &format!("/api/v1/appointments/{}/complete", q.appointment),
            Some(&host.token),
            &json!({"outcome": "held", "notes": "Talked about their finances."}),
        )
        .await;
    assert_eq!(
        done.json["notes"], "Talked about their finances.",
        "{}",
        done.text
    );
    let appointments = app.get("/api/v1/appointments", Some(&host.token)).await;
    assert_eq!(appointments.json["items"][0]["id"], q.appointment.as_str());

    for path in [
        "/api/v1/queue".to_owned(),
        format!("/api/v1/queue/{}", q.id),
        "/api/v1/appointments".to_owned(),
    ] {
        let reply = app.get(&path, Some(&mkt.token)).await;
        reply.assert_problem(403, "forbidden");
        assert!(!reply.text.contains("finances"), "{path}: {}", reply.text);
    }
    // Nor by webhook: queue events are for admins.
    let hook = json!({"url": "https://hooks.example.com/in", "events": ["queue.scheduled"], "secret": "a shared secret of some length"});
    app.post("/api/v1/webhooks", Some(&mkt.token), &hook)
        .await
        .assert_problem(403, "forbidden");
    let admin = staff(&app, "admin").await;
    let by_admin = app
        .post("/api/v1/webhooks", Some(&admin.token), &hook)
        .await;
    assert_eq!(by_admin.status, StatusCode::CREATED, "{}", by_admin.text);
}
