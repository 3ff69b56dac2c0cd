//! The variants: a ranked table with shares, cumulative shares, median durations and the sequence as
//! chips; ticked variants list their cases or become a filter. From the log or from a summary document
//! ([`handlers`]).

pub mod handlers;
pub mod protocol;
pub mod state;
pub mod view;

pub use state::{provide, use_variants, VariantsState};
pub use view::VariantsView;
