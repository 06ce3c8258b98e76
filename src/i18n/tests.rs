//! The translations are complete and consistent: same keys, same variables,
//! every text renders in every language.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use fluent_bundle::FluentValue;
use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

use super::{is_rtl, lookup, text};
use crate::domain::locale::Locale;

/// One translation file in every language, English first.
type Sources = [(Locale, &'static str); 5];

macro_rules! sources {
    ($file:literal) => {
        [
            (
                Locale::En,
                include_str!(concat!("../../locales/en/", $file)),
            ),
            (
                Locale::De,
                include_str!(concat!("../../locales/de/", $file)),
            ),
            (
                Locale::Fr,
                include_str!(concat!("../../locales/fr/", $file)),
            ),
            (
                Locale::Pt,
                include_str!(concat!("../../locales/pt/", $file)),
            ),
            (
                Locale::Ar,
                include_str!(concat!("../../locales/ar/", $file)),
            ),
        ]
    };
}

/// Every file of `locales/<lang>/`: all of them load into one bundle per
/// language, so their keys must not collide.
const FILES: [(&str, Sources); 6] = [
    ("mail.ftl", sources!("mail.ftl")),
    ("pages.ftl", sources!("pages.ftl")),
    ("staff.ftl", sources!("staff.ftl")),
    ("marketing.ftl", sources!("marketing.ftl")),
    ("admin.ftl", sources!("admin.ftl")),
    ("csm.ftl", sources!("csm.ftl")),
];

/// Every key (`message` and `message.attribute`) of one file, with the
/// variables its text uses.
fn keys(lang: Locale, source: &str) -> BTreeMap<String, BTreeSet<String>> {
    let resource = fluent_syntax::parser::parse(source)
        .unwrap_or_else(|(_, errors)| panic!("{}: a file does not parse: {errors:?}", lang.code()));
    let mut keys = BTreeMap::new();
    for entry in &resource.body {
        match entry {
            Entry::Message(message) => {
                let id = message.id.name;
                if let Some(value) = &message.value {
                    keys.insert(id.to_owned(), variables(value));
                }
                for attribute in &message.attributes {
                    keys.insert(
                        format!("{id}.{}", attribute.id.name),
                        variables(&attribute.value),
                    );
                }
            }
            Entry::Junk { content } => panic!("{}: unparsable {content:?}", lang.code()),
            _ => {}
        }
    }
    keys
}

fn variables(pattern: &Pattern<&str>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    collect_pattern(pattern, &mut found);
    found
}

fn collect_pattern(pattern: &Pattern<&str>, found: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            collect_expression(expression, found);
        }
    }
}

fn collect_expression(expression: &Expression<&str>, found: &mut BTreeSet<String>) {
    match expression {
        Expression::Select { selector, variants } => {
            collect_inline(selector, found);
            for variant in variants {
                collect_pattern(&variant.value, found);
            }
        }
        Expression::Inline(inline) => collect_inline(inline, found),
    }
}

fn collect_inline(inline: &InlineExpression<&str>, found: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            found.insert(id.name.to_owned());
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                collect_inline(argument, found);
            }
            for argument in &arguments.named {
                collect_inline(&argument.value, found);
            }
        }
        InlineExpression::Placeable { expression } => collect_expression(expression, found),
        _ => {}
    }
}

/// The keys of every file, English.
fn english() -> BTreeMap<String, BTreeSet<String>> {
    FILES
        .iter()
        .flat_map(|(_, sources)| keys(Locale::En, sources[0].1))
        .collect()
}

/// What differs from English in one file's translations: missing and extra
/// keys, and keys whose text uses other variables.
fn parity_problems(file: &str, sources: &[(Locale, &str)]) -> Vec<String> {
    let english = keys(Locale::En, sources[0].1);
    let mut problems = Vec::new();
    for (lang, source) in &sources[1..] {
        let theirs = keys(*lang, source);
        let missing: Vec<_> = english
            .keys()
            .filter(|k| !theirs.contains_key(*k))
            .collect();
        let extra: Vec<_> = theirs
            .keys()
            .filter(|k| !english.contains_key(*k))
            .collect();
        if !missing.is_empty() {
            problems.push(format!("{}/{file} lacks {missing:?}", lang.code()));
        }
        if !extra.is_empty() {
            problems.push(format!(
                "{}/{file} has keys English lacks: {extra:?}",
                lang.code()
            ));
        }
        for (key, vars) in theirs {
            if let Some(expected) = english.get(&key)
                && *expected != vars
            {
                problems.push(format!(
                    "{}/{file}: {key} uses {vars:?}, English {expected:?}",
                    lang.code()
                ));
            }
        }
    }
    problems
}

#[test]
fn every_language_has_exactly_the_english_keys_and_variables() {
    let english = english();
    assert!(
        english.contains_key("invite.subject") && english.contains_key("page-catalog-title"),
        "English keys: {english:?}"
    );
    assert_eq!(
        english["waitlisted.body"],
        BTreeSet::from(["position".to_owned(), "title".to_owned()])
    );
    let problems: Vec<_> = FILES
        .iter()
        .flat_map(|(file, sources)| parity_problems(file, sources))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_missing_translation_fails_the_parity_check() {
    let english = "page-a = A\npage-b = B { $name }\n";
    let german = "page-a = A\n";
    let french = "page-a = A\npage-b = B\n";
    let sources = [
        (Locale::En, english),
        (Locale::De, german),
        (Locale::Fr, french),
    ];
    let problems = parity_problems("pages.ftl", &sources);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[0].contains("de/pages.ftl lacks [\"page-b\"]"),
        "{problems:?}"
    );
    assert!(
        problems[1].contains("fr/pages.ftl: page-b uses {}"),
        "{problems:?}"
    );
}

#[test]
fn page_keys_are_prefixed_and_no_two_files_share_a_key() {
    let (_, pages) = &FILES[1];
    for (lang, source) in pages {
        for key in keys(*lang, source).keys() {
            assert!(key.starts_with("page-"), "{}: {key}", lang.code());
        }
    }
    let (_, staff) = &FILES[2];
    for (lang, source) in staff {
        for key in keys(*lang, source).keys() {
            assert!(key.starts_with("staff-"), "{}: {key}", lang.code());
        }
    }
    for (index, prefix) in [(4, "admin-"), (5, "csm-")] {
        let (_, sources) = &FILES[index];
        for (lang, source) in sources {
            for key in keys(*lang, source).keys() {
                assert!(key.starts_with(prefix), "{}: {key}", lang.code());
            }
        }
    }
    let mut seen = BTreeMap::new();
    for (file, sources) in &FILES {
        for key in keys(Locale::En, sources[0].1).into_keys() {
            if let Some(other) = seen.insert(key.clone(), *file) {
                panic!("{key} is in both {other} and {file}");
            }
        }
    }
}

/// A value for every variable any message uses.
fn sample(var: &str, count: i64) -> FluentValue<'static> {
    match var {
        "name" => "Ana Lima".into(),
        "title" => "Onboarding Q&A".into(),
        "host" => "Jonas Weber".into(),
        "when" => "Tuesday, 9 March 2027, 14:00–15:00".into(),
        "zone" => "Europe/Berlin".into(),
        "position" => 7.into(),
        "topic" => "Renewal planning".into(),
        "customer" => "Ana Lima".into(),
        "situation" => "Growing from 5 to 40 seats".into(),
        "delay" => "in 1 hour".into(),
        "count" => count.into(),
        "company" => "Acme GmbH".into(),
        "label" => "Label".into(),
        "value" => "Value".into(),
        "date" => "Tuesday, 9 March 2027".into(),
        "start" => "14:00".into(),
        "end" => "15:30".into(),
        "email" => "ana@example.com".into(),
        "minutes" | "taken" | "waiting" => count.into(),
        "capacity" => 20.into(),
        "all" => (count + 2).into(),
        "from" => "9 Mar 2027".into(),
        "to" => "1 Jun 2027".into(),
        "rate" => "50%".into(),
        "attended" | "confirmed" => count.into(),
        "day" => "Monday".into(),
        "until" => "Monday, 8 March 2027, 22:00".into(),
        "chance" => "about 1 in 3".into(),
        "n" => count.into(),
        "minimum" => 8.into(),
        "status" => 404.into(),
        other => panic!("no sample for ${other}: add one here"),
    }
}

#[test]
fn every_message_renders_in_every_language() {
    let english = english();
    let mut rendered = 0;
    for (lang, _) in FILES[0].1 {
        for (key, vars) in &english {
            // Plurals differ by count (Arabic has six forms): try each kind.
            for count in [0, 1, 2, 3, 11, 100] {
                let args: Vec<(&str, FluentValue)> = vars
                    .iter()
                    .map(|v| (v.as_str(), sample(v, count)))
                    .collect();
                let args: HashMap<&str, FluentValue> = args.into_iter().collect();
                let out = lookup(lang, key, &args)
                    .unwrap_or_else(|e| panic!("{}: {key}: {e}", lang.code()));
                assert!(!out.trim().is_empty(), "{}: {key} is empty", lang.code());
                for (var, value) in &args {
                    if let FluentValue::String(value) = value {
                        assert!(
                            out.contains(value.as_ref()),
                            "{}: {key} drops ${var}: {out}",
                            lang.code()
                        );
                    }
                }
                rendered += 1;
            }
        }
    }
    assert_eq!(rendered, english.len() * 5 * 6);
}

#[test]
fn german_subject_carries_the_title_and_time() {
    let subject = text(
        Locale::De,
        "invite.subject",
        &[
            ("title", "Kundenerfolg im Team".into()),
            ("when", "Dienstag, 9. März 2027, 14:00".into()),
        ],
    )
    .expect("German invite subject");
    // No isolation marks in left-to-right languages.
    assert_eq!(
        subject,
        "Einladung: Kundenerfolg im Team · Dienstag, 9. März 2027, 14:00"
    );
}

#[test]
fn plural_forms_follow_the_language() {
    let hours = |lang, count: i64| {
        text(lang, "starts-in-hours", &[("count", count.into())])
            .expect("starts-in-hours")
            // Arabic fences placeables (see the loader); the words are the point here.
            .replace(['\u{2068}', '\u{2069}'], "")
    };
    assert_eq!(hours(Locale::De, 1), "in einer Stunde");
    assert_eq!(hours(Locale::De, 3), "in 3 Stunden");
    assert_eq!(hours(Locale::Ar, 2), "بعد ساعتين");
    assert_eq!(hours(Locale::Ar, 5), "بعد 5 ساعات");
    assert_eq!(hours(Locale::Ar, 24), "بعد 24 ساعة");
}

#[test]
fn arabic_fences_latin_names_and_is_right_to_left() {
    let body = text(
        Locale::Ar,
        "invite.body",
        &[("title", "Onboarding 101".into()), ("host", "Jonas".into())],
    )
    .expect("Arabic invite body");
    assert!(
        body.contains("\u{2068}Onboarding 101\u{2069}"),
        "title not isolated: {body:?}"
    );
    assert!(is_rtl(Locale::Ar));
    assert!(!is_rtl(Locale::De));
}

#[test]
fn a_missing_key_or_argument_is_an_error_not_a_panic() {
    let missing = text(Locale::Fr, "no-such-message.subject", &[]);
    assert!(missing.is_err(), "{missing:?}");
    let no_title = text(Locale::De, "cancelled.subject", &[]);
    let e = no_title.expect_err("a message without its variable");
    assert_eq!(e.key, "cancelled.subject");
}
