//! Data-in's actions: open what the user chose or dropped (one CSV/XES/gzip file goes to the engine;
//! a workbook, a Parquet file, a `.zip` or several files go to the reader worker first), guess again,
//! import, the demo, a workbook's sheet, a set of tables joined, and Cancel.

use super::protocol::Request;
use super::reader::client as reader;
use super::reader::protocol::ReaderRequest;
use super::state::{DataInState, Source};
use crate::core::state::Progress;
use crate::core::worker::client;
use leptos::prelude::*;
use relance_engine::import::tables::DataModel;
use relance_engine::import::ImportOptions;
use web_sys::File;

/// Whether a file goes to the reader worker (a workbook, Parquet, a zip) rather than straight to the
/// engine (CSV, XES, gzip), by its name; the reader tells them apart by content.
fn needs_reader(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    [
        ".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".parquet", ".pq", ".zip",
    ]
    .iter()
    .any(|e| n.ends_with(e))
}

/// Whether a file is a summary document (`relance warehouse`/`bundle`/`analyze --json` output): a
/// `.json` file. The worker says so clearly if it is not one.
fn is_summary_file(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".json")
}

impl DataInState {
    /// Opens what the user chose or dropped.
    pub fn open_files(self, files: Vec<File>) {
        match files.as_slice() {
            [] => {}
            [one] if !needs_reader(&one.name()) => self.open_file(one.clone()),
            _ => {
                self.core.error.set(None);
                self.pending.set_value((None, Vec::new()));
                // The reading box (with Cancel) while the reader opens them: a big workbook takes a
                // while.
                self.reading.set(Some(Progress::default()));
                if reader::send(self, &ReaderRequest::Open, &files) == 0 {
                    self.reading.set(None);
                    self.core.error.set(Some(t!("reader-not-started")));
                }
            }
        }
    }

    /// Starts reading a file the user chose: the worker guesses how to read it, then the mapping
    /// screen opens.
    pub fn open_file(self, file: File) {
        self.core.error.set(None);
        self.pending.set_value((None, Vec::new()));
        if is_summary_file(&file.name()) {
            return self.open_summary(file);
        }
        self.core
            .busy
            .set(Some(t!("reading-file", name = file.name())));
        client::send(&Request::Preview { delimiter: None }, Some(&file));
        self.file.set_value(Some(file));
    }

    /// Opens a summary document of aggregates (no cases) in place of the log.
    pub fn open_summary(self, file: File) {
        self.core.error.set(None);
        self.core
            .busy
            .set(Some(t!("reading-file", name = file.name())));
        self.source
            .update_value(|src| src.1 = Some(Source::Summary(file.clone())));
        client::send(&Request::OpenSummary, Some(&file));
    }

    /// Guesses the waiting file again with another delimiter (the columns change with it).
    pub fn repreview(self, delimiter: u8) {
        let Some(file) = self.file.get_value() else {
            return;
        };
        self.core
            .busy
            .set(Some(t!("reading-file", name = file.name())));
        let delimiter = Some(delimiter);
        client::send(&Request::Preview { delimiter }, Some(&file));
    }

    /// Imports the waiting file with these options.
    pub fn start_import(self, options: ImportOptions) {
        let Some(file) = self.file.get_value() else {
            self.core.error.set(Some(t!("choose-file-first")));
            return;
        };
        let mut options = options;
        // What reading a workbook or joining tables assumed goes into the report.
        let (_, notes) = self.pending.get_value();
        for n in notes {
            if !options.notes.contains(&n) {
                options.notes.push(n);
            }
        }
        self.mapping.set(None);
        self.core.progress.set(Some(Progress {
            total: file.size(),
            ..Progress::default()
        }));
        self.source
            .update_value(|src| src.1 = Some(Source::File(file.clone(), options.clone())));
        self.import
            .send_file(&Request::Import { options }, Some(&file));
    }

    /// Loads the demo log.
    pub fn load_demo(self) {
        self.core.busy.set(Some(t!("building-demo")));
        self.source.update_value(|src| src.1 = Some(Source::Demo));
        client::send(&Request::LoadDemo, None);
    }

    /// Reads the picked sheet of the waiting workbook.
    pub fn read_sheet(self, name: String) {
        self.sheet_pick.set(None);
        self.reading.set(Some(Progress::default()));
        reader::send(self, &ReaderRequest::Sheet { name }, &[]);
    }

    /// Joins the waiting tables as the edited model says.
    pub fn join_tables(self, model: DataModel) {
        self.model_edit.set(None);
        self.reading.set(Some(Progress::default()));
        reader::send(self, &ReaderRequest::Join { model }, &[]);
    }

    /// Stops the reader worker (a sheet being converted, tables being read or joined).
    pub fn cancel_reading(self) {
        reader::stop();
        self.reading.set(None);
        self.core.busy.set(None);
        self.sheet_pick.set(None);
        self.model_edit.set(None);
    }
}
