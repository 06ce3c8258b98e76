//! Where finished messages go: `.eml` files (the default) or an SMTP server.

use std::path::PathBuf;

use lettre::address::Envelope;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{Address, AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use chrono::{DateTime, Utc};

use crate::config::{MailSettings, MailTransport, Settings, SmtpTls};
use crate::db::outbox::OutboxRow;

/// Where the outbox delivers: e-mail through `mail`, webhooks over `http`.
pub struct Transport {
    pub mail: MailTransportKind,
    pub http: reqwest::Client,
    /// `webhooks.allow_private_targets`.
    pub allow_private_targets: bool,
}

impl Transport {
    pub fn from_settings(settings: &Settings) -> Result<Self, String> {
        let allow_private_targets = settings.webhooks.allow_private_targets;
        Ok(Self {
            mail: MailTransportKind::from_settings(&settings.mail)?,
            http: crate::webhook::client(allow_private_targets),
            allow_private_targets,
        })
    }

    /// Delivers one stored message or webhook body; the error text goes
    /// into the attempt log.
    pub async fn deliver(
        &self,
        row: &OutboxRow,
        secret: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<(), String> {
        match row.channel.as_str() {
            "webhook" => {
                let secret = secret.ok_or("the webhook was removed")?;
                crate::webhook::deliver(
                    &self.http,
                    self.allow_private_targets,
                    &row.id,
                    &row.recipient,
                    secret,
                    &row.message,
                    now,
                )
                .await
            }
            _ => {
                self.mail
                    .deliver(&row.id, &row.recipient, &row.message)
                    .await
            }
        }
    }
}

pub enum MailTransportKind {
    /// Writes `<outbox id>.eml` into the folder (rewriting the same file if a
    /// message is ever delivered twice).
    File { dir: PathBuf },
    Smtp {
        mailer: AsyncSmtpTransport<Tokio1Executor>,
        from: Address,
    },
}

impl MailTransportKind {
    pub fn from_settings(settings: &MailSettings) -> Result<Self, String> {
        let from: lettre::message::Mailbox = settings
            .from
            .parse()
            .map_err(|e| format!("invalid configuration: mail.from: {e}"))?;
        match settings.transport {
            MailTransport::File => Ok(Self::File {
                dir: settings.dir.clone(),
            }),
            MailTransport::Smtp => {
                let host = settings.smtp_host.as_str();
                let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
                    .port(settings.smtp_port)
                    .timeout(Some(std::time::Duration::from_secs(20)));
                let tls = || {
                    TlsParameters::new(host.to_owned())
                        .map_err(|e| format!("invalid configuration: mail.smtp_tls: {e}"))
                };
                builder = match settings.smtp_tls {
                    SmtpTls::None => builder.tls(Tls::None),
                    SmtpTls::StartTls => builder.tls(Tls::Required(tls()?)),
                    SmtpTls::Tls => builder.tls(Tls::Wrapper(tls()?)),
                };
                if !settings.smtp_username.is_empty() {
                    builder = builder.credentials(Credentials::new(
                        settings.smtp_username.clone(),
                        settings.smtp_password.expose().to_owned(),
                    ));
                }
                Ok(Self::Smtp {
                    mailer: builder.build(),
                    from: from.email,
                })
            }
        }
    }

    /// Delivers one stored message.
    pub async fn deliver(&self, id: &str, recipient: &str, message: &str) -> Result<(), String> {
        match self {
            Self::File { dir } => {
                tokio::fs::create_dir_all(dir)
                    .await
                    .map_err(|e| format!("mail folder: {e}"))?;
                let tmp = dir.join(format!(".{id}.eml.tmp"));
                tokio::fs::write(&tmp, message)
                    .await
                    .map_err(|e| format!("writing mail: {e}"))?;
                tokio::fs::rename(&tmp, dir.join(format!("{id}.eml")))
                    .await
                    .map_err(|e| format!("writing mail: {e}"))
            }
            Self::Smtp { mailer, from } => {
                let to: Address = recipient.parse().map_err(|e| format!("recipient: {e}"))?;
                let envelope = Envelope::new(Some(from.clone()), vec![to])
                    .map_err(|e| format!("envelope: {e}"))?;
                mailer
                    .send_raw(&envelope, message.as_bytes())
                    .await
                    .map(|_| ())
                    .map_err(|e| format!("smtp: {e}"))
            }
        }
    }
}
