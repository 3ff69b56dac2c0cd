//! The reader worker: workbooks, Parquet files and sets of tables, read in a wasm module of its own that
//! loads only when such a file is opened. [`protocol`]: its messages; [`client`]: the page's side;
//! [`worker`]: the worker's side (run by `bin/reader_worker.rs`).

pub mod client;
pub mod protocol;
pub mod worker;
