//! What the conformance view asks the worker, and its answers.

use crate::core::i18n::Language;
use relance_engine::collections::{CollectionsSettings, RoleMap};
use relance_engine::conformance::{ConformanceReport, Move};
use relance_engine::view::ConformanceView;
use serde::{Deserialize, Serialize};

/// The conformance view's requests.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Request {
    /// Hold the current filter's cases against the ideal process.
    Check {
        /// The model, the user's activity pairs and scenarios (as the view file saves them).
        setup: ConformanceView,
        /// Role overrides (the rest is guessed).
        mapping: Option<RoleMap>,
        /// As-of date and dunning window.
        settings: CollectionsSettings,
        /// Language of the sentences.
        language: Language,
    },
    /// The cases with a deviation of the last check (by its index there), as a filter chip.
    DeviationCases {
        /// Index in the last answer's deviations.
        index: usize,
    },
    /// The alignment of a variant of the last check (by its index there).
    Moves {
        /// Index in the last answer's variants.
        index: usize,
    },
    /// The last checked model as a file.
    Export {
        /// BPMN or PNML.
        format: ExportFormat,
    },
}

crate::worker_request!(Request for Conformance:
    Request::Check { .. } => "doing-checking-conformance",
    Request::DeviationCases { .. } => "doing-finding-cases",
    Request::Moves { .. } => "doing-aligning-variant",
    Request::Export { .. } => "doing-exporting-model",
);

/// Model file formats the view writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// BPMN 2.0 with its diagram (bpmn.io, pm4py).
    Bpmn,
    /// PNML Petri net (pm4py, ProM).
    Pnml,
}

/// The conformance view's answers.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// The check.
    Report(Box<ConformancePage>),
    /// The model could not be made or read, or shares nothing with the log: why, naming the element.
    ModelError {
        /// One sentence.
        message: String,
    },
    /// A variant's alignment.
    Moves {
        /// Its index in the report's variants.
        index: usize,
        /// The moves, silent ones left out.
        moves: Vec<Move>,
    },
    /// A model file to download.
    Exported {
        /// File name.
        name: String,
        /// Its text.
        text: String,
        /// What the conversion noted.
        notes: Vec<String>,
    },
}

/// The conformance view's content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConformancePage {
    /// Fitness, deviations, scenarios, the model's summary and activity pairs. The variants' moves
    /// are left out (asked one variant at a time).
    pub report: ConformanceReport,
    /// The model drawn (SVG), activities where cases deviate marked.
    pub model_svg: String,
    /// Whether the drawing keeps the file's own diagram layout.
    pub layout_from_file: bool,
    /// The log's activities, for the mapping screen and the scenarios.
    pub log_activities: Vec<String>,
    /// Case attributes and a few of their values, for the "segment like the rest" scenario.
    pub segments: Vec<(String, Vec<String>)>,
}
