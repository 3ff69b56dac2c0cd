//! Forecast: the open book as of a date. Per open invoice the probability it is paid late, its expected
//! payment date with an 80 % interval and the reasons in words; the worklist ranked by amount at risk;
//! cash expected per week for 13 weeks with its band; and the walk-forward backtest that says how far
//! to trust it. The engine computes it all (`relance_engine::forecast`); [`handlers`] runs it in the
//! worker on the current filter's cases and sends the page the top of the worklist, its totals and
//! the chart, and the whole worklist as CSV when asked.

pub mod backtest;
pub mod cash_chart;
pub mod handlers;
pub mod protocol;
pub mod state;
pub mod view;
pub mod worklist;

pub use state::{provide, use_forecast, ForecastState};
pub use view::ForecastView;
