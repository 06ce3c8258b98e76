//! Dates and times the way each language writes them (from CLDR, through
//! ICU4X), in the reader's own zone: `Dienstag, 9. März 2027 um 14:00` in
//! German, `mardi 9 mars 2027 à 14:00` in French, 24-hour clocks where the
//! language uses them.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use chrono::{DateTime, Datelike, Timelike, Utc};
use chrono_tz::Tz;
use icu::calendar::Iso;
use icu::datetime::fieldsets::{MD, T, YMD, YMDE, YMDET};
use icu::datetime::input::{Date, DateTime as IcuDateTime, Time};
use icu::datetime::options::TimePrecision;
use icu::datetime::{DateTimeFormatter, NoCalendarFormatter};
use icu::locale::{Locale as IcuLocale, locale};

use crate::domain::locale::Locale;

/// Why a time could not be written in a language.
#[derive(Debug, thiserror::Error)]
pub enum DateError {
    #[error("no date formats for {0}")]
    Formatter(&'static str),
    #[error("not a calendar date: {0}")]
    Date(String),
}

pub(super) fn icu_locale(lang: Locale) -> IcuLocale {
    match lang {
        // British English writes "Tuesday 9 March 2027 at 14:00": the day
        // before the month and a 24-hour clock, as our readers in Europe do.
        Locale::En => locale!("en-GB"),
        Locale::De => locale!("de"),
        Locale::Fr => locale!("fr"),
        // Our Portuguese readers are mostly in Brazil.
        Locale::Pt => locale!("pt-BR"),
        Locale::Ar => locale!("ar"),
    }
}

/// The three ways a language writes a moment, built once per language and
/// thread: building a formatter looks its patterns up in the CLDR data,
/// which cost more than the rest of a catalog page when done per date.
struct Formatters {
    long_datetime: DateTimeFormatter<YMDET>,
    long_date: DateTimeFormatter<YMDE>,
    time_of_day: NoCalendarFormatter<T>,
    day_month: DateTimeFormatter<MD>,
    medium_date: DateTimeFormatter<YMD>,
}

impl Formatters {
    fn new(lang: Locale) -> Result<Self, DateError> {
        let failed = |_| DateError::Formatter(lang.code());
        let locale = icu_locale(lang);
        Ok(Self {
            long_datetime: DateTimeFormatter::try_new(
                locale.clone().into(),
                YMDET::long().with_time_precision(TimePrecision::Minute),
            )
            .map_err(failed)?,
            long_date: DateTimeFormatter::try_new(locale.clone().into(), YMDE::long())
                .map_err(failed)?,
            time_of_day: NoCalendarFormatter::try_new(locale.clone().into(), T::hm())
                .map_err(failed)?,
            day_month: DateTimeFormatter::try_new(locale.clone().into(), MD::medium())
                .map_err(failed)?,
            medium_date: DateTimeFormatter::try_new(locale.into(), YMD::medium())
                .map_err(failed)?,
        })
    }
}

thread_local! {
    static FORMATTERS: RefCell<HashMap<Locale, Rc<Formatters>>> = RefCell::new(HashMap::new());
}

fn formatters(lang: Locale) -> Result<Rc<Formatters>, DateError> {
    FORMATTERS.with(|cache| {
        if let Some(found) = cache.borrow().get(&lang) {
            return Ok(Rc::clone(found));
        }
        let built = Rc::new(Formatters::new(lang)?);
        cache.borrow_mut().insert(lang, Rc::clone(&built));
        Ok(built)
    })
}

/// `at` as the wall-clock time in `zone`, written in `lang` with the
/// weekday, the date and the time to the minute (the zone is named by the
/// caller, e.g. "(Europe/Berlin)").
pub fn long_datetime(lang: Locale, at: DateTime<Utc>, zone: Tz) -> Result<String, DateError> {
    let moment = IcuDateTime {
        date: local_date(at, zone)?,
        time: local_time(at, zone)?,
    };
    Ok(formatters(lang)?.long_datetime.format(&moment).to_string())
}

/// The weekday and date alone (`Dienstag, 9. März 2027`), for a session
/// that starts and ends the same day.
pub fn long_date(lang: Locale, at: DateTime<Utc>, zone: Tz) -> Result<String, DateError> {
    let date = local_date(at, zone)?;
    Ok(formatters(lang)?.long_date.format(&date).to_string())
}

fn local_date(at: DateTime<Utc>, zone: Tz) -> Result<Date<Iso>, DateError> {
    let local = at.with_timezone(&zone);
    Date::try_new_iso(
        local.year(),
        u8::try_from(local.month()).map_err(|e| DateError::Date(e.to_string()))?,
        u8::try_from(local.day()).map_err(|e| DateError::Date(e.to_string()))?,
    )
    .map_err(|e| DateError::Date(e.to_string()))
}

fn local_time(at: DateTime<Utc>, zone: Tz) -> Result<Time, DateError> {
    let local = at.with_timezone(&zone);
    Time::try_new(
        u8::try_from(local.hour()).map_err(|e| DateError::Date(e.to_string()))?,
        u8::try_from(local.minute()).map_err(|e| DateError::Date(e.to_string()))?,
        0,
        0,
    )
    .map_err(|e| DateError::Date(e.to_string()))
}

/// The wall-clock time alone (`14:00`, `2:00 م`), for the start and end of
/// a session within one day.
pub fn time_of_day(lang: Locale, at: DateTime<Utc>, zone: Tz) -> Result<String, DateError> {
    let time = local_time(at, zone)?;
    Ok(formatters(lang)?.time_of_day.format(&time).to_string())
}

fn iso_date(day: chrono::NaiveDate) -> Result<Date<Iso>, DateError> {
    Date::try_new_iso(
        day.year(),
        u8::try_from(day.month()).map_err(|e| DateError::Date(e.to_string()))?,
        u8::try_from(day.day()).map_err(|e| DateError::Date(e.to_string()))?,
    )
    .map_err(|e| DateError::Date(e.to_string()))
}

/// A calendar day as day and month (`9. März`, `9 Mar`), for chart axes.
pub fn day_month(lang: Locale, day: chrono::NaiveDate) -> Result<String, DateError> {
    let date = iso_date(day)?;
    Ok(formatters(lang)?.day_month.format(&date).to_string())
}

/// A calendar day with its year, short (`09.03.2027`, `9 Mar 2027`).
pub fn medium_date(lang: Locale, day: chrono::NaiveDate) -> Result<String, DateError> {
    let date = iso_date(day)?;
    Ok(formatters(lang)?.medium_date.format(&date).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn tuesday_1pm_utc() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 3, 9, 13, 0, 0)
            .single()
            .expect("a valid time")
    }

    #[test]
    fn each_language_writes_the_local_time_its_own_way() {
        let berlin: Tz = "Europe/Berlin".parse().expect("zone");
        let at = tuesday_1pm_utc();
        let written = |lang| long_datetime(lang, at, berlin).expect("formatted");
        let de = written(Locale::De);
        assert!(de.starts_with("Dienstag, 9. März 2027"), "{de}");
        assert!(de.contains("14:00"), "{de}");
        let fr = written(Locale::Fr);
        assert!(fr.starts_with("mardi 9 mars 2027"), "{fr}");
        assert!(fr.contains("14:00"), "{fr}");
        let pt = written(Locale::Pt);
        assert!(pt.contains("9 de março de 2027"), "{pt}");
        assert!(pt.contains("14:00"), "{pt}");
        let en = written(Locale::En);
        assert!(en.starts_with("Tuesday, 9 March 2027"), "{en}");
        assert!(en.contains("14:00"), "{en}");
        let ar = written(Locale::Ar);
        assert!(ar.starts_with("الثلاثاء"), "{ar}");
        assert!(ar.contains("مارس"), "{ar}");
        assert_ne!(ar, en);
    }

    #[test]
    fn the_reader_zone_decides_the_day_and_hour() {
        let at = tuesday_1pm_utc();
        let tokyo: Tz = "Asia/Tokyo".parse().expect("zone");
        let la: Tz = "America/Los_Angeles".parse().expect("zone");
        let tokyo_de = long_datetime(Locale::De, at, tokyo).expect("formatted");
        assert!(tokyo_de.contains("22:00"), "{tokyo_de}");
        // 05:00 in Los Angeles (PST until 14 March 2027).
        let la_en = long_datetime(Locale::En, at, la).expect("formatted");
        assert!(la_en.contains("05:00"), "{la_en}");
    }
}
