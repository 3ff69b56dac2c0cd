//! What the overview asks the worker, and its answer.

use crate::charts::Chart;
use relance_engine::analysis::summary::{CaseDurationRow, LogSummary};
use serde::{Deserialize, Serialize};

/// The overview's request: counts and charts of the current filter.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Request;

crate::worker_request!(Request for Overview:
    Request => "doing-computing-overview",
);

/// The overview numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overview {
    /// Counts of the selected cases: cases, events, activities, variants, first and last event.
    pub log: LogSummary,
    /// Durations of the selected cases, seconds.
    pub case_duration_s: CaseDurationRow,
    /// Cases in the log.
    pub total_cases: u64,
    /// Resources present.
    pub resources: u64,
    /// Case duration histogram (SVG, drawn by plotters in the worker); each bar adds a filter on click.
    pub durations: Chart,
    /// Events per week (SVG); each week adds a filter on click.
    pub weekly: Chart,
    /// Activities with events and cases.
    pub activities_table: Vec<(String, u64, u64)>,
}
