//! `[log]`: the tracing filter and the line format.

use serde::Deserialize;

use super::ConfigError;

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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLog {
    level: String,
    format: String,
}

impl RawLog {
    pub(super) fn validate(self) -> Result<LogSettings, ConfigError> {
        Ok(LogSettings {
            level: self.level,
            format: match self.format.as_str() {
                "text" => LogFormat::Text,
                "json" => LogFormat::Json,
                other => {
                    return Err(ConfigError::new(
                        "log.format",
                        format!("unknown format {other:?}: use text or json"),
                    ));
                }
            },
        })
    }
}
