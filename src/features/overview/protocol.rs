//! What the overview asks the worker, and its answer.

use crate::charts::ChartHit;
use crate::core::worker::protocol::{Feature, WorkerRequest};
use serde::{Deserialize, Serialize};

/// The overview's request: counts and charts of the current filter.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Request;

impl WorkerRequest for Request {
    const FEATURE: Feature = Feature::Overview;
    fn label(&self) -> &'static str {
        "doing-computing-overview"
    }
}

/// The overview numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overview {
    /// Selected cases.
    pub cases: u64,
    /// Cases in the log.
    pub total_cases: u64,
    /// Selected events.
    pub events: u64,
    /// Activities present.
    pub activities: u64,
    /// Variants.
    pub variants: u64,
    /// Resources present.
    pub resources: u64,
    /// First event (ISO).
    pub first: Option<String>,
    /// Last event (ISO).
    pub last: Option<String>,
    /// Median case duration, seconds.
    pub median_case_s: f64,
    /// Mean case duration, seconds.
    pub mean_case_s: f64,
    /// 90th percentile case duration, seconds.
    pub p90_case_s: f64,
    /// Case duration histogram (SVG, drawn by plotters in the worker).
    pub duration_svg: String,
    /// Its bars, each adding a filter on click.
    pub duration_hits: Vec<ChartHit>,
    /// Events per week chart (SVG).
    pub weekly_svg: String,
    /// Its weeks, each adding a filter on click.
    pub weekly_hits: Vec<ChartHit>,
    /// Activities with events and cases.
    pub activities_table: Vec<(String, u64, u64)>,
}
