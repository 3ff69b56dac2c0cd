//! The summary document from the results of the queries: the same JSON as `relance analyze --json`
//! (the engine's [`SummaryDocument`]), whichever engine computed them.
//!
//! Results arrive as [`Table`]s (from DuckDB or PostgreSQL directly, or read from the CSV, JSON or
//! Parquet files a user saved from Spark, Snowflake or BigQuery). Values are read leniently, as the
//! engines and their export formats type them differently (a count may come as `12`, `12.0` or
//! `"12"`; a variant's activities as a list, a JSON array in text, or PostgreSQL's `{a,b}`); rows are
//! then sorted as the engine sorts them, so the document does not depend on the engine's order.

use crate::analyses::Analysis;
use relance_engine::analysis::document::{OtherVariants, SummarySource};
use relance_engine::analysis::summary::{
    ActivityRow, CaseDurationRow, DfgRow, EndpointRow, LogSummary, Summary, VariantRow,
};
use relance_engine::analysis::SummaryDocument;
use relance_engine::calendar::format_iso_utc;
use relance_engine::collections::Unavailable;
use relance_engine::import::ImportReport;
use std::collections::BTreeMap;
use std::fmt;

/// One value of a result.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// SQL `NULL`.
    Null,
    /// An integer.
    Int(i64),
    /// A float.
    Float(f64),
    /// Text.
    Text(String),
    /// A list of texts (a variant's activities).
    List(Vec<String>),
}

impl Cell {
    fn as_f64(&self) -> Option<f64> {
        match self {
            Cell::Int(i) => Some(*i as f64),
            Cell::Float(f) => Some(*f),
            Cell::Text(t) => match t.trim() {
                "NaN" | "nan" => Some(f64::NAN),
                t => t.parse().ok(),
            },
            _ => None,
        }
    }

    fn as_u64(&self) -> Option<u64> {
        match self {
            Cell::Int(i) => u64::try_from(*i).ok(),
            Cell::Float(f) if f.fract() == 0.0 && *f >= 0.0 && *f < 1.8e19 => Some(*f as u64),
            Cell::Text(t) => t
                .trim()
                .parse::<u64>()
                .ok()
                .or_else(|| Cell::Float(t.trim().parse().ok()?).as_u64()),
            _ => None,
        }
    }

    fn as_text(&self) -> Option<String> {
        match self {
            Cell::Text(t) => Some(t.clone()),
            Cell::Int(i) => Some(i.to_string()),
            Cell::Float(f) => Some(f.to_string()),
            _ => None,
        }
    }

    fn as_list(&self) -> Option<Vec<String>> {
        match self {
            Cell::List(l) => Some(l.clone()),
            Cell::Text(t) => parse_list_text(t),
            _ => None,
        }
    }

    /// The value as JSON (NULL and non-finite numbers as `null`).
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Cell::Null => serde_json::Value::Null,
            Cell::Int(i) => (*i).into(),
            Cell::Float(f) => serde_json::Number::from_f64(*f)
                .map(serde_json::Value::Number)
                .unwrap_or(serde_json::Value::Null),
            Cell::Text(t) => t.clone().into(),
            Cell::List(l) => l.clone().into(),
        }
    }
}

/// A list written as text: a JSON array (DuckDB's and Snowflake's JSON, Spark's and BigQuery's JSON
/// lines), or PostgreSQL's array literal `{a,"b c"}`.
fn parse_list_text(t: &str) -> Option<Vec<String>> {
    let t = t.trim();
    if t.starts_with('[') {
        return serde_json::from_str(t).ok();
    }
    let inner = t.strip_prefix('{')?.strip_suffix('}')?;
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = inner.chars();
    let mut quoted = false;
    let mut was_quoted = false;
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                quoted = !quoted;
                was_quoted = true;
            }
            '\\' if quoted => cur.push(chars.next()?),
            ',' if !quoted => {
                out.push(std::mem::take(&mut cur));
                was_quoted = false;
            }
            c => cur.push(c),
        }
    }
    if !inner.is_empty() || was_quoted {
        out.push(cur);
    }
    Some(out)
}

/// The result of one query.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Column names.
    pub columns: Vec<String>,
    /// Rows, one cell per column.
    pub rows: Vec<Vec<Cell>>,
}

/// Why results cannot make a document.
#[derive(Debug, Clone, PartialEq)]
pub struct AssembleError(pub String);

impl fmt::Display for AssembleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for AssembleError {}

struct Reader<'a> {
    what: &'static str,
    t: &'a Table,
    idx: Vec<usize>,
}

impl<'a> Reader<'a> {
    fn new(what: Analysis, t: &'a Table) -> Result<Reader<'a>, AssembleError> {
        let idx = what
            .columns()
            .iter()
            .map(|c| {
                t.columns
                    .iter()
                    .position(|x| x.eq_ignore_ascii_case(c))
                    .ok_or_else(|| {
                        AssembleError(format!(
                            "{}: no column {c:?} in the result (columns: {})",
                            what.name(),
                            t.columns.join(", ")
                        ))
                    })
            })
            .collect::<Result<_, _>>()?;
        Ok(Reader {
            what: what.name(),
            t,
            idx,
        })
    }

    fn cell(&self, row: usize, col: usize) -> &Cell {
        self.t
            .rows
            .get(row)
            .and_then(|r| r.get(self.idx[col]))
            .unwrap_or(&Cell::Null)
    }

    fn err(&self, row: usize, col: usize, want: &str) -> AssembleError {
        AssembleError(format!(
            "{}: row {}, column {:?}: expected {want}, found {:?}",
            self.what,
            row + 1,
            self.t
                .columns
                .get(self.idx[col])
                .map(String::as_str)
                .unwrap_or("?"),
            self.cell(row, col)
        ))
    }

    fn u64(&self, row: usize, col: usize) -> Result<u64, AssembleError> {
        self.cell(row, col)
            .as_u64()
            .ok_or_else(|| self.err(row, col, "a count"))
    }

    /// A number; `NULL` (not available) reads as NaN.
    fn f64(&self, row: usize, col: usize) -> Result<f64, AssembleError> {
        match self.cell(row, col) {
            Cell::Null => Ok(f64::NAN),
            c => c.as_f64().ok_or_else(|| self.err(row, col, "a number")),
        }
    }

    fn text(&self, row: usize, col: usize) -> Result<String, AssembleError> {
        self.cell(row, col)
            .as_text()
            .ok_or_else(|| self.err(row, col, "text"))
    }

    fn rows(&self) -> std::ops::Range<usize> {
        0..self.t.rows.len()
    }
}

/// Everything [`assemble`] needs besides the results.
#[derive(Debug, Clone)]
pub struct Origin {
    /// The import report to print (rows counted where the data lives, notes).
    pub import: ImportReport,
    /// Where the aggregates were computed.
    pub source: SummarySource,
}

/// Builds the document from the results of the core analyses (every one of [`Analysis::CORE`] is
/// needed) and, when present, the collections analyses.
pub fn assemble(
    results: &BTreeMap<Analysis, Table>,
    origin: Origin,
) -> Result<SummaryDocument, AssembleError> {
    let get = |a: Analysis| {
        results
            .get(&a)
            .ok_or_else(|| AssembleError(format!("the result of {} is missing", a.name())))
    };
    let log = Reader::new(Analysis::Log, get(Analysis::Log)?)?;
    if log.t.rows.len() != 1 {
        return Err(AssembleError(format!(
            "log: expected one row, found {}",
            log.t.rows.len()
        )));
    }
    let time = |c: usize| -> Result<Option<String>, AssembleError> {
        match log.cell(0, c) {
            Cell::Null => Ok(None),
            x => x
                .as_f64()
                .map(|ms| Some(format_iso_utc(ms as i64)))
                .ok_or_else(|| log.err(0, c, "epoch milliseconds")),
        }
    };
    let vr = Reader::new(Analysis::Variants, get(Analysis::Variants)?)?;
    let mut log_summary = LogSummary {
        cases: log.u64(0, 0)?,
        events: log.u64(0, 1)?,
        activities: log.u64(0, 2)?,
        variants: 0,
        first_event: time(3)?,
        last_event: time(4)?,
    };
    if !vr.t.rows.is_empty() {
        log_summary.variants = vr.u64(0, 4)?;
    }

    let r = Reader::new(Analysis::Activities, get(Analysis::Activities)?)?;
    let mut activities = r
        .rows()
        .map(|i| {
            Ok(ActivityRow {
                name: r.text(i, 0)?,
                events: r.u64(i, 1)?,
                cases: r.u64(i, 2)?,
            })
        })
        .collect::<Result<Vec<_>, AssembleError>>()?;
    activities.sort_by(|a, b| b.events.cmp(&a.events).then_with(|| a.name.cmp(&b.name)));

    let endpoints = |a: Analysis| -> Result<Vec<EndpointRow>, AssembleError> {
        let r = Reader::new(a, get(a)?)?;
        let mut rows = r
            .rows()
            .map(|i| {
                Ok(EndpointRow {
                    name: r.text(i, 0)?,
                    cases: r.u64(i, 1)?,
                })
            })
            .collect::<Result<Vec<_>, AssembleError>>()?;
        rows.sort_by(|a, b| b.cases.cmp(&a.cases).then_with(|| a.name.cmp(&b.name)));
        Ok(rows)
    };
    let start_activities = endpoints(Analysis::StartActivities)?;
    let end_activities = endpoints(Analysis::EndActivities)?;

    let r = Reader::new(Analysis::Dfg, get(Analysis::Dfg)?)?;
    let mut dfg = r
        .rows()
        .map(|i| {
            Ok(DfgRow {
                from: r.text(i, 0)?,
                to: r.text(i, 1)?,
                count: r.u64(i, 2)?,
                cases: r.u64(i, 3)?,
                mean_s: r.f64(i, 4)?,
                median_s: r.f64(i, 5)?,
                min_s: r.f64(i, 6)?,
                max_s: r.f64(i, 7)?,
                sum_s: r.f64(i, 8)?,
            })
        })
        .collect::<Result<Vec<_>, AssembleError>>()?;
    dfg.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.from.cmp(&b.from))
            .then_with(|| a.to.cmp(&b.to))
    });

    let r = vr;
    let mut variants = r
        .rows()
        .map(|i| {
            let activities = r
                .cell(i, 0)
                .as_list()
                .ok_or_else(|| r.err(i, 0, "a list of activities"))?;
            Ok(VariantRow {
                activities,
                cases: r.u64(i, 1)?,
                share: 0.0,
                cumulative_share: 0.0,
                median_duration_s: r.f64(i, 3)?,
            })
        })
        .collect::<Result<Vec<_>, AssembleError>>()?;
    variants.sort_by(|a, b| {
        b.cases
            .cmp(&a.cases)
            .then_with(|| a.activities.cmp(&b.activities))
    });
    // Shares as the engine computes them (cases ÷ all cases), cumulative in this order.
    let total = log_summary.cases.max(1) as f64;
    let mut cum = 0u64;
    for v in &mut variants {
        cum += v.cases;
        v.share = v.cases as f64 / total;
        v.cumulative_share = cum as f64 / total;
    }
    let other = OtherVariants {
        variants: log_summary.variants.saturating_sub(variants.len() as u64),
        cases: log_summary.cases.saturating_sub(cum),
    };

    let r = Reader::new(Analysis::CaseDurations, get(Analysis::CaseDurations)?)?;
    let zero_if_empty = |x: f64| if log_summary.cases == 0 { 0.0 } else { x };
    let case_duration_s = CaseDurationRow {
        min: zero_if_empty(r.f64(0, 0)?),
        median: zero_if_empty(r.f64(0, 1)?),
        mean: zero_if_empty(r.f64(0, 2)?),
        max: zero_if_empty(r.f64(0, 3)?),
        p90: zero_if_empty(r.f64(0, 4)?),
    };

    let collections = collections(results)?;
    Ok(SummaryDocument {
        summary: Summary {
            log: log_summary,
            activities,
            start_activities,
            end_activities,
            dfg,
            variants,
            case_duration_s,
        },
        import: origin.import,
        variants_other: Some(other),
        source: Some(origin.source),
        collections,
    })
}

/// Columns that hold counts (read as integers whatever the engine typed them as).
const COUNT_COLUMNS: &[&str] = &[
    "level",
    "sent",
    "paid_within_window",
    "resolved",
    "open",
    "payments",
    "promises",
    "kept",
    "broken",
    "pending",
    "undated",
    "months_total",
    "issue_days",
];

/// Columns that hold instants in epoch milliseconds (read as integers).
const INSTANT_COLUMNS: &[&str] = &[
    "end_ms",
    "start3_ms",
    "next_start_ms",
    "issue_from_ms",
    "issue_to_ms",
];

/// Columns that hold text.
const TEXT_COLUMNS: &[&str] = &[
    "month",
    "activity",
    "channel",
    "reason",
    "resource",
    "segment",
    "time_zone",
    "basis",
];

/// Why a figure of a DSO month is `null`, in the engine's words (`kpi::dso_series`): a `NULL` from
/// the SQL has exactly these causes.
const DSO_UNAVAILABLE: [(&str, &str); 5] = [
    ("dso_simple", NO_SALES),
    ("bpdso", NO_SALES),
    ("add", NO_SALES),
    (
        "dso_countback",
        "the open receivables exceed the credit sales of the 120 months to this month-end",
    ),
    (
        "cei",
        "nothing was collectible in the month: receivables at its start plus its sales, less the current receivables at its end, are 0 or less",
    ),
];
const NO_SALES: &str = "no credit sales in the 3 months to this month-end";

type Row = serde_json::Map<String, serde_json::Value>;

/// The collections results as JSON rows, sorted as the engine sorts them, with the engine's field
/// names; `notes` says where month-ends are and whether the DSO series was cut.
fn collections(
    results: &BTreeMap<Analysis, Table>,
) -> Result<Option<serde_json::Value>, AssembleError> {
    let mut out = serde_json::Map::new();
    let mut notes = Vec::new();
    for a in Analysis::COLLECTIONS {
        let Some(t) = results.get(&a) else {
            continue;
        };
        let r = Reader::new(a, t)?;
        let mut rows: Vec<Row> = Vec::new();
        for i in r.rows() {
            let mut row = serde_json::Map::new();
            for (c, name) in a.columns().iter().enumerate() {
                let v = if COUNT_COLUMNS.contains(name) {
                    serde_json::Value::from(r.u64(i, c)?)
                } else if INSTANT_COLUMNS.contains(name) {
                    let ms = r.f64(i, c)?;
                    // The issuing window's columns came later: results of older SQL have none.
                    if ms.is_nan() && *name != "end_ms" {
                        row.insert(name.to_string(), serde_json::Value::Null);
                        continue;
                    }
                    if !(ms.is_finite() && ms.fract() == 0.0 && ms.abs() < 9e15) {
                        return Err(r.err(i, c, "epoch milliseconds"));
                    }
                    serde_json::Value::from(ms as i64)
                } else if TEXT_COLUMNS.contains(name) {
                    r.cell(i, c).to_json()
                } else {
                    match r.cell(i, c) {
                        Cell::Text(t) => Cell::Float(
                            Cell::Text(t.clone())
                                .as_f64()
                                .ok_or_else(|| r.err(i, c, "a number"))?,
                        )
                        .to_json(),
                        Cell::Int(x) => Cell::Float(*x as f64).to_json(),
                        other => other.to_json(),
                    }
                };
                row.insert(name.to_string(), v);
            }
            rows.push(row);
        }
        let key = |r: &Row, k: &str| {
            r.get(k).map(|v| match v {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            })
        };
        let num = |r: &Row, k: &str| r.get(k).and_then(|v| v.as_f64()).unwrap_or(f64::NAN);
        match a {
            Analysis::Dunning => rows.sort_by(|x, y| {
                num(x, "level")
                    .total_cmp(&num(y, "level"))
                    .then_with(|| key(x, "channel").cmp(&key(y, "channel")))
                    .then_with(|| key(x, "activity").cmp(&key(y, "activity")))
            }),
            Analysis::CashApplication => rows.sort_by(|x, y| {
                num(y, "median_lag_days")
                    .total_cmp(&num(x, "median_lag_days"))
                    .then_with(|| key(x, "resource").cmp(&key(y, "resource")))
            }),
            _ => {
                let k = a.columns()[0];
                rows.sort_by_key(|x| key(x, k));
            }
        }
        if a == Analysis::DsoMonthly {
            notes.extend(dso_notes(&rows));
            let headline = dso_partial_months(&mut rows, &mut notes);
            for (k, v) in headline {
                out.insert(k.into(), v);
            }
            for row in &mut rows {
                dso_row(row);
            }
        }
        out.insert(
            a.name().to_string(),
            serde_json::Value::Array(rows.into_iter().map(serde_json::Value::Object).collect()),
        );
    }
    if out.contains_key(Analysis::DsoMonthly.name()) {
        out.insert("notes".into(), notes.into());
    }
    Ok((!out.is_empty()).then_some(serde_json::Value::Object(out)))
}

/// Marks each DSO month partial as the engine does (`kpi::month_partial`: its 3 months of sales reach
/// outside the window the invoices were issued in, or it is not over) and returns the fields the
/// engine's report gives beside the series: `dso_month` (the latest complete month), `dso_basis` and
/// `issuing_window`. The basis falling back to cash is noted as the engine notes it.
fn dso_partial_months(
    rows: &mut [Row],
    notes: &mut Vec<String>,
) -> Vec<(&'static str, serde_json::Value)> {
    use relance_engine::collections::kpi::{month_partial, IssuingWindow};
    let int = |row: &Row, k: &str| row.get(k).and_then(|v| v.as_i64());
    let Some(first) = rows.first() else {
        return Vec::new();
    };
    let window = match (
        int(first, "issue_from_ms"),
        int(first, "issue_to_ms"),
        first.get("issue_days").and_then(|v| v.as_u64()),
    ) {
        (Some(from), Some(to), Some(days)) => Some(IssuingWindow::from_issues(from, to, days)),
        _ => None,
    };
    // `ledger`, `cash`, or `ledger_without_clearing` (asked for the ledger's basis, closed on cash).
    let asked = first
        .get("basis")
        .and_then(|b| b.as_str())
        .unwrap_or("ledger")
        .to_string();
    let fallback = asked == "ledger_without_clearing";
    let basis = if fallback { "cash".to_string() } else { asked };
    let mut headline = None;
    for row in rows.iter_mut() {
        let reason = match (
            int(row, "start3_ms"),
            int(row, "end_ms"),
            int(row, "next_start_ms"),
        ) {
            (Some(s3), Some(end), Some(next)) => month_partial(window.as_ref(), s3, end, next),
            _ => None,
        };
        row.insert("partial".into(), reason.is_some().into());
        if let Some(r) = reason {
            row.insert("partial_reason".into(), r.key().into());
        } else if row
            .get("dso_simple")
            .is_some_and(|v| v.is_f64() || v.is_i64())
        {
            headline = row.get("month").cloned();
        }
    }
    let mut out = vec![
        ("dso_month", headline.unwrap_or(serde_json::Value::Null)),
        ("dso_basis", basis.clone().into()),
    ];
    if let Some(w) = window {
        out.push((
            "issuing_window",
            serde_json::json!({
                "from": format_iso_utc(w.from_ms),
                "to": format_iso_utc(w.to_ms),
                "tolerance_days": w.tolerance_days,
            }),
        ));
    }
    if fallback {
        notes.push(relance_engine::collections::CASH_BASIS_FALLBACK.to_string());
    }
    out
}

/// A DSO month as the engine writes it: its fields, and the `unavailable` list of its `null` ones.
fn dso_row(row: &mut Row) {
    row.retain(|k, _| {
        crate::collections::DSO_FIELDS.contains(&k.as_str())
            || k == "partial"
            || k == "partial_reason"
    });
    let null = |figure: &str| row.get(figure).is_some_and(|v| v.is_null());
    // A NULL past due means the log has no due dates (the plan's `known`): then the split into
    // current and past due, and BPDSO, ADD and CEI on it, are missing for that reason, listed after
    // the others as the engine lists them.
    let no_due = null("past_due");
    let split = relance_engine::collections::kpi::PAST_DUE_FIELDS;
    let missing: Vec<serde_json::Value> = DSO_UNAVAILABLE
        .iter()
        .filter(|(figure, _)| null(figure) && !(no_due && split.contains(figure)))
        .map(|(figure, reason)| Unavailable::data(figure, reason))
        .chain(
            split
                .iter()
                .filter(|_| no_due)
                .map(|figure| relance_engine::collections::availability::no_due_dates().of(figure)),
        )
        .map(|u| serde_json::to_value(u).unwrap_or_default())
        .collect();
    if !missing.is_empty() {
        row.insert("unavailable".into(), missing.into());
    }
}

/// Where the months end, and, when the series was cut to its last months, the engine's note saying so.
fn dso_notes(rows: &[Row]) -> Vec<String> {
    let Some(first) = rows.first() else {
        return Vec::new();
    };
    let zone = first
        .get("time_zone")
        .and_then(|z| z.as_str())
        .and_then(|z| crate::collections::time_zone(z).ok())
        .flatten();
    let mut notes = vec![crate::collections::month_end_note(
        &crate::collections::Settings {
            time_zone: zone,
            ..Default::default()
        },
    )];
    let total = first
        .get("months_total")
        .and_then(|n| n.as_u64())
        .unwrap_or(0);
    let shown = first.get("month").and_then(|m| m.as_str()).and_then(|m| {
        let (y, m) = m.split_once('-')?;
        Some(y.parse::<i64>().ok()? * 12 + m.parse::<i64>().ok()? - 1)
    });
    if let Some(shown) = shown.filter(|_| total > rows.len() as u64) {
        let first_month = shown - (total - rows.len() as u64) as i64;
        let ym = |i: i64| format!("{:04}-{:02}", i.div_euclid(12), i.rem_euclid(12) + 1);
        notes.push(format!(
            "the invoices span {total} months (the first issued in {}): DSO is shown for the last {}, from {}; older invoices still open count in the receivables",
            ym(first_month),
            crate::collections::MAX_MONTHS,
            ym(shown)
        ));
    }
    notes
}

#[cfg(test)]
mod tests;
