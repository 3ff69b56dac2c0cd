//! A plain, comparable copy of an [`EventLog`] read through its public accessors only, and helpers to
//! import bytes in chunks. Two imports are "the same" when their snapshots and reports are equal.

use relance_engine::import::{ColumnRole, ImportOptions, ImportReport, Imported, Importer};
use relance_engine::log::{Scope, Value, ValueKind};
use relance_engine::{Error, EventLog};

/// One attribute value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Missing,
    Text(String),
    Number(f64),
    Time(i64),
}

impl Cell {
    fn of(v: Value<'_>) -> Cell {
        match v {
            Value::Missing => Cell::Missing,
            Value::Text(s) => Cell::Text(s.to_string()),
            Value::Number(x) => Cell::Number(x),
            Value::Time(t) => Cell::Time(t),
        }
    }
}

/// One event with everything the log knows about it.
#[derive(Debug, Clone, PartialEq)]
pub struct EventSnap {
    pub activity: String,
    pub time_ms: i64,
    pub offset_min: Option<i16>,
    pub start_ms: Option<i64>,
    pub resource: Option<String>,
    /// Event-scoped attributes, in [`LogSnap::attributes`] order.
    pub attrs: Vec<Cell>,
}

/// One case.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseSnap {
    pub id: String,
    /// Case-scoped attributes, in [`LogSnap::attributes`] order.
    pub attrs: Vec<Cell>,
    pub events: Vec<EventSnap>,
}

/// A whole log.
#[derive(Debug, Clone, PartialEq)]
pub struct LogSnap {
    /// (name, scope, role, kind) per attribute column.
    pub attributes: Vec<(String, Scope, ColumnRole, ValueKind)>,
    pub activity_names: Vec<String>,
    pub resource_count: usize,
    pub cases: Vec<CaseSnap>,
}

impl LogSnap {
    pub fn of(log: &EventLog) -> LogSnap {
        let attrs = log.attributes();
        let starts = log.start_times();
        let cases = (0..log.case_count())
            .map(|c| CaseSnap {
                id: log.case_id(c).to_string(),
                attrs: attrs
                    .iter()
                    .filter(|a| a.scope == Scope::Case)
                    .map(|a| Cell::of(a.get(c)))
                    .collect(),
                events: log
                    .case_events(c)
                    .map(|e| EventSnap {
                        activity: log.activity_name(log.activities()[e]).to_string(),
                        time_ms: log.times()[e],
                        offset_min: log.offset_minutes(e),
                        start_ms: starts.map(|s| s[e]),
                        resource: log.resource_name(log.resources()[e]).map(str::to_string),
                        attrs: attrs
                            .iter()
                            .filter(|a| a.scope == Scope::Event)
                            .map(|a| Cell::of(a.get(e)))
                            .collect(),
                    })
                    .collect(),
            })
            .collect();
        LogSnap {
            attributes: attrs
                .iter()
                .map(|a| (a.name.clone(), a.scope, a.role, a.kind()))
                .collect(),
            activity_names: log.activity_names().map(str::to_string).collect(),
            resource_count: log.resource_count(),
            cases,
        }
    }

    pub fn case(&self, id: &str) -> &CaseSnap {
        self.cases
            .iter()
            .find(|c| c.id == id)
            .unwrap_or_else(|| panic!("no case {id:?} in {:?}", self.case_ids()))
    }

    pub fn case_ids(&self) -> Vec<&str> {
        self.cases.iter().map(|c| c.id.as_str()).collect()
    }

    /// Column of an attribute in the event (or case) `attrs` vectors.
    pub fn attr_pos(&self, name: &str) -> usize {
        let (_, scope, _, _) = self
            .attributes
            .iter()
            .find(|a| a.0 == name)
            .unwrap_or_else(|| panic!("no attribute {name:?} in {:?}", self.attributes));
        self.attributes
            .iter()
            .filter(|a| a.1 == *scope)
            .position(|a| a.0 == name)
            .unwrap()
    }

    pub fn event_count(&self) -> usize {
        self.cases.iter().map(|c| c.events.len()).sum()
    }
}

impl CaseSnap {
    pub fn activities(&self) -> Vec<&str> {
        self.events.iter().map(|e| e.activity.as_str()).collect()
    }
}

/// What an import produced, in comparable form: the log and report, or the error's text (its `Debug`
/// carries the report of [`Error::NoEvents`]).
pub type Outcome = Result<(LogSnap, ImportReport), String>;

pub fn outcome(r: Result<Imported, Error>) -> Outcome {
    match r {
        Ok(i) => Ok((LogSnap::of(&i.log), i.report)),
        Err(e) => Err(format!("{e}\n{e:?}")),
    }
}

/// Feeds `bytes` to an [`Importer`] `chunk` bytes at a time.
pub fn import_chunked(bytes: &[u8], chunk: usize, opts: ImportOptions) -> Result<Imported, Error> {
    let mut imp = Importer::new(opts);
    for c in bytes.chunks(chunk.max(1)) {
        imp.feed(c)?;
    }
    imp.finish()
}

/// Gzip-compresses bytes.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

/// UTC milliseconds of a civil date and time, computed here (Howard Hinnant's `days_from_civil`) rather
/// than with the engine's calendar, so expected instants do not depend on the code under test.
pub fn utc_ms(y: i64, m: i64, d: i64, hh: i64, mm: i64, ss: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    ((days * 24 + hh) * 60 + mm) * 60_000 + ss * 1000
}

#[test]
fn utc_ms_matches_known_instants() {
    // `date -u -d 2024-01-31T10:00:00Z +%s` = 1706695200; 2000-03-01 = 951868800.
    assert_eq!(utc_ms(2024, 1, 31, 10, 0, 0), 1_706_695_200_000);
    assert_eq!(utc_ms(2000, 3, 1, 0, 0, 0), 951_868_800_000);
    assert_eq!(utc_ms(1970, 1, 1, 0, 0, 0), 0);
    assert_eq!(utc_ms(1969, 12, 31, 23, 59, 59), -1000);
}
