//! Idle memory of the release binary.
//!
//! Starts `onetomany` (the binary cargo built for this bench profile) as a
//! child process in an empty temporary directory, so it runs on the
//! compiled-in defaults: SQLite under `data/`, file mail under `data/mail`,
//! the outbox worker polling every 2 s, one HTTP worker per core. Only the
//! port is set (ONETOMANY__SERVER__PORT). Waits (bounded) for `/healthz`,
//! makes a handful of requests, lets it sit 3 s, then reads VmRSS and VmHWM
//! from /proc/<pid>/status and kills the child.
//!
//! Run: `cargo bench --bench idle_memory`
//! Knob: BENCH_IDLE_SECONDS (the idle wait, default 3).

use std::error::Error;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "support/process.rs"]
mod process;
use process::{Guard, free_port, http, status_kb};

type BoxError = Box<dyn Error + Send + Sync>;

const TARGET_MB: f64 = 30.0;

/// One GET; the status code and the body length.
fn get(port: u16, path: &str) -> Result<(u16, usize), BoxError> {
    http(port, "GET", path, None, None).map(|(status, body)| (status, body.len()))
}

fn status_field<'a>(status: &'a str, key: &str) -> Option<&'a str> {
    status
        .lines()
        .find(|l| l.starts_with(key))?
        .split_once(':')
        .map(|(_, v)| v.trim())
}

fn main() -> Result<(), BoxError> {
    let idle = Duration::from_secs(
        std::env::var("BENCH_IDLE_SECONDS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(3),
    );
    let exe = env!("CARGO_BIN_EXE_onetomany");
    let dir = tempfile::tempdir()?;
    let port = free_port()?;
    let log_path = dir.path().join("server.log");
    let log = std::fs::File::create(&log_path)?;

    let mut cmd = Command::new(exe);
    cmd.current_dir(dir.path())
        .env("ONETOMANY__SERVER__PORT", port.to_string())
        .stdin(Stdio::null())
        .stdout(log.try_clone()?)
        .stderr(log);
    // Only the compiled-in defaults plus the port: no inherited overrides.
    for (key, _) in std::env::vars_os() {
        let k = key.to_string_lossy();
        if k.starts_with("ONETOMANY") || k == "RUST_LOG" {
            cmd.env_remove(&key);
        }
    }
    let started = Instant::now();
    let mut child = Guard(cmd.spawn()?);
    let pid = child.0.id();

    // Bounded wait for /healthz.
    let deadline = started + Duration::from_secs(30);
    let ready_after = loop {
        if let Some(status) = child.0.try_wait()? {
            let log = std::fs::read_to_string(&log_path).unwrap_or_default();
            return Err(format!("the server exited early ({status}):\n{log}").into());
        }
        if let Ok((200, _)) = get(port, "/healthz") {
            break started.elapsed();
        }
        if Instant::now() > deadline {
            let log = std::fs::read_to_string(&log_path).unwrap_or_default();
            return Err(format!("/healthz did not answer within 30 s:\n{log}").into());
        }
        std::thread::sleep(Duration::from_millis(50));
    };

    let mut requests = Vec::new();
    for path in [
        "/healthz",
        "/api/v1/webinars",
        "/healthz",
        "/api/v1/webinars",
        "/readyz",
        "/api/v1/webinars",
    ] {
        let (status, len) = get(port, path)?;
        requests.push(format!("GET {path} -> {status} ({len} bytes)"));
        if status != 200 {
            return Err(format!("GET {path} answered {status}").into());
        }
    }

    std::thread::sleep(idle);
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let rss = status_kb(&status, "VmRSS:").ok_or("no VmRSS")?;
    let hwm = status_kb(&status, "VmHWM:").ok_or("no VmHWM")?;
    let threads = status_field(&status, "Threads:").unwrap_or("?").to_owned();
    let anon = status_kb(&status, "RssAnon:");
    let file = status_kb(&status, "RssFile:");
    drop(child);

    let mb = |kb: u64| kb as f64 / 1024.0;
    println!("idle memory benchmark");
    println!("binary: {exe}");
    println!(
        "cores: {}; /healthz answered {:.0} ms after spawn",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        ready_after.as_secs_f64() * 1000.0
    );
    for r in &requests {
        println!("  {r}");
    }
    println!("after {} s idle:", idle.as_secs());
    println!();
    println!("| metric | value |");
    println!("|---|---:|");
    println!("| VmRSS | {:.1} MiB ({rss} kB) |", mb(rss));
    println!("| VmHWM (peak RSS) | {:.1} MiB ({hwm} kB) |", mb(hwm));
    if let (Some(a), Some(f)) = (anon, file) {
        println!("| RssAnon / RssFile | {:.1} / {:.1} MiB |", mb(a), mb(f));
    }
    println!("| threads | {threads} |");
    println!();
    // The target is read strictly as decimal megabytes (30 MB = 28.6 MiB).
    let rss_mb = rss as f64 * 1024.0 / 1e6;
    println!(
        "target idle VmRSS < {TARGET_MB} MB: {} ({rss_mb:.1} MB = {:.1} MiB)",
        if rss_mb < TARGET_MB { "PASS" } else { "FAIL" },
        mb(rss)
    );
    Ok(())
}
