//! A CSM's busy calendar in: `busy::busy_times` on arbitrary feeds, on
//! generated VEVENTs and on our own subscription feed.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use onetomany::domain::busy::{Busy, busy_times};
use onetomany::email::ics::{FeedEvent, render_feed};
use proptest::prelude::*;

use crate::inputs;

/// Property lines an event might carry, sane or not: huge durations and
/// counts, odd zones, broken dates, endless rules.
fn any_line() -> impl Strategy<Value = String> {
    let name = prop::sample::select(vec![
        "DTSTART", "DTEND", "DURATION", "RRULE", "EXDATE", "TRANSP", "STATUS", "SUMMARY", "BEGIN",
        "END", "dtstart", "X-ODD",
    ]);
    let params = prop::sample::select(vec![
        "",
        ";VALUE=DATE",
        ";TZID=Europe/Berlin",
        ";TZID=\"America/New_York\"",
        ";TZID=Nowhere",
        ";VALUE=DATE-TIME;TZID=Australia/Lord_Howe",
        ";=",
        ";;",
    ]);
    let value = prop_oneof![
        prop::sample::select(vec![
            "20270316T100000",
            "20270316T100000Z",
            "20270316",
            "20270328T023000",
            "99991231T235959Z",
            "00000101T000000",
            "2027031",
            "PT1H",
            "P1D",
            "-PT15M",
            "P99999999999999W",
            "PT9223372036854775807S",
            "P106751991167300D",
            "P1W2DT3H4M5S",
            "P",
            "PT",
            "P1X",
            "FREQ=WEEKLY;COUNT=4",
            "FREQ=SECONDLY",
            "FREQ=DAILY;COUNT=4294967296",
            "FREQ=MINUTELY;INTERVAL=0",
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
            "VEVENT",
            "VCALENDAR",
            "TRANSPARENT",
            "CANCELLED",
            "OPAQUE",
            "20270316T100000,20270317",
        ])
        .prop_map(str::to_owned),
        inputs::text(30),
    ];
    (name, params, value).prop_map(|(n, p, v)| format!("{n}{p}:{v}"))
}

fn any_feed() -> impl Strategy<Value = String> {
    let event = prop::collection::vec(any_line(), 0..8)
        .prop_map(|lines| format!("BEGIN:VEVENT\r\n{}\r\nEND:VEVENT", lines.join("\r\n")));
    prop_oneof![
        prop::collection::vec(event, 0..4).prop_map(|e| e.join("\n")),
        inputs::text(300),
        ".{0,300}",
    ]
}

fn window() -> impl Strategy<Value = (DateTime<Utc>, DateTime<Utc>)> {
    prop_oneof![
        Just(("2027-03-01T00:00:00Z", "2027-05-01T00:00:00Z")),
        Just(("2027-03-16T09:30:00Z", "2027-03-16T09:45:00Z")),
    ]
    .prop_map(|(f, t)| (utc(f), utc(t)))
    .boxed()
    .prop_union(
        (inputs::instant(), 1i64..90 * 24)
            .prop_map(|(f, h)| (f, f + Duration::hours(h)))
            .boxed(),
    )
}

fn utc(s: &str) -> DateTime<Utc> {
    s.parse().expect("an instant")
}

/// How an event gives its end.
#[derive(Debug, Clone, Copy)]
enum End {
    Utc,
    Zoned(Tz),
    Duration,
}

#[derive(Debug, Clone)]
struct Event {
    start: DateTime<Utc>,
    minutes: i64,
    end: End,
    /// Written in this zone with TZID (or in UTC with `Z`).
    start_zone: Option<Tz>,
    transparent: Option<bool>,
    status: Option<&'static str>,
    summary: String,
}

impl Event {
    fn busy(&self) -> bool {
        self.transparent != Some(true) && self.status != Some("CANCELLED")
    }

    fn interval(&self) -> Busy {
        Busy {
            start: self.start,
            end: self.start + Duration::minutes(self.minutes),
        }
    }

    fn lines(&self) -> Vec<String> {
        let at = |name: &str, t: DateTime<Utc>, zone: Option<Tz>| match zone {
            None => format!("{name}:{}", t.format("%Y%m%dT%H%M%SZ")),
            Some(z) => format!(
                "{name};TZID={}:{}",
                z.name(),
                t.with_timezone(&z).format("%Y%m%dT%H%M%S")
            ),
        };
        let mut out = vec![
            "BEGIN:VEVENT".to_owned(),
            "UID:x@example.com".to_owned(),
            at("DTSTART", self.start, self.start_zone),
        ];
        let end = self.interval().end;
        out.push(match self.end {
            End::Utc => at("DTEND", end, None),
            End::Zoned(z) => at("DTEND", end, Some(z)),
            End::Duration => format!("DURATION:PT{}H{}M", self.minutes / 60, self.minutes % 60),
        });
        if let Some(t) = self.transparent {
            out.push(format!(
                "TRANSP:{}",
                if t { "TRANSPARENT" } else { "OPAQUE" }
            ));
        }
        if let Some(s) = self.status {
            out.push(format!("STATUS:{s}"));
        }
        out.push(format!("SUMMARY:{}", self.summary));
        out.push("END:VEVENT".to_owned());
        out
    }
}

/// Zones whose local times are never ambiguous or missing at the generated
/// instants: an instant written in a zone reads back as itself (at a
/// fall-back hour the later of two equal wall-clock times would not).
fn unambiguous(zone: Tz, t: DateTime<Utc>) -> bool {
    use chrono::TimeZone as _;
    zone.from_local_datetime(&t.with_timezone(&zone).naive_local())
        .single()
        .is_some()
}

fn event() -> impl Strategy<Value = Event> {
    (
        inputs::instant(),
        1i64..600,
        prop_oneof![
            Just(End::Utc),
            inputs::zone().prop_map(End::Zoned),
            Just(End::Duration)
        ],
        prop::option::of(inputs::zone()),
        prop::option::of(any::<bool>()),
        prop::option::of(prop::sample::select(vec![
            "CONFIRMED",
            "TENTATIVE",
            "CANCELLED",
        ])),
        "[a-zA-Z0-9 ,;:]{0,120}",
    )
        .prop_map(
            |(start, minutes, end, start_zone, transparent, status, summary)| Event {
                start,
                minutes,
                end,
                start_zone,
                transparent,
                status,
                summary,
            },
        )
        .prop_filter("instants that read back as themselves", |e| {
            let end = e.interval().end;
            e.start_zone.is_none_or(|z| unambiguous(z, e.start))
                && match e.end {
                    End::Zoned(z) => unambiguous(z, end),
                    _ => true,
                }
        })
}

/// Folds a content line at `every` octets (on a char boundary), as RFC 5545
/// §3.1 allows, with a space or a tab.
fn fold(line: &str, every: usize, tab: bool) -> String {
    let mut out = String::new();
    let mut count = 0;
    for c in line.chars() {
        if count + c.len_utf8() > every {
            out.push_str(if tab { "\r\n\t" } else { "\r\n " });
            count = 1;
        }
        out.push(c);
        count += c.len_utf8();
    }
    out
}

proptest! {
    #![proptest_config(crate::config())]

    /// Any feed, however broken, gives sorted intervals that each start
    /// before they end and overlap the window; never a panic.
    #[test]
    fn any_feed_gives_sorted_intervals_inside_the_window(ics in any_feed(), zone in inputs::zone(), (from, to) in window()) {
        let busy = busy_times(&ics, zone, from, to);
        prop_assert!(busy.windows(2).all(|w| w[0] <= w[1]));
        for b in &busy {
            prop_assert!(b.start < b.end && b.end > from && b.start < to, "{:?}", b);
        }
    }

    /// Generated VEVENTs (UTC or zoned times, DTEND or DURATION, CRLF or LF,
    /// folded anywhere) give exactly the intervals of the busy ones that
    /// overlap the window; TRANSPARENT and CANCELLED events are never busy.
    #[test]
    fn generated_events_give_their_intervals(
        events in prop::collection::vec(event(), 0..8),
        crlf in any::<bool>(),
        fold_at in 10usize..75,
        tab in any::<bool>(),
        floating in inputs::zone(),
        (from, to) in window(),
    ) {
        let mut lines = vec!["BEGIN:VCALENDAR".to_owned(), "VERSION:2.0".to_owned()];
        lines.extend(events.iter().flat_map(Event::lines).map(|l| fold(&l, fold_at, tab)));
        lines.push("END:VCALENDAR".to_owned());
        let ics = lines.join("\r\n") + "\r\n";
        let ics = if crlf { ics } else { ics.replace("\r\n", "\n") };
        let mut expected: Vec<Busy> = events
            .iter()
            .filter(|e| e.busy())
            .map(Event::interval)
            .filter(|b| b.end > from && b.start < to)
            .collect();
        expected.sort();
        prop_assert_eq!(busy_times(&ics, floating, from, to), expected, "{}", ics);
    }

    /// Our own subscription feed, read as a busy calendar, is busy exactly
    /// during its sessions that are not cancelled.
    #[test]
    fn our_feed_is_busy_during_its_live_sessions(
        sessions in prop::collection::vec((inputs::instant(), 1i64..600, inputs::text(100), inputs::text(200), any::<bool>()), 0..8),
        (from, to) in window(),
    ) {
        let events: Vec<FeedEvent> = sessions
            .iter()
            .enumerate()
            .map(|(n, (start, minutes, summary, description, cancelled))| FeedEvent {
                uid: format!("webinar-{n}@example.com"),
                sequence: 0,
                starts_at: *start,
                ends_at: *start + Duration::minutes(*minutes),
                summary: summary.clone(),
                description: description.clone(),
                location: None,
                cancelled: *cancelled,
            })
            .collect();
        let ics = render_feed("CSM", &events, Utc::now());
        let mut expected: Vec<Busy> = events
            .iter()
            .filter(|e| !e.cancelled)
            .map(|e| Busy { start: e.starts_at, end: e.ends_at })
            .filter(|b| b.end > from && b.start < to)
            .collect();
        expected.sort();
        prop_assert_eq!(busy_times(&ics, chrono_tz::UTC, from, to), expected);
    }
}

/// Found while writing `any_feed_gives_sorted_intervals_inside_the_window`:
/// a DURATION beyond chrono's range panicked (`Duration::weeks`), and one
/// just inside it overflowed the window's start.
#[test]
fn a_huge_duration_is_read_without_panicking() {
    let (from, to) = (utc("2027-03-01T00:00:00Z"), utc("2027-05-01T00:00:00Z"));
    let feed =
        |d: &str| format!("BEGIN:VEVENT\nDTSTART:20270316T100000Z\nDURATION:{d}\nEND:VEVENT\n");
    assert!(busy_times(&feed("P99999999999999W"), chrono_tz::UTC, from, to).is_empty());
    let busy = busy_times(&feed("P1000000000W"), chrono_tz::UTC, from, to);
    assert_eq!(busy.len(), 1);
    assert_eq!(busy[0].start, utc("2027-03-16T10:00:00Z"));
    assert_eq!(busy[0].end, DateTime::<Utc>::MAX_UTC);
}
