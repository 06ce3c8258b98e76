//! Input an API fuzzer sends: NUL bytes in ids, filters and secrets, cursors
//! no list ever returned, dates far beyond any plan. Each is refused at the
//! edge with 422 `validation_failed`, on both backends, never a 500.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{Backend, Reply, TestApp, spawn_app};

both_backends!(
    a_malformed_id_in_any_path_is_a_validation_error,
    nul_bytes_in_filters_and_bodies_are_validation_errors,
    garbage_cursors_are_refused_on_every_list,
    starts_beyond_the_horizon_are_refused,
);

/// Every documented operation with an `{id}` in its path, from the document
/// itself, so that a new one is covered without editing this test.
async fn operations_with_an_id(app: &TestApp) -> Vec<(Method, String)> {
    let doc = app.get("/api/openapi.json", None).await.json;
    let mut ops = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        if !path.contains("{id}") {
            continue;
        }
        for method in item.as_object().expect("path item").keys() {
            ops.push((method.to_uppercase().parse().expect("method"), path.clone()));
        }
    }
    ops
}

#[track_caller]
fn assert_field(reply: &Reply, field: &str) {
    reply.assert_problem(422, "validation_failed");
    assert_eq!(reply.json["errors"][0]["field"], field, "{}", reply.text);
}

async fn a_malformed_id_in_any_path_is_a_validation_error(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, admin) = app.staff("admin").await;
    let ops = operations_with_an_id(&app).await;
    assert!(ops.len() >= 20, "only {} operations with an id", ops.len());
    let body = json!({});
    for (method, path) in &ops {
        for bad in ["%00", "abc%00def", "not-a-uuid", "1"] {
            let url = path.replace("{id}", bad);
            let reply = app
                .send(method.clone(), &url, Some(&admin), Some(&body))
                .await;
            assert_field(&reply, "id");
        }
        // Anonymous callers get the same answer: the id is judged first.
        let reply = app
            .send(
                method.clone(),
                &path.replace("{id}", "%00"),
                None,
                Some(&body),
            )
            .await;
        assert_field(&reply, "id");
    }
    // A well-formed id that names nothing is a 404.
    let unknown = "0190e1c2-7b3a-7c4d-8e5f-0123456789ab";
    for path in [
        "/api/v1/webinars/{id}",
        "/api/v1/users/{id}",
        "/api/v1/accounts/{id}",
        "/api/v1/outbox/{id}",
        "/api/v1/registrations/{id}",
    ] {
        app.get(&path.replace("{id}", unknown), Some(&admin))
            .await
            .assert_problem(404, "not_found");
    }
}

async fn nul_bytes_in_filters_and_bodies_are_validation_errors(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, admin) = app.staff("admin").await;
    for (query, field) in [
        ("/api/v1/webinars?topic=a%00b", "topic"),
        ("/api/v1/webinars?host_id=%00", "host_id"),
        ("/api/v1/webinars?host_id=someone", "host_id"),
        ("/api/v1/attendees?topic=%00", "topic"),
        ("/api/v1/attendees.csv?topic=%00", "topic"),
        ("/api/v1/appointments?host_id=%00", "host_id"),
    ] {
        let reply = app.get(query, Some(&admin)).await;
        assert_field(&reply, field);
    }

    let secret = app
        .post(
            "/api/v1/webhooks",
            Some(&admin),
            &json!({"url": "https://hooks.example.com/in", "events": ["registration.created"],
                    "secret": "0123456789abcdef\u{0}"}),
        )
        .await;
    assert_field(&secret, "secret");

    let webinar = app.create_webinar(&admin, json!({})).await;
    let id = webinar["id"].as_str().expect("id");
    let attendance = app
        .post(
            &format!("/api/v1/webinars/{id}/attendance"),
            Some(&admin),
            &json!({"attended": ["a\u{0}b"], "no_show": []}),
        )
        .await;
    assert_field(&attendance, "attended[0]");
    let host = app
        .post(
            "/api/v1/webinars",
            Some(&admin),
            &json!({"kind": "regular", "title": "T", "starts_at": crate::helpers::days_ahead(7),
                    "duration_minutes": 60, "timezone": "UTC", "host_id": "\u{0}"}),
        )
        .await;
    assert_field(&host, "host_id");

    // An address the mail library could never send to is refused up front,
    // not with a 500 when its confirmation is composed.
    for address in ["a..b@x.example", ".a@x.example"] {
        let reply = app.register(id, address, json!({})).await;
        assert_field(&reply, "email");
    }
    let dotted = app.register(id, "dot@x.example.", json!({})).await;
    assert_eq!(dotted.status, StatusCode::CREATED, "{}", dotted.text);

    // Clean filters still work.
    let fine = app
        .get("/api/v1/webinars?topic=reporting&limit=5", Some(&admin))
        .await;
    assert_eq!(fine.status, StatusCode::OK, "{}", fine.text);
    assert_eq!(fine.json["items"][0]["id"], webinar["id"]);
}

async fn garbage_cursors_are_refused_on_every_list(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, admin) = app.staff("admin").await;
    let webinar = app.create_webinar(&admin, json!({})).await;
    let id = webinar["id"].as_str().expect("id");
    let lists = [
        "/api/v1/users".to_owned(),
        "/api/v1/accounts".to_owned(),
        "/api/v1/webinars".to_owned(),
        format!("/api/v1/webinars/{id}/registrations"),
        "/api/v1/queue".to_owned(),
        "/api/v1/attendees".to_owned(),
        "/api/v1/attendees.csv".to_owned(),
        "/api/v1/audit".to_owned(),
        "/api/v1/outbox".to_owned(),
    ];
    // `AAA` is valid base64 for two NUL bytes; the others are not base64 or
    // not text.
    for cursor in ["AAA", "AAAA", "%00", "_w", "a%20b"] {
        for list in &lists {
            let reply = app
                .get(&format!("{list}?cursor={cursor}"), Some(&admin))
                .await;
            assert_field(&reply, "cursor");
        }
    }
    // The export answers nothing at all, not even a header, to a bad cursor.
    let csv = app
        .get("/api/v1/attendees.csv?cursor=AAA", Some(&admin))
        .await;
    assert!(!csv.text.contains("email,name"), "{}", csv.text);

    // A cursor a list returned still leads to the next page.
    app.staff("csm").await;
    let first = app.get("/api/v1/users?limit=1", Some(&admin)).await;
    let cursor = first.json["next_cursor"].as_str().expect("a next page");
    let second = app
        .get(
            &format!("/api/v1/users?limit=1&cursor={cursor}"),
            Some(&admin),
        )
        .await;
    assert_eq!(second.status, StatusCode::OK, "{}", second.text);
    assert_ne!(second.json["items"][0]["id"], first.json["items"][0]["id"]);
    assert!(second.json["items"][0]["id"].is_string());
}

async fn starts_beyond_the_horizon_are_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, csm) = app.staff("csm").await;
    let base = |starts_at: &str| -> Value {
        json!({"kind": "regular", "title": "Far away", "starts_at": starts_at,
               "duration_minutes": 720, "timezone": "Pacific/Kiritimati"})
    };
    for far in ["9999-12-31T23:00:00Z", "2101-01-01T00:00:00Z"] {
        let reply = app.post("/api/v1/webinars", Some(&csm), &base(far)).await;
        assert_field(&reply, "starts_at");
    }
    let mut series = base("2099-06-01T10:00:00Z");
    series["rrule"] = json!("FREQ=YEARLY;COUNT=5");
    let reply = app.post("/api/v1/webinars", Some(&csm), &series).await;
    assert_field(&reply, "rrule");

    let webinar = app.create_webinar(&csm, json!({})).await;
    let id = webinar["id"].as_str().expect("id");
    let patch = app
        .send(
            Method::PATCH,
            &format!("/api/v1/webinars/{id}"),
            Some(&csm),
            Some(&json!({"starts_at": "9999-12-31T23:00:00Z"})),
        )
        .await;
    assert_field(&patch, "starts_at");
    // Nothing moved.
    let now = app.get(&format!("/api/v1/webinars/{id}"), None).await;
    assert_eq!(now.json["starts_at"], webinar["starts_at"]);
}
