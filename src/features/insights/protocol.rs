//! What the insights view asks the worker, and its answers.

use crate::core::i18n::Language;
use relance_engine::collections::{CollectionsSettings, RoleMap};
use relance_engine::filter::FilterStack;
use relance_engine::insights::{Comparison, HeadlineItem, InsightsReport, OutcomeInfo};
use relance_engine::layout::MapDrawing;
use serde::{Deserialize, Serialize};

/// The insights view's requests.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Request {
    /// What goes with an outcome among the current filter's cases (or, for `in_filter`, what sets them
    /// apart from the other cases).
    Insights {
        /// Outcome id; `None` for the first one the log supports.
        outcome: Option<String>,
        /// Role overrides (the rest is guessed).
        mapping: Option<RoleMap>,
        /// Dunning window and as-of date.
        settings: CollectionsSettings,
        /// Language of the sentences.
        language: Language,
    },
    /// The cases of a finding of the last insights answer (by its index there), as a filter chip.
    InsightCases {
        /// Index in the last answer's findings.
        index: usize,
    },
    /// Two populations side by side.
    Compare {
        /// How the populations are defined.
        split: CompareSplit,
        /// Role overrides (the rest is guessed).
        mapping: Option<RoleMap>,
        /// Language of the sentences.
        language: Language,
        /// Paths slider of the comparison map, percent.
        paths_pct: f64,
    },
}

crate::worker_request!(Request for Insights:
    Request::Insights { .. } => "doing-looking-for-what-drives-outcome",
    Request::InsightCases { .. } => "doing-finding-cases",
    Request::Compare { .. } => "doing-comparing-two-populations",
);

/// The insights view's answers.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// The insights view.
    Insights(Box<InsightsPage>),
    /// A comparison.
    Compare(Box<ComparePage>),
}

/// The two populations of a comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompareSplit {
    /// Among the current filter's cases, those starting before an instant (A) and the others (B).
    Date {
        /// The instant, UTC ms.
        at_ms: i64,
    },
    /// Two filter stacks, each applied to the whole log.
    Filters {
        /// Population A.
        a: FilterStack,
        /// Population B.
        b: FilterStack,
    },
}

/// The insights view's content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InsightsPage {
    /// Every outcome the picker lists, available or not (with the reason).
    pub outcomes: Vec<OutcomeInfo>,
    /// The outcome shown.
    pub outcome: Option<String>,
    /// Its findings, ranked, with the skipped attributes and notes.
    pub report: InsightsReport,
    /// The effect chart (SVG).
    pub chart_svg: String,
    /// At most five findings across every receivables outcome, ranked by money at stake, subgroups
    /// folded under their parent (empty when the outcome is "in the current filter").
    #[serde(default)]
    pub headline: Vec<HeadlineItem>,
    /// The headline in a sentence: how many findings, ranked how, how many values tested in all.
    #[serde(default)]
    pub headline_note: String,
}

/// The comparison view's content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComparePage {
    /// KPIs, edges, variants and the drivers of being in B.
    pub comparison: Comparison,
    /// The map of both populations together, laid out (edges are coloured by the comparison).
    pub map: Option<MapDrawing>,
    /// The effect chart of the drivers (SVG).
    pub chart_svg: String,
}
