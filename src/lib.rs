//! Relance web app: a Leptos single-page app whose engine runs in a Web Worker.
//!
//! - `bin/app.rs` mounts [`shell::App`] on the page and, in the worker the page starts first, runs
//!   [`service::run_first_map`] (the same wasm: import, filters, map, variants, overview);
//!   `bin/engine_worker.rs` runs [`service::run`] (every feature; it takes over on the first request
//!   of another); `bin/reader_worker.rs` runs the reader worker (workbooks, Parquet, sets of tables).
//! - [`core`]: what every feature builds on (language and number wording, the shared state and the
//!   filter stack, the worker link and protocol envelope); it names no feature.
//! - [`features`]: one folder per feature (map, variants, overview, collections, insights, explore,
//!   data in, summary), each with its views, state, requests and the worker's handlers.
//! - [`components`]: one component per pattern (data table, KPI tile, chart frame); [`charts`]: the
//!   worker's shared plotters drawing.
//!
//! Views only format numbers; every number comes from the engine.

// First, so that every module below can use `t!`.
#[macro_use]
pub mod core;
pub mod charts;
pub mod components;
pub mod features;
pub mod service;
pub mod shell;

pub use shell::App;
