//! The queue allocator on a full-size problem: 10 000 waiting requests, 50
//! CSMs in five zones with weekday hours, a 4-week horizon. Measures the
//! pure function (`domain::allocator::allocate`) and, separately, cutting
//! the CSMs' windows into slots.
//!
//! Run: `cargo bench --bench allocator` (BENCH_RUNS sets the repetitions,
//! default 7; the figure reported is the median).

use std::time::{Duration as StdDuration, Instant};

use chrono::{Duration, TimeZone as _, Utc};
use onetomany::domain::allocator::{HostSlots, Load, Waiting, allocate};
use onetomany::domain::availability::{
    Availability, AvailabilityRequest, WindowDto, parse_windows, preferred_intervals,
};
use onetomany::domain::validation::Validator;

const CSMS: usize = 50;
const REQUESTS: usize = 10_000;
const ZONES: [&str; 5] = [
    "Europe/Berlin",
    "America/New_York",
    "America/Sao_Paulo",
    "Asia/Tokyo",
    "Europe/Lisbon",
];
const DAYS: [&str; 5] = ["mon", "tue", "wed", "thu", "fri"];

/// A small deterministic generator: the same problem every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

fn window(day: &str, start: u64, hours: u64) -> WindowDto {
    WindowDto {
        day: day.to_owned(),
        start: format!("{start:02}:00"),
        end: format!("{:02}:00", start + hours),
    }
}

fn median(mut v: Vec<StdDuration>) -> StdDuration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let runs: usize = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(7);
    let from = Utc
        .with_ymd_and_hms(2030, 3, 4, 0, 0, 0)
        .single()
        .expect("date");
    let to = from + Duration::days(28);
    let mut rng = Lcg(42);

    let availability: Vec<Availability> = (0..CSMS)
        .map(|i| {
            let start = 8 + rng.next(3);
            Availability::parse(&AvailabilityRequest {
                timezone: ZONES[i % ZONES.len()].to_owned(),
                weekly: DAYS.iter().map(|d| window(d, start, 6)).collect(),
                exceptions: Vec::new(),
            })
            .expect("valid availability")
        })
        .collect();

    let mut slot_times = Vec::new();
    let mut hosts = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        hosts = availability
            .iter()
            .enumerate()
            .map(|(i, a)| HostSlots {
                host_id: format!("csm-{i:02}"),
                starts: a.slots(from, to),
            })
            .collect::<Vec<_>>();
        slot_times.push(t.elapsed());
    }
    let total_slots: usize = hosts.iter().map(|h| h.starts.len()).sum();

    // 70 % any time; 30 % one or two preferred windows in their own zone.
    let queue: Vec<Waiting> = (0..REQUESTS)
        .map(|i| {
            let preferred = (rng.next(10) < 3).then(|| {
                let zone: chrono_tz::Tz = ZONES[rng.next(ZONES.len() as u64) as usize]
                    .parse()
                    .expect("zone");
                let raw: Vec<WindowDto> = (0..=rng.next(2))
                    .map(|_| window(DAYS[rng.next(5) as usize], 8 + rng.next(8), 1 + rng.next(4)))
                    .collect();
                let mut v = Validator::new();
                let windows = parse_windows("preferred", &raw, &mut v);
                preferred_intervals(zone, &windows, from, to)
            });
            Waiting {
                id: format!("req-{i:05}"),
                preferred,
                not_before: None,
            }
        })
        .collect();

    let mut times = Vec::new();
    let mut assigned = 0;
    for _ in 0..runs {
        let t = Instant::now();
        assigned = allocate(&queue, &hosts, &Load::new()).len();
        times.push(t.elapsed());
    }
    let alloc = median(times);
    let slots = median(slot_times);
    println!("allocator: {REQUESTS} requests, {CSMS} CSMs, 28 days, {total_slots} free slots");
    println!("| step | median of {runs} runs |");
    println!("| --- | --- |");
    println!(
        "| cut windows into slots (50 CSMs, 4 weeks) | {:.2} ms |",
        slots.as_secs_f64() * 1000.0
    );
    println!(
        "| allocate 10 000 requests | {:.2} ms ({assigned} got an hour) |",
        alloc.as_secs_f64() * 1000.0
    );
    println!(
        "target: allocation well under 1 s -> {}",
        if alloc < StdDuration::from_secs(1) {
            "met"
        } else {
            "MISSED"
        }
    );
}
