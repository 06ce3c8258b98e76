//! The one-hour customer queue: what a valid request is, and its states.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::availability::{Window, WindowDto, parse_windows};
use super::locale::Locale;
use super::text::{EmailAddress, multi_line, optional_line, single_line};
use super::timezone::TimeZone;
use super::validation::{ValidationErrors, Validator, checked};

pub const TOPIC_MAX: usize = 200;
pub const SITUATION_MAX: usize = 4000;
pub const NOTES_MAX: usize = 4000;

/// How long an unconfirmed request waits for its owner's confirmation.
pub const CONFIRM_WITHIN_HOURS: i64 = 24;

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    ToSchema,
    strum::EnumString,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum RequestStatus {
    /// Waiting for its owner to confirm through the mailed link: holds no
    /// place and no hour yet.
    Unconfirmed,
    Waiting,
    Scheduled,
    Done,
    Cancelled,
    /// Never confirmed in time.
    Expired,
}

impl RequestStatus {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(s: &str) -> Option<Self> {
        s.parse().ok()
    }

    /// In the queue or booked: what the one-request-per-address rule and
    /// the account's quota count.
    pub const ACTIVE: [Self; 2] = [Self::Waiting, Self::Scheduled];

    /// Still open: an unconfirmed request also blocks a second one for the
    /// same address (so one address gets one confirmation mail at a time).
    pub const OPEN: [Self; 3] = [Self::Unconfirmed, Self::Waiting, Self::Scheduled];
}

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    ToSchema,
    strum::EnumString,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum AppointmentStatus {
    Scheduled,
    Held,
    NoShow,
    Cancelled,
}

impl AppointmentStatus {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(s: &str) -> Option<Self> {
        s.parse().ok()
    }
}

/// The body of `POST /api/v1/queue`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct QueueRequestBody {
    #[schema(format = Email)]
    pub email: String,
    pub name: String,
    pub company: Option<String>,
    pub topic: String,
    pub situation: String,
    /// IANA zone of the customer; also the zone of `preferred`.
    pub timezone: Option<String>,
    pub locale: Option<String>,
    /// Weekly windows that suit the customer, in their zone.
    #[serde(default)]
    pub preferred: Vec<WindowDto>,
}

#[derive(Debug, Clone)]
pub struct NewQueueRequest {
    pub email: EmailAddress,
    pub name: String,
    pub company: Option<String>,
    pub topic: String,
    pub situation: String,
    pub timezone: TimeZone,
    pub locale: Locale,
    pub preferred: Vec<Window>,
    /// As sent (normalised), for storage.
    pub preferred_raw: Vec<WindowDto>,
}

impl NewQueueRequest {
    pub fn parse(
        body: &QueueRequestBody,
        fallback_timezone: TimeZone,
        fallback_locale: Locale,
    ) -> Result<Self, ValidationErrors> {
        let mut v = Validator::new();
        let email = v.check("email", EmailAddress::parse(&body.email));
        let name = v.check(
            "name",
            single_line(&body.name, super::registration::NAME_MAX),
        );
        let company = v.check(
            "company",
            optional_line(body.company.as_deref(), super::registration::COMPANY_MAX),
        );
        let topic = v.check("topic", single_line(&body.topic, TOPIC_MAX));
        let situation = v.check(
            "situation",
            multi_line(&body.situation, SITUATION_MAX).and_then(|s| {
                if s.is_empty() {
                    Err("describe your situation".into())
                } else {
                    Ok(s)
                }
            }),
        );
        let timezone = v.check(
            "timezone",
            TimeZone::parse_or(body.timezone.as_deref(), fallback_timezone),
        );
        let locale = v.check(
            "locale",
            Locale::parse_or(body.locale.as_deref(), fallback_locale),
        );
        let preferred = parse_windows("preferred", &body.preferred, &mut v);
        v.finish()?;
        let preferred_raw = preferred
            .iter()
            .map(|w| WindowDto {
                day: super::availability::day_name(w.day).to_owned(),
                start: w.start.format("%H:%M").to_string(),
                end: w.end.format("%H:%M").to_string(),
            })
            .collect();
        Ok(Self {
            email: checked(email, "email")?,
            name: checked(name, "name")?,
            company: checked(company, "company")?,
            topic: checked(topic, "topic")?,
            situation: checked(situation, "situation")?,
            timezone: checked(timezone, "timezone")?,
            locale: checked(locale, "locale")?,
            preferred,
            preferred_raw,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_keep_their_stored_names() {
        assert_eq!(AppointmentStatus::NoShow.as_str(), "no_show");
        assert_eq!(
            AppointmentStatus::parse("no_show"),
            Some(AppointmentStatus::NoShow)
        );
        assert_eq!(RequestStatus::Unconfirmed.as_str(), "unconfirmed");
        assert_eq!(
            RequestStatus::parse("expired"),
            Some(RequestStatus::Expired)
        );
        assert_eq!(RequestStatus::parse("Expired"), None);
    }
}
