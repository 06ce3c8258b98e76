//! `[mail]`: how mail leaves (files for development, SMTP for real), the
//! sender, and when reminders go out.

use std::path::PathBuf;

use secrecy::SecretString;
use serde::Deserialize;

use super::{ConfigError, Scalar, in_range};

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
    /// Never printed (`Debug` shows `[REDACTED]`).
    pub smtp_password: SecretString,
    pub from: String,
    /// Bound on each SMTP step.
    pub smtp_timeout_seconds: u64,
    pub poll_interval_seconds: u64,
    pub reminder_offsets_minutes: Vec<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMail {
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

impl RawMail {
    pub(super) fn validate(self) -> Result<MailSettings, ConfigError> {
        Ok(MailSettings {
            transport: match self.transport.as_str() {
                "file" => MailTransport::File,
                "smtp" => MailTransport::Smtp,
                other => {
                    return Err(ConfigError::new(
                        "mail.transport",
                        format!("unknown transport {other:?}: use file or smtp"),
                    ));
                }
            },
            dir: PathBuf::from(self.dir),
            smtp_host: self.smtp_host,
            smtp_port: self.smtp_port,
            smtp_tls: match self.smtp_tls.as_str() {
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
            smtp_username: self.smtp_username.into_string(),
            smtp_password: SecretString::from(self.smtp_password.into_string()),
            smtp_timeout_seconds: in_range(
                "mail.smtp_timeout_seconds",
                self.smtp_timeout_seconds,
                1,
                3600,
            )?,
            from: {
                let from = self.from;
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
                self.poll_interval_seconds,
                0,
                3600,
            )?,
            reminder_offsets_minutes: {
                let offsets = self.reminder_offsets_minutes;
                if offsets.len() > 5 || offsets.iter().any(|m| !(1..=43_200).contains(m)) {
                    return Err(ConfigError::new(
                        "mail.reminder_offsets_minutes",
                        "give at most 5 offsets, each between 1 and 43200 minutes",
                    ));
                }
                offsets
            },
        })
    }
}
