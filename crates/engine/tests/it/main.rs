//! Integration tests of the engine: one binary, one module per topic.

mod chunking;
mod common;
mod conformance;
#[cfg(feature = "xlsx")]
mod datain;
mod demo;
mod filters;
mod forecast;
mod hostile;
mod insights;
mod integrity;
mod memory;
mod properties;
mod reference;
mod snapshot;
