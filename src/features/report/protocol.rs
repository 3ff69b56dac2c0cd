//! What the report asks the worker, and its answer.

use relance_engine::collections::{CollectionsSettings, RoleMap};
use relance_engine::import::ImportReport;
use relance_engine::insights::Language;
use relance_engine::report::CompareSpec;
use serde::{Deserialize, Serialize};

/// The report's request: everything the page knows that the worker's session does not (the language,
/// the file's name and import report, the views' settings, the comparison set).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Request {
    /// The report of the current filter.
    Report(Box<ReportRequest>),
}

crate::worker_request!(Request for Report:
    Request::Report(_) => "doing-report",
);

/// The settings of one report.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportRequest {
    /// The interface's language.
    pub language: Language,
    /// The source file's name.
    pub sources: Vec<String>,
    /// How the file was read.
    pub import: Option<ImportReport>,
    /// The collections roles set by hand.
    pub mapping: Option<RoleMap>,
    /// The collections settings.
    pub settings: CollectionsSettings,
    /// The map's sliders.
    pub activity_pct: f64,
    /// Paths slider.
    pub paths_pct: f64,
    /// The comparison shown in the insights view, if any.
    pub compare: Option<CompareSpec>,
    /// Now (UTC ms): the worker reads no clock for the engine.
    pub generated_ms: i64,
}

/// The report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    /// The HTML document.
    pub html: String,
}
