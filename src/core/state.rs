//! What every feature shares: the tab, the language, the loaded log, what the worker is busy with, the
//! last error, and the filter stack (its actions are in [`super::filters`]). Each feature keeps its own
//! signals in its own state (`features::NAME::state`) and follows the core through [`Event`]s: the core
//! never names a feature.

use super::filters::values::Values;
use super::latest::Latest;
use super::log::LoadedLog;
use super::worker::client;
use super::worker::protocol::{CoreAnswer, CoreRequest, Header};
use crate::core::i18n::{self, Language};
use leptos::prelude::*;
use relance_engine::filter::{Filter, FilterStack};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Which main view is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// The process map.
    Map,
    /// The variants table.
    Variants,
    /// Counts and charts.
    Overview,
    /// Collections KPIs and compliance.
    Collections,
    /// What drives an outcome, and comparisons.
    Insights,
    /// Heatmaps, dotted chart and case explorer.
    Explore,
    /// The open book: when each open invoice will be paid, cash by week, the backtest.
    Forecast,
    /// The log against an ideal process.
    Conformance,
}

/// Progress of an import (bytes of the file) or of the reader worker (rows converted).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Progress {
    /// Bytes read.
    pub bytes: f64,
    /// File size.
    pub total: f64,
    /// Rows decoded.
    pub rows: u64,
    /// Elapsed milliseconds.
    pub elapsed_ms: f64,
}

/// What the features follow.
pub enum Event<'a> {
    /// A new log (or summary document) is loaded: forget what belonged to the old one.
    NewLog(&'a LoadedLog),
    /// No log is left to show (loading it again is what stopped the worker).
    LogGone,
    /// The filter stack changed.
    FiltersSet,
    /// Ask again for what depends on the log and the filters, except the request whose label is
    /// `stopped` (it stopped the worker: it waits for "Try again").
    Refresh {
        /// The label of what stopped the worker.
        stopped: Option<&'a str>,
    },
    /// The worker was replaced: it died, or a cancel ended it.
    Stopped {
        /// What it was doing (a request's label).
        during: Option<&'a str>,
        /// Whether the user cancelled.
        cancelled: bool,
        /// Whether a new worker started.
        restarted: bool,
    },
}

type Listener = Rc<dyn Fn(&Event)>;

/// The shared state. `Copy`: every field is a handle.
#[derive(Clone, Copy)]
pub struct AppState {
    /// Current tab.
    pub tab: RwSignal<Tab>,
    /// The interface's language.
    pub lang: RwSignal<Language>,
    /// The loaded log.
    pub loaded: RwSignal<Option<LoadedLog>>,
    /// A message while the worker prepares something (demo, file), blocking the views.
    pub busy: RwSignal<Option<String>>,
    /// Import progress, while importing.
    pub progress: RwSignal<Option<Progress>>,
    /// The last error, shown until dismissed.
    pub error: RwSignal<Option<String>>,
    /// The filter stack.
    pub filters: RwSignal<FilterStack>,
    /// (selected cases, all cases).
    pub filtered: RwSignal<(u64, u64)>,
    /// Whether the filter dialog is open.
    pub filter_dialog: RwSignal<bool>,
    /// Values for the filter dialog.
    pub values: RwSignal<Option<Values>>,
    /// What the worker has been busy with for more than a moment, and for how long (ms).
    pub working: RwSignal<Option<(&'static str, f64)>>,
    /// What stopped and was not computed again (it would stop again); the banner offers to retry.
    pub stopped: RwSignal<Option<String>>,
    /// Whether the log being imported is the loaded one again (after the worker was replaced): the
    /// filters, tab and settings stay.
    pub reloading: StoredValue<bool>,
    /// The latest request for the cases behind a figure, a cell or a finding (every feature's
    /// drill-downs share it: the last one clicked wins).
    pub drill: Latest,
    /// The latest request for filter values.
    pub(super) values_request: Latest,
    listeners: StoredValue<Vec<Listener>, LocalStorage>,
}

/// Creates the core state and provides it as context (the worker starts with [`AppState::start_worker`]).
pub fn provide_app_state() -> AppState {
    i18n::set_language(i18n::initial_language());
    let state = AppState {
        tab: RwSignal::new(Tab::Map),
        lang: RwSignal::new(i18n::language()),
        loaded: RwSignal::new(None),
        busy: RwSignal::new(Some(t!("starting-engine"))),
        progress: RwSignal::new(None),
        error: RwSignal::new(None),
        filters: RwSignal::new(FilterStack::default()),
        filtered: RwSignal::new((0, 0)),
        filter_dialog: RwSignal::new(false),
        values: RwSignal::new(None),
        working: RwSignal::new(None),
        stopped: RwSignal::new(None),
        reloading: StoredValue::new(false),
        drill: Latest::default(),
        values_request: Latest::default(),
        listeners: StoredValue::new_local(Vec::new()),
    };
    provide_context(state);
    state
}

/// The shared state.
pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}

impl AppState {
    /// Starts the engine worker; `route` receives every answer. Also polls what the worker is busy
    /// with, for the "working… Cancel" bar.
    pub fn start_worker(self, route: impl Fn(Header, JsValue) + 'static) {
        if let Err(e) = client::start(route) {
            self.error.set(Some(e));
        }
        client::send(
            &CoreRequest::SetLanguage {
                language: i18n::language(),
            },
            None,
        );
        let poll = Closure::<dyn FnMut()>::new(move || {
            let w = client::working().filter(|(_, ms)| *ms > 800.0);
            if self.working.get_untracked() != w {
                self.working.set(w);
            }
        });
        if let Some(w) = web_sys::window() {
            let _ = w.set_interval_with_callback_and_timeout_and_arguments_0(
                poll.as_ref().unchecked_ref(),
                250,
            );
        }
        poll.forget();
    }

    /// Follows the core's events (a feature registers once, when its state is made; listeners run in
    /// the order registered).
    pub fn listen(self, f: impl Fn(&Event) + 'static) {
        self.listeners.update_value(|l| l.push(Rc::new(f)));
    }

    /// Tells every listener.
    pub fn emit(self, event: &Event) {
        let listeners = self.listeners.with_value(|l| l.clone());
        for l in listeners {
            l(event);
        }
    }

    /// Re-asks everything that depends on the log and the filters (except what stopped the worker).
    pub fn refresh(self) {
        let stopped = self.stopped.get_untracked();
        self.emit(&Event::Refresh {
            stopped: stopped.as_deref(),
        });
    }

    /// Computes again what stopped.
    pub fn retry_stopped(self) {
        self.stopped.set(None);
        self.refresh();
    }

    /// For a view that asks when it opens without data: asks (`ask`) while a log is loaded and the
    /// view has no `page` yet (later requests follow the filters and settings).
    pub fn ask_when_shown<T: Send + Sync + 'static>(
        self,
        page: RwSignal<Option<T>>,
        ask: impl Fn() + 'static,
    ) {
        Effect::new(move |_| {
            if self.loaded.with(|l| l.is_some()) && page.with_untracked(Option::is_none) {
                ask();
            }
        });
    }

    /// Whether the page shows a summary document rather than a log.
    pub fn summary_mode(self) -> bool {
        self.loaded
            .with(|l| l.as_ref().is_some_and(|l| l.summary.is_some()))
    }

    /// [`Self::summary_mode`], outside the views (not tracked).
    pub fn summary_mode_untracked(self) -> bool {
        self.loaded
            .with_untracked(|l| l.as_ref().is_some_and(|l| l.summary.is_some()))
    }

    /// Whether a view's answer is to be asked again on a refresh: while its tab is shown, or kept up
    /// to date once `computed`; never in a summary document, which brings its own.
    pub fn keeps_up(self, tab: Tab, computed: bool) -> bool {
        (self.tab.get_untracked() == tab || computed) && !self.summary_mode_untracked()
    }

    /// Switches the interface's language (kept for the session) and asks again for everything the
    /// worker wrote in the old one.
    pub fn set_language(self, language: Language) {
        i18n::set_language(language);
        i18n::remember(language);
        client::send(&CoreRequest::SetLanguage { language }, None);
        self.lang.set(language);
        if self.loaded.with_untracked(|l| l.is_some()) {
            self.refresh();
        }
    }

    /// Stops the running import; the previous log stays.
    pub fn cancel_import(self) {
        client::send(&CoreRequest::Cancel, None);
        self.progress.set(None);
    }

    /// Stops what the worker is busy with (by replacing it; the log is then loaded again).
    pub fn cancel_work(self) {
        if self.progress.with_untracked(|p| p.is_some()) && !self.reloading.get_value() {
            self.cancel_import();
        } else {
            client::cancel_running();
        }
    }

    /// The core's answers.
    pub fn on_answer(self, id: u64, answer: CoreAnswer) {
        match answer {
            CoreAnswer::Ready => {}
            CoreAnswer::Stopped {
                during,
                cancelled,
                restarted,
            } => self.emit(&Event::Stopped {
                during: during.as_deref(),
                cancelled,
                restarted,
            }),
            CoreAnswer::Error { message } => {
                self.busy.set(None);
                self.progress.set(None);
                self.reloading.set_value(false);
                self.error.set(Some(message));
            }
            CoreAnswer::Filtered { cases, total } => self.filtered.set((cases, total)),
            CoreAnswer::DrillCases { label, ids } => {
                if !self.drill.is(id) {
                    return;
                }
                if ids.is_empty() {
                    self.error.set(Some(t!("no-case", what = label)));
                } else {
                    let label = Some(label);
                    self.add_filter(Filter::Cases { ids, label }, true);
                }
            }
            CoreAnswer::Values(v) => self.values_request.show(id, self.values, *v),
        }
    }
}
