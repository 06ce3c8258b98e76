//! Configuration layering and start-up checks, through the real binary run
//! outside the checkout (so only the compiled-in defaults are below).

use std::path::Path;

use crate::helpers::{ServeProcess, binary, free_port, wait_until_serving};

/// Runs the binary with `env`; it must refuse to start. Returns stderr.
fn refused(dir: &Path, env: &[(&str, &str)]) -> String {
    let out = binary(dir, env).arg("serve").output().expect("binary runs");
    assert_eq!(
        out.status.code(),
        Some(2),
        "expected a refused start for {env:?}"
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn bad_values_stop_the_start_with_one_line_naming_the_key() {
    let dir = tempfile::tempdir().expect("dir");
    let cases: &[(&[(&str, &str)], &str)] = &[
        (
            &[("ONETOMANY__DATABASE__URL", "mysql://root@localhost/x")],
            "database.url",
        ),
        (&[("ONETOMANY__SERVER__PORT", "99999")], "server.port"),
        (&[("ONETOMANY__SERVER__PORT", "eighty")], "server.port"),
        (
            &[("ONETOMANY__DEFAULTS__TIMEZONE", "Europe/Atlantis")],
            "defaults.timezone",
        ),
        (&[("ONETOMANY__MAIL__SMTP_TLS", "maybe")], "mail.smtp_tls"),
        (
            &[("ONETOMANY__SERVER__PUBLIC_URL", "https://cs.example.com")],
            "auth.jwt_secret",
        ),
        (
            &[("ONETOMANY_CONFIG", "does-not-exist.toml")],
            "ONETOMANY_CONFIG",
        ),
        // Listening on every interface with the published development
        // secret would let anyone forge an admin token, even when the public
        // URL is loopback.
        (&[("ONETOMANY__SERVER__HOST", "0.0.0.0")], "auth.jwt_secret"),
        (&[("ONETOMANY__SERVER__HOST", "::")], "auth.jwt_secret"),
    ];
    for (env, key) in cases {
        let stderr = refused(dir.path(), env);
        assert_eq!(
            stderr.trim_end().lines().count(),
            1,
            "one line for {env:?}: {stderr}"
        );
        assert!(
            stderr.contains(key),
            "{env:?}: {stderr:?} does not name {key}"
        );
    }
    // Nothing was created by a refused start.
    assert!(!dir.path().join("data").exists());
}

async fn serve(dir: &Path, env: &[(&str, &str)], port: u16) -> ServeProcess {
    let child = binary(dir, env).arg("serve").spawn().expect("serve starts");
    let mut process = ServeProcess { child };
    assert!(
        wait_until_serving(&mut process.child, port).await,
        "not serving on {port} with {env:?}"
    );
    process
}

#[tokio::test]
async fn file_then_environment_override_the_defaults() {
    let dir = tempfile::tempdir().expect("dir");
    let (file_port, env_port, local_port) = (free_port(), free_port(), free_port());
    std::fs::write(
        dir.path().join("custom.toml"),
        format!("[server]\nport = {file_port}\n[database]\nurl = \"sqlite://from-file/app.db\"\n"),
    )
    .expect("written");

    // The file named by ONETOMANY_CONFIG sets port and database.
    let p = serve(
        dir.path(),
        &[("ONETOMANY_CONFIG", "custom.toml")],
        file_port,
    )
    .await;
    assert!(dir.path().join("from-file/app.db").exists());
    drop(p);

    // An environment variable beats the file.
    let port = env_port.to_string();
    let p = serve(
        dir.path(),
        &[
            ("ONETOMANY_CONFIG", "custom.toml"),
            ("ONETOMANY__SERVER__PORT", &port),
        ],
        env_port,
    )
    .await;
    drop(p);

    // config/default.toml in the working directory beats the compiled-in
    // defaults, and ONETOMANY_CONFIG beats it.
    std::fs::create_dir(dir.path().join("config")).expect("dir");
    std::fs::write(
        dir.path().join("config/default.toml"),
        format!("[server]\nport = {local_port}\n"),
    )
    .expect("written");
    let p = serve(dir.path(), &[], local_port).await;
    assert!(
        dir.path().join("data/onetomany.db").exists(),
        "default SQLite path under data/"
    );
    drop(p);
    let p = serve(
        dir.path(),
        &[("ONETOMANY_CONFIG", "custom.toml")],
        file_port,
    )
    .await;
    drop(p);
}

#[tokio::test]
async fn a_real_secret_is_accepted_off_loopback() {
    let dir = tempfile::tempdir().expect("dir");
    let port = free_port();
    let port_text = port.to_string();
    let p = serve(
        dir.path(),
        &[
            ("ONETOMANY__SERVER__PUBLIC_URL", "https://cs.example.com"),
            (
                "ONETOMANY__AUTH__JWT_SECRET",
                "a-production-secret-with-more-than-32-bytes",
            ),
            ("ONETOMANY__SERVER__PORT", &port_text),
        ],
        port,
    )
    .await;
    drop(p);
}
