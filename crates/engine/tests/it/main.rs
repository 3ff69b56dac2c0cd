//! Integration tests of the engine: one binary, one module per topic.

mod chunking;
mod common;
mod hostile;
mod properties;
mod reference;
mod snapshot;
