//! Integration tests of the engine: one binary, one module per topic.

mod common;
mod reference;
