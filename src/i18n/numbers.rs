//! Numbers and percentages the way each language writes them (digits,
//! grouping and the percent pattern from CLDR, through ICU4X): `1.234` and
//! `50 %` in German, `1,234` and `50%` in English. Arabic uses the Latin
//! digits CLDR now makes its default, with the percent sign between
//! left-to-right marks (CLDR's `latn` symbols for Arabic) so it stays after
//! the number in right-to-left text.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use icu::decimal::DecimalFormatter;
use icu::decimal::input::Decimal;

use super::dates::icu_locale;
use crate::domain::locale::Locale;

thread_local! {
    static FORMATTERS: RefCell<HashMap<Locale, Option<Rc<DecimalFormatter>>>> =
        RefCell::new(HashMap::new());
}

/// Built once per language and thread; `None` (logged) when the data is missing.
fn formatter(lang: Locale) -> Option<Rc<DecimalFormatter>> {
    FORMATTERS.with(|cache| {
        if let Some(found) = cache.borrow().get(&lang) {
            return found.clone();
        }
        let built = DecimalFormatter::try_new(icu_locale(lang).into(), Default::default())
            .map_err(|e| tracing::error!(lang = lang.code(), error = %e, "no number formats"))
            .ok()
            .map(Rc::new);
        cache.borrow_mut().insert(lang, built.clone());
        built
    })
}

/// A whole number in `lang`'s digits and grouping.
pub fn integer(lang: Locale, n: i64) -> String {
    match formatter(lang) {
        Some(f) => f.format(&Decimal::from(n)).to_string(),
        None => n.to_string(),
    }
}

/// A number with one decimal ("4.5", "4,5", "4.0") in `lang`'s digits.
pub fn one_decimal(lang: Locale, x: f64) -> String {
    let text = format!("{x:.1}");
    match (formatter(lang), text.parse::<Decimal>()) {
        (Some(f), Ok(d)) => f.format(&d).to_string(),
        _ => text,
    }
}

/// A share (0.5 = half) as a whole percentage in `lang`'s pattern.
pub fn percent(lang: Locale, share: f64) -> String {
    let value = integer(lang, (share * 100.0).round() as i64);
    // CLDR's percent patterns: German a no-break space before the sign,
    // French a narrow no-break space, Arabic the sign between marks.
    match lang {
        Locale::De => format!("{value}\u{a0}%"),
        Locale::Fr => format!("{value}\u{202f}%"),
        Locale::Ar => format!("{value}\u{200e}%\u{200e}"),
        Locale::En | Locale::Pt => format!("{value}%"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_writes_numbers_its_own_way() {
        assert_eq!(integer(Locale::En, 12345), "12,345");
        assert_eq!(integer(Locale::De, 12345), "12.345");
        assert_eq!(integer(Locale::Pt, 12345), "12.345");
        assert_eq!(integer(Locale::Ar, 12345), "12,345");
        assert_eq!(integer(Locale::En, 7), "7");
    }

    #[test]
    fn one_decimal_keeps_its_zero_and_the_language_separator() {
        assert_eq!(one_decimal(Locale::En, 4.25), "4.2");
        assert_eq!(one_decimal(Locale::De, 4.5), "4,5");
        assert_eq!(one_decimal(Locale::Fr, 4.0), "4,0");
        assert_eq!(one_decimal(Locale::Pt, 3.66), "3,7");
        assert_eq!(one_decimal(Locale::Ar, 5.0), "5.0");
    }

    #[test]
    fn percentages_follow_the_language_pattern() {
        assert_eq!(percent(Locale::En, 0.5), "50%");
        assert_eq!(percent(Locale::De, 0.5), "50\u{a0}%");
        assert_eq!(percent(Locale::Fr, 2.0 / 3.0), "67\u{202f}%");
        assert_eq!(percent(Locale::Pt, 1.0), "100%");
        assert_eq!(percent(Locale::Ar, 0.5), "50\u{200e}%\u{200e}");
        assert_eq!(percent(Locale::En, 0.0), "0%");
    }
}
