//! Collections: receivables KPIs with their definitions, DSO by month, aging at a chosen date, dunning
//! effectiveness by level and channel, disputes, cash application, promises, a breakdown by any
//! attribute, the compliance panel and the activity-roles editor. The worker computes the report
//! ([`handlers`]) and keeps it, so every figure drills into its cases.

pub mod compliance;
pub mod dso_chart;
pub mod figures;
pub mod handlers;
pub mod protocol;
pub mod roles;
pub mod settings;
pub mod state;
pub mod tables;
pub mod view;

pub use state::{provide, use_collections, CollectionsState};
pub use view::CollectionsView;
