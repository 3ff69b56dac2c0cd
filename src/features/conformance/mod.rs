//! Conformance: the real process held against an ideal one. The model is mined from the log's
//! variants (inductive miner, IMf's noise threshold) or imported (BPMN, PNML), its activities paired
//! with the log's, drawn with the deviations marked, and exported; fitness as pm4py defines it;
//! deviations ranked by impact, each opening its cases as a filter; what-if scenarios side by side.
//! The engine computes it all (`relance_engine::conformance`); [`handlers`] runs it in the worker.

pub mod handlers;
pub mod model_setup;
pub mod model_svg;
pub mod protocol;
pub mod scenarios;
pub mod state;
pub mod tables;
pub mod view;

pub use state::{provide, use_conformance, ConformanceState};
pub use view::ConformanceScreen;
