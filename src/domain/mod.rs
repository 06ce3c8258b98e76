//! Plain types and rules, free of HTTP and SQL. Raw input is parsed into these
//! types at the edge; code behind the edge relies on them being valid.

pub mod account;
pub mod allocator;
pub mod availability;
pub mod busy;
pub mod chance;
pub mod locale;
pub mod mail;
pub mod page;
pub mod policy;
pub mod queue;
pub mod registration;
pub mod series;
pub mod stats;
pub mod text;
pub mod time;
pub mod timezone;
pub mod topics;
pub mod user;
pub mod validation;
pub mod webinar;
