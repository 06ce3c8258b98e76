//! Limits that hold under abuse: public POSTs per client behind a trusted
//! proxy, failed sign-ins per account and per client, metrics labels that a
//! client cannot multiply, and memory that a sign-in flood cannot exhaust.

use std::io::Write;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::both_backends;
use crate::helpers::{
    Backend, PASSWORD, Reply, ServeProcess, TestApp, TestDb, binary, free_port, read,
    spawn_app_with, wait_until_serving,
};

both_backends!(
    an_account_locks_after_ten_failures_from_any_address,
    a_stolen_token_cannot_guess_the_current_password,
    a_client_locks_after_thirty_failures_on_any_account,
);

impl TestApp {
    /// A sign-in attempt as relayed by a proxy that says it came from `client`.
    async fn login_from(&self, client: &str, email: &str, password: &str) -> Reply {
        let res = self
            .client
            .post(self.url("/api/v1/auth/login"))
            .header("X-Forwarded-For", client)
            .json(&json!({"email": email, "password": password}))
            .send()
            .await
            .expect("sent");
        read(res).await
    }
}

#[track_caller]
fn assert_rate_limited(reply: &Reply) {
    reply.assert_problem(429, "rate_limited");
    let retry_after: u64 = reply
        .headers
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("a Retry-After in seconds");
    assert!(retry_after >= 1, "{retry_after}");
}

/// Behind a trusted proxy every client has its own allowance of public
/// POSTs; the proxy's own address is not one shared bucket.
#[tokio::test]
async fn clients_behind_a_trusted_proxy_are_limited_one_by_one() {
    let app = spawn_app_with(TestDb::create(Backend::Sqlite), |s| {
        s.server.rate_limit_per_minute = 2;
        s.server.trusted_proxies = vec!["127.0.0.1/32".parse().expect("cidr")];
    })
    .await;
    for _ in 0..2 {
        let reply = app
            .login_from("198.51.100.1", "nobody@example.com", "x")
            .await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{}", reply.text);
    }
    assert_rate_limited(
        &app.login_from("198.51.100.1", "nobody@example.com", "x")
            .await,
    );
    // Another client through the same proxy, and the first one when it
    // stands behind a second trusted hop.
    let other = app
        .login_from("198.51.100.2", "nobody@example.com", "x")
        .await;
    assert_eq!(other.status, StatusCode::UNAUTHORIZED, "{}", other.text);
    let again = app
        .login_from("198.51.100.1, 127.0.0.1", "nobody@example.com", "x")
        .await;
    assert_rate_limited(&again);
}

/// From a peer that is not a trusted proxy, X-Forwarded-For is whatever the
/// client wrote: it is ignored and the peer's own bucket is used.
#[tokio::test]
async fn a_forwarded_for_header_from_an_untrusted_peer_is_ignored() {
    let app = spawn_app_with(TestDb::create(Backend::Sqlite), |s| {
        s.server.rate_limit_per_minute = 2;
        s.server.trusted_proxies = vec!["192.0.2.0/24".parse().expect("cidr")];
    })
    .await;
    for spoofed in ["198.51.100.1", "198.51.100.2"] {
        let reply = app.login_from(spoofed, "nobody@example.com", "x").await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{}", reply.text);
    }
    assert_rate_limited(
        &app.login_from("198.51.100.3", "nobody@example.com", "x")
            .await,
    );
}

/// Ten wrong passwords lock the account for a while, from whichever
/// addresses they come; even the right password is then refused (else the
/// guessing would go on), while other accounts are unaffected.
async fn an_account_locks_after_ten_failures_from_any_address(backend: Backend) {
    let app = spawn_app_with(TestDb::create(backend), |s| {
        s.server.trusted_proxies = vec!["127.0.0.1/32".parse().expect("cidr")];
    })
    .await;
    app.add_staff("ada@example.com", "csm").await;
    app.add_staff("bob@example.com", "csm").await;
    for i in 0..10 {
        let reply = app
            .login_from(&format!("203.0.113.{i}"), "ada@example.com", "guess")
            .await;
        reply.assert_problem(401, "unauthorized");
    }
    let locked = app
        .login_from("203.0.113.99", "Ada@Example.com", "guess")
        .await;
    assert_rate_limited(&locked);
    assert_rate_limited(
        &app.login_from("203.0.113.98", "ada@example.com", PASSWORD)
            .await,
    );
    let bob = app
        .login_from("203.0.113.99", "bob@example.com", PASSWORD)
        .await;
    assert_eq!(bob.status, StatusCode::OK, "{}", bob.text);
}

/// A token is not a way around the sign-in limits: wrong current passwords
/// on a password change count as failed sign-ins of that account.
async fn a_stolen_token_cannot_guess_the_current_password(backend: Backend) {
    let app = spawn_app_with(TestDb::create(backend), |_| {}).await;
    let (id, token) = app.staff("csm").await;
    let change = |current: &'static str| json!({"password": "a brand new long password", "current_password": current});
    for _ in 0..10 {
        app.send(
            Method::PATCH,
            &format!("/api/v1/users/{id}"),
            Some(&token),
            Some(&change("guess")),
        )
        .await
        .assert_problem(422, "validation_failed");
    }
    let locked = app
        .send(
            Method::PATCH,
            &format!("/api/v1/users/{id}"),
            Some(&token),
            Some(&change(PASSWORD)),
        )
        .await;
    assert_rate_limited(&locked);
    // The password did not change: the old one is still the one (and the
    // account's sign-ins are locked for a while, too).
    let email = app.get("/api/v1/me", Some(&token)).await.json["email"].clone();
    assert_rate_limited(
        &app.login(email.as_str().unwrap_or_default(), PASSWORD)
            .await,
    );
}

/// Thirty failures from one client lock that client out of signing in, on
/// any account; another client is unaffected. Right passwords before that
/// do not count.
async fn a_client_locks_after_thirty_failures_on_any_account(backend: Backend) {
    let app = spawn_app_with(TestDb::create(backend), |s| {
        s.server.trusted_proxies = vec!["127.0.0.1/32".parse().expect("cidr")];
    })
    .await;
    app.add_staff("ada@example.com", "csm").await;
    let attacker = "2001:db8:1:2::1";
    for _ in 0..3 {
        let ok = app.login_from(attacker, "ada@example.com", PASSWORD).await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.text);
    }
    for i in 0..30 {
        let reply = app
            .login_from(attacker, &format!("user{i}@example.com"), "guess")
            .await;
        reply.assert_problem(401, "unauthorized");
    }
    // The same /64 is the same client.
    let neighbour = "2001:db8:1:2:ffff::7";
    assert_rate_limited(
        &app.login_from(neighbour, "someone@example.com", "guess")
            .await,
    );
    assert_rate_limited(&app.login_from(neighbour, "ada@example.com", PASSWORD).await);
    let elsewhere = app
        .login_from("2001:db8:1:3::1", "ada@example.com", PASSWORD)
        .await;
    assert_eq!(elsewhere.status, StatusCode::OK, "{}", elsewhere.text);
}

/// The number of exposed HTTP series.
fn http_series(metrics: &str) -> usize {
    metrics
        .lines()
        .filter(|l| l.starts_with("onetomany_http_"))
        .count()
}

/// Made-up methods and paths do not become new series on `/metrics`.
#[tokio::test]
async fn made_up_methods_and_paths_do_not_add_metrics_series() {
    let app = spawn_app_with(TestDb::create(Backend::Sqlite), |_| {}).await;
    let burst = |tag: char| {
        let app = &app;
        async move {
            for i in 0..10 {
                let method = Method::from_bytes(format!("FOO{tag}{i}").as_bytes()).expect("method");
                for path in ["/api/v1/webinars".to_owned(), format!("/nowhere/{tag}{i}")] {
                    let res = app
                        .client
                        .request(method.clone(), app.url(&path))
                        .send()
                        .await
                        .expect("sent");
                    assert!(res.status().is_client_error(), "{path}: {}", res.status());
                }
                let res = app
                    .client
                    .get(app.url(&format!("/nowhere/{tag}/{i}")))
                    .send()
                    .await
                    .expect("sent");
                assert_eq!(res.status(), StatusCode::NOT_FOUND);
            }
        }
    };
    burst('A').await;
    // The first read is counted itself; the second is the baseline.
    app.get("/metrics", None).await;
    let before = app.get("/metrics", None).await.text;
    assert!(before.contains(r#"method="other""#), "{before}");
    assert!(before.contains(r#"route="unmatched""#), "{before}");
    burst('B').await;
    let after = app.get("/metrics", None).await.text;
    assert!(!after.contains("FOO"), "{after}");
    assert!(!after.contains("nowhere"), "{after}");
    assert_eq!(http_series(&before), http_series(&after), "{after}");
}

/// A kilobyte figure from /proc/<pid>/status, in MB.
fn status_mb(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("status");
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("field present");
    kb / 1024
}

fn add_user(dir: &Path, email: &str) {
    let mut child = binary(dir, &[])
        .args([
            "user", "add", "--email", email, "--name", "Ada", "--role", "csm",
        ])
        .stdin(Stdio::piped())
        .spawn()
        .expect("runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(format!("{PASSWORD}\n").as_bytes())
        .expect("written");
    let out = child.wait_with_output().expect("finished");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// 200 sign-ins at once, each from its own client so no limit refuses them
/// and every one computes a hash: the process stays small throughout and
/// afterwards. Unbounded, it grew by ~19 MiB per concurrent sign-in (to
/// 3.9 GB); bounded but with fresh scratch memory per hash, the allocator
/// still kept 0.6–1.4 GB.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_flood_of_sign_ins_does_not_exhaust_memory() {
    let dir = tempfile::tempdir().expect("dir");
    add_user(dir.path(), "ada@example.com");
    let config = dir.path().join("proxy.toml");
    std::fs::write(&config, "[server]\ntrusted_proxies = [\"127.0.0.1\"]\n").expect("written");
    let port = free_port();
    let (port_text, config_text) = (port.to_string(), config.display().to_string());
    let child = binary(
        dir.path(),
        &[
            ("ONETOMANY__SERVER__PORT", &port_text),
            ("ONETOMANY_CONFIG", &config_text),
        ],
    )
    .spawn()
    .expect("serve");
    let mut serve = ServeProcess { child };
    assert!(wait_until_serving(&mut serve.child, port).await);
    let pid = serve.child.id();
    let idle = status_mb(pid, "VmRSS:");

    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(600))
        .build()
        .expect("client");
    let logins = (0..200).map(|i| {
        let client = client.clone();
        let (email, password) = if i % 2 == 0 {
            ("ada@example.com".to_owned(), PASSWORD)
        } else {
            (format!("nobody{i}@example.com"), "a wrong password")
        };
        async move {
            client
                .post(format!("http://127.0.0.1:{port}/api/v1/auth/login"))
                .header("X-Forwarded-For", format!("198.51.100.{i}"))
                .json(&json!({"email": email, "password": password}))
                .send()
                .await
                .expect("answered")
                .status()
        }
    });
    let statuses = futures_util::future::join_all(logins).await;
    let ok = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    let refused = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    assert_eq!((ok, refused), (100, 100), "{statuses:?}");

    let peak = status_mb(pid, "VmHWM:");
    let after = status_mb(pid, "VmRSS:");
    eprintln!("RSS idle {idle} MB, peak {peak} MB, after the flood {after} MB");
    // One hash's scratch memory per core, kept for reuse, and some slack.
    let cores = std::thread::available_parallelism().map_or(1, usize::from) as u64;
    let bound = idle + 20 * cores + 60;
    assert!(
        peak < bound,
        "peak RSS {peak} MB during 200 concurrent sign-ins (bound {bound})"
    );
    assert!(
        after < bound,
        "RSS {after} MB after the flood (bound {bound})"
    );
}
