//! The error model: problem+json with contract codes, and nothing a client
//! sends can produce a 500.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::both_backends;
use crate::helpers::{Backend, read, spawn_app};

both_backends!(
    bodies_over_64_kib_get_413,
    malformed_and_mistyped_json_get_useful_details,
    unknown_paths_and_methods_are_problems,
    bad_list_parameters_are_validation_errors,
    hostile_input_never_yields_a_server_error,
);

async fn bodies_over_64_kib_get_413(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, admin) = app.staff("admin").await;
    let big = json!({"name": "x".repeat(70 * 1024), "domains": [], "segment": "low_touch"});
    app.post("/api/v1/accounts", Some(&admin), &big)
        .await
        .assert_problem(413, "payload_too_large");
    // Without a Content-Length (chunked), the limit holds too.
    let stream =
        futures_util::stream::iter((0..80).map(|_| Ok::<_, std::io::Error>(vec![b' '; 1024])));
    let chunked = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .header("content-type", "application/json")
        .body(reqwest::Body::wrap_stream(stream))
        .send()
        .await
        .expect("sent");
    read(chunked).await.assert_problem(413, "payload_too_large");
    // Just under the limit is read (and then judged on its content).
    let fits = json!({"name": "x".repeat(60 * 1024), "domains": [], "segment": "low_touch"});
    app.post("/api/v1/accounts", Some(&admin), &fits)
        .await
        .assert_problem(422, "validation_failed");
}

async fn malformed_and_mistyped_json_get_useful_details(backend: Backend) {
    let app = spawn_app(backend).await;
    let raw = |body: &'static str, content_type: &'static str| {
        app.client
            .post(app.url("/api/v1/auth/login"))
            .header("content-type", content_type)
            .body(body)
            .send()
    };
    let broken = read(raw("{\"email\": ", "application/json").await.expect("sent")).await;
    broken.assert_problem(400, "bad_request");
    assert!(
        broken.json["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("line 1"),
        "{}",
        broken.text
    );

    let mistyped = read(
        raw("{\"email\": 5, \"password\": \"x\"}", "application/json")
            .await
            .expect("sent"),
    )
    .await;
    mistyped.assert_problem(422, "validation_failed");
    assert!(
        mistyped.json["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("expected a string")
    );

    let missing = read(
        raw("{\"email\": \"a@b.example\"}", "application/json")
            .await
            .expect("sent"),
    )
    .await;
    missing.assert_problem(422, "validation_failed");
    assert!(
        missing.json["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("password")
    );

    let not_json = read(
        raw("email=a", "application/x-www-form-urlencoded")
            .await
            .expect("sent"),
    )
    .await;
    not_json.assert_problem(415, "unsupported_media_type");
}

async fn unknown_paths_and_methods_are_problems(backend: Backend) {
    let app = spawn_app(backend).await;
    app.get("/api/v1/does-not-exist", None)
        .await
        .assert_problem(404, "not_found");
    app.send(Method::DELETE, "/api/v1/me", None, None)
        .await
        .assert_problem(405, "method_not_allowed");
    app.send(Method::PUT, "/api/v1/auth/login", None, None)
        .await
        .assert_problem(405, "method_not_allowed");
}

async fn bad_list_parameters_are_validation_errors(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, admin) = app.staff("admin").await;
    for query in [
        "limit=0",
        "limit=501",
        "limit=ten",
        "cursor=%25%25not-base64",
    ] {
        let reply = app
            .get(&format!("/api/v1/users?{query}"), Some(&admin))
            .await;
        reply.assert_problem(422, "validation_failed");
    }
    assert_eq!(
        app.get("/api/v1/users?limit=500", Some(&admin))
            .await
            .status,
        StatusCode::OK
    );
}

async fn hostile_input_never_yields_a_server_error(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, admin) = app.staff("admin").await;
    let bodies = [
        "",
        "null",
        "[]",
        "{}",
        "\"\"",
        "0",
        "{\"email\": null}",
        "{\"name\": {\"$gt\": 1}}",
        "{\"email\": \"a@b.c\", \"password\": \"\\u0000\"}",
        "{\"name\": \"\\u202e\\ud83d\\ude00\", \"domains\": [\"\"], \"segment\": \"\"}",
        "{\"name\": \"Robert'); DROP TABLE users;--\", \"domains\": [\"x.example\"], \"segment\": \"low_touch\"}",
        "{\"email\": \"x@y.example\", \"name\": \"n\", \"role\": \"csm\", \"password\": \"pppppppppppppp\", \"timezone\": \"../../etc/passwd\"}",
        "\u{feff}{}",
        "{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
    ];
    for path in ["/api/v1/auth/login", "/api/v1/users", "/api/v1/accounts"] {
        for body in bodies {
            let res = app
                .client
                .post(app.url(path))
                .bearer_auth(&admin)
                .header("content-type", "application/json")
                .body(body)
                .send()
                .await
                .expect("sent");
            let reply = read(res).await;
            assert!(
                reply.status.is_client_error() || reply.status.is_success(),
                "{path} {body:?} -> {} {}",
                reply.status,
                reply.text
            );
            if !reply.status.is_success() {
                assert_eq!(
                    reply
                        .headers
                        .get("content-type")
                        .and_then(|v| v.to_str().ok()),
                    Some("application/problem+json")
                );
            }
        }
    }
    // The database is intact afterwards.
    assert_eq!(
        app.get("/api/v1/users", Some(&admin)).await.status,
        StatusCode::OK
    );
}

/// A connection that breaks in the middle of a write (the server restarted,
/// a proxy cut it) is reported as the database being unavailable (503),
/// whatever error the work itself saw; nothing it wrote is kept, and the
/// next request gets a working connection.
#[tokio::test]
async fn a_connection_broken_mid_write_is_unavailable_and_keeps_nothing() {
    use diesel::{ExpressionMethods, QueryDsl, RunQueryDsl};
    use onetomany::db::{DbError, schema::locks};

    let app = spawn_app(Backend::Postgres).await;
    let broken = app
        .db
        .write(|conn| {
            diesel::insert_into(locks::table)
                .values((
                    locks::name.eq("broken-mid-write"),
                    locks::touched_at.eq(onetomany::db::now()),
                ))
                .execute(conn)?;
            // The server ends this very session; the work reports it as
            // some error of its own, as a parser or a rule might.
            diesel::sql_query("SELECT pg_terminate_backend(pg_backend_pid())")
                .execute(conn)
                .map_err(DbError::corrupt)
        })
        .await;
    let err = broken.expect_err("the write cannot succeed on a dead connection");
    assert!(matches!(err, DbError::ConnectionLost(_)), "{err:?}");
    assert_eq!(
        actix_web::ResponseError::status_code(&onetomany::error::AppError::from(err)).as_u16(),
        StatusCode::SERVICE_UNAVAILABLE.as_u16()
    );
    let kept: i64 = app
        .db
        .read(|conn| {
            locks::table
                .filter(locks::name.eq("broken-mid-write"))
                .count()
                .get_result(conn)
                .map_err(DbError::from)
        })
        .await
        .expect("the next request reads");
    assert_eq!(kept, 0, "nothing of the broken write is kept");
}
