//! The features, one folder each: its views, its state (signals and actions), its requests to the
//! engine worker ([`map::protocol`] and the like) and the worker's handlers that answer them. A feature
//! builds on the core and the shared components; the shell provides their states and routes the
//! worker's answers to them, and the worker service dispatches each request to its feature.

pub mod collections;
pub mod conformance;
pub mod data_in;
pub mod explore;
pub mod forecast;
pub mod insights;
pub mod map;
pub mod overview;
pub mod report;
pub mod summary;
pub mod variants;
