//! Every import case through every chunking: 1-byte chunks, odd sizes, the whole file. The browser reads
//! 4 MiB slices and the CLI 4 MiB reads, so where a chunk ends must never change the log or the report
//! (csv-core's `parses_to!` runs each case several ways for the same reason).
//!
//! Each case goes through the [`Importer`] (which collects a head, sniffs, and may inflate gzip) and, for
//! plain input, straight through its decoder ([`CsvDecoder`], [`XesDecoder`]), because a small file fits in
//! the importer's head and reaches the decoder in one piece; both must agree. Each case then checks values worked out by
//! hand from the file's text.

use crate::snapshot::{gzip, import_chunked, outcome, utc_ms, Cell, LogSnap, Outcome};
use relance_engine::import::detect::{detect_format, sample_end, SNIFF_BYTES};
use relance_engine::import::text::Encoding;
use relance_engine::import::{
    CsvDecoder, DateOrder, Format, ImportOptions, ImportReport, Imported, ProblemKind, XesDecoder,
    XesOptions,
};
use relance_engine::Error;

/// Chunk sizes besides the whole file: one byte, a few odd sizes (splitting CRLF pairs, UTF-16 code
/// units and multi-byte UTF-8), and one just under a page.
const CHUNKS: [usize; 6] = [1, 2, 3, 7, 64, 4093];

fn decode_chunked(bytes: &[u8], chunk: usize, opts: &ImportOptions) -> Result<Imported, Error> {
    // The importer's sample: to the end of the line past 64 KiB, or the whole file.
    let (head, complete) = match sample_end(bytes, &mut 0) {
        Some(n) => (&bytes[..n], false),
        None => (bytes, true),
    };
    match detect_format(head) {
        Format::Csv => {
            let mut d = CsvDecoder::new(opts.csv_options(head, complete)?)?;
            for c in bytes.chunks(chunk) {
                d.feed(c)?;
            }
            d.finish()
        }
        Format::Xes => {
            let mut d = XesDecoder::new(XesOptions {
                complete_only: opts.complete_only,
                core_only: opts.core_only,
            });
            for c in bytes.chunks(chunk) {
                d.feed(c)?;
            }
            d.finish()
        }
    }
}

/// An outcome's `Debug`, cut short: a 10,000-column log would print megabytes.
fn brief(o: &Outcome) -> String {
    let s = format!("{o:?}");
    match s.char_indices().nth(3000) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    }
}

/// Imports `bytes` whole and in every chunking, asserts every way gives the same outcome, and returns it.
pub(crate) fn same_every_way(name: &str, bytes: &[u8], opts: ImportOptions) -> Outcome {
    let whole = outcome(import_chunked(bytes, bytes.len(), opts.clone()));
    for n in CHUNKS {
        let got = outcome(import_chunked(bytes, n, opts.clone()));
        assert!(
            got == whole,
            "{name}: importing in {n}-byte chunks differs from the whole file\n  chunked: {}\n  whole: {}",
            brief(&got),
            brief(&whole)
        );
    }
    let gzipped = bytes.starts_with(&[0x1f, 0x8b]);
    if !gzipped && !bytes.is_empty() {
        let dec_whole = outcome(decode_chunked(bytes, bytes.len(), &opts));
        assert!(
            dec_whole == whole,
            "{name}: the decoder alone differs from the importer\n  decoder: {}\n  importer: {}",
            brief(&dec_whole),
            brief(&whole)
        );
        for n in CHUNKS {
            let got = outcome(decode_chunked(bytes, n, &opts));
            assert!(
                got == dec_whole,
                "{name}: the decoder fed {n}-byte chunks differs from one piece\n  chunked: {}\n  whole: {}",
                brief(&got),
                brief(&dec_whole)
            );
        }
    }
    whole
}

fn ok(name: &str, bytes: &[u8]) -> (LogSnap, ImportReport) {
    same_every_way(name, bytes, ImportOptions::default())
        .unwrap_or_else(|e| panic!("{name}: import failed: {e}"))
}

const QUOTED: &str = "case,activity,timestamp,resource,note\n\
A,\"Send, then wait\",2024-01-01T10:00:00Z,Ann,\"first line\nsecond line\"\n\
A,\"Pay \"\"in full\"\"\",2024-01-02T10:00:00Z,Bob,\n\
B,Create,2024-01-03T09:30:00Z,\"Doe, Jane\",\"a,b\"\n";

fn check_quoted(log: &LogSnap, newline: &str) {
    assert_eq!(log.case_ids(), ["A", "B"]);
    let a = log.case("A");
    assert_eq!(a.activities(), ["Send, then wait", "Pay \"in full\""]);
    assert_eq!(a.events[0].time_ms, utc_ms(2024, 1, 1, 10, 0, 0));
    assert_eq!(a.events[1].time_ms, utc_ms(2024, 1, 2, 10, 0, 0));
    assert_eq!(a.events[0].resource.as_deref(), Some("Ann"));
    let note = log.attr_pos("note");
    assert_eq!(
        a.events[0].attrs[note],
        Cell::Text(format!("first line{newline}second line"))
    );
    assert_eq!(a.events[1].attrs[note], Cell::Missing);
    let b = log.case("B");
    assert_eq!(b.events[0].resource.as_deref(), Some("Doe, Jane"));
    assert_eq!(b.events[0].attrs[note], Cell::Text("a,b".into()));
    assert_eq!(b.events[0].time_ms, utc_ms(2024, 1, 3, 9, 30, 0));
}

#[test]
fn quoted_fields_with_delimiters_and_newlines() {
    let (log, report) = ok("quoted", QUOTED.as_bytes());
    check_quoted(&log, "\n");
    assert_eq!(report.rows, 3);
    assert_eq!(report.skipped_rows, 0);
    assert_eq!(report.delimiter, Some(','));
    assert_eq!(report.columns.case, "case");
}

#[test]
fn crlf_line_ends() {
    let text = QUOTED.replace('\n', "\r\n");
    let (log, report) = ok("crlf", text.as_bytes());
    // A CRLF inside a quoted field is data and stays; the ones ending records go.
    check_quoted(&log, "\r\n");
    assert_eq!(report.rows, 3);
    assert!(!log.cases.iter().any(|c| c.id.contains('\r')));
}

#[test]
fn utf8_bom_is_not_part_of_the_first_column() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(QUOTED.as_bytes());
    let (log, report) = ok("bom", &bytes);
    let (plain, plain_report) = ok("quoted", QUOTED.as_bytes());
    assert_eq!(log, plain);
    assert_eq!(report, plain_report);
    assert_eq!(report.columns.case, "case");
}

#[test]
fn utf8_bom_on_a_headerless_file() {
    let text = "\u{feff}c1\tstart\t2024-01-01 10:00\nc1\tend\t2024-01-02 10:00\nc2\tstart\t2024-01-03 10:00\n";
    let (log, report) = ok("headerless bom", text.as_bytes());
    assert_eq!(report.columns.case, "Column 1");
    assert_eq!(log.case_ids(), ["c1", "c2"]);
    assert_eq!(log.case("c1").activities(), ["start", "end"]);
}

#[test]
fn windows_1252_french_export() {
    // Excel on a French Windows: Windows-1252, `;`, decimal comma, dd/mm/yyyy, € as byte 0x80.
    let bytes: &[u8] = b"N\xb0 facture;\xc9tape;Date;Montant\r\n\
F-1;Facture \xe9mise;31/01/2024 10:00;1 234,56 \x80\r\n\
F-1;Relance 2 envoy\xe9e;05/03/2024 09:00;1 234,56 \x80\r\n\
F-2;Facture \xe9mise;02/02/2024 11:15;99,90 \x80\r\n";
    let (log, report) = ok("cp1252", bytes);
    assert_eq!(report.encoding, Encoding::Windows1252);
    assert_eq!(report.delimiter, Some(';'));
    assert_eq!(report.columns.case, "N° facture");
    assert_eq!(report.columns.activity, "Étape");
    assert_eq!(report.date_order, DateOrder::DayFirst);
    assert_eq!(log.case_ids(), ["F-1", "F-2"]);
    let f1 = log.case("F-1");
    assert_eq!(f1.activities(), ["Facture émise", "Relance 2 envoyée"]);
    // 31/01 only reads day-first, so 05/03 is the 5th of March.
    assert_eq!(f1.events[1].time_ms, utc_ms(2024, 3, 5, 9, 0, 0));
    let amount = log.attr_pos("Montant");
    assert_eq!(f1.events[0].attrs[amount], Cell::Number(1234.56));
    assert_eq!(log.case("F-2").events[0].attrs[amount], Cell::Number(99.9));
}

#[test]
fn utf16le_with_bom() {
    let text = "Case\tActivity\tTimestamp\tResource\r\n\
C1\tRelance 2 envoyée\t2024-02-01 08:00:00\tZoë\r\n\
C1\tPaiement reçu 😀\t2024-02-03 17:45:00\tZoë\r\n\
C2\tRelance 2 envoyée\t2024-02-02 08:00:00\t\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let (log, report) = ok("utf16le", &bytes);
    assert_eq!(report.encoding, Encoding::Utf16Le);
    assert_eq!(report.delimiter, Some('\t'));
    assert_eq!(report.rows, 3);
    assert_eq!(log.case_ids(), ["C1", "C2"]);
    let c1 = log.case("C1");
    assert_eq!(c1.activities(), ["Relance 2 envoyée", "Paiement reçu 😀"]);
    assert_eq!(c1.events[1].time_ms, utc_ms(2024, 2, 3, 17, 45, 0));
    assert_eq!(c1.events[0].resource.as_deref(), Some("Zoë"));
    assert_eq!(log.case("C2").events[0].resource, None);
}

#[test]
fn semicolons_decimal_comma_day_first() {
    let text = "facture;etape;date;montant\n\
D1;Ouverture;13/02/2024 08:00;1234,56\n\
D1;Cloture;14/02/2024 18:30;-12,5\n\
D2;Ouverture;01/03/2024 09:00;1.234,56\n";
    let (log, report) = ok("semicolon", text.as_bytes());
    assert_eq!(report.delimiter, Some(';'));
    assert_eq!(report.date_order, DateOrder::DayFirst);
    assert!(!report.date_order_ambiguous);
    let amount = log.attr_pos("montant");
    let d1 = log.case("D1");
    assert_eq!(d1.events[0].attrs[amount], Cell::Number(1234.56));
    assert_eq!(d1.events[1].attrs[amount], Cell::Number(-12.5));
    assert_eq!(d1.events[1].time_ms, utc_ms(2024, 2, 14, 18, 30, 0));
    let d2 = log.case("D2");
    assert_eq!(d2.events[0].attrs[amount], Cell::Number(1234.56));
    assert_eq!(d2.events[0].time_ms, utc_ms(2024, 3, 1, 9, 0, 0));
}

#[test]
fn gzip_csv_reads_like_the_plain_file() {
    let (log, report) = ok("csv.gz", &gzip(QUOTED.as_bytes()));
    let (plain, plain_report) = ok("quoted", QUOTED.as_bytes());
    assert_eq!(log, plain);
    assert_eq!(report, plain_report);
}

const XES: &str = r#"<?xml version="1.0" encoding="UTF-8" ?>
<!-- exported for a test; a <trace> inside a comment is not a trace -->
<log xes.version="1.0" xmlns="http://www.xes-standard.org/">
  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
  <global scope="event">
    <string key="concept:name" value="__INVALID__"/>
  </global>
  <classifier name="Activity" keys="concept:name"/>
  <string key="concept:name" value="the log's own name"/>
  <trace>
    <string key="concept:name" value="T&amp;1"/>
    <string key="creator" value="Fluxicon &lt;Nitro&gt;"/>
    <event>
      <string key="concept:name" value="Check &amp; approve"/>
      <date key="time:timestamp" value="2024-01-01T10:00:00.000+01:00"/>
      <string key="org:resource" value="Ann"/>
      <list key="items">
        <values>
          <string key="item" value="nested"/>
        </values>
      </list>
      <float key="cost" value="12.5"/>
    </event>
    <!-- <event><string key="concept:name" value="ghost"/></event> -->
    <event>
      <string key="concept:name" value="Pay"/>
      <date key="time:timestamp" value="2024-01-02T10:00:00.000+01:00"/>
      <string key="lifecycle:transition" value="complete"/>
    </event>
  </trace>
  <trace>
    <event><string key="concept:name" value="Pay"/><date key="time:timestamp" value="2024-01-03T00:00:00Z"/></event>
    <string key="concept:name" value="T2"/>
  </trace>
</log>
"#;

#[test]
fn xes_with_trace_attribute_nested_list_comments_entities() {
    let (log, report) = ok("xes", XES.as_bytes());
    assert_eq!(report.format, Format::Xes);
    assert_eq!(report.rows, 3);
    assert_eq!(report.skipped_rows, 0);
    assert_eq!(log.case_ids(), ["T&1", "T2"]);
    let t1 = log.case("T&1");
    assert_eq!(t1.activities(), ["Check & approve", "Pay"]);
    assert_eq!(t1.events[0].time_ms, utc_ms(2024, 1, 1, 9, 0, 0));
    assert_eq!(t1.events[0].offset_min, Some(60));
    assert_eq!(t1.events[0].resource.as_deref(), Some("Ann"));
    assert_eq!(
        t1.attrs[log.attr_pos("creator")],
        Cell::Text("Fluxicon <Nitro>".into())
    );
    assert_eq!(t1.events[0].attrs[log.attr_pos("cost")], Cell::Number(12.5));
    // The trace named after its events still gets its name.
    assert_eq!(log.case("T2").activities(), ["Pay"]);
    assert_eq!(
        log.case("T2").events[0].time_ms,
        utc_ms(2024, 1, 3, 0, 0, 0)
    );
    // Nothing from inside the list, the global block, the log's own name or the comments.
    let names: Vec<&str> = log.attributes.iter().map(|a| a.0.as_str()).collect();
    for absent in ["item", "items", "values"] {
        assert!(!names.contains(&absent), "{absent} in {names:?}");
    }
    assert!(!log
        .activity_names
        .iter()
        .any(|a| a == "ghost" || a == "__INVALID__"));
}

#[test]
fn gzip_xes_reads_like_the_plain_file() {
    let (log, report) = ok("xes.gz", &gzip(XES.as_bytes()));
    let (plain, plain_report) = ok("xes", XES.as_bytes());
    assert_eq!(log, plain);
    assert_eq!(report, plain_report);
}

/// Line 4 has an unreadable date and line 6 no activity; a quoted field spans lines 2 and 3.
const PROBLEM_LINES: &str = "case,activity,timestamp,comment\n\
A,Create,2024-01-01T10:00:00Z,\"spans\n\
two lines\"\n\
A,Pay,not a date,\n\
B,Create,2024-01-05T10:00:00Z,\n\
B,,2024-01-06T10:00:00Z,\n";

fn check_problem_lines(name: &str, text: &str) {
    let (log, report) = ok(name, text.as_bytes());
    assert_eq!(report.rows, 4, "{name}");
    assert_eq!(report.skipped_rows, 2, "{name}");
    assert_eq!(log.event_count(), 2, "{name}");
    let p = &report.problems;
    assert_eq!(p.len(), 2, "{name}: {p:?}");
    assert_eq!(
        (
            p[0].line,
            p[0].column.as_str(),
            p[0].value.as_str(),
            p[0].kind
        ),
        (
            4,
            "timestamp",
            "not a date",
            ProblemKind::UnreadableTimestamp
        ),
        "{name}"
    );
    assert_eq!(
        (p[1].line, p[1].column.as_str(), p[1].kind),
        (6, "activity", ProblemKind::MissingActivity),
        "{name}"
    );
}

#[test]
fn problem_lines_count_quoted_newlines() {
    check_problem_lines("lf", PROBLEM_LINES);
    check_problem_lines("crlf", &PROBLEM_LINES.replace('\n', "\r\n"));
    check_problem_lines("no final newline", PROBLEM_LINES.trim_end());
    check_problem_lines("cr only", &PROBLEM_LINES.replace('\n', "\r"));
}

/// A file past the importer's 64 KiB head, so most of it streams through the decoder in the caller's
/// chunks: CRLF, quoted multi-line fields, and an unreadable date every 97th row. Returns the text and
/// the line of each bad row.
fn long_csv() -> (String, Vec<u64>) {
    let mut s = String::from("case,activity,timestamp,resource,comment\r\n");
    let mut line = 2u64;
    let mut bad = Vec::new();
    for i in 0..4000u64 {
        let case = i % 40;
        let ts = if i % 97 == 50 {
            bad.push(line);
            "31/31/2024".to_string()
        } else {
            format!("2024-01-{:02}T{:02}:{:02}:00Z", 1 + i % 28, i % 24, i % 60)
        };
        let comment = if i % 5 == 0 {
            format!("\"multi\r\nline, {i}\"")
        } else {
            format!("plain {i}")
        };
        s.push_str(&format!(
            "C{case},Step {},{ts},R{},{comment}\r\n",
            i % 7,
            i % 3
        ));
        line += 1 + u64::from(i % 5 == 0);
    }
    (s, bad)
}

#[test]
fn long_file_streams_past_the_head() {
    let (text, bad) = long_csv();
    assert!(text.len() > 2 * SNIFF_BYTES);
    let (log, report) = ok("long", text.as_bytes());
    assert_eq!(report.rows, 4000);
    assert_eq!(report.skipped_rows, bad.len() as u64);
    assert_eq!(log.event_count(), 4000 - bad.len());
    assert_eq!(log.cases.len(), 40);
    let lines: Vec<u64> = report.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, bad);
    assert!(report.problems.iter().all(|p| p.value == "31/31/2024"));

    let (gz_log, gz_report) = ok("long.gz", &gzip(text.as_bytes()));
    assert_eq!(gz_log, log);
    assert_eq!(gz_report, report);

    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let (u_log, u_report) = ok("long utf-16", &utf16);
    assert_eq!(u_log, log);
    assert_eq!(u_report.encoding, Encoding::Utf16Le);
    assert_eq!(u_report.problems, report.problems);
}
