//! wrk's summary, read back: shared by the registration and soak benches
//! (each includes this file with `#[path]`).
#![allow(dead_code)]

use std::process::Command;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// What wrk printed, parsed.
#[derive(Debug, Default)]
pub struct WrkResult {
    pub requests: u64,
    pub seconds: f64,
    pub rps: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub non_2xx: u64,
    pub socket_errors: u64,
}

impl WrkResult {
    pub fn ok(&self) -> u64 {
        self.requests.saturating_sub(self.non_2xx)
    }
}

pub fn check_wrk() -> Result<(), BoxError> {
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
pub fn parse_duration_ms(s: &str) -> Option<f64> {
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
pub fn parse_wrk(out: &str) -> Result<WrkResult, BoxError> {
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
