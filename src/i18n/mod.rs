//! Languages: how each of the five writes dates and times.

pub mod dates;
