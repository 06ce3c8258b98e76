//! E-mail: invitations as iMIP messages (RFC 6047), their templates, the
//! transports the outbox worker delivers through, and erasure in mail
//! already written to files.

mod compose;
pub mod erasure;
pub mod ics;
pub mod transport;

pub use compose::{
    CONFIRM_KIND, Composed, Composer, MailKind, Recipient, SessionInfo, SessionKind, local_when,
};
