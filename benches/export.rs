//! The attendee CSV export at scale: 1 000 000 registrations exported by the
//! release binary (SQLite, and PostgreSQL unless BENCH_ONLY=sqlite), while
//! the service's resident memory is sampled every 10 ms. Flat memory means
//! the peak during the export stays close to the service's size before it.
//!
//! Run: `cargo bench --bench export` (BENCH_ROWS, default 1000000;
//! BENCH_PG, default postgres://postgres@127.0.0.1:5432).

use std::io::{BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection, RunQueryDsl, SqliteConnection};

const PASSWORD: &str = "a long password for the bench";

fn rss_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        })
        .unwrap_or(0)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("port")
}

fn binary(dir: &Path, db_url: &str, port: u16) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_onetomany"));
    c.current_dir(dir)
        .env_clear()
        .env("ONETOMANY__DATABASE__URL", db_url)
        .env("ONETOMANY__SERVER__PORT", port.to_string())
        .env("ONETOMANY__MAIL__POLL_INTERVAL_SECONDS", "0")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

/// A raw HTTP/1.1 request; returns the response head and the open stream.
fn request(port: u16, head: &str, body: &str) -> BufReader<TcpStream> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(
        stream,
        "{head}\r\nHost: localhost\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .expect("send");
    BufReader::new(stream)
}

fn login(port: u16) -> String {
    let body = format!("{{\"email\":\"admin@example.com\",\"password\":\"{PASSWORD}\"}}");
    let mut reader = request(
        port,
        "POST /api/v1/auth/login HTTP/1.1\r\nContent-Type: application/json",
        &body,
    );
    let mut all = String::new();
    reader.read_to_string(&mut all).expect("read");
    let json = all.split("\r\n\r\n").nth(1).expect("body");
    let v: serde_json::Value = serde_json::from_str(json).expect("json");
    v["token"].as_str().expect("token").to_owned()
}

fn wait_ready(child: &mut Child, port: u16) {
    for _ in 0..400 {
        assert!(
            child.try_wait().ok().flatten().is_none(),
            "the service exited"
        );
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    panic!("the service did not start");
}

fn fill(db: &Fill, rows: u64) {
    let webinar_cols = "INSERT INTO webinars (id, series_id, kind, title, description, topic, host_id, starts_at, ends_at, timezone, \
        capacity, seats_taken, waitlist_length, join_url, status, sequence, created_at, updated_at)";
    let webinar_values = "SELECT 'w' || i, NULL, 'regular', 'Webinar ' || i, '', 'topic-' || (i % 7), (SELECT id FROM users LIMIT 1), \
        '2030-01-01 10:00:00', '2030-01-01 11:00:00', 'UTC', NULL, 0, 0, NULL, 'scheduled', 0, '2026-01-01 00:00:00', '2026-01-01 00:00:00'";
    let reg_cols = "INSERT INTO registrations (id, webinar_id, email, name, company, timezone, locale, situation, questions, \
        marketing_consent, status, attended, created_at, updated_at)";
    let reg_values = |id: &str, yes: &str| {
        format!(
            "SELECT 'r' || {id}, 'w' || (i % 100), 'person' || i || '@example.com', 'Person ' || i || ' Müller', \
             'Company, ' || (i % 1000), 'UTC', 'en', NULL, '[]', {yes}, 'confirmed', NULL, '2026-01-01 00:00:00', '2026-01-01 00:00:00'"
        )
    };
    match db {
        Fill::Sqlite(path) => {
            let mut c = SqliteConnection::establish(&path.to_string_lossy()).expect("sqlite");
            c.batch_execute(&format!(
                "BEGIN; {webinar_cols} WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < 99) {webinar_values} FROM s; \
                 {reg_cols} WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {rows}) {} FROM s; COMMIT;",
                reg_values("printf('%09d', i)", "1")
            ))
            .expect("filled");
        }
        Fill::Postgres(url) => {
            let mut c = PgConnection::establish(url).expect("postgres");
            c.batch_execute(&format!(
                "{webinar_cols} {webinar_values} FROM generate_series(0, 99) AS i; \
                 {reg_cols} {} FROM generate_series(1, {rows}) AS i; ANALYZE;",
                reg_values("lpad(i::text, 9, '0')", "true")
            ))
            .expect("filled");
        }
    }
}

enum Fill {
    Sqlite(std::path::PathBuf),
    Postgres(String),
}

async fn run(backend: &str, db_url: &str, target: Fill, dir: &Path, rows: u64) {
    // Schema and the admin who exports.
    let mut add = binary(dir, db_url, 0)
        .args([
            "user",
            "add",
            "--email",
            "admin@example.com",
            "--name",
            "Admin",
            "--role",
            "admin",
        ])
        .stdin(Stdio::piped())
        .spawn()
        .expect("user add");
    add.stdin
        .take()
        .expect("stdin")
        .write_all(format!("{PASSWORD}\n").as_bytes())
        .expect("pw");
    assert!(add.wait().expect("done").success());
    let t = Instant::now();
    fill(&target, rows);
    let fill_secs = t.elapsed().as_secs_f64();

    let port = free_port();
    let mut child = binary(dir, db_url, port)
        .arg("serve")
        .spawn()
        .expect("serve");
    wait_ready(&mut child, port);
    let token = login(port);
    std::thread::sleep(Duration::from_secs(1));
    let pid = child.id();
    let before = rss_kb(pid);

    let peak = Arc::new(AtomicU64::new(before));
    let running = Arc::new(AtomicBool::new(true));
    let sampler = {
        let (peak, running) = (Arc::clone(&peak), Arc::clone(&running));
        std::thread::spawn(move || {
            while running.load(Ordering::Relaxed) {
                peak.fetch_max(rss_kb(pid), Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(10));
            }
        })
    };
    let t = Instant::now();
    let response = reqwest::Client::new()
        .get(format!(
            "http://127.0.0.1:{port}/api/v1/attendees.csv?consent=all"
        ))
        .bearer_auth(&token)
        .send()
        .await
        .expect("export");
    assert!(response.status().is_success());
    let (mut newlines, mut bytes) = (0u64, 0u64);
    let mut body = response.bytes_stream();
    while let Some(chunk) = futures_util::StreamExt::next(&mut body).await {
        let chunk = chunk.expect("chunk");
        bytes += chunk.len() as u64;
        newlines += chunk.iter().filter(|b| **b == b'\n').count() as u64;
    }
    let secs = t.elapsed().as_secs_f64();
    running.store(false, Ordering::Relaxed);
    let _ = sampler.join();
    let _ = child.kill();
    let _ = child.wait();
    let exported = newlines - 1; // the header line
    assert_eq!(exported, rows, "every row exported once");
    println!(
        "| {backend} | {exported} | {:.1} s | {:.0} rows/s | {:.0} MB | {} MB | {} MB | {:.1} s |",
        secs,
        exported as f64 / secs,
        bytes as f64 / 1e6,
        before / 1024,
        peak.load(Ordering::Relaxed) / 1024,
        fill_secs
    );
}

#[tokio::main]
async fn main() {
    let rows: u64 = std::env::var("BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let only = std::env::var("BENCH_ONLY").ok();
    let pg =
        std::env::var("BENCH_PG").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into());
    println!("CSV export of {rows} registrations by the release binary (consent=all, streamed)");
    println!(
        "| backend | rows | time | rows/s | CSV size | RSS before | peak RSS during | (fill time) |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- | --- |");
    if only.as_deref() != Some("postgres") {
        let dir = tempfile::tempdir().expect("dir");
        std::fs::create_dir_all(dir.path().join("data")).expect("data dir");
        let file = dir.path().join("data/onetomany.db");
        run(
            "sqlite",
            "sqlite://data/onetomany.db",
            Fill::Sqlite(file),
            dir.path(),
            rows,
        )
        .await;
    }
    if only.as_deref() != Some("sqlite") {
        let dir = tempfile::tempdir().expect("dir");
        let name = format!("b_{}", uuid::Uuid::new_v4().simple());
        let mut admin =
            PgConnection::establish(&format!("{pg}/test")).expect("PostgreSQL must be reachable");
        diesel::sql_query(format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .expect("create");
        let url = format!("{pg}/{name}");
        run(
            "postgres",
            &url,
            Fill::Postgres(url.clone()),
            dir.path(),
            rows,
        )
        .await;
        let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .execute(&mut admin);
    }
}
