//! Analyses: plain functions of `(&EventLog, &Selection)` returning plain structs.
//!
//! Semantics follow pm4py (see `../shared/reference`): a directly-follows step joins consecutive events
//! of a case after the stable time sort, its duration is the difference of their instants, a variant is
//! a case's activity sequence, a case's duration runs from its first to its last event, and medians and
//! percentiles follow numpy.

pub mod activity_durations;
pub use crate::values::bands;
pub mod bottleneck;
pub mod dfg;
pub mod document;
pub mod durations;
pub mod process_map;
pub mod replay;
pub use crate::values::stats;
pub mod summary;
pub mod timeline;
pub mod variants;

pub use activity_durations::{activity_durations, ActivityDuration};
pub use dfg::{dfg, ActivityFreq, Dfg, Edge};
pub use document::{summary_map, MapCounts, SummaryDocument, SummaryMap};
pub use durations::{case_duration_stats, case_durations_ms, duration_histogram, Histogram};
pub use process_map::{
    opening_activity_pct, process_map, simplify_paths, MapEdge, MapNode, NodeKind, ProcessMap,
    OPENING_ACTIVITIES,
};
pub use replay::{replay, Replay, ReplayColour, ReplayOptions};
pub use stats::{DurationStats, Stat};
pub use summary::{summarize, Summary};
pub use variants::{variants, Variant, Variants};
