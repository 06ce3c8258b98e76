//! Service processes on one database, a client that spreads requests over
//! them (moving on to the next when one does not answer, as a load
//! balancer does), and the SMTP server they all send to, which can be
//! stopped or made to stall.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use reqwest::Method;
use serde_json::Value;
use tempfile::TempDir;
use tokio::sync::Mutex;

use crate::helpers::{ServeProcess, TEST_SECRET, binary, free_port, wait_until_serving};
use crate::smtp::{Received, SilentServer, SmtpSink};

/// How much heavier than the CI run: `ONETOMANY_CLUSTER_SCALE`.
pub fn scale() -> usize {
    std::env::var("ONETOMANY_CLUSTER_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .filter(|s| *s >= 1)
        .unwrap_or(1)
}

/// One `onetomany serve` process.
pub struct Instance {
    pub port: u16,
    process: Option<ServeProcess>,
    dir: PathBuf,
    database: String,
    smtp_port: u16,
    starts: usize,
}

impl Instance {
    pub async fn start(dir: &Path, database: &str, smtp_port: u16) -> Self {
        let mut instance = Self {
            port: free_port(),
            process: None,
            dir: dir.to_path_buf(),
            database: database.to_owned(),
            smtp_port,
            starts: 0,
        };
        instance.spawn().await;
        instance
    }

    async fn spawn(&mut self) {
        let config = self.dir.join("cluster.toml");
        // Reminders 61 minutes ahead, so that one falls due during the test.
        std::fs::write(&config, "[mail]\nreminder_offsets_minutes = [61]\n").expect("config");
        let (port, smtp) = (self.port.to_string(), self.smtp_port.to_string());
        let public = format!("http://127.0.0.1:{port}");
        let config_path = config.display().to_string();
        let log = std::fs::File::create(self.dir.join(format!("serve-{port}-{}.log", self.starts)))
            .expect("log file");
        self.starts += 1;
        let mut cmd = binary(
            &self.dir,
            &[
                ("ONETOMANY_CONFIG", &config_path),
                ("ONETOMANY__SERVER__PORT", &port),
                ("ONETOMANY__SERVER__PUBLIC_URL", &public),
                ("ONETOMANY__SERVER__WORKERS", "2"),
                ("ONETOMANY__SERVER__RATE_LIMIT_PER_MINUTE", "0"),
                ("ONETOMANY__SERVER__SHUTDOWN_TIMEOUT_SECONDS", "1"),
                ("ONETOMANY__DATABASE__URL", &self.database),
                ("ONETOMANY__DATABASE__POOL_SIZE", "8"),
                ("ONETOMANY__DATABASE__CONNECT_TIMEOUT_SECONDS", "2"),
                ("ONETOMANY__AUTH__JWT_SECRET", TEST_SECRET),
                ("ONETOMANY__MAIL__TRANSPORT", "smtp"),
                ("ONETOMANY__MAIL__SMTP_HOST", "127.0.0.1"),
                ("ONETOMANY__MAIL__SMTP_PORT", &smtp),
                ("ONETOMANY__MAIL__SMTP_TIMEOUT_SECONDS", "1"),
                ("ONETOMANY__MAIL__POLL_INTERVAL_SECONDS", "1"),
                ("ONETOMANY__QUEUE__CONFIRM_EMAIL", "false"),
                ("ONETOMANY__QUEUE__ACCOUNT_LIMIT_DAYS", "0"),
            ],
        );
        let err = log.try_clone().expect("log file");
        cmd.stdout(Stdio::from(log)).stderr(Stdio::from(err));
        let child = cmd.spawn().expect("serve starts");
        let mut process = ServeProcess { child };
        assert!(
            wait_until_serving(&mut process.child, self.port).await,
            "instance on port {} did not start (log in {})",
            self.port,
            self.dir.display()
        );
        self.process = Some(process);
    }

    /// SIGKILL: no shutdown, leases and connections left as they are.
    pub fn kill_9(&mut self) {
        if let Some(mut process) = self.process.take() {
            let _ = process.child.kill();
            let _ = process.child.wait();
        }
    }

    /// Starts the process again on the same port and database.
    pub async fn restart(&mut self) {
        self.kill_9();
        self.spawn().await;
    }
}

/// Spreads requests round-robin over the instances' ports.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    ports: Arc<Vec<u16>>,
    next: Arc<AtomicUsize>,
    pub moved_on: Arc<AtomicUsize>,
}

pub struct Answer {
    pub status: u16,
    pub json: Value,
}

impl Client {
    pub fn new(ports: Vec<u16>) -> Self {
        Self {
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(60))
                .build()
                .expect("client"),
            ports: Arc::new(ports),
            next: Arc::new(AtomicUsize::new(0)),
            moved_on: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// One request; an instance that refuses the connection or drops it
    /// is skipped for the next (status 0 if none answered).
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> Answer {
        // Up to about ten seconds: an instance restarting on its port.
        for attempt in 0..40_u64 {
            let i = self.next.fetch_add(1, Ordering::Relaxed) % self.ports.len();
            let url = format!("http://127.0.0.1:{}{path}", self.ports[i]);
            let mut req = self.http.request(method.clone(), url);
            if let Some(t) = token {
                req = req.bearer_auth(t);
            }
            if let Some(b) = body {
                req = req.json(b);
            }
            match req.send().await {
                Ok(res) => {
                    let status = res.status().as_u16();
                    let text = res.text().await.unwrap_or_default();
                    return Answer {
                        status,
                        json: serde_json::from_str(&text).unwrap_or(Value::Null),
                    };
                }
                Err(_) => {
                    self.moved_on.fetch_add(1, Ordering::Relaxed);
                    tokio::time::sleep(Duration::from_millis((attempt * 25).min(500))).await;
                }
            }
        }
        Answer {
            status: 0,
            json: Value::Null,
        }
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: &Value) -> Answer {
        self.call(Method::POST, path, token, Some(body)).await
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Answer {
        self.call(Method::GET, path, token, None).await
    }

    /// `GET /readyz` on one given port: true when it answers 200.
    pub async fn ready(&self, port: u16) -> bool {
        self.http
            .get(format!("http://127.0.0.1:{port}/readyz"))
            .timeout(Duration::from_secs(3))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success())
    }
}

enum SmtpState {
    Up(SmtpSink),
    // Held only to keep its port answering nothing.
    #[allow(dead_code)]
    Stalling(SilentServer),
    Down,
}

/// The SMTP server every instance sends to, on one fixed port.
pub struct Mail {
    pub port: u16,
    state: Mutex<SmtpState>,
    /// Sinks that stopped listening: a session open when one stopped may
    /// still finish and be answered 250, so its store is read to the end.
    retired: Mutex<Vec<SmtpSink>>,
}

impl Mail {
    pub async fn start() -> Self {
        let sink = SmtpSink::start().await;
        Self {
            port: sink.port,
            state: Mutex::new(SmtpState::Up(sink)),
            retired: Mutex::new(Vec::new()),
        }
    }

    async fn set(&self, next: SmtpState) {
        let mut state = self.state.lock().await;
        if let SmtpState::Up(sink) = std::mem::replace(&mut *state, SmtpState::Down) {
            sink.close();
            self.retired.lock().await.push(sink);
        }
        // Let the old listener go before another takes the port.
        tokio::time::sleep(Duration::from_millis(200)).await;
        *state = next;
    }

    pub async fn stop(&self) {
        self.set(SmtpState::Down).await;
    }

    pub async fn stall(&self) {
        self.set(SmtpState::Down).await;
        let silent = SilentServer::start_on(self.port).await;
        *self.state.lock().await = SmtpState::Stalling(silent);
    }

    pub async fn resume(&self) {
        self.set(SmtpState::Down).await;
        let sink = SmtpSink::start_on(self.port).await;
        *self.state.lock().await = SmtpState::Up(sink);
    }

    /// Everything received so far, by every sink that listened.
    pub async fn received(&self) -> Vec<Received> {
        let mut all: Vec<Received> = self
            .retired
            .lock()
            .await
            .iter()
            .flat_map(SmtpSink::received)
            .collect();
        if let SmtpState::Up(sink) = &*self.state.lock().await {
            all.extend(sink.received());
        }
        all
    }
}

/// The outbox id a received message carries in its Message-ID.
pub fn outbox_id(mail: &Received) -> Option<String> {
    let text = String::from_utf8_lossy(&mail.data);
    let line = text
        .lines()
        .take_while(|l| !l.is_empty())
        .find(|l| l.to_ascii_lowercase().starts_with("message-id:"))?;
    let inner = line.split_once('<')?.1;
    Some(inner.split_once('@')?.0.to_owned())
}

/// The lines at level ERROR in every instance's log under `dir` (ids only:
/// the service logs no personal data), to say why an answer was a 500.
pub fn logged_errors(dir: &std::path::Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !(name.starts_with("serve-") && name.ends_with(".log")) {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        lines.extend(
            text.lines()
                .filter(|l| l.contains("ERROR"))
                .map(|l| format!("{name}: {l}")),
        );
    }
    lines
}

/// A work folder for instances (logs, config), kept on failure for reading.
pub fn work_dir() -> TempDir {
    tempfile::Builder::new()
        .prefix("onetomany-cluster-")
        .tempdir()
        .expect("temp dir")
}
