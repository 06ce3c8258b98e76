//! How times leave the service: RFC 3339 in UTC with exactly three fraction
//! digits (`2027-03-09T13:00:00.000Z`), so that every time in JSON has the
//! same length and sorting them as text sorts them by time. Use
//! `#[serde(with = "crate::domain::time")]` on a `DateTime<Utc>` field (or
//! `time::option` on an `Option`), and [`format`] for times put into
//! `serde_json` values by hand.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serializer;

/// The one output form of a time.
pub fn format(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub fn serialize<S: Serializer>(at: &DateTime<Utc>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&format(*at))
}

/// The same for optional times (`null` when absent).
pub mod option {
    use chrono::{DateTime, Utc};
    use serde::Serializer;

    pub fn serialize<S: Serializer>(
        at: &Option<DateTime<Utc>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match at {
            Some(at) => serializer.serialize_str(&super::format(*at)),
            None => serializer.serialize_none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn always_three_fraction_digits_in_utc() {
        let whole = DateTime::from_timestamp(1_804_597_200, 0).expect("valid");
        assert_eq!(format(whole), "2027-03-09T13:00:00.000Z");
        let micros = DateTime::from_timestamp_micros(1_804_597_200_123_456).expect("valid");
        assert_eq!(format(micros), "2027-03-09T13:00:00.123Z");
        #[derive(serde::Serialize)]
        struct Out {
            #[serde(with = "crate::domain::time")]
            at: DateTime<Utc>,
            #[serde(with = "crate::domain::time::option")]
            gone: Option<DateTime<Utc>>,
        }
        let json = serde_json::to_string(&Out {
            at: whole,
            gone: None,
        })
        .expect("serializes");
        assert_eq!(json, r#"{"at":"2027-03-09T13:00:00.000Z","gone":null}"#);
    }
}
