//! Registrations: what a valid registrant is, and the seat rules — who gets
//! a seat, who waits, and how many move up when seats free.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::locale::Locale;
use super::text::{EmailAddress, multi_line, optional_line, single_line};
use super::timezone::TimeZone;
use super::validation::{ValidationErrors, Validator, checked};

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    ToSchema,
    strum::EnumString,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "lowercase")]
#[strum(
    serialize_all = "lowercase",
    parse_err_ty = String,
    parse_err_fn = unknown_status
)]
pub enum RegistrationStatus {
    Confirmed,
    Waitlisted,
    /// A freed seat held for this person until `offer_expires_at`.
    Offered,
    Cancelled,
}

impl RegistrationStatus {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

fn unknown_status(other: &str) -> String {
    format!("unknown registration status {other:?}")
}

pub const NAME_MAX: usize = 200;
pub const COMPANY_MAX: usize = 200;
pub const SITUATION_MAX: usize = 4000;
pub const QUESTIONS_MAX: usize = 10;
pub const QUESTION_MAX: usize = 1000;

/// The body of `POST /api/v1/webinars/{id}/registrations`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct RegistrationRequest {
    #[schema(format = Email)]
    pub email: String,
    pub name: String,
    pub company: Option<String>,
    /// IANA zone for the times in the e-mails.
    pub timezone: Option<String>,
    /// en, de, fr, pt or ar; else from Accept-Language.
    pub locale: Option<String>,
    /// Required for expert webinars.
    pub situation: Option<String>,
    #[serde(default)]
    pub questions: Vec<String>,
    #[serde(default)]
    pub marketing_consent: bool,
    /// In a series: `false` keeps this registration from moving to the
    /// next occurrence when it does not get a seat (default `true`).
    pub rollover: Option<bool>,
}

#[derive(Debug, Clone)]
pub struct NewRegistration {
    pub email: EmailAddress,
    pub name: String,
    pub company: Option<String>,
    pub timezone: TimeZone,
    pub locale: Locale,
    pub situation: Option<String>,
    pub questions: Vec<String>,
    pub marketing_consent: bool,
    pub rollover: bool,
}

impl NewRegistration {
    /// `fallback_*` come from Accept-Language and the configured defaults.
    pub fn parse(
        req: &RegistrationRequest,
        fallback_timezone: TimeZone,
        fallback_locale: Locale,
    ) -> Result<Self, ValidationErrors> {
        let mut v = Validator::new();
        let email = v.check("email", EmailAddress::parse(&req.email));
        let name = v.check("name", single_line(&req.name, NAME_MAX));
        let company = v.check(
            "company",
            optional_line(req.company.as_deref(), COMPANY_MAX),
        );
        let timezone = v.check(
            "timezone",
            TimeZone::parse_or(req.timezone.as_deref(), fallback_timezone),
        );
        let locale = v.check(
            "locale",
            Locale::parse_or(req.locale.as_deref(), fallback_locale),
        );
        let situation = match req.situation.as_deref() {
            None => Some(None),
            Some(s) => v
                .check("situation", multi_line(s, SITUATION_MAX))
                .map(|s| (!s.is_empty()).then_some(s)),
        };
        if req.questions.len() > QUESTIONS_MAX {
            v.fail("questions", format!("at most {QUESTIONS_MAX} questions"));
        }
        let mut questions = Vec::new();
        for (i, q) in req.questions.iter().enumerate() {
            if let Some(q) = v.check(&format!("questions[{i}]"), multi_line(q, QUESTION_MAX))
                && !q.is_empty()
            {
                questions.push(q);
            }
        }
        v.finish()?;
        Ok(Self {
            email: checked(email, "email")?,
            name: checked(name, "name")?,
            company: checked(company, "company")?,
            timezone: checked(timezone, "timezone")?,
            locale: checked(locale, "locale")?,
            situation: checked(situation, "situation")?,
            questions,
            marketing_consent: req.marketing_consent,
            rollover: req.rollover.unwrap_or(true),
        })
    }
}

/// Where a newcomer lands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seat {
    Confirmed,
    Waitlisted,
}

/// A seat while any is left; the waiting list otherwise. (Seats never stay
/// free while people wait: every freed seat is handed on at once.)
pub fn seat_for_newcomer(capacity: Option<i32>, seats_taken: i32) -> Seat {
    match capacity {
        Some(cap) if seats_taken >= cap => Seat::Waitlisted,
        _ => Seat::Confirmed,
    }
}

/// How many people move up from the waiting list.
pub fn promotions(capacity: Option<i32>, seats_taken: i32, waitlist_length: i32) -> i32 {
    let free = capacity.map_or(i32::MAX, |cap| (cap - seats_taken).max(0));
    free.min(waitlist_length.max(0))
}

/// How long a repeated registration waits before it e-mails the
/// confirmation again: an address typed into the form over and over must
/// not become a mail bomb.
pub const RESEND_INTERVAL: Duration = Duration::minutes(15);

/// Whether a repeat at `now` re-sends the confirmation, given when a repeat
/// last did. The first repeat always does (the first mail may be lost).
pub fn may_resend(last_resent: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    last_resent.is_none_or(|at| now - at >= RESEND_INTERVAL)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seats_then_waiting_list() {
        assert_eq!(seat_for_newcomer(None, 10_000), Seat::Confirmed);
        assert_eq!(seat_for_newcomer(Some(5), 4), Seat::Confirmed);
        assert_eq!(seat_for_newcomer(Some(5), 5), Seat::Waitlisted);
    }

    #[test]
    fn promotions_fill_free_seats_only() {
        assert_eq!(promotions(Some(5), 4, 3), 1);
        assert_eq!(promotions(Some(8), 5, 2), 2);
        assert_eq!(promotions(Some(5), 5, 3), 0);
        assert_eq!(promotions(None, 5, 3), 3);
    }

    #[test]
    fn repeats_resend_at_most_every_fifteen_minutes() {
        let at = DateTime::from_timestamp(1_800_000_000, 0).expect("valid");
        assert!(may_resend(None, at));
        assert!(!may_resend(Some(at), at + Duration::minutes(14)));
        assert!(may_resend(Some(at), at + Duration::minutes(15)));
    }

    #[test]
    fn blank_questions_are_dropped_and_limits_hold() {
        let req = RegistrationRequest {
            email: "A@B.example".into(),
            name: "Ana".into(),
            company: Some(" ".into()),
            timezone: None,
            locale: Some("pt-BR".into()),
            situation: Some("".into()),
            questions: vec!["How?".into(), "  ".into()],
            marketing_consent: false,
            rollover: None,
        };
        let r = NewRegistration::parse(&req, TimeZone(chrono_tz::UTC), Locale::En).expect("valid");
        assert_eq!(
            (r.company, r.situation, r.questions.len(), r.locale),
            (None, None, 1, Locale::Pt)
        );
        let long = RegistrationRequest {
            name: "x".repeat(201),
            ..req
        };
        assert!(NewRegistration::parse(&long, TimeZone(chrono_tz::UTC), Locale::En).is_err());
    }
}
