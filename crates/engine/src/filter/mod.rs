//! Filters: each one turns a log into a [`Selection`] of cases (or trimmed events); a stack of them is
//! combined with AND.

pub mod selection;

pub use selection::Selection;
