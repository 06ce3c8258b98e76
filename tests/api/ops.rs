//! Operations endpoints: health, readiness, metrics, the OpenAPI document.

use reqwest::StatusCode;

use crate::both_backends;
use crate::helpers::{Backend, spawn_app};

both_backends!(
    health_and_readiness_answer,
    metrics_count_requests_by_route,
    openapi_lists_every_route,
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
        // unknown path (a 404 for the unknown id "x" is fine).
        let res = app
            .client
            .request(
                method.to_uppercase().parse().expect("method"),
                app.url(&path.replace("{id}", "x")),
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
