//! `[database]`: the URL that chooses the backend at run time, and the pool.

use std::path::PathBuf;

use serde::Deserialize;

use super::{ConfigError, in_range};

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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDatabase {
    url: String,
    pool_size: u32,
    connect_timeout_seconds: u64,
}

impl RawDatabase {
    pub(super) fn validate(self) -> Result<DatabaseSettings, ConfigError> {
        Ok(DatabaseSettings {
            url: DatabaseUrl::parse(&self.url).map_err(|m| ConfigError::new("database.url", m))?,
            pool_size: in_range("database.pool_size", self.pool_size, 1, 512)?,
            connect_timeout_seconds: in_range(
                "database.connect_timeout_seconds",
                self.connect_timeout_seconds,
                1,
                600,
            )?,
        })
    }
}
