//! Composes each e-mail completely (text, HTML, and for invitations the
//! `text/calendar` part plus an `.ics` attachment) so the outbox stores the
//! finished message, written in the same transaction as the booking.

use std::ops::Deref;

use askama::Template;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use lettre::Message;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};

use super::ics::{self, CalendarEvent, Method};
use crate::auth::JwtKeys;
use crate::config::Settings;
use crate::error::AppError;

/// Every kind of session e-mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailKind {
    Invite,
    Promoted,
    Updated,
    Cancelled,
    WebinarCancelled,
    Waitlisted,
    LeftWaitlist,
    Reminder,
    /// Queue: waiting for an hour, with a position.
    Queued,
    /// Queue: the customer's hour with a CSM.
    Appointment,
    /// Queue: the same hour, for the CSM.
    AppointmentForHost,
    /// Queue: the hour is off (to the customer).
    AppointmentCancelled,
    /// Queue: the hour is off (to the CSM).
    AppointmentCancelledForHost,
    /// Queue: "did you ask for this?", with the confirmation link.
    QueueConfirm,
}

impl MailKind {
    /// The outbox `topic`.
    pub fn topic(self) -> &'static str {
        match self {
            Self::Invite => "invite",
            Self::Promoted => "promoted",
            Self::Updated => "update",
            Self::Cancelled => "cancel",
            Self::WebinarCancelled => "webinar_cancelled",
            Self::Waitlisted => "waitlist",
            Self::LeftWaitlist => "left_waitlist",
            Self::Reminder => "reminder",
            Self::Queued => "queued",
            Self::Appointment => "appointment",
            Self::AppointmentForHost => "appointment_host",
            Self::AppointmentCancelled => "appointment_cancel",
            Self::AppointmentCancelledForHost => "appointment_cancel_host",
            Self::QueueConfirm => "queue_confirm",
        }
    }

    fn method(self) -> Option<Method> {
        match self {
            Self::Invite
            | Self::Promoted
            | Self::Updated
            | Self::Appointment
            | Self::AppointmentForHost => Some(Method::Request),
            Self::Cancelled
            | Self::WebinarCancelled
            | Self::AppointmentCancelled
            | Self::AppointmentCancelledForHost => Some(Method::Cancel),
            Self::Waitlisted
            | Self::LeftWaitlist
            | Self::Reminder
            | Self::Queued
            | Self::QueueConfirm => None,
        }
    }

    /// Mails that carry the link to manage the booking. Never a staff
    /// copy: whoever reads the CSM's mail must not be able to cancel or move
    /// the customer's hour (staff act through their login).
    fn has_manage_link(self) -> bool {
        !matches!(
            self,
            Self::Cancelled
                | Self::WebinarCancelled
                | Self::LeftWaitlist
                | Self::AppointmentForHost
                | Self::AppointmentCancelledForHost
                | Self::QueueConfirm
        )
    }
}

/// The manage-token `kind` of a queue confirmation token: it confirms the
/// request and nothing else.
pub const CONFIRM_KIND: &str = "queue_confirm";

/// Which kind of session a mail is about: it decides the iCalendar UID and
/// where the manage link points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionKind {
    Webinar,
    Appointment,
}

impl SessionKind {
    fn uid_prefix(self) -> &'static str {
        match self {
            Self::Webinar => "webinar",
            Self::Appointment => "appointment",
        }
    }

    /// The kind of booking the recipient manages (the manage token's `kind`).
    pub fn booking(self) -> &'static str {
        match self {
            Self::Webinar => "registration",
            Self::Appointment => "queue",
        }
    }
}

/// The session a mail is about.
#[derive(Debug, Clone)]
pub struct SessionInfo {
    pub kind: SessionKind,
    pub id: String,
    pub title: String,
    pub description: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub join_url: Option<String>,
    pub sequence: i32,
    pub host_name: String,
    pub host_email: String,
    /// Queue hours: what the customer wants to discuss.
    pub topic: String,
    pub situation: String,
    /// Queue hours: the customer's name (for the CSM's copy).
    pub customer: String,
}

/// Who a mail goes to, and the booking it is about.
#[derive(Debug, Clone)]
pub struct Recipient {
    pub booking_id: String,
    pub email: String,
    pub name: String,
    pub timezone: Tz,
    /// For waiting-list mails.
    pub waitlist_position: Option<i64>,
    /// For reminders: minutes before the start.
    pub reminder_minutes: Option<i64>,
}

/// A finished message for the outbox.
#[derive(Debug, Clone)]
pub struct Composed {
    pub topic: &'static str,
    pub recipient: String,
    pub message: String,
}

#[derive(Template)]
#[template(path = "email/subject.txt")]
struct View<'a> {
    kind: MailKind,
    name: &'a str,
    title: &'a str,
    host: &'a str,
    when: String,
    zone: &'a str,
    join_url: Option<&'a str>,
    manage_url: Option<String>,
    /// Queue confirmations: the link, and until when it works.
    confirm_url: Option<String>,
    position: i64,
    reminder: String,
    topic: &'a str,
    situation: &'a str,
    customer: &'a str,
}

#[derive(Template)]
#[template(path = "email/message.txt")]
struct TextBody<'a>(&'a View<'a>);

#[derive(Template)]
#[template(path = "email/message.html")]
struct HtmlBody<'a>(&'a View<'a>);

impl<'a> Deref for TextBody<'a> {
    type Target = View<'a>;
    fn deref(&self) -> &View<'a> {
        self.0
    }
}

impl<'a> Deref for HtmlBody<'a> {
    type Target = View<'a>;
    fn deref(&self) -> &View<'a> {
        self.0
    }
}

/// "Tuesday, 5 January 2027, 10:00–11:00" in the reader's zone.
pub fn local_when(starts_at: DateTime<Utc>, ends_at: DateTime<Utc>, zone: Tz) -> String {
    let start = starts_at.with_timezone(&zone);
    let end = ends_at.with_timezone(&zone);
    if start.date_naive() == end.date_naive() {
        format!(
            "{}–{}",
            start.format("%A, %-d %B %Y, %H:%M"),
            end.format("%H:%M")
        )
    } else {
        format!(
            "{} – {}",
            start.format("%A, %-d %B %Y, %H:%M"),
            end.format("%A, %-d %B %Y, %H:%M")
        )
    }
}

fn in_words(minutes: i64) -> String {
    match minutes {
        m if m % 1440 == 0 && m >= 2880 => format!("in {} days", m / 1440),
        1440 => "in 24 hours".into(),
        60 => "in 1 hour".into(),
        m if m % 60 == 0 => format!("in {} hours", m / 60),
        m => format!("in {m} minutes"),
    }
}

fn render_err(e: impl std::fmt::Display) -> AppError {
    AppError::internal(format!("mail template: {e}"))
}

pub struct Composer {
    from: Mailbox,
    public_url: url::Url,
    uid_host: String,
    keys: JwtKeys,
}

impl Composer {
    pub fn new(settings: &Settings, keys: JwtKeys) -> Result<Self, String> {
        let from: Mailbox = settings
            .mail
            .from
            .parse()
            .map_err(|e| format!("invalid configuration: mail.from: {e}"))?;
        let uid_host = settings
            .server
            .public_url
            .host_str()
            .unwrap_or("onetomany.invalid")
            .to_owned();
        Ok(Self {
            from,
            public_url: settings.server.public_url.clone(),
            uid_host,
            keys,
        })
    }

    /// The iCalendar UID of a session: the same in every message about it.
    pub fn uid(&self, kind: SessionKind, id: &str) -> String {
        format!("{}-{id}@{}", kind.uid_prefix(), self.uid_host)
    }

    /// A link with a manage token (valid for a while after the session).
    pub fn manage_url(
        &self,
        kind: &str,
        id: &str,
        session_end: DateTime<Utc>,
    ) -> Result<String, AppError> {
        let token = self.keys.issue_manage_for_session(kind, id, session_end)?;
        let path = match kind {
            "queue" => format!("api/v1/queue/{id}"),
            other => format!("api/v1/{other}s/{id}"),
        };
        let mut url = self.public_url.join(&path).map_err(AppError::internal)?;
        url.query_pairs_mut().append_pair("token", &token);
        Ok(url.to_string())
    }

    /// The link in a queue confirmation mail: the request's address with a
    /// token that can only confirm it (not manage it), valid until
    /// `confirm_by`. Opening it shows the request; confirming is a POST to
    /// `…/confirm` with the same token, so a mail scanner that follows
    /// links confirms nothing.
    pub fn confirm_url(&self, id: &str, confirm_by: DateTime<Utc>) -> Result<String, AppError> {
        let token = self.keys.issue_purpose(CONFIRM_KIND, id, confirm_by)?;
        let mut url = self
            .public_url
            .join(&format!("api/v1/queue/{id}"))
            .map_err(AppError::internal)?;
        url.query_pairs_mut().append_pair("token", &token);
        Ok(url.to_string())
    }

    /// The manage token alone, for the API response.
    pub fn manage_token(
        &self,
        kind: &str,
        id: &str,
        session_end: DateTime<Utc>,
    ) -> Result<String, AppError> {
        self.keys.issue_manage_for_session(kind, id, session_end)
    }

    /// The "add to calendar" file: PUBLISH, no attendee.
    pub fn public_ics(&self, session: &SessionInfo, now: DateTime<Utc>) -> String {
        let uid = self.uid(session.kind, &session.id);
        ics::render(
            &self.calendar_event(session, &uid, None, &session.description),
            Method::Publish,
            now,
        )
    }

    fn calendar_event<'a>(
        &self,
        session: &'a SessionInfo,
        uid: &'a str,
        attendee: Option<(&'a str, &'a str)>,
        description: &'a str,
    ) -> CalendarEvent<'a> {
        CalendarEvent {
            uid,
            sequence: u32::try_from(session.sequence).unwrap_or(0),
            starts_at: session.starts_at,
            ends_at: session.ends_at,
            summary: &session.title,
            description,
            location: session.join_url.as_deref(),
            organizer_name: &session.host_name,
            organizer_email: &session.host_email,
            attendee,
        }
    }

    pub fn compose(
        &self,
        kind: MailKind,
        session: &SessionInfo,
        to: &Recipient,
        now: DateTime<Utc>,
    ) -> Result<Composed, AppError> {
        let manage_url = if kind.has_manage_link() {
            Some(self.manage_url(session.kind.booking(), &to.booking_id, session.ends_at)?)
        } else {
            None
        };
        // A confirmation mail is about the request itself: its "session"
        // ends when the request lapses.
        let confirm_url = if kind == MailKind::QueueConfirm {
            Some(self.confirm_url(&to.booking_id, session.ends_at)?)
        } else {
            None
        };
        let view = View {
            kind,
            name: &to.name,
            title: &session.title,
            host: &session.host_name,
            when: if kind == MailKind::QueueConfirm {
                session
                    .ends_at
                    .with_timezone(&to.timezone)
                    .format("%A, %-d %B %Y, %H:%M")
                    .to_string()
            } else {
                local_when(session.starts_at, session.ends_at, to.timezone)
            },
            zone: to.timezone.name(),
            join_url: match kind {
                MailKind::Invite | MailKind::Promoted | MailKind::Updated | MailKind::Reminder => {
                    session.join_url.as_deref()
                }
                _ => None,
            },
            manage_url,
            confirm_url,
            position: to.waitlist_position.unwrap_or(0),
            reminder: in_words(to.reminder_minutes.unwrap_or(0)),
            topic: &session.topic,
            situation: &session.situation,
            customer: &session.customer,
        };
        let subject = view.render().map_err(render_err)?;
        let text = TextBody(&view).render().map_err(render_err)?;
        let html = HtmlBody(&view).render().map_err(render_err)?;

        let alternative = MultiPart::alternative()
            .singlepart(SinglePart::plain(text))
            .singlepart(SinglePart::html(html));
        let body = match kind.method() {
            None => alternative,
            Some(method) => {
                let uid = self.uid(session.kind, &session.id);
                let mut description = session.description.clone();
                if let Some(url) = &session.join_url {
                    description.push_str(&format!("\n\nJoin: {url}"));
                }
                if let Some(url) = &view.manage_url {
                    description.push_str(&format!("\nManage your booking: {url}"));
                }
                let event =
                    self.calendar_event(session, &uid, Some((&to.name, &to.email)), &description);
                let calendar = ics::render(&event, method, now);
                let inline_type = ContentType::parse(&format!(
                    "text/calendar; charset=utf-8; method={}",
                    method.as_str()
                ))
                .map_err(AppError::internal)?;
                let file_type =
                    ContentType::parse("application/ics").map_err(AppError::internal)?;
                MultiPart::mixed()
                    .multipart(
                        alternative.singlepart(
                            SinglePart::builder()
                                .header(inline_type)
                                .body(calendar.clone()),
                        ),
                    )
                    .singlepart(Attachment::new("invite.ics".to_owned()).body(calendar, file_type))
            }
        };

        // A confirmation goes to an address nobody has shown to be theirs:
        // it carries nothing the requester typed, not even the name.
        let unverified = kind == MailKind::QueueConfirm;
        let to_box = Mailbox::new(
            (!unverified).then(|| to.name.clone()),
            to.email.parse().map_err(AppError::internal)?,
        );
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to_box)
            .subject(subject)
            .date(now.into());
        if let Ok(host) = session.host_email.parse() {
            builder = builder.reply_to(Mailbox::new(Some(session.host_name.clone()), host));
        }
        let message = builder.multipart(body).map_err(AppError::internal)?;
        let message = String::from_utf8(message.formatted()).map_err(AppError::internal)?;
        Ok(Composed {
            topic: kind.topic(),
            recipient: to.email.clone(),
            message,
        })
    }
}
