//! The soak's record of each window, and what it makes of them: the CSV
//! (written and read back), the SVG chart and the first-versus-last summary.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use crate::summary::WrkResult;

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The instances, in the order of every per-instance column.
pub const NAMES: [&str; 2] = ["a", "b"];

/// One window's figures for one instance.
#[derive(Default)]
pub struct Side {
    pub rss_kb: u64,
    pub connections: i64,
    pub wrk: WrkResult,
    pub s4xx: u64,
    pub s5xx: u64,
}

pub struct Window {
    /// Minutes from the start of the load to the end of this window.
    pub t_min: f64,
    pub sides: Vec<Side>,
    pub other_connections: i64,
    pub outbox_pending: i64,
    pub registrations: i64,
    /// Registrations not cancelled, and queue requests waiting for an hour:
    /// the load keeps both level (older CSVs lack them: -1).
    pub active_registrations: i64,
    pub queue_waiting: i64,
    /// Dead row versions in the run's tables (what vacuum has yet to
    /// clear); -1 in older CSVs.
    pub dead_rows: i64,
    /// Autovacuum passes that finished in this window, over the run's
    /// tables; -1 in older CSVs.
    pub vacuums: i64,
    /// Per route (`METHOD pattern`), this window, both instances, from the
    /// instances' own /metrics.
    pub routes: BTreeMap<String, RouteTotal>,
}

/// Time in the service for one route, as counted by its histogram.
#[derive(Debug, Default, Clone, Copy)]
pub struct RouteTotal {
    pub seconds: f64,
    pub requests: f64,
    /// Requests that took longer than [`SLOW_BUCKET`].
    pub slow: f64,
}

impl std::ops::Sub for RouteTotal {
    type Output = Self;
    fn sub(self, o: Self) -> Self {
        Self {
            seconds: self.seconds - o.seconds,
            requests: self.requests - o.requests,
            slow: self.slow - o.slow,
        }
    }
}

/// The histogram bound (seconds) above which a request counts as slow: the
/// PostgreSQL p99 target at 64 clients is 50 ms, half of it here.
pub const SLOW_BUCKET: &str = "0.025";

pub fn write_csv(path: &Path, windows: &[Window]) -> Result<(), BoxError> {
    let mut out = String::from(
        "minute,rss_mib_a,rss_mib_b,pg_conns_a,pg_conns_b,pg_conns_other,\
         rps_a,rps_b,p50_ms_a,p99_ms_a,p50_ms_b,p99_ms_b,\
         4xx,5xx,socket_errors,outbox_pending,registrations,\
         active_registrations,queue_waiting,dead_rows,vacuums\n",
    );
    for w in windows {
        let (a, b) = (&w.sides[0], &w.sides[1]);
        writeln!(
            out,
            "{:.2},{:.1},{:.1},{},{},{},{:.1},{:.1},{:.2},{:.2},{:.2},{:.2},{},{},{},{},{},{},{},{},{}",
            w.t_min,
            mib(a.rss_kb),
            mib(b.rss_kb),
            a.connections,
            b.connections,
            w.other_connections,
            a.wrk.rps,
            b.wrk.rps,
            a.wrk.p50_ms,
            a.wrk.p99_ms,
            b.wrk.p50_ms,
            b.wrk.p99_ms,
            a.s4xx + b.s4xx,
            a.s5xx + b.s5xx,
            a.wrk.socket_errors + b.wrk.socket_errors,
            w.outbox_pending,
            w.registrations,
            w.active_registrations,
            w.queue_waiting,
            w.dead_rows,
            w.vacuums,
        )?;
    }
    std::fs::write(path, out)?;
    Ok(())
}

pub fn mib(kb: u64) -> f64 {
    kb as f64 / 1024.0
}

/// A round upper bound for an axis: 1, 2 or 5 times a power of ten.
fn nice_max(v: f64) -> f64 {
    if !v.is_finite() || v <= 0.0 {
        return 1.0;
    }
    let p = 10f64.powf(v.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * p)
        .find(|&m| m >= v)
        .unwrap_or(10.0 * p)
}

const COLORS: [&str; 2] = ["#1f77b4", "#d62728"];

/// A chart of one figure per instance over minutes, stacked panels.
pub fn write_svg(path: &Path, windows: &[Window], title: &str) -> Result<(), BoxError> {
    type Metric = fn(&Side) -> f64;
    let panels: [(&str, Metric); 4] = [
        ("RSS (MiB)", |s| mib(s.rss_kb)),
        ("open PostgreSQL connections", |s| s.connections as f64),
        ("p99 latency (ms)", |s| s.wrk.p99_ms),
        ("throughput (req/s)", |s| s.wrk.rps),
    ];
    let (width, panel_h, left, right, top) = (760.0, 150.0, 60.0, 20.0, 40.0);
    let gap = 45.0;
    let height = top + panels.len() as f64 * (panel_h + gap);
    let plot_w = width - left - right;
    let t_end = windows.last().map_or(1.0, |w| w.t_min);
    let step = if t_end > 20.0 {
        5.0
    } else if t_end > 4.0 {
        1.0
    } else {
        0.25
    };
    // A last window a few seconds past a round minute stays on that tick.
    let ticks = (t_end / step - 0.1).ceil().max(1.0);
    let t_max = ticks * step;
    let mut svg = String::new();
    writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">"#
    )?;
    writeln!(svg, r#"<rect width="100%" height="100%" fill="white"/>"#)?;
    writeln!(
        svg,
        r#"<text x="{left}" y="18" font-size="13" font-weight="bold">{title}</text>"#
    )?;
    for (i, name) in NAMES.iter().enumerate() {
        let x = width - right - 160.0 + i as f64 * 80.0;
        writeln!(
            svg,
            r#"<line x1="{x}" y1="14" x2="{}" y2="14" stroke="{}" stroke-width="2"/><text x="{}" y="18">instance {name}</text>"#,
            x + 16.0,
            COLORS[i],
            x + 20.0
        )?;
    }
    for (p, (label, metric)) in panels.iter().enumerate() {
        let y0 = top + p as f64 * (panel_h + gap) + 15.0;
        let y_max = nice_max(
            windows
                .iter()
                .flat_map(|w| w.sides.iter().map(metric))
                .fold(0.0, f64::max)
                * 1.1,
        );
        let x = |t: f64| left + t / t_max * plot_w;
        let y = |v: f64| y0 + panel_h - (v / y_max).clamp(0.0, 1.0) * panel_h;
        writeln!(
            svg,
            r#"<text x="{left}" y="{}" font-weight="bold">{label}</text>"#,
            y0 - 5.0
        )?;
        for k in 0..=4 {
            let v = y_max * f64::from(k) / 4.0;
            let yy = y(v);
            writeln!(
                svg,
                r##"<line x1="{left}" y1="{yy:.1}" x2="{}" y2="{yy:.1}" stroke="#ddd"/><text x="{}" y="{:.1}" text-anchor="end">{}</text>"##,
                left + plot_w,
                left - 4.0,
                yy + 4.0,
                trim_number(v)
            )?;
        }
        for k in 0..=ticks as u32 {
            let t = step * f64::from(k);
            writeln!(
                svg,
                r#"<text x="{:.1}" y="{}" text-anchor="middle">{} min</text>"#,
                x(t),
                y0 + panel_h + 14.0,
                trim_number(t)
            )?;
        }
        writeln!(
            svg,
            r##"<rect x="{left}" y="{y0}" width="{plot_w}" height="{panel_h}" fill="none" stroke="#999"/>"##
        )?;
        for (i, color) in COLORS.iter().enumerate() {
            let points: Vec<String> = windows
                .iter()
                .map(|w| format!("{:.1},{:.1}", x(w.t_min), y(metric(&w.sides[i]))))
                .collect();
            writeln!(
                svg,
                r#"<polyline fill="none" stroke="{color}" stroke-width="1.5" points="{}"/>"#,
                points.join(" ")
            )?;
        }
    }
    svg.push_str("</svg>\n");
    std::fs::write(path, svg)?;
    Ok(())
}

fn trim_number(v: f64) -> String {
    if v >= 10.0 || v == 0.0 {
        format!("{v:.0}")
    } else {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    if n == 0 { f64::NAN } else { sum / n as f64 }
}

pub fn summary(windows: &[Window], edge_min: f64) {
    let total = windows.last().map_or(0.0, |w| w.t_min);
    let first: Vec<&Window> = windows.iter().filter(|w| w.t_min <= edge_min).collect();
    let last: Vec<&Window> = windows
        .iter()
        .filter(|w| w.t_min > total - edge_min)
        .collect();
    println!();
    println!(
        "first {edge_min:.1} min ({} windows) vs last {edge_min:.1} min ({} windows), means of the windows:",
        first.len(),
        last.len()
    );
    println!();
    println!("| figure | first | last | drift |");
    println!("|---|---:|---:|---:|");
    type Metric = fn(&Side) -> f64;
    let rows: [(&str, Metric); 5] = [
        ("RSS MiB", |s| mib(s.rss_kb)),
        ("PostgreSQL connections", |s| s.connections as f64),
        ("p50 ms", |s| s.wrk.p50_ms),
        ("p99 ms", |s| s.wrk.p99_ms),
        ("req/s", |s| s.wrk.rps),
    ];
    for (label, metric) in rows {
        for (i, name) in NAMES.iter().enumerate() {
            let a = mean(first.iter().map(|w| metric(&w.sides[i])));
            let b = mean(last.iter().map(|w| metric(&w.sides[i])));
            println!(
                "| {label}, instance {name} | {a:.2} | {b:.2} | {:+.2} ({:+.1} %) |",
                b - a,
                (b - a) / a * 100.0
            );
        }
    }
    let level = |ws: &[&Window], f: fn(&Window) -> i64| mean(ws.iter().map(|w| f(w) as f64));
    for (label, f) in [
        (
            "outbox pending mail",
            (|w| w.outbox_pending) as fn(&Window) -> i64,
        ),
        ("active registrations", |w| w.active_registrations),
        ("queue requests waiting", |w| w.queue_waiting),
        ("dead row versions (vacuum's backlog)", |w| w.dead_rows),
    ] {
        println!(
            "| {label} | {:.1} | {:.1} | |",
            level(&first, f),
            level(&last, f)
        );
    }
    let max_p99 = windows
        .iter()
        .flat_map(|w| w.sides.iter().map(|s| s.wrk.p99_ms))
        .fold(0.0, f64::max);
    println!();
    println!("highest window p99 of either instance: {max_p99:.2} ms");
    let total = |ws: &[&Window], route: &str| -> RouteTotal {
        ws.iter()
            .filter_map(|w| w.routes.get(route))
            .fold(RouteTotal::default(), |a, t| RouteTotal {
                seconds: a.seconds + t.seconds,
                requests: a.requests + t.requests,
                slow: a.slow + t.slow,
            })
    };
    let mean_ms = |t: RouteTotal| {
        if t.requests > 0.0 {
            t.seconds / t.requests * 1000.0
        } else {
            f64::NAN
        }
    };
    let names: std::collections::BTreeSet<&String> =
        windows.iter().flat_map(|w| w.routes.keys()).collect();
    if !names.is_empty() {
        let all: Vec<&Window> = windows.iter().collect();
        println!();
        println!(
            "time per route in the service (its /metrics), both instances; slow = over {} ms:",
            SLOW_BUCKET.parse::<f64>().unwrap_or(0.0) * 1000.0
        );
        println!();
        println!(
            "| route | requests first / last | mean ms first | mean ms last | slow first / last | slow in the run |"
        );
        println!("|---|---:|---:|---:|---:|---:|");
        for route in names {
            let (a, b, run) = (
                total(&first, route),
                total(&last, route),
                total(&all, route),
            );
            if a.requests + b.requests > 0.0 {
                println!(
                    "| {route} | {:.0} / {:.0} | {:.2} | {:.2} | {:.0} / {:.0} | {:.0} |",
                    a.requests,
                    b.requests,
                    mean_ms(a),
                    mean_ms(b),
                    a.slow,
                    b.slow,
                    run.slow
                );
            }
        }
    }
    let vacuumed: Vec<&Window> = windows.iter().filter(|w| w.vacuums > 0).collect();
    let quiet: Vec<&Window> = windows.iter().filter(|w| w.vacuums == 0).collect();
    if !vacuumed.is_empty() && !quiet.is_empty() {
        let p99 =
            |ws: &[&Window]| mean(ws.iter().flat_map(|w| w.sides.iter().map(|s| s.wrk.p99_ms)));
        println!();
        println!(
            "p99, mean over windows in which autovacuum finished a pass: {:.2} ms ({} windows); \
             in the others: {:.2} ms ({} windows)",
            p99(&vacuumed),
            vacuumed.len(),
            p99(&quiet),
            quiet.len()
        );
    }
}

/// Reads back the windows of a CSV [`write_csv`] wrote (per-route figures
/// are not in it).
pub fn read_csv(csv: &Path) -> Result<Vec<Window>, BoxError> {
    let text = std::fs::read_to_string(csv)?;
    let mut windows = Vec::new();
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let f: Vec<f64> = line
            .split(',')
            .map(|v| v.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .map_err(|e| format!("{}: {e} in {line:?}", csv.display()))?;
        if f.len() < 17 {
            return Err(format!("{}: short row {line:?}", csv.display()).into());
        }
        let side = |rss: usize, conns: usize, rps: usize, p50: usize| Side {
            rss_kb: (f[rss] * 1024.0) as u64,
            connections: f[conns] as i64,
            wrk: WrkResult {
                rps: f[rps],
                p50_ms: f[p50],
                p99_ms: f[p50 + 1],
                ..WrkResult::default()
            },
            ..Side::default()
        };
        windows.push(Window {
            t_min: f[0],
            sides: vec![side(1, 3, 6, 8), side(2, 4, 7, 10)],
            other_connections: f[5] as i64,
            outbox_pending: f[15] as i64,
            registrations: f[16] as i64,
            active_registrations: f.get(17).map_or(-1, |&v| v as i64),
            queue_waiting: f.get(18).map_or(-1, |&v| v as i64),
            dead_rows: f.get(19).map_or(-1, |&v| v as i64),
            vacuums: f.get(20).map_or(-1, |&v| v as i64),
            routes: BTreeMap::new(),
        });
    }
    Ok(windows)
}
