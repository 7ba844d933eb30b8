//! A CSV file read into rows of text cells, with csv-core (BurntSushi's CSV state machine:
//! quotes, doubled quotes, delimiters and newlines inside quotes, CR/LF/CRLF line ends).
//! No `std::io`, so the page's preview links only the state machine.

use super::CsvProblem;
use csv_core::{ReadRecordResult, ReaderBuilder};

/// One record of the file, numbered as a spreadsheet numbers its rows: the header is row 1,
/// and a value with newlines inside its quotes does not start a new row.
pub(crate) struct Row {
    pub number: usize,
    pub cells: Vec<String>,
}

/// A file's records, its first one the header, or the problems that stop it being read.
pub(crate) struct Table {
    pub header: Row,
    pub rows: Vec<Row>,
}

/// The delimiter of a file, sniffed from its header line: the most frequent of `,` `;` and
/// tab outside quotes (a French spreadsheet saves with `;`), `,` when none.
pub fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let candidates = [b',', b';', b'\t'];
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    if counts[best] == 0 {
        b','
    } else {
        candidates[best]
    }
}

/// Reads `text` (named `file` in problems) into its header and rows. A UTF-8 byte-order mark
/// is dropped; rows whose cells are all empty (a spreadsheet's trailing `;;;`) are skipped.
pub(crate) fn read(file: &str, text: &str) -> Result<Table, Vec<CsvProblem>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let input = text.as_bytes();
    let delimiter = sniff_delimiter(text);
    let mut reader = ReaderBuilder::new().delimiter(delimiter).build();
    // Grown as a record needs (csv-core resumes where it stopped): one record's worth, not
    // the file's.
    let mut output = vec![0u8; 4096];
    let mut ends = vec![0usize; 64];
    let mut records: Vec<Row> = Vec::new();
    let mut problems = Vec::new();
    let (mut at, mut out, mut nends) = (0, 0, 0);
    let mut record_start = 0;
    loop {
        let (result, nin, nout, nend) =
            reader.read_record(&input[at..], &mut output[out..], &mut ends[nends..]);
        at += nin;
        out += nout;
        nends += nend;
        match result {
            ReadRecordResult::InputEmpty => {}
            ReadRecordResult::OutputFull => {
                let len = output.len();
                output.resize(len * 2, 0);
            }
            ReadRecordResult::OutputEndsFull => {
                let len = ends.len();
                ends.resize(len * 2, 0);
            }
            ReadRecordResult::Record => {
                let number = records.len() + 1;
                let mut cells = Vec::with_capacity(nends);
                let mut start = 0;
                for &end in &ends[..nends] {
                    // The state machine splits only at ASCII bytes, so each cell is UTF-8.
                    cells.push(String::from_utf8_lossy(&output[start..end]).into_owned());
                    start = end;
                }
                let raw = &input[record_start..at];
                let at_end = at == input.len();
                if at_end && ends_inside_quotes(raw, delimiter) {
                    // The header names the column, unless the header is the row at fault.
                    let column = match records.first() {
                        Some(header) => header.cells.get(cells.len() - 1).cloned(),
                        None => None,
                    };
                    let place = match &column {
                        Some(_) => String::new(),
                        None => format!(" in value {}", cells.len()),
                    };
                    problems.push(CsvProblem {
                        file: file.to_string(),
                        row: Some(number),
                        column,
                        value: None,
                        message: format!(
                            "a quoted value opens here{place} and is never closed (a `\"` is missing), so the rest of the file was read as that one value"
                        ),
                    });
                }
                records.push(Row { number, cells });
                record_start = at;
                out = 0;
                nends = 0;
            }
            ReadRecordResult::End => break,
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut records = records.into_iter();
    let Some(header) = records.next() else {
        return Err(vec![CsvProblem::file(
            file,
            "is empty: its first row names the columns",
        )]);
    };
    let rows = records
        .filter(|r| r.cells.iter().any(|c| !c.trim().is_empty()))
        .collect();
    Ok(Table { header, rows })
}

/// Whether a record's text ends inside a quoted value: a quote opens one only at the start of
/// a value (as csv-core reads them: `5" gun` is text), and `""` inside it is a quote.
fn ends_inside_quotes(raw: &[u8], delimiter: u8) -> bool {
    let mut quoted = false;
    let mut at_start = true;
    let mut bytes = raw.iter().peekable();
    while let Some(&b) = bytes.next() {
        if quoted {
            if b == b'"' {
                if bytes.peek() == Some(&&b'"') {
                    bytes.next();
                } else {
                    quoted = false;
                }
            }
        } else if b == b'"' && at_start {
            quoted = true;
        }
        at_start = !quoted && (b == delimiter || b == b'\n' || b == b'\r');
    }
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_the_delimiter_of_the_header_line_only() {
        assert_eq!(sniff_delimiter("a,b,c\n1;2;3;4;5"), b',');
        assert_eq!(sniff_delimiter("a;b;\"c,d,e\"\n"), b';');
        assert_eq!(sniff_delimiter("a\tb\n"), b'\t');
        assert_eq!(sniff_delimiter("id\n"), b',');
    }

    #[test]
    fn an_unclosed_quote_is_one_that_opens_a_value() {
        assert!(ends_inside_quotes(b"a,\"b,c\n", b','));
        assert!(ends_inside_quotes(b"a,\"b\"\"c", b','));
        assert!(!ends_inside_quotes(b"a,\"b\"\"c\"", b','));
        assert!(!ends_inside_quotes(b"a,5\" gun", b','));
        assert!(!ends_inside_quotes(b"a;\"x;y\";5\" gun", b';'));
        // A stray quote in an unquoted value of the last row is text, not a problem.
        let t = read("f.csv", "a,b\n1,5\" gun").ok().unwrap();
        assert_eq!(t.rows[0].cells, ["1", "5\" gun"]);
    }

    #[test]
    fn a_record_larger_than_the_buffers_is_read_whole() {
        let long = "é".repeat(10_000);
        let many = vec!["x"; 500].join(",");
        let text = format!("a,b\n\"{long}\",2\n{many}\n");
        let t = read("f.csv", &text).ok().unwrap();
        assert_eq!(t.rows[0].cells, [long.as_str(), "2"]);
        assert_eq!(t.rows[1].cells.len(), 500);
    }

    #[test]
    fn reads_quotes_newlines_and_skips_empty_rows() {
        let t = read("f.csv", "\u{feff}a,b\n\"x, \"\"y\"\"\",\"1\n2\"\r\n,\n3,4")
            .ok()
            .unwrap();
        assert_eq!(t.header.cells, ["a", "b"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].cells, ["x, \"y\"", "1\n2"]);
        assert_eq!((t.rows[1].number, t.rows[1].cells[1].as_str()), (4, "4"));
    }
}
