//! The page's side of the reader worker: started the first time a workbook, a Parquet file or several
//! files are opened, ended to cancel (the next file starts another), and its answers turned into
//! data-in's screens (sheet picker, data model) or an import. Trunk builds it as `reader_worker.js` +
//! `reader_worker_bg.wasm`.

use super::protocol::{ReaderAnswer, ReaderRequest};
use crate::core::state::Progress;
use crate::core::worker::link::Link;
use crate::core::worker::protocol::{read, CoreAnswer, Feature, Header};
use crate::features::data_in::state::{DataInState, ModelEdit, SheetPick};
use leptos::prelude::*;
use relance_engine::import::tables::DataModel;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsValue;
use web_sys::File;

thread_local! {
    static READER: RefCell<Option<Rc<Link>>> = const { RefCell::new(None) };
    static NEXT_ID: Cell<u64> = const { Cell::new(1) };
}

fn spawn(d: DataInState) -> Result<Rc<Link>, JsValue> {
    Link::spawn(
        "reader_worker",
        move |header, body, files| on_message(d, header, body, files.into_iter().next()),
        move || {
            // Only that it stopped: a panic message can quote the user's data.
            web_sys::console::error_1(&"the reader worker stopped".into());
            stop();
            d.on_reader_error(t!("reader-stopped"));
        },
    )
}

/// Sends a request with files, starting the worker if needed; returns its id (0 when the worker could
/// not start).
pub fn send(d: DataInState, req: &ReaderRequest, files: &[File]) -> u64 {
    let reader = match READER.with(|r| r.borrow().clone()) {
        Some(r) => r,
        None => match spawn(d) {
            Ok(r) => {
                READER.with(|slot| *slot.borrow_mut() = Some(r.clone()));
                r
            }
            Err(_) => return 0,
        },
    };
    let id = NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    });
    if reader.post(id, req, files) {
        id
    } else {
        0
    }
}

/// Ends the worker (what it was doing is dropped); the next request starts a new one.
pub fn stop() {
    if let Some(r) = READER.with(|r| r.borrow_mut().take()) {
        r.terminate();
    }
}

fn on_message(d: DataInState, header: Header, body: JsValue, file: Option<File>) {
    if header.feature == Feature::Core {
        match read::<CoreAnswer>(body) {
            Ok(CoreAnswer::Error { message }) => d.on_reader_error(message),
            Ok(_) => {}
            Err(e) => web_sys::console::error_1(&format!("unreadable reader message: {e}").into()),
        }
        return;
    }
    match read::<ReaderAnswer>(body) {
        Ok(answer) => d.on_reader_answer(answer, file),
        Err(e) => web_sys::console::error_1(&format!("unreadable reader message: {e}").into()),
    }
}

impl DataInState {
    fn on_reader_error(self, message: String) {
        self.core.busy.set(None);
        self.reading.set(None);
        self.core.error.set(Some(message));
    }

    fn on_reader_answer(self, answer: ReaderAnswer, file: Option<File>) {
        match answer {
            ReaderAnswer::Sheets {
                file: name,
                sheets,
                preselected,
            } => {
                self.reading.set(None);
                let Some(selected) = preselected else {
                    self.core
                        .error
                        .set(Some(t!("no-sheet-table", name = name.clone())));
                    return;
                };
                // One sheet: no question to ask.
                match sheets.as_slice() {
                    [only] => self.read_sheet(only.name.clone()),
                    _ => self.sheet_pick.set(Some(SheetPick {
                        file: name,
                        sheets,
                        selected,
                    })),
                }
            }
            ReaderAnswer::Model {
                files,
                tables,
                model,
            } => {
                self.reading.set(None);
                // A saved model for the same tables wins over the proposal.
                let names = |m: &DataModel| {
                    let mut n: Vec<String> = m.tables.iter().map(|t| t.name.clone()).collect();
                    relance_engine::values::order::sort_by(&mut n, |a, b| a.cmp(b));
                    n
                };
                let model = match self.view_model.get_untracked() {
                    Some(v) if names(&v) == names(&model) => v,
                    _ => model,
                };
                self.model_edit.set(Some(ModelEdit {
                    files,
                    tables,
                    model,
                }));
            }
            ReaderAnswer::Progress {
                rows,
                bytes,
                elapsed_ms,
            } => {
                if self.reading.with_untracked(|r| r.is_some()) {
                    self.reading.set(Some(Progress {
                        bytes,
                        total: 0.0,
                        rows,
                        elapsed_ms,
                    }));
                }
            }
            ReaderAnswer::Converted {
                options,
                model,
                direct,
                ..
            } => {
                self.reading.set(None);
                let Some(file) = file else {
                    self.core.error.set(Some(t!("internal-no-table")));
                    return;
                };
                if direct {
                    self.file.set_value(Some(file));
                    self.pending.set_value((model, Vec::new()));
                    self.start_import(options);
                } else {
                    self.open_file(file);
                    self.pending.set_value((None, options.notes));
                }
            }
        }
    }
}
