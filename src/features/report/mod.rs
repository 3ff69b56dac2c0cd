//! The report to hand over: a "Report" button that asks the worker for one self-contained HTML file
//! (the engine's [`relance_engine::report`]) of the current filter, in the interface's language, and
//! downloads it. Nothing is uploaded: the file is made in the worker and saved through a `blob:` URL.

pub mod button;
pub mod handlers;
pub mod protocol;
pub mod state;

pub use button::ReportButton;
pub use state::{provide, use_report, ReportState};
