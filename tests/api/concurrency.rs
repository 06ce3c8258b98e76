//! Many requests at once against two instances of the service on one
//! database (the in-process app and the built binary, or two binaries): the
//! database's own locks must keep the invariants, not only the in-process
//! writer queue. On SQLite every write transaction must take the write lock
//! first (`BEGIN IMMEDIATE`), or one that reads and then writes fails with
//! SQLITE_BUSY_SNAPSHOT when the other process committed in between.

use std::path::Path;
use std::sync::Arc;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{
    Backend, Reply, ServeProcess, TEST_SECRET, TestApp, TestDb, binary, free_port, read,
    spawn_app_with, wait_until_serving,
};
use crate::queue::{ask, csm_with_hours, date_in};

both_backends!(
    mixed_load_on_two_instances_never_fails,
    two_processes_number_the_waiting_list_exactly,
);

/// Another instance of the service: the built binary on the same database,
/// sharing the test secret (staff tokens work on both) and with the queue's
/// e-mail confirmation off. No background worker: the tests drive delivery.
async fn second_instance(dir: &Path, database_url: &str) -> (ServeProcess, String) {
    let port = free_port();
    let port_text = port.to_string();
    let child = binary(
        dir,
        &[
            ("ONETOMANY__SERVER__PORT", &port_text),
            ("ONETOMANY__DATABASE__URL", database_url),
            ("ONETOMANY__AUTH__JWT_SECRET", TEST_SECRET),
            ("ONETOMANY__SERVER__RATE_LIMIT_PER_MINUTE", "0"),
            ("ONETOMANY__MAIL__POLL_INTERVAL_SECONDS", "0"),
            ("ONETOMANY__QUEUE__CONFIRM_EMAIL", "false"),
        ],
    )
    .spawn()
    .expect("serve");
    let mut serve = ServeProcess { child };
    assert!(
        wait_until_serving(&mut serve.child, port).await,
        "the second instance serves"
    );
    (serve, format!("http://127.0.0.1:{port}"))
}

/// One request to the instance at `base`.
async fn send(
    client: &reqwest::Client,
    base: &str,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> Reply {
    let mut req = client.request(method, format!("{base}{path}"));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    if let Some(b) = body {
        req = req.json(&b);
    }
    read(req.send().await.expect("request sent")).await
}

/// One request of the mixed load, and what kind it is.
struct Job {
    what: &'static str,
    method: Method,
    path: String,
    token: Option<String>,
    body: Value,
}

impl Job {
    fn new(
        what: &'static str,
        method: Method,
        path: String,
        token: Option<&str>,
        body: Value,
    ) -> Self {
        Self {
            what,
            method,
            path,
            token: token.map(str::to_owned),
            body,
        }
    }
}

/// The app with the queue's confirmation step off, on a fresh database,
/// and the URL another process needs to reach that database.
async fn app_without_queue_confirmation(backend: Backend) -> (TestApp, String) {
    let db = TestDb::create(backend);
    let url = db.url_string();
    let app = spawn_app_with(db, |s| s.queue.confirm_email = false).await;
    (app, url)
}

fn str_of(v: &Value, key: &str) -> String {
    v[key].as_str().unwrap_or_default().to_owned()
}

/// Every registration of a webinar, through the host's paged list.
async fn all_registrations(app: &TestApp, webinar_id: &str, token: &str) -> Vec<Value> {
    let mut all = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/webinars/{webinar_id}/registrations?limit=100&cursor={c}"),
            None => format!("/api/v1/webinars/{webinar_id}/registrations?limit=100"),
        };
        let page = app.get(&path, Some(token)).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.text);
        all.extend(page.json["items"].as_array().cloned().unwrap_or_default());
        match page.json["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => return all,
        }
    }
}

/// The seat invariants as a user sees them: the webinar's counters equal
/// its rows, no more confirmed than seats, and the waiting list numbered
/// 1..n. Returns (confirmed, waitlisted).
async fn assert_seat_invariants(app: &TestApp, webinar_id: &str, token: &str) -> (usize, usize) {
    let all = all_registrations(app, webinar_id, token).await;
    let count = |s: &str| all.iter().filter(|r| r["status"] == s).count();
    let (confirmed, waitlisted) = (count("confirmed"), count("waitlisted"));
    let w = app
        .get(&format!("/api/v1/webinars/{webinar_id}"), None)
        .await;
    let capacity = w.json["capacity"].as_u64().expect("capped webinar");
    assert_eq!(w.json["seats_taken"].as_u64(), Some(confirmed as u64));
    assert_eq!(w.json["waitlist_length"].as_u64(), Some(waitlisted as u64));
    assert!(confirmed as u64 <= capacity, "{confirmed} > {capacity}");
    let mut positions: Vec<i64> = all
        .iter()
        .filter(|r| r["status"] == "waitlisted")
        .filter_map(|r| r["waitlist_position"].as_i64())
        .collect();
    positions.sort_unstable();
    assert_eq!(positions, (1..=waitlisted as i64).collect::<Vec<_>>());
    (confirmed, waitlisted)
}

/// Registrations, cancellations, webinar edits, queue requests and
/// appointment completions, all at once, spread over two instances on one
/// database: no 5xx, and the seat counters still equal the rows.
async fn mixed_load_on_two_instances_never_fails(backend: Backend) {
    let (app, database_url) = app_without_queue_confirmation(backend).await;
    let dir = tempfile::tempdir().expect("dir");
    let (_serve, other) = second_instance(dir.path(), &database_url).await;
    let bases = Arc::new([app.address.clone(), other]);

    let days: Vec<String> = (3..=6).map(date_in).collect();
    let (_, csm) = csm_with_hours(&app, "UTC", &days, "17:00").await;
    let webinar = app
        .create_webinar(
            &csm,
            json!({"kind": "expert", "capacity": 5, "starts_at": format!("{}T18:00:00Z", days[0])}),
        )
        .await;
    let webinar_id = str_of(&webinar, "id");
    let mut early = Vec::new();
    for i in 0..10 {
        let r = app
            .register(&webinar_id, &format!("early{i}@example.com"), json!({}))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        early.push(r.json);
    }
    let mut appointments = Vec::new();
    for i in 0..6 {
        let r = ask(&app, &format!("booked{i}@booked{i}.example"), json!({})).await;
        assert_eq!(r.json["status"], "scheduled", "{}", r.text);
        appointments.push(str_of(&r.json["appointment"], "id"));
    }

    // Sent to the two instances in turn; the answers expected of each kind
    // are checked below.
    let mut jobs = Vec::new();
    let register = format!("/api/v1/webinars/{webinar_id}/registrations");
    for i in 0..30 {
        let body = json!({"email": format!("rush{i}@example.com"), "name": format!("Rush {i}"),
            "situation": "Reports time out."});
        jobs.push(Job::new(
            "register",
            Method::POST,
            register.clone(),
            None,
            body,
        ));
    }
    for r in &early {
        let path = format!("/api/v1/registrations/{}/cancel", str_of(r, "id"));
        let token = str_of(r, "manage_token");
        jobs.push(Job::new(
            "cancel",
            Method::POST,
            path,
            Some(&token),
            json!({}),
        ));
    }
    for i in 0..8 {
        let (what, body) = if i % 2 == 0 {
            (
                "rename",
                json!({"title": format!("Reporting deep dive, take {i}")}),
            )
        } else {
            ("resize", json!({"capacity": 5 + i}))
        };
        let path = format!("/api/v1/webinars/{webinar_id}");
        jobs.push(Job::new(what, Method::PATCH, path, Some(&csm), body));
    }
    for i in 0..10 {
        let body = json!({"email": format!("queue{i}@queue{i}.example"), "name": format!("Queue {i}"),
            "topic": "Reporting", "situation": "Monthly report is slow.", "timezone": "UTC"});
        jobs.push(Job::new(
            "queue",
            Method::POST,
            "/api/v1/queue".into(),
            None,
            body,
        ));
    }
    for id in &appointments {
        let path = format!("/api/v1/appointments/{id}/complete");
        let body = json!({"outcome": "held"});
        jobs.push(Job::new("complete", Method::POST, path, Some(&csm), body));
    }
    let tasks: Vec<_> = jobs
        .into_iter()
        .enumerate()
        .map(|(i, job)| {
            let (client, bases) = (app.client.clone(), Arc::clone(&bases));
            tokio::spawn(async move {
                let base = &bases[i % 2];
                let token = job.token.as_deref();
                let r = send(&client, base, job.method, &job.path, token, Some(job.body)).await;
                (job.what, r)
            })
        })
        .collect();
    for t in tasks {
        let (what, r) = t.await.expect("task");
        assert!(
            !r.status.is_server_error(),
            "{what}: {} {}",
            r.status,
            r.text
        );
        let expected: &[u16] = match what {
            "register" | "queue" => &[201],
            "cancel" | "complete" | "rename" => &[200],
            // A lower capacity may arrive after more seats were taken.
            _ => &[200, 409],
        };
        assert!(
            expected.contains(&r.status.as_u16()),
            "{what}: {} {}",
            r.status,
            r.text
        );
    }
    let (confirmed, waitlisted) = assert_seat_invariants(&app, &webinar_id, &csm).await;
    assert_eq!(confirmed + waitlisted, 30, "the early ten all left");
    let list = app.get("/api/v1/appointments", Some(&csm)).await;
    let items = list.json["items"].as_array().cloned().unwrap_or_default();
    for id in &appointments {
        let appt = items
            .iter()
            .find(|a| a["id"] == id.as_str())
            .expect("the appointment is listed");
        assert_eq!(appt["status"], "held", "{appt}");
    }
}

/// 40 registrations at a 5-seat webinar, spread over two processes of the
/// built binary on one database: 5 seats taken, and the 35 waiting told
/// places 1..=35 with no gaps or repeats.
async fn two_processes_number_the_waiting_list_exactly(backend: Backend) {
    let (app, database_url) = app_without_queue_confirmation(backend).await;
    let (_, csm) = app.staff("csm").await;
    let webinar_id = str_of(
        &app.create_webinar(&csm, json!({"kind": "expert", "capacity": 5}))
            .await,
        "id",
    );
    let (dir_a, dir_b) = (
        tempfile::tempdir().expect("dir"),
        tempfile::tempdir().expect("dir"),
    );
    let (_a, base_a) = second_instance(dir_a.path(), &database_url).await;
    let (_b, base_b) = second_instance(dir_b.path(), &database_url).await;
    let bases = Arc::new([base_a, base_b]);
    let path = format!("/api/v1/webinars/{webinar_id}/registrations");
    let tasks: Vec<_> = (0..40)
        .map(|i| {
            let (client, bases, path) = (app.client.clone(), Arc::clone(&bases), path.clone());
            tokio::spawn(async move {
                let body = json!({"email": format!("p{i}@example.com"), "name": format!("P {i}"),
                    "situation": "Reports time out."});
                send(
                    &client,
                    &bases[i % 2],
                    Method::POST,
                    &path,
                    None,
                    Some(body),
                )
                .await
            })
        })
        .collect();
    let mut replies = Vec::new();
    for t in tasks {
        let r = t.await.expect("task");
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        replies.push(r.json);
    }
    let confirmed = replies
        .iter()
        .filter(|r| r["status"] == "confirmed")
        .count();
    assert_eq!(confirmed, 5);
    let mut told: Vec<i64> = replies
        .iter()
        .filter_map(|r| r["waitlist_position"].as_i64())
        .collect();
    told.sort_unstable();
    assert_eq!(told, (1..=35).collect::<Vec<_>>());
    assert_eq!(
        assert_seat_invariants(&app, &webinar_id, &csm).await,
        (5, 35)
    );
}
