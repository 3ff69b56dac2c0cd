//! Explore: bottleneck heatmaps (transitions, breakdown by any attribute, weekday × hour, resource ×
//! activity), the dotted chart and the case explorer. Every cell clicks through to its cases as a
//! filter; the worker computes them ([`handlers`]).

pub mod case_explorer;
pub mod dotted_chart;
pub mod handlers;
pub mod heatmaps;
pub mod protocol;
pub mod state;
pub mod view;

pub use state::{provide, use_explore, ExploreState};
pub use view::ExploreView;
