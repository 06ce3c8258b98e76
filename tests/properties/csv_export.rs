//! The attendee CSV writer: any cell values read back through the `csv`
//! crate as written (formula-like cells with their guard), header first,
//! one record per row, and the streamed chunks join into the whole.

use onetomany::routes::marketing::{CSV_HEADER, write_csv};
use proptest::prelude::*;

use crate::inputs;

type Row = [String; CSV_HEADER.len()];

fn row() -> impl Strategy<Value = Row> {
    prop::array::uniform12(inputs::text(40))
}

/// What a spreadsheet should see in a cell: a cell it would run as a
/// formula gets a leading `'`.
fn guarded(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

fn read(bytes: &[u8]) -> Result<Vec<Vec<String>>, csv::Error> {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.map(|r| r.iter().map(str::to_owned).collect()))
        .collect()
}

proptest! {
    #![proptest_config(crate::config())]

    /// The file reads back as the header, then each row's cells (guarded),
    /// one record per row, none starting like a formula.
    #[test]
    fn rows_read_back_as_written(rows in prop::collection::vec(row(), 0..12), bom in any::<bool>()) {
        let bytes = write_csv(rows.iter().cloned(), true, bom).expect("written");
        prop_assert_eq!(bytes.starts_with("\u{feff}".as_bytes()), bom);
        let records = read(&bytes).expect("valid CSV");
        prop_assert_eq!(records.len(), rows.len() + 1);
        prop_assert_eq!(&records[0], &CSV_HEADER.map(str::to_owned).to_vec());
        for (record, row) in records[1..].iter().zip(&rows) {
            let expected: Vec<String> = row.iter().map(|c| guarded(c)).collect();
            prop_assert_eq!(record, &expected);
            prop_assert!(!record.iter().any(|c| c.starts_with(['=', '+', '-', '@', '\t', '\r'])));
        }
    }

    /// Streaming in chunks (header only in the first) gives the same bytes
    /// as writing all rows at once.
    #[test]
    fn chunks_join_into_the_whole(rows in prop::collection::vec(row(), 0..12), cut in any::<prop::sample::Index>(), bom in any::<bool>()) {
        let cut = cut.index(rows.len() + 1);
        let mut joined = write_csv(rows[..cut].iter().cloned(), true, bom).expect("written");
        joined.extend(write_csv(rows[cut..].iter().cloned(), false, bom).expect("written"));
        prop_assert_eq!(joined, write_csv(rows.iter().cloned(), true, bom).expect("written"));
    }
}
