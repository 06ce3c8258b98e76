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
use onetomany::db::{Db, clock};
use onetomany::domain::user::NewStaffUser;
use onetomany::email::Composer;
use onetomany::email::transport::Transport;
use onetomany::routes::users::create_user;
use onetomany::startup::Application;
use onetomany::worker::{Delivery, deliver_due};
use reqwest::{Method, StatusCode};
use serde_json::Value;
use std::sync::{Arc, OnceLock};
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
    s.auth.jwt_secret = secrecy::SecretString::from(TEST_SECRET);
    s.mail.dir = mail_dir.to_path_buf();
    s.mail.poll_interval_seconds = 0;
    s.server.rate_limit_per_minute = 0;
    s
}

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub db: Db,
    pub composer: Arc<Composer>,
    pub keys: onetomany::auth::JwtKeys,
    pub transport: Arc<Transport>,
    pub mail_dir: PathBuf,
    handle: ServerHandle,
    // Dropped last: the database outlives the server.
    _work: TempDir,
    _test_db: TestDb,
}

pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(TestDb::create(backend), |_| {}).await
}

pub async fn spawn_app_on(test_db: TestDb) -> TestApp {
    spawn_app_with(test_db, |_| {}).await
}

/// The application with settings adjusted by `tweak`. Mail goes to files
/// unless changed; no background worker runs (tests call
/// [`TestApp::deliver`]) and the rate limit is off unless set.
pub async fn spawn_app_with(test_db: TestDb, tweak: impl FnOnce(&mut Settings)) -> TestApp {
    let work = tempfile::tempdir().expect("temp dir");
    let mut settings = test_settings(&test_db, &work.path().join("mail"));
    tweak(&mut settings);
    let mail_dir = settings.mail.dir.clone();
    let app = Application::build(settings)
        .await
        .expect("application builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    let db = app.db().clone();
    let (composer, transport, keys) = (app.composer(), app.transport(), app.keys());
    let handle = app.handle();
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        composer,
        transport,
        keys,
        mail_dir,
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

    /// A fresh token for an existing staff user (all test users share PASSWORD).
    pub async fn login_token_of(&self, user_id: &str) -> String {
        let id = user_id.to_owned();
        let email = self
            .db
            .run(move |conn| onetomany::db::users::find(conn, &id))
            .await
            .expect("query")
            .expect("user")
            .email;
        let reply = self.login(&email, PASSWORD).await;
        reply.json["token"].as_str().expect("token").to_owned()
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

/// A start time `days` from now, on a whole hour, as RFC 3339.
pub fn days_ahead(days: i64) -> String {
    use chrono::{DurationRound, Utc};
    let at = Utc::now() + chrono::Duration::days(days);
    at.duration_trunc(chrono::Duration::hours(1))
        .unwrap_or(at)
        .to_rfc3339()
}

impl TestApp {
    /// Creates a webinar as `token`'s user; `extra` fields override the
    /// defaults (a regular webinar a week ahead, 60 minutes, Berlin time).
    pub async fn create_webinar(&self, token: &str, extra: Value) -> Value {
        let mut body = serde_json::json!({
            "kind": "regular",
            "title": "Getting started with reports",
            "description": "A tour, then your questions.",
            "topic": "reporting",
            "starts_at": days_ahead(7),
            "duration_minutes": 60,
            "timezone": "Europe/Berlin",
            "join_url": "https://meet.example.com/room-1",
        });
        if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
            for (k, v) in e {
                b.insert(k.clone(), v.clone());
            }
        }
        let reply = self.post("/api/v1/webinars", Some(token), &body).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
        reply.json
    }

    /// The address of the staff user signed in with `token`.
    pub async fn email_of(&self, token: &str) -> String {
        self.get("/api/v1/me", Some(token)).await.json["email"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Registers `email` (name derived from it) for a webinar.
    pub async fn register(&self, webinar_id: &str, email: &str, extra: Value) -> Reply {
        let mut body = serde_json::json!({
            "email": email,
            "name": format!("Customer {}", email.split('@').next().unwrap_or("x")),
            "situation": "We import 20 000 orders a month and reports time out.",
        });
        if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
            for (k, v) in e {
                b.insert(k.clone(), v.clone());
            }
        }
        self.post(
            &format!("/api/v1/webinars/{webinar_id}/registrations"),
            None,
            &body,
        )
        .await
    }

    /// Runs the outbox worker once, as of now.
    pub async fn deliver(&self) -> Delivery {
        self.deliver_at(clock()).await
    }

    pub async fn deliver_at(&self, now: chrono::DateTime<chrono::Utc>) -> Delivery {
        deliver_due(
            &self.db,
            &self.composer,
            &self.transport,
            "test-worker",
            now,
        )
        .await
        .expect("delivery pass runs")
    }

    /// Every delivered .eml file, parsed by an independent parser (Python's
    /// `email` and `icalendar`), oldest first.
    pub fn mails(&self) -> Vec<Value> {
        let Ok(dir) = std::fs::read_dir(&self.mail_dir) else {
            return Vec::new();
        };
        let mut files: Vec<PathBuf> = dir
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "eml"))
            .collect();
        files.sort();
        parse_mail_files(&files)
    }

    /// The parsed mails sent to one address.
    pub fn mails_to(&self, address: &str) -> Vec<Value> {
        self.mails()
            .into_iter()
            .filter(|m| {
                m["to"]
                    .as_str()
                    .is_some_and(|t| t == address || t.contains(&format!("<{address}>")))
            })
            .collect()
    }

    /// Runs a query on the application's database.
    pub async fn sql<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut onetomany::db::AnyConnection) -> Result<T, onetomany::db::DbError>
        + Send
        + 'static,
    ) -> T {
        self.db.run(f).await.expect("query runs")
    }
}

/// The Python package the mail parser needs, pinned: the tests install it
/// into their own environment, never into the system's Python.
const PYTHON_PACKAGE: &str = "icalendar==6.1.0";

/// The `python3` of the tests' own virtual environment, with
/// [`PYTHON_PACKAGE`] installed. Made on first use under
/// `<target>/test-python/` from the `python3` on PATH (PyPI must be reachable
/// that once), then reused. An exclusive file lock keeps test processes that
/// start together from building it twice; the `ready` marker is written last,
/// so a half-made environment is made again. If it cannot be made, every
/// test that needs it fails with the same message (tried once per process).
pub fn python() -> &'static Path {
    static PYTHON: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    match PYTHON.get_or_init(make_python_env) {
        Ok(python) => python,
        Err(why) => panic!("{why}"),
    }
}

fn make_python_env() -> Result<PathBuf, String> {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let root = target.join("test-python");
    let venv = root.join(PYTHON_PACKAGE.replace("==", "-"));
    let python = venv.join("bin").join("python3");
    let ready = venv.join("ready");
    if ready.exists() {
        return Ok(python);
    }
    let io = |what: &str, path: &Path| {
        let what = format!("{what} {}", path.display());
        move |e: std::io::Error| format!("cannot {what}: {e}")
    };
    std::fs::create_dir_all(&root).map_err(io("create", &root))?;
    let lock = std::fs::File::create(root.join("lock")).map_err(io("create a lock in", &root))?;
    lock.lock().map_err(io("lock", &root))?;
    if ready.exists() {
        return Ok(python);
    }
    if venv.exists() {
        std::fs::remove_dir_all(&venv).map_err(io("remove", &venv))?;
    }
    run_setup(
        Command::new("python3").args(["-m", "venv"]).arg(&venv),
        &format!(
            "`python3 -m venv {}` failed: the tests need python3 with the venv module \
             (on Debian/Ubuntu the python3-venv package)",
            venv.display()
        ),
    )?;
    run_setup(
        Command::new(&python).args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            PYTHON_PACKAGE,
        ]),
        &format!(
            "could not install {PYTHON_PACKAGE} into {} for the mail tests: the package \
             registry (PyPI, or PIP_INDEX_URL) must be reachable the first time the \
             tests run",
            venv.display()
        ),
    )?;
    std::fs::write(&ready, PYTHON_PACKAGE).map_err(io("write", &ready))?;
    Ok(python)
}

/// Runs one step of making the Python environment: on failure, `what` and
/// the step's own output.
fn run_setup(cmd: &mut Command, what: &str) -> Result<(), String> {
    let out = cmd
        .output()
        .map_err(|e| format!("{what}: cannot start it: {e}"))?;
    if out.status.success() {
        return Ok(());
    }
    Err(format!(
        "{what}\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    ))
}

/// Parses .eml files with tests/tools/parse_mail.py.
pub fn parse_mail_files(files: &[PathBuf]) -> Vec<Value> {
    if files.is_empty() {
        return Vec::new();
    }
    let out = Command::new(python())
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/tools/parse_mail.py"
        ))
        .args(files)
        .output()
        .expect("the tests' python3 runs");
    assert!(
        out.status.success(),
        "parse_mail.py: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("parser output is JSON")
}

/// Parses raw messages (e.g. received over SMTP).
pub fn parse_mails(raw: &[Vec<u8>]) -> Vec<Value> {
    let dir = tempfile::tempdir().expect("dir");
    let files: Vec<PathBuf> = raw
        .iter()
        .enumerate()
        .map(|(i, bytes)| {
            let path = dir.path().join(format!("{i:05}.eml"));
            std::fs::write(&path, bytes).expect("written");
            path
        })
        .collect();
    parse_mail_files(&files)
}

impl TestApp {
    /// Stops this instance and hands back its database (and work folder),
    /// to start another instance on them: a restart.
    pub fn into_parts(mut self) -> (TestDb, TempDir) {
        drop(self.handle.stop(false));
        let placeholder = || TestDb::Sqlite {
            _dir: tempfile::tempdir().expect("dir"),
            path: PathBuf::new(),
        };
        let db = std::mem::replace(&mut self._test_db, placeholder());
        let work = std::mem::replace(&mut self._work, tempfile::tempdir().expect("dir"));
        (db, work)
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

impl ServeProcess {
    /// Sends SIGTERM, as a service manager does to stop the service.
    pub fn sigterm(&self) {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-TERM", &pid]).status();
        assert!(sent.is_ok_and(|s| s.success()), "SIGTERM sent to {pid}");
    }
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
