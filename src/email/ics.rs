//! iCalendar (RFC 5545) for sessions: one VEVENT whose UID is stable for the
//! session, times in UTC (no VTIMEZONE needed, read the same by every
//! client), and iTIP methods (RFC 5546): REQUEST, CANCEL, or PUBLISH for the
//! plain "add to calendar" file.

use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, EventLike, EventStatus, Property};

#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "UPPERCASE")]
pub enum Method {
    Publish,
    Request,
    Cancel,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// What a calendar needs to know about one session.
#[derive(Debug, Clone)]
pub struct CalendarEvent<'a> {
    pub uid: &'a str,
    pub sequence: u32,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub summary: &'a str,
    pub description: &'a str,
    pub location: Option<&'a str>,
    pub organizer_name: &'a str,
    pub organizer_email: &'a str,
    /// (name, e-mail) of the one attendee the message is for.
    pub attendee: Option<(&'a str, &'a str)>,
}

/// A parameter value may not hold `"` or control characters at all (RFC
/// 5545 §3.2); the crate quotes values with `:` `;` `,` itself.
fn param_value(raw: &str) -> String {
    raw.chars()
        .filter(|c| *c != '"' && !c.is_control())
        .collect()
}

/// A text value with line breaks as `\n` and no other control character but
/// HTAB, which RFC 5545 §3.3.11 does not allow (the crate escapes `\n` `,`
/// `;` `\`, but writes a NUL or DEL as it is).
fn text_value(raw: &str) -> String {
    raw.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect()
}

fn mailto(address: &str) -> String {
    format!("mailto:{}", param_value(address))
}

pub fn render(event: &CalendarEvent<'_>, method: Method, now: DateTime<Utc>) -> String {
    let mut vevent = icalendar::Event::new();
    vevent
        .uid(event.uid)
        .timestamp(now)
        .sequence(event.sequence)
        .starts(event.starts_at)
        .ends(event.ends_at)
        .summary(&text_value(event.summary))
        .description(&text_value(event.description))
        .status(if method == Method::Cancel {
            EventStatus::Cancelled
        } else {
            EventStatus::Confirmed
        })
        .append_property(
            Property::new("ORGANIZER", mailto(event.organizer_email))
                .add_parameter("CN", &param_value(event.organizer_name))
                .done(),
        );
    if let Some(location) = event.location {
        vevent.add_property("LOCATION", text_value(location));
    }
    if let Some((name, email)) = event.attendee {
        vevent.append_multi_property(
            Property::new("ATTENDEE", mailto(email))
                .add_parameter("CN", &param_value(name))
                .add_parameter("ROLE", "REQ-PARTICIPANT")
                .add_parameter("PARTSTAT", "ACCEPTED")
                .add_parameter("RSVP", "FALSE")
                .done(),
        );
    }
    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", "-//onetomany//onetomany//EN"))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("METHOD", method.as_str()));
    calendar.push(vevent.done());
    refold(&calendar.done().to_string())
}

/// One session in a subscription feed.
#[derive(Debug, Clone)]
pub struct FeedEvent {
    pub uid: String,
    pub sequence: u32,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub summary: String,
    pub description: String,
    pub location: Option<String>,
    pub cancelled: bool,
}

/// A subscription feed (`METHOD:PUBLISH`) of `events`, times in UTC, each
/// under the UID its invitations carry.
pub fn render_feed(name: &str, events: &[FeedEvent], now: DateTime<Utc>) -> String {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", "-//onetomany//onetomany//EN"))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("METHOD", Method::Publish.as_str()))
        .append_property(Property::new("X-WR-CALNAME", text_value(name)));
    for e in events {
        let mut vevent = icalendar::Event::new();
        vevent
            .uid(&e.uid)
            .timestamp(now)
            .sequence(e.sequence)
            .starts(e.starts_at)
            .ends(e.ends_at)
            .summary(&text_value(&e.summary))
            .description(&text_value(&e.description))
            .status(if e.cancelled {
                EventStatus::Cancelled
            } else {
                EventStatus::Confirmed
            });
        if let Some(location) = &e.location {
            vevent.add_property("LOCATION", text_value(location));
        }
        calendar.push(vevent.done());
    }
    refold(&calendar.done().to_string())
}

/// Folds every content line again at 75 octets on a char boundary (RFC 5545
/// §3.1) when the crate's own folding let a line with multi-byte text reach
/// 76 octets.
fn refold(ics: &str) -> String {
    // Most output is already right: leave it byte for byte as the crate wrote it.
    if ics.split("\r\n").all(|l| l.len() <= 75) {
        return ics.to_owned();
    }
    let mut logical: Vec<String> = Vec::new();
    for line in ics.split("\r\n") {
        match (line.strip_prefix(' '), logical.last_mut()) {
            (Some(rest), Some(last)) => last.push_str(rest),
            _ if line.is_empty() => {}
            _ => logical.push(line.to_owned()),
        }
    }
    let mut out = String::with_capacity(ics.len() + 16);
    for line in logical {
        let mut room = 75;
        for c in line.chars() {
            if c.len_utf8() > room {
                out.push_str("\r\n ");
                room = 74;
            }
            out.push(c);
            room -= c.len_utf8();
        }
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names_and_titles_stay_inside_their_values() {
        let now = Utc::now();
        let ics = render(
            &CalendarEvent {
                uid: "webinar-1@example.com",
                sequence: 2,
                starts_at: now,
                ends_at: now,
                summary: "Q&A; part 1, the end\r\nATTENDEE:mailto:evil@example.com",
                description: "line\nBEGIN:VEVENT",
                location: None,
                organizer_name: "Host \"Boss\"; x:y",
                organizer_email: "host@example.com",
                attendee: Some(("Ana\r\nX-INJECT:1", "ana@example.com")),
            },
            Method::Request,
            now,
        );
        let lines: Vec<&str> = ics.split("\r\n").collect();
        assert!(!lines.iter().any(|l| l.starts_with("X-INJECT") || l.starts_with("BEGIN:VEVENT") && l.len() > 12));
        assert_eq!(
            lines.iter().filter(|l| l.starts_with("ATTENDEE")).count(),
            1
        );
        assert!(
            ics.contains("SUMMARY:Q&A\\; part 1\\, the end\\nATTENDEE:mailto:evil@example.com")
        );
        assert!(ics.contains("METHOD:REQUEST") && ics.contains("SEQUENCE:2"));
    }
}
