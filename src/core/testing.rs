//! What the app's unit tests share: a log from CSV text.

use relance_engine::import::{import_bytes, ImportOptions};
use relance_engine::EventLog;

/// The log of a small CSV text (the test's own: it must read).
pub fn log_of(csv: &str) -> EventLog {
    match import_bytes(csv.as_bytes(), ImportOptions::default()) {
        Ok(imported) => imported.log,
        Err(e) => panic!("the test's CSV does not read: {e}"),
    }
}
