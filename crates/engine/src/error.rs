//! Errors that stop an import or an analysis. Problems with single rows are not errors: they go in the
//! [`ImportReport`](crate::import::ImportReport).

use crate::import::ImportReport;
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
        }
    }
}

impl std::error::Error for Error {}
