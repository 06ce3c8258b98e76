//! Operations endpoints: health, readiness, metrics, the OpenAPI document.

use reqwest::{Method, StatusCode};

use crate::both_backends;
use crate::helpers::{Backend, spawn_app};

both_backends!(
    health_and_readiness_answer,
    metrics_count_requests_by_route,
    openapi_lists_every_route,
    openapi_document_is_precise,
    method_not_allowed_names_the_allowed_methods,
    every_response_carries_a_request_id,
);

async fn health_and_readiness_answer(backend: Backend) {
    let app = spawn_app(backend).await;
    let health = app.get("/healthz", None).await;
    assert_eq!(
        (health.status, health.json["status"].as_str()),
        (StatusCode::OK, Some("ok"))
    );
    let ready = app.get("/readyz", None).await;
    assert_eq!(ready.status, StatusCode::OK);
    let expected = match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    assert_eq!(ready.json["database"], expected);
}

async fn metrics_count_requests_by_route(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, admin) = app.staff("admin").await;
    for _ in 0..3 {
        app.get("/api/v1/me", Some(&admin)).await;
    }
    let id = app.get("/api/v1/me", Some(&admin)).await.json["id"].clone();
    app.get(
        &format!("/api/v1/users/{}", id.as_str().unwrap_or_default()),
        Some(&admin),
    )
    .await;
    app.get("/api/v1/me", None).await;
    let metrics = app.get("/metrics", None).await;
    assert_eq!(metrics.status, StatusCode::OK);
    let text = metrics.text;
    assert!(
        text.contains(
            "onetomany_http_requests_total{method=\"GET\",route=\"/api/v1/me\",status=\"200\"} 4"
        ),
        "{text}"
    );
    assert!(text.contains(
        "onetomany_http_requests_total{method=\"GET\",route=\"/api/v1/me\",status=\"401\"} 1"
    ));
    // Ids never become label values: the route pattern is used.
    assert!(text.contains("route=\"/api/v1/users/{id}\""));
    assert!(!text.contains(id.as_str().unwrap_or("-")));
    assert!(text.contains(
        "onetomany_http_request_duration_seconds_count{method=\"GET\",route=\"/api/v1/me\"} 5"
    ));
    assert!(text.contains("onetomany_db_pool_connections{state=\"idle\"}"));
    assert!(text.contains("onetomany_db_pool_max_connections 8"));
}

async fn openapi_lists_every_route(backend: Backend) {
    let app = spawn_app(backend).await;
    let doc = app.get("/api/openapi.json", None).await;
    assert_eq!(doc.status, StatusCode::OK);
    assert!(
        doc.json["openapi"]
            .as_str()
            .is_some_and(|v| v.starts_with("3."))
    );
    let routes = [
        ("get", "/healthz"),
        ("get", "/readyz"),
        ("get", "/metrics"),
        ("post", "/api/v1/auth/login"),
        ("get", "/api/v1/me"),
        ("post", "/api/v1/auth/logout"),
        ("patch", "/api/v1/users/{id}"),
        ("post", "/api/v1/queue/{id}/confirm"),
        ("post", "/api/v1/users"),
        ("get", "/api/v1/users"),
        ("get", "/api/v1/users/{id}"),
        ("post", "/api/v1/accounts"),
        ("get", "/api/v1/accounts"),
        ("get", "/api/v1/accounts/{id}"),
        ("post", "/api/v1/webinars"),
        ("get", "/api/v1/webinars"),
        ("get", "/api/v1/webinars/{id}"),
        ("patch", "/api/v1/webinars/{id}"),
        ("post", "/api/v1/webinars/{id}/cancel"),
        ("get", "/api/v1/webinars/{id}/ics"),
        ("post", "/api/v1/webinars/{id}/registrations"),
        ("get", "/api/v1/webinars/{id}/registrations"),
        ("post", "/api/v1/webinars/{id}/attendance"),
        ("get", "/api/v1/registrations/{id}"),
        ("post", "/api/v1/registrations/{id}/cancel"),
        ("put", "/api/v1/users/{id}/availability"),
        ("get", "/api/v1/users/{id}/availability"),
        ("get", "/api/v1/office-hours/slots"),
        ("post", "/api/v1/queue"),
        ("get", "/api/v1/queue"),
        ("get", "/api/v1/queue/{id}"),
        ("post", "/api/v1/queue/{id}/cancel"),
        ("post", "/api/v1/queue/{id}/reschedule"),
        ("get", "/api/v1/appointments"),
        ("post", "/api/v1/appointments/{id}/complete"),
        ("get", "/api/v1/attendees"),
        ("get", "/api/v1/attendees.csv"),
        ("get", "/api/v1/stats/webinars"),
        ("post", "/api/v1/webhooks"),
        ("get", "/api/v1/webhooks"),
        ("delete", "/api/v1/webhooks/{id}"),
        ("delete", "/api/v1/people/{email}"),
        ("get", "/api/v1/audit"),
        ("get", "/api/v1/outbox"),
        ("get", "/api/v1/outbox/{id}"),
        ("post", "/api/v1/outbox/{id}/retry"),
    ];
    // What an unknown path answers, told apart below from an unknown id.
    let unknown = app.get("/api/v1/no-such-path", None).await;
    assert!(
        unknown.text.contains("no such resource"),
        "{}",
        unknown.text
    );
    for (method, path) in routes {
        assert!(
            doc.json["paths"][path][method].is_object(),
            "{method} {path} missing from the OpenAPI document"
        );
        // And the route really exists: not 405, and not the 404 of an
        // unknown path (a 404 for an unknown id is fine).
        let res = app
            .client
            .request(
                method.to_uppercase().parse().expect("method"),
                app.url(&path.replace("{id}", "0190e1c2-7b3a-7c4d-8e5f-0123456789ab")),
            )
            .send()
            .await
            .expect("sent");
        let status = res.status();
        let body = res.text().await.unwrap_or_default();
        assert!(
            status != StatusCode::METHOD_NOT_ALLOWED && !body.contains("no such resource"),
            "{method} {path} is not served ({status})"
        );
    }
    assert!(doc.json["components"]["securitySchemes"]["bearer"].is_object());
    assert!(doc.json["components"]["schemas"]["Problem"].is_object());

    let docs = app.get("/api/docs/", None).await;
    assert_eq!(docs.status, StatusCode::OK);
    assert!(docs.text.to_lowercase().contains("swagger"));
    let redirect = app.get("/api/docs", None).await;
    assert!(redirect.status.is_redirection());
}

async fn every_response_carries_a_request_id(backend: Backend) {
    let app = spawn_app(backend).await;
    let a = app.get("/healthz", None).await;
    let b = app.get("/nope", None).await;
    let id = |r: &crate::helpers::Reply| {
        r.headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let (ida, idb) = (id(&a).expect("id on 200"), id(&b).expect("id on 404"));
    assert_ne!(ida, idb);
}

/// Every (path, method, operation) of the served document.
fn operations(doc: &serde_json::Value) -> Vec<(String, String, serde_json::Value)> {
    let mut ops = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("path item") {
            ops.push((path.clone(), method.clone(), op.clone()));
        }
    }
    ops
}

async fn openapi_document_is_precise(backend: Backend) {
    let app = spawn_app(backend).await;
    let doc = app.get("/api/openapi.json", None).await.json;
    let ops = operations(&doc);
    assert!(ops.len() >= 43, "{} operations", ops.len());

    // operationIds exist and are unique, so client generators can use them.
    let mut ids: Vec<&str> = ops
        .iter()
        .map(|(p, m, op)| {
            op["operationId"]
                .as_str()
                .unwrap_or_else(|| panic!("{m} {p} has no operationId"))
        })
        .collect();
    ids.sort_unstable();
    let count = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), count, "duplicated operationIds: {ids:?}");
    assert!(ids.contains(&"listWebinars") && ids.contains(&"createWebinar"));

    let problem = |op: &serde_json::Value, status: &str| {
        op["responses"][status]["content"]["application/problem+json"]["schema"]["$ref"]
            == "#/components/schemas/Problem"
    };
    for (path, method, op) in &ops {
        let security = op["security"].as_array();
        let needs_auth = security.is_some_and(|s| {
            !s.is_empty()
                && s.iter()
                    .all(|r| r.as_object().is_some_and(|o| !o.is_empty()))
        });
        if needs_auth {
            assert!(problem(op, "401"), "{method} {path} does not document 401");
        }
        let params = op["parameters"].as_array().cloned().unwrap_or_default();
        let has_body = op["requestBody"].is_object();
        if has_body || !params.is_empty() {
            assert!(problem(op, "422"), "{method} {path} does not document 422");
        }
        if has_body {
            for status in ["400", "413", "415"] {
                assert!(
                    problem(op, status),
                    "{method} {path} does not document {status}"
                );
            }
        }
        for p in &params {
            match (p["in"].as_str(), p["name"].as_str()) {
                (Some("path"), Some("id")) => {
                    assert_eq!(p["schema"]["format"], "uuid", "{method} {path}");
                    assert!(problem(op, "404"), "{method} {path} does not document 404");
                }
                (Some("query"), Some("limit")) => {
                    assert_eq!(p["schema"]["minimum"], 1, "{method} {path}");
                    assert_eq!(p["schema"]["maximum"], 500, "{method} {path}");
                }
                _ => {}
            }
        }
    }
    // Every list takes limit.
    let lists = ops
        .iter()
        .filter(|(_, _, op)| {
            op["parameters"]
                .as_array()
                .is_some_and(|ps| ps.iter().any(|p| p["name"] == "limit"))
        })
        .count();
    assert!(lists >= 9, "{lists} lists with limit");

    // A series answers {series_id, items}: the create documents both shapes.
    let created = &doc["paths"]["/api/v1/webinars"]["post"]["responses"]["201"]["content"]["application/json"]
        ["schema"]["$ref"];
    let name = created
        .as_str()
        .and_then(|r| r.rsplit('/').next())
        .expect("a named schema");
    let one_of = doc["components"]["schemas"][name]["oneOf"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let shapes: Vec<String> = one_of.iter().map(|s| s.to_string()).collect();
    assert!(
        shapes.iter().any(|s| s.contains("WebinarOut"))
            && shapes.iter().any(|s| s.contains("SeriesOut")),
        "{shapes:?}"
    );
    // Enums and formats a client can act on.
    let schemas = &doc["components"]["schemas"];
    assert_eq!(
        schemas["WebinarRequest"]["properties"]["starts_at"]["format"],
        "date-time"
    );
    assert_eq!(
        schemas["WebinarRequest"]["properties"]["host_id"]["format"],
        "uuid"
    );
    assert!(schemas["Kind"]["enum"].is_array());
    assert_eq!(
        schemas["RegistrationRequest"]["properties"]["email"]["format"],
        "email"
    );
    assert_eq!(
        schemas["WebhookRequest"]["properties"]["url"]["format"],
        "uri"
    );
    assert_eq!(schemas["WebinarOut"]["properties"]["id"]["format"], "uuid");
}

async fn method_not_allowed_names_the_allowed_methods(backend: Backend) {
    let app = spawn_app(backend).await;
    let doc = app.get("/api/openapi.json", None).await.json;
    let all = ["GET", "POST", "PUT", "PATCH", "DELETE"];
    let mut checked = 0;
    for (path, item) in doc["paths"].as_object().expect("paths") {
        let served: Vec<String> = all
            .iter()
            .filter(|m| item[m.to_lowercase()].is_object())
            .map(|m| (*m).to_owned())
            .collect();
        let url = path
            .replace("{id}", "0190e1c2-7b3a-7c4d-8e5f-0123456789ab")
            .replace("{email}", "someone@example.com");
        for method in all.iter().filter(|m| !served.iter().any(|s| s == *m)) {
            let reply = app
                .send(method.parse().expect("method"), &url, None, None)
                .await;
            reply.assert_problem(405, "method_not_allowed");
            let allow = reply
                .headers
                .get("allow")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_else(|| panic!("{method} {path}: 405 without Allow"));
            let mut listed: Vec<&str> = allow.split(", ").collect();
            listed.sort_unstable();
            let mut expected: Vec<&str> = served.iter().map(String::as_str).collect();
            expected.sort_unstable();
            assert_eq!(listed, expected, "{method} {path}");
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} method checks");
    // An unknown method is refused the same way.
    let reply = app
        .send(
            Method::from_bytes(b"FOOA").expect("method"),
            "/api/v1/webinars",
            None,
            None,
        )
        .await;
    reply.assert_problem(405, "method_not_allowed");
    assert_eq!(
        reply.headers.get("allow").and_then(|v| v.to_str().ok()),
        Some("GET, POST")
    );
}
