//! Bounded, single-line text fields (names, titles), e-mail addresses, ids
//! and secrets. Every text that reaches storage passes one of these checks,
//! and none of them lets a control character through: no NUL byte (which
//! PostgreSQL cannot store) ever gets past the edge.

use std::fmt;

/// A trimmed single line of 1..=`max` characters without control characters.
/// The limit counts what was sent, blanks included, as the schema's
/// `maxLength` does.
pub fn single_line(raw: &str, max: usize) -> Result<String, String> {
    let value = raw.trim();
    if value.is_empty() {
        return Err("must not be empty".into());
    }
    if raw.chars().count() > max {
        return Err(format!("must be at most {max} characters"));
    }
    if value.chars().any(char::is_control) {
        return Err("must be a single line without control characters".into());
    }
    Ok(value.to_owned())
}

/// An e-mail address, trimmed and lower-cased so that comparisons are
/// case-insensitive everywhere.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(raw: &str) -> Result<Self, String> {
        // A trailing dot names the same domain; the mail library refuses it.
        let value = raw.trim().trim_end_matches('.').to_lowercase();
        let invalid = || format!("{:?} is not a valid e-mail address", raw.trim());
        if raw.chars().count() > 254
            || value.len() > 254
            || value.chars().any(|c| c.is_control() || c.is_whitespace())
        {
            return Err(invalid());
        }
        let (local, domain) = value.split_once('@').ok_or_else(invalid)?;
        if local.is_empty() || local.len() > 64 || local.contains(['<', '>', ',', ';', '"', '\\']) {
            return Err(invalid());
        }
        Domain::parse(domain).map_err(|_| invalid())?;
        // Whatever is stored must also be sendable: no address that would
        // fail later, when its confirmation is composed.
        value.parse::<lettre::Address>().map_err(|_| invalid())?;
        Ok(Self(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part after `@`, used to find the customer's account.
    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map_or("", |(_, d)| d)
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A DNS name with at least two labels, lower-cased.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Domain(String);

impl Domain {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let value = raw.trim().trim_end_matches('.').to_lowercase();
        let invalid = || format!("{:?} is not a valid domain name", raw.trim());
        if value.len() > 253 || !value.contains('.') {
            return Err(invalid());
        }
        let label_ok = |l: &str| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        };
        if !value.split('.').all(label_ok) {
            return Err(invalid());
        }
        Ok(Self(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Free text that may span lines (descriptions, situations, questions):
/// trimmed, `\r\n` folded to `\n`, at most `max` characters, and no control
/// characters other than newline and tab.
pub fn multi_line(raw: &str, max: usize) -> Result<String, String> {
    if raw.chars().count() > max {
        return Err(format!("must be at most {max} characters"));
    }
    let value = raw.replace("\r\n", "\n").replace('\r', "\n");
    let value = value.trim();
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err("must not contain control characters".into());
    }
    Ok(value.to_owned())
}

/// A resource id: a UUID in its hyphenated form (`0190e1c2-…`), returned
/// lower-cased as the ids are stored.
pub fn uuid(raw: &str) -> Result<String, String> {
    match uuid::Uuid::try_parse(raw) {
        Ok(id) if raw.len() == uuid::fmt::Hyphenated::LENGTH => Ok(id.hyphenated().to_string()),
        _ => Err(format!("{raw:?} is not an id (a UUID)")),
    }
}

/// An optional id from a query filter; when present it must be an id.
pub fn optional_uuid(raw: Option<&str>) -> Result<Option<String>, String> {
    raw.map(uuid).transpose()
}

/// Opaque text kept as sent (shared secrets): `min..=max` characters and no
/// control characters.
pub fn opaque(raw: &str, min: usize, max: usize) -> Result<String, String> {
    if !(min..=max).contains(&raw.chars().count()) {
        return Err(format!("must be {min} to {max} characters"));
    }
    if raw.chars().any(char::is_control) {
        return Err("must not contain control characters".into());
    }
    Ok(raw.to_owned())
}

/// An optional single line: absent or blank becomes `None`.
pub fn optional_line(raw: Option<&str>, max: usize) -> Result<Option<String>, String> {
    match raw.filter(|s| !s.trim().is_empty()) {
        None => Ok(None),
        Some(v) => single_line(v, max).map(Some),
    }
}

/// An http(s) URL of reasonable length (join links).
pub fn web_url(raw: &str) -> Result<String, String> {
    let value = raw.trim();
    if raw.chars().count() > 2000 {
        return Err("must be at most 2000 characters".into());
    }
    let parsed = url::Url::parse(value).map_err(|e| format!("is not a URL: {e}"))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err("must be an http:// or https:// URL".into());
    }
    Ok(parsed.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        let e = EmailAddress::parse("  Ana.Souza@Example.COM ").expect("valid");
        assert_eq!(e.as_str(), "ana.souza@example.com");
        assert_eq!(e.domain(), "example.com");
        for bad in [
            "",
            "no-at",
            "a@b",
            "a b@c.de",
            "a@c.de\r\nBcc: x@y.z",
            "@c.de",
            "a@-c.de",
            "a..b@x.com",
            ".a@x.com",
        ] {
            assert!(EmailAddress::parse(bad).is_err(), "{bad:?} accepted");
        }
        let dotted = EmailAddress::parse("bob@acme.com.").expect("valid");
        assert_eq!(dotted.as_str(), "bob@acme.com");
    }

    #[test]
    fn single_lines_reject_newlines_and_overlong_text() {
        assert_eq!(single_line("  Jürgen  ", 10).as_deref(), Ok("Jürgen"));
        assert!(single_line("a\nb", 10).is_err());
        assert!(single_line("   ", 10).is_err());
        assert!(single_line("😀😀😀", 2).is_err());
    }

    #[test]
    fn a_limit_counts_the_blanks_that_were_sent() {
        let padded = format!("\u{b}{}", "*".repeat(200));
        assert!(single_line(&padded, 200).is_err());
        assert!(single_line(&"*".repeat(200), 200).is_ok());
        assert!(optional_line(Some(&padded), 200).is_err());
        assert!(multi_line(&format!(" {}", "x".repeat(10)), 10).is_err());
        let address = format!(" {}@example.com", "a".repeat(60));
        assert!(EmailAddress::parse(&address).is_ok());
        assert!(EmailAddress::parse(&format!("{}{address}", " ".repeat(200))).is_err());
    }

    #[test]
    fn no_check_lets_a_nul_byte_through() {
        assert!(single_line("a\0b", 10).is_err());
        assert!(multi_line("a\0b", 10).is_err());
        assert!(optional_line(Some("a\0"), 10).is_err());
        assert!(EmailAddress::parse("a\0@example.com").is_err());
        assert!(opaque("0123456789abcdef\0", 16, 200).is_err());
        assert!(uuid("0190e1c2-7b3a-7c4d-8e5f-000000000000\0").is_err());
        assert!(web_url("https://example.com/\0").map_or(true, |u| !u.contains('\0')));
    }

    #[test]
    fn ids_are_hyphenated_uuids() {
        let id = "0190E1C2-7B3A-7C4D-8E5F-0123456789AB";
        assert_eq!(
            uuid(id).as_deref(),
            Ok("0190e1c2-7b3a-7c4d-8e5f-0123456789ab")
        );
        for bad in [
            "",
            "x",
            "0190e1c27b3a7c4d8e5f0123456789ab",
            "{0190e1c2-7b3a-7c4d-8e5f-0123456789ab}",
        ] {
            assert!(uuid(bad).is_err(), "{bad:?} accepted");
        }
        assert_eq!(optional_uuid(None), Ok(None));
        assert!(optional_uuid(Some("")).is_err());
        assert!(optional_uuid(Some("nope")).is_err());
    }

    #[test]
    fn domains_are_lowercased_dns_names() {
        assert_eq!(
            Domain::parse("Acme.Example.").map(|d| d.0),
            Ok("acme.example".into())
        );
        assert!(Domain::parse("localhost").is_err());
        assert!(Domain::parse("bad_domain.com").is_err());
    }
}
