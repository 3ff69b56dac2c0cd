//! What the collections view asks the worker, and its answer.

use relance_engine::collections::breakdown::BreakdownRow;
use relance_engine::collections::compliance::RulePack;
use relance_engine::collections::kpi::AgingBucket;
use relance_engine::collections::{CollectionsReport, CollectionsSettings, RoleMap};
use serde::{Deserialize, Serialize};

/// The collections view's requests.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Request {
    /// The collections measures for the current filters.
    Collections {
        /// Role overrides (the rest is guessed).
        mapping: Option<RoleMap>,
        /// Windows and grace periods.
        settings: CollectionsSettings,
        /// Rule packs to check.
        packs: Vec<RulePack>,
        /// Attribute to break the headline measures down by.
        breakdown: Option<String>,
        /// Aging date (UTC ms); default the as-of date.
        aging_at_ms: Option<i64>,
    },
    /// Every violation of the rule packs as CSV (the page lists the first of each rule).
    ViolationsCsv {
        /// Role overrides (the rest is guessed).
        mapping: Option<RoleMap>,
        /// Windows, grace periods and basis.
        settings: CollectionsSettings,
        /// Rule packs to check.
        packs: Vec<RulePack>,
    },
    /// The cases behind a collections figure (from the last collections answer), as a filter chip.
    Drill {
        /// Which figure.
        drill: Drill,
    },
}

crate::worker_request!(Request for Collections:
    Request::Collections { .. } => "doing-computing-collections-measures",
    Request::ViolationsCsv { .. } => "doing-listing-violations",
    Request::Drill { .. } => "doing-finding-cases",
);

/// A collections figure whose cases can be listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Drill {
    /// Written-off invoices.
    WriteOffs,
    /// Invoices paid after their due date.
    PaidLate,
    /// Open invoices of an aging bucket.
    Aging {
        /// Bucket name.
        bucket: String,
    },
    /// Reminders of a level and channel not followed by payment.
    DunningUnpaid {
        /// Activity name.
        activity: String,
        /// Channel.
        channel: String,
        /// Level.
        level: u32,
    },
    /// Disputes of a reason.
    Disputes {
        /// Reason.
        reason: String,
    },
    /// Payments posted by a resource.
    Cash {
        /// Resource.
        resource: String,
    },
    /// Broken promises of a segment or agent.
    PromisesBroken {
        /// Segment or agent.
        group: String,
        /// Whether `group` is an agent.
        by_agent: bool,
    },
    /// Invoices open at a month-end of the DSO series (the receivables behind DSO), or only the past-due
    /// ones (behind ADD).
    Receivables {
        /// `YYYY-MM`.
        month: String,
        /// Only the past-due ones.
        past_due: bool,
    },
    /// Paid invoices whose invoice-to-cash time is at least the 90th percentile.
    SlowestToCash,
    /// Invoices cancelled and issued again.
    Reissued,
    /// The cases violating a compliance rule.
    Rule {
        /// Pack name.
        pack: String,
        /// Rule id.
        rule: String,
        /// The chip's label.
        label: String,
    },
    /// A breakdown group.
    Breakdown {
        /// Attribute value.
        value: String,
    },
}

/// The collections view's answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Answer {
    /// The measures.
    Page(Box<CollectionsPage>),
    /// Every violation, as CSV.
    ViolationsCsv(String),
}

/// What the collections view shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CollectionsPage {
    /// Every measure.
    pub report: CollectionsReport,
    /// DSO by month-end chart (SVG).
    pub dso_svg: String,
    /// The breakdown rows.
    pub breakdown: Vec<BreakdownRow>,
    /// The attribute they are by.
    pub breakdown_by: Option<String>,
    /// Attributes available for breakdowns.
    pub attributes: Vec<String>,
    /// Aging at the chosen date.
    pub aging: Vec<AgingBucket>,
    /// The aging date (ISO).
    pub aging_at: String,
}
