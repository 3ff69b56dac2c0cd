//! What the variants table asks the worker, and its answers.

use serde::{Deserialize, Serialize};

/// The variants table's requests.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Request {
    /// Variants of the current filters.
    Variants,
    /// Cases of some variants (by rank in the last variants answer).
    VariantCases {
        /// Variant ranks.
        ranks: Vec<u32>,
        /// At most this many ids.
        limit: usize,
    },
}

crate::worker_request!(Request for Variants:
    Request::Variants | Request::VariantCases { .. } => "doing-listing-variants",
);

/// The variants table's answers.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
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
