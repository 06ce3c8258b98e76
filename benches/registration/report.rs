//! The results table, the targets and the machine line.

use super::*;

// ----------------------------------------------------------------- report

pub(super) fn verdict(ok: bool) -> &'static str {
    if ok { "PASS" } else { "FAIL" }
}

/// Per-backend targets: (req/s, p99 ms).
pub(super) fn targets(backend: Backend) -> (f64, f64) {
    match backend {
        Backend::Sqlite => (6000.0, 25.0),
        Backend::Postgres => (2000.0, 50.0),
    }
}

/// Prints the backend's table and checks; returns whether anything failed
/// loudly (errors, non-2xx, inconsistent counters).
pub(super) fn report(o: &Outcome, cfg: &Config) -> bool {
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
    let cat = &o.catalog;
    println!(
        "| HTTP, catalog page `/` ({CATALOG_PAGE} webinars), GET | {:.0} | {:.2} | {:.2} | {} | |",
        cat.rps,
        cat.p50_ms,
        cat.p99_ms,
        cat.non_2xx + cat.socket_errors
    );
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
    if o.backend == Backend::Sqlite {
        println!(
            "- target catalog >= 5000 pages/s: {} ({:.0}/s)",
            verdict(cat.rps >= 5000.0),
            cat.rps
        );
    }
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
    if cat.non_2xx + cat.socket_errors > 0 {
        loud = true;
        println!(
            "- !!! catalog: {} NON-2XX ANSWERS and {} socket errors out of {} requests",
            cat.non_2xx, cat.socket_errors, cat.requests
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

pub(super) fn p_first_waiting(p: &HttpPhase) -> i32 {
    p.samples.first().map_or(0, |s| s.2)
}

pub(super) fn p_last_waiting(p: &HttpPhase) -> i32 {
    p.samples.last().map_or(0, |s| s.2)
}

pub(super) fn machine() -> String {
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
