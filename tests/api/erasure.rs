//! Erasure: a person's data is gone from rows, queued mail, written mail
//! files and the audit log, while the figures stay; erasing a CSM's address
//! keeps the customers' mail.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{Backend, TestApp, spawn_app};
use crate::marketing::scene;

both_backends!(
    erasure_removes_a_person_but_keeps_the_figures,
    erasing_a_csms_address_keeps_the_customers_mail,
);

async fn erasure_removes_a_person_but_keeps_the_figures(backend: Backend) {
    let app = spawn_app(backend).await;
    let (marketing, host, a, b) = scene(&app).await;
    let (_, admin) = app.staff("admin").await;
    // Ana also has an hour booked with a CSM.
    let (csm_id, csm) =
        crate::queue::csm_with_hours(&app, "UTC", &[crate::queue::date_in(3)], "10:00").await;
    let hour = crate::queue::ask(&app, "ana@x.example", json!({})).await;
    assert_eq!(hour.json["status"], "scheduled", "{}", hour.text);
    app.deliver().await;
    assert!(!app.mails_to("ana@x.example").is_empty());
    // Her address and name are in files written for her and about her
    // (the CSM's copy of her hour names her).
    let naming_her =
        |app: &TestApp| files_containing(app, &["ana@x.example", "Customer ana", "customer ana"]);
    assert!(naming_her(&app).len() >= 4, "{:?}", naming_her(&app));
    let before = app.get("/api/v1/stats/webinars", Some(&marketing)).await;
    // A mail to Ana is still waiting in the outbox.
    app.send(
        Method::DELETE,
        "/api/v1/people/ana@x.example",
        Some(&marketing),
        None,
    )
    .await
    .assert_problem(403, "forbidden");
    let erased = app
        .send(
            Method::DELETE,
            "/api/v1/people/ANA@x.example",
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(erased.status, StatusCode::OK, "{}", erased.text);
    // No written mail holds her address or name any more, raw or decoded.
    assert_eq!(naming_her(&app), Vec::<String>::new());
    let decoded = app.mails();
    assert!(!decoded.is_empty(), "other people's mail stays");
    for mail in &decoded {
        let seen = mail.to_string().to_lowercase();
        assert!(
            !seen.contains("ana@x.example") && !seen.contains("customer ana"),
            "{seen}"
        );
    }
    assert_eq!(erased.json["registrations"], 2);
    assert_eq!(erased.json["queue_requests"], 1);
    assert!(erased.json["messages_cancelled"].as_u64().unwrap_or(0) >= 2);

    let all = app.get("/api/v1/attendees?consent=all", Some(&admin)).await;
    assert!(all.text.contains("ben@x.example"), "{}", all.text);
    assert!(!all.text.contains("ana@x.example") && !all.text.contains("Customer ana"));
    let hosts_view = app
        .get(&format!("/api/v1/webinars/{a}/registrations"), Some(&host))
        .await;
    assert!(
        hosts_view.text.contains("cem@x.example") && !hosts_view.text.contains("ana@x.example"),
        "{}",
        hosts_view.text
    );
    let outbox = app.get("/api/v1/outbox?limit=500", Some(&admin)).await;
    assert!(outbox.text.contains("dia@x.example"), "{}", outbox.text);
    assert!(!outbox.text.contains("ana@x.example"));
    // Her seat on the expert webinar went to the waiting list.
    let wb = app.get(&format!("/api/v1/webinars/{b}"), None).await;
    assert_eq!(
        (
            wb.json["seats_taken"].as_i64(),
            wb.json["waitlist_length"].as_i64()
        ),
        (Some(1), Some(0))
    );
    app.deliver().await;
    assert!(
        app.mails_to("ana@x.example").is_empty(),
        "her mail is gone, and no further mail came"
    );
    // The worker ran: Dia's promotion went out.
    let dia = app.mails_to("dia@x.example");
    assert_eq!(
        dia.last().expect("mail to Dia")["calendars"][0]["method"],
        "REQUEST"
    );
    assert_eq!(naming_her(&app), Vec::<String>::new());

    // The CSM's calendar loses the hour, with nothing about her in the message.
    let csm_email = app.email_of(&csm).await;
    let to_csm = app.mails_to(&csm_email);
    let cancel = to_csm.last().expect("mail to the CSM");
    assert_eq!(cancel["calendars"][0]["method"], "CANCEL");
    assert!(
        !cancel.to_string().contains("Customer ana")
            && !cancel.to_string().contains("ana@x.example")
    );
    let appts = app
        .get(
            &format!("/api/v1/appointments?host_id={csm_id}"),
            Some(&csm),
        )
        .await;
    assert_eq!(appts.json["items"][0]["status"], "cancelled");
    assert!(!appts.text.contains("ana@x.example"));

    // The figures keep counting her registrations.
    let after = app.get("/api/v1/stats/webinars", Some(&marketing)).await;
    let registered = |v: &Value| {
        v["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|i| i["registered"].as_i64().unwrap_or(0))
            .sum::<i64>()
    };
    assert_eq!((registered(&before.json), registered(&after.json)), (5, 5));

    let audit = app.get("/api/v1/audit", Some(&admin)).await;
    let entry = audit.json["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["action"] == "person.erased")
        .cloned()
        .expect("audited");
    // Neither the address nor a plain hash of it, which anyone could
    // reverse by hashing guessed addresses.
    let plain_hash = sha256_hex("ana@x.example");
    let audited = entry.to_string();
    assert!(
        !audited.contains("ana@x.example") && !audited.contains(&plain_hash),
        "{audited}"
    );
    let tag = entry["details"]["email_hmac"].as_str().unwrap_or_default();
    assert!(tag.len() == 64 && tag != plain_hash, "{audited}");
}

fn sha256_hex(text: &str) -> String {
    aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, text.as_bytes())
        .as_ref()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The written mail files (raw, as stored) that contain any of `needles`.
fn files_containing(app: &TestApp, needles: &[&str]) -> Vec<String> {
    let Ok(dir) = std::fs::read_dir(&app.mail_dir) else {
        return Vec::new();
    };
    let mut hits: Vec<String> = dir
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            std::fs::read_to_string(p).is_ok_and(|raw| needles.iter().any(|n| raw.contains(n)))
        })
        .map(|p| p.display().to_string())
        .collect();
    hits.sort();
    hits
}

async fn erasing_a_csms_address_keeps_the_customers_mail(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, admin) = app.staff("admin").await;
    let (csm_id, csm) =
        crate::queue::csm_with_hours(&app, "UTC", &[crate::queue::date_in(3)], "10:00").await;
    let csm_email = app.email_of(&csm).await;
    let hour = crate::queue::ask(&app, "ana@x.example", json!({})).await;
    assert_eq!(hour.json["status"], "scheduled", "{}", hour.text);
    // Erasing the CSM's address while the invitations are still unsent.
    let erased = app
        .send(
            Method::DELETE,
            &format!("/api/v1/people/{csm_email}"),
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(erased.status, StatusCode::OK, "{}", erased.text);
    assert_eq!(
        (
            erased.json["registrations"].as_u64(),
            erased.json["queue_requests"].as_u64()
        ),
        (Some(0), Some(0))
    );
    app.deliver().await;
    // Both copies of Ana's hour went out, whole.
    let to_csm = app.mails_to(&csm_email);
    assert_eq!(to_csm.len(), 1, "{to_csm:?}");
    assert_eq!(to_csm[0]["calendars"][0]["method"], "REQUEST");
    assert!(to_csm[0].to_string().contains("Customer ana@x.example"));
    let to_ana = app.mails_to("ana@x.example");
    assert!(
        to_ana
            .iter()
            .any(|m| m["calendars"][0]["method"] == "REQUEST"),
        "{to_ana:?}"
    );
    let outbox = app.get("/api/v1/outbox?limit=500", Some(&admin)).await;
    let rows = outbox.json["items"].as_array().expect("items");
    let to = |who: &str| {
        rows.iter()
            .filter(|r| r["recipient"] == who && r["status"] == "sent")
            .count()
    };
    assert_eq!(to(&csm_email), 1, "{}", outbox.text);
    assert!(to("ana@x.example") >= 2, "{}", outbox.text);
    let appts = app
        .get(
            &format!("/api/v1/appointments?host_id={csm_id}"),
            Some(&csm),
        )
        .await;
    assert_eq!(
        (
            appts.json["items"][0]["status"].as_str(),
            appts.json["items"][0]["customer_email"].as_str()
        ),
        (Some("scheduled"), Some("ana@x.example"))
    );
}
