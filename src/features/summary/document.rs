//! Summary documents in the worker: a document of aggregates (`relance warehouse`, `relance bundle`,
//! `analyze --json`) opened instead of a log, when the log lives in a warehouse and only its aggregates
//! came back: reading it, and what the page is told about it.
//!
//! The map (both sliders, through the engine's `summary_map`) and the variants come from the document
//! (their features' handlers read it from the session); the counts, case durations and the collections
//! tables come with [`loaded`]; everything that needs cases (filters, drill-down, insights, heatmaps,
//! replay) is answered with the document's reason why not (`Session::cases`).

use crate::core::json;
use crate::core::log::{LoadedLog, SummaryCell, SummaryInfo, SummaryTable};
use relance_engine::analysis::SummaryDocument;

/// The largest document read (a summary holds aggregates: even every variant of a big log fits).
pub const MAX_BYTES: f64 = 256.0 * 1024.0 * 1024.0;

/// Reads a document, or says what is wrong with it, naming the file.
pub fn read(name: &str, bytes: &[u8]) -> Result<SummaryDocument, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        t!(
            "summary-not-utf8",
            name = name.to_string(),
            at = e.valid_up_to() as u64
        )
    })?;
    json::read::<SummaryDocument>(text.trim_start_matches('\u{feff}'), "summary document").map_err(
        |e| {
            t!(
                "summary-unreadable",
                name = name.to_string(),
                why = e.to_string()
            )
        },
    )
}

/// What the page is told about an opened document.
pub fn loaded(doc: &SummaryDocument, name: String, size: f64, import_ms: f64) -> LoadedLog {
    let s = &doc.summary;
    let (engine, input, note) = match &doc.source {
        Some(src) => (
            src.engine.clone(),
            src.input.clone(),
            src.drill_down_note.clone(),
        ),
        // `analyze --json`'s own output: computed by relance from a log that is not here.
        None => ("relance".to_string(), name.clone(), String::new()),
    };
    let drill_down_note = if note.is_empty() {
        t!("summary-no-cases")
    } else {
        note
    };
    LoadedLog {
        name,
        demo: false,
        size,
        report: doc.import.clone(),
        cases: s.log.cases,
        events: s.log.events,
        activities: s.log.activities,
        import_ms,
        attributes: Vec::new(),
        summary: Some(SummaryInfo {
            engine,
            input,
            drill_down_note,
            all_variants: doc.has_all_variants(),
            variants_other: doc
                .variants_other
                .filter(|o| o.variants > 0)
                .map(|o| (o.variants, o.cases)),
            log: s.log.clone(),
            case_duration_s: s.case_duration_s.clone(),
            activities: s
                .activities
                .iter()
                .map(|a| (a.name.clone(), a.events, a.cases))
                .collect(),
            collections: collections_tables(doc.collections.as_ref()),
        }),
    }
}

/// The document's collections object as tables: each array of objects is a table whose columns are
/// its rows' keys in order of first appearance.
fn collections_tables(value: Option<&serde_json::Value>) -> Vec<SummaryTable> {
    let Some(serde_json::Value::Object(map)) = value else {
        return Vec::new();
    };
    let mut tables = Vec::new();
    for (name, v) in map {
        let serde_json::Value::Array(items) = v else {
            continue;
        };
        if items.is_empty() {
            continue;
        }
        // A list of sentences (the document's notes): one column.
        if !items.is_empty() && items.iter().all(|i| i.is_string()) {
            tables.push(SummaryTable {
                name: name.clone(),
                columns: vec![name.clone()],
                rows: items
                    .iter()
                    .map(|i| {
                        vec![SummaryCell::Text(
                            i.as_str().unwrap_or_default().to_string(),
                        )]
                    })
                    .collect(),
            });
            continue;
        }
        let mut columns: Vec<String> = Vec::new();
        for item in items {
            if let serde_json::Value::Object(row) = item {
                for k in row.keys() {
                    if !columns.contains(k) {
                        columns.push(k.clone());
                    }
                }
            }
        }
        // What a row is about (month, activity, reason...) first: the text columns, then the figures.
        let is_text = |c: &String| {
            items
                .iter()
                .filter_map(|i| i.get(c))
                .find(|v| !v.is_null())
                .is_some_and(|v| v.is_string())
        };
        relance_engine::values::order::sort_by_key(&mut columns, |c| !is_text(c));
        let rows = items
            .iter()
            .filter_map(|item| item.as_object())
            .map(|row| {
                columns
                    .iter()
                    .map(|c| match row.get(c) {
                        Some(serde_json::Value::Number(n)) => {
                            n.as_f64().map_or(SummaryCell::Missing, SummaryCell::Number)
                        }
                        Some(serde_json::Value::String(t)) => SummaryCell::Text(t.clone()),
                        Some(serde_json::Value::Bool(b)) => SummaryCell::Text(b.to_string()),
                        Some(serde_json::Value::Null) | None => SummaryCell::Missing,
                        Some(other) => SummaryCell::Text(other.to_string()),
                    })
                    .collect()
            })
            .collect();
        tables.push(SummaryTable {
            name: name.clone(),
            columns,
            rows,
        });
    }
    tables
}
