//! Customer accounts with their domains and segment.

use reqwest::StatusCode;
use serde_json::json;

use crate::both_backends;
use crate::helpers::{Backend, spawn_app};

both_backends!(
    an_account_is_created_with_normalised_domains,
    a_domain_belongs_to_one_account_only,
    invalid_accounts_are_refused,
);

async fn an_account_is_created_with_normalised_domains(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, csm) = app.staff("csm").await;
    let created = app
        .post(
            "/api/v1/accounts",
            Some(&csm),
            &json!({"name": "Müller & Söhne GmbH", "domains": ["Mueller-Soehne.DE", "ms-gruppe.de"], "segment": "tech_touch"}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    assert_eq!(created.json["name"], "Müller & Söhne GmbH");
    assert_eq!(created.json["segment"], "tech_touch");
    let id = created.json["id"].as_str().expect("id");

    let fetched = app.get(&format!("/api/v1/accounts/{id}"), Some(&csm)).await;
    let mut domains: Vec<&str> = fetched.json["domains"]
        .as_array()
        .expect("domains")
        .iter()
        .filter_map(|d| d.as_str())
        .collect();
    domains.sort_unstable();
    assert_eq!(domains, ["ms-gruppe.de", "mueller-soehne.de"]);

    let list = app.get("/api/v1/accounts", Some(&csm)).await;
    assert_eq!(list.json["items"][0]["id"], id);
    assert_eq!(
        list.json["items"][0]["domains"].as_array().map(Vec::len),
        Some(2)
    );
    assert!(list.json["next_cursor"].is_null());
    // A malformed id is a validation error; a well-formed unknown one, 404.
    app.get("/api/v1/accounts/nope", Some(&csm))
        .await
        .assert_problem(422, "validation_failed");
    app.get(
        "/api/v1/accounts/0190e1c2-7b3a-7c4d-8e5f-0123456789ab",
        Some(&csm),
    )
    .await
    .assert_problem(404, "not_found");
}

async fn a_domain_belongs_to_one_account_only(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, admin) = app.staff("admin").await;
    let first = json!({"name": "Acme", "domains": ["acme.example"], "segment": "high_touch"});
    assert_eq!(
        app.post("/api/v1/accounts", Some(&admin), &first)
            .await
            .status,
        StatusCode::CREATED
    );

    // The second account's new domain must not be stored half-way.
    let second = json!({"name": "Acme Clone", "domains": ["clone.example", "ACME.example"], "segment": "low_touch"});
    app.post("/api/v1/accounts", Some(&admin), &second)
        .await
        .assert_problem(409, "domain_taken");
    let list = app.get("/api/v1/accounts", Some(&admin)).await;
    let items = list.json["items"].as_array().expect("items");
    assert_eq!(items.len(), 1, "{}", list.text);

    // clone.example is still free.
    let third = json!({"name": "Clone", "domains": ["clone.example"], "segment": "low_touch"});
    assert_eq!(
        app.post("/api/v1/accounts", Some(&admin), &third)
            .await
            .status,
        StatusCode::CREATED
    );
}

async fn invalid_accounts_are_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, admin) = app.staff("admin").await;
    let reply = app
        .post(
            "/api/v1/accounts",
            Some(&admin),
            &json!({"name": "  ", "domains": ["ok.example", "no spaces.example", "ok.example"], "segment": "vip"}),
        )
        .await;
    reply.assert_problem(422, "validation_failed");
    let fields: Vec<&str> = reply.json["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["field"].as_str())
        .collect();
    assert_eq!(fields, ["name", "segment", "domains[1]", "domains[2]"]);
    let list = app.get("/api/v1/accounts", Some(&admin)).await;
    assert_eq!(list.json["items"].as_array().map(Vec::len), Some(0));
}
