//! `spawn_app`: the real application on a random port, on a fresh database of
//! the chosen backend (a temporary SQLite file, or `CREATE DATABASE t_<uuid>`
//! on the PostgreSQL server, dropped afterwards).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use actix_web::dev::ServerHandle;
use diesel::{Connection, PgConnection, RunQueryDsl};
use onetomany::config::{DatabaseUrl, Settings};
use onetomany::db::Db;
use onetomany::domain::user::NewStaffUser;
use onetomany::routes::users::create_user;
use onetomany::startup::Application;
use reqwest::{Method, StatusCode};
use serde_json::Value;
use tempfile::TempDir;

pub const PASSWORD: &str = "correct horse battery staple";
pub const TEST_SECRET: &str = "test-secret-that-is-long-enough-for-hs256";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs an async test body once per backend: `both_backends!(name, ...)`
/// turns each `async fn name(backend: Backend)` into `name::sqlite` and
/// `name::postgres` tests.
#[macro_export]
macro_rules! both_backends {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                use $crate::helpers::Backend;
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$name(Backend::Sqlite).await;
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    super::$name(Backend::Postgres).await;
                }
            }
        )*
    };
}

/// The PostgreSQL server the tests use; its absence fails the tests.
pub fn pg_server() -> String {
    std::env::var("ONETOMANY_TEST_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into())
}

/// A database that exists for one test only.
pub enum TestDb {
    Sqlite { _dir: TempDir, path: PathBuf },
    Postgres { name: String },
}

impl TestDb {
    pub fn create(backend: Backend) -> Self {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                let path = dir.path().join("onetomany.db");
                Self::Sqlite { _dir: dir, path }
            }
            Backend::Postgres => {
                let name = format!("t_{}", uuid::Uuid::new_v4().simple());
                let mut admin = admin_connection();
                diesel::sql_query(format!("CREATE DATABASE {name}"))
                    .execute(&mut admin)
                    .expect("CREATE DATABASE");
                Self::Postgres { name }
            }
        }
    }

    pub fn url(&self) -> DatabaseUrl {
        match self {
            Self::Sqlite { path, .. } => DatabaseUrl::Sqlite(path.clone()),
            Self::Postgres { name } => DatabaseUrl::Postgres(format!("{}/{name}", pg_server())),
        }
    }

    /// The URL as the binary's configuration takes it.
    pub fn url_string(&self) -> String {
        match self.url() {
            DatabaseUrl::Sqlite(path) => format!("sqlite://{}", path.display()),
            DatabaseUrl::Postgres(url) => url,
        }
    }
}

fn admin_connection() -> PgConnection {
    let url = format!("{}/test", pg_server());
    PgConnection::establish(&url).unwrap_or_else(|e| {
        panic!(
            "PostgreSQL must be reachable at {url} for the tests (they fail rather than skip): {e}"
        )
    })
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Self::Postgres { name } = self {
            let mut admin = admin_connection();
            let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(&mut admin);
        }
    }
}

/// Settings for a test: port 0, one worker, the given database.
pub fn test_settings(db: &TestDb, mail_dir: &Path) -> Settings {
    let mut s = Settings::defaults().expect("compiled defaults are valid");
    s.server.port = 0;
    s.server.workers = 1;
    s.server.shutdown_timeout_seconds = 1;
    s.database.url = db.url();
    s.database.pool_size = 8;
    s.auth.jwt_secret = onetomany::config::Secret::new(TEST_SECRET);
    s.mail.dir = mail_dir.to_path_buf();
    s
}

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub db: Db,
    handle: ServerHandle,
    // Dropped last: the database outlives the server.
    _work: TempDir,
    _test_db: TestDb,
}

pub async fn spawn_app(backend: Backend) -> TestApp {
    let test_db = TestDb::create(backend);
    spawn_app_on(test_db).await
}

pub async fn spawn_app_on(test_db: TestDb) -> TestApp {
    let work = tempfile::tempdir().expect("temp dir");
    let settings = test_settings(&test_db, &work.path().join("mail"));
    let app = Application::build(settings)
        .await
        .expect("application builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    let db = app.db().clone();
    let handle = app.handle();
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client"),
        db,
        handle,
        _work: work,
        _test_db: test_db,
    }
}

/// A response read whole: status, headers and body as JSON (Null if not JSON).
pub struct Reply {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub text: String,
    pub json: Value,
}

impl Reply {
    /// Asserts a problem+json answer with this status and contract code.
    #[track_caller]
    pub fn assert_problem(&self, status: u16, code: &str) {
        assert_eq!(self.status.as_u16(), status, "body: {}", self.text);
        let content_type = self
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        assert_eq!(
            content_type, "application/problem+json",
            "body: {}",
            self.text
        );
        assert_eq!(self.json["code"], code, "body: {}", self.text);
        assert_eq!(self.json["status"], status);
        assert!(self.json["detail"].as_str().is_some_and(|d| !d.is_empty()));
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn send(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> Reply {
        let mut req = self.client.request(method, self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(b);
        }
        read(req.send().await.expect("request sent")).await
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Reply {
        self.send(Method::GET, path, token, None).await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: &Value) -> Reply {
        self.send(Method::POST, path, token, Some(body)).await
    }

    /// Creates a staff user the way `onetomany user add` does.
    pub async fn add_staff(&self, email: &str, role: &str) -> String {
        let new = NewStaffUser::parse(email, "Test Person", role, Some("Europe/Berlin"), PASSWORD)
            .expect("valid user");
        create_user(&self.db, new).await.expect("user stored").id
    }

    pub async fn login(&self, email: &str, password: &str) -> Reply {
        self.post(
            "/api/v1/auth/login",
            None,
            &serde_json::json!({"email": email, "password": password}),
        )
        .await
    }

    /// A signed-in staff user of this role: (user id, token).
    pub async fn staff(&self, role: &str) -> (String, String) {
        let email = format!("{role}-{}@example.com", uuid::Uuid::new_v4().simple());
        let id = self.add_staff(&email, role).await;
        let reply = self.login(&email, PASSWORD).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        let token = reply.json["token"].as_str().expect("token").to_owned();
        (id, token)
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // Stop accepting and drop the workers; the database goes after.
        drop(self.handle.stop(false));
    }
}

pub async fn read(res: reqwest::Response) -> Reply {
    let status = res.status();
    let headers = res.headers().clone();
    let text = res.text().await.expect("body read");
    let json = serde_json::from_str(&text).unwrap_or(Value::Null);
    Reply {
        status,
        headers,
        text,
        json,
    }
}

/// A port that was free a moment ago, for the binary to listen on.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// The built `onetomany` binary, run in `dir` with only the given
/// ONETOMANY variables (the test's own environment is not passed on).
pub fn binary(dir: &Path, env: &[(&str, &str)]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_onetomany"));
    cmd.current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd
}

/// A `serve` child process that is killed when dropped.
pub struct ServeProcess {
    pub child: Child,
}

impl Drop for ServeProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Waits (bounded) until `GET /healthz` answers on the port; false if the
/// process exited or never answered.
pub async fn wait_until_serving(child: &mut Child, port: u16) -> bool {
    let client = reqwest::Client::new();
    for _ in 0..300 {
        if let Ok(Some(_)) = child.try_wait() {
            return false;
        }
        if let Ok(res) = client
            .get(format!("http://127.0.0.1:{port}/healthz"))
            .send()
            .await
        {
            return res.status().is_success();
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    false
}
