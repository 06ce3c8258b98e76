//! Writes each e-mail at delivery, in its reader's language and time zone:
//! text and HTML (with `lang`, and `dir="rtl"` for Arabic), and for
//! invitations the `text/calendar` part plus an `.ics` attachment. Every
//! word comes from the translation files (`locales/<lang>/mail.ftl`).

use askama::Template;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use fluent_bundle::FluentValue;
use lettre::Message;
use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};

use super::ics::{self, CalendarEvent, Method};
use crate::auth::JwtKeys;
use crate::config::Settings;
use crate::domain::locale::Locale;
use crate::domain::mail::{MailJob, MailKind, SessionInfo, SessionKind};
use crate::i18n::{self, dates};

/// Why a mail could not be written. Each is retried like a failed send
/// (and logged without the recipient).
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error(transparent)]
    Text(#[from] i18n::I18nError),
    #[error(transparent)]
    Date(#[from] dates::DateError),
    #[error("mail template: {0}")]
    Template(#[from] askama::Error),
    #[error("link: {0}")]
    Link(String),
    #[error("message: {0}")]
    Build(String),
}

/// The manage-token `kind` of a queue confirmation token: it confirms the
/// request and nothing else.
pub const CONFIRM_KIND: &str = "queue_confirm";
/// The purpose of the rating links in the follow-up mail.
pub const RATING_KIND: &str = "rating";
/// How long after the session its rating links work.
pub const RATING_DAYS: i64 = 30;

fn method(kind: MailKind) -> Option<Method> {
    match kind {
        MailKind::Invite
        | MailKind::RolledOver
        | MailKind::Promoted
        | MailKind::Updated
        | MailKind::Appointment
        | MailKind::AppointmentForHost => Some(Method::Request),
        MailKind::Cancelled
        | MailKind::WebinarCancelled
        | MailKind::AppointmentCancelled
        | MailKind::AppointmentCancelledForHost
        | MailKind::TooFewCancelled => Some(Method::Cancel),
        MailKind::Waitlisted
        | MailKind::FollowUpThanks
        | MailKind::FollowUpMissed
        | MailKind::RolledOverWaitlisted
        | MailKind::MinimumWarning
        | MailKind::MinimumCancelledHost
        | MailKind::SeatOffered
        | MailKind::OfferExpired
        | MailKind::LeftWaitlist
        | MailKind::Reminder
        | MailKind::Queued
        | MailKind::QueueConfirm => None,
    }
}

/// `Content-Language` (RFC 3282).
#[derive(Debug, Clone)]
struct ContentLanguage(&'static str);

impl Header for ContentLanguage {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Content-Language")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Locale::parse(s)
            .map(|l| Self(l.code()))
            .ok_or_else(|| format!("unknown language {s:?}").into())
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.to_owned())
    }
}

/// Text, with `&`, `<`, `>` and quotes escaped for HTML the way the
/// templates escape what they insert.
fn escape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '&' => out.push_str("&#38;"),
            '<' => out.push_str("&#60;"),
            '>' => out.push_str("&#62;"),
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

type Args<'a> = Vec<(&'static str, FluentValue<'a>)>;

/// One language's texts.
struct Texts(Locale);

impl Texts {
    fn get(&self, key: &str, args: &[(&str, FluentValue<'_>)]) -> Result<String, MailError> {
        Ok(i18n::text(self.0, key, args)?)
    }

    /// "Tuesday, 9 March 2027, 14:00–15:00" in the reader's zone (each
    /// language orders and joins the pieces its own way).
    fn span(
        &self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        zone: Tz,
    ) -> Result<String, MailError> {
        let lang = self.0;
        let same_day =
            start.with_timezone(&zone).date_naive() == end.with_timezone(&zone).date_naive();
        if same_day {
            let date = dates::long_date(lang, start, zone)?;
            let (from, to) = (
                dates::time_of_day(lang, start, zone)?,
                dates::time_of_day(lang, end, zone)?,
            );
            self.get(
                "time-span",
                &[
                    ("date", date.into()),
                    ("start", from.into()),
                    ("end", to.into()),
                ],
            )
        } else {
            let (from, to) = (
                dates::long_datetime(lang, start, zone)?,
                dates::long_datetime(lang, end, zone)?,
            );
            self.get("date-span", &[("start", from.into()), ("end", to.into())])
        }
    }

    /// "in 24 hours", "dans 2 jours": how long until a reminded session.
    fn delay(&self, minutes: i64) -> Result<String, MailError> {
        let (key, count) = match minutes {
            m if m % 1440 == 0 && m >= 2880 => ("starts-in-days", m / 1440),
            m if m % 60 == 0 && m > 0 => ("starts-in-hours", m / 60),
            m => ("starts-in-minutes", m),
        };
        self.get(key, &[("count", count.into())])
    }

    fn labelled(&self, label: String, value: String) -> Result<String, MailError> {
        self.get(
            "labelled",
            &[("label", label.into()), ("value", value.into())],
        )
    }

    /// "Label: https://…" with the address bare: a mail client must not
    /// take the invisible direction marks around it into the link.
    fn labelled_link(&self, label: String, url: &str) -> Result<String, MailError> {
        let line = self.labelled(label, url.to_owned())?;
        Ok(line.replace(&format!("\u{2068}{url}\u{2069}"), url))
    }
}

/// The values a message may use, written once.
struct Values {
    name: String,
    title: String,
    host: String,
    when: String,
    zone: String,
    position: i64,
    topic: String,
    customer: String,
    situation: String,
    delay: String,
    /// When a seat offer runs out, in the reader's zone.
    until: String,
    /// Confirmed registrations, and the webinar's minimum.
    count: i64,
    minimum: i64,
}

impl Values {
    /// As Fluent arguments; `html` escapes them and sets off the title and
    /// topic in bold.
    fn args(&self, html: bool) -> Args<'static> {
        let plain = |s: &str| -> FluentValue<'static> {
            if html {
                escape(s).into()
            } else {
                s.to_owned().into()
            }
        };
        let bold = |s: &str| -> FluentValue<'static> {
            if html {
                format!("<strong>{}</strong>", escape(s)).into()
            } else {
                s.to_owned().into()
            }
        };
        vec![
            ("name", plain(&self.name)),
            ("title", bold(&self.title)),
            ("host", plain(&self.host)),
            ("when", plain(&self.when)),
            ("zone", plain(&self.zone)),
            ("position", self.position.into()),
            ("topic", bold(&self.topic)),
            ("customer", plain(&self.customer)),
            ("situation", plain(&self.situation)),
            ("delay", plain(&self.delay)),
            ("until", plain(&self.until)),
            ("count", self.count.into()),
            ("minimum", self.minimum.into()),
        ]
    }
}

struct Confirm {
    intro: String,
    url: String,
    link: String,
    not_you: String,
}

struct Manage {
    intro: String,
    url: String,
    link: String,
}

/// Further links after the session's facts, in groups (the recording and
/// the next session; the scores of the rating under their own intro), each
/// link as a text line and as HTML.
#[derive(Default)]
struct LinkGroup {
    intro: Option<String>,
    text: Vec<String>,
    html: Vec<String>,
}

impl LinkGroup {
    fn add(&mut self, t: &Texts, label: String, url: &str) -> Result<(), MailError> {
        self.text.push(t.labelled_link(label.clone(), url)?);
        self.html.push(format!(
            "<a href=\"{}\">{}</a>",
            escape(url),
            escape(&label)
        ));
        Ok(())
    }
}

#[derive(Template)]
#[template(path = "email/message.txt")]
struct TextBody<'a> {
    greeting: &'a str,
    body: &'a str,
    when_line: Option<&'a str>,
    join_line: Option<&'a str>,
    confirm: Option<&'a Confirm>,
    manage: Option<&'a Manage>,
    links: &'a [LinkGroup],
    sign_off: &'a str,
}

#[derive(Template)]
#[template(path = "email/message.html")]
struct HtmlBody<'a> {
    lang: &'a str,
    rtl: bool,
    title: &'a str,
    greeting: &'a str,
    body: &'a str,
    when_line: Option<&'a str>,
    join_line: Option<&'a str>,
    confirm: Option<&'a Confirm>,
    manage: Option<&'a Manage>,
    links: &'a [LinkGroup],
    sign_off: &'a str,
}

/// A mail written out: what the snapshot tests show, and what is sent.
#[derive(Debug, Clone)]
pub struct Written {
    pub lang: Locale,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// The calendar part, for invitations and cancellations.
    pub calendar: Option<(Method, String)>,
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

    /// The follow-up's links: the recording, and the five scores of the
    /// rating (thanks) or the next session (missed).
    fn links(
        &self,
        t: &Texts,
        kind: MailKind,
        session: &SessionInfo,
        booking_id: &str,
        zone: Tz,
    ) -> Result<Vec<LinkGroup>, MailError> {
        if !matches!(kind, MailKind::FollowUpThanks | MailKind::FollowUpMissed) {
            return Ok(Vec::new());
        }
        let mut further = LinkGroup::default();
        if let Some(url) = &session.recording_url {
            further.add(t, t.get("follow-up-recording", &[])?, url)?;
        }
        if kind == MailKind::FollowUpMissed
            && let Some(next) = &session.next
        {
            let when = dates::long_datetime(t.0, next.starts_at, zone)?;
            let url = self.page_url(&format!("webinars/{}", next.id))?;
            further.add(
                t,
                t.get("too-few-cancelled.next", &[("when", when.into())])?,
                &url,
            )?;
        }
        let mut groups = vec![further];
        if kind == MailKind::FollowUpThanks {
            let mut rating = LinkGroup {
                intro: Some(t.get("follow-up-thanks.rate-intro", &[])?),
                ..LinkGroup::default()
            };
            let until = session.ends_at + chrono::Duration::days(RATING_DAYS);
            let token = self
                .keys
                .issue_purpose(RATING_KIND, booking_id, until)
                .map_err(|e| MailError::Link(e.to_string()))?;
            for score in 1..=5 {
                let mut url = self
                    .public_url
                    .join(&format!("manage/registration/{booking_id}/rate"))
                    .map_err(|e| MailError::Link(e.to_string()))?;
                url.query_pairs_mut()
                    .append_pair("score", &score.to_string())
                    .append_pair("token", &token);
                rating.add(t, t.get(&format!("rating-{score}"), &[])?, url.as_str())?;
            }
            groups.push(rating);
        }
        groups.retain(|g| !g.text.is_empty());
        Ok(groups)
    }

    /// A public page's address (no token).
    fn page_url(&self, path: &str) -> Result<String, MailError> {
        self.public_url
            .join(path)
            .map(|u| u.to_string())
            .map_err(|e| MailError::Link(e.to_string()))
    }

    fn link(&self, path: &str, token: &str) -> Result<String, MailError> {
        let mut url = self
            .public_url
            .join(path)
            .map_err(|e| MailError::Link(e.to_string()))?;
        url.query_pairs_mut().append_pair("token", token);
        Ok(url.to_string())
    }

    /// A link with a manage token (valid for a while after the session):
    /// the booking's manage page (HTML), never the JSON API.
    pub fn manage_url(
        &self,
        kind: SessionKind,
        id: &str,
        session_end: DateTime<Utc>,
    ) -> Result<String, MailError> {
        let token = self
            .keys
            .issue_manage_for_session(kind.booking(), id, session_end)
            .map_err(|e| MailError::Link(e.to_string()))?;
        let page = match kind {
            SessionKind::Webinar => "manage/registration",
            SessionKind::Appointment => "manage/queue",
        };
        self.link(&format!("{page}/{id}"), &token)
    }

    /// The link in a queue confirmation mail: the request's confirmation
    /// page with a token that can only confirm it (not manage it), valid
    /// until `confirm_by`. Opening it shows the request and a button;
    /// only the button's POST confirms, so a mail scanner that follows
    /// links confirms nothing.
    pub fn confirm_url(&self, id: &str, confirm_by: DateTime<Utc>) -> Result<String, MailError> {
        let token = self
            .keys
            .issue_purpose(CONFIRM_KIND, id, confirm_by)
            .map_err(|e| MailError::Link(e.to_string()))?;
        self.link(&format!("manage/queue/{id}/confirm"), &token)
    }

    /// The "add to calendar" file: PUBLISH, no attendee.
    pub fn public_ics(&self, session: &SessionInfo, now: DateTime<Utc>) -> String {
        let uid = self.uid(session.kind, &session.id);
        ics::render(
            &calendar_event(session, &uid, &session.title, None, &session.description),
            Method::Publish,
            now,
        )
    }

    /// Writes `job` in its reader's language.
    pub fn write(&self, job: &MailJob, now: DateTime<Utc>) -> Result<Written, MailError> {
        let MailJob { kind, session, to } = job;
        let kind = *kind;
        let lang = to.locale;
        let t = Texts(lang);
        let zone = to.timezone;
        let title = match session.kind {
            SessionKind::Webinar => session.title.clone(),
            // The CSM's copy names the customer; the customer's the CSM.
            SessionKind::Appointment if kind.is_for_staff() => t.get(
                "appointment-title-host",
                &[
                    ("customer", session.customer.clone().into()),
                    ("topic", session.topic.clone().into()),
                ],
            )?,
            SessionKind::Appointment => t.get(
                "appointment-title",
                &[
                    ("host", session.host_name.clone().into()),
                    ("topic", session.topic.clone().into()),
                ],
            )?,
        };
        let values = Values {
            name: to.name.clone(),
            title: title.clone(),
            host: session.host_name.clone(),
            when: if kind == MailKind::QueueConfirm {
                dates::long_datetime(lang, session.ends_at, zone)?
            } else {
                t.span(session.starts_at, session.ends_at, zone)?
            },
            zone: zone.name().to_owned(),
            position: to.position.unwrap_or(0),
            topic: session.topic.clone(),
            customer: session.customer.clone(),
            situation: session.situation.clone(),
            delay: t.delay(to.reminder_minutes.unwrap_or(0))?,
            until: match to.offer_until {
                Some(at) => dates::long_datetime(lang, at, zone)?,
                None => String::new(),
            },
            count: to.position.unwrap_or(0),
            minimum: session.min_attendees.map_or(0, i64::from),
        };
        let (plain, rich) = (values.args(false), values.args(true));
        let message = kind.message_id();
        let subject = t.get(&format!("{message}.subject"), &plain)?;
        let body = if kind == MailKind::Waitlisted && session.offers_seats {
            format!("{message}.body-offer")
        } else {
            format!("{message}.body")
        };
        let mut body_text = t.get(&body, &plain)?;
        let mut body_html = t.get(&body, &rich)?;
        // The waiting list says how likely a seat is, when history allows.
        if let Some(chance) = to.seat_chance.filter(|_| kind == MailKind::Waitlisted) {
            let line = t.get(
                "chance-line",
                &[("chance", i18n::chance_phrase(lang, chance)?.into())],
            )?;
            body_text = format!("{body_text} {line}");
            body_html = format!("{body_html} {}", escape(&line));
        }
        // A confirmation goes to an address nobody has shown to be theirs:
        // no name in it.
        let (greeting_text, greeting_html) = if kind == MailKind::QueueConfirm {
            let g = t.get("greeting-neutral", &[])?;
            (g.clone(), g)
        } else {
            (
                t.get("greeting", &[("name", to.name.clone().into())])?,
                t.get("greeting", &[("name", escape(&to.name).into())])?,
            )
        };
        let when_in_zone = |html: bool| {
            let args = if html { &rich } else { &plain };
            t.get("when-in-zone", args)
        };
        // A request without an hour has no time to show.
        let label_when = t.get("label-when", &[])?;
        let (when_text, when_html) = if kind.is_about_a_request() {
            (None, None)
        } else {
            (
                Some(t.labelled(label_when.clone(), when_in_zone(false)?)?),
                Some(t.labelled(
                    format!("<strong>{}</strong>", escape(&label_when)),
                    when_in_zone(true)?,
                )?),
            )
        };
        let join = match &session.join_url {
            Some(url) if kind.has_join_link() => Some(url.as_str()),
            _ => None,
        };
        let label_join = t.get("label-join", &[])?;
        let mut join_text = join
            .map(|url| t.labelled_link(label_join.clone(), url))
            .transpose()?;
        let join_html = join
            .map(|url| {
                t.labelled(
                    format!("<strong>{}</strong>", escape(&label_join)),
                    format!("<a href=\"{0}\">{0}</a>", escape(url)),
                )
            })
            .transpose()?;
        let mut join_html = join_html;
        // A session cancelled for too few registrations points to the next.
        if let Some(next) = session
            .next
            .as_ref()
            .filter(|_| kind == MailKind::TooFewCancelled)
        {
            let label = t.get(
                "too-few-cancelled.next",
                &[(
                    "when",
                    dates::long_datetime(lang, next.starts_at, zone)?.into(),
                )],
            )?;
            let url = self.page_url(&format!("webinars/{}", next.id))?;
            join_text = Some(t.labelled_link(label.clone(), &url)?);
            join_html = Some(t.labelled(
                format!("<strong>{}</strong>", escape(&label)),
                format!("<a href=\"{0}\">{0}</a>", escape(&url)),
            )?);
        }
        let links = self.links(&t, kind, session, &to.booking_id, zone)?;
        let manage = if kind.has_manage_link() {
            // An offer's link is there to take the seat.
            let (intro, link) = match kind {
                MailKind::SeatOffered => ("seat-offered.manage-intro", "seat-offered.manage-link"),
                _ => ("manage-intro", "manage-link"),
            };
            Some(Manage {
                intro: t.get(intro, &[])?,
                url: self.manage_url(session.kind, &to.booking_id, session.ends_at)?,
                link: t.get(link, &[])?,
            })
        } else {
            None
        };
        let confirm = if kind == MailKind::QueueConfirm {
            Some(Confirm {
                intro: t.get("queue-confirm.confirm-intro", &[])?,
                url: self.confirm_url(&to.booking_id, session.ends_at)?,
                link: t.get("queue-confirm.confirm-link", &[])?,
                not_you: t.get("queue-confirm.not-you", &plain)?,
            })
        } else {
            None
        };
        let sign_off = t.get("sign-off", &[])?;
        let text = TextBody {
            greeting: &greeting_text,
            body: &body_text,
            when_line: when_text.as_deref(),
            join_line: join_text.as_deref(),
            confirm: confirm.as_ref(),
            manage: manage.as_ref(),
            links: &links,
            sign_off: &sign_off,
        }
        .render()?;
        let html_title = match kind {
            MailKind::QueueConfirm => t.get("queue-confirm.title", &[])?,
            k if k.is_about_a_request() => subject.clone(),
            _ => title.clone(),
        };
        let html = HtmlBody {
            lang: lang.code(),
            rtl: i18n::is_rtl(lang),
            title: &html_title,
            greeting: &greeting_html,
            body: &body_html,
            when_line: when_html.as_deref(),
            join_line: join_html.as_deref(),
            confirm: confirm.as_ref(),
            manage: manage.as_ref(),
            links: &links,
            sign_off: &sign_off,
        }
        .render()?;
        let calendar = match method(kind) {
            None => None,
            Some(method) => {
                let description = self.description(&t, session, manage.as_ref())?;
                let uid = self.uid(session.kind, &session.id);
                let event = calendar_event(
                    session,
                    &uid,
                    &title,
                    Some((&to.name, &to.email)),
                    &description,
                );
                Some((method, ics::render(&event, method, now)))
            }
        };
        Ok(Written {
            lang,
            subject,
            text,
            html,
            calendar,
        })
    }

    /// The calendar entry's DESCRIPTION, in the reader's language.
    fn description(
        &self,
        t: &Texts,
        session: &SessionInfo,
        manage: Option<&Manage>,
    ) -> Result<String, MailError> {
        let mut description = match session.kind {
            SessionKind::Webinar => session.description.clone(),
            SessionKind::Appointment => {
                let customer = match &session.company {
                    Some(company) => t.get(
                        "customer-with-company",
                        &[
                            ("customer", session.customer.clone().into()),
                            ("company", company.clone().into()),
                        ],
                    )?,
                    None => session.customer.clone(),
                };
                format!(
                    "{}\n{}\n\n{}",
                    t.labelled(t.get("label-customer", &[])?, customer)?,
                    t.labelled(t.get("label-topic", &[])?, session.topic.clone())?,
                    session.situation
                )
            }
        };
        if let Some(url) = &session.join_url {
            description.push_str("\n\n");
            description.push_str(&t.labelled_link(t.get("label-join", &[])?, url)?);
        }
        if let Some(m) = manage {
            description.push('\n');
            description.push_str(&t.labelled_link(t.get("label-manage", &[])?, &m.url)?);
        }
        Ok(description)
    }

    /// Writes `job` and builds the RFC 5322 message. Its Message-ID comes
    /// from the outbox row, so a copy sent twice (a worker killed between
    /// the send and its record) carries the same id and can be recognised.
    pub fn compose(
        &self,
        job: &MailJob,
        outbox_id: &str,
        now: DateTime<Utc>,
    ) -> Result<String, MailError> {
        let written = self.write(job, now)?;
        let alternative = MultiPart::alternative()
            .singlepart(SinglePart::plain(written.text))
            .singlepart(SinglePart::html(written.html));
        let build = |e: &dyn std::fmt::Display| MailError::Build(e.to_string());
        let body = match written.calendar {
            None => alternative,
            Some((method, calendar)) => {
                let inline_type = ContentType::parse(&format!(
                    "text/calendar; charset=utf-8; method={}",
                    method.as_str()
                ))
                .map_err(|e| build(&e))?;
                let file_type = ContentType::parse("application/ics").map_err(|e| build(&e))?;
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
        let to = &job.to;
        // A confirmation goes to an address nobody has shown to be theirs:
        // it carries nothing the requester typed, not even the name.
        let unverified = job.kind == MailKind::QueueConfirm;
        let to_box = Mailbox::new(
            (!unverified).then(|| to.name.clone()),
            to.email.parse().map_err(|e| build(&e))?,
        );
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to_box)
            .subject(written.subject)
            .header(ContentLanguage(written.lang.code()))
            .message_id(Some(format!("<{outbox_id}@{}>", self.from.email.domain())))
            .date(now.into());
        if let Ok(host) = job.session.host_email.parse() {
            builder = builder.reply_to(Mailbox::new(Some(job.session.host_name.clone()), host));
        }
        let message = builder.multipart(body).map_err(|e| build(&e))?;
        String::from_utf8(message.formatted()).map_err(|e| build(&e))
    }
}

fn calendar_event<'a>(
    session: &'a SessionInfo,
    uid: &'a str,
    summary: &'a str,
    attendee: Option<(&'a str, &'a str)>,
    description: &'a str,
) -> CalendarEvent<'a> {
    CalendarEvent {
        uid,
        sequence: u32::try_from(session.sequence).unwrap_or(0),
        starts_at: session.starts_at,
        ends_at: session.ends_at,
        summary,
        description,
        location: session.join_url.as_deref(),
        organizer_name: &session.host_name,
        organizer_email: &session.host_email,
        attendee,
    }
}
