//! The log's memory budget: at most about 64 bytes per event plus the distinct strings, for a log of
//! case, activity, timestamp and resource.

use relance_engine::import::{import_bytes, ImportOptions};

#[test]
fn a_four_column_log_costs_under_64_bytes_per_event_plus_its_strings() {
    let (events, cases) = (120_000usize, 24_000usize);
    let mut csv = String::from("case,activity,timestamp,resource\n");
    for i in 0..events {
        let case = i % cases;
        csv.push_str(&format!(
            "INV-{case:07},Step {},2024-{:02}-{:02}T{:02}:{:02}:00Z,clerk{}\n",
            (i / cases) % 12,
            1 + (i / cases) % 12,
            1 + case % 28,
            i % 24,
            i % 60,
            i % 40
        ));
    }
    let log = import_bytes(csv.as_bytes(), ImportOptions::default())
        .unwrap()
        .log;
    assert_eq!(log.event_count(), events);
    assert_eq!(log.case_count(), cases);
    // The distinct strings, counted as their text only: what is left is the per-event and per-case
    // columns and the index structures.
    let strings: usize = (0..log.case_count())
        .map(|c| log.case_id(c).len())
        .sum::<usize>()
        + log.activity_names().map(str::len).sum::<usize>()
        + (0..log.resource_count())
            .filter_map(|r| log.resource_name(relance_engine::ResourceId(r as u32)))
            .map(str::len)
            .sum::<usize>();
    let per_event = (log.heap_bytes() - strings) as f64 / events as f64;
    assert!(
        per_event <= 64.0,
        "{per_event:.1} bytes per event beyond the strings"
    );
    eprintln!("{per_event:.1} bytes per event beyond the distinct strings");
}
