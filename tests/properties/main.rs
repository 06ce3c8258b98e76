//! Properties of the parsers, the iCalendar builder, the CSV writer and the
//! busy-time subtraction, each stated for every input proptest generates.
//!
//! Bounded for CI: 256 cases per property (proptest's default). A longer run
//! raises the count with the standard variable, e.g.
//! `PROPTEST_CASES=100000 cargo test --release --test properties`.
//! A case a property once found is kept below it as an ordinary test.

mod accept_language;
mod availability;
mod busy_feed;
mod csv_export;
mod ics;
mod inputs;
mod python;
mod rrule;
mod slots_minus_busy;

use proptest::test_runner::Config;

/// The proptest configuration of every property here: `PROPTEST_CASES`
/// (default 256) cases, and no regression files written into the source tree
/// (found cases become ordinary tests instead).
pub fn config() -> Config {
    Config {
        failure_persistence: None,
        ..Config::default()
    }
}
