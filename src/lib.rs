//! onetomany: a self-hosted service for Customer Success "one-to-many" teams —
//! topic webinars, capped expert webinars with a waiting list, and a queue
//! that gives small customers an hour of a CSM's time.
//!
//! `main.rs` parses the command line; everything else lives here so that the
//! tests build the very same application.

pub mod auth;
pub mod busy_fetch;
pub mod commands;
pub mod config;
pub mod db;
pub mod domain;
pub mod email;
pub mod error;
pub mod i18n;
pub mod metrics;
pub mod net;
pub mod openapi;
pub mod pages;
pub mod rate_limit;
pub mod routes;
pub mod startup;
pub mod telemetry;
pub mod webhook;
pub mod worker;
