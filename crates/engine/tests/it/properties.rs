//! Property tests: random small logs written as CSV, imported, and checked against identities every log
//! satisfies and against a model of the import computed here (group by case in order of first
//! appearance, stable sort by time so ties keep file order).

use crate::snapshot::{import_chunked, Cell, LogSnap};
use proptest::prelude::*;
use relance_engine::analysis::summarize;
use relance_engine::import::{import_bytes, ImportOptions, Imported};
use relance_engine::log::Value;
use relance_engine::{EventLog, Selection};

/// Activity names, some needing quotes.
const ACTIVITIES: [&str; 6] = [
    "Create",
    "Send reminder",
    "Pay, in part",
    "Call \"urgent\"",
    "Relance envoyée",
    "Close",
];
const RESOURCES: [&str; 3] = ["Ann", "Bob", ""];
/// Notes: text, an empty value, a quoted newline, a number.
const NOTES: [&str; 5] = ["x", "", "two\nlines", "a, b", "1.5"];

/// One generated row, in file order.
#[derive(Debug, Clone)]
struct Row {
    case: usize,
    activity: usize,
    /// Minutes after 2024-03-01T00:00:00Z; a small range so ties are common.
    minute: i64,
    resource: usize,
    note: usize,
    /// Write the time as ISO with `Z` or as naive `yyyy-mm-dd hh:mm:ss` (both read as UTC).
    iso_z: bool,
    /// The case's tier left empty on this row, or another tier given: a column that usually describes
    /// the case (an invoice's customer) but not always.
    tier_blank: bool,
    tier_odd: bool,
}

impl Row {
    fn tier(&self) -> String {
        match (self.tier_blank, self.tier_odd) {
            (true, _) => String::new(),
            (false, true) => "T9".to_string(),
            (false, false) => format!("T{}", self.case % 3),
        }
    }
}

fn rows() -> impl Strategy<Value = Vec<Row>> {
    prop::collection::vec(
        (
            0..6usize,
            0..6usize,
            0..8i64,
            0..3usize,
            0..5usize,
            any::<bool>(),
            prop::bool::weighted(0.15),
            prop::bool::weighted(0.05),
        )
            .prop_map(
                |(case, activity, minute, resource, note, iso_z, tier_blank, tier_odd)| Row {
                    case,
                    activity,
                    minute,
                    resource,
                    note,
                    iso_z,
                    tier_blank,
                    tier_odd,
                },
            ),
        1..40,
    )
}

const BASE_MS: i64 = 1_709_251_200_000; // 2024-03-01T00:00:00Z (`date -u -d 2024-03-01 +%s`)

fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// Civil date and time of UTC milliseconds (Hinnant's `civil_from_days`), written here so the CSV
/// writer does not borrow the engine's formatter.
fn iso(ms: i64, z: bool) -> String {
    let days = ms.div_euclid(86_400_000);
    let rem = ms.rem_euclid(86_400_000) / 1000;
    let zd = days + 719_468;
    let era = zd.div_euclid(146_097);
    let doe = zd - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    let (hh, mm, ss) = (rem / 3600, rem / 60 % 60, rem % 60);
    if z {
        format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}Z")
    } else {
        format!("{y:04}-{m:02}-{d:02} {hh:02}:{mm:02}:{ss:02}")
    }
}

fn csv_of(rows: &[Row]) -> String {
    let mut s = String::from("case,activity,timestamp,resource,note,tier\n");
    for r in rows {
        s.push_str(&format!(
            "C{},{},{},{},{},{}\n",
            r.case,
            quote(ACTIVITIES[r.activity]),
            iso(BASE_MS + r.minute * 60_000, r.iso_z),
            quote(RESOURCES[r.resource]),
            quote(NOTES[r.note]),
            r.tier()
        ));
    }
    s
}

fn import(text: &str) -> Imported {
    import_bytes(text.as_bytes(), ImportOptions::default())
        .unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// An expected event: activity, instant, resource, note, tier.
type ModelEvent = (
    &'static str,
    i64,
    Option<&'static str>,
    &'static str,
    String,
);

/// The expected log: cases in order of first appearance, each case's rows stably sorted by time.
fn model(rows: &[Row]) -> Vec<(String, Vec<ModelEvent>)> {
    let mut order: Vec<usize> = Vec::new();
    for r in rows {
        if !order.contains(&r.case) {
            order.push(r.case);
        }
    }
    order
        .into_iter()
        .map(|c| {
            let mut evs: Vec<&Row> = rows.iter().filter(|r| r.case == c).collect();
            evs.sort_by_key(|r| r.minute); // `sort_by_key` is stable
            (
                format!("C{c}"),
                evs.iter()
                    .map(|r| {
                        let res = RESOURCES[r.resource];
                        (
                            ACTIVITIES[r.activity],
                            BASE_MS + r.minute * 60_000,
                            (!res.is_empty()).then_some(res),
                            NOTES[r.note],
                            r.tier(),
                        )
                    })
                    .collect(),
            )
        })
        .collect()
}

/// Writes a log back out as CSV from its public accessors, cases in log order, events in case order.
fn write_back(log: &EventLog) -> String {
    let mut s = String::from("case,activity,timestamp,resource");
    let attrs = log.attributes();
    for a in attrs {
        s.push(',');
        s.push_str(&quote(&a.name));
    }
    s.push('\n');
    for c in 0..log.case_count() {
        for e in log.case_events(c) {
            s.push_str(&quote(log.case_id(c)));
            s.push(',');
            s.push_str(&quote(log.activity_name(log.activities()[e])));
            s.push(',');
            s.push_str(&iso(log.times()[e], true));
            s.push(',');
            s.push_str(&quote(
                log.resource_name(log.resources()[e]).unwrap_or_default(),
            ));
            for a in attrs {
                s.push(',');
                let v = match log.event_value(a, e, c) {
                    Value::Missing => String::new(),
                    Value::Text(t) => t.to_string(),
                    Value::Number(x) => format!("{x}"),
                    Value::Time(t) => iso(t, true),
                };
                s.push_str(&quote(&v));
            }
            s.push('\n');
        }
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn counts_add_up(rows in rows()) {
        let imported = import(&csv_of(&rows));
        let log = &imported.log;
        let s = summarize(log, &Selection::all(log));
        let (events, cases) = (rows.len() as u64, model(&rows).len() as u64);
        prop_assert_eq!(s.log.events, events);
        prop_assert_eq!(s.log.cases, cases);
        prop_assert_eq!(s.dfg.iter().map(|e| e.count).sum::<u64>(), events - cases);
        prop_assert_eq!(s.start_activities.iter().map(|a| a.cases).sum::<u64>(), cases);
        prop_assert_eq!(s.end_activities.iter().map(|a| a.cases).sum::<u64>(), cases);
        prop_assert_eq!(s.variants.iter().map(|v| v.cases).sum::<u64>(), cases);
        prop_assert_eq!(s.activities.iter().map(|a| a.events).sum::<u64>(), events);
        prop_assert_eq!(imported.report.rows, events);
        prop_assert_eq!(imported.report.skipped_rows, 0);
    }

    #[test]
    fn ties_keep_file_order(rows in rows()) {
        let imported = import(&csv_of(&rows));
        let snap = LogSnap::of(&imported.log);
        let expected = model(&rows);
        prop_assert_eq!(snap.case_ids(), expected.iter().map(|c| c.0.as_str()).collect::<Vec<_>>());
        let note = snap.attributes.iter().any(|a| a.0 == "note").then(|| snap.attr_pos("note"));
        let tier = snap.attributes.iter().any(|a| a.0 == "tier").then(|| snap.attr_pos("tier"));
        for (case, (id, evs)) in snap.cases.iter().zip(&expected) {
            prop_assert_eq!(&case.id, id);
            let got: Vec<(&str, i64, Option<&str>)> = case
                .events
                .iter()
                .map(|e| (e.activity.as_str(), e.time_ms, e.resource.as_deref()))
                .collect();
            let want: Vec<(&str, i64, Option<&str>)> =
                evs.iter().map(|&(a, t, r, _, _)| (a, t, r)).collect();
            prop_assert_eq!(got, want);
            if let Some(p) = tier {
                for (e, (_, _, _, _, want)) in case.events.iter().zip(evs) {
                    let got = match &e.attrs[p] {
                        Cell::Missing => String::new(),
                        Cell::Text(t) => t.clone(),
                        other => format!("{other:?}"),
                    };
                    prop_assert_eq!(&got, want);
                }
            }
            if let Some(p) = note {
                for (e, &(_, _, _, n, _)) in case.events.iter().zip(evs) {
                    let ok = match &e.attrs[p] {
                        Cell::Missing => n.is_empty(),
                        Cell::Text(t) => t == n,
                        Cell::Number(x) => n.parse::<f64>().ok() == Some(*x),
                        Cell::Time(_) => false,
                    };
                    prop_assert!(ok, "note {:?} for {:?}", e.attrs[p], n);
                }
            }
        }
    }

    #[test]
    fn writing_back_and_reimporting_gives_the_same_log(rows in rows()) {
        let first = import(&csv_of(&rows));
        let text = write_back(&first.log);
        let second = import(&text);
        // Activity ids follow first appearance in the file, which the sorted rewrite changes; the
        // names per event (compared in the cases) are what must not.
        let (mut a, mut b) = (LogSnap::of(&second.log), LogSnap::of(&first.log));
        a.activity_names.sort();
        b.activity_names.sort();
        prop_assert_eq!(a, b, "{}", text);
    }

    #[test]
    fn any_chunk_size_gives_the_same_log(rows in rows(), chunk in 1..200usize) {
        let text = csv_of(&rows);
        let whole = import(&text);
        let chunked = import_chunked(text.as_bytes(), chunk, ImportOptions::default()).unwrap();
        prop_assert_eq!(LogSnap::of(&chunked.log), LogSnap::of(&whole.log));
        prop_assert_eq!(chunked.report, whole.report);
    }
}

#[test]
fn iso_writer_matches_known_instants() {
    assert_eq!(iso(BASE_MS, true), "2024-03-01T00:00:00Z");
    assert_eq!(iso(BASE_MS - 1000, false), "2024-02-29 23:59:59");
    assert_eq!(iso(0, true), "1970-01-01T00:00:00Z");
}
