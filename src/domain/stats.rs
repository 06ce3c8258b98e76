//! Figures per topic and week, for charts over time: each webinar's
//! registrations and attendance counted in the week (Monday to Sunday)
//! its session started in.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};

/// What one webinar (or a sum of them) counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub registered: i64,
    pub confirmed: i64,
    pub attended: i64,
}

impl Tally {
    pub fn add(&mut self, other: Tally) {
        self.registered += other.registered;
        self.confirmed += other.confirmed;
        self.attended += other.attended;
    }

    /// Attended per confirmed seat; `None` with no confirmed seat.
    pub fn attendance_rate(&self) -> Option<f64> {
        (self.confirmed > 0).then(|| self.attended as f64 / self.confirmed as f64)
    }
}

/// The Monday of `day`'s week.
pub fn week_start(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// The Mondays of the weeks from `first`'s to `last`'s, both included.
pub fn weeks(first: NaiveDate, last: NaiveDate) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let mut week = week_start(first);
    while week <= last {
        out.push(week);
        week += Duration::weeks(1);
    }
    out
}

/// One topic's figures, one per week of the range.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicSeries {
    /// `None` for webinars without a topic.
    pub topic: Option<String>,
    pub weekly: Vec<Tally>,
}

impl TopicSeries {
    pub fn total(&self) -> Tally {
        let mut sum = Tally::default();
        for t in &self.weekly {
            sum.add(*t);
        }
        sum
    }
}

/// Sums `webinars` (topic, the local day the session started, figures)
/// per topic into the weeks of `weeks` (Mondays, ascending); sessions
/// outside them are left out. Topics in alphabetical order, the webinars
/// without a topic last.
pub fn per_topic_per_week(
    weeks: &[NaiveDate],
    webinars: impl IntoIterator<Item = (Option<String>, NaiveDate, Tally)>,
) -> Vec<TopicSeries> {
    let mut topics: BTreeMap<(bool, Option<String>), Vec<Tally>> = BTreeMap::new();
    for (topic, day, tally) in webinars {
        let Ok(i) = weeks.binary_search(&week_start(day)) else {
            continue;
        };
        let weekly = topics
            .entry((topic.is_none(), topic))
            .or_insert_with(|| vec![Tally::default(); weeks.len()]);
        weekly[i].add(tally);
    }
    topics
        .into_iter()
        .map(|((_, topic), weekly)| TopicSeries { topic, weekly })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn tally(registered: i64, confirmed: i64, attended: i64) -> Tally {
        Tally {
            registered,
            confirmed,
            attended,
        }
    }

    #[test]
    fn weeks_start_on_monday_and_cover_both_ends() {
        // 2027-03-10 is a Wednesday, 2027-03-22 a Monday.
        assert_eq!(week_start(day("2027-03-10")), day("2027-03-08"));
        assert_eq!(week_start(day("2027-03-08")), day("2027-03-08"));
        assert_eq!(week_start(day("2027-03-14")), day("2027-03-08"));
        assert_eq!(
            weeks(day("2027-03-10"), day("2027-03-22")),
            vec![day("2027-03-08"), day("2027-03-15"), day("2027-03-22")]
        );
        assert!(weeks(day("2027-03-22"), day("2027-03-10")).is_empty());
    }

    #[test]
    fn webinars_add_up_per_topic_and_week() {
        let range = weeks(day("2027-03-08"), day("2027-03-21"));
        let series = per_topic_per_week(
            &range,
            [
                (Some("reporting".into()), day("2027-03-09"), tally(3, 2, 1)),
                (Some("reporting".into()), day("2027-03-14"), tally(2, 2, 2)),
                (Some("billing".into()), day("2027-03-16"), tally(1, 1, 0)),
                (None, day("2027-03-16"), tally(4, 0, 0)),
                // Outside the range: left out.
                (Some("reporting".into()), day("2027-03-22"), tally(9, 9, 9)),
            ],
        );
        let topics: Vec<_> = series.iter().map(|s| s.topic.as_deref()).collect();
        assert_eq!(topics, [Some("billing"), Some("reporting"), None]);
        assert_eq!(series[1].weekly, [tally(5, 4, 3), Tally::default()]);
        assert_eq!(series[1].weekly[0].attendance_rate(), Some(0.75));
        assert_eq!(series[0].weekly, [Tally::default(), tally(1, 1, 0)]);
        assert_eq!(series[0].weekly[1].attendance_rate(), Some(0.0));
        assert_eq!(series[2].weekly[1].attendance_rate(), None);
        assert_eq!(series[1].total(), tally(5, 4, 3));
    }
}
