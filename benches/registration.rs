//! Registration throughput and latency, SQLite and PostgreSQL, in one run.
//!
//! For each backend the real application is started in-process on a fresh
//! database, 50 webinars are created over the API, and then:
//!
//! * **HTTP**: `CLIENTS` concurrent clients (tokio tasks sharing one
//!   `reqwest::Client`) each loop `POST /api/v1/webinars/{id}/registrations`
//!   with a unique e-mail, round-robin over the 50 webinars;
//! * **direct**: the same number of tasks each loop the same transaction
//!   (`db::booking::register` inside `Db::write`) with the application's own
//!   `Db` and `Composer`, no HTTP: the ceiling for the HTTP figure.
//!
//! Each phase runs a warm-up (not recorded) and then a measured window.
//! Requests that *start* inside the window are counted; req/s = count /
//! window. Latency is per request, client side; percentiles by nearest rank.
//!
//! Run: `cargo bench --bench registration`
//! Knobs (environment): BENCH_SECONDS (measured window per phase, default 10),
//! BENCH_WARMUP_SECONDS (default 2), BENCH_CLIENTS (default 64),
//! BENCH_POOL_SIZE (database.pool_size, default 16), BENCH_PG (server URL
//! without database, default postgres://postgres@127.0.0.1:5432),
//! BENCH_ONLY (sqlite | postgres, default both).

use std::collections::BTreeMap;
use std::error::Error;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{TimeZone as _, Utc};
use diesel::{Connection, ExpressionMethods, PgConnection, QueryDsl, RunQueryDsl};
use onetomany::config::{DatabaseUrl, Settings};
use onetomany::db::{DbError, booking, clock};
use onetomany::domain::locale::Locale;
use onetomany::domain::registration::{NewRegistration, RegistrationRequest};
use onetomany::domain::timezone::TimeZone;
use onetomany::domain::user::NewStaffUser;
use onetomany::routes::users::create_user;
use onetomany::startup::Application;
use serde_json::{Value, json};

type BoxError = Box<dyn Error + Send + Sync>;

const WEBINARS: usize = 50;
const HOST_EMAIL: &str = "host@example.com";
const HOST_PASSWORD: &str = "a long password here";

struct Config {
    seconds: u64,
    warmup_seconds: u64,
    clients: usize,
    pool_size: u32,
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
        Ok(Self {
            seconds: env_or("BENCH_SECONDS", 10)?,
            warmup_seconds: env_or("BENCH_WARMUP_SECONDS", 2)?,
            clients: env_or("BENCH_CLIENTS", 64)?,
            pool_size: env_or("BENCH_POOL_SIZE", 16)?,
            pg_server: std::env::var("BENCH_PG")
                .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into()),
            only,
        })
    }
}

/// Latencies and error count of one phase.
struct Stats {
    ok: usize,
    errors: usize,
    window: Duration,
    latencies: Vec<Duration>,
    error_samples: BTreeMap<String, usize>,
}

impl Stats {
    fn total(&self) -> usize {
        self.ok + self.errors
    }

    fn rps(&self) -> f64 {
        self.ok as f64 / self.window.as_secs_f64()
    }

    /// Nearest-rank percentile over every measured request, in ms.
    fn percentile_ms(&self, p: f64) -> f64 {
        if self.latencies.is_empty() {
            return f64::NAN;
        }
        let n = self.latencies.len();
        let rank = ((p / 100.0) * n as f64).ceil() as usize;
        let idx = rank.clamp(1, n) - 1;
        self.latencies[idx].as_secs_f64() * 1000.0
    }
}

/// What one task records.
#[derive(Default)]
struct TaskLog {
    ok: usize,
    errors: usize,
    latencies: Vec<Duration>,
    /// Successful calls during the warm-up (for the row-count check).
    warm_ok: usize,
}

/// Runs `op` in `clients` concurrent tasks for warm-up + window. `op(n)` gets
/// a global sequence number and returns Ok(()) or an error description.
async fn load<F, Fut>(clients: usize, warmup: Duration, window: Duration, op: F) -> (Stats, usize)
where
    F: Fn(u64) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<(), String>> + Send + 'static,
{
    let seq = Arc::new(AtomicU64::new(0));
    let samples: Arc<Mutex<BTreeMap<String, usize>>> = Arc::default();
    let begin = Instant::now();
    let measure_from = begin + warmup;
    let end = measure_from + window;
    let mut tasks = Vec::with_capacity(clients);
    for _ in 0..clients {
        let (op, seq, samples) = (op.clone(), Arc::clone(&seq), Arc::clone(&samples));
        tasks.push(tokio::spawn(async move {
            let mut log = TaskLog::default();
            loop {
                let started = Instant::now();
                if started >= end {
                    break;
                }
                let n = seq.fetch_add(1, Ordering::Relaxed);
                let result = op(n).await;
                let took = started.elapsed();
                let measured = started >= measure_from;
                match result {
                    Ok(()) if measured => {
                        log.ok += 1;
                        log.latencies.push(took);
                    }
                    Ok(()) => log.warm_ok += 1,
                    Err(e) => {
                        if measured {
                            log.errors += 1;
                            log.latencies.push(took);
                        }
                        let mut s = samples.lock().unwrap_or_else(|p| p.into_inner());
                        *s.entry(e).or_default() += 1;
                    }
                }
            }
            log
        }));
    }
    let mut stats = Stats {
        ok: 0,
        errors: 0,
        window,
        latencies: Vec::new(),
        error_samples: BTreeMap::new(),
    };
    let mut warm_ok = 0;
    for t in tasks {
        let log = t.await.expect("load task panicked");
        stats.ok += log.ok;
        stats.errors += log.errors;
        warm_ok += log.warm_ok;
        stats.latencies.extend(log.latencies);
    }
    stats.latencies.sort_unstable();
    stats.error_samples = std::mem::take(&mut *samples.lock().unwrap_or_else(|p| p.into_inner()));
    (stats, warm_ok)
}

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
    let url = format!("{server}/test");
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

/// The figures of one backend.
struct Outcome {
    backend: Backend,
    http: Stats,
    direct: Stats,
    rows_expected: usize,
    rows_found: i64,
    workers: usize,
}

async fn bench_backend(backend: Backend, cfg: &Config) -> Result<Outcome, BoxError> {
    let work = tempfile::tempdir()?;
    // Declared after `work` so it is dropped first; dropped after the server stops.
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

        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(cfg.clients * 2)
            .build()?;
        let token = login(&client, &base).await?;
        let webinars = Arc::new(create_webinars(&client, &base, &token).await?);

        let warmup = Duration::from_secs(cfg.warmup_seconds);
        let window = Duration::from_secs(cfg.seconds);

        // a) Over HTTP.
        let http_op = {
            let (client, base, webinars) = (client.clone(), base.clone(), Arc::clone(&webinars));
            move |n: u64| {
                let url = format!(
                    "{base}/api/v1/webinars/{}/registrations",
                    webinars[n as usize % WEBINARS]
                );
                let request = client.post(url).json(
                    &json!({"email": format!("http-{n}@example.com"), "name": "Bench Person"}),
                );
                async move {
                    let response = request.send().await.map_err(|e| format!("send: {e}"))?;
                    let status = response.status();
                    if status == reqwest::StatusCode::CREATED {
                        // Read the body: the request is only done when it is in.
                        response.bytes().await.map_err(|e| format!("body: {e}"))?;
                        Ok(())
                    } else {
                        let body = response.text().await.unwrap_or_default();
                        Err(format!("HTTP {status}: {}", truncate(&body, 200)))
                    }
                }
            }
        };
        let (http, http_warm) = load(cfg.clients, warmup, window, http_op).await;

        // b) The same transaction straight through diesel.
        let direct_op = {
            let (db, webinars) = (db.clone(), Arc::clone(&webinars));
            move |n: u64| {
                let db = db.clone();
                let webinar_id = webinars[n as usize % WEBINARS].clone();
                async move {
                    let new = NewRegistration::parse(
                        &RegistrationRequest {
                            email: format!("direct-{n}@example.com"),
                            name: "Bench Person".into(),
                            company: None,
                            timezone: None,
                            locale: None,
                            situation: None,
                            questions: vec![],
                            marketing_consent: false,
                        },
                        TimeZone(chrono_tz::UTC),
                        Locale::En,
                    )
                    .map_err(|e| format!("parse: {e}"))?;
                    let booked = db
                        .write(move |conn| booking::register(conn, &webinar_id, &new, clock))
                        .await
                        .map_err(|e| format!("register: {e}"))?;
                    if booked.already_registered {
                        return Err("already registered".into());
                    }
                    Ok(())
                }
            }
        };
        let (direct, direct_warm) = load(cfg.clients, warmup, window, direct_op).await;

        // Sanity check: every success is one stored registration.
        let rows_found: i64 = db
            .run(|conn| {
                use onetomany::db::schema::registrations::dsl::*;
                Ok::<_, DbError>(
                    registrations
                        .filter(status.ne("cancelled"))
                        .count()
                        .get_result(conn)?,
                )
            })
            .await?;
        let rows_expected = http.ok + http_warm + direct.ok + direct_warm;
        Ok::<_, BoxError>(Outcome {
            backend,
            http,
            direct,
            rows_expected,
            rows_found,
            workers,
        })
    }
    .await;

    handle.stop(true).await;
    let _ = server.await;
    drop(db);
    drop(pg);
    result
}

fn truncate(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((i, _)) => &s[..i],
        None => s,
    }
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

async fn create_webinars(
    client: &reqwest::Client,
    base: &str,
    token: &str,
) -> Result<Vec<String>, BoxError> {
    let first = Utc
        .with_ymd_and_hms(2031, 1, 1, 10, 0, 0)
        .single()
        .ok_or("bad base date")?;
    let mut ids = Vec::with_capacity(WEBINARS);
    for i in 0..WEBINARS {
        let starts_at = first + chrono::Duration::days(i as i64);
        let response = client
            .post(format!("{base}/api/v1/webinars"))
            .bearer_auth(token)
            .json(&json!({
                "kind": "regular",
                "title": format!("Bench {i}"),
                "starts_at": starts_at.to_rfc3339(),
                "duration_minutes": 60,
                "timezone": "UTC",
            }))
            .send()
            .await?;
        let status = response.status();
        let body: Value = response.json().await?;
        if status != reqwest::StatusCode::CREATED {
            return Err(format!("creating webinar {i}: HTTP {status}: {body}").into());
        }
        ids.push(
            body["id"]
                .as_str()
                .ok_or_else(|| format!("no id in {body}"))?
                .to_owned(),
        );
    }
    Ok(ids)
}

fn verdict(ok: bool) -> &'static str {
    if ok { "PASS" } else { "FAIL" }
}

fn report(o: &Outcome, cfg: &Config) {
    println!();
    println!(
        "### {} — {} clients, {} s measured after {} s warm-up, pool_size {}, {} HTTP workers",
        o.backend.name(),
        cfg.clients,
        cfg.seconds,
        cfg.warmup_seconds,
        cfg.pool_size,
        o.workers
    );
    println!();
    println!("| path | req/s | p50 ms | p99 ms | errors | requests |");
    println!("|---|---:|---:|---:|---:|---:|");
    for (name, s) in [("HTTP", &o.http), ("direct", &o.direct)] {
        println!(
            "| {name} | {:.0} | {:.2} | {:.2} | {} | {} |",
            s.rps(),
            s.percentile_ms(50.0),
            s.percentile_ms(99.0),
            s.errors,
            s.total()
        );
    }
    let ratio = o.http.rps() / o.direct.rps();
    println!();
    println!("HTTP/direct throughput: {ratio:.2}");
    println!(
        "- target HTTP >= 0.5 x direct: {} ({ratio:.2})",
        verdict(ratio >= 0.5)
    );
    if o.backend == Backend::Postgres {
        let p99 = o.http.percentile_ms(99.0);
        println!(
            "- target HTTP p99 < 25 ms at {} clients: {} ({p99:.2} ms)",
            cfg.clients,
            verdict(p99 < 25.0)
        );
    }
    let errors_ok = o.http.errors == 0 && o.direct.errors == 0;
    println!(
        "- errors: {}",
        if errors_ok {
            "none"
        } else {
            "SOME (see below)"
        }
    );
    println!(
        "- stored registrations {} / successful calls {}: {}",
        o.rows_found,
        o.rows_expected,
        if o.rows_found == o.rows_expected as i64 {
            "match"
        } else {
            "MISMATCH"
        }
    );
    for (name, s) in [("HTTP", &o.http), ("direct", &o.direct)] {
        for (e, n) in s.error_samples.iter().take(5) {
            println!("  {name} error x{n}: {e}");
        }
    }
}

fn main() -> Result<(), BoxError> {
    // `cargo bench` passes `--bench`; nothing else to parse.
    let cfg = Config::from_env()?;
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
        println!(
            "registration benchmark: {} CPUs, {} clients, {} webinars, BENCH_SECONDS={}",
            std::thread::available_parallelism().map_or(0, |n| n.get()),
            cfg.clients,
            WEBINARS,
            cfg.seconds
        );
        let mut failed = false;
        for backend in backends {
            let outcome = bench_backend(backend, &cfg).await?;
            report(&outcome, &cfg);
            failed |= outcome.http.errors + outcome.direct.errors > 0
                || outcome.rows_found != outcome.rows_expected as i64;
        }
        if failed {
            return Err("errors during the benchmark (see above)".into());
        }
        Ok(())
    })
}
