//! The API test suite: each test starts the real service (in-process on a
//! random port, or the built binary) and talks HTTP to it, on SQLite and on
//! PostgreSQL.

mod helpers;
mod smtp;

mod accounts;
mod auth;
mod cli;
mod config;
mod errors;
mod hostile;
mod mail;
mod marketing;
mod migrations;
mod office_hours;
mod ops;
mod queue;
mod registrations;
mod users;
mod webinars;
