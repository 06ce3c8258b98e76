//! Free slots for 50 CSMs over 4 weeks: `GET /api/v1/office-hours/slots`
//! over HTTP, and the query behind it (`db::queue::free_slots`) alone, on
//! SQLite and PostgreSQL. Each CSM has weekday hours in one of five zones
//! and two webinars a week that take hours away.
//!
//! Run: `cargo bench --bench slots` (BENCH_RUNS, default 200 requests per
//! measurement; BENCH_PG, default postgres://postgres@127.0.0.1:5432).

use std::time::{Duration as StdDuration, Instant};

use chrono::{Duration, DurationRound};
use diesel::{Connection, PgConnection, RunQueryDsl};
use onetomany::config::{DatabaseUrl, Settings};
use onetomany::db::{availability, clock, queue};
use onetomany::domain::availability::{Availability, AvailabilityRequest, WindowDto};
use onetomany::domain::user::NewStaffUser;
use onetomany::routes::users::create_user;
use onetomany::startup::Application;

const CSMS: usize = 50;
const ZONES: [&str; 5] = [
    "Europe/Berlin",
    "America/New_York",
    "America/Sao_Paulo",
    "Asia/Tokyo",
    "Europe/Lisbon",
];
const DAYS: [&str; 5] = ["mon", "tue", "wed", "thu", "fri"];

fn percentile(sorted: &[StdDuration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i].as_secs_f64() * 1000.0
}

async fn measure(backend: &str, url: DatabaseUrl, runs: usize) {
    let dir = tempfile::tempdir().expect("dir");
    let mut s = Settings::defaults().expect("defaults");
    s.server.port = 0;
    s.server.rate_limit_per_minute = 0;
    s.mail.poll_interval_seconds = 0;
    s.mail.dir = dir.path().join("mail");
    s.database.url = url;
    let app = Application::build(s).await.expect("app");
    let (port, db) = (app.port(), app.db().clone());
    tokio::spawn(app.run_until_stopped());

    let now = clock();
    let monday = now.duration_trunc(Duration::days(1)).expect("day");
    for i in 0..CSMS {
        let user = NewStaffUser::parse(
            &format!("csm{i}@example.com"),
            &format!("CSM {i}"),
            "csm",
            Some(ZONES[i % 5]),
            "a long password here",
        )
        .expect("valid");
        let row = create_user(&db, user).await.expect("user");
        let avail = Availability::parse(&AvailabilityRequest {
            timezone: ZONES[i % 5].to_owned(),
            weekly: DAYS
                .iter()
                .map(|d| WindowDto {
                    day: (*d).into(),
                    start: "09:00".into(),
                    end: "17:00".into(),
                })
                .collect(),
            exceptions: Vec::new(),
        })
        .expect("valid");
        let id = row.id.clone();
        db.write(move |conn| availability::save(conn, &id, &avail, clock()))
            .await
            .expect("saved");
        // Two webinars a week for four weeks.
        for w in 0..8 {
            let start = monday
                + Duration::days(1 + 3 * i64::from(w))
                + Duration::hours(10 + (i % 5) as i64);
            let (host, title) = (row.id.clone(), format!("Webinar {i}-{w}"));
            db.write(move |conn| {
                use onetomany::db::webinars::{NewWebinarRow, insert_all};
                insert_all(
                    conn,
                    &[NewWebinarRow {
                        id: onetomany::db::new_id(),
                        series_id: None,
                        kind: "regular".into(),
                        title,
                        description: String::new(),
                        topic: None,
                        host_id: host,
                        starts_at: start.naive_utc(),
                        ends_at: (start + Duration::minutes(60)).naive_utc(),
                        timezone: "UTC".into(),
                        capacity: None,
                        join_url: None,
                        status: "scheduled".into(),
                        created_at: clock().naive_utc(),
                        updated_at: clock().naive_utc(),
                        waitlist_mode: "auto".into(),
                        offer_hours: 12,
                        min_attendees: None,
                        decision_hours: 24,
                        rollover: true,
                        recording_url: None,
                    }],
                )
                .map(|_| ())
            })
            .await
            .expect("webinar");
        }
    }

    let (from, to) = (now, now + Duration::days(28));
    let client = reqwest::Client::new();
    let url = format!(
        "http://127.0.0.1:{port}/api/v1/office-hours/slots?from={}&to={}",
        from.format("%Y-%m-%dT%H:%M:%SZ"),
        to.format("%Y-%m-%dT%H:%M:%SZ")
    );
    let mut http = Vec::with_capacity(runs);
    let mut count = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let body: serde_json::Value = client
            .get(&url)
            .send()
            .await
            .expect("sent")
            .json()
            .await
            .expect("json");
        http.push(t.elapsed());
        count = body["items"].as_array().map_or(0, Vec::len);
    }
    let mut direct = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        let hosts = db
            .run(move |conn| queue::free_slots(conn, from, to))
            .await
            .expect("slots");
        direct.push(t.elapsed());
        assert_eq!(hosts.len(), CSMS);
    }
    http.sort();
    direct.sort();
    println!(
        "| {backend} | HTTP GET /office-hours/slots | {:.2} | {:.2} | {count} distinct start times |",
        percentile(&http, 0.5),
        percentile(&http, 0.99)
    );
    println!(
        "| {backend} | db::queue::free_slots | {:.2} | {:.2} | |",
        percentile(&direct, 0.5),
        percentile(&direct, 0.99)
    );
}

#[tokio::main]
async fn main() {
    let runs: usize = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let pg =
        std::env::var("BENCH_PG").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into());
    println!("free slots, {CSMS} CSMs, 28 days, {runs} sequential requests each");
    println!("| backend | what | p50 ms | p99 ms | |");
    println!("| --- | --- | --- | --- | --- |");
    let dir = tempfile::tempdir().expect("dir");
    measure(
        "sqlite",
        DatabaseUrl::Sqlite(dir.path().join("slots.db")),
        runs,
    )
    .await;

    let name = format!("b_{}", uuid::Uuid::new_v4().simple());
    let mut admin =
        PgConnection::establish(&format!("{pg}/test")).expect("PostgreSQL must be reachable");
    diesel::sql_query(format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .expect("create");
    measure(
        "postgres",
        DatabaseUrl::Postgres(format!("{pg}/{name}")),
        runs,
    )
    .await;
    let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .execute(&mut admin);
}
