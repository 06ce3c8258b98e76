//! Weekly availability: parsing arbitrary input, and the one-hour slots cut
//! from generated weekly hours and exceptions, across DST.

use std::collections::BTreeMap;

use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset,
    TimeZone as _, Utc, Weekday,
};
use chrono_tz::Tz;
use onetomany::domain::availability::{Availability, AvailabilityRequest, ExceptionDto, WindowDto};
use proptest::prelude::*;

use crate::inputs;

fn hhmm(quarter: u32) -> String {
    format!("{:02}:{:02}", quarter / 4, quarter % 4 * 15)
}

/// Non-overlapping spans of one day, on quarter hours (00:00 to 23:45).
fn spans() -> impl Strategy<Value = Vec<(u32, u32)>> {
    prop::collection::btree_set(0u32..96, 0..7).prop_map(|bounds| {
        let b: Vec<u32> = bounds.into_iter().collect();
        b.chunks_exact(2).map(|c| (c[0], c[1])).collect()
    })
}

const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

#[derive(Debug, Clone)]
struct Model {
    zone: Tz,
    /// Per weekday (Monday first), the windows in quarter hours.
    weekly: Vec<Vec<(u32, u32)>>,
    /// Per day after `from`'s local date: blocked (empty) or replacement spans.
    exceptions: BTreeMap<i64, Vec<(u32, u32)>>,
    from: DateTime<Utc>,
    hours: i64,
}

fn model() -> impl Strategy<Value = Model> {
    (
        inputs::zone(),
        prop::collection::vec(spans(), 7),
        prop::collection::btree_map(-1i64..12, spans(), 0..4),
        // Near the 2027 DST changes of both hemispheres (Sydney and Lord
        // Howe skip an hour on 3 October), or anywhere.
        prop_oneof![
            (0i64..14 * 24).prop_map(|h| utc("2027-03-20T00:00:00Z") + Duration::hours(h)),
            (0i64..14 * 24).prop_map(|h| utc("2027-09-28T00:00:00Z") + Duration::hours(h)),
            (0i64..14 * 24).prop_map(|h| utc("2027-03-30T00:00:00Z") + Duration::hours(h)),
            (0i64..14 * 24).prop_map(|h| utc("2027-10-25T00:00:00Z") + Duration::hours(h)),
            inputs::instant(),
        ],
        1i64..10 * 24,
    )
        .prop_map(|(zone, weekly, exceptions, from, hours)| Model {
            zone,
            weekly,
            exceptions,
            from,
            hours,
        })
}

fn utc(s: &str) -> DateTime<Utc> {
    s.parse().expect("an instant")
}

impl Model {
    fn first_date(&self) -> NaiveDate {
        self.from.with_timezone(&self.zone).date_naive()
    }

    fn request(&self) -> AvailabilityRequest {
        let weekly = self
            .weekly
            .iter()
            .zip(DAYS)
            .flat_map(|(spans, day)| {
                spans.iter().map(move |(s, e)| WindowDto {
                    day: day.into(),
                    start: hhmm(*s),
                    end: hhmm(*e),
                })
            })
            .collect();
        let mut exceptions = Vec::new();
        for (offset, spans) in &self.exceptions {
            let date = (self.first_date() + Duration::days(*offset))
                .format("%Y-%m-%d")
                .to_string();
            if spans.is_empty() {
                exceptions.push(ExceptionDto {
                    date: date.clone(),
                    start: None,
                    end: None,
                });
            }
            for (s, e) in spans {
                exceptions.push(ExceptionDto {
                    date: date.clone(),
                    start: Some(hhmm(*s)),
                    end: Some(hhmm(*e)),
                });
            }
        }
        AvailabilityRequest {
            timezone: self.zone.name().into(),
            weekly,
            exceptions,
        }
    }

    fn spans_on(&self, date: NaiveDate) -> Vec<(u32, u32)> {
        let offset = (date - self.first_date()).num_days();
        match self.exceptions.get(&offset) {
            Some(spans) => spans.clone(),
            None => self.weekly[date.weekday().num_days_from_monday() as usize].clone(),
        }
    }

    /// The instant of a local wall-clock time: the earlier of two; inside a
    /// spring-forward gap, shifted forward by the gap (read with the offset
    /// in force before it: that of the last wall-clock minute before the
    /// gap, found by walking back a minute at a time).
    fn instant(&self, local: NaiveDateTime) -> DateTime<Utc> {
        match self.zone.from_local_datetime(&local) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
            LocalResult::None => {
                let mut earlier = local;
                let before = loop {
                    earlier -= Duration::minutes(1);
                    if let Some(t) = self.zone.from_local_datetime(&earlier).latest() {
                        break t.offset().fix();
                    }
                };
                (local - Duration::seconds(i64::from(before.local_minus_utc()))).and_utc()
            }
        }
    }

    /// The slots the model expects: every whole hour from each window's
    /// start that ends by the window's end, starting in `[from, to)`.
    fn slots(&self) -> Vec<DateTime<Utc>> {
        let to = self.from + Duration::hours(self.hours);
        let mut out = Vec::new();
        let mut date = self.first_date() - Duration::days(2);
        while date <= to.with_timezone(&self.zone).date_naive() + Duration::days(2) {
            for (s, e) in self.spans_on(date) {
                let at = |q: u32| {
                    let time = NaiveTime::from_hms_opt(q / 4, q % 4 * 15, 0).expect("a time");
                    self.instant(date.and_time(time))
                };
                let (start, end) = (at(s), at(e));
                let mut t = start;
                while t + Duration::hours(1) <= end {
                    if t >= self.from && t < to {
                        out.push(t);
                    }
                    t += Duration::hours(1);
                }
            }
            date += Duration::days(1);
        }
        out.sort();
        out
    }
}

fn any_window() -> impl Strategy<Value = WindowDto> {
    let time = prop_oneof!["[0-9]{2}:[0-9]{2}", "[ 0-9:]{0,7}", inputs::text(8)];
    let day = prop_oneof![
        prop::sample::select(DAYS.to_vec()).prop_map(str::to_owned),
        inputs::text(5)
    ];
    (day, time.clone(), time).prop_map(|(day, start, end)| WindowDto { day, start, end })
}

fn any_exception() -> impl Strategy<Value = ExceptionDto> {
    let time = prop_oneof!["[0-9]{2}:[0-9]{2}", inputs::text(6)];
    (
        prop_oneof!["20[0-9]{2}-[0-9]{2}-[0-9]{2}", inputs::text(12)],
        prop::option::of(time.clone()),
        prop::option::of(time),
    )
        .prop_map(|(date, start, end)| ExceptionDto { date, start, end })
}

proptest! {
    #![proptest_config(crate::config())]

    /// Any request is refused or parses to windows that each start before
    /// they end and never overlap on one day, and that read back the same.
    #[test]
    fn any_request_is_refused_or_well_formed(
        timezone in prop_oneof![Just("Europe/Berlin".to_owned()), inputs::text(20)],
        weekly in prop::collection::vec(any_window(), 0..8),
        exceptions in prop::collection::vec(any_exception(), 0..6),
    ) {
        let req = AvailabilityRequest { timezone, weekly, exceptions };
        if let Ok(a) = Availability::parse(&req) {
            for day in [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun] {
                let mut spans: Vec<_> = a.weekly.iter().filter(|w| w.day == day).map(|w| (w.start, w.end)).collect();
                spans.sort();
                prop_assert!(spans.iter().all(|(s, e)| s < e));
                prop_assert!(spans.windows(2).all(|w| w[0].1 <= w[1].0));
            }
            let (weekly, exceptions) = a.to_dtos();
            let again = Availability::parse(&AvailabilityRequest { timezone: req.timezone.clone(), weekly, exceptions });
            prop_assert_eq!(again.ok(), Some(a));
        }
    }

    /// Generated weekly hours and exceptions give exactly the slots of the
    /// model: whole hours inside the day's windows, read in the owner's zone
    /// on each date (DST change days included), in time order, none
    /// overlapping another.
    #[test]
    fn slots_are_the_whole_hours_inside_the_local_windows(m in model()) {
        let a = Availability::parse(&m.request()).expect("generated hours are valid");
        let to = m.from + Duration::hours(m.hours);
        let slots = a.slots(m.from, to);
        prop_assert!(slots.windows(2).all(|w| w[0] + Duration::hours(1) <= w[1]), "{:?}", slots);
        prop_assert_eq!(slots, m.slots());
    }
}
