//! Marketing: consent-aware attendee lists (JSON and a CSV read back by
//! Python's csv module), figures, and signed webhooks received on loopback.
//! Erasure is in `erasure.rs`.

use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{Backend, TestApp, days_ahead, spawn_app};

both_backends!(
    attendee_lists_respect_consent_filters_and_page_once,
    the_csv_reads_back_and_cannot_inject_formulas,
    figures_per_webinar_and_topic,
    webhooks_are_signed_retried_and_logged,
);

/// Two webinars, five people; returns (marketing token, host token, ids).
pub(crate) async fn scene(app: &TestApp) -> (String, String, String, String) {
    let (_, marketing) = app.staff("marketing").await;
    let (_, host) = app.staff("csm").await;
    let a = app
        .create_webinar(
            &host,
            json!({"topic": "reporting", "starts_at": days_ahead(5)}),
        )
        .await["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let b = app.create_webinar(&host, json!({"kind": "expert", "capacity": 1, "topic": "billing", "starts_at": days_ahead(6)})).await["id"].as_str().expect("id").to_owned();
    for (w, email, consent) in [
        (&a, "ana@x.example", true),
        (&a, "ben@x.example", false),
        (&a, "cem@x.example", true),
        (&b, "ana@x.example", true),
        (&b, "dia@x.example", true),
    ] {
        let r = app
            .register(w, email, json!({"marketing_consent": consent}))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    }
    (marketing, host, a, b)
}

fn emails(v: &Value) -> Vec<String> {
    let mut e: Vec<String> = v["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["email"].as_str().map(str::to_owned))
        .collect();
    e.sort();
    e
}

async fn attendee_lists_respect_consent_filters_and_page_once(backend: Backend) {
    let app = spawn_app(backend).await;
    let (marketing, host, a, b) = scene(&app).await;
    let (_, admin) = app.staff("admin").await;

    let only = app.get("/api/v1/attendees", Some(&marketing)).await;
    assert_eq!(only.status, StatusCode::OK, "{}", only.text);
    assert_eq!(
        emails(&only.json),
        [
            "ana@x.example",
            "ana@x.example",
            "cem@x.example",
            "dia@x.example"
        ],
        "consent only by default"
    );
    let all = app
        .get("/api/v1/attendees?consent=all", Some(&marketing))
        .await;
    assert_eq!(all.json["items"].as_array().map(Vec::len), Some(5));
    let first = &only.json["items"][0];
    assert_eq!(first["webinar_id"], a.as_str());
    assert_eq!(first["topic"], "reporting");

    let expert = app
        .get("/api/v1/attendees?kind=expert&consent=all", Some(&admin))
        .await;
    assert_eq!(emails(&expert.json), ["ana@x.example", "dia@x.example"]);
    let waiting = app
        .get("/api/v1/attendees?status=waitlisted", Some(&admin))
        .await;
    assert_eq!(emails(&waiting.json), ["dia@x.example"]);
    let billing = app
        .get(
            "/api/v1/attendees?topic=billing&status=confirmed",
            Some(&admin),
        )
        .await;
    assert_eq!(emails(&billing.json), ["ana@x.example"]);
    // Attendance marked on webinar A.
    let ids: Vec<String> = all.json["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|i| i["webinar_id"] == a.as_str() && i["email"] != "ben@x.example")
        .filter_map(|i| i["registration_id"].as_str().map(str::to_owned))
        .collect();
    app.post(
        &format!("/api/v1/webinars/{a}/attendance"),
        Some(&host),
        &json!({"attended": [ids[0]], "no_show": [ids[1]]}),
    )
    .await;
    let came = app
        .get("/api/v1/attendees?attended=true", Some(&admin))
        .await;
    assert_eq!(came.json["items"].as_array().map(Vec::len), Some(1));
    let later = app
        .get(
            &format!(
                "/api/v1/attendees?consent=all&from={}",
                days_ahead(6).replace('+', "%2B")
            ),
            Some(&admin),
        )
        .await;
    let later_webinars: Vec<&str> = later.json["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["webinar_id"].as_str())
        .collect();
    assert_eq!(later_webinars, [b.as_str(), b.as_str()], "{}", later.text);

    app.get("/api/v1/attendees", Some(&host))
        .await
        .assert_problem(403, "forbidden");
    app.get("/api/v1/attendees.csv", Some(&host))
        .await
        .assert_problem(403, "forbidden");
    app.get("/api/v1/attendees?consent=maybe", Some(&admin))
        .await
        .assert_problem(422, "validation_failed");

    // Every row once across pages.
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..10 {
        let path = match &cursor {
            Some(c) => format!("/api/v1/attendees?consent=all&limit=2&cursor={c}"),
            None => "/api/v1/attendees?consent=all&limit=2".to_owned(),
        };
        let page = app.get(&path, Some(&marketing)).await;
        seen.extend(
            page.json["items"]
                .as_array()
                .expect("items")
                .iter()
                .filter_map(|i| i["registration_id"].as_str().map(str::to_owned)),
        );
        match page.json["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!((seen.len(), unique.len()), (5, 5));

    // Exports are in the audit log.
    let audit = app.get("/api/v1/audit", Some(&admin)).await;
    let actions: Vec<&str> = audit.json["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["action"].as_str())
        .collect();
    assert!(
        actions.iter().filter(|a| **a == "attendees.json").count() >= 8,
        "{actions:?}"
    );
    app.get("/api/v1/audit", Some(&marketing))
        .await
        .assert_problem(403, "forbidden");
}

/// Parses CSV with Python's csv module: the same rows a spreadsheet sees.
fn parse_csv(bytes: &[u8]) -> Vec<Vec<String>> {
    let mut child = Command::new(crate::helpers::python())
        .args(["-c", "import csv,io,json,sys; print(json.dumps(list(csv.reader(io.TextIOWrapper(sys.stdin.buffer, encoding='utf-8-sig', newline='')))))"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(bytes)
        .expect("written");
    let out = child.wait_with_output().expect("done");
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).expect("json")
}

async fn the_csv_reads_back_and_cannot_inject_formulas(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, marketing) = app.staff("marketing").await;
    let (_, host) = app.staff("csm").await;
    let w = app
        .create_webinar(
            &host,
            json!({"title": "Relatórios, \"avançado\"; parte 1", "topic": "reporting"}),
        )
        .await["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let people = [
        ("m@x.example", "محمد العربي", "شركة"),
        ("j@x.example", "Jürgen Müller", "Müller & Söhne GmbH"),
        ("e@x.example", "Emoji 🎉 Fan", "Party, \"Inc\""),
        (
            "f@x.example",
            "=HYPERLINK(\"http://evil.example\",\"x\")",
            "+49 30 1234",
        ),
        ("g@x.example", "@SUM(A1:A2)", "-1+1"),
    ];
    for (email, name, company) in people {
        let r = app
            .register(
                &w,
                email,
                json!({"name": name, "company": company, "marketing_consent": true}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    }
    let res = app
        .client
        .get(app.url("/api/v1/attendees.csv"))
        .bearer_auth(&marketing)
        .send()
        .await
        .expect("sent");
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap_or_default()
            .starts_with("text/csv")
    );
    let bytes = res.bytes().await.expect("body");
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "UTF-8 byte-order mark for spreadsheets"
    );
    let rows = parse_csv(&bytes);
    assert_eq!(
        rows[0],
        [
            "email",
            "name",
            "company",
            "webinar_id",
            "webinar_title",
            "kind",
            "topic",
            "starts_at",
            "status",
            "attended",
            "marketing_consent",
            "registered_at"
        ]
    );
    assert_eq!(rows.len(), 6);
    let by_email = |e: &str| rows.iter().find(|r| r[0] == e).cloned().expect("row");
    assert_eq!(by_email("m@x.example")[1..3], ["محمد العربي", "شركة"]);
    assert_eq!(
        by_email("j@x.example")[1..3],
        ["Jürgen Müller", "Müller & Söhne GmbH"]
    );
    assert_eq!(
        by_email("e@x.example")[1..3],
        ["Emoji 🎉 Fan", "Party, \"Inc\""]
    );
    assert_eq!(
        by_email("e@x.example")[4],
        "Relatórios, \"avançado\"; parte 1"
    );
    assert_eq!(
        by_email("f@x.example")[1..3],
        ["'=HYPERLINK(\"http://evil.example\",\"x\")", "'+49 30 1234"]
    );
    assert_eq!(by_email("g@x.example")[1..3], ["'@SUM(A1:A2)", "'-1+1"]);
    assert_eq!(by_email("g@x.example")[3], w);
    assert_eq!(
        (
            by_email("g@x.example")[8].as_str(),
            by_email("g@x.example")[10].as_str()
        ),
        ("confirmed", "true")
    );
}

async fn figures_per_webinar_and_topic(backend: Backend) {
    let app = spawn_app(backend).await;
    let (marketing, host, a, b) = scene(&app).await;
    let all = app
        .get("/api/v1/attendees?consent=all", Some(&marketing))
        .await;
    let reg = |email: &str, w: &str| {
        all.json["items"]
            .as_array()
            .expect("items")
            .iter()
            .find(|i| i["email"] == email && i["webinar_id"] == w)
            .and_then(|i| i["registration_id"].as_str())
            .expect("reg")
            .to_owned()
    };
    app.post(
        &format!("/api/v1/registrations/{}/cancel", reg("ben@x.example", &a)),
        Some(&host),
        &json!({}),
    )
    .await;
    app.post(
        &format!("/api/v1/webinars/{a}/attendance"),
        Some(&host),
        &json!({"attended": [reg("ana@x.example", &a)], "no_show": [reg("cem@x.example", &a)]}),
    )
    .await;

    let stats = app.get("/api/v1/stats/webinars", Some(&marketing)).await;
    assert_eq!(stats.status, StatusCode::OK, "{}", stats.text);
    let of = |id: &str| {
        stats.json["items"]
            .as_array()
            .expect("items")
            .iter()
            .find(|i| i["webinar_id"] == id)
            .cloned()
            .expect("webinar")
    };
    let wa = of(&a);
    assert_eq!(
        (
            wa["registered"].as_i64(),
            wa["confirmed"].as_i64(),
            wa["cancelled"].as_i64(),
            wa["attended"].as_i64()
        ),
        (Some(3), Some(2), Some(1), Some(1))
    );
    assert_eq!(wa["attendance_rate"].as_f64(), Some(0.5));
    let wb = of(&b);
    assert_eq!(
        (wb["confirmed"].as_i64(), wb["waitlisted"].as_i64()),
        (Some(1), Some(1))
    );
    assert!(wb["attendance_rate"].as_f64() == Some(0.0));
    let topics = stats.json["topics"].as_array().expect("topics");
    let reporting = topics
        .iter()
        .find(|t| t["topic"] == "reporting")
        .expect("topic");
    assert_eq!(
        (
            reporting["webinars"].as_i64(),
            reporting["registered"].as_i64()
        ),
        (Some(1), Some(3))
    );
    app.get("/api/v1/stats/webinars", Some(&host))
        .await
        .assert_problem(403, "forbidden");
}

#[derive(Clone, Default)]
struct Inbox(Arc<Mutex<Vec<(String, String, String)>>>);

/// A real HTTP server on loopback that records deliveries; `fail` answers 500.
async fn receiver(fail: bool) -> (u16, Inbox, actix_web::dev::ServerHandle) {
    let inbox = Inbox::default();
    let store = inbox.clone();
    let server = HttpServer::new(move || {
        let store = store.clone();
        App::new().default_service(web::to(move |req: HttpRequest, body: web::Bytes| {
            let store = store.clone();
            async move {
                let header = |n: &str| {
                    req.headers()
                        .get(n)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or_default()
                        .to_owned()
                };
                if let Ok(mut s) = store.0.lock() {
                    s.push((
                        header("x-onetomany-signature"),
                        header("x-onetomany-timestamp"),
                        String::from_utf8_lossy(&body).into_owned(),
                    ));
                }
                if fail {
                    HttpResponse::InternalServerError().finish()
                } else {
                    HttpResponse::Ok().finish()
                }
            }
        }))
    })
    .workers(1)
    .bind(("127.0.0.1", 0))
    .expect("bind");
    let port = server.addrs()[0].port();
    let server = server.run();
    let handle = server.handle();
    tokio::spawn(server);
    (port, inbox, handle)
}

fn hmac_hex(secret: &str, body: &str) -> String {
    let key = aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, secret.as_bytes());
    aws_lc_rs::hmac::sign(&key, body.as_bytes())
        .as_ref()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

async fn webhooks_are_signed_retried_and_logged(backend: Backend) {
    // The receivers listen on loopback, a private target.
    let app = crate::helpers::spawn_app_with(crate::helpers::TestDb::create(backend), |s| {
        s.webhooks.allow_private_targets = true;
    })
    .await;
    let (_, marketing) = app.staff("marketing").await;
    let (_, admin) = app.staff("admin").await;
    let (_, host) = app.staff("csm").await;
    let (port, inbox, _server) = receiver(false).await;
    let (bad_port, bad_inbox, _bad) = receiver(true).await;
    let secret = "a-shared-secret-of-some-length";
    let hook = app.post("/api/v1/webhooks", Some(&marketing), &json!({"url": format!("http://127.0.0.1:{port}/hook"),
        "events": ["registration.created", "registration.promoted", "registration.cancelled"], "secret": secret})).await;
    assert_eq!(hook.status, StatusCode::CREATED, "{}", hook.text);
    assert!(!hook.text.contains(secret), "the secret is not shown back");
    app.post("/api/v1/webhooks", Some(&admin), &json!({"url": format!("http://127.0.0.1:{bad_port}/"), "events": ["registration.created"], "secret": "another-secret-0000"})).await;
    app.post("/api/v1/webhooks", Some(&host), &json!({"url": "http://x.example", "events": ["registration.created"], "secret": "x".repeat(20)}))
        .await
        .assert_problem(403, "forbidden");
    app.post(
        "/api/v1/webhooks",
        Some(&admin),
        &json!({"url": "ftp://x", "events": ["nope"], "secret": "short"}),
    )
    .await
    .assert_problem(422, "validation_failed");

    let w = app
        .create_webinar(&host, json!({"kind": "expert", "capacity": 1}))
        .await["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let first = app
        .register(&w, "first@x.example", json!({"marketing_consent": true}))
        .await
        .json;
    app.register(&w, "second@x.example", json!({})).await;
    app.post(
        &format!(
            "/api/v1/registrations/{}/cancel?token={}",
            first["id"].as_str().unwrap_or_default(),
            first["manage_token"].as_str().unwrap_or_default()
        ),
        None,
        &json!({}),
    )
    .await;
    app.deliver().await;

    let got = inbox.0.lock().map(|g| g.clone()).unwrap_or_default();
    let events: Vec<String> = got
        .iter()
        .map(|(_, _, b)| {
            serde_json::from_str::<Value>(b)
                .map(|v| v["event"].as_str().unwrap_or_default().to_owned())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(events.len(), 4, "{events:?}");
    for e in [
        "registration.created",
        "registration.cancelled",
        "registration.promoted",
    ] {
        assert!(events.iter().any(|x| x == e), "{e} missing from {events:?}");
    }
    for (sig, ts, body) in &got {
        assert_eq!(
            sig,
            &format!("sha256={}", hmac_hex(secret, body)),
            "signature over the raw body"
        );
        assert_ne!(sig, &format!("sha256={}", hmac_hex("wrong-secret", body)));
        let v: Value = serde_json::from_str(body).expect("json");
        let delivered = v["delivered_at"].as_str().expect("time");
        assert_eq!(
            delivered, ts,
            "the header carries the signed body's delivery time, in the same format"
        );
        assert!(
            delivered.len() == 24
                && delivered.ends_with('Z')
                && delivered.parse::<chrono::DateTime<chrono::Utc>>().is_ok(),
            "RFC 3339 UTC with milliseconds: {delivered}"
        );
    }
    // Contact details only with consent.
    let created: Vec<Value> = got
        .iter()
        .filter_map(|(_, _, b)| serde_json::from_str::<Value>(b).ok())
        .filter(|v| v["event"] == "registration.created")
        .collect();
    assert_eq!(created.len(), 2, "{events:?}");
    assert!(
        created
            .iter()
            .any(|v| v["data"]["email"] == "first@x.example")
    );
    assert!(
        created
            .iter()
            .all(|v| v["data"]["email"] != "second@x.example")
    );

    // The failing endpoint was tried, is pending with back-off, and its attempts are logged.
    assert_eq!(bad_inbox.0.lock().map(|g| g.len()).unwrap_or(0), 2);
    let pending = app.get("/api/v1/outbox?status=pending", Some(&admin)).await;
    let hooks: Vec<&Value> = pending.json["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|m| m["channel"] == "webhook")
        .collect();
    assert_eq!(hooks.len(), 2);
    assert!(
        hooks[0]["last_error"]
            .as_str()
            .is_some_and(|e| e.contains("500"))
    );
    let one = app
        .get(
            &format!(
                "/api/v1/outbox/{}",
                hooks[0]["id"].as_str().unwrap_or_default()
            ),
            Some(&admin),
        )
        .await;
    assert_eq!(one.json["attempt_log"][0]["succeeded"], false);
    let later = onetomany::db::clock() + chrono::Duration::minutes(2);
    app.deliver_at(later).await;
    assert_eq!(
        bad_inbox.0.lock().map(|g| g.len()).unwrap_or(0),
        4,
        "retried after the back-off"
    );

    let list = app.get("/api/v1/webhooks", Some(&marketing)).await;
    let id = list.json["items"][0]["id"].as_str().expect("id").to_owned();
    assert_eq!(
        app.send(
            Method::DELETE,
            &format!("/api/v1/webhooks/{id}"),
            Some(&marketing),
            None
        )
        .await
        .status,
        StatusCode::NO_CONTENT
    );
}
