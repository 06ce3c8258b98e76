//! Webhook targets: URLs that reach this host or its networks are refused
//! when registered, and again when a delivery would connect to one (a name
//! may resolve elsewhere later); redirects are never followed.

use std::sync::{Arc, Mutex};

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use onetomany::db::{clock, webhooks};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{Backend, TestApp, TestDb, spawn_app, spawn_app_with};

both_backends!(
    private_targets_are_refused_at_registration,
    a_private_target_stored_earlier_is_not_contacted,
    redirects_are_not_followed,
);

/// Requests a receiver got: (path, body).
#[derive(Clone, Default)]
struct Seen(Arc<Mutex<Vec<(String, String)>>>);

impl Seen {
    fn count(&self) -> usize {
        self.0.lock().map(|s| s.len()).unwrap_or(0)
    }
}

/// A real HTTP server on loopback that records what it gets and answers
/// with `status`, and `location` when given.
async fn receiver(
    status: u16,
    location: Option<String>,
) -> (u16, Seen, actix_web::dev::ServerHandle) {
    let seen = Seen::default();
    let store = seen.clone();
    let server = HttpServer::new(move || {
        let (store, location) = (store.clone(), location.clone());
        App::new().default_service(web::to(move |req: HttpRequest, body: web::Bytes| {
            let (store, location) = (store.clone(), location.clone());
            async move {
                if let Ok(mut s) = store.0.lock() {
                    s.push((
                        req.path().to_owned(),
                        String::from_utf8_lossy(&body).into_owned(),
                    ));
                }
                let mut answer = HttpResponse::build(
                    actix_web::http::StatusCode::from_u16(status).expect("status"),
                );
                if let Some(l) = location {
                    answer.insert_header(("location", l));
                }
                answer.finish()
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
    (port, seen, handle)
}

/// A webinar with one registration, so that `registration.created` fires.
async fn someone_registers(app: &TestApp) {
    let (_, host) = app.staff("csm").await;
    let webinar = app.create_webinar(&host, json!({})).await["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let r = app
        .register(
            &webinar,
            "ana@x.example",
            json!({"marketing_consent": true}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
}

/// The pending webhook deliveries as the outbox API shows them.
async fn pending_hooks(app: &TestApp, admin: &str) -> Vec<Value> {
    let pending = app.get("/api/v1/outbox?status=pending", Some(admin)).await;
    assert_eq!(pending.status, StatusCode::OK, "{}", pending.text);
    pending.json["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|m| m["channel"] == "webhook")
        .cloned()
        .collect()
}

async fn private_targets_are_refused_at_registration(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, marketing) = app.staff("marketing").await;
    let refused = [
        "http://127.0.0.1/hook",
        "http://127.8.9.10:8080/hook",
        "http://localhost/hook",
        "http://LOCALHOST:9000/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.5/hook",
        "http://172.16.0.1/hook",
        "http://172.31.255.254/hook",
        "http://192.168.1.20/hook",
        "http://100.64.0.1/hook",
        "http://0.0.0.0/hook",
        "http://224.0.0.1/hook",
        "http://255.255.255.255/hook",
        "http://[::1]/hook",
        "http://[::]/hook",
        "http://[fe80::1]/hook",
        "http://[fc00::1]/hook",
        "http://[fd12:3456:789a::1]/hook",
        "http://[ff02::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://[::ffff:7f00:1]/hook",
        "http://[::ffff:169.254.169.254]/hook",
        "http://[::127.0.0.1]/hook",
        "http://[64:ff9b::a9fe:a9fe]/hook",
        "http://2130706433/hook",
        "http://0x7f.1/hook",
        "http://0177.0.0.1/hook",
        "http://127.1/hook",
        "https://0xa9fea9fe/latest/meta-data/",
    ];
    for url in refused {
        let reply = app
            .post(
                "/api/v1/webhooks",
                Some(&marketing),
                &json!({"url": url, "events": ["registration.created"], "secret": "a-shared-secret-of-some-length"}),
            )
            .await;
        reply.assert_problem(422, "validation_failed");
        assert_eq!(
            reply.json["errors"][0]["field"], "url",
            "{url}: {}",
            reply.text
        );
    }
    // A public address is taken (no request is made when registering).
    let public = app
        .post(
            "/api/v1/webhooks",
            Some(&marketing),
            &json!({"url": "https://203.0.113.10/hook", "events": ["registration.created"], "secret": "a-shared-secret-of-some-length"}),
        )
        .await;
    assert_eq!(public.status, StatusCode::CREATED, "{}", public.text);
    let list = app.get("/api/v1/webhooks", Some(&marketing)).await;
    let urls: Vec<&str> = list.json["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|w| w["url"].as_str())
        .collect();
    assert_eq!(
        urls,
        ["https://203.0.113.10/hook"],
        "only the public one is kept"
    );
}

/// A webhook stored while its target was allowed (or whose name resolves
/// to this host only now) is refused at delivery: the receiver sees
/// nothing, the attempt is logged as failed and the delivery stays pending.
async fn a_private_target_stored_earlier_is_not_contacted(backend: Backend) {
    let app = spawn_app(backend).await;
    let (admin_id, admin) = app.staff("admin").await;
    let (port, seen, _server) = receiver(200, None).await;
    for url in [
        format!("http://127.0.0.1:{port}/literal"),
        format!("http://localhost:{port}/by-name"),
        format!("http://[::ffff:127.0.0.1]:{port}/mapped"),
    ] {
        let by = admin_id.clone();
        app.sql(move |conn| {
            webhooks::insert(
                conn,
                &url,
                &["registration.created".to_owned()],
                "a-shared-secret-of-some-length",
                &by,
                clock(),
            )
        })
        .await;
    }
    someone_registers(&app).await;

    let report = app.deliver().await;
    assert_eq!(report.failed, 3, "each delivery was tried and refused");
    assert_eq!(seen.count(), 0, "the loopback receiver was not contacted");
    let hooks = pending_hooks(&app, &admin).await;
    assert_eq!(hooks.len(), 3, "{hooks:?}");
    for hook in &hooks {
        assert!(
            hook["last_error"]
                .as_str()
                .is_some_and(|e| e.contains("refused")),
            "{hook}"
        );
        let one = app
            .get(
                &format!("/api/v1/outbox/{}", hook["id"].as_str().unwrap_or_default()),
                Some(&admin),
            )
            .await;
        assert_eq!(
            one.json["attempt_log"][0]["succeeded"], false,
            "{}",
            one.text
        );
    }

    // The same receiver is reached once a self-hoster allows private targets.
    let (test_db, _work) = app.into_parts();
    let allowed = spawn_app_with(test_db, |s| s.webhooks.allow_private_targets = true).await;
    let later = clock() + chrono::Duration::minutes(5);
    assert_eq!(allowed.deliver_at(later).await.sent, 3);
    let mut paths: Vec<String> = seen
        .0
        .lock()
        .map(|s| s.iter().map(|(p, _)| p.clone()).collect())
        .unwrap_or_default();
    paths.sort();
    assert_eq!(paths, ["/by-name", "/literal", "/mapped"]);
}

/// A 302 to another server is an answer, not an instruction: the other
/// server gets nothing and the delivery is retried later.
async fn redirects_are_not_followed(backend: Backend) {
    let app = spawn_app_with(TestDb::create(backend), |s| {
        s.webhooks.allow_private_targets = true;
    })
    .await;
    let (_, admin) = app.staff("admin").await;
    let (elsewhere_port, elsewhere, _e) = receiver(200, None).await;
    let (port, first, _f) = receiver(
        302,
        Some(format!("http://127.0.0.1:{elsewhere_port}/stolen")),
    )
    .await;
    let hook = app
        .post(
            "/api/v1/webhooks",
            Some(&admin),
            &json!({"url": format!("http://127.0.0.1:{port}/hook"), "events": ["registration.created"], "secret": "a-shared-secret-of-some-length"}),
        )
        .await;
    assert_eq!(hook.status, StatusCode::CREATED, "{}", hook.text);
    someone_registers(&app).await;

    let report = app.deliver().await;
    assert_eq!(report.failed, 1, "the webhook delivery failed");
    assert_eq!(first.count(), 1, "the registered URL was called");
    assert_eq!(elsewhere.count(), 0, "the redirect was not followed");
    let hooks = pending_hooks(&app, &admin).await;
    assert_eq!(hooks.len(), 1);
    assert!(
        hooks[0]["last_error"]
            .as_str()
            .is_some_and(|e| e.contains("302")),
        "{}",
        hooks[0]
    );
}
