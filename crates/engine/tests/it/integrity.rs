//! Data integrity: what an import keeps when the file contradicts itself (duplicate column names, a case
//! given two values, two traces with one name, start after end, broken UTF-16) and that every such choice
//! is written in the report. Every case also goes through every chunking.

use crate::chunking::same_every_way;
use crate::snapshot::{utc_ms, Cell, LogSnap};
use relance_engine::import::{ColumnRole, ImportOptions, ImportReport};

fn ok(name: &str, bytes: &[u8], opts: ImportOptions) -> (LogSnap, ImportReport) {
    same_every_way(name, bytes, opts).unwrap_or_else(|e| panic!("{name}: import failed: {e}"))
}

fn note<'a>(report: &'a ImportReport, needle: &str) -> &'a str {
    report
        .notes
        .iter()
        .find(|n| n.contains(needle))
        .unwrap_or_else(|| panic!("no note with {needle:?} in {:?}", report.notes))
}

#[test]
fn duplicate_column_names_are_renamed_and_noted() {
    let text = "case,activity,timestamp,note,note,note (2),note\n\
A,Create,2024-01-01T10:00:00Z,first,second,third,fourth\n\
A,Pay,2024-01-02T10:00:00Z,,later,,\n";
    let (log, report) = ok(
        "duplicate columns",
        text.as_bytes(),
        ImportOptions::default(),
    );
    let names: Vec<&str> = log.attributes.iter().map(|a| a.0.as_str()).collect();
    // The file's own "note (2)" keeps its name; the third "note" takes the next free one.
    assert_eq!(names, ["note", "note (3)", "note (2)", "note (4)"]);
    let a = log.case("A");
    let cell = |e: usize, name: &str| a.events[e].attrs[log.attr_pos(name)].clone();
    assert_eq!(cell(0, "note"), Cell::Text("first".into()));
    assert_eq!(cell(0, "note (3)"), Cell::Text("second".into()));
    assert_eq!(cell(0, "note (2)"), Cell::Text("third".into()));
    assert_eq!(cell(0, "note (4)"), Cell::Text("fourth".into()));
    assert_eq!(cell(1, "note"), Cell::Missing);
    assert_eq!(cell(1, "note (3)"), Cell::Text("later".into()));
    let n = note(&report, "column name \"note\"");
    assert!(
        n.contains("3 times") && n.contains("\"note (3)\", \"note (4)\""),
        "{n}"
    );
}

#[test]
fn conflicting_case_attribute_values_are_noted() {
    let text = "case,activity,timestamp,case:region\n\
A,Create,2024-01-01T10:00:00Z,North\n\
B,Create,2024-01-01T11:00:00Z,West\n\
A,Pay,2024-01-02T10:00:00Z,South\n\
B,Pay,2024-01-02T11:00:00Z,West\n\
C,Create,2024-01-03T10:00:00Z,\n\
C,Pay,2024-01-04T10:00:00Z,East\n\
C,Close,2024-01-05T10:00:00Z,Up\n\
A,Close,2024-01-05T10:00:00Z,Down\n";
    let (log, report) = ok("case conflicts", text.as_bytes(), ImportOptions::default());
    let region = log.attr_pos("region");
    assert_eq!(log.case("A").attrs[region], Cell::Text("North".into()));
    assert_eq!(log.case("B").attrs[region], Cell::Text("West".into()));
    assert_eq!(log.case("C").attrs[region], Cell::Text("East".into()));
    // A (North, then South and Down) and C (East, then Up): two cases.
    let n = note(&report, "\"region\"");
    assert!(
        n.starts_with("column \"region\": 2 cases have more than one value"),
        "{n}"
    );
    assert!(
        n.contains("case \"A\": \"North\" kept, \"South\" ignored"),
        "{n}"
    );

    // The same for an XES trace attribute given twice.
    let xes = "<log><trace><string key=\"concept:name\" value=\"T1\"/>\
<string key=\"region\" value=\"North\"/><string key=\"region\" value=\"South\"/>\
<event><string key=\"concept:name\" value=\"A\"/><date key=\"time:timestamp\" value=\"2024-01-01T00:00:00Z\"/></event>\
</trace></log>";
    let (log, report) = ok(
        "xes case conflict",
        xes.as_bytes(),
        ImportOptions::default(),
    );
    assert_eq!(log.case("T1").attrs[0], Cell::Text("North".into()));
    let n = note(&report, "\"region\"");
    assert!(n.contains("1 cases have more than one value"), "{n}");
}

#[test]
fn xes_traces_with_the_same_name_stay_apart() {
    let trace = |name: Option<&str>, act: &str| {
        let name = name
            .map(|n| format!("<string key=\"concept:name\" value=\"{n}\"/>"))
            .unwrap_or_default();
        format!(
            "<trace>{name}<event><string key=\"concept:name\" value=\"{act}\"/>\
<date key=\"time:timestamp\" value=\"2024-01-01T00:00:00Z\"/></event></trace>\n"
        )
    };
    let text = format!(
        "<log>\n{}{}{}{}{}</log>\n",
        trace(Some("T1"), "a"),
        trace(Some("T1"), "b"),
        trace(None, "c"),
        trace(Some("trace 3"), "d"),
        trace(Some("T1"), "e"),
    );
    let (log, report) = ok(
        "same trace names",
        text.as_bytes(),
        ImportOptions::default(),
    );
    assert_eq!(
        log.case_ids(),
        ["T1", "T1 (2)", "trace 3", "trace 3 (2)", "T1 (3)"]
    );
    assert_eq!(log.case("T1 (2)").activities(), ["b"]);
    assert_eq!(log.case("trace 3 (2)").activities(), ["d"]);
    let n = note(&report, "same name");
    assert!(
        n.starts_with("3 traces have the same name as an earlier one"),
        "{n}"
    );
    assert!(n.contains("\"T1 (2)\" at line 3"), "{n}");
}

#[test]
fn unpaired_utf16_surrogates_are_noted() {
    let text = "case,activity,timestamp\nA,Cre\u{E000}ate,2024-01-01T10:00:00Z\n";
    let mut units: Vec<u16> = text.encode_utf16().collect();
    // U+E000 becomes a lone high surrogate.
    let at = units.iter().position(|&u| u == 0xE000).unwrap();
    units[at] = 0xD800;
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(units.iter().flat_map(|u| u.to_le_bytes()));
    let (log, report) = ok("lone surrogate", &bytes, ImportOptions::default());
    assert_eq!(log.case("A").activities(), ["Cre\u{FFFD}ate"]);
    let n = note(&report, "surrogate");
    assert!(n.starts_with("1 unpaired UTF-16 surrogate"), "{n}");
}

#[test]
fn xes_global_event_name_default_is_noted_not_applied() {
    // pm4py ignores <global>: an event without concept:name stays a missing activity, as there.
    let text = "<log>\n\
<global scope=\"event\"><string key=\"concept:name\" value=\"__INVALID__\"/></global>\n\
<trace><string key=\"concept:name\" value=\"T1\"/>\n\
<event><date key=\"time:timestamp\" value=\"2024-01-01T00:00:00Z\"/></event>\n\
<event><string key=\"concept:name\" value=\"A\"/><date key=\"time:timestamp\" value=\"2024-01-02T00:00:00Z\"/></event>\n\
</trace>\n\
</log>\n";
    let (log, report) = ok("global default", text.as_bytes(), ImportOptions::default());
    assert_eq!(log.case("T1").activities(), ["A"]);
    assert_eq!(report.skipped_rows, 1);
    assert_eq!(report.problems[0].line, 4);
    let n = note(&report, "<global");
    assert!(
        n.contains("\"__INVALID__\"") && n.contains("not applied"),
        "{n}"
    );
}

#[test]
fn start_after_end_is_reported_and_cleared() {
    let text = "case,activity,start,timestamp\n\
A,Check,2024-01-01T09:00:00Z,2024-01-01T10:00:00Z\n\
A,Approve,2024-01-02T12:00:00Z,2024-01-02T10:00:00Z\n\
B,Check,2024-01-01T10:00:00Z,2024-01-01T10:00:00Z\n\
B,Approve,2024-01-05T00:00:00Z,2024-01-03T00:00:00Z\n";
    let opts = ImportOptions {
        roles: vec![
            ("start".into(), ColumnRole::StartTimestamp),
            ("timestamp".into(), ColumnRole::Timestamp),
        ],
        ..Default::default()
    };
    let (log, report) = ok("start after end", text.as_bytes(), opts);
    let a = log.case("A");
    assert_eq!(a.events[0].start_ms, Some(utc_ms(2024, 1, 1, 9, 0, 0)));
    // Start equal to end is fine; a start after the end is left out.
    assert_eq!(a.events[1].start_ms, Some(i64::MIN));
    assert_eq!(
        log.case("B").events[0].start_ms,
        Some(utc_ms(2024, 1, 1, 10, 0, 0))
    );
    assert_eq!(log.case("B").events[1].start_ms, Some(i64::MIN));
    let n = note(&report, "after");
    assert!(
        n.starts_with("column \"start\": 2 start times are after their event's end")
            && n.contains("line 3"),
        "{n}"
    );
}

#[test]
fn start_after_end_is_judged_after_the_day_month_decision() {
    // 03/04 read day-first is 3 April (after the 2 April end); the last row settles month-first, where
    // it is 4 March, before the end: no start is after its end.
    let text = "case,activity,start,timestamp\n\
A,Check,03/04/2024 09:00,04/02/2024 10:00\n\
A,Pay,01/25/2024 09:00,01/26/2024 09:00\n";
    let opts = ImportOptions {
        roles: vec![
            ("start".into(), ColumnRole::StartTimestamp),
            ("timestamp".into(), ColumnRole::Timestamp),
        ],
        ..Default::default()
    };
    let (log, report) = ok("start vs month-first", text.as_bytes(), opts);
    let a = log.case("A");
    assert_eq!(a.activities(), ["Pay", "Check"]);
    assert_eq!(a.events[1].start_ms, Some(utc_ms(2024, 3, 4, 9, 0, 0)));
    assert!(
        !report.notes.iter().any(|n| n.contains("after their event")),
        "{:?}",
        report.notes
    );
}
