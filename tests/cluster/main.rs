//! Several service processes on one database, under load and faults: three
//! instances on PostgreSQL (kill -9 of one, SMTP down and stalling, the
//! database server restarted), and one instance on SQLite killed mid-load.
//! A binary of its own: the fault test stops and starts a PostgreSQL
//! server (its own throwaway one), which must not disturb the API tests.
//!
//! `ONETOMANY_CLUSTER_SCALE=10 cargo test --test cluster -- --nocapture`
//! multiplies the counts for a heavy run.

#[allow(dead_code)]
#[path = "../api/helpers.rs"]
mod helpers;
#[allow(dead_code)]
#[path = "../api/smtp.rs"]
mod smtp;

mod checks;
mod harness;
mod load;
mod pg_server;
mod tests;
