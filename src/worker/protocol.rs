//! Messages between the page and the engine worker, sent as structured-cloned JavaScript values
//! (serde-wasm-bindgen: unlike JSON text, a number that is not a number stays `NaN`, which the engine
//! uses for "no value", e.g. the median of nothing).
//!
//! A request carries an id; the worker answers with the same id so the page can drop stale answers
//! (a slider moved again before the map came back). A `File` travels beside the message as the second item
//! of the posted array: the browser passes a handle, not the bytes.

use relance_engine::analysis::bottleneck::{
    CalendarHeatmap, CalendarMeasure, GroupBy, ResourceActivityCell, TransitionStat,
};
use relance_engine::analysis::timeline::{CaseTimeline, DottedChart, DottedOrder};
use relance_engine::analysis::{Histogram, Replay, ReplayOptions, Stat};
use relance_engine::collections::breakdown::BreakdownRow;
use relance_engine::collections::compliance::RulePack;
use relance_engine::collections::kpi::AgingBucket;
use relance_engine::collections::{CollectionsReport, CollectionsSettings, RoleMap};
use relance_engine::filter::{Filter, FilterStack};
use relance_engine::import::{ImportOptions, ImportReport, Preview};
use relance_engine::insights::{Comparison, InsightsReport, Language, OutcomeInfo};
use relance_engine::layout::MapDrawing;
use serde::{Deserialize, Serialize};

/// What the page asks.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Request {
    /// Generate and load the built-in demo log.
    LoadDemo,
    /// Guess how to read the attached file.
    Preview {
        /// Use this delimiter instead of guessing it.
        delimiter: Option<u8>,
    },
    /// Import the attached file.
    Import {
        /// How to read it.
        options: ImportOptions,
    },
    /// Open the attached summary document (`relance warehouse` or `relance bundle` output, or
    /// `analyze --json`): aggregates only, no cases.
    OpenSummary,
    /// Stop the running import (the previous log stays loaded).
    Cancel,
    /// The language of the texts the worker writes (chart axes, detail lines, sentences). No answer.
    SetLanguage {
        /// The language.
        language: Language,
    },
    /// Set the filter stack every later answer uses.
    SetFilters {
        /// The filters.
        filters: FilterStack,
    },
    /// The process map for the current filters, laid out.
    Map {
        /// Activities slider, percent.
        activity_pct: f64,
        /// Paths slider, percent.
        paths_pct: f64,
    },
    /// Variants of the current filters.
    Variants,
    /// Cases of some variants (by rank in the last variants answer).
    VariantCases {
        /// Variant ranks.
        ranks: Vec<u32>,
        /// At most this many ids.
        limit: usize,
    },
    /// Counts and charts for the overview.
    Overview,
    /// Details of one map edge.
    EdgeDetail {
        /// Source activity; `None` for the map's start.
        from: Option<String>,
        /// Target activity; `None` for the map's end.
        to: Option<String>,
        /// The statistic the map colours by.
        stat: Stat,
    },
    /// Details of one activity.
    NodeDetail {
        /// Activity name.
        name: String,
    },
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
    /// The cases behind a collections figure (from the last collections answer).
    Drill {
        /// Which figure.
        drill: Drill,
    },
    /// Transition, breakdown, calendar and resource heatmaps.
    Bottlenecks {
        /// Split the slowest steps by this.
        by: Option<GroupBy>,
        /// What the calendar heatmap shows.
        calendar: CalendarMeasure,
    },
    /// The cases behind a heatmap cell.
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
    /// Values (with case counts) of an attribute, the resources or the activities, for filter dialogs.
    Values {
        /// Which values.
        source: ValueSource,
    },
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
    /// The cases of a finding of the last insights answer (by its index there).
    InsightCases {
        /// Index in the last answer's findings.
        index: usize,
    },
    /// Tokens replaying the cases on the map.
    Replay {
        /// Activities slider, percent (the map the tokens run on).
        activity_pct: f64,
        /// Paths slider, percent.
        paths_pct: f64,
        /// Relative or real time, colours, case limit.
        options: ReplayOptions,
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

/// The two populations of a comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
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
}

/// A replay with the map drawing its moves refer to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReplayPage {
    /// The map, laid out (the same as the map view's for the same sliders).
    pub drawing: MapDrawing,
    /// The tokens' moves.
    pub replay: Replay,
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

impl Request {
    /// What the request does, for "working…" and "stopped while …" messages.
    /// (A message key of `locales/*.ftl`: show it with `t!`.)
    pub fn label(&self) -> &'static str {
        match self {
            Request::LoadDemo => "doing-building-demo-log",
            Request::Preview { .. } => "doing-reading-start-of-file",
            Request::Import { .. } | Request::OpenSummary => "doing-reading-file",
            Request::Cancel => "doing-cancelling",
            Request::SetLanguage { .. } => "doing-changing-language",
            Request::SetFilters { .. } => "doing-applying-filters",
            Request::Map { .. } => "doing-drawing-process-map",
            Request::Variants | Request::VariantCases { .. } => "doing-listing-variants",
            Request::Overview => "doing-computing-overview",
            Request::EdgeDetail { .. } | Request::NodeDetail { .. } => "doing-computing-details",
            Request::Collections { .. } => "doing-computing-collections-measures",
            Request::Drill { .. } | Request::CellCases { .. } => "doing-finding-cases",
            Request::Bottlenecks { .. } => "doing-computing-heatmaps",
            Request::Dotted { .. } => "doing-drawing-dotted-chart",
            Request::Case { .. } => "doing-reading-case",
            Request::Values { .. } => "doing-listing-values",
            Request::Insights { .. } => "doing-looking-for-what-drives-outcome",
            Request::InsightCases { .. } => "doing-finding-cases",
            Request::Compare { .. } => "doing-comparing-two-populations",
            Request::Replay { .. } => "doing-preparing-replay",
        }
    }
}

/// A heatmap cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "cell", rename_all = "snake_case")]
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

/// Where filter values come from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "source", rename_all = "snake_case")]
pub enum ValueSource {
    /// An attribute column.
    Attribute {
        /// Its name.
        name: String,
    },
    /// Resources.
    Resource,
    /// Activities.
    Activity,
}

/// Values of a column with the number of selected cases having each.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Values {
    /// What they are.
    pub source: ValueSource,
    /// (value, cases), most frequent first (at most 500).
    pub values: Vec<(String, u64)>,
    /// Distinct values in all.
    pub distinct: usize,
    /// Smallest and largest, for numbers.
    pub range: Option<(f64, f64)>,
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

/// A collections figure whose cases can be listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "what", rename_all = "snake_case")]
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
    /// A breakdown group.
    Breakdown {
        /// Attribute value.
        value: String,
    },
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

/// Converts a message to a JavaScript value (maps as plain objects).
pub fn to_js<T: Serialize>(value: &T) -> Result<wasm_bindgen::JsValue, serde_wasm_bindgen::Error> {
    value.serialize(&serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true))
}

/// A request with its id.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Envelope<T> {
    /// Request id (answers repeat it; progress messages use the import's id).
    pub id: u64,
    /// The content.
    pub body: T,
}

/// A loaded log, as the page describes it.
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
    pub log: relance_engine::analysis::summary::LogSummary,
    /// Case durations, seconds.
    pub case_duration_s: relance_engine::analysis::summary::CaseDurationRow,
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
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum SummaryCell {
    /// Text.
    Text(String),
    /// A number.
    Number(f64),
    /// `null` in the document: the figure is not available there.
    Missing,
}

/// One variant row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VariantRow {
    /// Rank (0 = most frequent).
    pub rank: u32,
    /// Activity sequence.
    pub activities: Vec<String>,
    /// Cases.
    pub cases: u64,
    /// Share of the selected cases.
    pub share: f64,
    /// Cumulative share.
    pub cumulative_share: f64,
    /// Median case duration, seconds.
    pub median_s: f64,
    /// Mean case duration, seconds.
    pub mean_s: f64,
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

/// A clickable area of a chart, as fractions of the chart's width and height (so it follows the SVG
/// however the page scales it), and the filter a click adds.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ChartHit {
    /// Left edge, 0..1 of the width.
    pub left: f64,
    /// Top edge, 0..1 of the height.
    pub top: f64,
    /// Width, 0..1.
    pub width: f64,
    /// Height, 0..1.
    pub height: f64,
    /// What the area is ("12 cases, 3.0–4.5 days").
    pub label: String,
    /// The filter for its cases.
    pub filter: Filter,
}

/// Details of an edge or node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Detail {
    /// Title ("A → B" or the activity).
    pub title: String,
    /// (label, value) lines.
    pub lines: Vec<(String, String)>,
    /// Duration histogram, if any.
    pub histogram: Option<Histogram>,
    /// The same histogram drawn as SVG.
    pub histogram_svg: Option<String>,
}

/// What the worker answers.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Response {
    /// The worker's wasm is running and listening.
    Ready,
    /// Made by the page, never sent by the worker: the worker died (out of memory, a panic) or was
    /// ended to cancel a long request, and a new one was started with no log loaded.
    Stopped {
        /// What it was doing (a [`Request::label`]).
        during: Option<String>,
        /// Whether the user cancelled (rather than the worker dying).
        cancelled: bool,
        /// Whether a new worker started.
        restarted: bool,
    },
    /// Import progress.
    Progress {
        /// Bytes read.
        bytes: f64,
        /// File size.
        total: f64,
        /// Rows decoded.
        rows: u64,
        /// Milliseconds since the import started.
        elapsed_ms: f64,
    },
    /// The guess for a file.
    Preview {
        /// File name.
        name: String,
        /// File size.
        size: f64,
        /// What the head says.
        preview: Box<Preview>,
    },
    /// A log is loaded (demo or file).
    Loaded(Box<LoadedLog>),
    /// The import stopped on request.
    Cancelled,
    /// The filters are set; `cases` remain.
    Filtered {
        /// Selected cases.
        cases: u64,
        /// Cases in the log.
        total: u64,
    },
    /// A process map, laid out.
    Map(Box<MapDrawing>),
    /// Variant rows.
    Variants {
        /// Rows, most frequent first (at most 2,000).
        rows: Vec<VariantRow>,
        /// Total number of variants.
        total: usize,
    },
    /// Case ids.
    Cases {
        /// Ids.
        ids: Vec<String>,
        /// How many there are in all.
        total: usize,
    },
    /// Overview numbers.
    Overview(Box<Overview>),
    /// Edge or node details.
    Detail(Detail),
    /// The collections measures.
    Collections(Box<CollectionsPage>),
    /// Heatmaps.
    Bottlenecks(Box<Bottlenecks>),
    /// The dotted chart.
    Dotted(Box<DottedChart>),
    /// A case timeline.
    Case {
        /// `None`: no such case, or no case selected.
        timeline: Option<Box<CaseTimeline>>,
    },
    /// Filter values.
    Values(Box<Values>),
    /// The insights view.
    Insights(Box<InsightsPage>),
    /// A comparison.
    Compare(Box<ComparePage>),
    /// A replay and the map it runs on.
    Replay(Box<ReplayPage>),
    /// Cases behind a figure.
    DrillCases {
        /// What they are.
        label: String,
        /// Their ids.
        ids: Vec<String>,
    },
    /// Something failed; the message is for the user.
    Error {
        /// One sentence.
        message: String,
    },
}
