//! What must hold after the load, read from the database and the API, and
//! the mail count against what the SMTP server received.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use chrono::Utc;
use diesel::prelude::*;
use onetomany::db::schema::{appointments, outbox, registrations, sent_reminders, webinars};
use onetomany::db::{AnyConnection, Db, DbError};

use crate::harness::{Client, Mail, outbox_id};
use crate::load::Scene;

/// Offered registrations of a webinar: (id, e-mail).
pub fn offered(conn: &mut AnyConnection, webinar: &str) -> Result<Vec<(String, String)>, DbError> {
    Ok(registrations::table
        .filter(registrations::webinar_id.eq(webinar))
        .filter(registrations::status.eq("offered"))
        .select((registrations::id, registrations::email))
        .load(conn)?)
}

/// `offer-12@…` is even: those registrants claim, the odd ones let it lapse.
pub fn even(email: &str) -> bool {
    email
        .split(['-', '@'])
        .nth(1)
        .and_then(|n| n.parse::<u64>().ok())
        .is_some_and(|n| n % 2 == 0)
}

/// Lets the unclaimed offers' hour pass: their expiry is moved into the
/// past, and the instances' schedulers must each expire once.
pub async fn lapse_offers(db: &Db, webinar: &str) -> Vec<String> {
    let webinar = webinar.to_owned();
    db.run(move |conn| {
        let ids: Vec<String> = offered(conn, &webinar)?
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        let past = (Utc::now() - chrono::Duration::minutes(1)).naive_utc();
        diesel::update(registrations::table.filter(registrations::id.eq_any(&ids)))
            .set(registrations::offer_expires_at.eq(Some(past)))
            .execute(conn)?;
        Ok::<_, DbError>(ids)
    })
    .await
    .expect("offers moved")
}

fn count_topic(conn: &mut AnyConnection, topic: &str, webinar: &str) -> QueryResult<i64> {
    outbox::table
        .filter(outbox::topic.eq(topic.to_owned()))
        .filter(outbox::webinar_id.eq(webinar.to_owned()))
        .count()
        .get_result(conn)
}

/// Waits (bounded) until everything due has happened and every mail has
/// left: the lapsed offers expired, the minimum decided, the reminders
/// queued, nothing pending. Returns how long it took.
pub async fn settle(db: &Db, scene: &Scene, lapsed: &[String], limit: Duration) -> Duration {
    let begun = Instant::now();
    let (lapsed, minimum, reminded) = (
        lapsed.to_vec(),
        scene.minimum.clone(),
        scene.reminded.clone(),
    );
    let want_reminders = i64::try_from(scene.reminded_count).unwrap_or(0);
    let mut last = String::new();
    while begun.elapsed() < limit {
        let (l, m, r) = (lapsed.clone(), minimum.clone(), reminded.clone());
        let state = db
            .run(move |conn| {
                let still_offered: i64 = registrations::table
                    .filter(registrations::id.eq_any(&l))
                    .filter(registrations::status.eq("offered"))
                    .count()
                    .get_result(conn)?;
                let decided: Option<chrono::NaiveDateTime> = webinars::table
                    .find(&m)
                    .select(webinars::decided_at)
                    .first(conn)?;
                let reminders = count_topic(conn, "reminder", &r)?;
                let open: i64 = outbox::table
                    .filter(outbox::status.eq_any(["pending", "failed"]))
                    .count()
                    .get_result(conn)?;
                Ok::<_, DbError>((still_offered, decided.is_some(), reminders, open))
            })
            .await;
        if let Ok((0, true, n, 0)) = state
            && n == want_reminders
        {
            return begun.elapsed();
        }
        last = format!("{state:?}");
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    panic!("not settled within {limit:?}: (offers left, decided, reminders, mail open) = {last}");
}

/// The figures a run reports.
#[derive(Debug, Default)]
pub struct Figures {
    pub mails_due: usize,
    pub mails_received: usize,
    pub duplicates: usize,
    pub waitlisted: usize,
}

/// Asserts every invariant; returns the mail figures.
pub async fn verify(
    db: &Db,
    client: &Client,
    mail: &Mail,
    scene: &Scene,
    lapsed: &[String],
) -> Figures {
    let mut figures = Figures::default();
    for webinar in [&scene.auto, &scene.offer, &scene.minimum, &scene.reminded] {
        let w = webinar.clone();
        let (capacity, taken, waiting, by_status) = db
            .run(move |conn| {
                let (capacity, taken, waiting): (Option<i32>, i32, i32) = webinars::table
                    .find(&w)
                    .select((
                        webinars::capacity,
                        webinars::seats_taken,
                        webinars::waitlist_length,
                    ))
                    .first(conn)?;
                let by_status: Vec<(String, i64)> = registrations::table
                    .filter(registrations::webinar_id.eq(&w))
                    .group_by(registrations::status)
                    .select((registrations::status, diesel::dsl::count_star()))
                    .load(conn)?;
                Ok::<_, DbError>((capacity, taken, waiting, by_status))
            })
            .await
            .expect("counts read");
        let rows: HashMap<String, i64> = by_status.into_iter().collect();
        let n = |s: &str| rows.get(s).copied().unwrap_or(0);
        let seated = n("confirmed") + n("offered");
        println!("webinar {webinar}: {rows:?}, seats_taken {taken}, waitlist_length {waiting}");
        if let Some(capacity) = capacity {
            assert!(
                seated <= i64::from(capacity),
                "{webinar}: {seated} seated of {capacity}"
            );
        }
        if webinar != &scene.minimum {
            assert_eq!(
                i64::from(taken),
                seated,
                "{webinar}: seats_taken against rows"
            );
            assert_eq!(
                i64::from(waiting),
                n("waitlisted"),
                "{webinar}: waitlist_length against rows"
            );
        }
    }
    // Waiting positions, as each waiting person sees theirs: exactly 1..n.
    for webinar in [&scene.auto, &scene.offer] {
        let w = webinar.clone();
        let waiting: Vec<String> = db
            .run(move |conn| {
                registrations::table
                    .filter(registrations::webinar_id.eq(&w))
                    .filter(registrations::status.eq("waitlisted"))
                    .select(registrations::id)
                    .load(conn)
                    .map_err(DbError::from)
            })
            .await
            .expect("waiting read");
        let tokens = scene.tokens.lock().await.clone();
        let mut positions = Vec::new();
        for id in &waiting {
            // Its owner's view; the host's where the 201 never came back.
            let token = tokens.get(id).unwrap_or(&scene.csm_token);
            let r = client
                .get(&format!("/api/v1/registrations/{id}"), Some(token))
                .await;
            assert_eq!(r.status, 200, "{}", r.json);
            positions.push(r.json["waitlist_position"].as_i64().unwrap_or(0));
        }
        positions.sort_unstable();
        let expected: Vec<i64> = (1..=i64::try_from(positions.len()).unwrap_or(0)).collect();
        assert_eq!(positions, expected, "{webinar}: waiting positions");
        figures.waitlisted += positions.len();
    }
    // Every 201 registration exists; a failed one is absent or whole (its
    // counters above agree with the rows either way).
    let ids: Vec<String> = scene.tokens.lock().await.keys().cloned().collect();
    let found: i64 = db
        .run(move |conn| {
            let mut n = 0;
            for chunk in ids.chunks(500) {
                n += registrations::table
                    .filter(registrations::id.eq_any(chunk))
                    .count()
                    .get_result::<i64>(conn)?;
            }
            Ok::<_, DbError>(n)
        })
        .await
        .expect("registrations read");
    assert_eq!(
        usize::try_from(found).unwrap_or(0),
        scene.tokens.lock().await.len(),
        "every registration answered 201 is stored"
    );
    let (overlaps, appointments_n, reminder_dups, reminders, sent_marks) = db
        .run(|conn| {
            let booked: Vec<(String, String, chrono::NaiveDateTime, chrono::NaiveDateTime)> =
                appointments::table
                    .filter(appointments::status.eq("scheduled"))
                    .select((
                        appointments::id,
                        appointments::host_id,
                        appointments::starts_at,
                        appointments::ends_at,
                    ))
                    .load(conn)?;
            let mut overlaps = 0;
            for (i, a) in booked.iter().enumerate() {
                for b in &booked[i + 1..] {
                    if a.1 == b.1 && a.2 < b.3 && b.2 < a.3 {
                        overlaps += 1;
                    }
                }
            }
            let per: Vec<(Option<String>, Option<i64>, i64)> = outbox::table
                .filter(outbox::topic.eq("reminder"))
                .group_by((outbox::registration_id, outbox::detail))
                .select((
                    outbox::registration_id,
                    outbox::detail,
                    diesel::dsl::count_star(),
                ))
                .load(conn)?;
            let dups = per.iter().filter(|(_, _, n)| *n > 1).count();
            let marks: i64 = sent_reminders::table.count().get_result(conn)?;
            Ok::<_, DbError>((overlaps, booked.len(), dups, per.len(), marks))
        })
        .await
        .expect("appointments read");
    println!("appointments scheduled: {appointments_n}, reminders: {reminders}");
    assert_eq!(overlaps, 0, "no CSM has overlapping appointments");
    assert!(appointments_n > 0, "the queue booked hours");
    assert_eq!(reminder_dups, 0, "each reminder queued once");
    assert_eq!(
        i64::try_from(reminders).unwrap_or(0),
        sent_marks,
        "one mail per reminder mark"
    );
    // Offer expiries and the minimum decision, each exactly once.
    let (lapsed_ids, minimum) = (lapsed.to_vec(), scene.minimum.clone());
    let (expiry_mails, cancelled, warn, decide, too_few) = db
        .run(move |conn| {
            let mut per = Vec::new();
            for id in &lapsed_ids {
                per.push(
                    outbox::table
                        .filter(outbox::topic.eq("offer_expired"))
                        .filter(outbox::registration_id.eq(id))
                        .count()
                        .get_result::<i64>(conn)?,
                );
            }
            let (status, reason): (String, Option<String>) = webinars::table
                .find(&minimum)
                .select((webinars::status, webinars::cancel_reason))
                .first(conn)?;
            Ok::<_, DbError>((
                per,
                (status, reason),
                count_topic(conn, "minimum_warning", &minimum)?,
                count_topic(conn, "minimum_cancelled_host", &minimum)?,
                count_topic(conn, "too_few_cancelled", &minimum)?,
            ))
        })
        .await
        .expect("timed steps read");
    assert!(
        expiry_mails.iter().all(|n| *n == 1),
        "each lapsed offer expired once: {expiry_mails:?}"
    );
    assert_eq!(
        cancelled,
        ("cancelled".into(), Some("too_few_registrations".into()))
    );
    assert_eq!(
        (warn, decide),
        (1, 1),
        "the minimum warned and decided once"
    );
    assert_eq!(
        too_few,
        i64::try_from(scene.minimum_count).unwrap_or(0),
        "each registrant told once"
    );
    // Every mail due was sent, and arrived; duplicates counted.
    let sent: Vec<(String, String)> = db
        .run(|conn| {
            outbox::table
                .filter(outbox::channel.eq("email"))
                .select((outbox::id, outbox::status))
                .load(conn)
                .map_err(DbError::from)
        })
        .await
        .expect("outbox read");
    assert!(
        sent.iter().all(|(_, s)| s == "sent" || s == "cancelled"),
        "every mail left or was superseded"
    );
    let mut arrived: HashMap<String, usize> = HashMap::new();
    let received = mail.received().await;
    for m in &received {
        *arrived
            .entry(outbox_id(m).expect("Message-ID from the outbox"))
            .or_default() += 1;
    }
    let due: Vec<&String> = sent
        .iter()
        .filter(|(_, s)| s == "sent")
        .map(|(id, _)| id)
        .collect();
    let missing = due.iter().filter(|id| !arrived.contains_key(**id)).count();
    assert_eq!(missing, 0, "every sent mail arrived");
    let known: std::collections::HashSet<&String> = due.iter().copied().collect();
    assert!(
        arrived.keys().all(|id| known.contains(id)),
        "nothing arrived that is not marked sent"
    );
    figures.mails_due = due.len();
    figures.mails_received = received.len();
    figures.duplicates = arrived.values().map(|n| n - 1).sum();
    println!(
        "mail: {} due and sent, {} received, {} duplicates",
        figures.mails_due, figures.mails_received, figures.duplicates
    );
    figures
}
