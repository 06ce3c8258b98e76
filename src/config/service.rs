//! `[queue]`, `[webhooks]` and `[defaults]`: the rules the service applies
//! to customers' requests, and the zone and language it falls back to.

use chrono_tz::Tz;
use serde::Deserialize;

use super::{ConfigError, in_range};
use crate::domain::locale::Locale;

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
pub struct CalendarSettings {
    /// How often each CSM's busy calendar (ICS feed) is fetched again.
    pub fetch_interval_secs: u32,
}

#[derive(Debug, Clone)]
pub struct Defaults {
    pub timezone: Tz,
    pub locale: Locale,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawQueue {
    horizon_days: u32,
    min_notice_hours: u32,
    account_limit_days: u32,
    confirm_email: bool,
}

impl RawQueue {
    pub(super) fn validate(self) -> Result<QueueSettings, ConfigError> {
        Ok(QueueSettings {
            horizon_days: in_range("queue.horizon_days", self.horizon_days, 1, 366)?,
            min_notice_hours: in_range(
                "queue.min_notice_hours",
                self.min_notice_hours,
                0,
                24 * 30,
            )?,
            account_limit_days: in_range(
                "queue.account_limit_days",
                self.account_limit_days,
                0,
                3660,
            )?,
            confirm_email: self.confirm_email,
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawWebhooks {
    allow_private_targets: bool,
}

impl RawWebhooks {
    pub(super) fn validate(self) -> WebhookSettings {
        WebhookSettings {
            allow_private_targets: self.allow_private_targets,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCalendars {
    fetch_interval_secs: u32,
}

impl Default for RawCalendars {
    fn default() -> Self {
        Self {
            fetch_interval_secs: 900,
        }
    }
}

impl RawCalendars {
    pub(super) fn validate(self) -> Result<CalendarSettings, ConfigError> {
        Ok(CalendarSettings {
            fetch_interval_secs: in_range(
                "calendars.fetch_interval_secs",
                self.fetch_interval_secs,
                60,
                7 * 24 * 3600,
            )?,
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDefaults {
    timezone: String,
    locale: String,
}

impl RawDefaults {
    pub(super) fn validate(self) -> Result<Defaults, ConfigError> {
        Ok(Defaults {
            timezone: self.timezone.parse::<Tz>().map_err(|_| {
                ConfigError::new(
                    "defaults.timezone",
                    format!(
                        "unknown time zone {:?}: use an IANA name such as Europe/Berlin",
                        self.timezone
                    ),
                )
            })?,
            locale: Locale::parse(&self.locale).ok_or_else(|| {
                ConfigError::new(
                    "defaults.locale",
                    format!(
                        "unknown locale {:?}: use one of {}",
                        self.locale,
                        Locale::ALL_CODES
                    ),
                )
            })?,
        })
    }
}
