//! Cursor pagination: `limit` (default 50, at most 500) and an opaque cursor
//! that points after the last item of the previous page.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

pub const DEFAULT_LIMIT: u32 = 50;
pub const MAX_LIMIT: u32 = 500;
/// Longest key a cursor carries, and so the longest cursor (base64 of it).
const KEY_MAX: usize = 200;
pub const CURSOR_MAX: usize = KEY_MAX.div_ceil(3) * 4;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRequest {
    /// Key of the last item already seen.
    pub after: Option<String>,
    pub limit: u32,
}

impl PageRequest {
    pub fn parse(cursor: Option<&str>, limit: Option<u32>) -> Result<Self, (String, String)> {
        let limit = limit.unwrap_or(DEFAULT_LIMIT);
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(("limit".into(), format!("must be between 1 and {MAX_LIMIT}")));
        }
        let after = match cursor.filter(|c| !c.is_empty()) {
            None => None,
            Some(c) => Some(decode_cursor(c).ok_or_else(|| {
                (
                    "cursor".to_owned(),
                    "is not a cursor returned by this list".to_owned(),
                )
            })?),
        };
        Ok(Self { after, limit })
    }

    /// How many rows to fetch: one more than the page, to learn whether
    /// another page follows.
    pub fn fetch_limit(&self) -> i64 {
        i64::from(self.limit) + 1
    }
}

pub fn encode_cursor(key: &str) -> String {
    URL_SAFE_NO_PAD.encode(key.as_bytes())
}

/// A cursor is only ever what [`encode_cursor`] made of a printable key
/// (ids, times, offsets): anything else, such as `AAA` (two NUL bytes), is
/// refused here rather than reaching a query.
fn decode_cursor(cursor: &str) -> Option<String> {
    if cursor.len() > CURSOR_MAX {
        return None;
    }
    let bytes = URL_SAFE_NO_PAD.decode(cursor).ok()?;
    let key = String::from_utf8(bytes).ok()?;
    let printable = key.chars().all(|c| c.is_ascii_graphic());
    (!key.is_empty() && key.len() <= KEY_MAX && printable).then_some(key)
}

/// Cuts the extra row fetched by [`PageRequest::fetch_limit`] and returns the
/// cursor for the next page, if any.
pub fn split_page<T>(
    mut rows: Vec<T>,
    page: &PageRequest,
    key: impl Fn(&T) -> &str,
) -> (Vec<T>, Option<String>) {
    let limit = page.limit as usize;
    if rows.len() > limit {
        rows.truncate(limit);
        let next = rows.last().map(|r| encode_cursor(key(r)));
        (rows, next)
    } else {
        (rows, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_garbage_is_refused() {
        let c = encode_cursor("0190-abc");
        let p = PageRequest::parse(Some(&c), Some(10)).expect("valid");
        assert_eq!(p.after.as_deref(), Some("0190-abc"));
        assert!(PageRequest::parse(Some("%%%"), None).is_err());
        // Valid base64 of NUL bytes, of a control character, of non-ASCII.
        for garbage in ["AAA", &encode_cursor("a\u{1}b"), &encode_cursor("é")] {
            assert!(
                PageRequest::parse(Some(garbage), None).is_err(),
                "{garbage}"
            );
        }
        let longest = encode_cursor(&"k".repeat(200));
        assert!(longest.len() <= CURSOR_MAX);
        assert!(PageRequest::parse(Some(&longest), None).is_ok());
        assert!(PageRequest::parse(None, Some(0)).is_err());
        assert!(PageRequest::parse(None, Some(501)).is_err());
    }

    #[test]
    fn split_page_returns_a_cursor_only_when_more_rows_exist() {
        let page = PageRequest::parse(None, Some(2)).expect("valid");
        let (rows, next) = split_page(vec!["a", "b", "c"], &page, |s| s);
        assert_eq!(rows, vec!["a", "b"]);
        assert_eq!(next, Some(encode_cursor("b")));
        let (rows, next) = split_page(vec!["a"], &page, |s| s);
        assert_eq!((rows.len(), next), (1, None));
    }
}
