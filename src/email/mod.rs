//! E-mail: invitations as iMIP messages (RFC 6047), their templates, and the
//! transports the outbox worker delivers through.

mod compose;
pub mod ics;
pub mod transport;

pub use compose::{Composed, Composer, MailKind, Recipient, SessionInfo, SessionKind, local_when};
