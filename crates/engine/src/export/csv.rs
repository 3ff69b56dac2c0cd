//! The one CSV writer of every export (app downloads, compliance violations).
//!
//! Rules, after OWASP's "CSV Injection" guidance and ASVS 5.0 requirement 1.2.10:
//! - **Quoting.** A field holding a comma, a semicolon, a double quote, CR or LF is quoted, with quotes
//!   doubled (RFC 4180). The semicolon is quoted although the separator is the comma: Excel with French,
//!   German and many other regional settings opens `.csv` files with `;` as its separator, so an unquoted
//!   `Reminder 2 sent;=1+1;` would become a cell `=1+1` there (audit 2026-11-30, finding 6).
//! - **Neutralising.** A field whose first character is `=`, `+`, `-`, `@`, TAB, CR, LF or NUL is
//!   prefixed with a single quote (`'`), which spreadsheets show as text and never run as a formula.
//!   Leading spaces are looked through: `" =1+1"` is text in Excel, but LibreOffice's import option
//!   "Trim spaces" together with "Evaluate formulas" would run it, so it is neutralised too (the quote
//!   goes before the spaces, which are kept).
//! - **Plain numbers stay numbers.** `-12.5`, `+4`, `1e-3` (optionally after spaces) are written as they
//!   are: a spreadsheet reads them as numbers, never as formulas, and amounts must stay summable.
//! - **UTF-8 byte-order mark.** Every file starts with U+FEFF, without which Excel on Windows reads
//!   UTF-8 as the ANSI code page and shows `envoyÃ©e` for `envoyée`.
//!
//! ```
//! use relance_engine::export::csv::{cell, CsvWriter};
//! assert_eq!(cell("=SUM(A1)"), "'=SUM(A1)");
//! assert_eq!(cell("-12.5"), "-12.5");
//! let mut w = CsvWriter::new(&["activity", "cases"]);
//! w.row(["Reminder 2 sent;=1+1;", "3"]);
//! assert_eq!(w.finish(), "\u{feff}activity,cases\n\"Reminder 2 sent;=1+1;\",3\n");
//! ```

use std::borrow::Cow;

/// The byte-order mark every CSV export starts with.
pub const BOM: char = '\u{feff}';

/// Whether a cell is a plain number ("-12", "3.5", "+1e-3", ".5"), which a spreadsheet reads as a number
/// and never as a formula.
pub fn plain_number(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'-' | b'+')) {
        i = 1;
    }
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    let mut n = digits(&mut i);
    if i < b.len() && b[i] == b'.' {
        i += 1;
        n += digits(&mut i);
    }
    if n == 0 {
        return false;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// Whether a field would start a formula (or a DDE payload) in a spreadsheet, looking through leading
/// spaces.
fn needs_neutralising(s: &str) -> bool {
    let body = s.trim_start_matches(' ');
    // A leading TAB, CR, LF or NUL counts itself (they are not looked through: they are the trigger).
    let first = if s.starts_with(' ') && !body.is_empty() {
        body
    } else {
        s
    };
    first.starts_with(['=', '+', '-', '@', '\t', '\r', '\n', '\0']) && !plain_number(body)
}

/// One CSV field: neutralised against formula injection, then quoted when it holds a separator, a quote
/// or a line break (see the module documentation).
pub fn cell(s: &str) -> Cow<'_, str> {
    let s: Cow<str> = if needs_neutralising(s) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    };
    if s.contains([',', ';', '"', '\n', '\r']) {
        Cow::Owned(format!("\"{}\"", s.replace('"', "\"\"")))
    } else {
        s
    }
}

/// A CSV document built row by row: the byte-order mark, then comma-separated lines ending in `\n`.
#[derive(Debug, Clone)]
pub struct CsvWriter {
    out: String,
}

impl CsvWriter {
    /// A document starting with its header row.
    pub fn new<S: AsRef<str>>(header: &[S]) -> CsvWriter {
        let mut w = CsvWriter {
            out: String::from(BOM),
        };
        w.row(header);
        w
    }

    /// A document with no header row (for tables whose first row is their header).
    pub fn headless() -> CsvWriter {
        CsvWriter {
            out: String::from(BOM),
        }
    }

    /// Appends one row.
    pub fn row<S: AsRef<str>>(&mut self, fields: impl IntoIterator<Item = S>) {
        for (i, f) in fields.into_iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            self.out.push_str(&cell(f.as_ref()));
        }
        self.out.push('\n');
    }

    /// The document.
    pub fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_neutralised() {
        for s in ["=SUM(A1)", "+A1", "@x", "-A1", "-12+3", "-", "-e5", "+1e"] {
            assert_eq!(cell(s), format!("'{s}"), "{s:?}");
        }
        // The separator of many regional Excel settings: quoted, so `=1+1` never becomes a cell.
        assert_eq!(cell("Reminder 2 sent;=1+1;"), "\"Reminder 2 sent;=1+1;\"");
        assert_eq!(cell(";=cmd|' /C calc'!A0;"), "\";=cmd|' /C calc'!A0;\"");
        // Leading TAB, CR, LF and NUL (ASVS 1.2.10); CR and LF also force quotes.
        assert_eq!(cell("\t=1+1"), "'\t=1+1");
        assert_eq!(cell("\r=1+1"), "\"'\r=1+1\"");
        assert_eq!(cell("\n=1+1"), "\"'\n=1+1\"");
        assert_eq!(cell("\0=1+1"), "'\0=1+1");
        // Leading spaces are looked through; the spaces are kept after the quote.
        assert_eq!(cell(" =1+1"), "' =1+1");
        assert_eq!(cell("   @SUM(1)"), "'   @SUM(1)");
        assert_eq!(cell("   "), "   ");
        // Neutralised and quoted together.
        assert_eq!(cell("=1,2"), "\"'=1,2\"");
        assert_eq!(cell("=\"x\""), "\"'=\"\"x\"\"\"");
    }

    #[test]
    fn plain_numbers_and_text_stay_as_they_are() {
        for s in [
            "-12",
            "-12.5",
            "-3.5",
            "+4",
            "-1.5e-3",
            "-.5",
            "12",
            " -12.5",
            "",
            "Paid late",
        ] {
            assert_eq!(cell(s), s, "{s:?}");
        }
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
        // A formula character later in the field is harmless: only the start of a cell is evaluated.
        assert_eq!(cell("1+1=2"), "1+1=2");
    }

    #[test]
    fn documents_start_with_a_bom() {
        let mut w = CsvWriter::new(&["activity", "relance envoyée"]);
        w.row(["@x", "-2"]);
        let text = w.finish();
        assert_eq!(text, "\u{feff}activity,relance envoyée\n'@x,-2\n");
        assert_eq!(&text.as_bytes()[..3], [0xEF, 0xBB, 0xBF]);
        let mut h = CsvWriter::headless();
        h.row(Vec::<String>::new());
        assert_eq!(h.finish(), "\u{feff}\n");
    }
}
