//! Weekly availability in the owner's own zone, dated exceptions, and the
//! one-hour slots cut from them. Local wall-clock windows become UTC
//! intervals day by day, so a 09:00 Berlin window is 08:00 UTC in winter and
//! 07:00 UTC in summer, change days included. A local time that does not
//! exist (spring-forward gap) counts from the first time after the gap; one
//! that exists twice (fall-back) is its earlier instant.

use std::collections::BTreeMap;

use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset,
    TimeZone as _, Utc, Weekday,
};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::timezone::TimeZone;
use super::validation::{ValidationErrors, Validator, checked};

pub const SLOT: Duration = Duration::hours(1);
pub const WINDOWS_MAX: usize = 50;
pub const EXCEPTIONS_MAX: usize = 400;

/// A weekly window as the API shows it: `{"day": "mon", "start": "09:00", "end": "12:00"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct WindowDto {
    /// mon, tue, wed, thu, fri, sat or sun.
    pub day: String,
    /// HH:MM, local time.
    pub start: String,
    /// HH:MM, local time, after `start`.
    pub end: String,
}

/// A dated exception: without times the day is blocked; with times they
/// replace that day's weekly windows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ExceptionDto {
    /// YYYY-MM-DD.
    pub date: String,
    pub start: Option<String>,
    pub end: Option<String>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct AvailabilityRequest {
    pub timezone: String,
    #[serde(default)]
    pub weekly: Vec<WindowDto>,
    #[serde(default)]
    pub exceptions: Vec<ExceptionDto>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub day: Weekday,
    pub start: NaiveTime,
    pub end: NaiveTime,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Availability {
    pub timezone: TimeZone,
    pub weekly: Vec<Window>,
    /// Per date: no windows = blocked; else these windows instead of the week's.
    pub exceptions: BTreeMap<NaiveDate, Vec<(NaiveTime, NaiveTime)>>,
}

const DAYS: [(&str, Weekday); 7] = [
    ("mon", Weekday::Mon),
    ("tue", Weekday::Tue),
    ("wed", Weekday::Wed),
    ("thu", Weekday::Thu),
    ("fri", Weekday::Fri),
    ("sat", Weekday::Sat),
    ("sun", Weekday::Sun),
];

pub fn parse_day(raw: &str) -> Result<Weekday, String> {
    let key = raw.trim().to_ascii_lowercase();
    DAYS.iter()
        .find(|(name, _)| key == *name)
        .map(|(_, d)| *d)
        .ok_or_else(|| format!("unknown day {raw:?}: use mon, tue, wed, thu, fri, sat or sun"))
}

pub fn day_name(day: Weekday) -> &'static str {
    DAYS.iter()
        .find(|(_, d)| *d == day)
        .map_or("mon", |(n, _)| n)
}

pub fn parse_time(raw: &str) -> Result<NaiveTime, String> {
    let raw = raw.trim();
    if raw.len() != 5 {
        return Err(format!("{raw:?} is not a time such as 09:00"));
    }
    NaiveTime::parse_from_str(raw, "%H:%M")
        .map_err(|_| format!("{raw:?} is not a time such as 09:00"))
}

fn parse_span(start: &str, end: &str) -> Result<(NaiveTime, NaiveTime), String> {
    let (start, end) = (parse_time(start)?, parse_time(end)?);
    if end <= start {
        return Err("end must be after start".into());
    }
    Ok((start, end))
}

fn overlaps(spans: &[(NaiveTime, NaiveTime)]) -> bool {
    let mut sorted = spans.to_vec();
    sorted.sort();
    sorted.windows(2).any(|w| w[1].0 < w[0].1)
}

/// Parses weekly windows (used for CSM availability and for a customer's
/// preferred times); windows of one day may not overlap.
pub fn parse_windows(field: &str, raw: &[WindowDto], v: &mut Validator) -> Vec<Window> {
    if raw.len() > WINDOWS_MAX {
        v.fail(field, format!("at most {WINDOWS_MAX} windows"));
    }
    let mut out = Vec::new();
    for (i, w) in raw.iter().enumerate() {
        let name = format!("{field}[{i}]");
        let day = v.check(&name, parse_day(&w.day));
        let span = v.check(&name, parse_span(&w.start, &w.end));
        if let (Some(day), Some((start, end))) = (day, span) {
            let same_day: Vec<_> = out
                .iter()
                .filter(|o: &&Window| o.day == day)
                .map(|o| (o.start, o.end))
                .collect();
            if overlaps(&[same_day, vec![(start, end)]].concat()) {
                v.fail(&name, "overlaps another window on the same day");
            } else {
                out.push(Window { day, start, end });
            }
        }
    }
    out
}

impl Availability {
    pub fn parse(req: &AvailabilityRequest) -> Result<Self, ValidationErrors> {
        let mut v = Validator::new();
        let timezone = v.check("timezone", TimeZone::parse(&req.timezone));
        let weekly = parse_windows("weekly", &req.weekly, &mut v);
        if req.exceptions.len() > EXCEPTIONS_MAX {
            v.fail("exceptions", format!("at most {EXCEPTIONS_MAX} exceptions"));
        }
        let mut exceptions: BTreeMap<NaiveDate, Vec<(NaiveTime, NaiveTime)>> = BTreeMap::new();
        let mut blocked = Vec::new();
        for (i, e) in req.exceptions.iter().enumerate() {
            let name = format!("exceptions[{i}]");
            let Some(date) = v.check(
                &name,
                NaiveDate::parse_from_str(e.date.trim(), "%Y-%m-%d")
                    .map_err(|_| format!("{:?} is not a date such as 2027-03-29", e.date)),
            ) else {
                continue;
            };
            match (&e.start, &e.end) {
                (None, None) => {
                    if exceptions.get(&date).is_some_and(|w| !w.is_empty())
                        || blocked.contains(&date)
                    {
                        v.fail(&name, "this date already has an exception");
                    }
                    blocked.push(date);
                    exceptions.entry(date).or_default();
                }
                (Some(s), Some(en)) => {
                    let Some(span) = v.check(&name, parse_span(s, en)) else {
                        continue;
                    };
                    if blocked.contains(&date) {
                        v.fail(&name, "this date is already blocked");
                        continue;
                    }
                    let spans = exceptions.entry(date).or_default();
                    if overlaps(&[spans.clone(), vec![span]].concat()) {
                        v.fail(&name, "overlaps another exception on the same date");
                    } else {
                        spans.push(span);
                    }
                }
                _ => v.fail(
                    &name,
                    "give both start and end, or neither to block the day",
                ),
            }
        }
        v.finish()?;
        Ok(Self {
            timezone: checked(timezone, "timezone")?,
            weekly,
            exceptions,
        })
    }

    /// The windows of one local date.
    pub fn windows_on(&self, date: NaiveDate) -> Vec<(NaiveTime, NaiveTime)> {
        if let Some(spans) = self.exceptions.get(&date) {
            return spans.clone();
        }
        self.weekly
            .iter()
            .filter(|w| w.day == date.weekday())
            .map(|w| (w.start, w.end))
            .collect()
    }

    /// Start instants of the one-hour slots that begin in `[from, to)`.
    pub fn slots(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<DateTime<Utc>> {
        let mut out = Vec::new();
        for (start, end) in local_intervals(self.timezone.0, from, to, |d| self.windows_on(d)) {
            let mut t = start;
            while t + SLOT <= end {
                if t >= from && t < to {
                    out.push(t);
                }
                t += SLOT;
            }
        }
        out
    }

    pub fn to_dtos(&self) -> (Vec<WindowDto>, Vec<ExceptionDto>) {
        let fmt = |t: NaiveTime| t.format("%H:%M").to_string();
        let weekly = self
            .weekly
            .iter()
            .map(|w| WindowDto {
                day: day_name(w.day).to_owned(),
                start: fmt(w.start),
                end: fmt(w.end),
            })
            .collect();
        let mut exceptions = Vec::new();
        for (date, spans) in &self.exceptions {
            let date = date.format("%Y-%m-%d").to_string();
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
                    start: Some(fmt(*s)),
                    end: Some(fmt(*e)),
                });
            }
        }
        (weekly, exceptions)
    }
}

/// The one-hour slots of `starts` that overlap none of the busy intervals
/// `[start, end)` in `busy`, which must be sorted by start.
pub fn without_busy(
    starts: Vec<DateTime<Utc>>,
    busy: &[(DateTime<Utc>, DateTime<Utc>)],
) -> Vec<DateTime<Utc>> {
    starts
        .into_iter()
        .filter(|&s| {
            let e = s + SLOT;
            // Sorted by start: only intervals starting before the slot's end
            // can overlap it.
            let upto = busy.partition_point(|(bs, _)| *bs < e);
            !busy[..upto].iter().any(|(_, be)| *be > s)
        })
        .collect()
}

/// Local wall-clock → instant, by the module's DST rule.
pub fn resolve(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(earlier, _) => earlier.with_timezone(&Utc),
        // In a gap: read with the offset from before the gap, i.e. shifted
        // forward by it. A time inside the gap, read with one of the two
        // offsets around it, falls on the side of the other one; so two
        // reads give both, and the one before the gap is the smaller. (Any
        // fixed look-back misses it somewhere: three hours back in UTC is
        // already after a spring-forward in Sydney.)
        LocalResult::None => {
            let offset_read_with = |seconds: i32| {
                tz.offset_from_utc_datetime(&(local - Duration::seconds(i64::from(seconds))))
                    .fix()
                    .local_minus_utc()
            };
            let first =
                offset_read_with(tz.offset_from_utc_datetime(&local).fix().local_minus_utc());
            let before = first.min(offset_read_with(first));
            Utc.from_utc_datetime(&(local - Duration::seconds(i64::from(before))))
        }
    }
}

/// The UTC intervals of the daily windows given by `windows_on`, for every
/// local date that can touch `[from, to)`, in time order.
pub fn local_intervals(
    tz: Tz,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    windows_on: impl Fn(NaiveDate) -> Vec<(NaiveTime, NaiveTime)>,
) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let mut out = Vec::new();
    if to <= from {
        return out;
    }
    let first = from.with_timezone(&tz).date_naive() - Duration::days(1);
    let last = to.with_timezone(&tz).date_naive() + Duration::days(1);
    let mut date = first;
    while date <= last {
        let mut spans = windows_on(date);
        spans.sort();
        for (start, end) in spans {
            let (s, e) = (
                resolve(tz, date.and_time(start)),
                resolve(tz, date.and_time(end)),
            );
            if e > s && e > from && s < to {
                out.push((s, e));
            }
        }
        date += Duration::days(1);
    }
    out.sort();
    out
}

/// A customer's preferred weekly windows in their zone, as UTC intervals.
pub fn preferred_intervals(
    tz: Tz,
    windows: &[Window],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    local_intervals(tz, from, to, |d| {
        windows
            .iter()
            .filter(|w| w.day == d.weekday())
            .map(|w| (w.start, w.end))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use chrono::Timelike;

    use super::*;

    fn req(
        tz: &str,
        weekly: &[(&str, &str, &str)],
        exceptions: &[(&str, Option<&str>, Option<&str>)],
    ) -> AvailabilityRequest {
        AvailabilityRequest {
            timezone: tz.into(),
            weekly: weekly
                .iter()
                .map(|(d, s, e)| WindowDto {
                    day: (*d).into(),
                    start: (*s).into(),
                    end: (*e).into(),
                })
                .collect(),
            exceptions: exceptions
                .iter()
                .map(|(d, s, e)| ExceptionDto {
                    date: (*d).into(),
                    start: s.map(Into::into),
                    end: e.map(Into::into),
                })
                .collect(),
        }
    }

    fn day(y: i32, m: u32, d: u32) -> (DateTime<Utc>, DateTime<Utc>) {
        let start = Utc
            .with_ymd_and_hms(y, m, d, 0, 0, 0)
            .single()
            .expect("date");
        (start, start + Duration::days(1))
    }

    /// A wall-clock time that does not exist (the hour skipped in spring)
    /// is read with the offset from before the skip, so it lands that far
    /// after the skip, east and west of Greenwich alike.
    #[test]
    fn a_skipped_local_time_lands_after_the_skip_in_every_hemisphere() {
        let at = |zone: &str, local: &str| {
            let tz: Tz = zone.parse().expect("zone");
            let local = NaiveDateTime::parse_from_str(local, "%Y-%m-%d %H:%M").expect("local");
            resolve(tz, local).to_rfc3339()
        };
        // Sydney, 3 October 2027: 02:00 AEST (+10) jumps to 03:00 AEDT.
        assert_eq!(
            at("Australia/Sydney", "2027-10-03 02:30"),
            "2027-10-02T16:30:00+00:00"
        );
        // Lord Howe skips half an hour (+10:30 to +11) at 02:00.
        assert_eq!(
            at("Australia/Lord_Howe", "2027-10-03 02:15"),
            "2027-10-02T15:45:00+00:00"
        );
        assert_eq!(
            at("Europe/Berlin", "2027-03-28 02:30"),
            "2027-03-28T01:30:00+00:00"
        );
        assert_eq!(
            at("America/New_York", "2027-03-14 02:30"),
            "2027-03-14T07:30:00+00:00"
        );
        // A time that exists is read as it is.
        assert_eq!(
            at("Australia/Sydney", "2027-10-03 03:30"),
            "2027-10-02T16:30:00+00:00"
        );
    }

    #[test]
    fn berlin_mornings_follow_dst_on_the_change_days() {
        let a = Availability::parse(&req(
            "Europe/Berlin",
            &[("sun", "09:00", "12:00"), ("sat", "09:00", "10:00")],
            &[],
        ))
        .expect("valid");
        // Saturday before the change (winter) and the change Sunday itself.
        let (f, t) = day(2027, 3, 27);
        assert_eq!(
            a.slots(f, t).iter().map(|s| s.hour()).collect::<Vec<_>>(),
            [8]
        );
        let (f, t) = day(2027, 3, 28);
        assert_eq!(
            a.slots(f, t).iter().map(|s| s.hour()).collect::<Vec<_>>(),
            [7, 8, 9]
        );
        // Back to winter time on 31 October 2027.
        let (f, t) = day(2027, 10, 31);
        assert_eq!(
            a.slots(f, t).iter().map(|s| s.hour()).collect::<Vec<_>>(),
            [8, 9, 10]
        );
    }

    #[test]
    fn new_york_follows_us_dst() {
        let a = Availability::parse(&req("America/New_York", &[("sun", "09:00", "11:00")], &[]))
            .expect("valid");
        let (f, t) = day(2027, 3, 14); // second Sunday of March
        assert_eq!(
            a.slots(f, t).iter().map(|s| s.hour()).collect::<Vec<_>>(),
            [13, 14]
        );
        let (f, t) = day(2027, 11, 7); // first Sunday of November
        assert_eq!(
            a.slots(f, t).iter().map(|s| s.hour()).collect::<Vec<_>>(),
            [14, 15]
        );
    }

    #[test]
    fn a_night_window_across_the_gap_has_only_real_hours() {
        let a = Availability::parse(&req("Europe/Berlin", &[("sun", "01:00", "04:00")], &[]))
            .expect("valid");
        let (f, t) = day(2027, 3, 28);
        // 01:00 CET to 04:00 CEST is two real hours.
        assert_eq!(a.slots(f, t).len(), 2);
    }

    #[test]
    fn exceptions_block_or_replace_a_day() {
        let a = Availability::parse(&req(
            "UTC",
            &[("mon", "09:00", "12:00")],
            &[
                ("2027-03-29", None, None),
                ("2027-04-05", Some("14:00"), Some("16:00")),
            ],
        ))
        .expect("valid");
        let (f, t) = day(2027, 3, 29);
        assert!(a.slots(f, t).is_empty());
        let (f, t) = day(2027, 4, 5);
        assert_eq!(
            a.slots(f, t).iter().map(|s| s.hour()).collect::<Vec<_>>(),
            [14, 15]
        );
        let (f, t) = day(2027, 4, 12);
        assert_eq!(a.slots(f, t).len(), 3);
    }

    #[test]
    fn half_hour_starts_are_cut_from_the_window_start() {
        let a = Availability::parse(&req("UTC", &[("mon", "09:30", "12:00")], &[])).expect("valid");
        let (f, t) = day(2027, 4, 12);
        let starts: Vec<_> = a
            .slots(f, t)
            .iter()
            .map(|s| (s.hour(), s.minute()))
            .collect();
        assert_eq!(starts, [(9, 30), (10, 30)]);
    }

    #[test]
    fn invalid_windows_are_reported() {
        let err = Availability::parse(&req(
            "Mars/Base",
            &[
                ("mon", "12:00", "09:00"),
                ("funday", "09:00", "10:00"),
                ("tue", "09:00", "12:00"),
                ("tue", "11:00", "13:00"),
            ],
            &[
                ("2027-13-01", None, None),
                ("2027-04-01", Some("10:00"), None),
            ],
        ))
        .expect_err("invalid");
        let fields: Vec<_> = err.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "timezone",
                "weekly[0]",
                "weekly[1]",
                "weekly[3]",
                "exceptions[0]",
                "exceptions[1]"
            ]
        );
    }
}
