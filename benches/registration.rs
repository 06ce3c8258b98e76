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

type BoxError = Box<dyn Error + Send + Sync>;

const HOST_EMAIL: &str = "host@example.com";
const HOST_PASSWORD: &str = "a long password here";
const CAPACITY: i32 = 20;
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

/// What wrk printed, parsed.
#[derive(Debug, Default)]
struct WrkResult {
    requests: u64,
    seconds: f64,
    rps: f64,
    p50_ms: f64,
    p99_ms: f64,
    non_2xx: u64,
    socket_errors: u64,
}

impl WrkResult {
    fn ok(&self) -> u64 {
        self.requests.saturating_sub(self.non_2xx)
    }
}

fn check_wrk() -> Result<(), BoxError> {
    match Command::new("wrk").arg("--version").output() {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(
            "this benchmark drives the server with wrk, which is not installed: \
             run `apt-get install -y wrk` (Debian/Ubuntu) and start it again"
                .into(),
        ),
        Err(e) => Err(format!("could not run wrk: {e}").into()),
    }
}

/// Milliseconds from wrk's "1.23ms" / "850.00us" / "1.02s" / "1.50m".
fn parse_duration_ms(s: &str) -> Option<f64> {
    let s = s.trim();
    let (number, factor) = if let Some(n) = s.strip_suffix("us") {
        (n, 0.001)
    } else if let Some(n) = s.strip_suffix("ms") {
        (n, 1.0)
    } else if let Some(n) = s.strip_suffix('s') {
        (n, 1000.0)
    } else if let Some(n) = s.strip_suffix('m') {
        (n, 60_000.0)
    } else {
        return None;
    };
    number.parse::<f64>().ok().map(|n| n * factor)
}

/// Parses the summary wrk prints with `--latency`.
fn parse_wrk(out: &str) -> Result<WrkResult, BoxError> {
    let mut r = WrkResult::default();
    let (mut got_requests, mut got_p50, mut got_p99) = (false, false, false);
    for line in out.lines().map(str::trim) {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["50%", v] => {
                r.p50_ms = parse_duration_ms(v).ok_or("bad p50")?;
                got_p50 = true;
            }
            ["99%", v] => {
                r.p99_ms = parse_duration_ms(v).ok_or("bad p99")?;
                got_p99 = true;
            }
            [n, "requests", "in", d, ..] => {
                r.requests = n.parse()?;
                r.seconds =
                    parse_duration_ms(d.trim_end_matches(',')).ok_or("bad duration")? / 1000.0;
                got_requests = true;
            }
            ["Requests/sec:", v] => r.rps = v.parse()?,
            ["Non-2xx", "or", "3xx", "responses:", n] => r.non_2xx = n.parse()?,
            ["Socket", "errors:", rest @ ..] => {
                // "connect 0, read 0, write 0, timeout 0"
                r.socket_errors = rest
                    .iter()
                    .filter_map(|w| w.trim_end_matches(',').parse::<u64>().ok())
                    .sum();
            }
            _ => {}
        }
    }
    if !(got_requests && got_p50 && got_p99) {
        return Err(format!("could not read wrk's summary:\n{out}").into());
    }
    Ok(r)
}

/// Runs wrk against `url` for `seconds`; `tag` keeps e-mails unique.
fn run_wrk(cfg: &Config, url: &str, tag: &str, seconds: u64) -> Result<WrkResult, BoxError> {
    let output = Command::new("wrk")
        .args([
            "-t",
            &cfg.wrk_threads.to_string(),
            "-c",
            &cfg.clients.to_string(),
            "-d",
            &format!("{seconds}s"),
            "--timeout",
            "10s",
            "--latency",
            "-s",
            SCRIPT,
            url,
            "--",
            tag,
        ])
        .output()?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(format!(
            "wrk failed ({}): {stdout}{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        )
        .into());
    }
    parse_wrk(&stdout)
}

// ------------------------------------------------------- the bare transaction

/// A `registrations` row with only what the bare transaction fills in.
#[derive(Insertable)]
#[diesel(table_name = registrations)]
struct BareRow<'a> {
    id: String,
    webinar_id: &'a str,
    email: String,
    name: &'a str,
    timezone: &'a str,
    locale: &'a str,
    questions: &'a str,
    marketing_consent: bool,
    status: &'a str,
    arrival: i32,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

/// (capacity, seats_taken, waitlist_length, arrivals)
type Counters = (Option<i32>, i32, i32, i32);

fn now() -> NaiveDateTime {
    Utc::now().trunc_subsecs(6).naive_utc()
}

/// The row to insert and the counters after it, from the counters read
/// under the lock.
fn place<'a>(webinar_id: &'a str, email: String, c: Counters) -> (BareRow<'a>, Counters) {
    let (capacity, mut seats, mut waiting, arrivals) = c;
    let status = if capacity.is_none_or(|cap| seats < cap) {
        seats += 1;
        "confirmed"
    } else {
        waiting += 1;
        "waitlisted"
    };
    let at = now();
    let row = BareRow {
        id: new_id(),
        webinar_id,
        email,
        name: "Bench Person",
        timezone: "UTC",
        locale: "en",
        questions: "[]",
        marketing_consent: false,
        status,
        arrival: arrivals + 1,
        created_at: at,
        updated_at: at,
    };
    (row, (capacity, seats, waiting, arrivals + 1))
}

const COUNTERS: (
    webinars::capacity,
    webinars::seats_taken,
    webinars::waitlist_length,
    webinars::arrivals,
) = (
    webinars::capacity,
    webinars::seats_taken,
    webinars::waitlist_length,
    webinars::arrivals,
);

fn bare_sqlite(c: &mut SqliteConnection, webinar_id: &str, email: String) -> QueryResult<()> {
    // BEGIN IMMEDIATE takes the database's write lock before the first read.
    c.immediate_transaction(|c| {
        let counters: Counters = webinars::table.find(webinar_id).select(COUNTERS).first(c)?;
        let (row, (_, seats, waiting, arrivals)) = place(webinar_id, email, counters);
        diesel::insert_into(registrations::table)
            .values(&row)
            .execute(c)?;
        diesel::update(webinars::table.find(webinar_id))
            .set((
                webinars::seats_taken.eq(seats),
                webinars::waitlist_length.eq(waiting),
                webinars::arrivals.eq(arrivals),
                webinars::updated_at.eq(row.updated_at),
            ))
            .execute(c)?;
        Ok(())
    })
}

fn bare_postgres(c: &mut PgConnection, webinar_id: &str, email: String) -> QueryResult<()> {
    c.transaction(|c| {
        let counters: Counters = webinars::table
            .find(webinar_id)
            .select(COUNTERS)
            .for_update()
            .first(c)?;
        let (row, (_, seats, waiting, arrivals)) = place(webinar_id, email, counters);
        diesel::insert_into(registrations::table)
            .values(&row)
            .execute(c)?;
        diesel::update(webinars::table.find(webinar_id))
            .set((
                webinars::seats_taken.eq(seats),
                webinars::waitlist_length.eq(waiting),
                webinars::arrivals.eq(arrivals),
                webinars::updated_at.eq(row.updated_at),
            ))
            .execute(c)?;
        Ok(())
    })
}

fn bare_register(conn: &mut AnyConnection, webinar_id: &str, email: String) -> QueryResult<()> {
    match conn {
        AnyConnection::Sqlite(c) => bare_sqlite(c, webinar_id, email),
        AnyConnection::Postgresql(c) => bare_postgres(c, webinar_id, email),
    }
}

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

/// `clients` threads loop the bare transaction on `webinar_id` through a
/// pool of `pool_size`; calls that start inside the window are measured.
fn ceiling(cfg: &Config, url: &DatabaseUrl, webinar_id: &str) -> Result<Stats, BoxError> {
    let pool = r2d2::Pool::builder()
        .max_size(cfg.pool_size)
        .connection_timeout(Duration::from_secs(30))
        .build(Manager::new(url.clone()))?;
    let sqlite = matches!(url, DatabaseUrl::Sqlite(_));
    // The application's Db::write queues SQLite writers in the process too,
    // in the same fair lock.
    let writer = parking_lot::FairMutex::new(());
    let seq = AtomicU64::new(0);
    let measure_from = Instant::now() + Duration::from_secs(cfg.warmup_seconds);
    let window = Duration::from_secs(cfg.seconds);
    let end = measure_from + window;
    let logs: Vec<(usize, Vec<Duration>, Option<String>)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..cfg.clients)
            .map(|_| {
                s.spawn(|| {
                    let (mut errors, mut latencies, mut first_error) = (0, Vec::new(), None);
                    loop {
                        let started = Instant::now();
                        if started >= end {
                            break;
                        }
                        let n = seq.fetch_add(1, Ordering::Relaxed);
                        let result = (|| -> Result<(), BoxError> {
                            let _turn = sqlite.then(|| writer.lock());
                            let mut conn = pool.get()?;
                            bare_register(&mut conn, webinar_id, format!("bare-{n}@example.com"))?;
                            Ok(())
                        })();
                        if started < measure_from {
                            continue;
                        }
                        latencies.push(started.elapsed());
                        if let Err(e) = result {
                            errors += 1;
                            first_error.get_or_insert_with(|| e.to_string());
                        }
                    }
                    (errors, latencies, first_error)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| (1, Vec::new(), Some("panic".into())))
            })
            .collect()
    });
    let mut stats = Stats {
        ok: 0,
        errors: 0,
        first_error: None,
        window,
        latencies: Vec::new(),
    };
    for (errors, latencies, first_error) in logs {
        stats.errors += errors;
        stats.ok += latencies.len() - errors.min(latencies.len());
        stats.latencies.extend(latencies);
        if stats.first_error.is_none() {
            stats.first_error = first_error;
        }
    }
    stats.latencies.sort_unstable();
    Ok(stats)
}

// --------------------------------------------------------------- pre-fill

/// Puts `CAPACITY` confirmed people and `waitlist` waiting ones on the
/// capped webinar, with its counters equal to the rows.
fn prefill(url: &DatabaseUrl, webinar_id: &str, waitlist: i32) -> Result<(), BoxError> {
    let mut conn = Manager::new(url.clone()).establish()?;
    let total = CAPACITY + waitlist;
    let at = now();
    let rows: Vec<BareRow> = (1..=total)
        .map(|arrival| BareRow {
            id: new_id(),
            webinar_id,
            email: format!("prefill-{arrival}@example.com"),
            name: "Bench Person",
            timezone: "UTC",
            locale: "en",
            questions: "[]",
            marketing_consent: false,
            status: if arrival <= CAPACITY {
                "confirmed"
            } else {
                "waitlisted"
            },
            arrival,
            created_at: at,
            updated_at: at,
        })
        .collect();
    let counters = (
        webinars::seats_taken.eq(CAPACITY),
        webinars::waitlist_length.eq(waitlist),
        webinars::arrivals.eq(total),
    );
    // 12 columns a row: 1 000 rows stay under both backends' bind limits.
    match &mut conn {
        AnyConnection::Sqlite(c) => c.immediate_transaction(|c| {
            for chunk in rows.chunks(1000) {
                diesel::insert_into(registrations::table)
                    .values(chunk)
                    .execute(c)?;
            }
            diesel::update(webinars::table.find(webinar_id))
                .set(counters)
                .execute(c)
        })?,
        AnyConnection::Postgresql(c) => c.transaction(|c| {
            for chunk in rows.chunks(1000) {
                diesel::insert_into(registrations::table)
                    .values(chunk)
                    .execute(c)?;
            }
            diesel::update(webinars::table.find(webinar_id))
                .set(counters)
                .execute(c)
        })?,
    };
    Ok(())
}

/// Whether the webinar's counters equal its rows.
fn consistent(conn: &mut AnyConnection, webinar_id: &str) -> Result<String, BoxError> {
    let (_, seats, waiting, arrivals): Counters = webinars::table
        .find(webinar_id)
        .select(COUNTERS)
        .first(conn)?;
    let count = |conn: &mut AnyConnection, status: &str| -> QueryResult<i64> {
        registrations::table
            .filter(registrations::webinar_id.eq(webinar_id))
            .filter(registrations::status.eq(status))
            .count()
            .get_result(conn)
    };
    let confirmed = count(conn, "confirmed")?;
    let waitlisted = count(conn, "waitlisted")?;
    let all: i64 = registrations::table
        .filter(registrations::webinar_id.eq(webinar_id))
        .count()
        .get_result(conn)?;
    let ok = i64::from(seats) == confirmed
        && i64::from(waiting) == waitlisted
        && i64::from(arrivals) == all;
    Ok(format!(
        "{}: seats_taken {seats}/{confirmed} rows, waitlist_length {waiting}/{waitlisted} rows, \
         arrivals {arrivals}/{all} rows",
        if ok { "consistent" } else { "INCONSISTENT" }
    ))
}

// ---------------------------------------------------------------- sampler

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

/// A PostgreSQL database for this run: created here, dropped on drop.
struct PgDatabase {
    server: String,
    name: String,
}

fn admin_connection(server: &str) -> Result<PgConnection, BoxError> {
    let url = format!("{server}/postgres");
    PgConnection::establish(&url).map_err(|e| {
        format!("PostgreSQL must be reachable at {url} for this benchmark (it does not skip): {e}")
            .into()
    })
}

impl PgDatabase {
    fn create(server: &str) -> Result<Self, BoxError> {
        let name = format!("b_{}", uuid::Uuid::new_v4().simple());
        let mut admin = admin_connection(server)?;
        diesel::sql_query(format!("CREATE DATABASE {name}")).execute(&mut admin)?;
        Ok(Self {
            server: server.to_owned(),
            name,
        })
    }

    fn url(&self) -> String {
        format!("{}/{}", self.server, self.name)
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let dropped = admin_connection(&self.server).and_then(|mut admin| {
            diesel::sql_query(format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ))
            .execute(&mut admin)
            .map_err(BoxError::from)
        });
        if let Err(e) = dropped {
            eprintln!("warning: could not drop database {}: {e}", self.name);
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

// ----------------------------------------------------------------- report

fn verdict(ok: bool) -> &'static str {
    if ok { "PASS" } else { "FAIL" }
}

/// Per-backend targets: (req/s, p99 ms).
fn targets(backend: Backend) -> (f64, f64) {
    match backend {
        Backend::Sqlite => (6000.0, 25.0),
        Backend::Postgres => (2000.0, 50.0),
    }
}

/// Prints the backend's table and checks; returns whether anything failed
/// loudly (errors, non-2xx, inconsistent counters).
fn report(o: &Outcome, cfg: &Config) -> bool {
    let name = o.backend.name();
    let (min_rps, max_p99) = targets(o.backend);
    let ratio_http = o.uncapped.wrk.rps / o.ceiling.rps();
    let ratio_capped = o.capped.wrk.rps / o.uncapped.wrk.rps;
    println!();
    println!(
        "### {name}: {} clients, {} s measured after {} s warm-up, pool_size {}, {} HTTP workers",
        cfg.clients, cfg.seconds, cfg.warmup_seconds, cfg.pool_size, o.workers
    );
    println!();
    println!("| phase | req/s | p50 ms | p99 ms | errors / non-2xx | ratio |");
    println!("|---|---:|---:|---:|---:|---|");
    let c = &o.ceiling;
    println!(
        "| ceiling: bare transaction through diesel | {:.0} | {:.2} | {:.2} | {} | |",
        c.rps(),
        c.percentile_ms(50.0),
        c.percentile_ms(99.0),
        c.errors
    );
    for (phase, p, ratio) in [
        (
            "HTTP, uncapped webinar".to_owned(),
            &o.uncapped,
            format!("HTTP/ceiling {ratio_http:.2}"),
        ),
        (
            format!(
                "HTTP, capacity {CAPACITY}, waiting list {} → {}",
                p_first_waiting(&o.capped),
                p_last_waiting(&o.capped)
            ),
            &o.capped,
            format!("capped/uncapped {ratio_capped:.2}"),
        ),
    ] {
        println!(
            "| {phase} | {:.0} | {:.2} | {:.2} | {} | {ratio} |",
            p.wrk.rps,
            p.wrk.p50_ms,
            p.wrk.p99_ms,
            p.wrk.non_2xx + p.wrk.socket_errors
        );
    }
    println!();
    let s = cfg.seconds as f64;
    for (label, p) in [("uncapped", &o.uncapped), ("capped", &o.capped)] {
        let first = rate_between(&p.samples, 0.0, s / 4.0);
        let last = rate_between(&p.samples, 3.0 * s / 4.0, s);
        if let (Some((a, wa)), Some((b, wb))) = (first, last) {
            println!(
                "- {label}: {a:.0}/s in the first quarter of the window (waiting list {wa}), \
                 {b:.0}/s in the last (waiting list {wb}): end/start {:.2}",
                b / a
            );
        }
    }
    let http_p99 = o.uncapped.wrk.p99_ms.max(o.capped.wrk.p99_ms);
    println!(
        "- target HTTP >= 0.5 x ceiling: {} ({ratio_http:.2})",
        verdict(ratio_http >= 0.5)
    );
    println!(
        "- target HTTP >= {min_rps:.0}/s: {} ({:.0}/s uncapped, {:.0}/s capped)",
        verdict(o.uncapped.wrk.rps.min(o.capped.wrk.rps) >= min_rps),
        o.uncapped.wrk.rps,
        o.capped.wrk.rps
    );
    println!(
        "- target capped >= 0.8 x uncapped: {} ({ratio_capped:.2})",
        verdict(ratio_capped >= 0.8)
    );
    println!(
        "- target HTTP p99 < {max_p99:.0} ms: {} ({http_p99:.2} ms, worse of the two)",
        verdict(http_p99 < max_p99)
    );
    println!(
        "- pre-fill: {CAPACITY} confirmed + {} waiting inserted in {:.1} s",
        cfg.waitlist, o.prefill_seconds
    );
    let mut loud = false;
    if c.errors > 0 {
        loud = true;
        println!(
            "- !!! ceiling: {} FAILED transactions, first: {}",
            c.errors,
            c.first_error.as_deref().unwrap_or("?")
        );
    }
    for (label, p) in [("uncapped", &o.uncapped), ("capped", &o.capped)] {
        let w = &p.wrk;
        if w.non_2xx + w.socket_errors > 0 {
            loud = true;
            println!(
                "- !!! {label}: {} NON-2XX ANSWERS and {} socket errors out of {} requests",
                w.non_2xx, w.socket_errors, w.requests
            );
        }
        // wrk does not count answers still in flight when it stops.
        let in_range =
            p.stored >= w.ok() as i64 && p.stored <= (w.ok() + cfg.clients as u64) as i64;
        loud |= !in_range;
        println!(
            "- {label}: {} registrations stored during the run, wrk counted {} 2xx: {}",
            p.stored,
            w.ok(),
            if in_range {
                "match (up to the requests in flight at the end)"
            } else {
                "MISMATCH"
            }
        );
    }
    for check in &o.checks {
        loud |= check.contains("INCONSISTENT");
        println!("- {check}");
    }
    loud
}

fn p_first_waiting(p: &HttpPhase) -> i32 {
    p.samples.first().map_or(0, |s| s.2)
}

fn p_last_waiting(p: &HttpPhase) -> i32 {
    p.samples.last().map_or(0, |s| s.2)
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    format!(
        "{} CPUs ({cpu}); wrk, the server and the database share them",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    )
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
