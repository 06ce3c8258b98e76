//! The workload, spread over the instances at once: registrations and
//! cancellations on a 20-seat webinar in `auto` and one in `offer` mode,
//! claims of offers, queue requests over five CSMs, time changes; and the
//! sessions whose reminder and minimum decision fall due during the test.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use chrono::Utc;
use futures_util::future::join_all;
use reqwest::Method;
use serde_json::{Value, json};
use tokio::sync::{Mutex, Semaphore};

use crate::harness::Client;
use crate::helpers::PASSWORD;
use onetomany::db::Db;
use onetomany::domain::user::NewStaffUser;
use onetomany::routes::users::create_user;

/// What the load set up and what each request got.
pub struct Scene {
    pub auto: String,
    pub offer: String,
    pub minimum: String,
    pub reminded: String,
    pub reminded_count: usize,
    pub minimum_count: usize,
    pub csm_token: String,
    /// Registration id → manage token, of every 201.
    pub tokens: Arc<Mutex<HashMap<String, String>>>,
    /// E-mails whose registration was answered other than 201 or 409.
    pub failed: Arc<Mutex<Vec<(String, String)>>>,
    /// Answer statuses by request kind.
    pub statuses: Arc<Mutex<HashMap<(String, u16), usize>>>,
}

impl Scene {
    async fn count(&self, kind: &str, status: u16) {
        *self
            .statuses
            .lock()
            .await
            .entry((kind.to_owned(), status))
            .or_default() += 1;
    }
}

async fn staff(db: &Db, client: &Client, email: &str, role: &str) -> (String, String) {
    let new = NewStaffUser::parse(email, "Cluster Person", role, Some("UTC"), PASSWORD)
        .expect("valid user");
    let id = create_user(db, new).await.expect("user stored").id;
    let login = client
        .post(
            "/api/v1/auth/login",
            None,
            &json!({"email": email, "password": PASSWORD}),
        )
        .await;
    assert_eq!(login.status, 200, "{}", login.json);
    (id, login.json["token"].as_str().expect("token").to_owned())
}

fn at(from_now: chrono::Duration) -> String {
    (Utc::now() + from_now).to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

async fn webinar(client: &Client, token: &str, body: Value) -> String {
    let mut full = json!({
        "kind": "regular", "title": "Reports at scale", "topic": "reporting",
        "starts_at": at(chrono::Duration::days(7)), "duration_minutes": 60,
        "timezone": "UTC", "capacity": 20,
    });
    if let (Some(f), Some(b)) = (full.as_object_mut(), body.as_object()) {
        for (k, v) in b {
            f.insert(k.clone(), v.clone());
        }
    }
    let reply = client.post("/api/v1/webinars", Some(token), &full).await;
    assert_eq!(reply.status, 201, "{}", reply.json);
    reply.json["id"].as_str().expect("id").to_owned()
}

async fn register(client: &Client, webinar: &str, email: &str) -> crate::harness::Answer {
    client
        .post(
            &format!("/api/v1/webinars/{webinar}/registrations"),
            None,
            &json!({"email": email, "name": "Cluster Customer", "timezone": "Europe/Berlin"}),
        )
        .await
}

/// Staff, CSM hours and the webinars; the sessions due during the test get
/// their registrations at once (before their reminder window opens).
pub async fn set_up(db: &Db, client: &Client) -> Scene {
    let (_, _admin) = staff(db, client, "admin@cluster.example.com", "admin").await;
    let (_, csm_token) = staff(db, client, "host@cluster.example.com", "csm").await;
    for i in 0..5 {
        let (id, token) = staff(db, client, &format!("csm{i}@cluster.example.com"), "csm").await;
        let weekly: Vec<Value> = ["mon", "tue", "wed", "thu", "fri"]
            .iter()
            .map(|d| json!({"day": d, "start": "09:00", "end": "10:00"}))
            .collect();
        let reply = client
            .call(
                Method::PUT,
                &format!("/api/v1/users/{id}/availability"),
                Some(&token),
                Some(&json!({"timezone": "UTC", "weekly": weekly, "exceptions": []})),
            )
            .await;
        assert_eq!(reply.status, 200, "{}", reply.json);
    }
    let auto = webinar(client, &csm_token, json!({"waitlist_mode": "auto"})).await;
    let offer = webinar(
        client,
        &csm_token,
        json!({"waitlist_mode": "offer", "offer_hours": 1}),
    )
    .await;
    // Decided (too few) 80 s from now; warned at once.
    let minimum = webinar(
        client,
        &csm_token,
        json!({"min_attendees": 5, "decision_hours": 1,
               "starts_at": at(chrono::Duration::seconds(3600 + 80))}),
    )
    .await;
    // Its 61-minute reminder falls due 40 s from now.
    let reminded = webinar(
        client,
        &csm_token,
        json!({"capacity": 50, "starts_at": at(chrono::Duration::seconds(61 * 60 + 40))}),
    )
    .await;
    let (minimum_count, reminded_count) = (3, 10);
    for i in 0..minimum_count {
        let r = register(client, &minimum, &format!("min-{i}@example.com")).await;
        assert_eq!(r.status, 201, "{}", r.json);
    }
    for i in 0..reminded_count {
        let r = register(client, &reminded, &format!("rem-{i}@example.com")).await;
        assert_eq!(r.status, 201, "{}", r.json);
    }
    Scene {
        auto,
        offer,
        minimum,
        reminded,
        reminded_count,
        minimum_count,
        csm_token,
        tokens: Arc::default(),
        failed: Arc::default(),
        statuses: Arc::default(),
    }
}

/// The counts of one run (read in the printed report).
#[allow(dead_code)]
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub registrations: usize,
    pub cancellations: usize,
    pub queue_requests: usize,
    pub time_changes: usize,
    pub claims: usize,
}

/// Runs the whole load at once (at most 24 requests in flight) and returns
/// what was sent. `scale` multiplies every count.
pub async fn run(client: &Client, scene: &Arc<Scene>, db: &Db, scale: usize) -> Counts {
    let per_webinar = 500 * scale;
    let queue_requests = 200 * scale;
    let gate = Arc::new(Semaphore::new(24));
    let mut tasks = Vec::new();
    for (label, webinar) in [("auto", scene.auto.clone()), ("offer", scene.offer.clone())] {
        for i in 0..per_webinar {
            let (client, scene, gate, webinar) = (
                client.clone(),
                Arc::clone(scene),
                Arc::clone(&gate),
                webinar.clone(),
            );
            tasks.push(tokio::spawn(async move {
                let _permit = gate.acquire().await.expect("gate");
                let email = format!("{label}-{i}@example.com");
                let reply = register(&client, &webinar, &email).await;
                scene.count("register", reply.status).await;
                if reply.status != 201 {
                    if reply.status != 409 {
                        scene.failed.lock().await.push((webinar, email));
                    }
                    return;
                }
                let id = reply.json["id"].as_str().unwrap_or_default().to_owned();
                let token = reply.json["manage_token"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned();
                scene.tokens.lock().await.insert(id.clone(), token.clone());
                // One in five cancels again.
                if i % 5 == 0 {
                    let r = client
                        .post(
                            &format!("/api/v1/registrations/{id}/cancel"),
                            Some(&token),
                            &json!({}),
                        )
                        .await;
                    scene.count("cancel", r.status).await;
                }
            }));
        }
    }
    for i in 0..queue_requests {
        let (client, scene, gate) = (client.clone(), Arc::clone(scene), Arc::clone(&gate));
        tasks.push(tokio::spawn(async move {
            let _permit = gate.acquire().await.expect("gate");
            let r = client
                .post(
                    "/api/v1/queue",
                    None,
                    &json!({"email": format!("q-{i}@c{i}.example.org"), "name": "Queue Customer",
                            "topic": "Reporting", "situation": "Reports are slow.",
                            "timezone": "UTC"}),
                )
                .await;
            scene.count("queue", r.status).await;
        }));
    }
    // Time changes while the rest runs.
    let changes = {
        let (client, scene) = (client.clone(), Arc::clone(scene));
        tokio::spawn(async move {
            let mut n = 0;
            for step in 0..3 {
                tokio::time::sleep(Duration::from_millis(1500)).await;
                for webinar in [&scene.auto, &scene.offer] {
                    let days = 7 + step + 1;
                    let r = client
                        .call(
                            Method::PATCH,
                            &format!("/api/v1/webinars/{webinar}"),
                            Some(&scene.csm_token),
                            Some(&json!({"starts_at": at(chrono::Duration::days(days))})),
                        )
                        .await;
                    scene.count("time_change", r.status).await;
                    n += usize::from(r.status == 200);
                }
            }
            n
        })
    };
    // Claims of offers as they appear (the even-numbered registrants claim).
    let done = Arc::new(AtomicBool::new(false));
    let claims = {
        let (client, scene, db, done) = (
            client.clone(),
            Arc::clone(scene),
            db.clone(),
            Arc::clone(&done),
        );
        tokio::spawn(async move {
            let mut claimed = std::collections::HashSet::new();
            while !done.load(Ordering::Relaxed) {
                tokio::time::sleep(Duration::from_millis(500)).await;
                let offer = scene.offer.clone();
                let Ok(offered) = db
                    .run(move |conn| crate::checks::offered(conn, &offer))
                    .await
                else {
                    continue;
                };
                for (id, email) in offered {
                    if claimed.contains(&id) || !crate::checks::even(&email) {
                        continue;
                    }
                    let token = scene.tokens.lock().await.get(&id).cloned();
                    let Some(token) = token else { continue };
                    let r = client
                        .post(
                            &format!("/api/v1/registrations/{id}/claim"),
                            Some(&token),
                            &json!({}),
                        )
                        .await;
                    scene.count("claim", r.status).await;
                    if r.status == 200 {
                        claimed.insert(id);
                    }
                }
            }
            claimed.len()
        })
    };
    join_all(tasks).await;
    let time_changes = changes.await.unwrap_or(0);
    // One more claim pass after the last cancellation.
    tokio::time::sleep(Duration::from_millis(1200)).await;
    done.store(true, Ordering::Relaxed);
    let claims = claims.await.unwrap_or(0);
    let cancellations = scene
        .statuses
        .lock()
        .await
        .iter()
        .filter(|((k, _), _)| k == "cancel")
        .map(|(_, n)| n)
        .sum();
    Counts {
        registrations: 2 * per_webinar,
        cancellations,
        queue_requests,
        time_changes,
        claims,
    }
}

/// Frees three seats of the offer webinar (its host cancels three
/// confirmed registrations), so that offers stand open at the end of the
/// load whatever the claims did.
pub async fn free_offer_seats(client: &Client, scene: &Scene, db: &Db) {
    use diesel::prelude::*;
    use onetomany::db::schema::registrations;
    let offer = scene.offer.clone();
    let ids: Vec<String> = db
        .run(move |conn| {
            registrations::table
                .filter(registrations::webinar_id.eq(&offer))
                .filter(registrations::status.eq("confirmed"))
                .select(registrations::id)
                .limit(3)
                .load(conn)
                .map_err(onetomany::db::DbError::from)
        })
        .await
        .expect("confirmed read");
    for id in ids {
        let r = client
            .post(
                &format!("/api/v1/registrations/{id}/cancel"),
                Some(&scene.csm_token),
                &json!({}),
            )
            .await;
        scene.count("cancel", r.status).await;
    }
}
