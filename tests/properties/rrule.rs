//! Webinar series: `series::expand` on arbitrary rules, and on rules built
//! from a model (FREQ, INTERVAL, BYDAY, COUNT or UNTIL).

use chrono::{DateTime, Datelike, Duration, LocalResult, TimeZone as _, Utc, Weekday};
use onetomany::domain::series::{MAX_OCCURRENCES, expand};
use onetomany::domain::timezone::TimeZone;
use proptest::prelude::*;

use crate::inputs;

/// Rule-shaped text: known and unknown parts, odd values, huge numbers.
fn rule_text() -> impl Strategy<Value = String> {
    let name = prop::sample::select(vec![
        "FREQ",
        "INTERVAL",
        "COUNT",
        "UNTIL",
        "BYDAY",
        "BYMONTHDAY",
        "BYSETPOS",
        "BYHOUR",
        "BYWEEKNO",
        "BYYEARDAY",
        "WKST",
        "X-NAME",
        "freq",
        "",
    ]);
    let value = prop_oneof![
        prop::sample::select(vec![
            "DAILY",
            "WEEKLY",
            "MONTHLY",
            "YEARLY",
            "SECONDLY",
            "HOURLY",
            "0",
            "-1",
            "1",
            "104",
            "105",
            "4294967296",
            "99999999999999999999",
            "TU",
            "MO,WE,FR",
            "-1FR",
            "+53MO",
            "20300101T000000Z",
            "20300101",
            "19700101T000000",
            "99991231T235959Z",
            "",
            "=",
            "ü",
            "\u{0}",
        ])
        .prop_map(str::to_owned),
        "[-+,0-9A-Z]{0,12}",
    ];
    let part = (name, value).prop_map(|(n, v)| format!("{n}={v}"));
    prop_oneof![
        prop::collection::vec(part, 0..7).prop_map(|p| p.join(";")),
        ".{0,80}",
        inputs::text(80),
    ]
}

#[derive(Debug, Clone)]
enum End {
    Count(u32),
    /// Days after the first occurrence.
    Until(i64),
}

#[derive(Debug, Clone)]
struct Rule {
    freq: &'static str,
    interval: u32,
    byday: Vec<Weekday>,
    end: End,
}

impl Rule {
    fn text(&self, first: DateTime<Utc>) -> String {
        let mut parts = vec![format!("FREQ={}", self.freq)];
        if self.interval != 1 {
            parts.push(format!("INTERVAL={}", self.interval));
        }
        if !self.byday.is_empty() {
            let days: Vec<String> = self
                .byday
                .iter()
                .map(|d| d.to_string()[..2].to_ascii_uppercase())
                .collect();
            parts.push(format!("BYDAY={}", days.join(",")));
        }
        match self.end {
            End::Count(n) => parts.push(format!("COUNT={n}")),
            End::Until(days) => parts.push(format!(
                "UNTIL={}",
                (first + Duration::days(days)).format("%Y%m%dT%H%M%SZ")
            )),
        }
        parts.join(";")
    }
}

fn weekday() -> impl Strategy<Value = Weekday> {
    (0u8..7).prop_map(|n| Weekday::try_from(n).expect("0 to 6"))
}

fn model() -> impl Strategy<Value = Rule> {
    let freq = prop::sample::select(vec!["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]);
    let end = prop_oneof![
        (1u32..=MAX_OCCURRENCES as u32).prop_map(End::Count),
        (0i64..800).prop_map(End::Until),
    ];
    (freq, 1u32..=4, prop::collection::vec(weekday(), 0..3), end).prop_map(
        |(freq, interval, mut byday, end)| {
            byday.sort_by_key(Weekday::num_days_from_monday);
            byday.dedup();
            // BYDAY only where it picks days of each period (DAILY, WEEKLY).
            if !matches!(freq, "DAILY" | "WEEKLY") {
                byday.clear();
            }
            Rule {
                freq,
                interval,
                byday,
                end,
            }
        },
    )
}

proptest! {
    #![proptest_config(crate::config())]

    /// Any rule text gives either an error or 1 to MAX_OCCURRENCES
    /// increasing occurrences; never a panic, never an endless series.
    #[test]
    fn any_rule_is_refused_or_bounded(rule in rule_text(), first in inputs::instant(), zone in inputs::zone()) {
        if let Ok(starts) = expand(&rule, first, TimeZone(zone)) {
            prop_assert!(!starts.is_empty() && starts.len() <= MAX_OCCURRENCES);
            prop_assert!(starts.windows(2).all(|w| w[0] < w[1]));
        }
    }

    /// A rule built from the model gives what the model says: increasing
    /// starts from `first` on, at the first's local wall-clock time in its
    /// zone (across DST), on the rule's days, COUNT of them or none after
    /// UNTIL.
    #[test]
    fn a_modelled_rule_keeps_count_until_days_and_local_time(rule in model(), first in inputs::instant(), zone in inputs::zone()) {
        // The first session is an occurrence of its own rule.
        let local_first = first.with_timezone(&zone);
        let mut rule = rule;
        if !rule.byday.is_empty() && !rule.byday.contains(&local_first.weekday()) {
            rule.byday.push(local_first.weekday());
        }
        let text = rule.text(first);
        let result = expand(&text, first, TimeZone(zone));
        let starts = match (&rule.end, result) {
            (_, Ok(starts)) => starts,
            // Only an UNTIL far enough away may give too many occurrences.
            (End::Until(_), Err(e)) if e.contains("at most") => return Ok(()),
            (_, Err(e)) => return Err(TestCaseError::fail(format!("{text}: {e}"))),
        };
        prop_assert_eq!(starts[0], first, "{}", text);
        prop_assert!(starts.windows(2).all(|w| w[0] < w[1]), "{}", text);
        match rule.end {
            End::Count(n) => prop_assert_eq!(starts.len(), n as usize, "{}", text),
            End::Until(days) => {
                let until = first + Duration::days(days);
                prop_assert!(starts.iter().all(|s| *s <= until), "{}", text);
            }
        }
        let wall = local_first.time();
        for s in &starts {
            let local = s.with_timezone(&zone);
            match zone.from_local_datetime(&local.date_naive().and_time(wall)) {
                // The wall-clock time exists that day: the occurrence is at it
                // (the earlier one when it exists twice).
                LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => {
                    prop_assert_eq!(t.with_timezone(&Utc), *s, "{}", text);
                }
                // In a spring-forward gap: moved forward, the same day.
                LocalResult::None => prop_assert!(local.time() > wall, "{}", text),
            }
            if rule.byday.is_empty() && rule.freq == "WEEKLY" {
                prop_assert_eq!(local.weekday(), local_first.weekday());
            } else if !rule.byday.is_empty() {
                prop_assert!(rule.byday.contains(&local.weekday()), "{}", text);
            }
        }
        if rule.freq == "DAILY" && rule.byday.is_empty() {
            for w in starts.windows(2) {
                let days = (w[1].with_timezone(&zone).date_naive() - w[0].with_timezone(&zone).date_naive()).num_days();
                prop_assert_eq!(days, i64::from(rule.interval));
            }
        }
    }
}
