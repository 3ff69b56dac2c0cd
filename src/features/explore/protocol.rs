//! What the explore view asks the worker, and its answers.

use relance_engine::analysis::bottleneck::{
    CalendarHeatmap, CalendarMeasure, GroupBy, ResourceActivityCell, TransitionStat,
};
use relance_engine::analysis::timeline::{CaseTimeline, DottedChart, DottedOrder};
use serde::{Deserialize, Serialize};

/// The explore view's requests.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Request {
    /// Transition, breakdown, calendar and resource heatmaps.
    Bottlenecks {
        /// Split the slowest steps by this.
        by: Option<GroupBy>,
        /// What the calendar heatmap shows.
        calendar: CalendarMeasure,
    },
    /// The cases behind a heatmap cell, as a filter chip.
    CellCases {
        /// Which cell.
        cell: HeatCell,
    },
    /// The dotted chart.
    Dotted {
        /// Row order.
        order: DottedOrder,
        /// Times since each case's start rather than absolute.
        relative: bool,
    },
    /// One case's timeline: by id, by index, or the selected case `step` away from `index`.
    Case {
        /// Case id to look up.
        id: Option<String>,
        /// Case index (from a previous answer or the dotted chart).
        index: Option<u32>,
        /// 0: this case; 1: next selected; -1: previous selected.
        step: i32,
    },
}

crate::worker_request!(Request for Explore:
    Request::Bottlenecks { .. } => "doing-computing-heatmaps",
    Request::CellCases { .. } => "doing-finding-cases",
    Request::Dotted { .. } => "doing-drawing-dotted-chart",
    Request::Case { .. } => "doing-reading-case",
);

/// The explore view's answers.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// Heatmaps.
    Bottlenecks(Box<Bottlenecks>),
    /// The dotted chart.
    Dotted(Box<DottedChart>),
    /// A case timeline; `None`: no such case, or no case selected.
    Case(Option<Box<CaseTimeline>>),
}

/// A heatmap cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HeatCell {
    /// Weekday (0 = Monday) and hour of the local time in the file.
    Calendar {
        /// Weekday.
        weekday: u32,
        /// Hour.
        hour: u32,
    },
    /// A resource's events of an activity that have a next step.
    ResourceActivity {
        /// Resource.
        resource: String,
        /// Activity.
        activity: String,
    },
}

/// The heatmaps of the explore view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bottlenecks {
    /// Steps by impact (at most 400).
    pub transitions: Vec<TransitionStat>,
    /// The slowest steps (by impact), each split by `by` (empty without `by`).
    pub breakdown: Vec<TransitionStat>,
    /// The grouping used.
    pub by: Option<GroupBy>,
    /// Weekday × hour.
    pub calendar: CalendarHeatmap,
    /// Resource × activity (at most 400 cells, slowest first).
    pub resource_activity: Vec<ResourceActivityCell>,
    /// Attributes that can split steps.
    pub attributes: Vec<String>,
}
