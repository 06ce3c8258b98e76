//! Languages. The message bundle: Fluent translations in `locales/<lang>/*.ftl`,
//! embedded at compile time, looked up by the reader's [`Locale`]. Shared by
//! mail (and later the pages); nothing here knows about HTTP or storage.
//!
//! Texts are plain: placeables are inserted as given, so an HTML caller
//! escapes the values it passes (and may wrap them, e.g. in `<strong>`).

use std::collections::HashMap;

use fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, StaticLoader, langid};

use crate::domain::locale::Locale;

pub mod dates;
pub mod numbers;
#[cfg(test)]
mod tests;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Unicode isolation marks (FSI … PDI around each placeable) only in
        // Arabic. There a Latin title, a host's name or "Europe/Berlin"
        // next to punctuation or digits would otherwise be reordered by the
        // bidirectional algorithm (e.g. "(الترتيب 3)" or a name ending a
        // sentence), and plain-text mail has no other way to fence them in;
        // mail clients render the marks invisibly. In the left-to-right
        // languages they fix nothing and only put invisible bytes into
        // subjects and bodies (breaking copying, searching and tests).
        customise: |bundle| {
            let rtl = bundle.locales.first().is_some_and(|l| l.language.as_str() == "ar");
            bundle.set_use_isolating(rtl);
        },
    };
}

/// Why a text could not be produced.
#[derive(Debug, thiserror::Error)]
#[error("message {key:?} ({lang}): {reason}")]
pub struct I18nError {
    pub lang: &'static str,
    pub key: String,
    /// Missing message or attribute, or a Fluent error (e.g. an argument the
    /// message uses was not passed).
    pub reason: String,
}

fn language(lang: Locale) -> LanguageIdentifier {
    match lang {
        Locale::En => langid!("en"),
        Locale::De => langid!("de"),
        Locale::Fr => langid!("fr"),
        Locale::Pt => langid!("pt"),
        Locale::Ar => langid!("ar"),
    }
}

/// Whether `lang` is written right to left (HTML `dir="rtl"`).
pub fn is_rtl(lang: Locale) -> bool {
    matches!(lang, Locale::Ar)
}

/// The text of `key` (`message` or `message.attribute`) in `lang`, with
/// `args` as its variables. A text that fails in `lang` falls back to English
/// (logged); an error only when English fails too, so a caller never sends a
/// message with a hole in it. Under the unit tests there is no fallback.
pub fn text(
    lang: Locale,
    key: &str,
    args: &[(&str, FluentValue<'_>)],
) -> Result<String, I18nError> {
    let args: HashMap<&str, FluentValue<'_>> = args.iter().map(|(k, v)| (*k, v.clone())).collect();
    match lookup(lang, key, &args) {
        Ok(text) => Ok(text),
        // The unit tests see every failure: a text that falls back to
        // English there would hide a broken translation.
        Err(e) if lang != Locale::En && !cfg!(test) => {
            tracing::warn!(lang = lang.code(), key, error = %e.reason, "translation failed, using English");
            lookup(Locale::En, key, &args)
        }
        Err(e) => Err(e),
    }
}

fn lookup(
    lang: Locale,
    key: &str,
    args: &HashMap<&str, FluentValue<'_>>,
) -> Result<String, I18nError> {
    loader()
        .lookup_single_language(&language(lang), key, Some(args))
        .map_err(|e| I18nError {
            lang: lang.code(),
            key: key.to_owned(),
            reason: e.to_string(),
        })
}

fn loader() -> &'static StaticLoader {
    &LOCALES
}

/// A seat chance in words, the reader's way ("about 1 in 3").
pub fn chance_phrase(lang: Locale, chance: f64) -> Result<String, I18nError> {
    use crate::domain::chance::{Phrase, phrase};
    let n = |n: u32| -> FluentValue<'static> { numbers::integer(lang, i64::from(n)).into() };
    match phrase(chance) {
        Phrase::VeryLikely => text(lang, "chance-very-likely", &[]),
        Phrase::InTen(k) => text(lang, "chance-in-ten", &[("n", n(k))]),
        Phrase::OneIn(k) => text(lang, "chance-one-in", &[("n", n(k))]),
        Phrase::Unlikely => text(lang, "chance-unlikely", &[]),
    }
}
