//! The overview: counts, case durations, the case-duration histogram and events per week (each bar or
//! week a filter), the import report in short, and the activities table.

pub mod handlers;
pub mod protocol;
pub mod state;
pub mod view;
pub mod weekly_chart;

pub use state::{provide, use_overview, OverviewState};
pub use view::OverviewView;
