//! The engine worker and the page's side of talking to it.

pub mod client;
pub mod protocol;
pub mod reader_client;
pub mod reader_protocol;

// The worker-only parts: compiled into both binaries but only called from the worker's `main`.
pub mod charts;
pub mod insights;
pub mod reader;
pub mod service;
pub mod summary;
