//! Staff users managed by admins.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::both_backends;
use crate::helpers::{Backend, PASSWORD, spawn_app};

both_backends!(
    an_admin_creates_a_user_who_can_sign_in,
    a_taken_email_is_a_conflict,
    invalid_users_list_every_bad_field,
    users_are_listed_page_by_page,
    users_have_a_language_and_an_active_flag,
    who_may_change_what_in_a_user,
);

async fn an_admin_creates_a_user_who_can_sign_in(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, admin) = app.staff("admin").await;
    let created = app
        .post(
            "/api/v1/users",
            Some(&admin),
            &json!({"email": "Marta@Example.com", "name": "Marta Lima", "role": "marketing",
                    "timezone": "America/Sao_Paulo", "password": "a long enough password"}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    assert_eq!(created.json["email"], "marta@example.com");
    assert_eq!(created.json["role"], "marketing");
    assert_eq!(created.json["timezone"], "America/Sao_Paulo");
    assert!(created.json.get("password").is_none() && created.json.get("password_hash").is_none());

    let login = app
        .login("marta@example.com", "a long enough password")
        .await;
    assert_eq!(login.status, StatusCode::OK);
    let token = login.json["token"].as_str().expect("token");
    let me = app.get("/api/v1/me", Some(token)).await;
    assert_eq!(me.json["id"], created.json["id"]);

    let id = created.json["id"].as_str().expect("id");
    let fetched = app.get(&format!("/api/v1/users/{id}"), Some(&admin)).await;
    assert_eq!(fetched.json["name"], "Marta Lima");
    // A user may read themself, not others.
    assert_eq!(
        app.get(&format!("/api/v1/users/{id}"), Some(token))
            .await
            .status,
        StatusCode::OK
    );
    let (admin_id, _) = app.staff("admin").await;
    app.get(&format!("/api/v1/users/{admin_id}"), Some(token))
        .await
        .assert_problem(403, "forbidden");
    // A malformed id is a validation error; a well-formed unknown one, 404.
    app.get("/api/v1/users/no-such-id", Some(&admin))
        .await
        .assert_problem(422, "validation_failed");
    app.get(
        "/api/v1/users/0190e1c2-7b3a-7c4d-8e5f-0123456789ab",
        Some(&admin),
    )
    .await
    .assert_problem(404, "not_found");
}

async fn a_taken_email_is_a_conflict(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, admin) = app.staff("admin").await;
    let body =
        |email: &str| json!({"email": email, "name": "Sam", "role": "csm", "password": PASSWORD});
    assert_eq!(
        app.post("/api/v1/users", Some(&admin), &body("sam@example.com"))
            .await
            .status,
        StatusCode::CREATED
    );
    app.post("/api/v1/users", Some(&admin), &body("SAM@example.com"))
        .await
        .assert_problem(409, "email_taken");
    let list = app.get("/api/v1/users", Some(&admin)).await;
    let sams = list.json["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|u| u["email"] == "sam@example.com")
        .count();
    assert_eq!(sams, 1);
}

async fn invalid_users_list_every_bad_field(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, admin) = app.staff("admin").await;
    let reply = app
        .post(
            "/api/v1/users",
            Some(&admin),
            &json!({"email": "not-an-email", "name": "", "role": "owner", "timezone": "Mars/Olympus", "password": "short"}),
        )
        .await;
    reply.assert_problem(422, "validation_failed");
    let mut fields: Vec<&str> = reply.json["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["field"].as_str())
        .collect();
    fields.sort_unstable();
    assert_eq!(fields, ["email", "name", "password", "role", "timezone"]);
    // Nothing was stored.
    let list = app.get("/api/v1/users", Some(&admin)).await;
    assert_eq!(list.json["items"].as_array().map(Vec::len), Some(1));

    // The limit of 200 counts what was sent: a name padded with a blank
    // is too long even though its trimmed text would fit.
    let padded = format!("\u{b}{}", "*".repeat(200));
    let reply = app
        .post(
            "/api/v1/users",
            Some(&admin),
            &json!({"email": "pad@example.com", "name": padded, "role": "marketing", "password": PASSWORD}),
        )
        .await;
    reply.assert_problem(422, "validation_failed");
    assert_eq!(reply.json["errors"][0]["field"], "name", "{}", reply.text);
    let list = app.get("/api/v1/users", Some(&admin)).await;
    assert_eq!(list.json["items"].as_array().map(Vec::len), Some(1));
}

async fn users_are_listed_page_by_page(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, admin) = app.staff("admin").await;
    for i in 0..6 {
        app.add_staff(&format!("user{i}@example.com"), "csm").await;
    }
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/users?limit=3&cursor={c}"),
            None => "/api/v1/users?limit=3".to_owned(),
        };
        let page = app.get(&path, Some(&admin)).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.text);
        let items = page.json["items"].as_array().expect("items");
        assert!(items.len() <= 3);
        seen.extend(
            items
                .iter()
                .map(|u| u["email"].as_str().unwrap_or_default().to_owned()),
        );
        pages += 1;
        match page.json["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
        assert!(pages < 10, "pagination does not end");
    }
    assert_eq!(pages, 3);
    assert_eq!(seen.len(), 7);
    let expected: Vec<String> = (0..6).map(|i| format!("user{i}@example.com")).collect();
    assert_eq!(&seen[1..], expected.as_slice(), "creation order, each once");
}

async fn users_have_a_language_and_an_active_flag(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, admin) = app.staff("admin").await;
    let body = |email: &str, locale: Option<&str>| {
        let mut b = json!({"email": email, "name": "Ana", "role": "csm", "password": PASSWORD});
        if let Some(l) = locale {
            b["locale"] = json!(l);
        }
        b
    };
    let with = app
        .post(
            "/api/v1/users",
            Some(&admin),
            &body("ana@example.com", Some("pt-BR")),
        )
        .await;
    assert_eq!(with.status, StatusCode::CREATED, "{}", with.text);
    assert_eq!(
        (with.json["locale"].as_str(), with.json["active"].as_bool()),
        (Some("pt"), Some(true))
    );
    let without = app
        .post("/api/v1/users", Some(&admin), &body("bo@example.com", None))
        .await;
    assert_eq!(without.json["locale"], "en");
    let bad = app
        .post(
            "/api/v1/users",
            Some(&admin),
            &body("cy@example.com", Some("xx")),
        )
        .await;
    bad.assert_problem(422, "validation_failed");
    assert_eq!(bad.json["errors"][0]["field"], "locale");
}

async fn who_may_change_what_in_a_user(backend: Backend) {
    let app = spawn_app(backend).await;
    let (admin_id, admin) = app.staff("admin").await;
    let (csm_id, csm) = app.staff("csm").await;
    let (other_id, _) = app.staff("csm").await;
    let patch = |id: &str, token: &str, body: serde_json::Value| {
        let (path, token) = (format!("/api/v1/users/{id}"), token.to_owned());
        let app = &app;
        async move {
            app.send(Method::PATCH, &path, Some(&token), Some(&body))
                .await
        }
    };

    // The user themself: name, timezone, language.
    let own = patch(
        &csm_id,
        &csm,
        json!({"name": "Lea Park", "timezone": "Asia/Seoul", "locale": "de"}),
    )
    .await;
    assert_eq!(own.status, StatusCode::OK, "{}", own.text);
    assert_eq!(
        (
            own.json["name"].as_str(),
            own.json["timezone"].as_str(),
            own.json["locale"].as_str()
        ),
        (Some("Lea Park"), Some("Asia/Seoul"), Some("de"))
    );
    // Not their role, not someone else, not a password without the current one.
    patch(&csm_id, &csm, json!({"role": "admin"}))
        .await
        .assert_problem(403, "forbidden");
    patch(&other_id, &csm, json!({"name": "Not Mine"}))
        .await
        .assert_problem(403, "forbidden");
    let no_current = patch(&csm_id, &csm, json!({"password": "a new long password"})).await;
    no_current.assert_problem(422, "validation_failed");
    assert_eq!(no_current.json["errors"][0]["field"], "current_password");
    let wrong_current = patch(
        &csm_id,
        &csm,
        json!({"password": "a new long password", "current_password": "a wrong password"}),
    )
    .await;
    wrong_current.assert_problem(422, "validation_failed");
    assert_eq!(
        app.get("/api/v1/me", Some(&csm)).await.status,
        StatusCode::OK
    );

    // An admin: anyone's role and activity, but not a password, and not
    // their own role (no locking oneself out).
    patch(&csm_id, &admin, json!({"password": "set by an admin"}))
        .await
        .assert_problem(403, "forbidden");
    patch(&admin_id, &admin, json!({"active": false}))
        .await
        .assert_problem(422, "validation_failed");
    patch(&admin_id, &admin, json!({"role": "csm"}))
        .await
        .assert_problem(422, "validation_failed");
    let bad = patch(
        &csm_id,
        &admin,
        json!({"role": "boss", "timezone": "Mars/Base"}),
    )
    .await;
    bad.assert_problem(422, "validation_failed");
    assert_eq!(bad.json["errors"].as_array().map(Vec::len), Some(2));
    patch("no-such-user", &admin, json!({"name": "Nobody"}))
        .await
        .assert_problem(422, "validation_failed");
    patch(
        "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
        &admin,
        json!({"name": "Nobody"}),
    )
    .await
    .assert_problem(404, "not_found");
    let listed = app.get("/api/v1/users", Some(&admin)).await;
    let csm_row = listed.json["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|u| u["id"] == csm_id.as_str())
        .cloned()
        .expect("the csm is listed");
    assert_eq!(
        (csm_row["role"].as_str(), csm_row["active"].as_bool()),
        (Some("csm"), Some(true))
    );
}
