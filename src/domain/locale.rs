//! The five languages pages and e-mails are offered in.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    En,
    De,
    Fr,
    Pt,
    Ar,
}

impl Locale {
    pub const ALL_CODES: &'static str = "en, de, fr, pt, ar";

    /// Accepts a bare code or a tag such as `pt-BR` (the region is ignored).
    pub fn parse(raw: &str) -> Option<Self> {
        let primary = raw.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Self::En),
            "de" => Some(Self::De),
            "fr" => Some(Self::Fr),
            "pt" => Some(Self::Pt),
            "ar" => Some(Self::Ar),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::De => "de",
            Self::Fr => "fr",
            Self::Pt => "pt",
            Self::Ar => "ar",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_reduce_to_their_language() {
        assert_eq!(Locale::parse("pt-BR"), Some(Locale::Pt));
        assert_eq!(Locale::parse("AR"), Some(Locale::Ar));
        assert_eq!(Locale::parse("es"), None);
    }
}
