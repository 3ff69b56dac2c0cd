//! Conformance: the real process held against an ideal one, deviations ranked by what goes with them,
//! and what a change would win.
//!
//! # Steps
//! 1. **Model** ([`model`]): a [`ProcessModel`] read from BPMN 2.0 ([`bpmn`]) or PNML ([`pnml`]), or
//!    mined from chosen variants with the inductive miner ([`inductive`], giving a process [`tree`]);
//!    every model becomes a Petri net ([`petri`], [`convert`], with a diagram's silent steps
//!    reduced by [`reduce`]) and can be drawn ([`draw`]) and written
//!    back as BPMN or PNML. Its activities are paired with the log's ([`mapping`]).
//! 2. **State space** ([`statespace`]): the model's reachable markings, explored once and shared by
//!    every variant, with the soundness checks.
//! 3. **Alignments** ([`alignment`]): one optimal alignment per variant (A* with an exact heuristic,
//!    a search budget per variant).
//! 4. **Report** ([`report`]): fitness as pm4py defines it, per variant and for the log; the
//!    deviations ([`deviations`]: skipped, inserted, out of order, repeated) with their cases, share
//!    and impact on invoice-to-cash or case duration; the what-if scenarios ([`whatif`]).
//!
//! Exactness: per-variant deviations and fitness, log fitness and fitting cases equal pm4py 2.7's
//! `conformance_diagnostics_alignments` on the reference logs (`tests/it/conformance.rs`, fixtures
//! written by pm4py once).
//!
//! ```
//! # fn main() -> Result<(), relance_engine::Error> {
//! use relance_engine::conformance::{conformance, ConformanceOptions, MinerOptions, ProcessModel, VariantChoice};
//! use relance_engine::{collections::RoleMap, import, insights::Language, Selection};
//! let csv = "case,activity,timestamp\n\
//!            1,Invoice,2024-01-01\n1,Payment,2024-01-20\n\
//!            2,Invoice,2024-01-02\n2,Payment,2024-01-25\n\
//!            3,Invoice,2024-01-03\n3,Reminder,2024-02-03\n3,Payment,2024-02-20\n";
//! let log = import::import_bytes(csv.as_bytes(), Default::default())?.log;
//! let sel = Selection::all(&log);
//! let choice = VariantChoice::TopCoverage { percent: 60.0 };
//! let model = ProcessModel::mine(&log, &sel, &choice, MinerOptions::default(), Language::En)?;
//! let opts = ConformanceOptions { scenarios: Some(vec![]), ..Default::default() };
//! let report = conformance(&log, &sel, &model, &RoleMap::guess(&log), &opts)?;
//! assert_eq!(report.fit_cases, 2);
//! assert_eq!(report.deviations[0].activity, "Reminder");
//! # Ok(())
//! # }
//! ```

pub mod alignment;
pub mod bpmn;
pub mod convert;
pub mod deviations;
pub mod draw;
pub mod inductive;
pub mod mapping;
pub mod model;
pub mod petri;
pub mod pnml;
pub mod reduce;
pub mod report;
pub mod statespace;
pub mod tree;
pub mod whatif;
mod xml;

pub use deviations::{Deviation, DeviationKind};
pub use draw::{GraphEdge, GraphNode, GraphNodeKind, ModelGraph};
pub use inductive::MinerOptions;
pub use mapping::{ActivityMapping, MappedActivity, MatchKind};
pub use model::{ModelFormat, ModelSource, ProcessModel, VariantChoice};
pub use petri::PetriNet;
pub use report::{conformance, ConformanceOptions, ConformanceReport, Move, VariantConformance};
pub use tree::ProcessTree;
pub use whatif::{Scenario, ScenarioSpec};
