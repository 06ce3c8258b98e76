//! Generators shared by the properties: instants, zones, hostile text.

use chrono::{DateTime, TimeZone as _, Utc};
use chrono_tz::Tz;
use proptest::prelude::*;

/// An instant between 2020 and 2035, to the minute.
pub fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    (26_297_280i64..34_712_640).prop_map(|m| {
        Utc.timestamp_opt(m * 60, 0)
            .single()
            .expect("in chrono's range")
    })
}

/// Zones with the awkward cases: European and American DST, the southern
/// hemisphere, a 30-minute DST shift (Lord Howe), half-hour offsets, none.
pub fn zone() -> impl Strategy<Value = Tz> {
    prop::sample::select(vec![
        chrono_tz::UTC,
        chrono_tz::Europe::Berlin,
        chrono_tz::America::New_York,
        chrono_tz::America::Sao_Paulo,
        chrono_tz::Australia::Sydney,
        chrono_tz::Australia::Lord_Howe,
        chrono_tz::Asia::Kolkata,
        chrono_tz::Asia::Riyadh,
    ])
}

/// Text a user might type, and worse: iCalendar and CSV delimiters,
/// backslashes, CR/LF, quotes, tabs, Arabic, combining marks, emoji, other
/// control characters, anything else.
pub fn text(max: usize) -> impl Strategy<Value = String> {
    let special = prop::sample::select(vec![
        ',', ';', ':', '\\', '\n', '\r', '"', '\'', '\t', ' ', '=', '+', '-', '@', 'N', 'n', 'é',
        'ß', 'ç', 'ã', 'ع', 'ر', 'ب', 'ي', '\u{0301}', '\u{200f}', '\u{2068}', '😀', '\u{0}',
        '\u{7}', '\u{1b}', '\u{7f}', '\u{85}', '\u{2028}', '\u{feff}',
    ]);
    prop::collection::vec(
        prop_oneof![4 => special, 2 => proptest::char::range('a', 'z'), 1 => any::<char>()],
        0..max,
    )
    .prop_map(String::from_iter)
}
