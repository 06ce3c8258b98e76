//! Soak: a long, moderate, mixed load on PostgreSQL with two instances of the
//! release binary, to see whether memory, database connections and latency
//! stay flat over time.
//!
//! * A fresh database on `SOAK_PG` (dropped at the end); two `onetomany
//!   serve` processes (`target/release/onetomany`, build it first with
//!   `cargo build --release`) on it with one JWT secret, their outbox
//!   workers on (mail written as .eml files, one folder per instance), the
//!   rate limit off, queue requests scheduled at once
//!   (`queue.confirm_email = false`) and no account quota. Each instance
//!   names its connections (`application_name=soak-a|soak-b` in the URL), so
//!   `pg_stat_activity` tells them apart.
//! * Set-up over HTTP: an admin and a CSM (`onetomany user add`), the CSM's
//!   weekday hours, 24 upcoming webinars (8 with 30 seats, so the waiting
//!   list moves on cancellations).
//! * Load: one `wrk` per instance with `benches/soak.lua`, restarted every
//!   `SOAK_WINDOW_SECONDS`: catalog and webinar pages, the office-hours
//!   page, webinar reads, registrations and their cancellations, queue
//!   requests and their cancellations, staff lists (registrations, queue,
//!   attendees) and a one-day attendee export. Every connection waits a
//!   random think time before each request, so the rate stays near
//!   `SOAK_RATE` instead of saturating the machine.
//! * Every window: each instance's VmRSS (read mid-window, under load), its
//!   open connections in `pg_stat_activity`, its p50/p99 (wrk's, for the
//!   window), throughput, 4xx/5xx and socket errors, plus the outbox's
//!   pending mail, the registrations stored, those still active and the
//!   queue requests waiting (the load keeps the last two level: each
//!   window's open bookings are cancelled by the next), vacuum's backlog and
//!   the autovacuum passes that finished; per route, from the instances'
//!   own /metrics, the time in the service and the requests over 25 ms.
//! * Writes the windows as CSV (`SOAK_CSV`, default benches/soak.csv) and an
//!   SVG chart (`SOAK_SVG`, default benches/soak.svg), prints first versus
//!   last 5 minutes (a third of the run if shorter), and exits non-zero if
//!   any answer was a 5xx or an instance died.
//!
//! Run: `cargo build --release && cargo bench --bench soak` (needs `wrk`:
//! `apt-get install -y wrk`). Knobs (environment): SOAK_MINUTES (default 30;
//! 1 for a smoke run), SOAK_RATE (requests per second over both instances,
//! default 200), SOAK_CONNECTIONS (per instance, default 8),
//! SOAK_WINDOW_SECONDS (default 10), SOAK_PG (server URL without database,
//! default postgres://postgres@127.0.0.1:5432), SOAK_BIN (default
//! target/release/onetomany), SOAK_CSV, SOAK_SVG; SOAK_ENV_A / SOAK_ENV_B add
//! environment variables to one instance only (`K=V` separated by spaces,
//! e.g. `SOAK_ENV_B=MALLOC_ARENA_MAX=2` to compare the allocator's arenas).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{Duration as Days, SecondsFormat, Timelike, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use serde_json::{Value, json};

#[path = "support/pg.rs"]
mod pg;
#[path = "support/process.rs"]
mod process;
#[path = "support/soak_report.rs"]
mod report;
#[path = "support/wrk.rs"]
mod summary;

use pg::{Autovacuum, PgDatabase, admin_connection};
use process::{Guard, free_port, http, status_kb};
use report::{
    BoxError, NAMES, RouteTotal, SLOW_BUCKET, Side, Window, mib, read_csv, summary, write_csv,
    write_svg,
};
use summary::{WrkResult, check_wrk, parse_wrk};

const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/soak.lua");
const PASSWORD: &str = "a long soak password";
const WEBINARS: i64 = 24;
const CAPPED_EVERY: i64 = 3;
const CAPACITY: i64 = 30;

struct Config {
    minutes: f64,
    rate: f64,
    connections: u32,
    window: u64,
    pg_server: String,
    bin: PathBuf,
    csv: PathBuf,
    svg: PathBuf,
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> Result<T, BoxError> {
    match std::env::var(name) {
        Ok(v) if !v.trim().is_empty() => v
            .trim()
            .parse()
            .map_err(|_| format!("{name}={v:?} is not a valid value").into()),
        _ => Ok(default),
    }
}

impl Config {
    fn from_env() -> Result<Self, BoxError> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let cfg = Self {
            minutes: env_or("SOAK_MINUTES", 30.0)?,
            rate: env_or("SOAK_RATE", 200.0)?,
            connections: env_or("SOAK_CONNECTIONS", 8)?,
            window: env_or("SOAK_WINDOW_SECONDS", 10)?,
            pg_server: env_or("SOAK_PG", "postgres://postgres@127.0.0.1:5432".to_owned())?,
            bin: env_or("SOAK_BIN", root.join("target/release/onetomany"))?,
            csv: env_or("SOAK_CSV", root.join("benches/soak.csv"))?,
            svg: env_or("SOAK_SVG", root.join("benches/soak.svg"))?,
        };
        if cfg.minutes <= 0.0 || cfg.rate <= 0.0 || cfg.connections == 0 || cfg.window < 2 {
            return Err("SOAK_MINUTES, SOAK_RATE, SOAK_CONNECTIONS must be > 0 and \
                 SOAK_WINDOW_SECONDS at least 2"
                .into());
        }
        if !cfg.bin.is_file() {
            return Err(format!(
                "{} not found: run `cargo build --release` first",
                cfg.bin.display()
            )
            .into());
        }
        Ok(cfg)
    }

    /// Mean think time of one connection, in ms, for the total rate.
    fn delay_ms(&self) -> f64 {
        f64::from(self.connections) * 1000.0 / (self.rate / NAMES.len() as f64)
    }
}

// ------------------------------------------------------------ instances

struct Instance {
    name: &'static str,
    port: u16,
    pid: u32,
    child: Guard,
    log: PathBuf,
    mail: PathBuf,
    /// The bookings a window leaves open, for the next window to cancel.
    carry: PathBuf,
}

/// The environment both instances share (and the CLI uses).
fn base_env(db_url: &str, secret: &str) -> Vec<(String, String)> {
    [
        ("ONETOMANY__DATABASE__URL", db_url),
        ("ONETOMANY__AUTH__JWT_SECRET", secret),
        ("ONETOMANY__SERVER__RATE_LIMIT_PER_MINUTE", "0"),
        ("ONETOMANY__SERVER__SHUTDOWN_TIMEOUT_SECONDS", "2"),
        ("ONETOMANY__MAIL__TRANSPORT", "file"),
        ("ONETOMANY__QUEUE__CONFIRM_EMAIL", "false"),
        ("ONETOMANY__QUEUE__ACCOUNT_LIMIT_DAYS", "0"),
        ("ONETOMANY__LOG__LEVEL", "warn"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}

/// The binary with only our settings: no inherited ONETOMANY* or RUST_LOG.
fn command(bin: &Path, dir: &Path, env: &[(String, String)]) -> Command {
    let mut cmd = Command::new(bin);
    cmd.current_dir(dir);
    for (key, _) in std::env::vars_os() {
        let k = key.to_string_lossy();
        if k.starts_with("ONETOMANY") || k == "RUST_LOG" {
            cmd.env_remove(&key);
        }
    }
    cmd.envs(env.iter().map(|(k, v)| (k, v)));
    cmd
}

fn start(
    cfg: &Config,
    name: &'static str,
    dir: &Path,
    db: &PgDatabase,
    secret: &str,
) -> Result<Instance, BoxError> {
    let port = free_port()?;
    let url = format!("{}?application_name=soak-{name}", db.url());
    let mut env = base_env(&url, secret);
    let mail = dir.join(format!("mail-{name}"));
    let public = format!("http://127.0.0.1:{port}");
    env.push(("ONETOMANY__SERVER__PORT".into(), port.to_string()));
    env.push(("ONETOMANY__SERVER__PUBLIC_URL".into(), public));
    env.push(("ONETOMANY__MAIL__DIR".into(), mail.display().to_string()));
    let own = std::env::var(format!("SOAK_ENV_{}", name.to_uppercase())).unwrap_or_default();
    for pair in own.split_whitespace() {
        let (k, v) = pair
            .split_once('=')
            .ok_or_else(|| format!("SOAK_ENV_{}: {pair:?} is not K=V", name.to_uppercase()))?;
        env.push((k.to_owned(), v.to_owned()));
    }
    let log = dir.join(format!("server-{name}.log"));
    let file = std::fs::File::create(&log)?;
    let child = command(&cfg.bin, dir, &env)
        .arg("serve")
        .stdin(Stdio::null())
        .stdout(file.try_clone()?)
        .stderr(file)
        .spawn()?;
    let mut child = Guard(child);
    let pid = child.0.id();
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(status) = child.0.try_wait()? {
            let text = std::fs::read_to_string(&log).unwrap_or_default();
            return Err(format!("instance {name} exited at start ({status}):\n{text}").into());
        }
        if let Ok((200, _)) = http(port, "GET", "/healthz", None, None) {
            break;
        }
        if Instant::now() > deadline {
            return Err(format!("instance {name}: /healthz did not answer within 60 s").into());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(Instance {
        name,
        port,
        pid,
        child,
        log,
        mail,
        carry: dir.join(format!("open-bookings-{name}.txt")),
    })
}

// ---------------------------------------------------------------- set-up

fn user_add(
    cfg: &Config,
    dir: &Path,
    env: &[(String, String)],
    role: &str,
) -> Result<(), BoxError> {
    use std::io::Write;
    let mut child = command(&cfg.bin, dir, env)
        .args(["user", "add", "--email"])
        .arg(format!("{role}@soak.example.com"))
        .args([
            "--name",
            role,
            "--role",
            role,
            "--timezone",
            "Europe/Berlin",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()?;
    if let Some(mut stdin) = child.stdin.take() {
        writeln!(stdin, "{PASSWORD}")?;
    }
    let out = child.wait_with_output()?;
    if !out.status.success() {
        return Err(format!("user add {role}: {}", String::from_utf8_lossy(&out.stderr)).into());
    }
    Ok(())
}

/// A JSON call that must answer `want`; returns the body.
fn call(
    port: u16,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
    want: u16,
) -> Result<Value, BoxError> {
    let text = body.map(|b| b.to_string());
    let (status, answer) = http(port, method, path, token, text.as_deref())?;
    if status != want {
        return Err(format!("{method} {path}: HTTP {status}, expected {want}: {answer}").into());
    }
    Ok(serde_json::from_str(&answer).unwrap_or(Value::Null))
}

fn login(port: u16, role: &str) -> Result<String, BoxError> {
    let body = json!({"email": format!("{role}@soak.example.com"), "password": PASSWORD});
    let answer = call(port, "POST", "/api/v1/auth/login", None, Some(body), 200)?;
    answer["token"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| format!("no token in {answer}").into())
}

struct Fixture {
    csm_token: String,
    admin_token: String,
    webinar_ids: Vec<String>,
    export_from: String,
    export_to: String,
}

/// Staff log in on instance A; the tokens are used on both.
fn fixture(port: u16) -> Result<Fixture, BoxError> {
    let csm_token = login(port, "csm")?;
    let admin_token = login(port, "admin")?;
    let me = call(port, "GET", "/api/v1/me", Some(&csm_token), None, 200)?;
    let csm_id = me["id"].as_str().ok_or("no id in /api/v1/me")?.to_owned();
    let weekly: Vec<Value> = ["mon", "tue", "wed", "thu", "fri"]
        .iter()
        .map(|d| json!({"day": d, "start": "09:00", "end": "17:00"}))
        .collect();
    call(
        port,
        "PUT",
        &format!("/api/v1/users/{csm_id}/availability"),
        Some(&csm_token),
        Some(json!({"timezone": "Europe/Berlin", "weekly": weekly, "exceptions": []})),
        200,
    )?;
    let first = (Utc::now() + Days::days(30))
        .with_hour(10)
        .and_then(|t| t.with_minute(0))
        .and_then(|t| t.with_second(0))
        .and_then(|t| t.with_nanosecond(0))
        .ok_or("bad start time")?;
    let mut webinar_ids = Vec::new();
    for i in 0..WEBINARS {
        let starts_at = first + Days::days(i);
        let mut body = json!({
            "kind": "regular",
            "title": format!("Soak webinar {i}"),
            "description": "A webinar of the soak benchmark.",
            "topic": "Onboarding",
            "starts_at": starts_at.to_rfc3339_opts(SecondsFormat::Secs, true),
            "duration_minutes": 60,
            "timezone": "Europe/Berlin",
        });
        if i % CAPPED_EVERY == 0 {
            body["capacity"] = CAPACITY.into();
        }
        let made = call(
            port,
            "POST",
            "/api/v1/webinars",
            Some(&csm_token),
            Some(body),
            201,
        )?;
        webinar_ids.push(made["id"].as_str().ok_or("no webinar id")?.to_owned());
    }
    let day = |t: chrono::DateTime<Utc>| t.to_rfc3339_opts(SecondsFormat::Secs, true);
    Ok(Fixture {
        csm_token,
        admin_token,
        webinar_ids,
        export_from: day(first - Days::hours(1)),
        export_to: day(first + Days::hours(23)),
    })
}

// ------------------------------------------------------------- sampling

/// Running totals of `onetomany_http_request_duration_seconds_*` per
/// route, summed over the instances.
fn route_totals(
    instances: &[Instance],
    token: &str,
) -> Result<BTreeMap<String, RouteTotal>, BoxError> {
    let mut totals: BTreeMap<String, RouteTotal> = BTreeMap::new();
    // The cumulative count up to SLOW_BUCKET, subtracted from the count
    // once every line is read.
    let mut fast: BTreeMap<String, f64> = BTreeMap::new();
    for inst in instances {
        let (status, text) = http(inst.port, "GET", "/metrics", Some(token), None)?;
        if status != 200 {
            return Err(format!("GET /metrics on {}: HTTP {status}", inst.name).into());
        }
        for line in text.lines() {
            let Some((kind, rest)) = line
                .strip_prefix("onetomany_http_request_duration_seconds_")
                .and_then(|r| r.split_once('{'))
            else {
                continue;
            };
            let Some((labels, value)) = rest.split_once("} ") else {
                continue;
            };
            let Ok(value) = value.trim().parse::<f64>() else {
                continue;
            };
            let label = |k: &str| {
                labels
                    .split(&format!("{k}=\""))
                    .nth(1)
                    .and_then(|v| v.split('"').next())
                    .unwrap_or("?")
                    .to_owned()
            };
            let route = format!("{} {}", label("method"), label("route"));
            match kind {
                "sum" => totals.entry(route).or_default().seconds += value,
                "count" => totals.entry(route).or_default().requests += value,
                "bucket" if label("le") == SLOW_BUCKET => *fast.entry(route).or_default() += value,
                _ => {}
            }
        }
    }
    for (route, t) in &mut totals {
        t.slow = t.requests - fast.get(route).copied().unwrap_or(t.requests);
    }
    Ok(totals)
}

#[derive(QueryableByName)]
struct AppCount {
    #[diesel(sql_type = Text)]
    application_name: String,
    #[diesel(sql_type = BigInt)]
    n: i64,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// Open connections to the run's database, per instance name, and all others.
fn connections(admin: &mut PgConnection, db: &str) -> Result<(Vec<i64>, i64), BoxError> {
    let rows: Vec<AppCount> = diesel::sql_query(
        "SELECT application_name, count(*) AS n FROM pg_stat_activity \
         WHERE datname = $1 GROUP BY application_name",
    )
    .bind::<Text, _>(db)
    .load(admin)?;
    let mut per = vec![0; NAMES.len()];
    let mut other = 0;
    for r in rows {
        match NAMES
            .iter()
            .position(|n| r.application_name == format!("soak-{n}"))
        {
            Some(i) => per[i] += r.n,
            None => other += r.n,
        }
    }
    Ok((per, other))
}

fn count(conn: &mut PgConnection, sql: &str) -> Result<i64, BoxError> {
    let rows: Vec<Count> = diesel::sql_query(sql).load(conn)?;
    Ok(rows.first().map_or(0, |c| c.n))
}

fn rss_kb(pid: u32) -> Result<u64, BoxError> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    status_kb(&status, "VmRSS:").ok_or_else(|| "no VmRSS".into())
}

/// wrk's summary plus the script's `soak:` status line.
fn read_wrk(output: std::process::Output) -> Result<(WrkResult, u64, u64), BoxError> {
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(format!(
            "wrk failed ({}): {stdout}{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        )
        .into());
    }
    let wrk = parse_wrk(&stdout)?;
    let line = stdout
        .lines()
        .find_map(|l| l.trim().strip_prefix("soak:"))
        .ok_or_else(|| format!("no soak: line in wrk's output:\n{stdout}"))?;
    let field = |key: &str| -> u64 {
        line.split_whitespace()
            .find_map(|w| w.strip_prefix(key))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    Ok((wrk, field("4xx="), field("5xx=")))
}

fn spawn_wrk(
    cfg: &Config,
    inst: &Instance,
    tag: &str,
    fx: &Fixture,
) -> Result<std::process::Child, BoxError> {
    Ok(Command::new("wrk")
        .args(["-t", "1", "-c", &cfg.connections.to_string()])
        .args([
            "-d",
            &format!("{}s", cfg.window),
            "--timeout",
            "10s",
            "--latency",
        ])
        .args([
            "-s",
            SCRIPT,
            &format!("http://127.0.0.1:{}", inst.port),
            "--",
        ])
        .arg(tag)
        .arg(format!("{:.1}", cfg.delay_ms()))
        .args([&fx.csm_token, &fx.admin_token])
        .arg(fx.webinar_ids.join(","))
        .args([&fx.export_from, &fx.export_to])
        .arg(&inst.carry)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?)
}

/// The bench's own connections: to the server (pg_stat_activity) and to the
/// run's database (counts).
struct Probe {
    admin: PgConnection,
    app: PgConnection,
    db: String,
    /// The running totals as read at the end of the last window.
    routes: BTreeMap<String, RouteTotal>,
    vacuums: i64,
}

fn run_window(
    cfg: &Config,
    n: usize,
    instances: &mut [Instance],
    fx: &Fixture,
    probe: &mut Probe,
    started: Instant,
) -> Result<Window, BoxError> {
    let children: Vec<_> = instances
        .iter()
        .map(|i| spawn_wrk(cfg, i, &format!("w{n}{}", i.name), fx))
        .collect::<Result<_, _>>()?;
    // Mid-window, under load.
    std::thread::sleep(Duration::from_millis(cfg.window * 500));
    let mut sides = Vec::new();
    for inst in instances.iter_mut() {
        if let Some(status) = inst.child.0.try_wait()? {
            let text = std::fs::read_to_string(&inst.log).unwrap_or_default();
            return Err(format!("instance {} died ({status}):\n{text}", inst.name).into());
        }
        sides.push(Side {
            rss_kb: rss_kb(inst.pid)?,
            ..Side::default()
        });
    }
    let (per, other_connections) = connections(&mut probe.admin, &probe.db)?;
    for (side, c) in sides.iter_mut().zip(per) {
        side.connections = c;
    }
    for (side, child) in sides.iter_mut().zip(children) {
        let (wrk, s4xx, s5xx) = read_wrk(child.wait_with_output()?)?;
        side.wrk = wrk;
        side.s4xx = s4xx;
        side.s5xx = s5xx;
    }
    let now = route_totals(instances, &fx.admin_token)?;
    let routes = now
        .iter()
        .map(|(k, &t)| {
            (
                k.clone(),
                t - probe.routes.get(k).copied().unwrap_or_default(),
            )
        })
        .collect();
    probe.routes = now;
    let vacuums_now = vacuum_passes(&mut probe.app)?;
    let vacuums_here = vacuums_now - probe.vacuums;
    probe.vacuums = vacuums_now;
    Ok(Window {
        routes,
        vacuums: vacuums_here,
        t_min: started.elapsed().as_secs_f64() / 60.0,
        sides,
        other_connections,
        outbox_pending: count(
            &mut probe.app,
            "SELECT count(*) AS n FROM outbox WHERE status = 'pending'",
        )?,
        registrations: count(&mut probe.app, "SELECT count(*) AS n FROM registrations")?,
        active_registrations: count(
            &mut probe.app,
            "SELECT count(*) AS n FROM registrations WHERE status <> 'cancelled'",
        )?,
        queue_waiting: count(
            &mut probe.app,
            "SELECT count(*) AS n FROM queue_requests WHERE status = 'waiting'",
        )?,
        dead_rows: count(
            &mut probe.app,
            "SELECT coalesce(sum(n_dead_tup), 0)::bigint AS n FROM pg_stat_user_tables",
        )?,
    })
}

/// Autovacuum passes finished so far over the run's tables.
fn vacuum_passes(app: &mut PgConnection) -> Result<i64, BoxError> {
    count(
        app,
        "SELECT coalesce(sum(autovacuum_count), 0)::bigint AS n FROM pg_stat_user_tables",
    )
}

fn count_files(dir: &Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |d| {
        d.filter_map(Result::ok)
            .map(|e| {
                let p = e.path();
                if p.is_dir() { count_files(&p) } else { 1 }
            })
            .sum()
    })
}

// ------------------------------------------------------------------ main

fn main() -> Result<(), BoxError> {
    // `cargo bench` passes `--bench`; nothing else to parse.
    let cfg = Config::from_env()?;
    if let Ok(csv) = std::env::var("SOAK_REPLOT") {
        return replot(&cfg, Path::new(&csv));
    }
    check_wrk()?;
    let admin = admin_connection(&cfg.pg_server)?;
    let (_autovacuum, autovacuum_note) = Autovacuum::on(&cfg.pg_server)?;
    let db = PgDatabase::create(&cfg.pg_server)?;
    let dir = tempfile::tempdir()?;
    let secret = format!("soak-{}", uuid::Uuid::new_v4().simple());
    let env = base_env(&db.url(), &secret);
    // Instance A migrates the fresh database before B starts.
    let a = start(&cfg, NAMES[0], dir.path(), &db, &secret)?;
    let b = start(&cfg, NAMES[1], dir.path(), &db, &secret)?;
    let mut instances = vec![a, b];
    user_add(&cfg, dir.path(), &env, "admin")?;
    user_add(&cfg, dir.path(), &env, "csm")?;
    let fx = fixture(instances[0].port)?;
    // A token from one instance works on the other (same secret, same rows).
    call(
        instances[1].port,
        "GET",
        "/api/v1/me",
        Some(&fx.csm_token),
        None,
        200,
    )?;
    let mut app = PgConnection::establish(&db.url())?;
    let vacuums = vacuum_passes(&mut app)?;
    let mut probe = Probe {
        admin,
        app,
        db: db.name.clone(),
        routes: BTreeMap::new(),
        vacuums,
    };

    let windows_n = ((cfg.minutes * 60.0) / cfg.window as f64).ceil().max(1.0) as usize;
    println!("soak benchmark: {}; {autovacuum_note}", machine());
    println!(
        "two instances of {} on PostgreSQL ({}), workers on, file mail, rate limit off; \
         load: one `wrk -t 1 -c {} --latency -s benches/soak.lua` per instance, \
         {:.0} req/s offered in all (think time {:.0} ms per connection), \
         {} windows of {} s",
        cfg.bin.display(),
        db.name,
        cfg.connections,
        cfg.rate,
        cfg.delay_ms(),
        windows_n,
        cfg.window
    );
    probe.routes = route_totals(&instances, &fx.admin_token)?;
    let started = Instant::now();
    let mut windows = Vec::new();
    let mut failure = None;
    for n in 0..windows_n {
        match run_window(&cfg, n, &mut instances, &fx, &mut probe, started) {
            Ok(w) => {
                let (a, b) = (&w.sides[0], &w.sides[1]);
                println!(
                    "{:6.2} min  rss {:.1}/{:.1} MiB  conns {}/{} (+{})  req/s {:.0}/{:.0}  \
                     p99 {:.2}/{:.2} ms  4xx {} 5xx {} sock {}  outbox {}  regs {} ({} active)  queue waiting {}  dead rows {}  vacuums {}",
                    w.t_min,
                    mib(a.rss_kb),
                    mib(b.rss_kb),
                    a.connections,
                    b.connections,
                    w.other_connections,
                    a.wrk.rps,
                    b.wrk.rps,
                    a.wrk.p99_ms,
                    b.wrk.p99_ms,
                    a.s4xx + b.s4xx,
                    a.s5xx + b.s5xx,
                    a.wrk.socket_errors + b.wrk.socket_errors,
                    w.outbox_pending,
                    w.registrations,
                    w.active_registrations,
                    w.queue_waiting,
                    w.dead_rows,
                    w.vacuums
                );
                windows.push(w);
            }
            Err(e) => {
                failure = Some(e);
                break;
            }
        }
    }
    let total_min = windows.last().map_or(0.0, |w| w.t_min);
    let edge = (total_min / 3.0).min(5.0);
    if !windows.is_empty() {
        write_csv(&cfg.csv, &windows)?;
        let title = format!(
            "soak: two instances on PostgreSQL, {:.0} req/s offered, {:.0} min",
            cfg.rate, total_min
        );
        write_svg(&cfg.svg, &windows, &title)?;
        summary(&windows, edge);
        println!(
            "samples: {}; chart: {}",
            cfg.csv.display(),
            cfg.svg.display()
        );
    }
    let sum =
        |f: fn(&Side) -> u64| -> u64 { windows.iter().flat_map(|w| w.sides.iter().map(f)).sum() };
    let (requests, s4xx, s5xx, sock) = (
        sum(|s| s.wrk.requests),
        sum(|s| s.s4xx),
        sum(|s| s.s5xx),
        sum(|s| s.wrk.socket_errors),
    );
    let mails: Vec<usize> = instances.iter().map(|i| count_files(&i.mail)).collect();
    println!(
        "requests {requests}, 4xx {s4xx}, 5xx {s5xx}, socket errors {sock}; \
         mail files written by instance a/b: {}/{}",
        mails[0], mails[1]
    );
    for inst in &instances {
        let log = std::fs::read_to_string(&inst.log).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        if !lines.is_empty() {
            println!(
                "instance {} logged {} lines (warn and above); the last ones:",
                inst.name,
                lines.len()
            );
            for l in lines.iter().rev().take(5).rev() {
                println!("  {l}");
            }
        }
    }
    drop(instances);
    drop(probe);
    drop(db);
    if let Some(e) = failure {
        return Err(e);
    }
    if s5xx > 0 {
        return Err(format!("{s5xx} answers were 5xx").into());
    }
    Ok(())
}

/// Reads a CSV this bench wrote and draws its chart and summary again.
fn replot(cfg: &Config, csv: &Path) -> Result<(), BoxError> {
    let windows = read_csv(csv)?;
    let total_min = windows.last().map_or(0.0, |w| w.t_min);
    let title = format!(
        "soak: two instances on PostgreSQL, {:.0} req/s offered, {:.0} min",
        cfg.rate, total_min
    );
    write_svg(&cfg.svg, &windows, &title)?;
    summary(&windows, (total_min / 3.0).min(5.0));
    println!("chart: {}", cfg.svg.display());
    Ok(())
}

fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load = load
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    format!("{cores} cores, load average {load} at start")
}
