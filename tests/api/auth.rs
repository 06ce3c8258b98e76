//! Sign-in, `/me`, and every kind of token that must be refused.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Utc;
use diesel::{QueryDsl, RunQueryDsl};
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use onetomany::db::schema::revoked_tokens;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{Backend, PASSWORD, TEST_SECRET, TestApp, spawn_app};

both_backends!(
    login_returns_a_token_that_opens_me,
    wrong_credentials_are_refused_alike,
    bad_tokens_get_401,
    roles_are_checked,
    a_signed_out_token_is_refused,
    deactivation_and_role_changes_end_tokens_at_once,
    the_role_comes_from_the_database,
    staff_tokens_only_in_the_header,
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
    let valid = json!({"sub": id, "role": "admin", "iat": now, "exp": now + 600, "iss": "onetomany",
        "jti": "hand-made", "gen": 0});
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

async fn a_signed_out_token_is_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    let (id, token) = app.staff("csm").await;
    let second = app.login_token_of(&id).await;
    // A record that outlived its token is cleaned up by the next logout.
    app.sql(|conn| {
        diesel::sql_query(
            "INSERT INTO revoked_tokens (jti, expires_at) VALUES ('long-gone', '2001-01-01 00:00:00')",
        )
        .execute(conn)
        .map_err(Into::into)
    })
    .await;

    let out = app
        .post("/api/v1/auth/logout", Some(&token), &json!({}))
        .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT, "{}", out.text);
    app.get("/api/v1/me", Some(&token))
        .await
        .assert_problem(401, "unauthorized");
    app.post("/api/v1/auth/logout", Some(&token), &json!({}))
        .await
        .assert_problem(401, "unauthorized");
    // Only that token: another sign-in of the same user still works.
    assert_eq!(
        app.get("/api/v1/me", Some(&second)).await.status,
        StatusCode::OK
    );
    let jti = claims_of(&token)["jti"].as_str().expect("jti").to_owned();
    let kept: Vec<String> = app
        .sql(|conn| {
            revoked_tokens::table
                .select(revoked_tokens::jti)
                .load(conn)
                .map_err(Into::into)
        })
        .await;
    assert_eq!(kept, [jti]);
}

async fn deactivation_and_role_changes_end_tokens_at_once(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, admin) = app.staff("admin").await;
    let email = "sam@example.com";
    let id = app.add_staff(email, "csm").await;
    let token = app.login_token_of(&id).await;
    let user = format!("/api/v1/users/{id}");

    let off = app
        .send(
            Method::PATCH,
            &user,
            Some(&admin),
            Some(&json!({"active": false})),
        )
        .await;
    assert_eq!(off.status, StatusCode::OK, "{}", off.text);
    assert_eq!(off.json["active"], false);
    app.get("/api/v1/me", Some(&token))
        .await
        .assert_problem(401, "unauthorized");
    // A deactivated user is refused like a wrong password.
    let refused = app.login(email, PASSWORD).await;
    refused.assert_problem(401, "unauthorized");
    let wrong = app.login(email, "not the password at all").await;
    assert_eq!(refused.json["detail"], wrong.json["detail"]);

    let on = app
        .send(
            Method::PATCH,
            &user,
            Some(&admin),
            Some(&json!({"active": true})),
        )
        .await;
    assert_eq!(on.json["active"], true);
    let token = app.login_token_of(&id).await;
    assert_eq!(
        app.get("/api/v1/me", Some(&token)).await.json["role"],
        "csm"
    );

    // Renaming keeps the token; a new role ends it.
    let renamed = app
        .send(
            Method::PATCH,
            &user,
            Some(&admin),
            Some(&json!({"name": "Sam Smith"})),
        )
        .await;
    assert_eq!(renamed.json["name"], "Sam Smith");
    assert_eq!(
        app.get("/api/v1/me", Some(&token)).await.status,
        StatusCode::OK
    );
    let promoted = app
        .send(
            Method::PATCH,
            &user,
            Some(&admin),
            Some(&json!({"role": "marketing"})),
        )
        .await;
    assert_eq!(promoted.json["role"], "marketing", "{}", promoted.text);
    app.get("/api/v1/me", Some(&token))
        .await
        .assert_problem(401, "unauthorized");
    let token = app.login_token_of(&id).await;
    assert_eq!(
        app.get("/api/v1/me", Some(&token)).await.json["role"],
        "marketing"
    );

    // A new password (the user's own, with the current one) ends it too.
    let changed = app
        .send(
            Method::PATCH,
            &user,
            Some(&token),
            Some(&json!({"password": "a brand new password", "current_password": PASSWORD})),
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.text);
    app.get("/api/v1/me", Some(&token))
        .await
        .assert_problem(401, "unauthorized");
    app.login(email, PASSWORD)
        .await
        .assert_problem(401, "unauthorized");
    assert_eq!(
        app.login(email, "a brand new password").await.status,
        StatusCode::OK
    );
}

async fn the_role_comes_from_the_database(backend: Backend) {
    let app = spawn_app(backend).await;
    let (id, token) = app.staff("csm").await;
    // The right key, generation and user, but a role the user does not have.
    let mut claims = claims_of(&token);
    claims["role"] = json!("admin");
    claims["jti"] = json!("self-promoted");
    let forged = sign(&claims, Algorithm::HS256, TEST_SECRET);
    let me = app.get("/api/v1/me", Some(&forged)).await;
    assert_eq!(
        (me.status, me.json["role"].as_str()),
        (StatusCode::OK, Some("csm"))
    );
    app.get("/api/v1/users", Some(&forged))
        .await
        .assert_problem(403, "forbidden");
    // A token from before the last change of role (an older generation).
    claims["gen"] = json!(-1);
    app.get(
        "/api/v1/me",
        Some(&sign(&claims, Algorithm::HS256, TEST_SECRET)),
    )
    .await
    .assert_problem(401, "unauthorized");
    assert_eq!(claims_of(&token)["sub"], id.as_str());
}

async fn staff_tokens_only_in_the_header(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, host) = app.staff("csm").await;
    let (_, admin) = app.staff("admin").await;
    let webinar = app.create_webinar(&host, json!({})).await;
    let reg = app
        .register(
            webinar["id"].as_str().expect("id"),
            "ana@customer.example",
            json!({}),
        )
        .await;
    let path = format!(
        "/api/v1/registrations/{}",
        reg.json["id"].as_str().expect("id")
    );

    // A staff token in the URL is refused, on staff and booking endpoints.
    app.get(&format!("/api/v1/me?token={admin}"), None)
        .await
        .assert_problem(401, "unauthorized");
    app.get(&format!("{path}?token={admin}"), None)
        .await
        .assert_problem(401, "unauthorized");
    // A stale link in the URL does not stand in the way of a signed-in host.
    let with_both = app
        .get(&format!("{path}?token=an-old-link"), Some(&host))
        .await;
    assert_eq!(with_both.status, StatusCode::OK, "{}", with_both.text);
    assert_eq!(with_both.json["email"], "ana@customer.example");
    // The customer's own link still works.
    let token = reg.json["manage_token"].as_str().expect("token");
    let own = app.get(&format!("{path}?token={token}"), None).await;
    assert_eq!(own.status, StatusCode::OK, "{}", own.text);
}
