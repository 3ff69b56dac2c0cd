//! Insights: what goes with late payment, disputes, write-offs, slow cash, unanswered reminders, long
//! cases or any activity, ranked with evidence (intervals, q-values, excess cases, amount at risk) and
//! said in sentences, each finding's cases a filter; and two populations compared. The engine computes
//! it all (`relance_engine::insights`); [`handlers`] runs it in the worker.

pub mod compare;
pub mod effects_chart;
pub mod findings;
pub mod handlers;
pub mod protocol;
pub mod state;
pub mod view;

pub use state::{provide, use_insights, InsightsState};
pub use view::InsightsView;
