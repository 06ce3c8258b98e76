//! A throwaway PostgreSQL server for the fault test: `initdb` into a
//! temporary folder, started on a free port with trust auth, restarted at
//! will, stopped and removed at the end. As root it runs as the `postgres`
//! OS user (initdb refuses root).

use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

pub struct PgServer {
    pub port: u16,
    bin: PathBuf,
    data: PathBuf,
    log: PathBuf,
    as_postgres: bool,
    _dir: TempDir,
}

fn bin_dir() -> PathBuf {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .expect("PostgreSQL server binaries under /usr/lib/postgresql")
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|p| p.join("pg_ctl").exists())
        .collect();
    found.sort();
    found.pop().expect("pg_ctl under /usr/lib/postgresql/*/bin")
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

impl PgServer {
    /// Starts a fresh server; panics (the test fails) if it cannot.
    pub fn start() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let as_postgres = is_root();
        if as_postgres {
            let chown = Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(dir.path())
                .status()
                .expect("chown runs");
            assert!(chown.success(), "chown of the server folder");
        }
        let server = Self {
            port: crate::helpers::free_port(),
            bin: bin_dir(),
            data: dir.path().join("data"),
            log: dir.path().join("server.log"),
            as_postgres,
            _dir: dir,
        };
        let data = server.data.display().to_string();
        server.run(
            "initdb",
            &["-D", &data, "-A", "trust", "-U", "postgres", "--no-sync"],
        );
        server.ctl(&["start"]);
        server
    }

    fn command(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        if self.as_postgres {
            let mut cmd = Command::new("runuser");
            cmd.args(["-u", "postgres", "--"]).arg(path);
            cmd
        } else {
            Command::new(path)
        }
    }

    fn run(&self, program: &str, args: &[&str]) {
        let out = self
            .command(program)
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("{program} starts: {e}"));
        assert!(
            out.status.success(),
            "{program} {args:?} failed: {}{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
            std::fs::read_to_string(&self.log).unwrap_or_default()
        );
    }

    fn ctl(&self, action: &[&str]) {
        let (data, log) = (
            self.data.display().to_string(),
            self.log.display().to_string(),
        );
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200",
            self.port,
            socket_dir(&self.data).display()
        );
        let mut args = vec!["-D", &data, "-l", &log, "-w", "-o", &options];
        args.extend_from_slice(action);
        self.run("pg_ctl", &args);
    }

    pub fn url(&self, database: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{database}", self.port)
    }

    /// Stops the server (fast: open sessions are cut off).
    pub fn stop(&self) {
        self.ctl(&["-m", "fast", "stop"]);
    }

    pub fn start_again(&self) {
        self.ctl(&["start"]);
    }

    /// The server log's ERROR lines other than the unique violations the
    /// service expects (a second registration of one address), to say why
    /// a request failed.
    pub fn logged_errors(&self) -> Vec<String> {
        std::fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .filter(|l| l.contains("ERROR:") && !l.contains("duplicate key"))
            .map(str::to_owned)
            .collect()
    }
}

fn socket_dir(data: &Path) -> PathBuf {
    data.parent()
        .map_or_else(|| data.to_path_buf(), Path::to_path_buf)
}

impl Drop for PgServer {
    fn drop(&mut self) {
        let data = self.data.display().to_string();
        let _ = self
            .command("pg_ctl")
            .args(["-D", &data, "-m", "immediate", "-w", "stop"])
            .output();
    }
}
