//! Messages between the page and the reader worker, which opens workbooks, Parquet files and sets of
//! tables (see [`super::worker`]). Files travel beside the message (handles, not bytes), as with the
//! engine worker; the reader's `Ready` and errors are the core's answers.

use relance_engine::import::tables::{DataModel, JoinReport};
use relance_engine::import::xlsx::SheetGlance;
use relance_engine::import::ImportOptions;
use serde::{Deserialize, Serialize};

/// What the page asks the reader.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReaderRequest {
    /// Look at the attached files: one workbook gives its sheets; one Parquet file is converted at
    /// once; several files (or a .zip) give a proposed data model.
    Open,
    /// Convert this sheet of the workbook opened last into CSV for the engine.
    Sheet {
        /// The sheet.
        name: String,
    },
    /// Join the tables opened last as the model says, into CSV for the engine.
    Join {
        /// The model (the proposal, as the user changed it).
        model: DataModel,
    },
}

crate::worker_request!(ReaderRequest for DataIn:
    _ => "doing-reading-file",
);

/// A table of a set, as the data-model screen shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableGlance {
    /// Its name.
    pub name: String,
    /// Rows.
    pub rows: u64,
    /// Per column: its name and its first distinct values (at most 3), for the screen.
    pub columns: Vec<(String, Vec<String>)>,
}

/// What the reader answers.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
// One answer per file opened, copied once through postMessage: boxing the large variants saves nothing.
#[allow(clippy::large_enum_variant)]
pub enum ReaderAnswer {
    /// A workbook's sheets, for the sheet picker.
    Sheets {
        /// The file.
        file: String,
        /// Each sheet and what its first rows look like.
        sheets: Vec<SheetGlance>,
        /// The sheet that looks most like a table.
        preselected: Option<usize>,
    },
    /// Several tables and the proposed model, for the data-model screen.
    Model {
        /// The files.
        files: Vec<String>,
        /// The tables read.
        tables: Vec<TableGlance>,
        /// The proposal.
        model: DataModel,
    },
    /// Rows converted so far.
    Progress {
        /// Rows.
        rows: u64,
        /// CSV bytes written.
        bytes: f64,
        /// Milliseconds since the start.
        elapsed_ms: f64,
    },
    /// The CSV for the engine is attached (a `File`): import it with these options.
    Converted {
        /// Name to show for the log.
        name: String,
        /// Options: roles for joined tables, notes on what reading assumed.
        options: ImportOptions,
        /// The model applied (several tables only).
        model: Option<DataModel>,
        /// What the join found (several tables only).
        report: Option<JoinReport>,
        /// Whether the engine can import at once (joined tables: the roles are known) rather than
        /// show the mapping screen (a sheet: its columns are the user's to check).
        direct: bool,
    },
}
