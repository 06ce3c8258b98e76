//! What customers ask about: webinar registrations, attendance, queue
//! requests and questions sent in advance, summed per topic. Topics are
//! free text on webinars and queue requests, so they are matched without
//! regard to case or surrounding spaces ("Reporting" = "reporting ").

use std::collections::HashMap;

use chrono::NaiveDateTime;

use super::stats::Tally;

/// At most this many recent questions per topic.
pub const RECENT_QUESTIONS: usize = 5;

/// Questions one registrant sent in advance for a webinar of `topic`.
#[derive(Debug, Clone)]
pub struct Asked {
    pub topic: Option<String>,
    pub questions: Vec<String>,
    /// When they registered: the newest questions come first.
    pub at: NaiveDateTime,
    /// They gave marketing consent and were not erased: their questions may
    /// be shown, not only counted.
    pub shareable: bool,
}

/// One topic's figures.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TopicInterest {
    /// As first written on a webinar (else on a queue request); `None` for
    /// webinars without a topic.
    pub topic: Option<String>,
    pub tally: Tally,
    pub queue_requests: i64,
    pub questions: i64,
    /// Newest first, at most [`RECENT_QUESTIONS`], only from shareable
    /// registrants.
    pub recent_questions: Vec<String>,
}

fn key(topic: Option<&str>) -> Option<String> {
    topic
        .map(|t| t.trim().to_lowercase())
        .filter(|t| !t.is_empty())
}

/// Sums the figures per topic: `webinars` (topic, figures; the first
/// spelling of a topic names it), `queue` (topic as typed, count) and
/// `asked`. Busiest topics first (registrations and queue requests, then
/// questions, then name), webinars without a topic last.
pub fn per_topic(
    webinars: impl IntoIterator<Item = (Option<String>, Tally)>,
    queue: impl IntoIterator<Item = (String, i64)>,
    asked: impl IntoIterator<Item = Asked>,
) -> Vec<TopicInterest> {
    let mut topics: HashMap<Option<String>, TopicInterest> = HashMap::new();
    fn entry<'m>(
        topics: &'m mut HashMap<Option<String>, TopicInterest>,
        topic: Option<&str>,
    ) -> &'m mut TopicInterest {
        topics.entry(key(topic)).or_insert_with(|| TopicInterest {
            topic: topic.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()),
            ..TopicInterest::default()
        })
    }
    for (topic, tally) in webinars {
        entry(&mut topics, topic.as_deref()).tally.add(tally);
    }
    for (topic, n) in queue {
        // An erased request keeps no topic: it cannot be placed.
        if key(Some(&topic)).is_some() {
            entry(&mut topics, Some(&topic)).queue_requests += n;
        }
    }
    let mut asked: Vec<Asked> = asked.into_iter().collect();
    asked.sort_by_key(|a| std::cmp::Reverse(a.at));
    for a in asked {
        let t = entry(&mut topics, a.topic.as_deref());
        t.questions += a.questions.len() as i64;
        if a.shareable {
            for q in a.questions {
                if t.recent_questions.len() < RECENT_QUESTIONS {
                    t.recent_questions.push(q);
                }
            }
        }
    }
    let mut out: Vec<TopicInterest> = topics.into_values().collect();
    out.sort_by(|a, b| {
        let demand = |t: &TopicInterest| t.tally.registered + t.queue_requests;
        (a.topic.is_none(), demand(b), b.questions)
            .cmp(&(b.topic.is_none(), demand(a), a.questions))
            .then_with(|| {
                let name = |t: &TopicInterest| t.topic.as_deref().map(str::to_lowercase);
                name(a).cmp(&name(b))
            })
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2027, 3, day)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .expect("time")
    }

    fn tally(registered: i64, confirmed: i64, attended: i64) -> Tally {
        Tally {
            registered,
            confirmed,
            attended,
        }
    }

    fn asked(topic: &str, qs: &[&str], day: u32, shareable: bool) -> Asked {
        Asked {
            topic: Some(topic.into()),
            questions: qs.iter().map(|q| (*q).to_owned()).collect(),
            at: at(day),
            shareable,
        }
    }

    #[test]
    fn spellings_meet_and_the_busiest_topic_leads() {
        let out = per_topic(
            [
                (Some("Reporting".into()), tally(3, 2, 1)),
                (Some("reporting ".into()), tally(1, 1, 1)),
                (Some("billing".into()), tally(1, 1, 0)),
                (None, tally(9, 0, 0)),
            ],
            [
                ("REPORTING".into(), 2),
                ("exports".into(), 7),
                (String::new(), 4),
            ],
            [asked("reporting", &["Why?", "How?"], 2, true)],
        );
        let names: Vec<_> = out.iter().map(|t| t.topic.as_deref()).collect();
        assert_eq!(
            names,
            [Some("exports"), Some("Reporting"), Some("billing"), None]
        );
        assert_eq!(out[1].tally, tally(4, 3, 2));
        assert_eq!(out[1].queue_requests, 2);
        assert_eq!(out[1].questions, 2);
        assert_eq!(out[0].tally, Tally::default());
    }

    #[test]
    fn only_shareable_questions_are_shown_newest_first_and_few() {
        let out = per_topic(
            [],
            [],
            [
                asked("x", &["old 1", "old 2"], 1, true),
                asked("x", &["secret"], 9, false),
                asked("x", &["new 1", "new 2", "new 3", "new 4"], 5, true),
            ],
        );
        assert_eq!(out[0].questions, 7);
        assert_eq!(
            out[0].recent_questions,
            ["new 1", "new 2", "new 3", "new 4", "old 1"]
        );
    }
}
