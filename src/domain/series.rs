//! Webinar series: an RFC 5545 RRULE expanded into occurrences that keep
//! their local wall-clock time in the webinar's zone across DST changes.
//!
//! A wall-clock time that does not exist on a day (the spring-forward gap)
//! moves forward by the gap's length; one that exists twice (fall-back)
//! takes the earlier instant, as RFC 5545 §3.3.5 prescribes.

use chrono::{DateTime, Utc};
use rrule::RRuleSet;

use super::timezone::TimeZone;

/// Most occurrences one series may have.
pub const MAX_OCCURRENCES: usize = 104;

const ALLOWED_FREQ: [&str; 4] = ["DAILY", "WEEKLY", "MONTHLY", "YEARLY"];

/// The start of every occurrence, in time order, from `first` on at its
/// local wall-clock time. `first` itself is the first of them unless the
/// rule leaves its day out (a BYDAY without `first`'s weekday): then the
/// series starts at the rule's first day after it.
pub fn expand(
    rule: &str,
    first: DateTime<Utc>,
    zone: TimeZone,
) -> Result<Vec<DateTime<Utc>>, String> {
    let rule = rule.trim();
    let rule = rule
        .strip_prefix("RRULE:")
        .unwrap_or(rule)
        .to_ascii_uppercase();
    if rule.contains(['\n', '\r', ':']) {
        return Err("give only the rule's parts, e.g. FREQ=WEEKLY;BYDAY=TU;COUNT=6".into());
    }
    let freq = rule
        .split(';')
        .find_map(|part| part.strip_prefix("FREQ="))
        .ok_or("needs FREQ, e.g. FREQ=WEEKLY")?;
    if !ALLOWED_FREQ.contains(&freq) {
        return Err(format!(
            "FREQ={freq} is not offered: use DAILY, WEEKLY, MONTHLY or YEARLY"
        ));
    }
    let local = first.with_timezone(&zone.0);
    let text = format!(
        "DTSTART;TZID={}:{}\nRRULE:{rule}",
        zone.name(),
        local.format("%Y%m%dT%H%M%S")
    );
    let set: RRuleSet = text
        .parse()
        .map_err(|e| format!("is not a valid RRULE: {e}"))?;
    let limit = u16::try_from(MAX_OCCURRENCES + 1).unwrap_or(u16::MAX);
    let result = set.all(limit);
    if result.dates.len() > MAX_OCCURRENCES {
        return Err(format!(
            "a series may have at most {MAX_OCCURRENCES} occurrences: add COUNT or an earlier UNTIL"
        ));
    }
    if result.dates.is_empty() {
        return Err("produces no occurrence".into());
    }
    Ok(result.dates.iter().map(|d| d.with_timezone(&Utc)).collect())
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone as _, Timelike};
    use chrono_tz::Europe::Berlin;

    use super::*;

    fn berlin() -> TimeZone {
        TimeZone(Berlin)
    }

    #[test]
    fn weekly_keeps_ten_oclock_berlin_across_the_spring_change() {
        // Tuesdays 10:00 Berlin from 17 March 2026; DST starts 29 March.
        let first = Berlin
            .with_ymd_and_hms(2026, 3, 17, 10, 0, 0)
            .single()
            .expect("valid")
            .with_timezone(&Utc);
        let starts = expand("FREQ=WEEKLY;BYDAY=TU;COUNT=4", first, berlin()).expect("valid");
        let utc_hours: Vec<u32> = starts.iter().map(|d| d.hour()).collect();
        assert_eq!(utc_hours, [9, 9, 8, 8]);
        assert!(starts.iter().all(|d| d.with_timezone(&Berlin).hour() == 10));
    }

    #[test]
    fn interval_until_and_monthly_work() {
        let first = Utc
            .with_ymd_and_hms(2030, 1, 1, 9, 0, 0)
            .single()
            .expect("valid");
        let every_other_day = expand(
            "FREQ=DAILY;INTERVAL=2;UNTIL=20300107T235959Z",
            first,
            berlin(),
        )
        .expect("valid");
        assert_eq!(every_other_day.len(), 4);
        let monthly = expand("RRULE:FREQ=MONTHLY;COUNT=3", first, berlin()).expect("valid");
        assert_eq!(monthly.len(), 3);
    }

    #[test]
    fn endless_or_huge_series_are_refused() {
        let first = Utc
            .with_ymd_and_hms(2030, 1, 1, 9, 0, 0)
            .single()
            .expect("valid");
        assert!(expand("FREQ=WEEKLY", first, berlin()).is_err());
        assert!(expand("FREQ=DAILY;COUNT=105", first, berlin()).is_err());
        assert!(expand("FREQ=DAILY;COUNT=104", first, berlin()).is_ok());
        assert!(expand("FREQ=SECONDLY;COUNT=3", first, berlin()).is_err());
        assert!(expand("FREQ=WEEKLY;BYDAY=XX;COUNT=2", first, berlin()).is_err());
        assert!(expand("COUNT=2", first, berlin()).is_err());
    }
}
