//! A CSM's calendar in: the busy times of an ICS feed (RFC 5545), as UTC
//! intervals within a window. Recurring events (RRULE, with EXDATE) are
//! expanded in their own TZID zone, so a weekly 10:00 in Berlin stays at
//! 10:00 Berlin across DST; TRANSP:TRANSPARENT and STATUS:CANCELLED events
//! are free time. Floating times (no zone) are read in `floating`, the
//! CSM's own zone. Only the few properties that decide busy time are read.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use rrule::RRuleSet;

/// Most occurrences taken from one recurring event within the window.
const MAX_OCCURRENCES: u16 = 1000;

/// One busy interval, in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Busy {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// A property line: name, parameters, value.
struct Line {
    name: String,
    params: Vec<(String, String)>,
    value: String,
}

impl Line {
    fn param(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }
}

/// Unfolds continuation lines (RFC 5545 §3.1) and splits each line.
fn lines(text: &str) -> Vec<Line> {
    let mut unfolded: Vec<String> = Vec::new();
    for raw in text.split('\n') {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if let Some(rest) = raw.strip_prefix([' ', '\t']) {
            if let Some(last) = unfolded.last_mut() {
                last.push_str(rest);
            }
        } else if !raw.is_empty() {
            unfolded.push(raw.to_owned());
        }
    }
    unfolded
        .into_iter()
        .filter_map(|l| {
            let (head, value) = l.split_once(':')?;
            let mut parts = head.split(';');
            let name = parts.next()?.trim().to_ascii_uppercase();
            let params = parts
                .filter_map(|p| {
                    let (k, v) = p.split_once('=')?;
                    Some((
                        k.trim().to_ascii_uppercase(),
                        v.trim_matches('"').to_owned(),
                    ))
                })
                .collect();
            Some(Line {
                name,
                params,
                value: value.trim().to_owned(),
            })
        })
        .collect()
}

/// A start or end: a date (all day) or a date-time in a zone.
#[derive(Debug, Clone, Copy)]
enum When {
    Day(NaiveDate, Tz),
    At(NaiveDateTime, Tz),
}

impl When {
    fn parse(line: &Line, floating: Tz) -> Option<Self> {
        let v = line.value.as_str();
        if line
            .param("VALUE")
            .is_some_and(|p| p.eq_ignore_ascii_case("DATE"))
            || v.len() == 8
        {
            let day = NaiveDate::parse_from_str(v, "%Y%m%d").ok()?;
            return Some(Self::Day(day, floating));
        }
        let (local, zone) = match v.strip_suffix('Z') {
            Some(utc) => (utc, chrono_tz::UTC),
            None => (
                v,
                line.param("TZID")
                    .and_then(|z| z.parse::<Tz>().ok())
                    .unwrap_or(floating),
            ),
        };
        let at = NaiveDateTime::parse_from_str(local, "%Y%m%dT%H%M%S").ok()?;
        Some(Self::At(at, zone))
    }

    fn zone(self) -> Tz {
        match self {
            Self::Day(_, z) | Self::At(_, z) => z,
        }
    }

    fn local(self) -> NaiveDateTime {
        match self {
            Self::Day(d, _) => d.and_time(chrono::NaiveTime::MIN),
            Self::At(t, _) => t,
        }
    }

    fn instant(self) -> Option<DateTime<Utc>> {
        let zone = self.zone();
        let local = self.local();
        // A gap (spring forward) moves on by an hour; an overlap takes the earlier.
        zone.from_local_datetime(&local)
            .earliest()
            .or_else(|| {
                zone.from_local_datetime(&(local + Duration::hours(1)))
                    .earliest()
            })
            .map(|t| t.with_timezone(&Utc))
    }
}

/// `PT1H30M`, `P1D`, `-PT15M` as a duration (weeks, days, hours, minutes, seconds).
fn duration(v: &str) -> Option<Duration> {
    let (sign, rest) = match v.strip_prefix('-') {
        Some(r) => (-1, r),
        None => (1, v.strip_prefix('+').unwrap_or(v)),
    };
    let rest = rest.strip_prefix('P')?;
    let mut total = Duration::zero();
    let mut number = String::new();
    for c in rest.chars() {
        match c {
            '0'..='9' => number.push(c),
            'T' => {}
            unit => {
                let n: i64 = number.parse().ok()?;
                number.clear();
                // Beyond chrono's range (a few hundred million years) the
                // duration is unreadable, not a panic.
                let part = match unit {
                    'W' => Duration::try_weeks(n),
                    'D' => Duration::try_days(n),
                    'H' => Duration::try_hours(n),
                    'M' => Duration::try_minutes(n),
                    'S' => Duration::try_seconds(n),
                    _ => None,
                }?;
                total = total.checked_add(&part)?;
            }
        }
    }
    Some(total * sign)
}

/// The busy intervals of `ics` that overlap `[from, to)`, sorted.
pub fn busy_times(ics: &str, floating: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Busy> {
    let mut out = Vec::new();
    let mut event: Option<Vec<Line>> = None;
    for line in lines(ics) {
        match (line.name.as_str(), line.value.to_ascii_uppercase().as_str()) {
            ("BEGIN", "VEVENT") => event = Some(Vec::new()),
            ("END", "VEVENT") => {
                if let Some(props) = event.take() {
                    out.extend(event_busy(&props, floating, from, to));
                }
            }
            _ => {
                if let Some(props) = event.as_mut() {
                    props.push(line);
                }
            }
        }
    }
    out.sort();
    out
}

fn event_busy(props: &[Line], floating: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Busy> {
    let get = |name: &str| props.iter().find(|l| l.name == name);
    let says =
        |name: &str, value: &str| get(name).is_some_and(|l| l.value.eq_ignore_ascii_case(value));
    if says("TRANSP", "TRANSPARENT") || says("STATUS", "CANCELLED") {
        return Vec::new();
    }
    let Some(start) = get("DTSTART").and_then(|l| When::parse(l, floating)) else {
        return Vec::new();
    };
    let Some(first) = start.instant() else {
        return Vec::new();
    };
    let length = get("DTEND")
        .and_then(|l| When::parse(l, floating))
        .and_then(When::instant)
        .map(|end| end - first)
        .or_else(|| get("DURATION").and_then(|l| duration(&l.value)))
        .unwrap_or_else(|| match start {
            When::Day(..) => Duration::days(1),
            When::At(..) => Duration::zero(),
        });
    if length <= Duration::zero() {
        return Vec::new();
    }
    // A length past the end of time (a huge DURATION) lasts until then.
    let after = from
        .checked_sub_signed(length)
        .unwrap_or(DateTime::<Utc>::MIN_UTC);
    let starts: Vec<DateTime<Utc>> = match get("RRULE") {
        None => vec![first],
        Some(rule) => occurrences(props, start, &rule.value, after, to),
    };
    starts
        .into_iter()
        .map(|s| Busy {
            start: s,
            end: s
                .checked_add_signed(length)
                .unwrap_or(DateTime::<Utc>::MAX_UTC),
        })
        .filter(|b| b.end > from && b.start < to)
        .collect()
}

/// The starts of a recurring event between `after` and `before`, in its zone.
fn occurrences(
    props: &[Line],
    start: When,
    rule: &str,
    after: DateTime<Utc>,
    before: DateTime<Utc>,
) -> Vec<DateTime<Utc>> {
    let zone = start.zone();
    let stamp = |t: NaiveDateTime| t.format("%Y%m%dT%H%M%S").to_string();
    let mut text = format!(
        "DTSTART;TZID={}:{}\nRRULE:{}",
        zone.name(),
        stamp(start.local()),
        rule.to_ascii_uppercase()
    );
    for ex in props.iter().filter(|l| l.name == "EXDATE") {
        for v in ex.value.split(',') {
            let one = Line {
                name: "EXDATE".into(),
                params: ex.params.clone(),
                value: v.trim().to_owned(),
            };
            if let Some(t) = When::parse(&one, zone).and_then(When::instant) {
                text.push_str(&format!("\nEXDATE:{}", stamp(t.naive_utc()) + "Z"));
            }
        }
    }
    let Ok(set) = text.parse::<RRuleSet>() else {
        return Vec::new();
    };
    let tz = rrule::Tz::UTC;
    set.after(after.with_timezone(&tz))
        .before(before.with_timezone(&tz))
        .all(MAX_OCCURRENCES)
        .dates
        .iter()
        .map(|d| d.with_timezone(&Utc))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Berlin;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().expect("time")
    }

    const FEED: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n\
BEGIN:VEVENT\r\nUID:weekly\r\nDTSTART;TZID=Europe/Berlin:20270316T100000\r\n\
DTEND;TZID=Europe/Berlin:20270316T110000\r\nRRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=4\r\n\
EXDATE;TZID=Europe/Berlin:20270330T100000\r\nSUMMARY:Team\r\n  sync\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:free\r\nDTSTART:20270317T090000Z\r\nDTEND:20270317T100000Z\r\nTRANSP:TRANSPARENT\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:off\r\nDTSTART:20270318T090000Z\r\nDURATION:PT1H\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:once\r\nDTSTART:20270319T130000Z\r\nDURATION:PT30M\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";

    #[test]
    fn a_weekly_event_keeps_its_local_time_across_dst_and_free_events_are_free() {
        let busy = busy_times(
            FEED,
            Berlin,
            utc("2027-03-01T00:00:00Z"),
            utc("2027-05-01T00:00:00Z"),
        );
        let starts: Vec<String> = busy
            .iter()
            .map(|b| crate::domain::time::format(b.start))
            .collect();
        // 10:00 Berlin is 09:00 UTC before 28 March and 08:00 after; 30 March is excluded.
        assert_eq!(
            starts,
            [
                "2027-03-16T09:00:00.000Z",
                "2027-03-19T13:00:00.000Z",
                "2027-03-23T09:00:00.000Z",
                "2027-04-06T08:00:00.000Z",
            ]
        );
        assert_eq!(busy[0].end - busy[0].start, Duration::hours(1));
        assert_eq!(busy[1].end - busy[1].start, Duration::minutes(30));
    }

    #[test]
    fn only_the_window_is_expanded_and_all_day_events_fill_the_day() {
        let busy = busy_times(
            FEED,
            Berlin,
            utc("2027-04-01T00:00:00Z"),
            utc("2027-04-10T00:00:00Z"),
        );
        assert_eq!(busy.len(), 1);
        let day = "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270401\nEND:VEVENT\n";
        let busy = busy_times(
            day,
            Berlin,
            utc("2027-03-01T00:00:00Z"),
            utc("2027-05-01T00:00:00Z"),
        );
        assert_eq!(busy[0].start, utc("2027-03-31T22:00:00Z"));
        assert_eq!(busy[0].end, utc("2027-04-01T22:00:00Z"));
        assert!(
            busy_times(
                "not a calendar",
                Berlin,
                utc("2027-03-01T00:00:00Z"),
                utc("2027-05-01T00:00:00Z")
            )
            .is_empty()
        );
    }
}
