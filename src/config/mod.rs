//! The typed configuration: compiled-in defaults, then `config/default.toml`,
//! then the file named by `ONETOMANY_CONFIG`, then `ONETOMANY__A__B` variables.
//! Every value is checked once here; a bad one stops the start with one line
//! that names its key. One file per section of the TOML.

mod auth;
mod database;
mod log;
mod mail;
mod server;
mod service;

use std::fmt;
use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::{Env, Format, Toml};
use serde::Deserialize;

pub use auth::{AuthSettings, DEVELOPMENT_JWT_SECRET};
pub use database::{DatabaseSettings, DatabaseUrl};
pub use log::{LogFormat, LogSettings};
pub use mail::{MailSettings, MailTransport, SmtpTls};
pub use server::{ServerSettings, is_loopback, is_loopback_host};
pub use service::{CalendarSettings, Defaults, QueueSettings, WebhookSettings};

/// The defaults, compiled in so the binary also starts outside the checkout.
pub const DEFAULT_TOML: &str = include_str!("../../config/default.toml");

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
    pub calendars: CalendarSettings,
    pub defaults: Defaults,
    pub log: LogSettings,
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
    server: server::RawServer,
    database: database::RawDatabase,
    auth: auth::RawAuth,
    mail: mail::RawMail,
    queue: service::RawQueue,
    webhooks: service::RawWebhooks,
    #[serde(default)]
    calendars: service::RawCalendars,
    defaults: service::RawDefaults,
    log: log::RawLog,
}

impl RawSettings {
    /// Sections are checked in file order, so the first bad key is reported.
    fn validate(self) -> Result<Settings, ConfigError> {
        let server = self.server.validate()?;
        let database = self.database.validate()?;
        let auth = self.auth.validate(&server)?;
        Ok(Settings {
            database,
            auth,
            mail: self.mail.validate()?,
            queue: self.queue.validate()?,
            webhooks: self.webhooks.validate(),
            calendars: self.calendars.validate()?,
            defaults: self.defaults.validate()?,
            log: self.log.validate()?,
            server,
        })
    }
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
            (
                "[calendars]\nfetch_interval_secs = 5\n",
                "calendars.fetch_interval_secs",
            ),
        ];
        for (toml, key) in cases {
            let err = with(toml).expect_err(toml);
            assert!(err.key.starts_with(key), "{toml}: got key {}", err.key);
        }
    }

    #[test]
    fn busy_calendars_are_fetched_every_fifteen_minutes_by_default() {
        let s = with("").expect("defaults");
        assert_eq!(s.calendars.fetch_interval_secs, 900);
        let s = with("[calendars]\nfetch_interval_secs = 120\n").expect("valid");
        assert_eq!(s.calendars.fetch_interval_secs, 120);
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
