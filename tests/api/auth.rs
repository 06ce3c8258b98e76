//! Sign-in, `/me`, and every kind of token that must be refused.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Utc;
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{Backend, PASSWORD, TEST_SECRET, TestApp, spawn_app};

both_backends!(
    login_returns_a_token_that_opens_me,
    wrong_credentials_are_refused_alike,
    bad_tokens_get_401,
    roles_are_checked,
);

fn claims_of(token: &str) -> Value {
    let payload = token.split('.').nth(1).expect("three parts");
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).expect("base64")).expect("json")
}

async fn login_returns_a_token_that_opens_me(backend: Backend) {
    let app = spawn_app(backend).await;
    let id = app.add_staff("Lea.Csm@Example.com", "csm").await;

    // E-mail is matched case-insensitively.
    let reply = app.login("lea.csm@EXAMPLE.com", PASSWORD).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let token = reply.json["token"].as_str().expect("token");
    let claims = claims_of(token);
    assert_eq!(claims["sub"], id.as_str());
    assert_eq!(claims["role"], "csm");
    assert_eq!(claims["iss"], "onetomany");
    let (iat, exp) = (
        claims["iat"].as_i64().expect("iat"),
        claims["exp"].as_i64().expect("exp"),
    );
    assert!(exp > iat && exp > Utc::now().timestamp());
    let expires_at = reply.json["expires_at"].as_str().expect("expires_at");
    assert_eq!(
        chrono::DateTime::parse_from_rfc3339(expires_at)
            .expect("RFC 3339")
            .timestamp(),
        exp
    );

    let me = app.get("/api/v1/me", Some(token)).await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.json["id"], id.as_str());
    assert_eq!(me.json["email"], "lea.csm@example.com");
    assert_eq!(me.json["role"], "csm");
    assert_eq!(me.json["timezone"], "Europe/Berlin");
    assert!(me.json.get("password_hash").is_none(), "{}", me.text);
}

async fn wrong_credentials_are_refused_alike(backend: Backend) {
    let app = spawn_app(backend).await;
    app.add_staff("admin@example.com", "admin").await;
    let wrong_password = app.login("admin@example.com", "not the password").await;
    let unknown_user = app.login("nobody@example.com", PASSWORD).await;
    let not_an_email = app.login("nobody", PASSWORD).await;
    let huge = app.login("admin@example.com", &"x".repeat(5000)).await;
    for reply in [&wrong_password, &unknown_user, &not_an_email, &huge] {
        reply.assert_problem(401, "unauthorized");
    }
    // No hint which part was wrong.
    assert_eq!(wrong_password.json["detail"], unknown_user.json["detail"]);
}

fn sign(claims: &Value, alg: Algorithm, secret: &str) -> String {
    encode(
        &Header::new(alg),
        claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .expect("signed")
}

async fn assert_refused(app: &TestApp, token: &str, why: &str) {
    let reply = app.get("/api/v1/me", Some(token)).await;
    assert_eq!(
        reply.status,
        StatusCode::UNAUTHORIZED,
        "{why}: {}",
        reply.text
    );
    reply.assert_problem(401, "unauthorized");
}

async fn bad_tokens_get_401(backend: Backend) {
    let app = spawn_app(backend).await;
    let (id, good) = app.staff("admin").await;
    assert_eq!(
        app.get("/api/v1/me", Some(&good)).await.status,
        StatusCode::OK
    );

    let now = Utc::now().timestamp();
    let valid =
        json!({"sub": id, "role": "admin", "iat": now, "exp": now + 600, "iss": "onetomany"});
    // Sanity: our hand-made token is accepted when nothing is wrong with it.
    let handmade = sign(&valid, Algorithm::HS256, TEST_SECRET);
    assert_eq!(
        app.get("/api/v1/me", Some(&handmade)).await.status,
        StatusCode::OK
    );

    let mut expired = valid.clone();
    expired["iat"] = json!(now - 7200);
    expired["exp"] = json!(now - 3600);
    assert_refused(
        &app,
        &sign(&expired, Algorithm::HS256, TEST_SECRET),
        "expired",
    )
    .await;

    assert_refused(
        &app,
        &sign(
            &valid,
            Algorithm::HS256,
            "some-other-secret-entirely-000000",
        ),
        "other key",
    )
    .await;
    assert_refused(&app, &sign(&valid, Algorithm::HS384, TEST_SECRET), "HS384").await;
    assert_refused(&app, &sign(&valid, Algorithm::HS512, TEST_SECRET), "HS512").await;

    let mut role = valid.clone();
    role["role"] = json!("superuser");
    assert_refused(
        &app,
        &sign(&role, Algorithm::HS256, TEST_SECRET),
        "unknown role",
    )
    .await;

    let mut issuer = valid.clone();
    issuer["iss"] = json!("someone-else");
    assert_refused(
        &app,
        &sign(&issuer, Algorithm::HS256, TEST_SECRET),
        "other issuer",
    )
    .await;

    let mut no_exp = valid.clone();
    no_exp.as_object_mut().expect("object").remove("exp");
    assert_refused(
        &app,
        &sign(&no_exp, Algorithm::HS256, TEST_SECRET),
        "no exp",
    )
    .await;

    // alg "none": an unsigned token, with and without a trailing signature.
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
    let body = URL_SAFE_NO_PAD.encode(valid.to_string());
    assert_refused(&app, &format!("{header}.{body}."), "alg none").await;
    let good_sig = good.rsplit('.').next().expect("signature");
    assert_refused(
        &app,
        &format!("{header}.{body}.{good_sig}"),
        "alg none with a signature",
    )
    .await;

    // A good token with its payload swapped keeps a signature that no longer fits.
    let mut forged = valid.clone();
    forged["sub"] = json!("someone-else");
    let parts: Vec<&str> = good.split('.').collect();
    let swapped = format!(
        "{}.{}.{}",
        parts[0],
        URL_SAFE_NO_PAD.encode(forged.to_string()),
        parts[2]
    );
    assert_refused(&app, &swapped, "tampered payload").await;

    assert_refused(&app, "not-a-jwt", "garbage").await;
    // Not Bearer, or no header at all.
    let basic = app
        .client
        .get(app.url("/api/v1/me"))
        .header("authorization", format!("Basic {good}"))
        .send()
        .await
        .expect("sent");
    assert_eq!(basic.status(), StatusCode::UNAUTHORIZED);
    let none = app.get("/api/v1/me", None).await;
    none.assert_problem(401, "unauthorized");
    assert_eq!(
        none.headers
            .get("www-authenticate")
            .and_then(|v| v.to_str().ok()),
        Some("Bearer")
    );
}

async fn roles_are_checked(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, admin) = app.staff("admin").await;
    let (_, csm) = app.staff("csm").await;
    let (_, marketing) = app.staff("marketing").await;
    let new_user =
        json!({"email": "new@example.com", "name": "New", "role": "csm", "password": PASSWORD});

    for token in [&csm, &marketing] {
        app.post("/api/v1/users", Some(token), &new_user)
            .await
            .assert_problem(403, "forbidden");
        app.get("/api/v1/users", Some(token))
            .await
            .assert_problem(403, "forbidden");
    }
    app.post("/api/v1/users", None, &new_user)
        .await
        .assert_problem(401, "unauthorized");
    assert_eq!(
        app.post("/api/v1/users", Some(&admin), &new_user)
            .await
            .status,
        StatusCode::CREATED
    );

    let account = json!({"name": "Acme", "domains": ["acme.example"], "segment": "low_touch"});
    app.post("/api/v1/accounts", Some(&marketing), &account)
        .await
        .assert_problem(403, "forbidden");
    assert_eq!(
        app.post("/api/v1/accounts", Some(&csm), &account)
            .await
            .status,
        StatusCode::CREATED
    );
    // Every staff role may read accounts; anonymous callers may not.
    assert_eq!(
        app.get("/api/v1/accounts", Some(&marketing)).await.status,
        StatusCode::OK
    );
    app.get("/api/v1/accounts", None)
        .await
        .assert_problem(401, "unauthorized");
}
