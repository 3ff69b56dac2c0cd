//! What the forecast view asks the worker, and its answers.

use crate::core::i18n::Language;
use relance_engine::collections::RoleMap;
use relance_engine::forecast::worklist::{Focus, WorklistTotals};
use relance_engine::forecast::Forecast;
use serde::{Deserialize, Serialize};

/// Rows of the worklist sent to the page; the CSV holds every row.
pub const SHOWN_ROWS: usize = 100;

/// The forecast view's requests.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Request {
    /// The forecast of the current filter's invoices as of a day (`None`: the last event's day).
    Forecast {
        /// Any instant of the as-of day, UTC ms.
        as_of_ms: Option<i64>,
        /// Role overrides (the rest is guessed).
        mapping: Option<RoleMap>,
        /// The worklist's chips: only the open invoices each of them keeps.
        focus: Vec<Focus>,
        /// Language of the reasons and sentences.
        language: Language,
    },
    /// The worklist of the last forecast, every row the chips keep, as CSV for the collectors.
    WorklistCsv {
        /// The chips.
        focus: Vec<Focus>,
        /// Language of the headers and reasons.
        language: Language,
    },
}

crate::worker_request!(Request for Forecast:
    Request::Forecast { .. } => "doing-forecasting",
    Request::WorklistCsv { .. } => "doing-writing-worklist",
);

/// The forecast view's answers.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// The forecast view.
    Forecast(Box<ForecastPage>),
    /// The worklist as CSV.
    WorklistCsv {
        /// File name.
        name: String,
        /// The file.
        text: String,
    },
}

/// The forecast view's content: the engine's forecast with only the top of the worklist, and the
/// totals of the whole worklist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ForecastPage {
    /// The forecast; `open_invoices` holds the first [`SHOWN_ROWS`] the chips keep, by amount at
    /// risk, with every sentence in the page's language.
    pub forecast: Forecast,
    /// The chips applied.
    pub focus: Vec<Focus>,
    /// Totals of the open invoices the chips keep.
    pub totals: WorklistTotals,
    /// Totals of every open invoice.
    pub all: WorklistTotals,
    /// How many open invoices each chip alone keeps (in [`Focus::ALL`]'s order).
    pub focus_counts: Vec<(Focus, u64)>,
    /// First and last day with events in the current filter (the as-of picker's bounds).
    pub first_day: Option<String>,
    /// Last day.
    pub last_day: Option<String>,
    /// The cash chart (SVG).
    pub cash_svg: String,
}
