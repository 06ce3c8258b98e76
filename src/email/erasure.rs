//! Erasure in mail already written to files. The file transport names each
//! file after its outbox row (`<id>.eml`), so the files of the rows an
//! erasure covered are deleted outright; then any other file that still
//! holds the erased address is rewritten without it. Bounded: at most
//! [`MAX_SCANNED`] files of at most [`MAX_FILE_BYTES`] each are read.

use std::io::ErrorKind;
use std::path::Path;

/// At most this many files are read in the search for the address.
pub const MAX_SCANNED: usize = 100_000;
/// A larger file is not read (a stored message is far smaller).
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;
/// What an erased address becomes in a rewritten file.
pub const ERASED_ADDRESS: &str = "erased@erased.invalid";

/// What happened to the files.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct FilesErased {
    pub deleted: usize,
    pub rewritten: usize,
    /// False when the search stopped at [`MAX_SCANNED`] files.
    pub complete: bool,
}

/// Deletes the files of `outbox_ids` in `dir` and, with `address`, rewrites
/// every other `.eml` file that contains it (ASCII case-insensitively).
pub fn erase_in_files(
    dir: &Path,
    outbox_ids: &[String],
    address: Option<&str>,
) -> std::io::Result<FilesErased> {
    let mut out = FilesErased {
        complete: true,
        ..FilesErased::default()
    };
    for id in outbox_ids {
        // Ids are ours (UUIDs); anything else never names a path.
        if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            continue;
        }
        for name in [format!("{id}.eml"), format!(".{id}.eml.tmp")] {
            match std::fs::remove_file(dir.join(&name)) {
                Ok(()) if name.ends_with(".eml") => out.deleted += 1,
                Ok(()) => {}
                Err(e) if e.kind() == ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
    }
    let Some(address) = address.filter(|a| !a.is_empty()) else {
        return Ok(out);
    };
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(e),
    };
    let needle = address.to_ascii_lowercase();
    let mut scanned = 0;
    for entry in entries {
        let path = entry?.path();
        if path.extension().is_none_or(|x| x != "eml") {
            continue;
        }
        if scanned == MAX_SCANNED {
            out.complete = false;
            break;
        }
        scanned += 1;
        if std::fs::metadata(&path).is_ok_and(|m| m.len() > MAX_FILE_BYTES) {
            continue;
        }
        let text = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            // Deleted meanwhile (another erasure): nothing left to clean.
            Err(e) if e.kind() == ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        if let Some(clean) = replace_ignoring_case(&text, needle.as_bytes(), ERASED_ADDRESS) {
            let tmp = path.with_extension("eml.erasing");
            std::fs::write(&tmp, clean)?;
            std::fs::rename(&tmp, &path)?;
            out.rewritten += 1;
        }
    }
    Ok(out)
}

/// `haystack` with every ASCII-case-insensitive match of the lowercase
/// `needle` replaced, or `None` when there is none.
fn replace_ignoring_case(haystack: &[u8], needle: &[u8], with: &str) -> Option<Vec<u8>> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    let mut out = Vec::with_capacity(haystack.len());
    let (mut i, mut last, mut found) = (0, 0, false);
    while i + needle.len() <= haystack.len() {
        if haystack[i..i + needle.len()].eq_ignore_ascii_case(needle) {
            out.extend_from_slice(&haystack[last..i]);
            out.extend_from_slice(with.as_bytes());
            i += needle.len();
            last = i;
            found = true;
        } else {
            i += 1;
        }
    }
    found.then(|| {
        out.extend_from_slice(&haystack[last..]);
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_every_match_in_any_case() {
        let clean = replace_ignoring_case(
            b"To: <Ana@X.example>, ana@x.example.",
            b"ana@x.example",
            "e",
        )
        .expect("found");
        assert_eq!(clean, b"To: <e>, e.");
        assert_eq!(
            replace_ignoring_case(b"bob@x.example", b"ana@x.example", "e"),
            None
        );
    }

    #[test]
    fn deletes_the_rows_files_and_rewrites_others_naming_the_address() {
        let dir = tempfile::tempdir().expect("dir");
        let write =
            |name: &str, body: &str| std::fs::write(dir.path().join(name), body).expect("written");
        write("a1.eml", "To: Ana <ana@x.example>\r\n\r\nHello Ana");
        write(
            "b2.eml",
            "To: Bob <bob@x.example>\r\n\r\nAna (ANA@x.example) joins too",
        );
        write("c3.eml", "To: Cy <cy@x.example>\r\n\r\nHello Cy");
        write("notes.txt", "ana@x.example");
        let done = erase_in_files(
            dir.path(),
            &["a1".to_owned(), "../c3".to_owned(), "missing".to_owned()],
            Some("ana@x.example"),
        )
        .expect("erased");
        assert_eq!(
            done,
            FilesErased {
                deleted: 1,
                rewritten: 1,
                complete: true
            }
        );
        assert!(!dir.path().join("a1.eml").exists());
        let b2 = std::fs::read_to_string(dir.path().join("b2.eml")).expect("kept");
        assert_eq!(
            b2,
            format!("To: Bob <bob@x.example>\r\n\r\nAna ({ERASED_ADDRESS}) joins too")
        );
        let c3 = std::fs::read_to_string(dir.path().join("c3.eml")).expect("kept");
        assert_eq!(c3, "To: Cy <cy@x.example>\r\n\r\nHello Cy");
        // Only mail files are touched.
        let notes = std::fs::read_to_string(dir.path().join("notes.txt")).expect("kept");
        assert_eq!(notes, "ana@x.example");
    }

    #[test]
    fn a_missing_folder_is_nothing_to_erase() {
        let dir = tempfile::tempdir().expect("dir");
        let done = erase_in_files(&dir.path().join("never"), &["a1".to_owned()], Some("a@b.c"))
            .expect("fine");
        assert_eq!(done.deleted + done.rewritten, 0);
    }
}
