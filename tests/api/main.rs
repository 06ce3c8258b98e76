//! The API test suite: each test starts the real service (in-process on a
//! random port, or the built binary) and talks HTTP to it, on SQLite and on
//! PostgreSQL.

mod helpers;
mod smtp;
mod staff_browser;

mod accounts;
mod auth;
mod authz;
mod browser;
mod busy_calendar;
mod calendar;
mod cli;
mod concurrency;
mod config;
mod delivery;
mod erasure;
mod errors;
mod followup;
mod hostile;
mod languages;
mod limits;
mod mail;
mod mail_links;
mod marketing;
mod migrations;
mod minimum;
mod offers;
mod office_hours;
mod ops;
mod pages;
mod pages_admin;
mod pages_csm;
mod pages_csm_hours;
mod pages_marketing;
mod pages_queue;
mod pages_staff;
mod queue;
mod queue_safety;
mod registrations;
mod rollover;
mod time_format;
mod topics;
mod users;
mod webhooks;
mod webinars;
