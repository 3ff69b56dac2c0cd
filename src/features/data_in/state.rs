//! Data-in's state: the file waiting for its import and the screens that read it (mapping, XES choice,
//! sheet picker, data model), the reader worker's progress, where the loaded log came from (to load it
//! again in a new worker), and the import report panel. The actions are in [`super::open`].

use super::protocol::{Answer, Request};
use super::reader::protocol::TableGlance;
use crate::core::latest::Latest;
use crate::core::state::{AppState, Event, Progress, Tab};
use crate::core::worker::client;
use crate::core::worker::protocol::{CoreRequest, WorkerRequest};
use leptos::prelude::*;
use relance_engine::filter::FilterStack;
use relance_engine::import::tables::DataModel;
use relance_engine::import::xlsx::SheetGlance;
use relance_engine::import::{CsvOptions, ImportOptions, Message, Preview};
use relance_engine::view::ColumnsView;
use web_sys::File;

/// The mapping screen's content.
#[derive(Debug, Clone, PartialEq)]
pub struct MappingState {
    /// File name.
    pub name: String,
    /// File size.
    pub size: f64,
    /// The worker's guess.
    pub preview: Preview,
    /// The options being edited.
    pub options: CsvOptions,
}

/// A workbook's sheets, waiting for the user's pick.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetPick {
    /// The file.
    pub file: String,
    /// Each sheet and what its first rows look like.
    pub sheets: Vec<SheetGlance>,
    /// The sheet picked (preselected: the one that looks most like a table).
    pub selected: usize,
}

/// Several tables and the model being edited on the data-model screen.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelEdit {
    /// The files.
    pub files: Vec<String>,
    /// The tables and a few values of each column.
    pub tables: Vec<TableGlance>,
    /// The model as edited.
    pub model: DataModel,
}

/// Where the loaded log came from, to load it again in a new worker (after a cancel or a crash).
#[derive(Clone)]
pub enum Source {
    /// The built-in demo.
    Demo,
    /// A file and how it was read.
    File(File, ImportOptions),
    /// A summary document of aggregates.
    Summary(File),
}

/// Data-in's signals. `Copy`: every field is a handle.
#[derive(Clone, Copy)]
pub struct DataInState {
    /// The core.
    pub core: AppState,
    /// The mapping screen, when open.
    pub mapping: RwSignal<Option<MappingState>>,
    /// An XES file with lifecycle transitions waiting for the complete-only choice: its name.
    pub xes_choice: RwSignal<Option<String>>,
    /// Column choices from a loaded view file, applied to the next mapping screen.
    pub view_columns: RwSignal<Option<ColumnsView>>,
    /// The file waiting for its import (kept here between preview and confirm).
    pub file: StoredValue<Option<File>, LocalStorage>,
    /// The sheet picker, when a workbook with several sheets is waiting.
    pub sheet_pick: RwSignal<Option<SheetPick>>,
    /// The data-model screen, when several tables are waiting.
    pub model_edit: RwSignal<Option<ModelEdit>>,
    /// Rows converted by the reader worker (a sheet, a Parquet file, joined tables), while it works.
    pub reading: RwSignal<Option<Progress>>,
    /// How several tables were joined into the loaded log (saved in the view file).
    pub model: RwSignal<Option<DataModel>>,
    /// A data model from a loaded view file, applied to the next set of the same tables.
    pub view_model: RwSignal<Option<DataModel>>,
    /// Whether the import report panel is open.
    pub report_open: RwSignal<bool>,
    /// The model and the reading notes of the import in progress.
    pub(super) pending: StoredValue<(Option<DataModel>, Vec<Message>)>,
    /// Where the loaded log came from, and the source being imported.
    pub(super) source: StoredValue<(Option<Source>, Option<Source>), LocalStorage>,
    /// The latest import (its progress reports carry its id).
    pub(super) import: Latest,
}

/// Creates data-in's state, provides it, and follows the core.
pub fn provide(s: AppState) -> DataInState {
    let d = DataInState {
        core: s,
        mapping: RwSignal::new(None),
        xes_choice: RwSignal::new(None),
        view_columns: RwSignal::new(None),
        file: StoredValue::new_local(None),
        sheet_pick: RwSignal::new(None),
        model_edit: RwSignal::new(None),
        reading: RwSignal::new(None),
        model: RwSignal::new(None),
        view_model: RwSignal::new(None),
        report_open: RwSignal::new(false),
        pending: StoredValue::new((None, Vec::new())),
        source: StoredValue::new_local((None, None)),
        import: Latest::default(),
    };
    provide_context(d);
    s.listen(move |e| {
        if let Event::Stopped {
            during,
            cancelled,
            restarted,
        } = e
        {
            d.on_stopped(*during, *cancelled, *restarted);
        }
    });
    d
}

/// Data-in's state.
pub fn use_data_in() -> DataInState {
    expect_context::<DataInState>()
}

impl DataInState {
    /// Data-in's answers.
    pub fn on_answer(self, id: u64, answer: Answer) {
        let s = self.core;
        match answer {
            Answer::Progress {
                bytes,
                total,
                rows,
                elapsed_ms,
            } => {
                if self.import.is(id) {
                    s.progress.set(Some(Progress {
                        bytes,
                        total,
                        rows,
                        elapsed_ms,
                    }));
                }
            }
            Answer::Preview {
                name,
                size,
                preview,
            } => {
                s.busy.set(None);
                match preview.csv.clone() {
                    Some(sniff) => {
                        let mut options = sniff.options.clone();
                        // A loaded view's column choices, where this file has those columns.
                        if let Some(v) = self.view_columns.get_untracked() {
                            for (column, role) in &v.roles {
                                let _ = options.set_role(column, *role);
                            }
                            options.date_order = v.date_order;
                            options.complete_only |= v.complete_only;
                        }
                        self.mapping.set(Some(MappingState {
                            name,
                            size,
                            options,
                            preview: *preview,
                        }))
                    }
                    // XES needs no column mapping; a log with start/complete transitions asks whether
                    // to keep only complete events.
                    None if preview.xes_lifecycle => self.xes_choice.set(Some(name)),
                    None => self.start_import(ImportOptions::default()),
                }
            }
            Answer::Loaded(log) if s.reloading.get_value() => {
                // The same log in a new worker: keep the filters, the tab and the settings.
                s.reloading.set_value(false);
                s.busy.set(None);
                s.progress.set(None);
                self.source.update_value(|src| src.0 = src.1.take());
                s.loaded.set(Some(*log));
                let filters = s.filters.get_untracked();
                client::send(&CoreRequest::SetFilters { filters }, None);
                s.refresh();
            }
            Answer::Loaded(log) => {
                s.busy.set(None);
                s.progress.set(None);
                self.mapping.set(None);
                let (model, _) = self.pending.get_value();
                self.pending.set_value((None, Vec::new()));
                self.model.set(model);
                self.file.set_value(None);
                self.source.update_value(|src| src.0 = src.1.take());
                s.stopped.set(None);
                s.filtered.set((log.cases, log.cases));
                s.filters.set(FilterStack::default());
                s.values.set(None);
                s.emit(&Event::NewLog(&log));
                // A summary document has no cases: the views that need them are closed.
                if log.summary.is_some()
                    && matches!(
                        s.tab.get_untracked(),
                        Tab::Insights | Tab::Explore | Tab::Forecast | Tab::Conformance
                    )
                {
                    s.tab.set(Tab::Map);
                }
                s.loaded.set(Some(*log));
                s.refresh();
            }
            Answer::Cancelled => {
                s.progress.set(None);
                s.busy.set(None);
            }
        }
    }

    /// The worker was replaced: release the overlays, say what happened, and load the log again in
    /// the new worker unless loading it is what stopped.
    fn on_stopped(self, during: Option<&str>, cancelled: bool, restarted: bool) {
        let s = self.core;
        s.busy.set(None);
        s.progress.set(None);
        s.working.set(None);
        self.mapping.set(None);
        let idle = during.is_none();
        let what = during.unwrap_or("doing-working").to_string();
        let was_reloading = s.reloading.get_value();
        let import = Request::Import {
            options: ImportOptions::default(),
        };
        let loading = was_reloading || what == Request::LoadDemo.label() || what == import.label();
        s.reloading.set_value(false);
        if !restarted {
            s.error.set(Some(t!("engine-not-restarted")));
            return;
        }
        // The file that was being read (if any) is given up; the log that was loaded comes back.
        let (previous, incoming) = self.source.get_value();
        let doing = t!(&what);
        let message = match (cancelled, loading) {
            (true, _) => t!("engine-cancelled", what = doing),
            (false, true) => {
                let name = match &incoming {
                    Some(Source::File(f, _)) | Some(Source::Summary(f)) => f.name(),
                    _ => t!("the-log"),
                };
                t!("engine-stopped-loading", what = doing, name = name)
            }
            (false, false) if idle => t!("engine-stopped-idle"),
            (false, false) => t!("engine-stopped", what = doing),
        };
        s.error.set(Some(message));
        self.source.update_value(|src| src.1 = None);
        self.file.set_value(None);
        // No log to come back to, or loading it again is what stopped: the page waits for a file.
        let Some(previous) = previous.filter(|_| !was_reloading) else {
            s.loaded.set(None);
            s.emit(&Event::LogGone);
            self.source.update_value(|src| src.0 = None);
            return;
        };
        if !loading && !idle {
            s.stopped.set(Some(what));
        }
        self.reload(previous);
    }

    /// Loads a source again in the (new) worker, keeping the page's filters and settings.
    fn reload(self, source: Source) {
        let s = self.core;
        s.reloading.set_value(true);
        client::send(
            &CoreRequest::SetLanguage {
                language: crate::core::i18n::language(),
            },
            None,
        );
        self.source.update_value(|src| src.1 = Some(source.clone()));
        match source {
            Source::Demo => {
                s.busy.set(Some(t!("reloading-demo")));
                client::send(&Request::LoadDemo, None);
            }
            Source::File(file, options) => {
                s.progress.set(Some(Progress {
                    total: file.size(),
                    ..Progress::default()
                }));
                self.import
                    .send_file(&Request::Import { options }, Some(&file));
            }
            Source::Summary(file) => {
                s.busy.set(Some(t!("reading-file", name = file.name())));
                client::send(&Request::OpenSummary, Some(&file));
            }
        }
    }
}
