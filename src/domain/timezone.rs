//! An IANA time zone that is known to exist.

use std::fmt;

use chrono_tz::Tz;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeZone(pub Tz);

impl TimeZone {
    pub fn parse(raw: &str) -> Result<Self, String> {
        raw.trim().parse::<Tz>().map(Self).map_err(|_| {
            format!("unknown time zone {raw:?}: use an IANA name such as Europe/Berlin")
        })
    }

    /// An optional zone from a request: absent or blank gives `fallback`.
    pub fn parse_or(raw: Option<&str>, fallback: Self) -> Result<Self, String> {
        match raw.map(str::trim).filter(|s| !s.is_empty()) {
            None => Ok(fallback),
            Some(z) => Self::parse(z),
        }
    }

    pub fn name(self) -> &'static str {
        self.0.name()
    }
}

impl fmt::Display for TimeZone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iana_names_parse_and_others_do_not() {
        assert_eq!(
            TimeZone::parse("Europe/Berlin").map(TimeZone::name),
            Ok("Europe/Berlin")
        );
        assert!(TimeZone::parse("Berlin").is_err());
        assert!(TimeZone::parse("").is_err());
    }
}
