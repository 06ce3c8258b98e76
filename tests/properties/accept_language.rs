//! Accept-Language: any header gives a supported language or none (the
//! caller's default); generated headers give the one their q-values prefer.

use onetomany::domain::locale::Locale;
use proptest::prelude::*;

use crate::inputs;

const SUPPORTED: [(&str, Locale); 9] = [
    ("en", Locale::En),
    ("en-US", Locale::En),
    ("DE", Locale::De),
    ("de-CH", Locale::De),
    ("fr", Locale::Fr),
    ("fr-CA", Locale::Fr),
    ("pt-BR", Locale::Pt),
    ("ar", Locale::Ar),
    ("ar-SA", Locale::Ar),
];
const OTHERS: [&str; 8] = [
    "es",
    "ja",
    "zh-Hant-TW",
    "*",
    "x-klingon",
    "eng",
    "e",
    "i-default",
];

#[derive(Debug, Clone)]
struct Entry {
    tag: &'static str,
    locale: Option<Locale>,
    /// Thousandths; `None` writes no q (i.e. 1).
    q: Option<u16>,
    /// How the q-value is written: "0.5", "0.500" or "1" / "0".
    padded: bool,
}

impl Entry {
    fn quality(&self) -> u16 {
        self.q.unwrap_or(1000)
    }

    fn text(&self, space: &str) -> String {
        match self.q {
            None => self.tag.to_owned(),
            Some(q) => {
                let value = match (q, self.padded) {
                    (1000, false) => "1".to_owned(),
                    (0, false) => "0".to_owned(),
                    (1000, true) => "1.000".to_owned(),
                    (q, true) => format!("0.{q:03}"),
                    (q, false) => format!("0.{q:03}").trim_end_matches('0').to_owned(),
                };
                format!("{}{space};{space}q={value}", self.tag)
            }
        }
    }
}

fn entry() -> impl Strategy<Value = Entry> {
    let tag = prop_oneof![
        prop::sample::select(SUPPORTED.to_vec()).prop_map(|(t, l)| (t, Some(l))),
        prop::sample::select(OTHERS.to_vec()).prop_map(|t| (t, None)),
    ];
    let q = prop_oneof![
        Just(None),
        Just(Some(0)),
        Just(Some(1000)),
        (0u16..=1000).prop_map(Some)
    ];
    (tag, q, any::<bool>()).prop_map(|((tag, locale), q, padded)| Entry {
        tag,
        locale,
        q,
        padded,
    })
}

proptest! {
    #![proptest_config(crate::config())]

    /// Any header, however broken, gives a language it names (as a primary
    /// tag) or none; never a panic.
    #[test]
    fn any_header_names_the_language_it_yields(header in prop_oneof![inputs::text(60), ".{0,60}", "[a-zA-Z,;=.0-9 *-]{0,60}"]) {
        if let Some(lang) = Locale::from_accept_language(&header) {
            let named = header.split(',').any(|part| {
                let tag = part.split(';').next().unwrap_or("").trim();
                let primary = tag.split(['-', '_']).next().unwrap_or("");
                primary.eq_ignore_ascii_case(lang.code())
            });
            prop_assert!(named, "{:?} gave {:?}", header, lang);
        }
    }

    /// A header of supported and unsupported tags with q-values gives the
    /// supported one of the highest q above 0, the first of equals; none
    /// when every supported one has q=0 or there is none (the caller then
    /// uses its default).
    #[test]
    fn the_highest_q_wins_then_the_order(entries in prop::collection::vec(entry(), 0..7), space in prop::sample::select(vec!["", " "]), sep in prop::sample::select(vec![",", ", ", " ,  "])) {
        let header = entries.iter().map(|e| e.text(space)).collect::<Vec<_>>().join(sep);
        let mut expected: Option<(u16, Locale)> = None;
        for e in &entries {
            if let Some(locale) = e.locale && e.quality() > 0 && expected.is_none_or(|(q, _)| e.quality() > q) {
                expected = Some((e.quality(), locale));
            }
        }
        prop_assert_eq!(Locale::from_accept_language(&header), expected.map(|(_, l)| l), "{}", header);
    }

    /// Text without any of the five languages' codes never picks one.
    #[test]
    fn garbage_gives_no_language(header in "[a-df-qsu-z0-9 ,;=.*_-]{0,60}") {
        prop_assert_eq!(Locale::from_accept_language(&header), None, "{}", header);
    }
}
