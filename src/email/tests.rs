//! Every kind of mail in every language, written by the real composer and
//! kept as snapshots (`src/email/snapshots/`) for a reviewer to read. Under
//! the unit tests a text never falls back to English, so a message that
//! uses a variable the composer does not pass, or a key missing in one
//! language, fails here.

use chrono::{DateTime, TimeZone, Utc};

use super::compose::{Composer, Written};
use crate::auth::JwtKeys;
use crate::config::Settings;
use crate::domain::locale::Locale;
use crate::domain::mail::{MailJob, MailKind, NextSession, Recipient, SessionInfo, SessionKind};

const LANGS: [Locale; 5] = [Locale::En, Locale::De, Locale::Fr, Locale::Pt, Locale::Ar];

fn at(h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 3, 9, h, 0, 0)
        .single()
        .expect("a valid time")
}

fn composer() -> Composer {
    let settings = Settings::defaults().expect("default settings");
    let keys = JwtKeys::new(b"snapshot-secret-of-the-unit-tests", 60);
    Composer::new(&settings, keys).expect("composer")
}

/// A reader of `lang` in a zone where that language is spoken.
fn reader(lang: Locale) -> Recipient {
    let (name, zone) = match lang {
        Locale::En => ("Emma Clarke", "Europe/London"),
        Locale::De => ("Jonas Becker", "Europe/Berlin"),
        Locale::Fr => ("Camille Martin", "Europe/Paris"),
        Locale::Pt => ("Ana Souza", "America/Sao_Paulo"),
        Locale::Ar => ("ليلى حداد", "Asia/Riyadh"),
    };
    Recipient {
        booking_id: "0190a5c4-1111-7000-8000-000000000001".into(),
        email: "reader@example.com".into(),
        name: name.into(),
        timezone: zone.parse().expect("zone"),
        locale: lang,
        position: Some(7),
        reminder_minutes: Some(1440),
        offer_until: Some(at(1)),
        seat_chance: Some(0.34),
    }
}

fn session(kind: MailKind) -> SessionInfo {
    let queue = matches!(
        kind,
        MailKind::Queued
            | MailKind::QueueConfirm
            | MailKind::Appointment
            | MailKind::AppointmentForHost
            | MailKind::AppointmentCancelled
            | MailKind::AppointmentCancelledForHost
    );
    SessionInfo {
        kind: if queue {
            SessionKind::Appointment
        } else {
            SessionKind::Webinar
        },
        id: "0190a5c4-2222-7000-8000-000000000002".into(),
        title: if queue {
            String::new()
        } else {
            "Onboarding Q&A <live>".into()
        },
        description: "Bring your questions about the first weeks.".into(),
        starts_at: at(13),
        ends_at: at(14),
        join_url: (!queue).then(|| "https://meet.example.com/onboarding".into()),
        sequence: 2,
        host_name: "Marta Alves".into(),
        host_email: "marta@example.com".into(),
        topic: "Renewal planning".into(),
        situation: "We grow from 5 to 40 seats in April.".into(),
        customer: "Emma Clarke".into(),
        company: Some("Acme Ltd".into()),
        min_attendees: Some(5),
        next: Some(NextSession {
            id: "0190a5c4-3333-7000-8000-000000000003".into(),
            starts_at: at(13) + chrono::Duration::days(7),
        }),
        recording_url: Some("https://video.example.com/r/onboarding".into()),
        offers_seats: false,
    }
}

fn write(kind: MailKind, lang: Locale) -> Written {
    let job = MailJob {
        kind,
        session: session(kind),
        to: reader(lang),
    };
    composer()
        .write(&job, at(9))
        .unwrap_or_else(|e| panic!("{kind:?} in {}: {e}", lang.code()))
}

/// Tokens are signed with the current time: the snapshot shows where one is.
fn without_tokens(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("token=") {
        out.push_str(&rest[..i + "token=".len()]);
        out.push_str("[token]");
        rest = &rest[i + "token=".len()..];
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || "-_.%".contains(c)))
            .unwrap_or(rest.len());
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn shown(w: &Written) -> String {
    let mut out = format!(
        "Subject: {}\n\n--- text ---\n{}\n\n--- html ---\n{}\n",
        w.subject, w.text, w.html
    );
    if let Some((method, calendar)) = &w.calendar {
        out.push_str(&format!(
            "\n--- calendar ({}) ---\n{}",
            method.as_str(),
            // Unfolded, so that a reader (and the token filter) sees whole lines.
            calendar.replace("\r\n ", "").replace("\r\n", "\n")
        ));
    }
    without_tokens(&out)
}

#[test]
fn every_kind_of_mail_in_every_language() {
    for kind in MailKind::ALL {
        for lang in LANGS {
            let written = write(kind, lang);
            insta::assert_snapshot!(format!("{}_{}", kind.topic(), lang.code()), shown(&written));
        }
    }
}

#[test]
fn a_waiting_list_that_offers_seats_says_a_claim_link_will_come() {
    for lang in LANGS {
        let mut job = MailJob {
            kind: MailKind::Waitlisted,
            session: session(MailKind::Waitlisted),
            to: reader(lang),
        };
        let automatic = composer().write(&job, at(9)).expect("waitlisted");
        job.session.offers_seats = true;
        let offered = composer().write(&job, at(9)).expect("waitlisted");
        assert_ne!(offered.text, automatic.text, "{}", lang.code());
        insta::assert_snapshot!(
            format!("waitlist_offer_{}", lang.code()),
            without_tokens(&offered.text)
        );
    }
}

#[test]
fn the_html_part_carries_the_language_and_arabic_runs_right_to_left() {
    for lang in LANGS {
        let html = write(MailKind::Invite, lang).html;
        let expected = format!("<html lang=\"{}\"", lang.code());
        assert!(html.contains(&expected), "{html}");
        assert_eq!(html.contains("dir=\"rtl\""), lang == Locale::Ar, "{html}");
    }
}

#[test]
fn subjects_are_translated_and_times_are_local() {
    let english = write(MailKind::Invite, Locale::En);
    assert!(english.text.contains("13:00"), "{}", english.text);
    for lang in &LANGS[1..] {
        let written = write(MailKind::Invite, *lang);
        assert_ne!(written.subject, english.subject);
        assert!(written.subject.contains("Onboarding Q&A <live>"));
    }
    // 13:00 UTC is 14:00 in Berlin and Paris, 10:00 in São Paulo.
    assert!(write(MailKind::Invite, Locale::De).text.contains("14:00"));
    assert!(write(MailKind::Invite, Locale::Fr).text.contains("14:00"));
    assert!(write(MailKind::Invite, Locale::Pt).text.contains("10:00"));
    let de = write(MailKind::Invite, Locale::De);
    assert!(de.text.contains("Dienstag, 9. März 2027"), "{}", de.text);
}

#[test]
fn html_escapes_what_people_typed_and_text_keeps_it() {
    let written = write(MailKind::Invite, Locale::En);
    assert!(written.html.contains("Onboarding Q&#38;A &#60;live&#62;"));
    assert!(!written.html.contains("<live>"));
    assert!(written.text.contains("Onboarding Q&A <live>"));
}

#[test]
fn the_calendar_keeps_the_title_and_describes_in_the_readers_language() {
    let de = write(MailKind::Invite, Locale::De);
    let (_, calendar) = de.calendar.expect("an invitation has a calendar part");
    let calendar = calendar.replace("\r\n ", "");
    assert!(
        calendar.contains("SUMMARY:Onboarding Q&A <live>"),
        "{calendar}"
    );
    assert!(calendar.contains("Anmeldung verwalten"), "{calendar}");
    assert!(calendar.contains("SEQUENCE:2"), "{calendar}");
    let fr = write(MailKind::Appointment, Locale::Fr);
    let (_, calendar) = fr.calendar.expect("an appointment has a calendar part");
    let calendar = calendar.replace("\r\n ", "");
    assert!(
        calendar.contains("SUMMARY:Une heure avec Marta Alves"),
        "{calendar}"
    );
}
