//! What customers ask about (`GET /api/v1/stats/topics` and its section on
//! `/marketing`): counts per topic, the consent rule for quoted questions,
//! the date range and who may read it.

use chrono::{Duration, Utc};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{Backend, TestApp, TestDb, days_ahead, spawn_app_with};
use crate::pages::assert_html;
use crate::queue::ask;
use crate::staff_browser::staff_browser;

both_backends!(
    topics_count_registrations_queue_requests_and_questions,
    only_consenting_registrants_are_quoted,
    the_range_selects_sessions_and_requests,
    csm_and_marketing_read_the_topics_others_do_not,
    the_marketing_page_shows_what_customers_ask_about,
);

const SECRET: &str = "Can you keep our merger with Initech quiet?";

async fn spawn(backend: Backend) -> TestApp {
    spawn_app_with(TestDb::create(backend), |s| {
        s.queue.confirm_email = false;
        s.queue.account_limit_days = 0;
    })
    .await
}

fn id(v: &Value) -> String {
    v["id"].as_str().expect("id").to_owned()
}

/// Two "Reporting" webinars (one written "reporting") and a "billing" one
/// within a week, a "reporting" one in 60 days; registrants with and
/// without consent and questions; three queue requests. Returns the
/// host's token and the first webinar's id.
async fn scene(app: &TestApp) -> (String, String) {
    let (_, host) = app.staff("csm").await;
    let a = id(&app
        .create_webinar(
            &host,
            json!({"topic": "Reporting", "starts_at": days_ahead(3)}),
        )
        .await);
    let a2 = id(&app
        .create_webinar(
            &host,
            json!({"topic": "reporting", "starts_at": days_ahead(4)}),
        )
        .await);
    let b = id(&app
        .create_webinar(
            &host,
            json!({"topic": "billing", "starts_at": days_ahead(5)}),
        )
        .await);
    let later = id(&app
        .create_webinar(
            &host,
            json!({"topic": "reporting", "starts_at": days_ahead(60)}),
        )
        .await);
    let mut regs = Vec::new();
    for (w, email, consent, questions) in [
        (&a, "ana@x.example", true, vec!["How do I export to Excel?"]),
        (&a, "ben@x.example", false, vec![SECRET, "Is there an API?"]),
        (&a2, "cem@x.example", true, vec![]),
        (&b, "dia@x.example", true, vec!["Why two invoices?"]),
        (&later, "eve@x.example", true, vec!["Later question?"]),
    ] {
        let r = app
            .register(
                w,
                email,
                json!({"marketing_consent": consent, "questions": questions}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        regs.push(id(&r.json));
    }
    let marked = app
        .post(
            &format!("/api/v1/webinars/{a}/attendance"),
            Some(&host),
            &json!({"attended": [regs[0]], "no_show": [regs[1]]}),
        )
        .await;
    assert!(marked.status.is_success(), "{}", marked.text);
    for (email, topic) in [
        ("q1@one.example", "reporting"),
        ("q2@two.example", " REPORTING "),
        ("q3@three.example", "Data import"),
    ] {
        let r = ask(app, email, json!({"topic": topic})).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    }
    (host, a)
}

fn range(from_days: i64, to_days: i64) -> String {
    let at = |d: i64| {
        (Utc::now() + Duration::days(d))
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            .replace('+', "%2B")
    };
    format!("from={}&to={}", at(from_days), at(to_days))
}

fn topic<'a>(reply: &'a Value, name: &str) -> &'a Value {
    reply["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|t| t["topic"] == name)
        .unwrap_or_else(|| panic!("topic {name} in {reply}"))
}

async fn topics_count_registrations_queue_requests_and_questions(backend: Backend) {
    let app = spawn(backend).await;
    scene(&app).await;
    let (_, marketing) = app.staff("marketing").await;
    let r = app
        .get(
            &format!("/api/v1/stats/topics?{}", range(-1, 30)),
            Some(&marketing),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let names: Vec<&str> = r.json["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|t| t["topic"].as_str())
        .collect();
    // Busiest first; "Reporting" and "reporting" are one topic.
    assert_eq!(names, ["Reporting", "billing", "Data import"], "{}", r.text);
    let reporting = topic(&r.json, "Reporting");
    assert_eq!(reporting["registrations"], 3);
    assert_eq!(reporting["queue_requests"], 2);
    assert_eq!(reporting["questions"], 3);
    // One of three confirmed registrants attended.
    let rate = reporting["attendance_rate"].as_f64().expect("a rate");
    assert!((rate - 1.0 / 3.0).abs() < 1e-9, "{rate}");
    let billing = topic(&r.json, "billing");
    assert_eq!(
        (
            &billing["registrations"],
            &billing["queue_requests"],
            &billing["questions"]
        ),
        (&json!(1), &json!(0), &json!(1))
    );
    assert_eq!(billing["attendance_rate"], 0.0);
    let import = topic(&r.json, "Data import");
    assert_eq!(import["queue_requests"], 1);
    assert_eq!(import["registrations"], 0);
    assert_eq!(import["attendance_rate"], Value::Null);
    assert_eq!(import["recent_questions"], json!([]));
}

async fn only_consenting_registrants_are_quoted(backend: Backend) {
    let app = spawn(backend).await;
    let (_, a) = scene(&app).await;
    let (_, admin) = app.staff("admin").await;
    let path = format!("/api/v1/stats/topics?{}", range(-1, 30));
    let r = app.get(&path, Some(&admin)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(
        topic(&r.json, "Reporting")["recent_questions"],
        json!(["How do I export to Excel?"])
    );
    assert_eq!(
        topic(&r.json, "billing")["recent_questions"],
        json!(["Why two invoices?"])
    );
    // Not even an admin sees the question of someone who declined, nor
    // any name or address.
    assert!(!r.text.contains("Initech"), "{}", r.text);
    assert!(!r.text.contains("Is there an API"), "{}", r.text);
    assert!(!r.text.contains("@x.example"), "{}", r.text);

    // A newer consenting registrant's question comes first; an erased
    // person is no longer quoted.
    let newer = app
        .register(
            &a,
            "fay@x.example",
            json!({"marketing_consent": true, "questions": ["Can reports run nightly?"]}),
        )
        .await;
    assert_eq!(newer.status, StatusCode::CREATED, "{}", newer.text);
    let r = app.get(&path, Some(&admin)).await;
    assert_eq!(
        topic(&r.json, "Reporting")["recent_questions"],
        json!(["Can reports run nightly?", "How do I export to Excel?"])
    );
    let erased = app
        .send(
            reqwest::Method::DELETE,
            "/api/v1/people/ana@x.example",
            Some(&admin),
            None,
        )
        .await;
    assert!(erased.status.is_success(), "{}", erased.text);
    let r = app.get(&path, Some(&admin)).await;
    assert_eq!(
        topic(&r.json, "Reporting")["recent_questions"],
        json!(["Can reports run nightly?"])
    );
    assert!(!r.text.contains("Excel"), "{}", r.text);
}

async fn the_range_selects_sessions_and_requests(backend: Backend) {
    let app = spawn(backend).await;
    scene(&app).await;
    let (_, marketing) = app.staff("marketing").await;
    // Only the webinar in 60 days: no queue request was made then.
    let later = app
        .get(
            &format!("/api/v1/stats/topics?{}", range(30, 90)),
            Some(&marketing),
        )
        .await;
    assert_eq!(later.status, StatusCode::OK, "{}", later.text);
    assert_eq!(later.json["items"].as_array().map(Vec::len), Some(1));
    let reporting = topic(&later.json, "reporting");
    assert_eq!(reporting["registrations"], 1);
    assert_eq!(reporting["queue_requests"], 0);
    assert_eq!(reporting["recent_questions"], json!(["Later question?"]));
    // The default range (90 days either side) holds everything.
    let all = app.get("/api/v1/stats/topics", Some(&marketing)).await;
    assert_eq!(topic(&all.json, "Reporting")["registrations"], 4);
    // A past range holds nothing; a backwards one is refused.
    let past = app
        .get(
            &format!("/api/v1/stats/topics?{}", range(-30, -10)),
            Some(&marketing),
        )
        .await;
    assert_eq!(past.json["items"], json!([]), "{}", past.text);
    app.get(
        &format!("/api/v1/stats/topics?{}", range(10, 5)),
        Some(&marketing),
    )
    .await
    .assert_problem(422, "validation_failed");
    app.get("/api/v1/stats/topics?from=soon", Some(&marketing))
        .await
        .assert_problem(422, "validation_failed");
}

async fn csm_and_marketing_read_the_topics_others_do_not(backend: Backend) {
    let app = spawn(backend).await;
    let (host, _) = scene(&app).await;
    let path = format!("/api/v1/stats/topics?{}", range(-1, 30));
    for role in ["marketing", "admin"] {
        let (_, token) = app.staff(role).await;
        let r = app.get(&path, Some(&token)).await;
        assert_eq!(r.status, StatusCode::OK, "{role}: {}", r.text);
    }
    let by_csm = app.get(&path, Some(&host)).await;
    assert_eq!(by_csm.status, StatusCode::OK, "{}", by_csm.text);
    assert_eq!(topic(&by_csm.json, "Reporting")["queue_requests"], 2);
    app.get(&path, None)
        .await
        .assert_problem(401, "unauthorized");
    // A customer's manage token is no staff token.
    let w = app.create_webinar(&host, json!({})).await;
    let reg = app.register(&id(&w), "gus@x.example", json!({})).await;
    let manage = reg.json["manage_token"].as_str().expect("token");
    app.get(&path, Some(manage))
        .await
        .assert_problem(401, "unauthorized");
}

fn day(days: i64) -> String {
    (Utc::now() + Duration::days(days))
        .with_timezone(&chrono_tz::Europe::Berlin)
        .date_naive()
        .format("%Y-%m-%d")
        .to_string()
}

async fn the_marketing_page_shows_what_customers_ask_about(backend: Backend) {
    let app = spawn(backend).await;
    scene(&app).await;
    let (browser, _) = staff_browser(&app, "marketing").await;
    let en = browser
        .get(&format!(
            "/marketing?from={}&to={}&lang=en",
            day(0),
            day(30)
        ))
        .await;
    assert_html(&en, StatusCode::OK);
    let html = &en.text;
    let section = html
        .split("<section class=\"marketing-topics\"")
        .nth(1)
        .unwrap_or_else(|| panic!("the topics section: {html}"));
    assert!(section.contains("What customers ask about"), "{section}");
    assert!(
        section.contains("<title id=\"chart-topics-title\">"),
        "{section}"
    );
    assert!(
        section.contains("<desc id=\"chart-topics-desc\">"),
        "{section}"
    );
    assert!(
        section.contains(
            "<tr><th scope=\"row\">Reporting</th><td>3</td><td>33%</td><td>2</td><td>3</td>"
        ),
        "{section}"
    );
    assert!(
        section.contains("<li>How do I export to Excel?</li>"),
        "{section}"
    );
    assert!(!html.contains("Initech"), "{html}");
    // The later webinar lies outside the chosen period.
    assert!(!section.contains("Later question?"), "{section}");

    let de = browser
        .get(&format!(
            "/marketing?from={}&to={}&lang=de",
            day(0),
            day(30)
        ))
        .await;
    assert_html(&de, StatusCode::OK);
    assert!(
        de.text.contains("Was Kundinnen und Kunden wissen wollen"),
        "{}",
        de.text
    );
    assert!(de.text.contains("Warteschlangen-Anfragen"), "{}", de.text);
    let ar = browser
        .get(&format!(
            "/marketing?from={}&to={}&lang=ar",
            day(0),
            day(30)
        ))
        .await;
    assert_html(&ar, StatusCode::OK);
    assert!(ar.text.contains("dir=\"rtl\""), "{}", ar.text);
    assert!(ar.text.contains("ما يسأل عنه العملاء"), "{}", ar.text);
}
