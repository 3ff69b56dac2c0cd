//! Relance's engine: the process-mining and collections analyses behind the web app and the CLI.
//!
//! Pure Rust, no web or CLI dependency; it compiles for `wasm32-unknown-unknown` and natively.
//!
//! # Steps
//! 1. **Import** ([`import`]): bytes in any chunking → [`Importer`](import::Importer) (gzip, CSV dialect and
//!    column roles guessed, XES streamed) → an [`EventLog`] and an [`ImportReport`](import::ImportReport)
//!    listing every row it could not read.
//! 2. **Log** ([`log`]): columnar events, interned strings, each case a contiguous time-sorted range.
//! 3. **Filter** ([`filter`]): a [`Selection`] of cases (and trimmed events); never a copy of the log.
//! 4. **Analyse** ([`analysis`]): directly-follows graph, variants, durations, as plain structs.
//! 5. **Explain** ([`insights`]): what goes with late payment, disputes, write-offs or any outcome,
//!    ranked with intervals; two populations compared.
//! 6. **Forecast** ([`forecast`]): when each open invoice will be paid, cash by week, checked by a
//!    walk-forward backtest on the log itself.
//! 7. **Report** ([`report`]): everything above in one self-contained HTML file, in English or French.
//!
//! ```
//! use relance_engine::{analysis, import, Selection};
//! let csv = "case,activity,timestamp\nA,Create,2024-01-01T10:00:00Z\nA,Pay,2024-01-05T10:00:00Z\n";
//! let imported = import::import_bytes(csv.as_bytes(), import::ImportOptions::default()).unwrap();
//! let log = imported.log;
//! let g = analysis::dfg(&log, &Selection::all(&log));
//! assert_eq!(g.edges[0].count, 1);
//! assert_eq!(g.edges[0].duration.median_s, 4.0 * 86400.0);
//! ```
#![warn(missing_docs)]

pub mod analysis;
pub mod calendar;
pub mod collections;
pub mod conformance;
pub mod demo;
pub mod error;
pub mod export;
pub mod filter;
pub mod forecast;
pub mod import;
pub mod insights;
pub mod layout;
pub mod log;
pub mod parallel;
pub mod report;
pub mod validate;
pub mod values;
pub mod view;
pub mod words;

pub use error::Error;
pub use filter::Selection;
pub use log::{ActivityId, EventLog, ResourceId};
