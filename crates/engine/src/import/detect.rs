//! Guessing how to read a file from its first bytes: format, encoding, delimiter, header and column roles.
//!
//! The guess is what the mapping screen shows and what the CLI uses when given no flags; every part of it
//! can be overridden. It reads at most the sample it is given: the importer passes the first 64 KiB, up to
//! the end of the line they stop in ([`sample_end`]).

use super::csv::CsvOptions;
use super::error::Error;
use super::number::{self, DecimalSep};
use super::roles::guess_from_headers;
use super::text::{decode_cp1252_into, detect_bom, Encoding, Utf16Decoder};
use super::timestamp::{looks_like_timestamp, parse_timestamp, DateOrder, OrderEvidence};
use super::{ColumnRole, Format};
use csv_core::{ReadRecordResult, ReaderBuilder};

/// Bytes the importer collects before guessing.
pub const SNIFF_BYTES: usize = 64 * 1024;
/// The longest sample the importer collects when no line break follows the first [`SNIFF_BYTES`].
pub const MAX_SNIFF_BYTES: usize = 8 << 20;
/// Rows shown on the mapping screen.
pub const PREVIEW_ROWS: usize = 20;

/// The guess for a CSV file, with a preview for the mapping screen.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Sniff {
    /// Options the import will use unless overridden.
    pub options: CsvOptions,
    /// The first data rows, as text.
    pub preview: Vec<Vec<String>>,
    /// Per column, the most common timestamp pattern among preview values, when they are dates.
    pub time_formats: Vec<Option<String>>,
}

/// Format from the first bytes (after decompression): XML means XES, anything else CSV.
pub fn detect_format(head: &[u8]) -> Format {
    let body = match detect_bom(head) {
        Some((Encoding::Utf8, n)) => &head[n..],
        _ => head,
    };
    let first = body.iter().find(|b| !b.is_ascii_whitespace());
    if first == Some(&b'<') {
        Format::Xes
    } else {
        Format::Csv
    }
}

/// Where the importer's sample ends in `head`, the first bytes of a file: just after the first line break
/// (`\n` or `\r`, a UTF-16 unit in UTF-16 files) that ends at or past [`SNIFF_BYTES`] after the blank
/// lines the file may start with, or at [`MAX_SNIFF_BYTES`]. Its last row is then whole, and the sample is
/// the same however the file arrives in chunks: a plain 64 KiB cut would sniff a different sample for
/// every chunking, and none at all of a header longer than 64 KiB (or after 64 KiB of blank lines).
/// `None` while more bytes are needed; `scanned` keeps how far the search got across calls (start it at
/// 0), so feeding a long line byte by byte stays linear.
pub fn sample_end(head: &[u8], scanned: &mut usize) -> Option<usize> {
    if head.len() < SNIFF_BYTES {
        return None;
    }
    let (bom, utf16_le) = match detect_bom(head) {
        Some((Encoding::Utf16Le, n)) => (n, Some(true)),
        Some((Encoding::Utf16Be, n)) => (n, Some(false)),
        Some((_, n)) => (n, None),
        None => (0, None),
    };
    let unit = if utf16_le.is_some() { 2 } else { 1 };
    // The ASCII character of the unit at `i`, if it is one.
    let ascii_at = |i: usize| -> Option<u8> {
        match utf16_le {
            None => head.get(i).copied(),
            Some(le) => {
                let u = head.get(i..i + 2)?;
                let (lo, hi) = if le { (u[0], u[1]) } else { (u[1], u[0]) };
                (hi == 0).then_some(lo)
            }
        }
    };
    let from = if *scanned & SEARCHING != 0 {
        *scanned & !SEARCHING
    } else {
        // Blank lines before the first row do not count towards the sample; `scanned` holds how much
        // of them was already passed.
        let mut i = (*scanned).max(bom);
        while i + unit <= head.len() && ascii_at(i).is_some_and(|b| b.is_ascii_whitespace()) {
            i += unit;
        }
        if i + unit > head.len() {
            *scanned = i;
            return (head.len() >= MAX_SNIFF_BYTES).then_some(MAX_SNIFF_BYTES);
        }
        let threshold = (i - bom + SNIFF_BYTES).min(MAX_SNIFF_BYTES);
        if head.len() < threshold {
            *scanned = i;
            return None;
        }
        threshold - unit
    };
    let found = match utf16_le {
        None => {
            let hit = memchr::memchr2(b'\n', b'\r', &head[from..]).map(|i| from + i + 1);
            *scanned = SEARCHING | head.len();
            hit
        }
        Some(le) => {
            // Units sit at even offsets after the two-byte BOM.
            let start = from & !1;
            let units = head[start..].chunks_exact(2);
            let hit = units
                .clone()
                .position(|u| {
                    let (lo, hi) = if le { (u[0], u[1]) } else { (u[1], u[0]) };
                    hi == 0 && (lo == b'\n' || lo == b'\r')
                })
                .map(|k| start + 2 * k + 2);
            *scanned = SEARCHING | (start + 2 * units.len());
            hit
        }
    };
    match found {
        Some(end) => Some(end.min(MAX_SNIFF_BYTES)),
        None => (head.len() >= MAX_SNIFF_BYTES).then_some(MAX_SNIFF_BYTES),
    }
}

/// The top bit of [`sample_end`]'s `scanned`: set once the blank lead is passed and the line break is
/// being searched for (the other bits say how far); clear, they count the blank bytes passed. A buffer
/// never holds `isize::MAX` bytes, so the bit is free.
const SEARCHING: usize = 1 << (usize::BITS - 1);

/// Decodes a sample to text with the detected encoding.
fn sample_text(bytes: &[u8]) -> (Encoding, String) {
    match detect_bom(bytes) {
        Some((Encoding::Utf8, n)) => (
            Encoding::Utf8,
            String::from_utf8_lossy(&bytes[n..]).into_owned(),
        ),
        Some((enc @ (Encoding::Utf16Le | Encoding::Utf16Be), n)) => {
            let mut d = Utf16Decoder::new(enc == Encoding::Utf16Le);
            let mut out = Vec::new();
            d.push(&bytes[n..], &mut out);
            (enc, String::from_utf8_lossy(&out).into_owned())
        }
        _ => match std::str::from_utf8(bytes) {
            Ok(s) => (Encoding::Utf8, s.to_string()),
            // Cut inside a multi-byte character at the end of the sample: still UTF-8.
            Err(e) if e.error_len().is_none() => (
                Encoding::Utf8,
                String::from_utf8_lossy(&bytes[..e.valid_up_to()]).into_owned(),
            ),
            Err(_) => {
                let mut s = String::new();
                decode_cp1252_into(bytes, &mut s);
                (Encoding::Windows1252, s)
            }
        },
    }
}

/// A whole file decoded to text with the encoding the sniffer found (a BOM is dropped).
pub(crate) fn decode_all(bytes: &[u8], encoding: Encoding) -> String {
    match (encoding, detect_bom(bytes)) {
        (Encoding::Windows1252, _) => {
            let mut s = String::new();
            decode_cp1252_into(bytes, &mut s);
            s
        }
        (_, Some((enc @ (Encoding::Utf16Le | Encoding::Utf16Be), n))) => {
            let mut d = Utf16Decoder::new(enc == Encoding::Utf16Le);
            let mut out = Vec::new();
            d.push(&bytes[n..], &mut out);
            d.finish(&mut out);
            String::from_utf8_lossy(&out).into_owned()
        }
        (_, Some((_, n))) => String::from_utf8_lossy(&bytes[n..]).into_owned(),
        (_, None) => match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            // Mixed UTF-8 and Windows-1252, as the importer reads it: field by field is not possible
            // here, so the invalid bytes are read as Windows-1252 line by line.
            Err(_) => bytes
                .split_inclusive(|&b| b == b'\n')
                .map(|line| match std::str::from_utf8(line) {
                    Ok(s) => s.to_string(),
                    Err(_) => {
                        let mut s = String::new();
                        decode_cp1252_into(line, &mut s);
                        s
                    }
                })
                .collect(),
        },
    }
}

/// Splits a sample into records with csv-core; the last record is dropped when the sample is cut (it may
/// be partial), unless the sample is the whole file.
///
/// csv-core writes a record's fields across calls (the end of the last field only arrives with the call
/// that sees the end of the input), so output and field ends accumulate until a record is complete.
pub(crate) fn records(text: &str, delimiter: u8, complete: bool, max: usize) -> Vec<Vec<String>> {
    let mut rdr = ReaderBuilder::new().delimiter(delimiter).build();
    let mut input = text.as_bytes();
    let mut out = vec![0u8; text.len() + 1];
    let mut ends = vec![0usize; 256];
    let (mut nout, mut nend) = (0, 0);
    let mut rows = Vec::new();
    let mut eof = false;
    while rows.len() < max {
        let (res, nin, o, e) = rdr.read_record(input, &mut out[nout..], &mut ends[nend..]);
        input = &input[nin..];
        nout += o;
        nend += e;
        match res {
            ReadRecordResult::Record => {
                let fields = &ends[..nend];
                let blank = nend == 1 && ends[0] == 0;
                let mut start = 0;
                let row: Vec<String> = fields
                    .iter()
                    .map(|&e| {
                        let f = String::from_utf8_lossy(&out[start..e]).into_owned();
                        start = e;
                        f
                    })
                    .collect();
                (nout, nend) = (0, 0);
                if blank {
                    continue;
                }
                if eof && !complete {
                    break;
                }
                rows.push(row);
            }
            ReadRecordResult::InputEmpty => {
                if eof {
                    break;
                }
                eof = true;
            }
            ReadRecordResult::OutputFull => {
                let n = out.len() * 2;
                out.resize(n, 0);
            }
            ReadRecordResult::OutputEndsFull => {
                let n = ends.len() * 2;
                ends.resize(n, 0);
            }
            ReadRecordResult::End => break,
        }
    }
    rows
}

/// Picks the delimiter that splits the sample into the most columns, consistently across rows.
fn detect_delimiter(text: &str, complete: bool) -> u8 {
    let mut best = (b',', 0usize, 0.0f64);
    for d in [b',', b';', b'\t', b'|'] {
        let rows = records(text, d, complete, 50);
        if rows.is_empty() {
            continue;
        }
        let mut counts: Vec<usize> = rows.iter().map(Vec::len).collect();
        counts.sort_unstable();
        let mode = counts[counts.len() / 2];
        let consistency =
            rows.iter().filter(|r| r.len() == mode).count() as f64 / rows.len() as f64;
        let better = mode > 1
            && (consistency > best.2 + 0.2 || (consistency >= best.2 - 0.2 && mode > best.1));
        if better {
            best = (d, mode, consistency);
        }
    }
    best.0
}

/// Guesses everything needed to read a CSV sample. `complete` says the sample is the whole file.
pub fn sniff_csv(sample: &[u8], complete: bool) -> Result<Sniff, Error> {
    sniff_csv_with(sample, complete, None)
}

/// [`sniff_csv`] with a delimiter given instead of guessed.
pub fn sniff_csv_with(
    sample: &[u8],
    complete: bool,
    delimiter: Option<u8>,
) -> Result<Sniff, Error> {
    let (encoding, text) = sample_text(sample);
    if text.trim().is_empty() {
        return Err(Error::Empty);
    }
    let delimiter = delimiter.unwrap_or_else(|| detect_delimiter(&text, complete));
    let rows = records(&text, delimiter, complete, PREVIEW_ROWS + 1);
    let Some(first) = rows.first() else {
        return Err(Error::Empty);
    };
    let has_header = is_header(&rows);
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let columns: Vec<String> = if has_header {
        let mut c: Vec<String> = first.iter().map(|s| s.trim().to_string()).collect();
        for (i, name) in c.iter_mut().enumerate() {
            if name.is_empty() {
                *name = format!("Column {}", i + 1);
            }
        }
        c
    } else {
        (1..=width).map(|i| format!("Column {i}")).collect()
    };
    let preview: Vec<Vec<String>> = rows
        .into_iter()
        .skip(usize::from(has_header))
        .take(PREVIEW_ROWS)
        .collect();
    let column_values = |i: usize| {
        preview
            .iter()
            .filter_map(move |r| r.get(i))
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
    };
    let mut roles = if has_header {
        guess_from_headers(&columns)
    } else {
        vec![ColumnRole::Attribute; columns.len()]
    };

    // A header-named time column whose values are not dates is not that column.
    for (i, r) in roles.iter_mut().enumerate() {
        if r.is_time() {
            let n = column_values(i).count();
            let ok = column_values(i)
                .filter(|v| parse_timestamp(v, DateOrder::Auto).is_some())
                .count();
            if n > 0 && ok * 2 < n {
                *r = ColumnRole::Attribute;
            }
        }
    }
    // Fall back on values for the three roles every log needs.
    if !roles.contains(&ColumnRole::Timestamp) {
        let best = (0..columns.len())
            .filter(|&i| roles[i] == ColumnRole::Attribute)
            .map(|i| {
                let n = column_values(i).count();
                let ok = column_values(i).filter(|v| looks_like_timestamp(v)).count();
                (if n == 0 { 0.0 } else { ok as f64 / n as f64 }, i)
            })
            .filter(|(share, _)| *share >= 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
        if let Some((_, i)) = best {
            roles[i] = ColumnRole::Timestamp;
        }
    }
    let is_texty = |i: usize| {
        column_values(i).any(|v| {
            number::parse_number(v, DecimalSep::Point).is_none() && !looks_like_timestamp(v)
        })
    };
    if !roles.contains(&ColumnRole::Case) {
        if let Some(i) = (0..columns.len()).find(|&i| roles[i] == ColumnRole::Attribute) {
            roles[i] = ColumnRole::Case;
        }
    }
    if !roles.contains(&ColumnRole::Activity) {
        if let Some(i) =
            (0..columns.len()).find(|&i| roles[i] == ColumnRole::Attribute && is_texty(i))
        {
            roles[i] = ColumnRole::Activity;
        }
    }

    let mut day = 0;
    let mut month = 0;
    for i in (0..columns.len()).filter(|&i| roles[i].is_time()) {
        for v in column_values(i) {
            match parse_timestamp(v, DateOrder::Auto).map(|p| p.evidence) {
                Some(OrderEvidence::DayFirst) => day += 1,
                Some(OrderEvidence::MonthFirst) => month += 1,
                _ => {}
            }
        }
    }
    let date_order = match (day, month) {
        (0, 0) => DateOrder::Auto,
        (d, m) if m > d => DateOrder::MonthFirst,
        _ => DateOrder::DayFirst,
    };
    let decimal = if delimiter == b';' {
        DecimalSep::Comma
    } else {
        DecimalSep::Point
    };
    let time_formats = (0..columns.len())
        .map(|i| {
            let mut kinds: Vec<_> = column_values(i)
                .filter_map(|v| parse_timestamp(v, DateOrder::Auto))
                .map(|p| p.kind)
                .collect();
            if kinds.is_empty() || kinds.len() * 2 < column_values(i).count() || !roles[i].is_time()
            {
                return None;
            }
            crate::values::order::sort_by(&mut kinds, |a, b| a.cmp(b));
            let order = if date_order == DateOrder::Auto {
                DateOrder::DayFirst
            } else {
                date_order
            };
            kinds.first().map(|k| k.describe(order))
        })
        .collect();
    Ok(Sniff {
        options: CsvOptions {
            delimiter,
            quote: b'"',
            has_header,
            encoding,
            columns,
            roles,
            date_order: DateOrder::Auto,
            decimal,
            complete_only: false,
        },
        preview,
        time_formats,
    })
}

/// The first row is a header unless it looks like data: a date, or numbers where a header would have
/// names while the next rows have the same shapes.
fn is_header(rows: &[Vec<String>]) -> bool {
    let Some(first) = rows.first() else {
        return true;
    };
    if first.iter().any(|f| looks_like_timestamp(f.trim())) {
        return false;
    }
    let numeric = |s: &str| number::parse_number(s, DecimalSep::Point).is_some();
    match rows.get(1) {
        Some(second) => {
            // Data rows share a shape; a header differs from the row below somewhere (text over numbers).
            let differs = first
                .iter()
                .zip(second)
                .any(|(a, b)| !numeric(a) && numeric(b));
            let all_text = first.iter().all(|f| !numeric(f));
            differs || all_text
        }
        None => first.iter().all(|f| !numeric(f)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_excel_export() {
        let bytes = b"N\xb0 facture;Etape;Date;Montant;Ech\xe9ance\r\nF-1;Facture \xe9mise;31/01/2024 10:00;1 234,56;01/03/2024\r\nF-1;Relance 1;05/03/2024 09:00;1 234,56;01/03/2024\r\n";
        let s = sniff_csv(bytes, true).unwrap();
        assert_eq!(s.options.encoding, Encoding::Windows1252);
        assert_eq!(s.options.delimiter, b';');
        assert!(s.options.has_header);
        assert_eq!(
            s.options.columns,
            ["N° facture", "Etape", "Date", "Montant", "Echéance"]
        );
        let roles: Vec<_> = s.options.roles.iter().map(|r| r.key()).collect();
        assert_eq!(
            roles,
            ["case", "activity", "timestamp", "amount", "due_date"]
        );
        assert_eq!(s.options.decimal, DecimalSep::Comma);
        assert_eq!(s.preview.len(), 2);
        assert_eq!(s.preview[0][1], "Facture émise");
        assert_eq!(s.time_formats[2].as_deref(), Some("dd/mm/yyyy hh:mm[:ss]"));
    }

    #[test]
    fn headerless_tab_file_falls_back_on_values() {
        let text =
            "c1\tstart\t2024-01-01 10:00\nc1\tend\t2024-01-02 10:00\nc2\tstart\t2024-01-03 10:00\n";
        let s = sniff_csv(text.as_bytes(), true).unwrap();
        assert_eq!(s.options.delimiter, b'\t');
        assert!(!s.options.has_header);
        let roles: Vec<_> = s.options.roles.iter().map(|r| r.key()).collect();
        assert_eq!(roles, ["case", "activity", "timestamp"]);
    }

    /// The sample ends at `whole` however the file arrives: a byte, 7 bytes or 4 KiB at a time.
    fn assert_chunks_agree(file: &[u8], whole: usize) {
        for chunk in [1, 7, 4096] {
            let (mut scanned, mut n) = (0, 0);
            let end = loop {
                n = (n + chunk).min(file.len());
                if let Some(e) = sample_end(&file[..n], &mut scanned) {
                    break e;
                }
            };
            assert_eq!(end, whole, "{chunk}-byte chunks");
        }
    }

    #[test]
    fn sample_ends_after_the_line_past_64_kib_whatever_the_chunking() {
        let mut file = Vec::new();
        while file.len() < SNIFF_BYTES + 100 {
            file.extend_from_slice(b"case,activity,2024-01-01\n");
        }
        let whole = sample_end(&file, &mut 0).unwrap();
        assert!(whole >= SNIFF_BYTES && file[whole - 1] == b'\n');
        assert_chunks_agree(&file, whole);
        // UTF-16: the sample ends after a whole line-break unit.
        let text: String = "a,b,c\r\n".repeat(SNIFF_BYTES / 8);
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let end = sample_end(&utf16, &mut 0).unwrap();
        assert_eq!(end % 2, 0);
        assert!(matches!(&utf16[end - 2..end], b"\r\0" | b"\n\0"));
        // No line break at all: the cap.
        assert_eq!(sample_end(&vec![b'x'; SNIFF_BYTES * 2], &mut 0), None);
    }

    #[test]
    fn blank_lines_do_not_count_towards_the_sample() {
        let mut file = vec![b'\n'; 100_000];
        while file.len() < 100_000 + SNIFF_BYTES + 100 {
            file.extend_from_slice(b"case,activity,2024-01-01\n");
        }
        let whole = sample_end(&file, &mut 0).unwrap();
        assert!(whole >= 100_000 + SNIFF_BYTES && file[whole - 1] == b'\n');
        assert_chunks_agree(&file, whole);
        // A file of blank lines only: the cap.
        assert_eq!(
            sample_end(&vec![b'\n'; MAX_SNIFF_BYTES], &mut 0),
            Some(MAX_SNIFF_BYTES)
        );
    }

    #[test]
    fn records_keep_every_field_of_an_unterminated_last_row() {
        let rows = records("case,activity,timestamp", b',', true, 10);
        assert_eq!(rows, [["case", "activity", "timestamp"]]);
        let wide = vec!["x"; 5000].join(",");
        assert_eq!(records(&wide, b',', true, 10)[0].len(), 5000);
    }

    #[test]
    fn formats() {
        assert_eq!(detect_format(b"\xef\xbb\xbf  <?xml"), Format::Xes);
        assert_eq!(detect_format(b"case,activity"), Format::Csv);
    }

    #[test]
    fn empty_is_an_error() {
        assert!(matches!(sniff_csv(b"  \n", true), Err(Error::Empty)));
    }
}
