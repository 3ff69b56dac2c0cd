//! The loaded log as the page describes it: name, counts, the import report, and, for a summary
//! document opened instead of a log, what it holds and why it has no cases.

use relance_engine::analysis::summary::{CaseDurationRow, LogSummary};
use relance_engine::import::ImportReport;
use serde::{Deserialize, Serialize};

/// A loaded log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoadedLog {
    /// File name ("Demo collections log" for the demo).
    pub name: String,
    /// Whether it is the built-in demo.
    pub demo: bool,
    /// File size in bytes (0 for the demo).
    pub size: f64,
    /// The import report.
    pub report: ImportReport,
    /// Cases in the log.
    pub cases: u64,
    /// Events in the log.
    pub events: u64,
    /// Distinct activities in the log.
    pub activities: u64,
    /// Milliseconds the import took.
    pub import_ms: f64,
    /// Attribute columns (for filters and breakdowns).
    pub attributes: Vec<String>,
    /// Set when a summary document of aggregates was opened rather than a log: what it holds, and why
    /// cases cannot be listed.
    #[serde(default)]
    pub summary: Option<SummaryInfo>,
}

/// A summary document as the page shows it: where it was computed, its counts, case durations and
/// collections tables (the map and variants are asked for as on a log).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummaryInfo {
    /// The engine that computed it (`duckdb`, `postgres`, a bundle's dialect; `relance` for
    /// `analyze --json`).
    pub engine: String,
    /// What it read there (a file, a table, a folder).
    pub input: String,
    /// Why drill-down to cases is not possible.
    pub drill_down_note: String,
    /// Whether the document holds every variant (then hiding activities projects counts exactly).
    pub all_variants: bool,
    /// Variants and their cases left out by the cap.
    pub variants_other: Option<(u64, u64)>,
    /// Counts.
    pub log: LogSummary,
    /// Case durations, seconds.
    pub case_duration_s: CaseDurationRow,
    /// Activities: name, events, cases.
    pub activities: Vec<(String, u64, u64)>,
    /// The collections tables (`dso_monthly`, `dunning`, ...), when the document has them.
    pub collections: Vec<SummaryTable>,
}

/// One table of a summary document, as its JSON holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummaryTable {
    /// Its name in the document (`dso_monthly`).
    pub name: String,
    /// Column names, in the document's order.
    pub columns: Vec<String>,
    /// Rows of cells.
    pub rows: Vec<Vec<SummaryCell>>,
}

/// A cell of a summary table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SummaryCell {
    /// Text.
    Text(String),
    /// A number.
    Number(f64),
    /// `null` in the document: the figure is not available there.
    Missing,
}
