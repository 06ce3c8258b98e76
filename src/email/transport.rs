//! Where finished messages go: `.eml` files (the default) or an SMTP server,
//! and webhook bodies over HTTP. Every SMTP exchange for one message
//! (connect, greeting, each command, the data, the answer to it) must end
//! within `mail.smtp_timeout_seconds`, so a server that accepts and then says
//! nothing cannot hold the worker: the message stays pending and is retried.

use std::path::PathBuf;
use std::time::Duration;

use lettre::Address;
use lettre::address::Envelope;
use lettre::transport::smtp::authentication::{Credentials, DEFAULT_MECHANISMS};
use lettre::transport::smtp::client::{AsyncSmtpConnection, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use secrecy::ExposeSecret;
use tokio::time::{Instant, timeout_at};

/// The whole message may take this many step timeouts: a server may take a
/// while to answer the final "." (RFC 5321 allows minutes), and a message
/// reported failed after it was accepted would go out twice.
const TOTAL_STEPS: u32 = 4;

use chrono::{DateTime, Utc};

use crate::config::{MailSettings, MailTransport, Settings, SmtpTls};

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

    /// The longest one delivery can take before it gives up.
    pub fn bound(&self) -> Duration {
        match &self.mail {
            MailTransportKind::Smtp { server, .. } => {
                (server.timeout * TOTAL_STEPS).max(crate::webhook::DELIVERY_TIMEOUT)
            }
            MailTransportKind::File { .. } => crate::webhook::DELIVERY_TIMEOUT,
        }
    }

    /// Delivers one written message; the error text goes into the
    /// attempt log.
    pub async fn deliver_mail(
        &self,
        id: &str,
        recipient: &str,
        message: &str,
    ) -> Result<(), String> {
        self.mail.deliver(id, recipient, message).await
    }

    /// Delivers one webhook body, signed with `secret`.
    pub async fn deliver_webhook(
        &self,
        id: &str,
        url: &str,
        secret: &str,
        body: &str,
        now: DateTime<Utc>,
    ) -> Result<(), String> {
        crate::webhook::deliver(
            &self.http,
            self.allow_private_targets,
            id,
            url,
            secret,
            body,
            now,
        )
        .await
    }
}

pub enum MailTransportKind {
    /// Writes `<outbox id>.eml` into the folder (rewriting the same file if a
    /// message is ever delivered twice).
    File {
        dir: PathBuf,
    },
    Smtp {
        server: SmtpServer,
        from: Address,
    },
}

/// An SMTP server and how to talk to it. Each message gets its own
/// connection: one cut off mid-exchange is closed, never reused.
pub struct SmtpServer {
    host: String,
    port: u16,
    tls: SmtpTls,
    tls_parameters: Option<TlsParameters>,
    credentials: Option<Credentials>,
    hello: ClientId,
    timeout: Duration,
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
                let host = settings.smtp_host.clone();
                let tls_parameters = match settings.smtp_tls {
                    SmtpTls::None => None,
                    SmtpTls::StartTls | SmtpTls::Tls => Some(
                        TlsParameters::new(host.clone())
                            .map_err(|e| format!("invalid configuration: mail.smtp_tls: {e}"))?,
                    ),
                };
                let credentials = (!settings.smtp_username.is_empty()).then(|| {
                    Credentials::new(
                        settings.smtp_username.clone(),
                        settings.smtp_password.expose_secret().to_owned(),
                    )
                });
                Ok(Self::Smtp {
                    server: SmtpServer {
                        host,
                        port: settings.smtp_port,
                        tls: settings.smtp_tls,
                        tls_parameters,
                        credentials,
                        hello: ClientId::default(),
                        timeout: Duration::from_secs(settings.smtp_timeout_seconds),
                    },
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
            Self::Smtp { server, from } => {
                let to: Address = recipient.parse().map_err(|e| format!("recipient: {e}"))?;
                let envelope = Envelope::new(Some(from.clone()), vec![to])
                    .map_err(|e| format!("envelope: {e}"))?;
                server.send(&envelope, message.as_bytes()).await
            }
        }
    }
}

impl SmtpServer {
    /// One message over a fresh connection, every step before one deadline.
    /// Dropping a step's future closes the socket, so nothing is left
    /// waiting on a silent server.
    async fn send(&self, envelope: &Envelope, message: &[u8]) -> Result<(), String> {
        // Each socket read and write is bounded by the timeout (lettre), each
        // step too, and the whole message by a few of them.
        let deadline = Instant::now() + self.timeout * TOTAL_STEPS;
        let step_deadline = || deadline.min(Instant::now() + self.timeout);
        let seconds = self.timeout.as_secs();
        let step = |what: &'static str| {
            move |_| format!("smtp: no answer to the {what} within {seconds} s")
        };
        let wrapper = match self.tls {
            SmtpTls::Tls => self.tls_parameters.clone(),
            SmtpTls::None | SmtpTls::StartTls => None,
        };
        let mut conn = timeout_at(
            step_deadline(),
            AsyncSmtpConnection::connect_tokio1(
                (self.host.as_str(), self.port),
                Some(self.timeout),
                &self.hello,
                wrapper,
                None,
            ),
        )
        .await
        .map_err(step("connection (greeting, EHLO)"))?
        .map_err(|e| format!("smtp: {e}"))?;
        if let (SmtpTls::StartTls, Some(parameters)) = (self.tls, &self.tls_parameters) {
            timeout_at(
                step_deadline(),
                conn.starttls(parameters.clone(), &self.hello),
            )
            .await
            .map_err(step("STARTTLS"))?
            .map_err(|e| format!("smtp: {e}"))?;
        }
        if let Some(credentials) = &self.credentials {
            timeout_at(step_deadline(), conn.auth(DEFAULT_MECHANISMS, credentials))
                .await
                .map_err(step("AUTH"))?
                .map_err(|e| format!("smtp: {e}"))?;
        }
        timeout_at(deadline, conn.send(envelope, message))
            .await
            .map_err(|_| {
                format!(
                    "smtp: the message (MAIL, RCPT, DATA) was not accepted within {} s",
                    seconds * u64::from(TOTAL_STEPS)
                )
            })?
            .map_err(|e| format!("smtp: {e}"))?;
        // The message is accepted: a slow goodbye must not make it a failure
        // (and a second copy), nor can a stop cancel it now.
        let bound = self.timeout;
        tokio::spawn(async move {
            let _ = tokio::time::timeout(bound, conn.quit()).await;
        });
        Ok(())
    }
}
