//! Errors that stop an import or an analysis. Problems with single rows are not errors: they go in the
//! [`ImportReport`].
//!
//! The error lives with the import, the lowest layer that can fail (what stops the work is almost always
//! reading: an empty file, no case column, a broken stream, too big for memory); the layers above use
//! its `Invalid` and `Json` variants for their settings and documents. The crate root re-exports it as
//! `relance_engine::Error`, and the `error` module keeps its old path.

use super::budget::{gigabytes, MemoryBudget, MemoryEstimate};
use super::ImportReport;
use std::fmt;

/// What stopped the work. Messages are lowercase, one line, and say where.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The file has no data at all.
    Empty,
    /// No column has a role every log needs.
    MissingRole {
        /// The role's label.
        role: &'static str,
        /// The columns available.
        columns: Vec<String>,
    },
    /// An override names a column the file does not have.
    UnknownColumn {
        /// The name given.
        name: String,
        /// The columns available.
        columns: Vec<String>,
    },
    /// The header does not match the columns the options were made for.
    HeaderMismatch {
        /// Columns in the options.
        expected: Vec<String>,
        /// Columns in the file.
        found: Vec<String>,
    },
    /// Every row was skipped; the report says why.
    NoEvents {
        /// The import report.
        report: Box<ImportReport>,
    },
    /// The compressed stream is broken.
    Gzip(String),
    /// Reading the input failed.
    Io(String),
    /// A JSON document (mapping, rule pack, view) is invalid.
    Json {
        /// What the document was.
        what: &'static str,
        /// The parser's message, with line and column.
        message: String,
    },
    /// A setting or document is invalid for another reason.
    Invalid(String),
    /// The head given to [`preview`](crate::import::preview) is too short to guess from: read more.
    NeedMoreHead,
    /// The log would need more memory than the import may take (see [`crate::import::budget`]):
    /// refused early, from what the first slices took.
    TooBig {
        /// What the whole import is expected to take.
        estimate: MemoryEstimate,
        /// What it may take.
        budget: MemoryBudget,
    },
    /// An allocation failed while reading: the memory ran out before the estimate passed the budget
    /// (or without a budget).
    OutOfMemory {
        /// Rows read when it happened.
        rows: u64,
    },
}

fn list(columns: &[String]) -> String {
    let shown: Vec<String> = columns
        .iter()
        .take(12)
        .map(|c| format!("\"{c}\""))
        .collect();
    let more = if columns.len() > 12 {
        format!(" and {} more", columns.len() - 12)
    } else {
        String::new()
    };
    format!("{}{more}", shown.join(", "))
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Empty => write!(f, "the file is empty"),
            Error::MissingRole { role, columns } => {
                write!(
                    f,
                    "no {} column found among {}; name one explicitly",
                    role.to_lowercase(),
                    list(columns)
                )
            }
            Error::UnknownColumn { name, columns } => {
                write!(
                    f,
                    "no column named \"{name}\"; the file has {}",
                    list(columns)
                )
            }
            Error::HeaderMismatch { expected, found } => write!(
                f,
                "the header has {} columns ({}) but the mapping was made for {} ({})",
                found.len(),
                list(found),
                expected.len(),
                list(expected)
            ),
            Error::NoEvents { report } => {
                write!(
                    f,
                    "no event could be read: {} rows, {} skipped",
                    report.rows, report.skipped_rows
                )?;
                if let Some(p) = report.problems.iter().find(|p| p.kind.skips_row()) {
                    write!(
                        f,
                        " (first: line {}, column \"{}\": {})",
                        p.line, p.column, p.message
                    )?;
                }
                Ok(())
            }
            Error::Gzip(m) => write!(f, "cannot decompress the file: {m}"),
            Error::Io(m) => write!(f, "cannot read the file: {m}"),
            Error::Json { what, message } => write!(f, "invalid {what}: {message}"),
            Error::Invalid(m) => write!(f, "{m}"),
            Error::NeedMoreHead => write!(f, "more of the file is needed to guess how to read it"),
            Error::TooBig { estimate, budget } => write!(
                f,
                "this log would need about {} of memory (about {} events), more than the {budget}; run \
                 the analyses where the data lives with relance warehouse, which spills to disk",
                gigabytes(estimate.peak_bytes),
                estimate.events
            ),
            Error::OutOfMemory { rows } => write!(
                f,
                "out of memory after {rows} rows; run the analyses where the data lives with relance \
                 warehouse, which spills to disk"
            ),
        }
    }
}

impl std::error::Error for Error {}
