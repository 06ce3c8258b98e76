//! The typed configuration: compiled-in defaults, then `config/default.toml`,
//! then the file named by `ONETOMANY_CONFIG`, then `ONETOMANY__A__B` variables.
//! Every value is checked once here; a bad one stops the start with one line
//! that names its key.

use std::fmt;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

use chrono_tz::Tz;
use figment::Figment;
use figment::providers::{Env, Format, Toml};
use secrecy::SecretString;
use serde::Deserialize;

use crate::domain::locale::Locale;
use crate::net::Cidr;

/// The defaults, compiled in so the binary also starts outside the checkout.
pub const DEFAULT_TOML: &str = include_str!("../config/default.toml");

/// The development JWT secret from `config/default.toml`.
pub const DEVELOPMENT_JWT_SECRET: &str = "onetomany-development-secret-not-for-production-use";

/// Environment variable naming an optional extra configuration file.
pub const CONFIG_FILE_VAR: &str = "ONETOMANY_CONFIG";

#[derive(Debug, Clone)]
pub struct Settings {
    pub server: ServerSettings,
    pub database: DatabaseSettings,
    pub auth: AuthSettings,
    pub mail: MailSettings,
    pub queue: QueueSettings,
    pub webhooks: WebhookSettings,
    pub defaults: Defaults,
    pub log: LogSettings,
}

#[derive(Debug, Clone)]
pub struct ServerSettings {
    pub host: String,
    pub port: u16,
    pub public_url: url::Url,
    pub rate_limit_per_minute: u32,
    /// Peers whose X-Forwarded-For is believed.
    pub trusted_proxies: Vec<Cidr>,
    pub workers: usize,
    pub shutdown_timeout_seconds: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Sqlite(PathBuf),
    Postgres(String),
}

impl DatabaseUrl {
    /// Parses `sqlite://path` (relative) or `sqlite:///path` (absolute), and
    /// `postgres://…` / `postgresql://…`.
    pub fn parse(raw: &str) -> Result<Self, String> {
        if let Some(path) = raw.strip_prefix("sqlite://") {
            if path.is_empty() {
                return Err("a sqlite:// URL needs a file path".into());
            }
            return Ok(Self::Sqlite(PathBuf::from(path)));
        }
        if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            url::Url::parse(raw).map_err(|e| format!("not a valid PostgreSQL URL: {e}"))?;
            return Ok(Self::Postgres(raw.to_owned()));
        }
        let scheme = raw.split("://").next().unwrap_or(raw);
        Err(format!(
            "unknown database scheme {scheme:?}: use sqlite://path or postgres://user@host/db"
        ))
    }

    pub fn backend_name(&self) -> &'static str {
        match self {
            Self::Sqlite(_) => "sqlite",
            Self::Postgres(_) => "postgres",
        }
    }
}

#[derive(Debug, Clone)]
pub struct DatabaseSettings {
    pub url: DatabaseUrl,
    pub pool_size: u32,
    pub connect_timeout_seconds: u64,
}

#[derive(Debug, Clone)]
pub struct AuthSettings {
    /// Signs staff tokens and keys the audit log's address tags; never
    /// printed (`Debug` shows `[REDACTED]`).
    pub jwt_secret: SecretString,
    pub token_ttl_minutes: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailTransport {
    File,
    Smtp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpTls {
    None,
    StartTls,
    Tls,
}

#[derive(Debug, Clone)]
pub struct MailSettings {
    pub transport: MailTransport,
    pub dir: PathBuf,
    pub smtp_host: String,
    pub smtp_port: u16,
    pub smtp_tls: SmtpTls,
    pub smtp_username: String,
    pub smtp_password: SecretString,
    pub from: String,
    /// Bound on each SMTP step.
    pub smtp_timeout_seconds: u64,
    pub poll_interval_seconds: u64,
    pub reminder_offsets_minutes: Vec<u32>,
}

#[derive(Debug, Clone)]
pub struct QueueSettings {
    pub horizon_days: u32,
    pub min_notice_hours: u32,
    pub account_limit_days: u32,
    /// A request waits for its owner's confirmation by mail.
    pub confirm_email: bool,
}

#[derive(Debug, Clone)]
pub struct WebhookSettings {
    /// Let webhooks reach loopback and private networks (a self-hoster's own).
    pub allow_private_targets: bool,
}

#[derive(Debug, Clone)]
pub struct Defaults {
    pub timezone: Tz,
    pub locale: Locale,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone)]
pub struct LogSettings {
    pub level: String,
    pub format: LogFormat,
}

/// A configuration problem, always tied to the key it is about.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid configuration: {key}: {message}")]
pub struct ConfigError {
    pub key: String,
    pub message: String,
}

impl ConfigError {
    fn new(key: &str, message: impl Into<String>) -> Self {
        Self {
            key: key.to_owned(),
            message: message.into(),
        }
    }
}

impl Settings {
    /// Loads the layers from the process environment and the working directory.
    pub fn load() -> Result<Self, ConfigError> {
        let mut figment = Figment::from(Toml::string(DEFAULT_TOML));
        let local = Path::new("config/default.toml");
        if local.is_file() {
            figment = figment.merge(Toml::file(local));
        }
        if let Some(path) = std::env::var_os(CONFIG_FILE_VAR) {
            let path = PathBuf::from(path);
            if !path.is_file() {
                return Err(ConfigError::new(
                    CONFIG_FILE_VAR,
                    format!("file {} does not exist", path.display()),
                ));
            }
            figment = figment.merge(Toml::file(path));
        }
        figment = figment.merge(Env::prefixed("ONETOMANY__").split("__"));
        Self::from_figment(&figment)
    }

    /// Only the compiled-in defaults: a base for tests to adjust.
    pub fn defaults() -> Result<Self, ConfigError> {
        Self::from_figment(&Figment::from(Toml::string(DEFAULT_TOML)))
    }

    fn from_figment(figment: &Figment) -> Result<Self, ConfigError> {
        let raw: RawSettings = figment.extract().map_err(|err| {
            let first = err.into_iter().next();
            match first {
                Some(e) => {
                    ConfigError::new(&e.path.join("."), e.kind.to_string().replace("\n", " "))
                }
                None => ConfigError::new("configuration", "could not be read"),
            }
        })?;
        raw.validate()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSettings {
    server: RawServer,
    database: RawDatabase,
    auth: RawAuth,
    mail: RawMail,
    queue: RawQueue,
    webhooks: RawWebhooks,
    defaults: RawDefaults,
    log: RawLog,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawServer {
    host: String,
    port: u16,
    public_url: String,
    rate_limit_per_minute: u32,
    trusted_proxies: Vec<String>,
    workers: usize,
    shutdown_timeout_seconds: u64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDatabase {
    url: String,
    pool_size: u32,
    connect_timeout_seconds: u64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAuth {
    jwt_secret: Scalar,
    token_ttl_minutes: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMail {
    transport: String,
    dir: String,
    smtp_host: String,
    smtp_port: u16,
    smtp_tls: String,
    smtp_username: Scalar,
    smtp_password: Scalar,
    from: String,
    smtp_timeout_seconds: u64,
    poll_interval_seconds: u64,
    reminder_offsets_minutes: Vec<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQueue {
    horizon_days: u32,
    min_notice_hours: u32,
    account_limit_days: u32,
    confirm_email: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWebhooks {
    allow_private_targets: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDefaults {
    timezone: String,
    locale: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLog {
    level: String,
    format: String,
}

/// Environment values are typed by their look (`12345` is a number); a secret
/// or user name may look like anything, so take any scalar as text.
#[derive(Deserialize)]
#[serde(untagged)]
enum Scalar {
    Text(String),
    Int(i64),
    Float(f64),
    Bool(bool),
}

impl Scalar {
    fn into_string(self) -> String {
        match self {
            Self::Text(s) => s,
            Self::Int(i) => i.to_string(),
            Self::Float(f) => f.to_string(),
            Self::Bool(b) => b.to_string(),
        }
    }
}

/// True for `localhost`, 127.0.0.0/8 and `::1`.
pub fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

/// True when the listening address only takes connections from this machine
/// (`0.0.0.0` and `::` listen on every interface).
pub fn is_loopback_host(host: &str) -> bool {
    let host = host.trim().trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<IpAddr>()
            .is_ok_and(|ip| crate::net::canonical(ip).is_loopback())
}

fn in_range<T: PartialOrd + fmt::Display + Copy>(
    key: &str,
    value: T,
    min: T,
    max: T,
) -> Result<T, ConfigError> {
    if value < min || value > max {
        return Err(ConfigError::new(
            key,
            format!("{value} is out of range ({min} to {max})"),
        ));
    }
    Ok(value)
}

impl RawSettings {
    fn validate(self) -> Result<Settings, ConfigError> {
        let public_url = url::Url::parse(&self.server.public_url)
            .map_err(|e| ConfigError::new("server.public_url", format!("not a URL: {e}")))?;
        if !matches!(public_url.scheme(), "http" | "https") {
            return Err(ConfigError::new(
                "server.public_url",
                "must start with http:// or https://",
            ));
        }
        if self.server.host.trim().is_empty() {
            return Err(ConfigError::new("server.host", "must not be empty"));
        }
        let server = ServerSettings {
            host: self.server.host,
            port: self.server.port,
            public_url,
            rate_limit_per_minute: self.server.rate_limit_per_minute,
            trusted_proxies: self
                .server
                .trusted_proxies
                .iter()
                .map(|raw| raw.parse::<Cidr>())
                .collect::<Result<_, _>>()
                .map_err(|m| ConfigError::new("server.trusted_proxies", m))?,
            workers: in_range("server.workers", self.server.workers, 0, 256)?,
            shutdown_timeout_seconds: in_range(
                "server.shutdown_timeout_seconds",
                self.server.shutdown_timeout_seconds,
                0,
                3600,
            )?,
        };

        let database = DatabaseSettings {
            url: DatabaseUrl::parse(&self.database.url)
                .map_err(|m| ConfigError::new("database.url", m))?,
            pool_size: in_range("database.pool_size", self.database.pool_size, 1, 512)?,
            connect_timeout_seconds: in_range(
                "database.connect_timeout_seconds",
                self.database.connect_timeout_seconds,
                1,
                600,
            )?,
        };

        let jwt_secret = self.auth.jwt_secret.into_string();
        if jwt_secret.is_empty() {
            return Err(ConfigError::new("auth.jwt_secret", "must not be empty"));
        }
        let local_only = is_loopback(&server.public_url) && is_loopback_host(&server.host);
        if jwt_secret == DEVELOPMENT_JWT_SECRET && !local_only {
            return Err(ConfigError::new(
                "auth.jwt_secret",
                "the published development secret is refused unless server.host and server.public_url are both loopback; set ONETOMANY__AUTH__JWT_SECRET to a long random value",
            ));
        }
        if !local_only && jwt_secret.len() < 32 {
            return Err(ConfigError::new(
                "auth.jwt_secret",
                "must be at least 32 bytes unless server.host and server.public_url are loopback",
            ));
        }
        let auth = AuthSettings {
            jwt_secret: SecretString::from(jwt_secret),
            token_ttl_minutes: in_range(
                "auth.token_ttl_minutes",
                self.auth.token_ttl_minutes,
                1,
                43_200,
            )?,
        };

        let mail = MailSettings {
            transport: match self.mail.transport.as_str() {
                "file" => MailTransport::File,
                "smtp" => MailTransport::Smtp,
                other => {
                    return Err(ConfigError::new(
                        "mail.transport",
                        format!("unknown transport {other:?}: use file or smtp"),
                    ));
                }
            },
            dir: PathBuf::from(self.mail.dir),
            smtp_host: self.mail.smtp_host,
            smtp_port: self.mail.smtp_port,
            smtp_tls: match self.mail.smtp_tls.as_str() {
                "none" => SmtpTls::None,
                "starttls" => SmtpTls::StartTls,
                "tls" => SmtpTls::Tls,
                other => {
                    return Err(ConfigError::new(
                        "mail.smtp_tls",
                        format!("unknown value {other:?}: use none, starttls or tls"),
                    ));
                }
            },
            smtp_username: self.mail.smtp_username.into_string(),
            smtp_password: SecretString::from(self.mail.smtp_password.into_string()),
            smtp_timeout_seconds: in_range(
                "mail.smtp_timeout_seconds",
                self.mail.smtp_timeout_seconds,
                1,
                3600,
            )?,
            from: {
                let from = self.mail.from;
                if !from.contains('@') || from.contains(['\r', '\n']) {
                    return Err(ConfigError::new(
                        "mail.from",
                        "must be an address such as \"Team <noreply@example.com>\"",
                    ));
                }
                from
            },
            poll_interval_seconds: in_range(
                "mail.poll_interval_seconds",
                self.mail.poll_interval_seconds,
                0,
                3600,
            )?,
            reminder_offsets_minutes: {
                let offsets = self.mail.reminder_offsets_minutes;
                if offsets.len() > 5 || offsets.iter().any(|m| !(1..=43_200).contains(m)) {
                    return Err(ConfigError::new(
                        "mail.reminder_offsets_minutes",
                        "give at most 5 offsets, each between 1 and 43200 minutes",
                    ));
                }
                offsets
            },
        };

        let queue = QueueSettings {
            horizon_days: in_range("queue.horizon_days", self.queue.horizon_days, 1, 366)?,
            min_notice_hours: in_range(
                "queue.min_notice_hours",
                self.queue.min_notice_hours,
                0,
                24 * 30,
            )?,
            account_limit_days: in_range(
                "queue.account_limit_days",
                self.queue.account_limit_days,
                0,
                3660,
            )?,
            confirm_email: self.queue.confirm_email,
        };
        let webhooks = WebhookSettings {
            allow_private_targets: self.webhooks.allow_private_targets,
        };

        let defaults = Defaults {
            timezone: self.defaults.timezone.parse::<Tz>().map_err(|_| {
                ConfigError::new(
                    "defaults.timezone",
                    format!(
                        "unknown time zone {:?}: use an IANA name such as Europe/Berlin",
                        self.defaults.timezone
                    ),
                )
            })?,
            locale: Locale::parse(&self.defaults.locale).ok_or_else(|| {
                ConfigError::new(
                    "defaults.locale",
                    format!(
                        "unknown locale {:?}: use one of {}",
                        self.defaults.locale,
                        Locale::ALL_CODES
                    ),
                )
            })?,
        };

        let log = LogSettings {
            level: self.log.level,
            format: match self.log.format.as_str() {
                "text" => LogFormat::Text,
                "json" => LogFormat::Json,
                other => {
                    return Err(ConfigError::new(
                        "log.format",
                        format!("unknown format {other:?}: use text or json"),
                    ));
                }
            },
        };

        Ok(Settings {
            server,
            database,
            auth,
            mail,
            queue,
            webhooks,
            defaults,
            log,
        })
    }
}

#[cfg(test)]
mod tests {
    use secrecy::ExposeSecret;

    use super::*;

    fn with(toml: &str) -> Result<Settings, ConfigError> {
        Settings::from_figment(&Figment::from(Toml::string(DEFAULT_TOML)).merge(Toml::string(toml)))
    }

    #[test]
    fn compiled_defaults_are_valid() {
        let s = Settings::defaults().expect("defaults load");
        assert_eq!(s.server.port, 8080);
        assert_eq!(
            s.database.url,
            DatabaseUrl::Sqlite(PathBuf::from("data/onetomany.db"))
        );
        assert_eq!(s.mail.transport, MailTransport::File);
    }

    #[test]
    fn a_file_layer_overrides_defaults() {
        let s = with("[server]\nport = 9999\n").expect("valid");
        assert_eq!(s.server.port, 9999);
        assert_eq!(s.server.host, "127.0.0.1");
    }

    #[test]
    fn bad_values_name_their_key() {
        let cases = [
            ("[database]\nurl = \"mysql://x\"\n", "database.url"),
            ("[server]\nport = 70000\n", "server.port"),
            ("[server]\nport = \"http\"\n", "server.port"),
            (
                "[defaults]\ntimezone = \"Mars/Olympus\"\n",
                "defaults.timezone",
            ),
            ("[mail]\ntransport = \"pigeon\"\n", "mail.transport"),
            ("[server]\nprot = 1\n", "server"),
            (
                "[server]\ntrusted_proxies = [\"10.0.0.0/40\"]\n",
                "server.trusted_proxies",
            ),
            (
                "[mail]\nsmtp_timeout_seconds = 0\n",
                "mail.smtp_timeout_seconds",
            ),
            ("[webhooks]\nallow_private_targets = \"x\"\n", "webhooks"),
        ];
        for (toml, key) in cases {
            let err = with(toml).expect_err(toml);
            assert!(err.key.starts_with(key), "{toml}: got key {}", err.key);
        }
    }

    #[test]
    fn development_secret_is_refused_off_loopback() {
        let err = with("[server]\npublic_url = \"https://cs.example.com\"\n").expect_err("refused");
        assert_eq!(err.key, "auth.jwt_secret");
        with("[server]\npublic_url = \"http://localhost:8080\"\n").expect("loopback is fine");
        // Listening on every interface reaches beyond this machine.
        for host in ["0.0.0.0", "::", "192.0.2.10"] {
            let err = with(&format!("[server]\nhost = \"{host}\"\n")).expect_err(host);
            assert_eq!(err.key, "auth.jwt_secret", "{host}");
        }
        for host in ["127.0.0.1", "::1", "localhost", "127.0.0.2"] {
            with(&format!("[server]\nhost = \"{host}\"\n")).expect(host);
        }
        with(
            "[server]\npublic_url = \"https://cs.example.com\"\n[auth]\njwt_secret = \"a-long-production-secret-of-at-least-32-bytes\"\n",
        )
        .expect("a real secret is fine");
    }

    #[test]
    fn secrets_are_not_printed() {
        let s = Settings::defaults().expect("defaults");
        let printed = format!("{s:?}");
        assert!(!printed.contains(DEVELOPMENT_JWT_SECRET));

        let jwt = "a-long-production-secret-of-at-least-32-bytes";
        let smtp = "smtp-password-that-must-stay-hidden";
        let s = with(&format!(
            "[auth]\njwt_secret = \"{jwt}\"\n[mail]\nsmtp_password = \"{smtp}\"\n"
        ))
        .expect("valid");
        let printed = format!("{s:?}");
        assert!(!printed.contains(jwt), "{printed}");
        assert!(!printed.contains(smtp), "{printed}");
        assert!(printed.contains("REDACTED"), "{printed}");
        assert_eq!(s.auth.jwt_secret.expose_secret(), jwt);
        assert_eq!(s.mail.smtp_password.expose_secret(), smtp);
    }
}
