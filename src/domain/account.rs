//! Customer accounts (companies): their e-mail domains and the segment that
//! decides which sessions they may use.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::text::{Domain, single_line};
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
#[serde(rename_all = "snake_case")]
#[strum(
    serialize_all = "snake_case",
    parse_err_ty = String,
    parse_err_fn = unknown_segment
)]
pub enum Segment {
    HighTouch,
    LowTouch,
    TechTouch,
}

impl Segment {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Unknown domains belong to no account and count as tech-touch.
    pub const UNKNOWN_DOMAIN: Self = Self::TechTouch;
}

fn unknown_segment(other: &str) -> String {
    format!("unknown segment {other:?}: use high_touch, low_touch or tech_touch")
}

pub const NAME_MAX: usize = 200;
pub const DOMAINS_MAX: usize = 50;

#[derive(Debug, Clone)]
pub struct NewAccount {
    pub name: String,
    pub domains: Vec<Domain>,
    pub segment: Segment,
}

impl NewAccount {
    pub fn parse(name: &str, domains: &[String], segment: &str) -> Result<Self, ValidationErrors> {
        let mut v = Validator::new();
        let name = v.check("name", single_line(name, NAME_MAX));
        let segment = v.check("segment", segment.parse::<Segment>());
        if domains.len() > DOMAINS_MAX {
            v.fail("domains", format!("at most {DOMAINS_MAX} domains"));
        }
        let mut parsed: Vec<Domain> = Vec::with_capacity(domains.len());
        for (i, raw) in domains.iter().enumerate() {
            if let Some(d) = v.check(&format!("domains[{i}]"), Domain::parse(raw)) {
                if parsed.contains(&d) {
                    v.fail(&format!("domains[{i}]"), "is listed twice");
                } else {
                    parsed.push(d);
                }
            }
        }
        v.finish()?;
        Ok(Self {
            name: checked(name, "name")?,
            domains: parsed,
            segment: checked(segment, "segment")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_and_bad_domains_are_reported_by_index() {
        let err = NewAccount::parse(
            "Acme",
            &["acme.com".into(), "ACME.com".into(), "not a domain".into()],
            "low_touch",
        )
        .expect_err("invalid");
        let fields: Vec<_> = err.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["domains[1]", "domains[2]"]);
    }

    #[test]
    fn segments_parse_from_their_contract_names() {
        assert_eq!("tech_touch".parse::<Segment>(), Ok(Segment::TechTouch));
        assert!("vip".parse::<Segment>().is_err());
    }
}
