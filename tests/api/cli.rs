//! The binary's commands: `user add` and graceful shutdown of `serve`.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Output, Stdio};
use std::time::Duration;

use crate::helpers::{PASSWORD, ServeProcess, binary, free_port, wait_until_serving};

fn user_add(dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = binary(dir, &[])
        .args(["user", "add"])
        .args(args)
        .stdin(Stdio::piped())
        .spawn()
        .expect("runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("written");
    child.wait_with_output().expect("finished")
}

#[tokio::test]
async fn user_add_reads_the_password_from_stdin() {
    let dir = tempfile::tempdir().expect("dir");
    let ok = user_add(
        dir.path(),
        &[
            "--email",
            "Admin@Example.com",
            "--name",
            "Ada Admin",
            "--role",
            "admin",
            "--timezone",
            "Europe/Berlin",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let out = String::from_utf8_lossy(&ok.stdout);
    assert!(out.contains("admin@example.com"), "{out}");
    assert!(!out.contains(PASSWORD) && !String::from_utf8_lossy(&ok.stderr).contains(PASSWORD));

    let again = user_add(
        dir.path(),
        &[
            "--email",
            "admin@example.com",
            "--name",
            "X",
            "--role",
            "csm",
        ],
        "another password\n",
    );
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));

    let bad_role = user_add(
        dir.path(),
        &["--email", "b@example.com", "--name", "B", "--role", "owner"],
        "another password\n",
    );
    assert!(!bad_role.status.success());
    assert!(String::from_utf8_lossy(&bad_role.stderr).contains("role"));

    let no_password = user_add(
        dir.path(),
        &["--email", "c@example.com", "--name", "C", "--role", "csm"],
        "",
    );
    assert!(!no_password.status.success());
    assert!(String::from_utf8_lossy(&no_password.stderr).contains("standard input"));

    // The stored user signs in through the running service.
    let port = free_port();
    let port_text = port.to_string();
    let child = binary(dir.path(), &[("ONETOMANY__SERVER__PORT", &port_text)])
        .spawn()
        .expect("serve");
    let mut serve = ServeProcess { child };
    assert!(wait_until_serving(&mut serve.child, port).await);
    let login = reqwest::Client::new()
        .post(format!("http://127.0.0.1:{port}/api/v1/auth/login"))
        .json(&serde_json::json!({"email": "admin@example.com", "password": PASSWORD}))
        .send()
        .await
        .expect("sent");
    assert_eq!(login.status(), reqwest::StatusCode::OK);
    let users = reqwest::Client::new()
        .post(format!("http://127.0.0.1:{port}/api/v1/auth/login"))
        .json(&serde_json::json!({"email": "b@example.com", "password": "another password"}))
        .send()
        .await
        .expect("sent");
    assert_eq!(
        users.status(),
        reqwest::StatusCode::UNAUTHORIZED,
        "the refused user was not stored"
    );
}

/// SIGTERM: the listener closes, a request already in flight is finished,
/// and the process exits cleanly.
#[tokio::test]
async fn sigterm_finishes_in_flight_requests_then_exits() {
    let dir = tempfile::tempdir().expect("dir");
    let port = free_port();
    let port_text = port.to_string();
    let child = binary(dir.path(), &[("ONETOMANY__SERVER__PORT", &port_text)])
        .spawn()
        .expect("serve");
    let mut serve = ServeProcess { child };
    assert!(wait_until_serving(&mut serve.child, port).await);

    // A request whose body has not fully arrived yet.
    let body = br#"{"email": "nobody@example.com", "password": "whatever-password"}"#;
    let (head, tail) = body.split_at(10);
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connected");
    write!(
        stream,
        "POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .expect("head sent");
    stream.write_all(head).expect("first part sent");
    stream.flush().expect("flushed");
    // Let the server read the headers before the signal arrives.
    std::thread::sleep(Duration::from_millis(300));

    serve.sigterm();

    // New connections stop being accepted (bounded wait).
    let mut closed = false;
    for _ in 0..100 {
        if TcpStream::connect(("127.0.0.1", port)).is_err() {
            closed = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(closed, "still accepting connections after SIGTERM");

    stream.write_all(tail).expect("rest sent");
    let mut response = String::new();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout set");
    stream.read_to_string(&mut response).expect("response read");
    assert!(
        response.starts_with("HTTP/1.1 401"),
        "in-flight request was not answered: {response:?}"
    );

    let status = serve.child.wait().expect("exited");
    assert!(status.success(), "exit status {status}");
}

/// Every request's log line carries its request id; e-mail addresses,
/// passwords and tokens from the request never reach the log.
#[tokio::test]
async fn logs_name_requests_by_id_and_hold_no_personal_data() {
    let dir = tempfile::tempdir().expect("dir");
    let port = free_port();
    let port_text = port.to_string();
    let child = binary(
        dir.path(),
        &[
            ("ONETOMANY__SERVER__PORT", &port_text),
            ("ONETOMANY__LOG__FORMAT", "json"),
            ("RUST_LOG", "info"),
        ],
    )
    .spawn()
    .expect("serve");
    let mut serve = ServeProcess { child };
    assert!(wait_until_serving(&mut serve.child, port).await);

    let client = reqwest::Client::new();
    let login = client
        .post(format!("http://127.0.0.1:{port}/api/v1/auth/login"))
        .json(&serde_json::json!({"email": "private.person@example.com", "password": "secret-password-123"}))
        .send()
        .await
        .expect("sent");
    let request_id = login
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .expect("request id")
        .to_owned();
    client
        .get(format!(
            "http://127.0.0.1:{port}/api/v1/me?token=query-token-value"
        ))
        .bearer_auth("header-token-value")
        .send()
        .await
        .expect("sent");

    serve.sigterm();
    let mut stderr = String::new();
    serve
        .child
        .stderr
        .take()
        .expect("stderr piped")
        .read_to_string(&mut stderr)
        .expect("log read");

    let lines: Vec<serde_json::Value> = stderr
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    assert!(!lines.is_empty(), "no JSON log lines: {stderr}");
    let login_lines: Vec<_> = lines
        .iter()
        .filter(|l| l["span"]["request_id"] == request_id.as_str())
        .collect();
    assert!(
        !login_lines.is_empty(),
        "no line names request {request_id}: {stderr}"
    );
    assert!(
        login_lines
            .iter()
            .all(|l| l["span"]["route"] == "/api/v1/auth/login")
    );
    for secret in [
        "private.person",
        "secret-password-123",
        "query-token-value",
        "header-token-value",
        "127.0.0.1:",
    ] {
        // The server's own listening address is logged at start; no other line
        // may hold an address (a client's would be personal data).
        let leaked = lines
            .iter()
            .any(|l| l.to_string().contains(secret) && l["target"] != "actix_server::server");
        assert!(!leaked, "{secret} reached the log: {stderr}");
    }
}
