//! The crate's error, [`Error`]: what stops an import or an analysis. It is defined with the import
//! (see [`crate::import::error`]); this module keeps the `crate::error::Error` path.

pub use crate::import::error::Error;
