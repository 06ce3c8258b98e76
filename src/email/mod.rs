//! E-mail: each message written at delivery in its reader's language,
//! invitations as iMIP messages (RFC 6047), their templates, the
//! transports the outbox worker delivers through, and erasure in mail
//! already written to files.

mod compose;
pub mod erasure;
pub mod ics;
pub mod transport;

#[cfg(test)]
mod tests;

pub use compose::{CONFIRM_KIND, Composer, MailError, RATING_DAYS, RATING_KIND, Written};
