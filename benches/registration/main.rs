//! Registration throughput and latency on one webinar, SQLite and PostgreSQL
//! in one run. Per backend, on a fresh database:
//!
//! * **ceiling**: the bare transaction a registration needs at minimum,
//!   written here with diesel (not the application's `db::booking`): lock
//!   the webinar (SQLite `BEGIN IMMEDIATE`, PostgreSQL `SELECT … FOR
//!   UPDATE`), insert one `registrations` row, update the webinar's
//!   counters, commit. `BENCH_CLIENTS` threads share a pool of the
//!   application's size; on SQLite they queue for the writer turn in the
//!   process, as the application's `Db::write` does.
//! * **HTTP uncapped**: the application (in-process `Application`, real HTTP
//!   server on 127.0.0.1) under `wrk` with `benches/registration.lua`:
//!   `POST /api/v1/webinars/{id}/registrations`, a unique e-mail per request,
//!   `BENCH_CLIENTS` connections, one uncapped webinar.
//! * **HTTP capped**: the same on one webinar with capacity 20 whose waiting
//!   list is pre-filled (straight through diesel, counters kept equal to the
//!   rows) to `BENCH_WAITLIST` people before measuring; it grows during the
//!   run. The webinar's `arrivals` counter is sampled every 250 ms, so the
//!   throughput in the first and last quarter of the window can be compared.
//! * **catalog**: `GET /` (the public catalog page, one query, rendered in
//!   English) under `wrk` with the same connections, once 30 upcoming
//!   webinars fill its first page.
//!
//! The server runs with the rate limit off (`server.rate_limit_per_minute =
//! 0`) and no outbox worker (`mail.poll_interval_seconds = 0`): each
//! registration still writes its mail intent to the outbox (the mail is
//! written at delivery), nothing is delivered.
//! No tracing subscriber is installed (the binary would log each request).
//!
//! Run: `cargo bench --bench registration` (needs `wrk`: `apt-get install -y
//! wrk`; PostgreSQL at `BENCH_PG`). Knobs (environment):
//! BENCH_SECONDS (measured window per phase, default 10; 3 for a smoke run),
//! BENCH_WARMUP_SECONDS (default 2), BENCH_CLIENTS (connections and ceiling
//! threads, default 64), BENCH_WRK_THREADS (default 2),
//! BENCH_POOL_SIZE (database.pool_size, default the application's),
//! BENCH_WAITLIST (pre-filled waiting list, default 50000),
//! BENCH_PG (server URL without database, default
//! postgres://postgres@127.0.0.1:5432), BENCH_ONLY (sqlite | postgres).

use std::error::Error;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use chrono::{NaiveDateTime, SubsecRound, TimeZone as _, Utc};
use diesel::prelude::*;
use onetomany::config::{DatabaseUrl, Settings};
use onetomany::db::schema::{registrations, webinars};
use onetomany::db::{AnyConnection, Manager, new_id};
use onetomany::domain::user::NewStaffUser;
use onetomany::routes::users::create_user;
use onetomany::startup::Application;
use serde_json::{Value, json};

#[path = "../support/pg.rs"]
mod pg;
mod report;
mod store;
#[path = "../support/wrk.rs"]
mod summary;
mod wrk;

use pg::*;
use report::*;
use store::*;
use summary::*;
use wrk::*;

type BoxError = Box<dyn Error + Send + Sync>;

const HOST_EMAIL: &str = "host@example.com";
const HOST_PASSWORD: &str = "a long password here";
const CAPACITY: i32 = 20;
/// Webinars on the catalog's first page (`pages::catalog`'s page size).
const CATALOG_PAGE: u32 = 30;
const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/registration.lua");

struct Config {
    seconds: u64,
    warmup_seconds: u64,
    clients: usize,
    wrk_threads: usize,
    pool_size: u32,
    waitlist: i32,
    pg_server: String,
    only: Option<String>,
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> Result<T, BoxError> {
    match std::env::var(name) {
        Ok(v) => v
            .trim()
            .parse()
            .map_err(|_| format!("{name}={v:?} is not a valid value").into()),
        Err(_) => Ok(default),
    }
}

impl Config {
    fn from_env() -> Result<Self, BoxError> {
        let only = std::env::var("BENCH_ONLY").ok().filter(|s| !s.is_empty());
        if let Some(o) = &only
            && o != "sqlite"
            && o != "postgres"
        {
            return Err(format!("BENCH_ONLY={o:?}: use sqlite or postgres").into());
        }
        let cfg = Self {
            seconds: env_or("BENCH_SECONDS", 10)?,
            warmup_seconds: env_or("BENCH_WARMUP_SECONDS", 2)?,
            clients: env_or("BENCH_CLIENTS", 64)?,
            wrk_threads: env_or("BENCH_WRK_THREADS", 2)?,
            pool_size: env_or("BENCH_POOL_SIZE", Settings::defaults()?.database.pool_size)?,
            waitlist: env_or("BENCH_WAITLIST", 50_000)?,
            pg_server: std::env::var("BENCH_PG")
                .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into()),
            only,
        };
        if cfg.seconds == 0 || cfg.clients == 0 || cfg.wrk_threads == 0 {
            return Err("BENCH_SECONDS, BENCH_CLIENTS and BENCH_WRK_THREADS must be > 0".into());
        }
        if cfg.wrk_threads > cfg.clients {
            return Err("BENCH_WRK_THREADS must not exceed BENCH_CLIENTS (wrk refuses)".into());
        }
        Ok(cfg)
    }
}

// ---------------------------------------------------------------- wrk

/// Latencies of one closed-loop phase run in threads.
struct Stats {
    ok: usize,
    errors: usize,
    first_error: Option<String>,
    window: Duration,
    latencies: Vec<Duration>,
}

impl Stats {
    fn rps(&self) -> f64 {
        self.ok as f64 / self.window.as_secs_f64()
    }

    /// Nearest rank over every measured call, in ms.
    fn percentile_ms(&self, p: f64) -> f64 {
        if self.latencies.is_empty() {
            return f64::NAN;
        }
        let n = self.latencies.len();
        let rank = ((p / 100.0) * n as f64).ceil() as usize;
        self.latencies[rank.clamp(1, n) - 1].as_secs_f64() * 1000.0
    }
}

/// (seconds since the sampler started, arrivals, waitlist_length)
type Sample = (f64, i32, i32);

/// Reads the webinar's counters every 250 ms on its own connection until
/// `stop` is set.
fn sample(
    url: DatabaseUrl,
    webinar_id: String,
    stop: Arc<AtomicBool>,
) -> std::thread::JoinHandle<Result<Vec<Sample>, String>> {
    std::thread::spawn(move || {
        let mut conn = Manager::new(url).establish().map_err(|e| e.to_string())?;
        let start = Instant::now();
        let mut samples = Vec::new();
        loop {
            let (_, _, waiting, arrivals): Counters = webinars::table
                .find(&webinar_id)
                .select(COUNTERS)
                .first(&mut conn)
                .map_err(|e| e.to_string())?;
            samples.push((start.elapsed().as_secs_f64(), arrivals, waiting));
            if stop.load(Ordering::Relaxed) {
                return Ok(samples);
            }
            std::thread::sleep(Duration::from_millis(250));
        }
    })
}

/// Waits until the webinar's `arrivals` stops moving (no request in flight).
async fn settle(url: &DatabaseUrl, webinar_id: &str) -> Result<(), BoxError> {
    let (url, id) = (url.clone(), webinar_id.to_owned());
    tokio::task::spawn_blocking(move || -> Result<(), BoxError> {
        let mut conn = Manager::new(url).establish()?;
        let mut read = || -> QueryResult<i32> {
            webinars::table
                .find(&id)
                .select(webinars::arrivals)
                .first(&mut conn)
        };
        let mut last = read()?;
        for _ in 0..60 {
            std::thread::sleep(Duration::from_millis(500));
            let now = read()?;
            if now == last {
                return Ok(());
            }
            last = now;
        }
        Err("registrations still arriving 30 s after wrk stopped".into())
    })
    .await?
}

/// Registrations per second between the samples nearest to `from` and `to`.
fn rate_between(samples: &[Sample], from: f64, to: f64) -> Option<(f64, i32)> {
    let nearest = |t: f64| {
        samples
            .iter()
            .min_by(|a, b| (a.0 - t).abs().total_cmp(&(b.0 - t).abs()))
    };
    let (a, b) = (nearest(from)?, nearest(to)?);
    (b.0 > a.0).then(|| (f64::from(b.1 - a.1) / (b.0 - a.0), a.2))
}

// ------------------------------------------------------------- per backend

#[derive(Clone, Copy, PartialEq, Eq)]
enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    fn name(self) -> &'static str {
        match self {
            Self::Sqlite => "SQLite",
            Self::Postgres => "PostgreSQL",
        }
    }
}

/// One HTTP phase: wrk's figures, the counter samples and the checks.
struct HttpPhase {
    wrk: WrkResult,
    samples: Vec<Sample>,
    /// Registrations stored during the measured wrk run.
    stored: i64,
}

struct Outcome {
    backend: Backend,
    ceiling: Stats,
    uncapped: HttpPhase,
    capped: HttpPhase,
    catalog: WrkResult,
    checks: Vec<String>,
    workers: usize,
    prefill_seconds: f64,
}

/// Warm-up, then the measured wrk run with the counters sampled.
async fn http_phase(
    cfg: &Arc<Config>,
    url: &DatabaseUrl,
    base: &str,
    webinar_id: &str,
    tag: &str,
) -> Result<HttpPhase, BoxError> {
    let target = format!("{base}/api/v1/webinars/{webinar_id}/registrations");
    if cfg.warmup_seconds > 0 {
        let (c, t, tg) = (Arc::clone(cfg), target.clone(), format!("{tag}w"));
        let warm =
            tokio::task::spawn_blocking(move || run_wrk(&c, &t, &tg, c.warmup_seconds)).await??;
        if warm.non_2xx + warm.socket_errors > 0 {
            eprintln!(
                "warning: warm-up of {tag}: {} non-2xx, {} socket errors",
                warm.non_2xx, warm.socket_errors
            );
        }
    }
    // Requests still in flight when the warm-up stopped finish first.
    settle(url, webinar_id).await?;
    let stop = Arc::new(AtomicBool::new(false));
    let sampler = sample(url.clone(), webinar_id.to_owned(), Arc::clone(&stop));
    // Let the sampler take its first reading before the load starts.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (c, t, tg) = (Arc::clone(cfg), target.clone(), format!("{tag}m"));
    let wrk = tokio::task::spawn_blocking(move || run_wrk(&c, &t, &tg, c.seconds)).await??;
    // wrk does not wait for the answers in flight when it stops; the server
    // still stores those registrations.
    settle(url, webinar_id).await?;
    stop.store(true, Ordering::Relaxed);
    let mut samples = tokio::task::spawn_blocking(move || sampler.join())
        .await?
        .map_err(|_| "sampler panicked")??;
    // Times from the start of the wrk run.
    let offset = samples.first().map_or(0.0, |s| s.0) + 0.3;
    for s in &mut samples {
        s.0 -= offset;
    }
    let stored = match (samples.first(), samples.last()) {
        (Some(a), Some(b)) => i64::from(b.1 - a.1),
        _ => 0,
    };
    Ok(HttpPhase {
        wrk,
        samples,
        stored,
    })
}

/// The catalog page `/` under plain GETs, once a full page of webinars
/// exists (the three of the registration phases and more upcoming ones).
async fn catalog_phase(
    cfg: &Arc<Config>,
    client: &reqwest::Client,
    base: &str,
    token: &str,
) -> Result<WrkResult, BoxError> {
    for day in 3..i64::from(CATALOG_PAGE) {
        create_webinar(client, base, token, day, None).await?;
    }
    let target = format!("{base}/");
    let page = client.get(&target).send().await?.text().await?;
    let shown = page.matches("Bench ").count();
    if shown != CATALOG_PAGE as usize {
        return Err(format!("the catalog shows {shown} webinars, expected {CATALOG_PAGE}").into());
    }
    if cfg.warmup_seconds > 0 {
        let (c, t) = (Arc::clone(cfg), target.clone());
        tokio::task::spawn_blocking(move || run_wrk_get(&c, &t, c.warmup_seconds)).await??;
    }
    let c = Arc::clone(cfg);
    tokio::task::spawn_blocking(move || run_wrk_get(&c, &target, c.seconds)).await?
}

async fn bench_backend(backend: Backend, cfg: &Arc<Config>) -> Result<Outcome, BoxError> {
    let work = tempfile::tempdir()?;
    let pg = match backend {
        Backend::Postgres => Some(PgDatabase::create(&cfg.pg_server)?),
        Backend::Sqlite => None,
    };
    let mut s = Settings::defaults()?;
    s.server.port = 0;
    s.server.rate_limit_per_minute = 0;
    s.server.shutdown_timeout_seconds = 1;
    s.mail.poll_interval_seconds = 0;
    s.mail.dir = work.path().join("mail");
    s.database.pool_size = cfg.pool_size;
    s.database.url = match &pg {
        Some(pg) => DatabaseUrl::Postgres(pg.url()),
        None => DatabaseUrl::Sqlite(work.path().join("bench.db")),
    };
    let url = s.database.url.clone();
    let workers = match s.server.workers {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };

    let app = Application::build(s).await?;
    let port = app.port();
    let db = app.db().clone();
    let handle = app.handle();
    let server = tokio::spawn(app.run_until_stopped());
    let base = format!("http://127.0.0.1:{port}");

    let result = async {
        create_user(
            &db,
            NewStaffUser::parse(
                HOST_EMAIL,
                "Host",
                "csm",
                Some("Europe/Berlin"),
                HOST_PASSWORD,
            )?,
        )
        .await?;
        let client = reqwest::Client::new();
        let token = login(&client, &base).await?;
        let bare_id = create_webinar(&client, &base, &token, 0, None).await?;
        let uncapped_id = create_webinar(&client, &base, &token, 1, None).await?;
        let capped_id = create_webinar(&client, &base, &token, 2, Some(CAPACITY)).await?;

        // The waiting list first, so that every phase runs on a table of the
        // same size order.
        let started = Instant::now();
        {
            let (url, id, n) = (url.clone(), capped_id.clone(), cfg.waitlist);
            tokio::task::spawn_blocking(move || prefill(&url, &id, n)).await??;
        }
        let prefill_seconds = started.elapsed().as_secs_f64();
        let shown = get_webinar(&client, &base, &capped_id).await?;
        if shown["waitlist_length"] != json!(cfg.waitlist)
            || shown["seats_taken"] != json!(CAPACITY)
        {
            return Err(format!("the pre-filled webinar reads back as {shown}").into());
        }

        let ceiling = {
            let (cfg, url, id) = (Arc::clone(cfg), url.clone(), bare_id.clone());
            tokio::task::spawn_blocking(move || ceiling(&cfg, &url, &id)).await??
        };
        let uncapped = http_phase(cfg, &url, &base, &uncapped_id, "u").await?;
        let capped = http_phase(cfg, &url, &base, &capped_id, "c").await?;
        let catalog = catalog_phase(cfg, &client, &base, &token).await?;

        let checks = {
            let url = url.clone();
            let ids = [bare_id, uncapped_id, capped_id];
            tokio::task::spawn_blocking(move || -> Result<Vec<String>, BoxError> {
                let mut conn = Manager::new(url).establish()?;
                ids.iter()
                    .zip(["ceiling", "uncapped", "capped"])
                    .map(|(id, name)| Ok(format!("{name} webinar {}", consistent(&mut conn, id)?)))
                    .collect()
            })
            .await??
        };
        Ok::<_, BoxError>(Outcome {
            backend,
            ceiling,
            uncapped,
            capped,
            catalog,
            checks,
            workers,
            prefill_seconds,
        })
    }
    .await;

    handle.stop(true).await;
    let _ = server.await;
    drop(db);
    drop(pg);
    result
}

async fn login(client: &reqwest::Client, base: &str) -> Result<String, BoxError> {
    let response = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({"email": HOST_EMAIL, "password": HOST_PASSWORD}))
        .send()
        .await?;
    let status = response.status();
    let body: Value = response.json().await?;
    body["token"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| format!("login failed: HTTP {status}: {body}").into())
}

async fn create_webinar(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    day: i64,
    capacity: Option<i32>,
) -> Result<String, BoxError> {
    let starts_at = Utc
        .with_ymd_and_hms(2031, 1, 1, 10, 0, 0)
        .single()
        .ok_or("bad base date")?
        + chrono::Duration::days(day);
    let mut body = json!({
        "kind": "regular",
        "title": format!("Bench {day}"),
        "starts_at": starts_at.to_rfc3339(),
        "duration_minutes": 60,
        "timezone": "UTC",
    });
    if let Some(c) = capacity {
        body["capacity"] = c.into();
    }
    let response = client
        .post(format!("{base}/api/v1/webinars"))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await?;
    let status = response.status();
    let body: Value = response.json().await?;
    if status != reqwest::StatusCode::CREATED {
        return Err(format!("creating a webinar: HTTP {status}: {body}").into());
    }
    body["id"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| format!("no id in {body}").into())
}

async fn get_webinar(client: &reqwest::Client, base: &str, id: &str) -> Result<Value, BoxError> {
    Ok(client
        .get(format!("{base}/api/v1/webinars/{id}"))
        .send()
        .await?
        .json()
        .await?)
}

fn main() -> Result<(), BoxError> {
    // `cargo bench` passes `--bench`; nothing else to parse.
    let cfg = Arc::new(Config::from_env()?);
    check_wrk()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let backends: Vec<Backend> = match cfg.only.as_deref() {
            Some("sqlite") => vec![Backend::Sqlite],
            Some("postgres") => vec![Backend::Postgres],
            _ => vec![Backend::Sqlite, Backend::Postgres],
        };
        if backends.contains(&Backend::Postgres) {
            // Fail before doing any work if the server is not there.
            admin_connection(&cfg.pg_server)?;
        }
        println!("registration benchmark: {}", machine());
        println!(
            "server: in-process Application, rate limit off, outbox worker off \
             (mail intents written to the outbox, not delivered), no log output; \
             load: wrk -t {} -c {} --latency -s benches/registration.lua",
            cfg.wrk_threads, cfg.clients
        );
        let mut loud = false;
        for backend in backends {
            let outcome = bench_backend(backend, &cfg).await?;
            loud |= report(&outcome, &cfg);
        }
        if loud {
            return Err("errors, non-2xx answers or inconsistent counters (see above)".into());
        }
        Ok(())
    })
}
