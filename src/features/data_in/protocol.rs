//! What the page asks the engine worker about files, the demo and summary documents, and its answers.

use crate::core::log::LoadedLog;
use relance_engine::import::{ImportOptions, Preview};
use serde::{Deserialize, Serialize};

/// Data-in's requests; a file travels beside the message.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Request {
    /// Generate and load the built-in demo log.
    LoadDemo,
    /// Guess how to read the attached file.
    Preview {
        /// Use this delimiter instead of guessing it.
        delimiter: Option<u8>,
    },
    /// Import the attached file.
    Import {
        /// How to read it.
        options: ImportOptions,
    },
    /// Open the attached summary document (`relance warehouse` or `relance bundle` output, or
    /// `analyze --json`): aggregates only, no cases.
    OpenSummary,
}

crate::worker_request!(Request for DataIn:
    Request::LoadDemo => "doing-building-demo-log",
    Request::Preview { .. } => "doing-reading-start-of-file",
    Request::Import { .. } | Request::OpenSummary => "doing-reading-file";
    loads_log: Request::LoadDemo | Request::Import { .. } | Request::OpenSummary
);

/// Data-in's answers.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// Import progress.
    Progress {
        /// Bytes read.
        bytes: f64,
        /// File size.
        total: f64,
        /// Rows decoded.
        rows: u64,
        /// Milliseconds since the import started.
        elapsed_ms: f64,
    },
    /// The guess for a file.
    Preview {
        /// File name.
        name: String,
        /// File size.
        size: f64,
        /// What the head says.
        preview: Box<Preview>,
    },
    /// A log is loaded (demo, file or summary document).
    Loaded(Box<LoadedLog>),
    /// The import stopped on request.
    Cancelled,
}
