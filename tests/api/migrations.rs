//! Migrations on an empty and on an already-migrated database, through the
//! `migrate` command and at start.

use std::io::Write;
use std::process::Stdio;

use reqwest::StatusCode;

use crate::both_backends;
use crate::helpers::{Backend, PASSWORD, TestDb, binary, spawn_app_on};

both_backends!(migrate_applies_once_and_keeps_data);

async fn migrate_applies_once_and_keeps_data(backend: Backend) {
    let db = TestDb::create(backend);
    let url = db.url_string();
    let dir = tempfile::tempdir().expect("dir");
    let env = [("ONETOMANY__DATABASE__URL", url.as_str())];

    let first = binary(dir.path(), &env)
        .arg("migrate")
        .output()
        .expect("migrate runs");
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let out = String::from_utf8_lossy(&first.stdout);
    assert!(out.contains("applied 20261123000001"), "{out}");

    let second = binary(dir.path(), &env)
        .arg("migrate")
        .output()
        .expect("migrate runs");
    assert!(second.status.success());
    let out = String::from_utf8_lossy(&second.stdout);
    assert!(
        out.contains("up to date") && !out.contains("applied"),
        "{out}"
    );

    // A user created by the CLI survives a start of the service, which
    // finds nothing left to migrate.
    let mut add = binary(dir.path(), &env)
        .args([
            "user",
            "add",
            "--email",
            "first@example.com",
            "--name",
            "First",
            "--role",
            "admin",
        ])
        .stdin(Stdio::piped())
        .spawn()
        .expect("user add runs");
    add.stdin
        .take()
        .expect("stdin")
        .write_all(format!("{PASSWORD}\n").as_bytes())
        .expect("written");
    let added = add.wait_with_output().expect("finished");
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );

    let app = spawn_app_on(db).await;
    let login = app.login("first@example.com", PASSWORD).await;
    assert_eq!(login.status, StatusCode::OK, "{}", login.text);
}

#[derive(diesel::QueryableByName)]
struct Pragma {
    #[diesel(sql_type = diesel::sql_types::Text)]
    value: String,
}

/// The embedded default: the SQLite file is created on first start, in WAL
/// mode (readers do not block the writer) with a busy timeout on every
/// pooled connection.
#[tokio::test]
async fn sqlite_runs_in_wal_mode_with_a_busy_timeout() {
    let db = TestDb::create(Backend::Sqlite);
    let app = spawn_app_on(db).await;
    let (journal, timeout) = app
        .db
        .run(|conn| {
            use diesel::RunQueryDsl;
            let j: Pragma =
                diesel::sql_query("SELECT journal_mode AS value FROM pragma_journal_mode")
                    .get_result(conn)?;
            let t: Pragma =
                diesel::sql_query("SELECT CAST(timeout AS TEXT) AS value FROM pragma_busy_timeout")
                    .get_result(conn)?;
            Ok::<_, onetomany::db::DbError>((j.value, t.value))
        })
        .await
        .expect("pragmas read");
    assert_eq!(journal, "wal");
    assert_eq!(timeout, "5000");
}
