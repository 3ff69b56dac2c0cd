//! Data in: opening files (drop zone, file buttons), the mapping screen, the XES choice, the sheet
//! picker, the data model of several tables, the import report, import progress, the view file; the
//! worker's side of importing ([`import`]) and the reader worker for workbooks, Parquet and sets of
//! tables ([`reader`]); the engine's import sentences in the interface's language ([`words`]).

pub mod data_model;
pub mod drop_zone;
pub mod file_button;
pub mod header;
pub mod import;
pub mod import_report;
pub mod mapping;
pub mod open;
pub mod progress;
pub mod protocol;
pub mod reader;
pub mod sheet_picker;
pub mod state;
pub mod view_file;
pub mod words;

pub use state::{provide, use_data_in, DataInState};
