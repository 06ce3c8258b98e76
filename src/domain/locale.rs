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

    /// An optional language from a request: absent or blank gives `fallback`.
    pub fn parse_or(raw: Option<&str>, fallback: Self) -> Result<Self, String> {
        match raw.map(str::trim).filter(|s| !s.is_empty()) {
            None => Ok(fallback),
            Some(l) => Self::parse(l)
                .ok_or_else(|| format!("unknown locale {l:?}: use one of {}", Self::ALL_CODES)),
        }
    }

    /// The supported language the reader prefers most in an
    /// Accept-Language header value: by quality (`q`, default 1), then in
    /// the order given; `q=0` means "not this one".
    pub fn from_accept_language(header: &str) -> Option<Self> {
        let mut best: Option<(u16, Self)> = None;
        for part in header.split(',') {
            let mut fields = part.split(';');
            let Some(lang) = fields.next().and_then(Self::parse) else {
                continue;
            };
            let quality = fields
                .filter_map(|f| f.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0)
                .clamp(0.0, 1.0);
            // Thousandths, as RFC 9110 allows at most three decimals.
            let quality = (quality * 1000.0).round() as u16;
            if quality > 0 && best.is_none_or(|(q, _)| quality > q) {
                best = Some((quality, lang));
            }
        }
        best.map(|(_, lang)| lang)
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

    #[test]
    fn accept_language_yields_the_first_supported_language() {
        assert_eq!(
            Locale::from_accept_language("es-ES,pt-BR;q=0.8,de;q=0.5"),
            Some(Locale::Pt)
        );
        assert_eq!(Locale::from_accept_language("ja, zh-CN;q=0.9"), None);
        assert_eq!(
            Locale::from_accept_language("en;q=0.2, de-CH, fr;q=0.8"),
            Some(Locale::De)
        );
        assert_eq!(
            Locale::from_accept_language("ar;q=0, pt;q=0.1"),
            Some(Locale::Pt)
        );
        assert_eq!(Locale::from_accept_language("de;q=abc"), Some(Locale::De));
        assert_eq!(Locale::parse_or(Some("  "), Locale::Ar), Ok(Locale::Ar));
        assert!(Locale::parse_or(Some("xx"), Locale::En).is_err());
    }
}
