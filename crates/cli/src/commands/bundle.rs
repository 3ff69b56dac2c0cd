//! `relance bundle DIR`: the results of `relance sql --all`, saved from any engine (CSV, JSON or
//! Parquet), assembled into the summary document `analyze --json` prints.

use crate::args::BundleArgs;
use anyhow::{bail, Context, Result};
use relance_engine::analysis::document::SummarySource;
use relance_engine::analysis::SummaryDocument;
use relance_engine::import::{Format, ImportReport};
use relance_sql::document::Origin;
use relance_sql::{Analysis, Cell, Table};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a summary cannot list cases (shown on screen).
pub const DRILL_DOWN_NOTE: &str = "This summary holds aggregates computed where the data lives: it has no cases or events, so drill-down to cases is not available. Open the log itself (or a sample) to list cases.";

pub fn run(args: &BundleArgs) -> Result<()> {
    let mut results = BTreeMap::new();
    for a in Analysis::CORE.into_iter().chain(Analysis::COLLECTIONS) {
        match find(&args.dir, a.name())? {
            Some(files) => {
                let mut table = Table::default();
                for f in &files {
                    let part = read(f).with_context(|| format!("{}", f.display()))?;
                    if table.columns.is_empty() {
                        table.columns = part.columns;
                    }
                    table.rows.extend(part.rows);
                }
                results.insert(a, table);
            }
            None if Analysis::CORE.contains(&a) => bail!(
                "{}: no result for {} (expected {n}.csv, {n}.json or {n}.parquet, or a folder {n}/ of parts)",
                args.dir.display(),
                a.name(),
                n = a.name()
            ),
            None => {}
        }
    }
    let mut import = ImportReport::new(Format::Csv);
    import.note(format!(
        "Aggregates computed by {} from the SQL of `relance sql`, read from {}; rows that SQL left out (no case, activity or timestamp) are not counted here.",
        args.engine,
        args.dir.display()
    ));
    let origin = Origin {
        import,
        source: SummarySource {
            engine: args.engine.clone(),
            input: args.dir.display().to_string(),
            drill_down: false,
            drill_down_note: DRILL_DOWN_NOTE.into(),
        },
    };
    let mut doc = relance_sql::assemble(&results, origin)?;
    doc.import.rows = doc.summary.log.events;
    print(&doc, args.json)
}

/// Prints a document as JSON, or as the readable summary.
pub fn print(doc: &SummaryDocument, json: bool) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if json {
        serde_json::to_writer(&mut out, doc)?;
        writeln!(out)?;
    } else {
        crate::text::summary(&mut out, &doc.summary, &doc.import)?;
        if let Some(o) = doc.variants_other.filter(|o| o.variants > 0) {
            writeln!(
                out,
                "\n{}",
                crate::lang::tf(
                    "variants-other",
                    &[("variants", &o.variants), ("cases", &o.cases)]
                )
            )?;
        }
        if let Some(s) = &doc.source {
            writeln!(
                out,
                "\n{}",
                crate::lang::tf("computed-by", &[("engine", &s.engine), ("input", &s.input)])
            )?;
        }
    }
    out.flush()?;
    Ok(())
}

/// The files holding an analysis's result: `NAME.ext`, or the parts in a folder `NAME/`.
fn find(dir: &Path, name: &str) -> Result<Option<Vec<PathBuf>>> {
    for ext in ["csv", "json", "jsonl", "ndjson", "parquet"] {
        let p = dir.join(format!("{name}.{ext}"));
        if p.is_file() {
            return Ok(Some(vec![p]));
        }
    }
    let sub = dir.join(name);
    if sub.is_dir() {
        let mut parts: Vec<PathBuf> = std::fs::read_dir(&sub)
            .with_context(|| format!("{}", sub.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                let n = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                p.is_file() && !n.starts_with('.') && !n.starts_with('_') && kind(p).is_some()
            })
            .collect();
        parts.sort();
        if !parts.is_empty() {
            return Ok(Some(parts));
        }
    }
    Ok(None)
}

#[derive(Clone, Copy)]
enum Kind {
    Csv,
    Json,
    Parquet,
}

fn kind(p: &Path) -> Option<Kind> {
    let n = p.file_name()?.to_str()?.to_ascii_lowercase();
    let n = n.strip_suffix(".gz").unwrap_or(&n);
    if n.ends_with(".csv") {
        Some(Kind::Csv)
    } else if n.ends_with(".json") || n.ends_with(".jsonl") || n.ends_with(".ndjson") {
        Some(Kind::Json)
    } else if n.ends_with(".parquet") {
        Some(Kind::Parquet)
    } else {
        None
    }
}

fn read(p: &Path) -> Result<Table> {
    match kind(p) {
        Some(Kind::Csv) => read_csv(&std::fs::read(p)?),
        Some(Kind::Json) => read_json(&std::fs::read_to_string(p)?),
        Some(Kind::Parquet) => super::warehouse::read_parquet(p),
        None => bail!("not a CSV, JSON or Parquet file"),
    }
}

/// A CSV result with a header; empty fields are NULL.
pub fn read_csv(bytes: &[u8]) -> Result<Table> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(bytes);
    let columns = r.headers()?.iter().map(str::to_string).collect();
    let mut rows = Vec::new();
    for rec in r.records() {
        let rec = rec?;
        rows.push(
            rec.iter()
                .map(|f| {
                    if f.is_empty() {
                        Cell::Null
                    } else {
                        Cell::Text(f.to_string())
                    }
                })
                .collect(),
        );
    }
    Ok(Table { columns, rows })
}

/// A JSON result: an array of objects, or one object per line.
fn read_json(text: &str) -> Result<Table> {
    let objects: Vec<serde_json::Map<String, serde_json::Value>> =
        if text.trim_start().starts_with('[') {
            serde_json::from_str(text)?
        } else {
            text.lines()
                .filter(|l| !l.trim().is_empty())
                .enumerate()
                .map(|(i, l)| serde_json::from_str(l).with_context(|| format!("line {}", i + 1)))
                .collect::<Result<_>>()?
        };
    let mut columns: Vec<String> = Vec::new();
    for o in &objects {
        for k in o.keys() {
            if !columns.contains(k) {
                columns.push(k.clone());
            }
        }
    }
    let rows = objects
        .iter()
        .map(|o| {
            columns
                .iter()
                .map(|c| o.get(c).map(json_cell).unwrap_or(Cell::Null))
                .collect()
        })
        .collect();
    Ok(Table { columns, rows })
}

fn json_cell(v: &serde_json::Value) -> Cell {
    use serde_json::Value;
    match v {
        Value::Null => Cell::Null,
        Value::Bool(b) => Cell::Int(*b as i64),
        Value::Number(n) => n
            .as_i64()
            .map(Cell::Int)
            .unwrap_or_else(|| Cell::Float(n.as_f64().unwrap_or(f64::NAN))),
        Value::String(s) => Cell::Text(s.clone()),
        Value::Array(a) => Cell::List(
            a.iter()
                .map(|x| match x {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect(),
        ),
        Value::Object(_) => Cell::Text(v.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_arrays_and_lines_read_alike() {
        let a =
            read_json(r#"[{"activities":["a","b"],"cases":2},{"cases":1.5,"activities":["c"]}]"#)
                .unwrap();
        let b = read_json(
            "{\"activities\":[\"a\",\"b\"],\"cases\":2}\n{\"cases\":1.5,\"activities\":[\"c\"]}\n",
        )
        .unwrap();
        assert_eq!(a, b);
        assert_eq!(a.columns, ["activities", "cases"]);
        assert_eq!(a.rows[0][0], Cell::List(vec!["a".into(), "b".into()]));
        assert_eq!(a.rows[1][1], Cell::Float(1.5));
    }

    #[test]
    fn csv_empty_fields_are_null() {
        let t = read_csv(b"name,cases\nx,\n").unwrap();
        assert_eq!(t.rows[0], [Cell::Text("x".into()), Cell::Null]);
    }
}
