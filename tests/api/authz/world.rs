//! The staff, bookings and other records the rows act on.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{Backend, PASSWORD, TestApp, TestDb, spawn_app_with};
use crate::queue::{ask, put_availability};

/// Settings for these tests: queue hours go straight to the CSM, with no
/// account quota in the way.
pub(super) async fn spawn(backend: Backend) -> TestApp {
    spawn_app_with(TestDb::create(backend), |s| {
        s.queue.confirm_email = false;
        s.queue.account_limit_days = 0;
    })
    .await
}

pub(super) struct Staff {
    pub(super) id: String,
    pub(super) email: String,
    pub(super) token: String,
}

pub(super) async fn staff(app: &TestApp, role: &str) -> Staff {
    let email = format!("{role}-{}@example.com", uuid::Uuid::new_v4().simple());
    let id = app.add_staff(&email, role).await;
    let reply = app.login(&email, PASSWORD).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    Staff {
        id,
        email,
        token: reply.json["token"].as_str().expect("token").to_owned(),
    }
}

pub(super) fn availability() -> Value {
    let weekly: Vec<Value> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .map(|d| json!({"day": d, "start": "06:00", "end": "22:00"}))
        .collect();
    json!({"timezone": "UTC", "weekly": weekly, "exceptions": []})
}

/// A webinar hosted by the CSM, with a registration (which gave marketing
/// consent) and another registration on another webinar.
pub(super) struct Webinar {
    pub(super) id: String,
    pub(super) registration: String,
    pub(super) token: String,
    pub(super) other_token: String,
}

pub(super) async fn webinar_of(app: &TestApp, csm: &Staff) -> Webinar {
    let w = app.create_webinar(&csm.token, json!({})).await;
    let id = w["id"].as_str().expect("id").to_owned();
    let n = uuid::Uuid::new_v4().simple();
    let reg = app
        .register(
            &id,
            &format!("owner-{n}@customer.example"),
            json!({"marketing_consent": true}),
        )
        .await;
    assert_eq!(reg.status, StatusCode::CREATED, "{}", reg.text);
    let elsewhere = app.create_webinar(&csm.token, json!({})).await;
    let other = app
        .register(
            elsewhere["id"].as_str().expect("id"),
            &format!("other-{n}@customer.example"),
            json!({"marketing_consent": true}),
        )
        .await;
    assert_eq!(other.status, StatusCode::CREATED, "{}", other.text);
    Webinar {
        id,
        registration: reg.json["id"].as_str().expect("id").to_owned(),
        token: reg.json["manage_token"].as_str().expect("token").to_owned(),
        other_token: other.json["manage_token"]
            .as_str()
            .expect("token")
            .to_owned(),
    }
}

/// A queue request scheduled with the CSM, and another request.
pub(super) struct Queued {
    pub(super) id: String,
    pub(super) appointment: String,
    pub(super) token: String,
    pub(super) other_token: String,
}

pub(super) async fn queued_with(app: &TestApp, csm: &Staff) -> Queued {
    let n = uuid::Uuid::new_v4().simple();
    let mine = ask(app, &format!("q-{n}@one.example"), json!({})).await;
    assert_eq!(mine.status, StatusCode::CREATED, "{}", mine.text);
    assert_eq!(
        mine.json["appointment"]["host"]["id"],
        csm.id.as_str(),
        "{}",
        mine.text
    );
    let other = ask(app, &format!("q-{n}@two.example"), json!({})).await;
    assert_eq!(other.status, StatusCode::CREATED, "{}", other.text);
    Queued {
        id: mine.json["id"].as_str().expect("id").to_owned(),
        appointment: mine.json["appointment"]["id"]
            .as_str()
            .expect("appointment")
            .to_owned(),
        token: mine.json["manage_token"]
            .as_str()
            .expect("token")
            .to_owned(),
        other_token: other.json["manage_token"]
            .as_str()
            .expect("token")
            .to_owned(),
    }
}

pub(super) struct World {
    pub(super) admin: Staff,
    pub(super) csm: Staff,
    pub(super) csm2: Staff,
    pub(super) mkt: Staff,
    pub(super) account: String,
    pub(super) webhook: String,
    pub(super) outbox: String,
    /// For endpoints without a booking of their own.
    pub(super) webinar: Webinar,
    pub(super) queued: Queued,
}

pub(super) async fn world(app: &TestApp) -> World {
    let admin = staff(app, "admin").await;
    let csm = staff(app, "csm").await;
    let csm2 = staff(app, "csm").await;
    let mkt = staff(app, "marketing").await;
    let r = put_availability(app, &csm.token, &csm.id, availability()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let account = app
        .post(
            "/api/v1/accounts",
            Some(&admin.token),
            &json!({"name": "Acme", "domains": ["acme.example"], "segment": "low_touch"}),
        )
        .await;
    assert_eq!(account.status, StatusCode::CREATED, "{}", account.text);
    let webhook = app
        .post(
            "/api/v1/webhooks",
            Some(&admin.token),
            &json!({"url": "https://hooks.example.com/in", "events": ["registration.created"],
                    "secret": "a-secret-of-enough-length"}),
        )
        .await;
    assert_eq!(webhook.status, StatusCode::CREATED, "{}", webhook.text);
    let webinar = webinar_of(app, &csm).await;
    let queued = queued_with(app, &csm).await;
    let outbox = app.get("/api/v1/outbox", Some(&admin.token)).await;
    let outbox = outbox.json["items"][0]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("an outbox row: {}", outbox.text))
        .to_owned();
    World {
        account: account.json["id"].as_str().expect("id").to_owned(),
        webhook: webhook.json["id"].as_str().expect("id").to_owned(),
        outbox,
        admin,
        csm,
        csm2,
        mkt,
        webinar,
        queued,
    }
}

/// The bookings a row acts on: fresh ones for endpoints that change a
/// webinar, registration, queue request or appointment, so that no row
/// depends on what an earlier row did.
pub(super) async fn targets(
    app: &TestApp,
    w: &World,
    path: &str,
) -> (Option<Webinar>, Option<Queued>) {
    let on = |prefix: &str| path.starts_with(prefix);
    let webinar = if on("/api/v1/webinars/{id}")
        || on("/staff/webinars/{id}")
        || on("/api/v1/registrations/{id}")
        || on("/webinars/{id}")
        || on("/manage/registration/{id}")
    {
        Some(webinar_of(app, &w.csm).await)
    } else {
        None
    };
    let queued = if on("/api/v1/queue/{id}")
        || on("/api/v1/appointments/{id}")
        || on("/manage/queue/{id}")
        || on("/staff/appointments/{id}")
    {
        Some(queued_with(app, &w.csm).await)
    } else {
        None
    };
    (webinar, queued)
}
