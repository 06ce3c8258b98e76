//! The follow-up: once attendance is marked (or two hours after the end if
//! it is not), attendees are thanked with the recording and five rating
//! links, no-shows get the recording and the next session; once per
//! person. A rating link's GET records nothing; its page's button does,
//! once.

use chrono::{Duration, Utc};
use diesel::prelude::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{Backend, TestApp, days_ahead, spawn_app};
use crate::pages::{assert_html, header, page, submit_with};
use crate::staff_browser::staff_browser;
use onetomany::worker::run_timed;

both_backends!(
    attendees_are_thanked_and_no_shows_get_the_recording_once,
    a_rating_is_recorded_by_its_button_once,
    an_unmarked_session_is_followed_up_two_hours_after_its_end,
);

/// Moves a webinar into the past: it ended `ended_ago` before now.
async fn into_the_past(app: &TestApp, webinar: &str, ended_ago: Duration) {
    let target = webinar.to_owned();
    app.sql(move |conn| {
        use onetomany::db::schema::webinars::dsl::*;
        let end = (Utc::now() - ended_ago).naive_utc();
        diesel::update(webinars.filter(id.eq(&target)))
            .set((starts_at.eq(end - Duration::hours(1)), ends_at.eq(end)))
            .execute(conn)?;
        Ok(())
    })
    .await;
}

struct Scene {
    host: String,
    webinar: String,
    next: String,
    regs: Vec<Value>,
}

/// A weekly series; its first session is over, with Ana (attended), Ben
/// (no-show, in German) and Cem (not marked).
async fn scene(app: &TestApp, mark: bool) -> Scene {
    let (_, host) = app.staff("csm").await;
    let series = app
        .create_webinar(
            &host,
            json!({"starts_at": days_ahead(1), "rrule": "FREQ=WEEKLY;COUNT=2"}),
        )
        .await;
    let items = series["items"].as_array().expect("occurrences");
    let webinar = items[0]["id"].as_str().expect("id").to_owned();
    let next = items[1]["id"].as_str().expect("id").to_owned();
    let mut regs = Vec::new();
    for (email, lang) in [
        ("ana@example.com", "en"),
        ("ben@example.com", "de"),
        ("cem@example.com", "en"),
    ] {
        let r = app.register(&webinar, email, json!({"locale": lang})).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        regs.push(r.json);
    }
    app.deliver().await;
    into_the_past(app, &webinar, Duration::minutes(30)).await;
    let recording = app
        .send(
            reqwest::Method::PATCH,
            &format!("/api/v1/webinars/{webinar}"),
            Some(&host),
            Some(&json!({"recording_url": "https://video.example.com/r/42"})),
        )
        .await;
    assert_eq!(recording.status, StatusCode::OK, "{}", recording.text);
    assert_eq!(
        recording.json["recording_url"],
        "https://video.example.com/r/42"
    );
    if mark {
        let ids = |i: usize| regs[i]["id"].as_str().unwrap_or_default().to_owned();
        let marked = app
            .post(
                &format!("/api/v1/webinars/{webinar}/attendance"),
                Some(&host),
                &json!({"attended": [ids(0)], "no_show": [ids(1)]}),
            )
            .await;
        assert_eq!(marked.status, StatusCode::OK, "{}", marked.text);
    }
    Scene {
        host,
        webinar,
        next,
        regs,
    }
}

fn text_of(mail: &Value) -> &str {
    mail["text"].as_str().unwrap_or_default()
}

/// The rating links of a thank-you mail, in order.
fn rating_links(mail: &Value) -> Vec<String> {
    text_of(mail)
        .split_whitespace()
        .filter(|w| w.contains("/rate?score="))
        .map(str::to_owned)
        .collect()
}

async fn attendees_are_thanked_and_no_shows_get_the_recording_once(backend: Backend) {
    let app = spawn_app(backend).await;
    let s = scene(&app, true).await;
    let done = run_timed(&app.db, Utc::now()).await.expect("timed");
    assert_eq!(done.followed_up, 3, "marked: due at once");
    let again = run_timed(&app.db, Utc::now() + Duration::hours(3))
        .await
        .expect("timed");
    assert_eq!(again.followed_up, 0);
    app.deliver().await;

    let thanks = app.mails_to("ana@example.com").pop().expect("thanks");
    assert!(
        thanks["subject"]
            .as_str()
            .unwrap_or_default()
            .starts_with("Thank you for joining"),
        "{thanks}"
    );
    assert!(text_of(&thanks).contains("Watch the recording: https://video.example.com/r/42"));
    let links = rating_links(&thanks);
    assert_eq!(links.len(), 5, "{}", text_of(&thanks));
    for (i, link) in links.iter().enumerate() {
        assert!(link.contains(&format!("score={}", i + 1)), "{link}");
    }
    assert!(thanks["calendars"].as_array().is_none_or(Vec::is_empty));

    let missed = app.mails_to("ben@example.com").pop().expect("missed");
    assert!(
        missed["subject"]
            .as_str()
            .unwrap_or_default()
            .starts_with("Schade, dass Sie nicht dabei sein konnten"),
        "{missed}"
    );
    let text = text_of(&missed);
    assert!(
        text.contains("Aufzeichnung ansehen: https://video.example.com/r/42"),
        "{text}"
    );
    assert!(text.contains(&format!("/webinars/{}", s.next)), "{text}");
    assert!(rating_links(&missed).is_empty());
    // Not marked: thanked, like those who came.
    let cem = app.mails_to("cem@example.com").pop().expect("mail");
    assert_eq!(rating_links(&cem).len(), 5);
    // One follow-up per person.
    let follow_ups = app
        .mails()
        .iter()
        .filter(|m| {
            let subject = m["subject"].as_str().unwrap_or_default();
            subject.starts_with("Thank you for joining") || subject.starts_with("Schade")
        })
        .count();
    assert_eq!(follow_ups, 3);
}

async fn a_rating_is_recorded_by_its_button_once(backend: Backend) {
    let app = spawn_app(backend).await;
    let s = scene(&app, true).await;
    run_timed(&app.db, Utc::now()).await.expect("timed");
    app.deliver().await;
    let thanks = app.mails_to("ana@example.com").pop().expect("thanks");
    let link = rating_links(&thanks).swap_remove(3);
    let path = link
        .strip_prefix("http://127.0.0.1:8080")
        .expect("a link to this service")
        .to_owned();
    let rid = s.regs[0]["id"].as_str().expect("id");
    let token = path.split("token=").nth(1).expect("token").to_owned();

    // Opening the link (a mail scanner does) records nothing.
    for _ in 0..2 {
        let shown = page(&app, &path, &[]).await;
        assert_html(&shown, StatusCode::OK);
        assert_eq!(header(&shown, "referrer-policy"), "no-referrer");
        assert!(
            shown.text.contains(r#"value="4" checked"#),
            "{}",
            shown.text
        );
        assert!(shown.text.contains("Send my rating"));
    }
    assert_eq!(stored(&app, rid).await, (None, None));

    // The manage token is not a rating token; a score out of range is said.
    let manage = s.regs[0]["manage_token"].as_str().expect("token");
    let wrong = page(
        &app,
        &format!("/manage/registration/{rid}/rate?score=4&token={manage}"),
        &[],
    )
    .await;
    assert_ne!(wrong.status, StatusCode::OK);
    let form = format!("/manage/registration/{rid}/rate");
    let bad = submit_with(&app, &form, &[("token", &token), ("score", "9")], &[]).await;
    assert_html(&bad, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.text.contains("Choose a score from 1 to 5."),
        "{}",
        bad.text
    );

    let sent = submit_with(
        &app,
        &form,
        &[
            ("token", &token),
            ("score", "4"),
            ("comment", "Clear and useful."),
        ],
        &[],
    )
    .await;
    assert_html(&sent, StatusCode::OK);
    assert!(
        sent.text.contains("your rating has been sent"),
        "{}",
        sent.text
    );
    assert_eq!(
        stored(&app, rid).await,
        (Some(4), Some("Clear and useful.".into()))
    );
    let twice = submit_with(&app, &form, &[("token", &token), ("score", "1")], &[]).await;
    assert!(
        twice.text.contains("we already have your rating"),
        "{}",
        twice.text
    );
    assert_eq!(stored(&app, rid).await.0, Some(4));

    // Cem gives a 5: marketing sees two ratings averaging 4.5, for the
    // session and for its topic.
    let cem = app.mails_to("cem@example.com").pop().expect("thanks");
    let five = rating_links(&cem).swap_remove(4);
    let cem_token = five.split("token=").nth(1).expect("token").to_owned();
    let cem_form = format!(
        "/manage/registration/{}/rate",
        s.regs[2]["id"].as_str().expect("id")
    );
    let sent = submit_with(
        &app,
        &cem_form,
        &[("token", &cem_token), ("score", "5")],
        &[],
    )
    .await;
    assert_html(&sent, StatusCode::OK);
    let (_, marketing) = app.staff("marketing").await;
    let stats = app.get("/api/v1/stats/webinars", Some(&marketing)).await;
    assert_eq!(stats.status, StatusCode::OK, "{}", stats.text);
    let items = stats.json["items"].as_array().expect("items");
    let row = items
        .iter()
        .find(|i| i["webinar_id"] == s.webinar.as_str())
        .expect("the session's row");
    assert_eq!(row["ratings"], 2, "{row}");
    assert_eq!(row["rating_avg"], 4.5, "{row}");
    let next = items
        .iter()
        .find(|i| i["webinar_id"] == s.next.as_str())
        .expect("the next session's row");
    assert_eq!(next["ratings"], 0);
    assert!(next["rating_avg"].is_null());
    assert_eq!(stats.json["topics"][0]["ratings"], 2);
    // The marketing page shows the same, the way German writes it.
    let (browser, _) = staff_browser(&app, "marketing").await;
    let charts = browser.get("/marketing?lang=de").await;
    assert_html(&charts, StatusCode::OK);
    let table = charts
        .text
        .split("id=\"ratings-table\"")
        .nth(1)
        .unwrap_or_else(|| panic!("a ratings table: {}", charts.text));
    let title = row["title"].as_str().expect("title");
    let line = table
        .split("<tr>")
        .find(|l| l.contains(title))
        .unwrap_or_else(|| panic!("the session's line: {table}"));
    assert!(line.contains("<td>2</td><td>4,5</td>"), "{line}");
    // Only the rated session is listed, not the next one.
    let table = table.split("</table>").next().unwrap_or_default();
    assert_eq!(table.matches("<th scope=\"row\">").count(), 1, "{table}");

    // The host reads each score and comment beside the registrant.
    let cookie = format!("staff_session={}", s.host);
    let registrants = page(
        &app,
        &format!("/staff/webinars/{}/registrants", s.webinar),
        &[("cookie", &cookie)],
    )
    .await;
    assert_html(&registrants, StatusCode::OK);
    let text = &registrants.text;
    assert!(text.contains("Their rating of the session"), "{text}");
    assert!(text.contains("4 – very good"), "{text}");
    assert!(text.contains("Clear and useful."), "{text}");
    assert!(text.contains("5 – excellent"), "{text}");
}

async fn stored(app: &TestApp, registration: &str) -> (Option<i32>, Option<String>) {
    let key = registration.to_owned();
    app.sql(move |conn| {
        use onetomany::db::schema::registrations::dsl::*;
        Ok(registrations
            .find(&key)
            .select((rating, rating_comment))
            .first::<(Option<i32>, Option<String>)>(conn)?)
    })
    .await
}

async fn an_unmarked_session_is_followed_up_two_hours_after_its_end(backend: Backend) {
    let app = spawn_app(backend).await;
    scene(&app, false).await;
    let early = run_timed(&app.db, Utc::now()).await.expect("timed");
    assert_eq!(early.followed_up, 0, "half an hour after the end, unmarked");
    let later = run_timed(&app.db, Utc::now() + Duration::minutes(91))
        .await
        .expect("timed");
    assert_eq!(later.followed_up, 3);
}
