//! Relance's analyses as portable SQL, run where the data lives.
//!
//! A log too large for a browser tab (hundreds of millions of receivables events in a warehouse) is
//! analysed by the warehouse itself: each analysis is a small typed plan ([`plan::Query`]) built once
//! ([`analyses`], [`collections`]) and printed for each engine through a [`Dialect`]. The results are
//! small (activities, edges, variants, statistics) and [`document`] assembles them into the same JSON
//! document as `relance analyze --json`.
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use relance_sql::{sql, Analysis, DialectName, Spec};
//! let spec = Spec::new("events", "case_id", "activity", "ts");
//! let text = sql(DialectName::Postgres.dialect(), Analysis::Dfg, &spec, None)?;
//! assert!(text.contains("percentile_cont(0.5) WITHIN GROUP"));
//! assert!(text.contains("AS \"from\""));
//! # Ok(())
//! # }
//! ```
//!
//! Semantics are the engine's (pm4py's): see [`analyses`] for the core analyses and [`collections`]
//! for the collections measures.

pub mod analyses;
pub mod collections;
pub mod dialect;
pub mod document;
pub mod plan;

pub use analyses::{Analysis, Spec, VARIANTS_CAP};
pub use dialect::{Dialect, DialectName, SqlType};
pub use document::{assemble, Cell, Table};

use relance_engine::collections::RoleMap;
use std::fmt;

/// Why a query cannot be printed.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Error {
    /// A collections analysis was asked for without a role mapping.
    NeedsMapping(&'static str),
    /// The mapping lacks a role the analysis needs.
    MissingRole {
        /// The analysis.
        analysis: &'static str,
        /// What is missing.
        what: String,
    },
    /// A time zone that is not an IANA name.
    TimeZone(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NeedsMapping(a) => write!(
                f,
                "{a} is a collections analysis: give the activity and column roles with --mapping FILE (as the app saves them)"
            ),
            Error::MissingRole { analysis, what } => {
                write!(f, "{analysis}: the mapping names no {what}")
            }
            Error::TimeZone(z) => write!(
                f,
                "time zone {z:?}: expected an IANA name such as Europe/Paris or America/New_York (or UTC)"
            ),
        }
    }
}

impl std::error::Error for Error {}

/// The SQL of one analysis in one dialect (collections measures with default settings).
pub fn sql(
    dialect: &dyn Dialect,
    analysis: Analysis,
    spec: &Spec,
    mapping: Option<&RoleMap>,
) -> Result<String, Error> {
    sql_with(
        dialect,
        analysis,
        spec,
        mapping,
        &collections::Settings::default(),
    )
}

/// The SQL of one analysis in one dialect.
pub fn sql_with(
    dialect: &dyn Dialect,
    analysis: Analysis,
    spec: &Spec,
    mapping: Option<&RoleMap>,
    settings: &collections::Settings,
) -> Result<String, Error> {
    let q = match analyses::plan(analysis, spec) {
        Some(q) => q,
        None => {
            let map = mapping.ok_or(Error::NeedsMapping(analysis.name()))?;
            collections::plan_with(analysis, spec, map, settings)?
        }
    };
    Ok(dialect::print(&q, dialect))
}
