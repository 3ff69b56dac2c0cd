//! Hostile and degenerate files: none may panic, each gives a clear error or a report that says what was
//! skipped and where. Every case also goes through every chunking ([`same_every_way`]).

use crate::chunking::same_every_way;
use crate::snapshot::{gzip, import_chunked, utc_ms, Cell, LogSnap};
use relance_engine::analysis::summarize;
use relance_engine::import::{
    ColumnRole, DateOrder, ImportOptions, ImportReport, Imported, ProblemKind,
};
use relance_engine::{Error, Selection};

/// Imports every way, then returns the whole-file result (with its `Error` variant intact).
fn import(name: &str, bytes: &[u8], opts: ImportOptions) -> Result<Imported, Error> {
    let _ = same_every_way(name, bytes, opts.clone());
    let r = import_chunked(bytes, bytes.len(), opts);
    if let Ok(i) = &r {
        // Every analysis must accept whatever the import let through.
        let _ = summarize(&i.log, &Selection::all(&i.log));
    }
    r
}

fn import_ok(name: &str, bytes: &[u8]) -> (LogSnap, ImportReport) {
    match import(name, bytes, ImportOptions::default()) {
        Ok(i) => (LogSnap::of(&i.log), i.report),
        Err(e) => panic!("{name}: {e}"),
    }
}

fn import_err(name: &str, bytes: &[u8], opts: ImportOptions) -> Error {
    match import(name, bytes, opts) {
        Ok(i) => panic!(
            "{name}: expected an error, got {} events",
            i.log.event_count()
        ),
        Err(e) => {
            let msg = e.to_string();
            assert!(
                !msg.is_empty() && !msg.contains('\n'),
                "{name}: message not one line: {msg:?}"
            );
            e
        }
    }
}

fn no_events(name: &str, bytes: &[u8], opts: ImportOptions) -> (String, ImportReport) {
    match import_err(name, bytes, opts) {
        Error::NoEvents { report } => {
            let e = Error::NoEvents {
                report: report.clone(),
            };
            (e.to_string(), *report)
        }
        e => panic!("{name}: expected NoEvents, got {e:?}"),
    }
}

#[test]
fn empty_file() {
    assert!(matches!(
        import_err("empty", b"", ImportOptions::default()),
        Error::Empty
    ));
    assert!(matches!(
        import_err("blank lines", b"\n\r\n  \n", ImportOptions::default()),
        Error::Empty
    ));
    assert!(matches!(
        import_err("empty gzip", &gzip(b""), ImportOptions::default()),
        Error::Empty
    ));
}

#[test]
fn only_a_header() {
    for (name, bytes) in [
        ("header", &b"case,activity,timestamp\n"[..]),
        ("header without newline", b"case,activity,timestamp"),
        (
            "header with bom",
            b"\xEF\xBB\xBFcase,activity,timestamp\r\n",
        ),
    ] {
        let (msg, report) = no_events(name, bytes, ImportOptions::default());
        assert_eq!(report.rows, 0, "{name}");
        assert_eq!(report.skipped_rows, 0, "{name}");
        assert_eq!(report.columns.case, "case", "{name}");
        assert!(msg.contains("0 rows"), "{name}: {msg}");
    }
}

/// A fixed pseudo-random byte stream (SplitMix64), so the garbage is the same on every run.
fn garbage(len: usize, seed: u64) -> Vec<u8> {
    let mut s = seed;
    (0..len)
        .map(|_| {
            s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = s;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            (z ^ (z >> 31)) as u8
        })
        .collect()
}

#[test]
fn binary_garbage() {
    for seed in 0..8 {
        let mut bytes = garbage(3000 + 997 * seed as usize, seed);
        if seed % 2 == 1 {
            bytes[0] = b'<'; // force the XES path
        }
        // Any outcome but a panic; an error is one line (checked in `import_err` when it is one).
        if let Err(e) = import(&format!("garbage {seed}"), &bytes, ImportOptions::default()) {
            let msg = e.to_string();
            assert!(!msg.is_empty() && !msg.contains('\n'), "{msg:?}");
        }
    }
    // A PNG header: binary with NULs, control bytes and no usable column.
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0\x1f\xf3\xffa";
    let e = import_err("png", png, ImportOptions::default());
    assert!(
        matches!(e, Error::MissingRole { .. } | Error::NoEvents { .. }),
        "{e:?}"
    );
}

const SMALL: &str = "case,activity,timestamp\n\
A,Create,2024-01-01T10:00:00Z\n\
A,Pay,2024-01-05T10:00:00Z\n\
B,Create,2024-01-02T10:00:00Z\n";

#[test]
fn truncated_gzip_is_an_error_not_a_shorter_log() {
    // Long enough that the cut lands in the middle of the compressed records.
    let mut text = String::from("case,activity,timestamp\n");
    for i in 0..3000 {
        text.push_str(&format!(
            "C{},Step {},2024-01-{:02}T10:00:00Z\n",
            i % 100,
            i % 9,
            1 + i % 28
        ));
    }
    let gz = gzip(text.as_bytes());
    for cut in [gz.len() - 4, gz.len() - 8, gz.len() / 2, 12] {
        let e = import_err(
            &format!("gzip cut at {cut}"),
            &gz[..cut],
            ImportOptions::default(),
        );
        assert!(matches!(e, Error::Gzip(_)), "cut at {cut}: {e:?}");
        assert!(e.to_string().starts_with("cannot decompress the file"));
    }
    // A gzip header and nothing more.
    let e = import_err("gzip magic only", b"\x1f\x8b", ImportOptions::default());
    assert!(matches!(e, Error::Gzip(_)), "{e:?}");
}

#[test]
fn corrupt_gzip_data_is_an_error() {
    let mut gz = gzip(SMALL.as_bytes());
    let mid = gz.len() / 2;
    for b in &mut gz[12..mid] {
        *b ^= 0x5a;
    }
    let e = import_err("corrupt gzip", &gz, ImportOptions::default());
    assert!(matches!(e, Error::Gzip(_)), "{e:?}");
}

const XES: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<log>
<trace>
<string key="concept:name" value="T1"/>
<event>
<string key="concept:name" value="Create"/>
<date key="time:timestamp" value="2024-01-01T10:00:00Z"/>
</event>
<event>
<string key="concept:name" value="Pay"/>
<date key="time:timestamp" value="2024-01-05T10:00:00Z"/>
</event>
</trace>
<trace>
<string key="concept:name" value="T2"/>
<event>
<string key="concept:name" value="Create"/>
<date key="time:timestamp" value="2024-01-02T10:00:00Z"/>
</event>
</trace>
</log>
"#;

#[test]
fn xes_truncated_mid_tag() {
    // Cut inside `<date key="time:timestamp" value="2024-01-05...` of T1's second event.
    let cut = XES.find("2024-01-05").unwrap() + 4;
    let (log, report) = import_ok("xes cut mid-tag", &XES.as_bytes()[..cut]);
    // T1's complete first event survives; the cut one is dropped, and the report says the file ends
    // inside a tag and inside a trace.
    assert_eq!(log.case_ids(), ["T1"]);
    assert_eq!(log.case("T1").activities(), ["Create"]);
    let kinds: Vec<ProblemKind> = report.problems.iter().map(|p| p.kind).collect();
    assert!(
        kinds.contains(&ProblemKind::Malformed),
        "{:?}",
        report.problems
    );
    assert!(report
        .problems
        .iter()
        .any(|p| p.message.contains("ends inside a tag")));
    assert!(report
        .problems
        .iter()
        .any(|p| p.message.contains("ends inside a trace")));
}

#[test]
fn xes_truncated_mid_trace() {
    // Cut right after T2's opening: T1 is whole, T2 has nothing.
    let cut = XES.rfind("<trace>").unwrap() + "<trace>".len();
    let (log, report) = import_ok("xes cut mid-trace", &XES.as_bytes()[..cut]);
    assert_eq!(log.case_ids(), ["T1"]);
    assert_eq!(log.case("T1").activities(), ["Create", "Pay"]);
    assert_eq!(report.rows, 2);
    let p = report
        .problems
        .iter()
        .find(|p| p.message.contains("ends inside a trace"))
        .expect("a problem says the file ends inside a trace");
    assert_eq!(p.kind, ProblemKind::Malformed);
    assert_eq!(p.line, 14, "the line where the file ends");
    // Cut after T1's first event: the event is kept.
    let cut = XES.find("</event>").unwrap() + "</event>".len();
    let (log, _) = import_ok("xes cut after an event", &XES.as_bytes()[..cut]);
    assert_eq!(log.case("T1").activities(), ["Create"]);
}

#[test]
fn xes_without_traces() {
    for (name, text) in [
        ("empty log", "<?xml version=\"1.0\"?><log xes.version=\"1.0\"></log>"),
        ("self-closing log", "<log/>"),
        (
            "declarations only",
            "<log><extension name=\"Concept\" prefix=\"concept\" uri=\"x\"/><global scope=\"trace\"><string key=\"concept:name\" value=\"x\"/></global></log>",
        ),
        ("xml, not xes", "<html><body><p>hello</p></body></html>"),
    ] {
        let (msg, report) = no_events(name, text.as_bytes(), ImportOptions::default());
        assert_eq!(report.rows, 0, "{name}");
        assert!(msg.starts_with("no event could be read"), "{name}: {msg}");
    }
}

#[test]
fn xes_problem_lines() {
    let text = XES.replace(
        r#"<date key="time:timestamp" value="2024-01-02T10:00:00Z"/>"#,
        r#"<date key="time:timestamp" value="yesterday"/>"#,
    );
    let (log, report) = import_ok("xes bad date", text.as_bytes());
    assert_eq!(log.case_ids(), ["T1"]);
    assert_eq!(report.skipped_rows, 1);
    let p = &report.problems[0];
    assert_eq!(p.kind, ProblemKind::UnreadableTimestamp);
    assert_eq!(p.value, "yesterday");
    // The event starts on line 16 (`<event>` of T2).
    assert_eq!(p.line, 16);
}

#[test]
fn every_timestamp_unreadable() {
    let text = "case,activity,timestamp\nA,Create,soon\nA,Pay,later\nB,Create,never\n";
    // Named by the header but holding no dates: the guess refuses the column and says which exist.
    let e = import_err(
        "no dates, guessed",
        text.as_bytes(),
        ImportOptions::default(),
    );
    match &e {
        Error::MissingRole { role, columns } => {
            assert_eq!(*role, "Timestamp");
            assert_eq!(columns, &["case", "activity", "timestamp"]);
        }
        e => panic!("{e:?}"),
    }
    assert!(e.to_string().contains("\"timestamp\""), "{e}");
    // Named explicitly: every row is skipped, and the error says where the first one failed.
    let opts = ImportOptions {
        roles: vec![("timestamp".into(), ColumnRole::Timestamp)],
        ..Default::default()
    };
    let (msg, report) = no_events("no dates, named", text.as_bytes(), opts);
    assert_eq!(report.rows, 3);
    assert_eq!(report.skipped_rows, 3);
    let lines: Vec<u64> = report.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [2, 3, 4]);
    assert_eq!(report.problems[0].value, "soon");
    assert!(
        msg.contains("line 2") && msg.contains("column \"timestamp\"") && msg.contains("soon"),
        "{msg}"
    );
}

#[test]
fn rows_with_too_many_or_too_few_fields() {
    let text = "case,activity,timestamp,resource\n\
A,Create,2024-01-01T10:00:00Z,Ann\n\
A,Pay,2024-01-02T10:00:00Z,Bob,extra,more\n\
B,Create,2024-01-03T10:00:00Z\n\
B,Pay\n\
C\n";
    let (log, report) = import_ok("ragged", text.as_bytes());
    assert_eq!(report.rows, 5);
    // Extra and missing trailing fields are read as far as they go; a row cut before its timestamp (or
    // its activity) cannot be an event.
    assert_eq!(log.event_count(), 3);
    assert_eq!(report.skipped_rows, 2);
    let field_count: Vec<u64> = report
        .problems
        .iter()
        .filter(|p| p.kind == ProblemKind::FieldCount)
        .map(|p| p.line)
        .collect();
    assert_eq!(field_count, [3, 4, 5, 6]);
    let skipped: Vec<(u64, ProblemKind)> = report
        .problems
        .iter()
        .filter(|p| p.kind.skips_row())
        .map(|p| (p.line, p.kind))
        .collect();
    assert_eq!(
        skipped,
        [
            (5, ProblemKind::MissingTimestamp),
            (6, ProblemKind::MissingActivity)
        ]
    );
    assert_eq!(log.case("A").events[1].resource.as_deref(), Some("Bob"));
    assert_eq!(log.case("B").events[0].resource, None);
}

#[test]
fn ten_thousand_columns() {
    // Long column names make the header alone larger than the importer's 64 KiB head.
    let n = 10_000;
    let mut text = String::from("case,activity,timestamp");
    for i in 3..n {
        text.push_str(&format!(",attribute_number_{i:05}"));
    }
    text.push('\n');
    for (case, act, day) in [("A", "Create", 1), ("A", "Pay", 3), ("B", "Create", 2)] {
        text.push_str(&format!("{case},{act},2024-01-{day:02}T00:00:00Z"));
        for i in 3..n {
            text.push_str(&format!(",{}", i % 7));
        }
        text.push('\n');
    }
    assert!(text.find('\n').unwrap() > 64 * 1024);
    let (log, report) = import_ok("10k columns", text.as_bytes());
    assert_eq!(log.event_count(), 3);
    assert_eq!(report.skipped_rows, 0);
    assert_eq!(log.attributes.len(), n - 3);
    let pos = log.attr_pos("attribute_number_09999");
    assert_eq!(
        log.case("A").events[1].attrs[pos],
        Cell::Number((9999 % 7) as f64)
    );
}

#[test]
fn one_megabyte_field() {
    let big = "x".repeat(1 << 20);
    let text = format!(
        "case,activity,timestamp,note\n\
A,Create,2024-01-01T10:00:00Z,\"{big}\"\n\
A,Pay,{big},short\n\
A,Close,2024-01-03T10:00:00Z,short\n"
    );
    let (log, report) = import_ok("1 MB field", text.as_bytes());
    assert_eq!(log.case("A").activities(), ["Create", "Close"]);
    let note = log.attr_pos("note");
    assert_eq!(log.case("A").events[0].attrs[note], Cell::Text(big.clone()));
    // The report keeps the line and a cut-down copy of the value, not the megabyte.
    assert_eq!(report.skipped_rows, 1);
    let p = &report.problems[0];
    assert_eq!((p.line, p.column.as_str()), (3, "timestamp"));
    assert!(p.value.len() < 300 && p.value.starts_with("xxx"));
}

#[test]
fn absurd_years() {
    let text = "case,activity,timestamp\n\
A,Start,0001-01-01T00:00:00Z\n\
A,End,9999-12-31T23:59:59Z\n\
B,Start,1900-02-28\n\
B,End,31/12/9999\n\
C,Start,0000-01-01\n\
C,Bad,10000-01-01\n\
C,Bad,2024-13-01\n\
C,Bad,2023-02-29\n\
C,End,2024-02-29\n";
    let (log, report) = import_ok("absurd years", text.as_bytes());
    let a = log.case("A");
    assert_eq!(a.events[0].time_ms, utc_ms(1, 1, 1, 0, 0, 0));
    assert_eq!(a.events[1].time_ms, utc_ms(9999, 12, 31, 23, 59, 59));
    assert_eq!(
        log.case("B").events[1].time_ms,
        utc_ms(9999, 12, 31, 0, 0, 0)
    );
    let c = log.case("C");
    assert_eq!(c.activities(), ["Start", "End"]);
    assert_eq!(c.events[0].time_ms, utc_ms(0, 1, 1, 0, 0, 0));
    let bad: Vec<(u64, &str)> = report
        .problems
        .iter()
        .map(|p| (p.line, p.value.as_str()))
        .collect();
    assert_eq!(
        bad,
        [(7, "10000-01-01"), (8, "2024-13-01"), (9, "2023-02-29")]
    );
    let imported = import_chunked(text.as_bytes(), text.len(), ImportOptions::default()).unwrap();
    let s = summarize(&imported.log, &Selection::all(&imported.log));
    assert_eq!(s.log.first_event.as_deref(), Some("0000-01-01T00:00:00Z"));
    assert_eq!(s.log.last_event.as_deref(), Some("9999-12-31T23:59:59Z"));
    let a_span_s = (utc_ms(9999, 12, 31, 23, 59, 59) - utc_ms(1, 1, 1, 0, 0, 0)) as f64 / 1000.0;
    assert_eq!(s.case_duration_s.max, a_span_s);
}

#[test]
fn day_and_month_first_disagree() {
    // Three dates only valid day-first (first field over 12), one only valid month-first.
    let text = "case,activity,timestamp\n\
A,Create,31/01/2024 10:00\n\
A,Send,15/02/2024 10:00\n\
B,Create,20/01/2024 09:00\n\
B,Send,01/25/2024 09:00\n\
B,Pay,05/02/2024 09:00\n";
    let (log, report) = import_ok("day vs month", text.as_bytes());
    assert_eq!(report.date_order, DateOrder::DayFirst);
    assert!(!report.date_order_ambiguous);
    assert!(
        report.notes.iter().any(|n| n.contains("disagree")
            && n.contains("3 only valid day-first")
            && n.contains("1 only valid month-first")
            && n.contains("read as day-first")),
        "{:?}",
        report.notes
    );
    assert_eq!(report.skipped_rows, 1);
    let p = &report.problems[0];
    assert_eq!(
        (p.line, p.column.as_str(), p.value.as_str(), p.kind),
        (
            5,
            "timestamp",
            "01/25/2024 09:00",
            ProblemKind::UnreadableTimestamp
        )
    );
    assert!(p.message.contains("day-first"));
    // 05/02 is read day-first: the 5th of February.
    let b = log.case("B");
    assert_eq!(b.activities(), ["Create", "Pay"]);
    assert_eq!(b.events[1].time_ms, utc_ms(2024, 2, 5, 9, 0, 0));
    // Told explicitly, the other way wins and the day-first rows are the skipped ones.
    let opts = ImportOptions {
        date_order: DateOrder::MonthFirst,
        ..Default::default()
    };
    let i = import("month-first forced", text.as_bytes(), opts).unwrap();
    assert_eq!(i.report.skipped_rows, 3);
    assert_eq!(LogSnap::of(&i.log).case_ids(), ["B"]);
}

#[test]
fn ambiguous_dates_only() {
    let text = "case,activity,timestamp\n\
A,Create,03/04/2024\n\
A,Pay,04/05/2024\n\
B,Create,01/02/2024\n";
    let (log, report) = import_ok("ambiguous", text.as_bytes());
    assert!(report.date_order_ambiguous);
    assert_eq!(report.date_order, DateOrder::DayFirst);
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.contains("could not be told") && n.contains("3 values")),
        "{:?}",
        report.notes
    );
    assert_eq!(report.skipped_rows, 0);
    assert_eq!(log.case("A").events[0].time_ms, utc_ms(2024, 4, 3, 0, 0, 0));
    // Same day and month both ways: nothing to decide.
    let (_, report) = import_ok(
        "same both ways",
        b"case,activity,timestamp\nA,Create,05/05/2024\nA,Pay,07/07/2024\n",
    );
    assert!(!report.date_order_ambiguous);
}

/// One trace per ten events; every event has an `amount` and a key of its own, `k0`, `k1`, ...
fn key_bomb_xes(events: usize) -> String {
    let mut s = String::from("<?xml version=\"1.0\"?>\n<log>\n");
    for i in 0..events {
        if i % 10 == 0 {
            s.push_str(&format!(
                "<trace><string key=\"concept:name\" value=\"T{}\"/>\n",
                i / 10
            ));
        }
        s.push_str(&format!(
            "<event><string key=\"concept:name\" value=\"A{}\"/>\
             <date key=\"time:timestamp\" value=\"2024-01-01T00:00:{:02}Z\"/>\
             <int key=\"amount\" value=\"{i}\"/><string key=\"k{i}\" value=\"v\"/></event>\n",
            i % 5,
            i % 10
        ));
        if i % 10 == 9 {
            s.push_str("</trace>\n");
        }
    }
    s.push_str("</log>\n");
    s
}

/// The kept and dropped `k…` keys of a key bomb, and the note about the dropped ones.
fn kept_keys(log: &relance_engine::EventLog, report: &ImportReport, events: usize) -> usize {
    let kept: Vec<&str> = log
        .attributes()
        .iter()
        .map(|a| a.name.as_str())
        .filter(|n| n.starts_with('k'))
        .collect();
    // Every key has one value, so they tie: the first keys of the file are the ones kept.
    let expected: Vec<String> = (0..kept.len()).map(|i| format!("k{i}")).collect();
    assert_eq!(kept, expected);
    let dropped = events - kept.len();
    assert!(dropped > 0, "every key kept");
    let note = report
        .notes
        .iter()
        .find(|n| n.contains("were not imported"))
        .unwrap_or_else(|| panic!("no note on the dropped keys: {:?}", report.notes));
    assert!(
        note.starts_with(&format!("{dropped} attributes were not imported")),
        "{note}"
    );
    // The first dropped key is named with its share.
    assert!(
        note.contains(&format!("\"k{}\" (1 of {events} events", kept.len())),
        "{note}"
    );
    assert!(note.len() < 2000, "{note}");
    kept.len()
}

#[test]
fn xes_attribute_key_bomb_is_cut_to_a_memory_budget_with_a_note() {
    let events = 4000;
    let text = key_bomb_xes(events);
    let started = std::time::Instant::now();
    let i =
        relance_engine::import::import_bytes(text.as_bytes(), ImportOptions::default()).unwrap();
    let elapsed = started.elapsed();
    assert_eq!(i.log.event_count(), events);
    assert_eq!(i.log.case_count(), events / 10);
    // The attribute every event has is kept whole.
    let amount = i.log.attribute("amount").expect("amount kept");
    assert_eq!(amount.get(0), relance_engine::log::Value::Number(0.0));
    let kept = kept_keys(&i.log, &i.report, events);
    assert!(kept >= 1);
    // Dense columns for all 4,000 keys would be 4,000 x 4,000 x 4 B = 64 MB.
    let heap = i.log.heap_bytes();
    assert!(heap < 8 << 20, "{heap} bytes");
    assert!(elapsed.as_secs() < 20, "{elapsed:?}");
    // A small one reads the same every way, and keeps every key (well under the budget).
    let (log, report) = import_ok("small key bomb", key_bomb_xes(60).as_bytes());
    assert_eq!(log.attributes.len(), 61);
    assert!(!report.notes.iter().any(|n| n.contains("not imported")));
}

#[test]
fn sparse_wide_csv_is_cut_to_a_memory_budget_with_a_note() {
    // Row i has a value in column k<i> only.
    let n = 2500;
    let mut text = String::from("case,activity,timestamp");
    for i in 0..n {
        text.push_str(&format!(",k{i}"));
    }
    text.push('\n');
    for i in 0..n {
        text.push_str(&format!("C{},A,2024-01-01T00:00:00Z", i / 10));
        text.push_str(&",".repeat(i + 1));
        text.push('v');
        text.push_str(&",".repeat(n - i - 1));
        text.push('\n');
    }
    let i =
        relance_engine::import::import_bytes(text.as_bytes(), ImportOptions::default()).unwrap();
    assert_eq!(i.log.event_count(), n);
    assert_eq!(i.report.skipped_rows, 0);
    kept_keys(&i.log, &i.report, n);
    let heap = i.log.heap_bytes();
    assert!(heap < 8 << 20, "{heap} bytes");
}

/// `traces` traces of three events; the first lacks `</trace>`. Returns the text and the line of the
/// second trace's `<trace>`.
fn xes_missing_end_trace(traces: usize) -> (String, u64) {
    let mut s = String::from("<?xml version=\"1.0\"?>\n<log>\n");
    let mut second = 0;
    for t in 0..traces {
        if t == 1 {
            second = s.lines().count() as u64 + 1;
        }
        s.push_str(&format!(
            "<trace>\n<string key=\"concept:name\" value=\"T{t}\"/>\n"
        ));
        for (k, act) in ["Create", "Send", "Pay"].iter().enumerate() {
            s.push_str(&format!(
                "<event><string key=\"concept:name\" value=\"{act}\"/><date key=\"time:timestamp\" value=\"2024-01-0{}T10:00:00Z\"/></event>\n",
                k + 1
            ));
        }
        if t != 0 {
            s.push_str("</trace>\n");
        }
    }
    s.push_str("</log>\n");
    (s, second)
}

#[test]
fn xes_missing_end_trace_does_not_swallow_the_following_traces() {
    let (text, line) = xes_missing_end_trace(1000);
    assert_eq!(line, 8); // header, <log>, 2 + 3 lines of T0
    let (log, report) = import_ok("missing </trace>", text.as_bytes());
    assert_eq!(log.cases.len(), 1000);
    assert_eq!(log.event_count(), 3000);
    assert_eq!(log.case("T0").activities(), ["Create", "Send", "Pay"]);
    assert_eq!(log.case("T999").activities(), ["Create", "Send", "Pay"]);
    let malformed: Vec<_> = report
        .problems
        .iter()
        .filter(|p| p.kind == ProblemKind::Malformed)
        .collect();
    assert_eq!(malformed.len(), 1, "{malformed:?}");
    assert_eq!(malformed[0].line, line);
    assert!(malformed[0].message.contains("</trace>"), "{malformed:?}");
    assert_eq!(report.skipped_rows, 0);
}

#[test]
fn xes_mismatched_end_tags_are_problems_and_recover() {
    let text = "<log>\n\
<trace><string key=\"concept:name\" value=\"T1\"/>\n\
<event><string key=\"concept:name\" value=\"A\"/><date key=\"time:timestamp\" value=\"2024-01-01T00:00:00Z\"/>\n\
</trace>\n\
<trace><string key=\"concept:name\" value=\"T2\"/>\n\
<event><string key=\"concept:name\" value=\"B\"/><date key=\"time:timestamp\" value=\"2024-01-02T00:00:00Z\"/>\n\
<event><string key=\"concept:name\" value=\"C\"/><date key=\"time:timestamp\" value=\"2024-01-03T00:00:00Z\"/></event>\n\
</trace></foo>\n\
</log>\n";
    let (log, report) = import_ok("mismatched end tags", text.as_bytes());
    // A missing </event> is closed by </trace> (line 4) or by the next <event> (line 7).
    assert_eq!(log.case("T1").activities(), ["A"]);
    assert_eq!(log.case("T2").activities(), ["B", "C"]);
    let lines: Vec<(u64, &str)> = report
        .problems
        .iter()
        .map(|p| (p.line, p.message.as_str()))
        .collect();
    assert_eq!(report.problems.len(), 3, "{lines:?}");
    assert!(
        lines[0].0 == 4 && lines[0].1.contains("</event>"),
        "{lines:?}"
    );
    assert!(
        lines[1].0 == 7 && lines[1].1.contains("</event>"),
        "{lines:?}"
    );
    assert!(
        lines[2].0 == 8 && lines[2].1.contains("</foo>"),
        "{lines:?}"
    );
}

#[test]
fn xes_events_outside_traces_are_counted_and_noted() {
    let ev = |a: &str| {
        format!("<event><string key=\"concept:name\" value=\"{a}\"/><date key=\"time:timestamp\" value=\"2024-01-01T00:00:00Z\"/></event>")
    };
    let text = format!(
        "<log>\n\
{}\n\
<trace><string key=\"concept:name\" value=\"T1\"/>\n\
<list key=\"items\">{}</list>\n\
<container key=\"c\">{}</container>\n\
<x:group>{}</x:group>\n\
{}\n\
</trace>\n\
</log>\n",
        ev("Loose"),
        ev("InList"),
        ev("InContainer"),
        ev("InNamespace"),
        ev("Real")
    );
    let (log, report) = import_ok("events outside traces", text.as_bytes());
    assert_eq!(log.case_ids(), ["T1"]);
    assert_eq!(log.case("T1").activities(), ["Real"]);
    let note = report
        .notes
        .iter()
        .find(|n| n.contains("<event>"))
        .unwrap_or_else(|| panic!("{:?}", report.notes));
    assert!(note.starts_with("4 <event> elements"), "{note}");
    assert!(note.contains("line 2"), "{note}");
}

#[test]
fn xes_nameless_end_tags_and_odd_comments() {
    let text = "<log>\n\
<trace><string key=\"concept:name\" value=\"T1\"/>\n\
<event><string key=\"concept:name\" value=\"A\"/></><date key=\"time:timestamp\" value=\"2024-01-01T00:00:00Z\"/></event>\n\
<!--> a comment goes on to its real end: <event><string key=\"concept:name\" value=\"Hidden\"/><date key=\"time:timestamp\" value=\"2024-01-02T00:00:00Z\"/></event> -->\n\
<event><string key=\"concept:name\" value=\"B\"/><date key=\"time:timestamp\" value=\"2024-01-03T00:00:00Z\"/></event>\n\
</trace>\n\
</log>\n";
    let (log, report) = import_ok("</> and <!-->", text.as_bytes());
    assert_eq!(log.case("T1").activities(), ["A", "B"]);
    assert_eq!(report.skipped_rows, 0);
    let p: Vec<_> = report.problems.iter().map(|p| (p.line, p.kind)).collect();
    assert_eq!(p, [(3, ProblemKind::Malformed)]);
}

#[test]
fn excel_serials_past_year_9999_are_unreadable() {
    // 2958465 is 9999-12-31 (days from 1899-12-30); the next day is year 10000, refused like ISO.
    let text = "case,activity,timestamp\n\
A,Start,2958465\n\
A,Bad,2958466\n\
A,Bad,2999999.5\n\
A,End,45292\n";
    let opts = ImportOptions {
        roles: vec![("timestamp".into(), ColumnRole::Timestamp)],
        ..Default::default()
    };
    let i = import("excel years", text.as_bytes(), opts).unwrap();
    let log = LogSnap::of(&i.log);
    assert_eq!(log.case("A").activities(), ["End", "Start"]);
    assert_eq!(
        log.case("A").events[1].time_ms,
        utc_ms(9999, 12, 31, 0, 0, 0)
    );
    let bad: Vec<(u64, ProblemKind)> = i.report.problems.iter().map(|p| (p.line, p.kind)).collect();
    assert_eq!(
        bad,
        [
            (3, ProblemKind::UnreadableTimestamp),
            (4, ProblemKind::UnreadableTimestamp)
        ]
    );
}

#[test]
fn messages_and_notes_cut_long_values() {
    let big = "9".repeat(300_000);
    let text = format!(
        "case,activity,timestamp,start\n\
A,Create,2024-01-01T10:00:00Z,{big}\n\
A,Pay,x{big},2024-01-01T09:00:00Z\n\
A,Close,2024-01-03T10:00:00Z,\n"
    );
    let opts = ImportOptions {
        roles: vec![("start".into(), ColumnRole::StartTimestamp)],
        ..Default::default()
    };
    let i = import("long values in messages", text.as_bytes(), opts).unwrap();
    for p in &i.report.problems {
        assert!(
            p.message.len() < 1000,
            "message of {} bytes",
            p.message.len()
        );
    }
    for n in &i.report.notes {
        assert!(n.len() < 1000, "note of {} bytes", n.len());
    }
    assert!(i
        .report
        .notes
        .iter()
        .any(|n| n.contains("start times could not be read")));
}

#[test]
fn blank_lines_before_the_header_are_skipped() {
    // More blank lines than the importer's 64 KiB sample.
    let text = format!(
        "{}case,activity,timestamp\nA,Create,2024-01-01T10:00:00Z\nA,Pay,2024-01-02T10:00:00Z\n",
        "\n".repeat(70_000)
    );
    let (log, report) = import_ok("blank lead", text.as_bytes());
    assert_eq!(log.case("A").activities(), ["Create", "Pay"]);
    assert_eq!(report.columns.case, "case");
    assert_eq!(report.rows, 2);
}
