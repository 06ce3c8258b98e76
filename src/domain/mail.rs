//! What a mail is about, before it is written: the kinds of mail, the
//! intent the outbox stores (what happened, to whom, the ids it concerns,
//! the iCalendar SEQUENCE at that moment) and, at delivery, the session and
//! recipient it is rendered for. Plain data: the storage layer fills it,
//! the mail layer renders it, neither knows the other.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::locale::Locale;

/// Every kind of mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
    /// A freed seat is held for the first on the waiting list: claim it.
    SeatOffered,
    /// The offer ran out unclaimed; the seat passed on.
    OfferExpired,
    /// Cancelled for too few registrations (METHOD:CANCEL, with the next
    /// occurrence of the series if there is one).
    TooFewCancelled,
    /// To the host: the decision is a day away and too few are confirmed.
    MinimumWarning,
    /// To the host: the session was cancelled for too few registrations.
    MinimumCancelledHost,
    /// Moved from an earlier occurrence's waiting list, with a seat here.
    RolledOver,
    /// Moved from an earlier occurrence's waiting list, waiting here.
    RolledOverWaitlisted,
    /// After the session: thanks, the recording and a rating to give.
    FollowUpThanks,
    /// After the session, to a no-show: the recording and the next session.
    FollowUpMissed,
}

impl MailKind {
    pub const ALL: [Self; 23] = [
        Self::Invite,
        Self::Promoted,
        Self::Updated,
        Self::Cancelled,
        Self::WebinarCancelled,
        Self::Waitlisted,
        Self::LeftWaitlist,
        Self::Reminder,
        Self::Queued,
        Self::Appointment,
        Self::AppointmentForHost,
        Self::AppointmentCancelled,
        Self::AppointmentCancelledForHost,
        Self::QueueConfirm,
        Self::SeatOffered,
        Self::OfferExpired,
        Self::TooFewCancelled,
        Self::MinimumWarning,
        Self::MinimumCancelledHost,
        Self::RolledOver,
        Self::RolledOverWaitlisted,
        Self::FollowUpThanks,
        Self::FollowUpMissed,
    ];

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
            Self::SeatOffered => "seat_offered",
            Self::OfferExpired => "offer_expired",
            Self::TooFewCancelled => "too_few_cancelled",
            Self::MinimumWarning => "minimum_warning",
            Self::MinimumCancelledHost => "minimum_cancelled_host",
            Self::RolledOver => "rolled_over",
            Self::RolledOverWaitlisted => "rolled_over_waitlisted",
            Self::FollowUpThanks => "follow_up_thanks",
            Self::FollowUpMissed => "follow_up_missed",
        }
    }

    pub fn from_topic(topic: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.topic() == topic)
    }

    /// The message in the translation files (`invite`, `webinar-cancelled`…).
    pub fn message_id(self) -> &'static str {
        match self {
            Self::Invite => "invite",
            Self::Promoted => "promoted",
            Self::Updated => "updated",
            Self::Cancelled => "cancelled",
            Self::WebinarCancelled => "webinar-cancelled",
            Self::Waitlisted => "waitlisted",
            Self::LeftWaitlist => "left-waitlist",
            Self::Reminder => "reminder",
            Self::Queued => "queued",
            Self::Appointment => "appointment",
            Self::AppointmentForHost => "appointment-host",
            Self::AppointmentCancelled => "appointment-cancelled",
            Self::AppointmentCancelledForHost => "appointment-cancelled-host",
            Self::QueueConfirm => "queue-confirm",
            Self::SeatOffered => "seat-offered",
            Self::OfferExpired => "offer-expired",
            Self::TooFewCancelled => "too-few-cancelled",
            Self::MinimumWarning => "minimum-warning",
            Self::MinimumCancelledHost => "minimum-cancelled-host",
            Self::RolledOver => "rolled-over",
            Self::RolledOverWaitlisted => "rolled-over-waitlisted",
            Self::FollowUpThanks => "follow-up-thanks",
            Self::FollowUpMissed => "follow-up-missed",
        }
    }

    /// Mails to a CSM about a customer's hour.
    pub fn is_for_staff(self) -> bool {
        matches!(
            self,
            Self::AppointmentForHost
                | Self::AppointmentCancelledForHost
                | Self::MinimumWarning
                | Self::MinimumCancelledHost
        )
    }

    /// Mails that carry the link to manage the booking. Never a staff
    /// copy: whoever reads the CSM's mail must not be able to cancel or move
    /// the customer's hour (staff act through their login).
    pub fn has_manage_link(self) -> bool {
        !matches!(
            self,
            Self::Cancelled
                | Self::WebinarCancelled
                | Self::LeftWaitlist
                | Self::AppointmentForHost
                | Self::AppointmentCancelled
                | Self::AppointmentCancelledForHost
                | Self::QueueConfirm
                | Self::OfferExpired
                | Self::TooFewCancelled
                | Self::MinimumWarning
                | Self::MinimumCancelledHost
                | Self::FollowUpThanks
                | Self::FollowUpMissed
        )
    }

    /// Mails about a queue request with no hour yet: no time to show.
    pub fn is_about_a_request(self) -> bool {
        matches!(self, Self::Queued | Self::QueueConfirm)
    }

    /// Mails that show the session's join link.
    pub fn has_join_link(self) -> bool {
        matches!(
            self,
            Self::Invite | Self::Promoted | Self::Updated | Self::Reminder | Self::RolledOver
        )
    }
}

/// One mail to send, as stored in the outbox: what happened and whom it
/// concerns, nothing rendered. The text is written at delivery, in the
/// recipient's language and zone, from the rows these ids point at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Intent {
    pub kind: MailKind,
    /// The address, for the outbox listing (the row it came from decides
    /// where the mail goes at delivery, so an erasure wins).
    pub recipient: String,
    pub webinar_id: Option<String>,
    /// The registration, or for queue mails the queue request.
    pub booking_id: Option<String>,
    pub appointment_id: Option<String>,
    /// The staff user a staff copy goes to.
    pub user_id: Option<String>,
    /// The iCalendar SEQUENCE the session had when this happened.
    pub sequence: Option<i32>,
    /// Waiting-list or queue position; for reminders, minutes before start.
    pub detail: Option<i64>,
}

/// Which kind of session a mail is about: it decides the iCalendar UID and
/// where the manage link points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionKind {
    Webinar,
    Appointment,
}

impl SessionKind {
    pub fn uid_prefix(self) -> &'static str {
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

/// The session a mail is about, as it stands at delivery (with the
/// SEQUENCE the intent recorded).
#[derive(Debug, Clone)]
pub struct SessionInfo {
    pub kind: SessionKind,
    pub id: String,
    /// A webinar's title; empty for queue hours, whose title is written in
    /// the reader's language from the host's name and the topic.
    pub title: String,
    pub description: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub join_url: Option<String>,
    pub sequence: i32,
    /// Empty for mails about a queue request with no hour yet.
    pub host_name: String,
    pub host_email: String,
    /// Queue hours: what the customer wants to discuss.
    pub topic: String,
    pub situation: String,
    /// Queue hours: the customer's name and company (for the CSM's copy).
    pub customer: String,
    pub company: Option<String>,
    /// A webinar's minimum of confirmed registrations, if it has one.
    pub min_attendees: Option<i32>,
    /// The next occurrence of its series that is still on.
    pub next: Option<NextSession>,
    /// A past webinar's recording, for the follow-up.
    pub recording_url: Option<String>,
    /// A freed seat is held for the first waiting, who claims it
    /// (`waitlist_mode: offer`), rather than given at once.
    pub offers_seats: bool,
}

/// Where a cancelled occurrence's registrants may go instead.
#[derive(Debug, Clone)]
pub struct NextSession {
    pub id: String,
    pub starts_at: DateTime<Utc>,
}

/// Who a mail goes to, and the booking it is about.
#[derive(Debug, Clone)]
pub struct Recipient {
    pub booking_id: String,
    pub email: String,
    pub name: String,
    pub timezone: Tz,
    pub locale: Locale,
    /// Waiting-list or queue position; in the host's minimum mails, the
    /// number of confirmed registrations.
    pub position: Option<i64>,
    /// For reminders: minutes before the start.
    pub reminder_minutes: Option<i64>,
    /// For a seat offer: until when it is held.
    pub offer_until: Option<DateTime<Utc>>,
    /// For the waiting list: the estimated chance of a seat, 0..1.
    pub seat_chance: Option<f64>,
}

/// A mail ready to be written: the kind, the session and the reader.
#[derive(Debug, Clone)]
pub struct MailJob {
    pub kind: MailKind,
    pub session: SessionInfo,
    pub to: Recipient,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_topic_reads_back_as_its_kind() {
        for kind in MailKind::ALL {
            assert_eq!(MailKind::from_topic(kind.topic()), Some(kind));
        }
        assert_eq!(MailKind::from_topic("registration.created"), None);
    }
}
