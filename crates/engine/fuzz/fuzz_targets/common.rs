//! Shared by the fuzz targets: two-chunk imports and the checks run on every input.

use relance_engine::analysis::summarize;
use relance_engine::import::{ImportOptions, Imported, Importer};
use relance_engine::{Error, Selection};

/// Where to split `rest` in two, from the input's first byte (0 = all in the second chunk, 255 = all in
/// the first), so the fuzzer controls the boundary on inputs of any length.
pub fn split(data: &[u8]) -> Option<(usize, &[u8])> {
    let (&k, rest) = data.split_first()?;
    Some((k as usize * rest.len() / 255, rest))
}

/// Imports `bytes` through the [`Importer`] in two chunks split at `at`.
pub fn import_two(bytes: &[u8], at: usize) -> Result<Imported, Error> {
    let mut imp = Importer::new(ImportOptions::default());
    imp.feed(&bytes[..at])?;
    imp.feed(&bytes[at..])?;
    imp.finish()
}

/// Runs the core analyses and checks the identities they must satisfy on any log.
pub fn analyse(i: &Imported) {
    let log = &i.log;
    let s = summarize(log, &Selection::all(log));
    let cases = log.case_count() as u64;
    let events = log.event_count() as u64;
    assert_eq!(s.log.cases, cases);
    assert_eq!(s.log.events, events);
    assert_eq!(s.activities.iter().map(|a| a.events).sum::<u64>(), events);
    assert_eq!(s.variants.iter().map(|v| v.cases).sum::<u64>(), cases);
    assert_eq!(
        s.start_activities.iter().map(|a| a.cases).sum::<u64>(),
        cases
    );
    assert_eq!(s.end_activities.iter().map(|a| a.cases).sum::<u64>(), cases);
    assert_eq!(s.dfg.iter().map(|e| e.count).sum::<u64>(), events - cases);
    assert!(i.report.skipped_rows <= i.report.rows);
}

/// Two outcomes of the same bytes read with different chunkings must agree.
pub fn same(a: &Result<Imported, Error>, b: &Result<Imported, Error>) {
    match (a, b) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a.report, b.report);
            assert_eq!(a.log.case_count(), b.log.case_count());
            assert_eq!(a.log.times(), b.log.times());
            for c in 0..a.log.case_count() {
                assert_eq!(a.log.case_id(c), b.log.case_id(c));
            }
            let names = |i: &Imported| -> Vec<String> {
                i.log
                    .activities()
                    .iter()
                    .map(|&x| i.log.activity_name(x).to_string())
                    .collect()
            };
            assert_eq!(names(a), names(b));
        }
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
        (a, b) => panic!(
            "one chunking failed and the other did not: {:?} vs {:?}",
            a.as_ref().err(),
            b.as_ref().err()
        ),
    }
}
