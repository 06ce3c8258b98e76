//! Running wrk with the registration script; its summary is read by
//! `benches/support/wrk.rs`.

use super::*;

/// Runs wrk with the registration script against `url` for `seconds`;
/// `tag` keeps e-mails unique.
pub(super) fn run_wrk(
    cfg: &Config,
    url: &str,
    tag: &str,
    seconds: u64,
) -> Result<WrkResult, BoxError> {
    wrk(cfg, seconds, &["-s", SCRIPT, url, "--", tag])
}

/// Runs wrk with plain GETs of `url` for `seconds`.
pub(super) fn run_wrk_get(cfg: &Config, url: &str, seconds: u64) -> Result<WrkResult, BoxError> {
    wrk(cfg, seconds, &[url])
}

fn wrk(cfg: &Config, seconds: u64, target: &[&str]) -> Result<WrkResult, BoxError> {
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
        ])
        .args(target)
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
