//! Application state shared by the views, and the actions that talk to the engine worker.
//!
//! Views read signals and call actions; answers from the worker land in [`on_response`], the one place
//! that turns them (and errors) into what the user sees.

use crate::worker::client;
use crate::worker::protocol::{
    Bottlenecks, CollectionsPage, ComparePage, CompareSplit, Detail, Drill, HeatCell, InsightsPage,
    LoadedLog, Overview, ReplayPage, Request, Response, ValueSource, Values, VariantRow,
};
use crate::worker::reader_client;
use crate::worker::reader_protocol::{ReaderRequest, ReaderResponse, TableGlance};
use leptos::prelude::*;
use relance_engine::analysis::bottleneck::{CalendarMeasure, GroupBy};
use relance_engine::analysis::timeline::{CaseTimeline, DottedChart, DottedOrder};
use relance_engine::analysis::{opening_activity_pct, ReplayOptions, Stat};
use relance_engine::collections::compliance::{builtin_packs, RulePack};
use relance_engine::collections::{CollectionsSettings, RoleMap};
use relance_engine::filter::{Filter, FilterItem, FilterStack};
use relance_engine::import::tables::DataModel;
use relance_engine::import::xlsx::SheetGlance;
use relance_engine::import::{CsvOptions, ImportOptions, Message, Preview};
use relance_engine::insights::Language;
use relance_engine::layout::MapDrawing;
use relance_engine::view::{ColumnsView, MapView, ViewFile};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::File;

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
}

/// The explore view's sub-views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExploreTab {
    /// Transition and breakdown heatmaps.
    Bottlenecks,
    /// Weekday × hour.
    Calendar,
    /// Resource × activity.
    Resources,
    /// One row per case.
    Dotted,
    /// One case in detail.
    Cases,
}

/// Frequency or performance colouring of the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapMode {
    /// Counts: cases (`true`) or events.
    Frequency {
        /// Count cases rather than occurrences.
        cases: bool,
    },
    /// Durations on edges.
    Performance {
        /// Which statistic.
        stat: Stat,
    },
}

/// Map controls.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapSettings {
    /// Activities slider, percent.
    pub activity_pct: f64,
    /// Paths slider, percent.
    pub paths_pct: f64,
    /// Colouring.
    pub mode: MapMode,
}

impl Default for MapSettings {
    fn default() -> Self {
        Self {
            activity_pct: 100.0,
            paths_pct: 30.0,
            mode: MapMode::Frequency { cases: false },
        }
    }
}

/// What is selected on the map.
#[derive(Debug, Clone, PartialEq)]
pub enum Selected {
    /// An activity.
    Node(String),
    /// A step between two activities; `None` for the artificial start (first) or end (second), so an
    /// activity that happens to be named "Start" or "End" is never mistaken for them.
    Edge(Option<String>, Option<String>),
}

/// Import progress.
#[derive(Debug, Clone, Copy, PartialEq)]
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

/// Everything shared between views. `Copy`: every field is a signal handle.
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
    /// The mapping screen, when open.
    pub mapping: RwSignal<Option<MappingState>>,
    /// An XES file with lifecycle transitions waiting for the complete-only choice: its name.
    pub xes_choice: RwSignal<Option<String>>,
    /// The last error, shown until dismissed.
    pub error: RwSignal<Option<String>>,
    /// Whether the import report panel is open.
    pub report_open: RwSignal<bool>,
    /// Column choices from a loaded view file, applied to the next mapping screen.
    pub view_columns: RwSignal<Option<ColumnsView>>,
    /// The filter stack.
    pub filters: RwSignal<FilterStack>,
    /// (selected cases, all cases).
    pub filtered: RwSignal<(u64, u64)>,
    /// The process map from the worker, laid out.
    pub map: RwSignal<Option<MapDrawing>>,
    /// Map controls.
    pub map_settings: RwSignal<MapSettings>,
    /// Map selection.
    pub selected: RwSignal<Option<Selected>>,
    /// Details of the selection.
    pub detail: RwSignal<Option<Detail>>,
    /// Variant rows and the total number of variants.
    pub variants: RwSignal<Option<(Vec<VariantRow>, usize)>>,
    /// Ranks of the variants ticked in the table.
    pub variant_pick: RwSignal<Vec<u32>>,
    /// Cases of the ticked variants (ids, total).
    pub variant_cases: RwSignal<Option<(Vec<String>, usize)>>,
    /// Overview numbers.
    pub overview: RwSignal<Option<Overview>>,
    /// The collections measures.
    pub collections: RwSignal<Option<CollectionsPage>>,
    /// Their settings.
    pub collections_settings: RwSignal<CollectionsSettings>,
    /// Rule packs and whether each is on.
    pub packs: RwSignal<Vec<(RulePack, bool)>>,
    /// Role overrides made in the app (or loaded from a mapping file).
    pub mapping_override: RwSignal<Option<RoleMap>>,
    /// Attribute the breakdown is by.
    pub breakdown_by: RwSignal<Option<String>>,
    /// Aging date.
    pub aging_at: RwSignal<Option<i64>>,
    /// Explore sub-view.
    pub explore_tab: RwSignal<ExploreTab>,
    /// Heatmaps.
    pub bottlenecks: RwSignal<Option<Bottlenecks>>,
    /// Breakdown grouping.
    pub bottleneck_by: RwSignal<Option<GroupBy>>,
    /// Calendar heatmap measure.
    pub calendar_measure: RwSignal<CalendarMeasure>,
    /// Dotted chart.
    pub dotted: RwSignal<Option<DottedChart>>,
    /// Dotted chart order.
    pub dotted_order: RwSignal<DottedOrder>,
    /// Dotted chart relative times.
    pub dotted_relative: RwSignal<bool>,
    /// The case shown in the case explorer.
    pub case: RwSignal<Option<CaseTimeline>>,
    /// Whether the last case lookup found nothing.
    pub case_missing: RwSignal<bool>,
    /// Values for the filter dialog.
    pub values: RwSignal<Option<Values>>,
    /// The insights view.
    pub insights: RwSignal<Option<InsightsPage>>,
    /// The outcome picked there (`None`: the first the log supports).
    pub insights_outcome: RwSignal<Option<String>>,
    /// The last comparison.
    pub compare: RwSignal<Option<ComparePage>>,
    /// Whether the map replays the cases.
    pub replay_on: RwSignal<bool>,
    /// Replay settings.
    pub replay_options: RwSignal<ReplayOptions>,
    /// The replay's moves and the map they run on.
    pub replay: RwSignal<Option<ReplayPage>>,
    /// Filter stacks kept as populations A and B for a comparison.
    pub compare_stacks: RwSignal<(Option<FilterStack>, Option<FilterStack>)>,
    /// Whether the filter dialog is open.
    pub filter_dialog: RwSignal<bool>,
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
    /// The model and the reading notes of the import in progress.
    pending: StoredValue<(Option<DataModel>, Vec<Message>)>,
    /// Where the loaded log came from, and the source being imported.
    source: StoredValue<(Option<Source>, Option<Source>), LocalStorage>,
    /// Whether the log being imported is the loaded one again (after the worker was replaced): the
    /// filters, tab and settings stay.
    reloading: StoredValue<bool>,
    /// What the worker has been busy with for more than a moment, and for how long (ms).
    pub working: RwSignal<Option<(&'static str, f64)>>,
    /// What stopped and was not computed again (it would stop again); the banner offers to retry.
    pub stopped: RwSignal<Option<String>>,
    /// Ids of the latest request of each kind, to drop stale answers.
    latest: StoredValue<Latest>,
}

#[derive(Default, Clone, Copy)]
struct Latest {
    map: u64,
    detail: u64,
    variants: u64,
    overview: u64,
    import: u64,
    cases: u64,
    collections: u64,
    drill: u64,
    bottlenecks: u64,
    dotted: u64,
    case: u64,
    values: u64,
    insights: u64,
    compare: u64,
    replay: u64,
}

impl AppState {
    fn new() -> Self {
        Self {
            tab: RwSignal::new(Tab::Map),
            lang: RwSignal::new(crate::i18n::language()),
            loaded: RwSignal::new(None),
            busy: RwSignal::new(Some(t!("starting-engine"))),
            progress: RwSignal::new(None),
            mapping: RwSignal::new(None),
            xes_choice: RwSignal::new(None),
            error: RwSignal::new(None),
            report_open: RwSignal::new(false),
            view_columns: RwSignal::new(None),
            filters: RwSignal::new(FilterStack::default()),
            filtered: RwSignal::new((0, 0)),
            map: RwSignal::new(None),
            map_settings: RwSignal::new(MapSettings::default()),
            selected: RwSignal::new(None),
            detail: RwSignal::new(None),
            variants: RwSignal::new(None),
            variant_pick: RwSignal::new(Vec::new()),
            variant_cases: RwSignal::new(None),
            overview: RwSignal::new(None),
            collections: RwSignal::new(None),
            collections_settings: RwSignal::new(CollectionsSettings::default()),
            packs: RwSignal::new(builtin_packs().into_iter().map(|p| (p, true)).collect()),
            mapping_override: RwSignal::new(None),
            breakdown_by: RwSignal::new(None),
            aging_at: RwSignal::new(None),
            explore_tab: RwSignal::new(ExploreTab::Bottlenecks),
            bottlenecks: RwSignal::new(None),
            bottleneck_by: RwSignal::new(None),
            calendar_measure: RwSignal::new(CalendarMeasure::Events),
            dotted: RwSignal::new(None),
            dotted_order: RwSignal::new(DottedOrder::Start),
            dotted_relative: RwSignal::new(false),
            case: RwSignal::new(None),
            case_missing: RwSignal::new(false),
            values: RwSignal::new(None),
            insights: RwSignal::new(None),
            insights_outcome: RwSignal::new(None),
            compare: RwSignal::new(None),
            replay_on: RwSignal::new(false),
            replay_options: RwSignal::new(ReplayOptions::default()),
            replay: RwSignal::new(None),
            compare_stacks: RwSignal::new((None, None)),
            filter_dialog: RwSignal::new(false),
            file: StoredValue::new_local(None),
            sheet_pick: RwSignal::new(None),
            model_edit: RwSignal::new(None),
            reading: RwSignal::new(None),
            model: RwSignal::new(None),
            view_model: RwSignal::new(None),
            pending: StoredValue::new((None, Vec::new())),
            source: StoredValue::new_local((None, None)),
            reloading: StoredValue::new(false),
            working: RwSignal::new(None),
            stopped: RwSignal::new(None),
            latest: StoredValue::new(Latest::default()),
        }
    }
}

/// Creates the state, provides it as context and starts the worker (which then loads the demo log).
pub fn provide_app_state() -> AppState {
    crate::i18n::set_language(crate::i18n::initial_language());
    let state = AppState::new();
    provide_context(state);
    if let Err(e) = client::start(move |id, r| on_response(state, id, r)) {
        state.error.set(Some(e));
    }
    reader_client::set_handler(move |id, r, file| on_reader_response(state, id, r, file));
    state.busy.set(Some(t!("building-demo")));
    state.source.update_value(|s| s.1 = Some(Source::Demo));
    client::send(
        Request::SetLanguage {
            language: crate::i18n::language(),
        },
        None,
    );
    client::send(Request::LoadDemo, None);
    // Poll what the worker is busy with, for the "working… Cancel" bar.
    let poll = Closure::<dyn FnMut()>::new(move || {
        let w = client::working().filter(|(_, ms)| *ms > 800.0);
        if state.working.get_untracked() != w {
            state.working.set(w);
        }
    });
    if let Some(w) = web_sys::window() {
        let _ = w.set_interval_with_callback_and_timeout_and_arguments_0(
            poll.as_ref().unchecked_ref(),
            250,
        );
    }
    poll.forget();
    state
}

/// The shared state.
pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}

fn on_response(s: AppState, id: u64, r: Response) {
    let latest = s.latest.get_value();
    match r {
        Response::Ready => {}
        Response::Progress {
            bytes,
            total,
            rows,
            elapsed_ms,
        } => {
            if id == latest.import {
                s.progress.set(Some(Progress {
                    bytes,
                    total,
                    rows,
                    elapsed_ms,
                }));
            }
        }
        Response::Preview {
            name,
            size,
            preview,
        } => {
            s.busy.set(None);
            match preview.csv.clone() {
                Some(sniff) => {
                    let mut options = sniff.options.clone();
                    // A loaded view's column choices, where this file has those columns.
                    if let Some(v) = s.view_columns.get_untracked() {
                        for (column, role) in &v.roles {
                            let _ = options.set_role(column, *role);
                        }
                        options.date_order = v.date_order;
                        options.complete_only |= v.complete_only;
                    }
                    s.mapping.set(Some(MappingState {
                        name,
                        size,
                        options,
                        preview: *preview,
                    }))
                }
                // XES needs no column mapping; a log with start/complete transitions asks whether to keep
                // only complete events.
                None if preview.xes_lifecycle => s.xes_choice.set(Some(name)),
                None => start_import(s, ImportOptions::default()),
            }
        }
        Response::Loaded(log) if s.reloading.get_value() => {
            // The same log in a new worker: keep the filters, the tab and the settings.
            s.reloading.set_value(false);
            s.busy.set(None);
            s.progress.set(None);
            s.source.update_value(|src| src.0 = src.1.take());
            s.loaded.set(Some(*log));
            let stack = s.filters.get_untracked();
            client::send(Request::SetFilters { filters: stack }, None);
            refresh(s);
        }
        Response::Loaded(log) => {
            s.busy.set(None);
            s.progress.set(None);
            s.mapping.set(None);
            let (model, _) = s.pending.get_value();
            s.pending.set_value((None, Vec::new()));
            s.model.set(model);
            s.file.set_value(None);
            s.source.update_value(|src| src.0 = src.1.take());
            s.stopped.set(None);
            s.filtered.set((log.cases, log.cases));
            s.filters.set(FilterStack::default());
            s.selected.set(None);
            s.detail.set(None);
            s.variant_pick.set(Vec::new());
            s.variant_cases.set(None);
            s.collections.set(None);
            s.mapping_override.set(None);
            s.breakdown_by.set(None);
            s.aging_at.set(None);
            s.bottlenecks.set(None);
            s.bottleneck_by.set(None);
            s.dotted.set(None);
            s.case.set(None);
            s.values.set(None);
            s.insights.set(None);
            s.insights_outcome.set(None);
            s.compare.set(None);
            s.compare_stacks.set((None, None));
            s.replay.set(None);
            s.replay_options.update(|o| o.colour = None);
            // A summary document has no cases: the views that need them are closed.
            if log.summary.is_some()
                && matches!(s.tab.get_untracked(), Tab::Insights | Tab::Explore)
            {
                s.tab.set(Tab::Map);
            }
            // Many activities: open on the most frequent ones (the slider reaches the rest).
            let pct = opening_activity_pct(log.activities as usize);
            s.map_settings.update(|m| m.activity_pct = pct);
            s.loaded.set(Some(*log));
            refresh(s);
        }
        Response::Cancelled => {
            s.progress.set(None);
            s.busy.set(None);
        }
        Response::Filtered { cases, total } => s.filtered.set((cases, total)),
        Response::Map(m) => {
            if id == latest.map {
                s.map.set(Some(*m));
            }
        }
        Response::Variants { rows, total } => {
            if id == latest.variants {
                s.variants.set(Some((rows, total)));
            }
        }
        Response::Cases { ids, total } => {
            if id == latest.cases {
                s.variant_cases.set(Some((ids, total)));
            }
        }
        Response::Overview(o) => {
            if id == latest.overview {
                s.overview.set(Some(*o));
            }
        }
        Response::Detail(d) => {
            if id == latest.detail {
                s.detail.set(Some(d));
            }
        }
        Response::Collections(page) => {
            if id == latest.collections {
                s.collections.set(Some(*page));
            }
        }
        Response::Bottlenecks(b) => {
            if id == latest.bottlenecks {
                s.bottlenecks.set(Some(*b));
            }
        }
        Response::Dotted(d) => {
            if id == latest.dotted {
                s.dotted.set(Some(*d));
            }
        }
        Response::Case { timeline: c } => {
            if id == latest.case {
                s.case_missing.set(c.is_none());
                if let Some(c) = c {
                    s.case.set(Some(*c));
                }
            }
        }
        Response::Insights(p) => {
            if id == latest.insights {
                s.insights.set(Some(*p));
            }
        }
        Response::Replay(p) => {
            if id == latest.replay {
                s.replay.set(Some(*p));
            }
        }
        Response::Compare(p) => {
            if id == latest.compare {
                s.compare.set(Some(*p));
            }
        }
        Response::Values(v) => {
            if id == latest.values {
                s.values.set(Some(*v));
            }
        }
        Response::DrillCases { ids, label } => {
            if id != latest.drill {
                return;
            }
            if ids.is_empty() {
                s.error.set(Some(t!("no-case", what = label)));
            } else {
                add_filter(
                    s,
                    relance_engine::filter::Filter::Cases {
                        ids,
                        label: Some(label),
                    },
                    true,
                );
            }
        }
        Response::Error { message } => {
            s.busy.set(None);
            s.progress.set(None);
            s.reloading.set_value(false);
            s.error.set(Some(message));
        }
        Response::Stopped {
            during,
            cancelled,
            restarted,
        } => on_stopped(s, during, cancelled, restarted),
    }
}

/// The worker was replaced: release the overlays, say what happened, and load the log again in the new
/// worker unless loading it is what stopped.
fn on_stopped(s: AppState, during: Option<String>, cancelled: bool, restarted: bool) {
    s.busy.set(None);
    s.progress.set(None);
    s.working.set(None);
    s.mapping.set(None);
    let idle = during.is_none();
    let what = during.unwrap_or_else(|| "doing-working".into());
    let was_reloading = s.reloading.get_value();
    let loading = was_reloading
        || what == Request::LoadDemo.label()
        || what
            == (Request::Import {
                options: ImportOptions::default(),
            })
            .label();
    s.reloading.set_value(false);
    if !restarted {
        s.error.set(Some(t!("engine-not-restarted")));
        return;
    }
    // The file that was being read (if any) is given up; the log that was loaded comes back.
    let (previous, incoming) = s.source.get_value();
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
    s.source.update_value(|src| src.1 = None);
    s.file.set_value(None);
    // No log to come back to, or loading it again is what stopped: the page waits for a file.
    let Some(previous) = previous.filter(|_| !was_reloading) else {
        s.loaded.set(None);
        s.map.set(None);
        s.source.update_value(|src| src.0 = None);
        return;
    };
    if !loading && !idle {
        s.stopped.set(Some(what));
    }
    reload(s, previous);
}

/// Loads a source again in the (new) worker, keeping the page's filters and settings.
fn reload(s: AppState, source: Source) {
    s.reloading.set_value(true);
    client::send(
        Request::SetLanguage {
            language: crate::i18n::language(),
        },
        None,
    );
    s.source.update_value(|src| src.1 = Some(source.clone()));
    match source {
        Source::Demo => {
            s.busy.set(Some(t!("reloading-demo")));
            client::send(Request::LoadDemo, None);
        }
        Source::File(file, options) => {
            s.progress.set(Some(Progress {
                bytes: 0.0,
                total: file.size(),
                rows: 0,
                elapsed_ms: 0.0,
            }));
            let id = client::send(Request::Import { options }, Some(&file));
            remember(s, |l, id| l.import = id, id);
        }
        Source::Summary(file) => {
            s.busy.set(Some(t!("reading-file", name = file.name())));
            client::send(Request::OpenSummary, Some(&file));
        }
    }
}

/// Switches the interface's language (kept for the session) and asks again for everything the worker
/// wrote in the old one.
pub fn set_language(s: AppState, language: Language) {
    crate::i18n::set_language(language);
    crate::i18n::remember(language);
    client::send(Request::SetLanguage { language }, None);
    s.lang.set(language);
    if s.loaded.with_untracked(|l| l.is_some()) {
        refresh(s);
    }
}

/// Stops what the worker is busy with (by replacing it; the log is then loaded again).
pub fn cancel_work(s: AppState) {
    if s.progress.with_untracked(|p| p.is_some()) && !s.reloading.get_value() {
        cancel_import(s);
    } else {
        client::cancel_running();
    }
}

/// Computes again what stopped.
pub fn retry_stopped(s: AppState) {
    s.stopped.set(None);
    refresh(s);
}

fn remember(s: AppState, f: impl FnOnce(&mut Latest, u64), id: u64) {
    s.latest.update_value(|l| f(l, id));
}

/// Asks for the replay of the current filters on the map of the current sliders.
pub fn request_replay(s: AppState) {
    let m = s.map_settings.get_untracked();
    let req = Request::Replay {
        activity_pct: m.activity_pct,
        paths_pct: m.paths_pct,
        options: s.replay_options.get_untracked(),
    };
    let id = client::send(req, None);
    remember(s, |l, id| l.replay = id, id);
}

/// Asks for the map with the current sliders (and the replay when it is on).
pub fn request_map(s: AppState) {
    if s.replay_on.get_untracked() {
        request_replay(s);
    }
    let m = s.map_settings.get_untracked();
    let id = client::send(
        Request::Map {
            activity_pct: m.activity_pct,
            paths_pct: m.paths_pct,
        },
        None,
    );
    remember(s, |l, id| l.map = id, id);
}

/// Re-asks everything that depends on the filters (except what stopped the worker: it waits for
/// "Try again").
pub fn refresh(s: AppState) {
    let stopped = s.stopped.get_untracked();
    let skip = |r: Request| stopped.as_deref() == Some(r.label());
    if skip(Request::Map {
        activity_pct: 0.0,
        paths_pct: 0.0,
    }) {
        refresh_rest(s, &skip);
        return;
    }
    request_map(s);
    refresh_rest(s, &skip);
}

fn refresh_rest(s: AppState, skip: &dyn Fn(Request) -> bool) {
    let id = client::send(Request::Variants, None);
    remember(s, |l, id| l.variants = id, id);
    // A summary document: its overview and collections come with it; nothing else can be computed.
    if s.loaded
        .with_untracked(|l| l.as_ref().is_some_and(|l| l.summary.is_some()))
    {
        return;
    }
    let id = client::send(Request::Overview, None);
    remember(s, |l, id| l.overview = id, id);
    if let Some(sel) = s.selected.get_untracked() {
        select(s, Some(sel));
    }
    if (s.tab.get_untracked() == Tab::Collections || s.collections.with_untracked(|c| c.is_some()))
        && !skip(Request::Collections {
            mapping: None,
            settings: CollectionsSettings::default(),
            packs: Vec::new(),
            breakdown: None,
            aging_at_ms: None,
        })
    {
        request_collections(s);
    }
    if (s.tab.get_untracked() == Tab::Explore || s.bottlenecks.with_untracked(|b| b.is_some()))
        && !skip(Request::Bottlenecks {
            by: None,
            calendar: CalendarMeasure::Events,
        })
    {
        request_bottlenecks(s);
    }
    if (s.tab.get_untracked() == Tab::Insights || s.insights.with_untracked(|i| i.is_some()))
        && !skip(Request::Insights {
            outcome: None,
            mapping: None,
            settings: CollectionsSettings::default(),
            language: Language::En,
        })
    {
        request_insights(s);
    }
    if s.dotted.with_untracked(|d| d.is_some())
        && !skip(Request::Dotted {
            order: DottedOrder::Start,
            relative: false,
        })
    {
        request_dotted(s);
    }
    if let Some(c) = s.case.get_untracked() {
        request_case(s, None, Some(c.index), 0);
    }
}

/// Asks for the insights of the current filters and the picked outcome.
pub fn request_insights(s: AppState) {
    let req = Request::Insights {
        outcome: s.insights_outcome.get_untracked(),
        mapping: s.mapping_override.get_untracked(),
        settings: s.collections_settings.get_untracked(),
        language: crate::i18n::language(),
    };
    let id = client::send(req, None);
    remember(s, |l, id| l.insights = id, id);
}

/// Turns a finding's cases into a filter chip.
pub fn insight_cases(s: AppState, index: usize) {
    let id = client::send(Request::InsightCases { index }, None);
    remember(s, |l, id| l.drill = id, id);
}

/// Compares two populations.
pub fn request_compare(s: AppState, split: CompareSplit) {
    s.compare.set(None);
    let req = Request::Compare {
        split,
        mapping: s.mapping_override.get_untracked(),
        language: crate::i18n::language(),
        paths_pct: s.map_settings.get_untracked().paths_pct,
    };
    let id = client::send(req, None);
    remember(s, |l, id| l.compare = id, id);
}

/// Asks for the heatmaps.
pub fn request_bottlenecks(s: AppState) {
    let req = Request::Bottlenecks {
        by: s.bottleneck_by.get_untracked(),
        calendar: s.calendar_measure.get_untracked(),
    };
    let id = client::send(req, None);
    remember(s, |l, id| l.bottlenecks = id, id);
}

/// Asks for the dotted chart.
pub fn request_dotted(s: AppState) {
    let req = Request::Dotted {
        order: s.dotted_order.get_untracked(),
        relative: s.dotted_relative.get_untracked(),
    };
    let id = client::send(req, None);
    remember(s, |l, id| l.dotted = id, id);
}

/// Asks for a case's timeline (by id, or the selected case `step` away from `index`).
pub fn request_case(s: AppState, id: Option<String>, index: Option<u32>, step: i32) {
    let rid = client::send(Request::Case { id, index, step }, None);
    remember(s, |l, id| l.case = id, rid);
}

/// Shows a case in the case explorer.
pub fn open_case(s: AppState, id: String) {
    s.tab.set(Tab::Explore);
    s.explore_tab.set(ExploreTab::Cases);
    request_case(s, Some(id), None, 0);
}

/// Asks for the values of a column, for the filter dialog.
pub fn request_values(s: AppState, source: ValueSource) {
    s.values.set(None);
    let id = client::send(Request::Values { source }, None);
    remember(s, |l, id| l.values = id, id);
}

/// Turns the cases behind a heatmap cell into a filter.
pub fn cell_cases(s: AppState, cell: HeatCell) {
    let id = client::send(Request::CellCases { cell }, None);
    remember(s, |l, id| l.drill = id, id);
}

/// The current view (filters, roles, map sliders) as a file.
pub fn current_view(s: AppState) -> ViewFile {
    let m = s.map_settings.get_untracked();
    ViewFile {
        relance_view: 1,
        filters: s.filters.get_untracked(),
        mapping: s.mapping_override.get_untracked(),
        map: Some(MapView {
            activity_pct: m.activity_pct,
            paths_pct: m.paths_pct,
        }),
        columns: s
            .loaded
            .with_untracked(|l| l.as_ref().and_then(|l| ColumnsView::from_report(&l.report))),
        tables: s.model.get_untracked(),
        ..Default::default()
    }
}

/// Applies a loaded view file.
pub fn apply_view(s: AppState, v: ViewFile) {
    if let Some(m) = v.map {
        s.map_settings.update(|st| {
            st.activity_pct = m.activity_pct;
            st.paths_pct = m.paths_pct;
        });
    }
    s.mapping_override.set(v.mapping);
    s.view_columns.set(v.columns);
    s.view_model.set(v.tables);
    set_filters(s, v.filters);
}

/// Asks for the collections measures with the current settings, packs and mapping.
pub fn request_collections(s: AppState) {
    let req = Request::Collections {
        mapping: s.mapping_override.get_untracked(),
        settings: s.collections_settings.get_untracked(),
        packs: s
            .packs
            .get_untracked()
            .into_iter()
            .filter(|(_, on)| *on)
            .map(|(p, _)| p)
            .collect(),
        breakdown: s.breakdown_by.get_untracked(),
        aging_at_ms: s.aging_at.get_untracked(),
    };
    let id = client::send(req, None);
    remember(s, |l, id| l.collections = id, id);
}

/// Turns the cases behind a collections figure into a filter.
pub fn drill(s: AppState, drill: Drill) {
    let id = client::send(Request::Drill { drill }, None);
    remember(s, |l, id| l.drill = id, id);
}

/// Replaces the filter stack and refreshes the views.
pub fn set_filters(s: AppState, stack: FilterStack) {
    s.filters.set(stack.clone());
    s.variant_pick.set(Vec::new());
    s.variant_cases.set(None);
    client::send(Request::SetFilters { filters: stack }, None);
    refresh(s);
}

/// Adds a filter to the stack.
pub fn add_filter(s: AppState, filter: Filter, keep: bool) {
    let mut stack = s.filters.get_untracked();
    stack.items.push(FilterItem { filter, keep });
    set_filters(s, stack);
}

/// Removes the filter at `index`.
pub fn remove_filter(s: AppState, index: usize) {
    let mut stack = s.filters.get_untracked();
    if index < stack.items.len() {
        stack.items.remove(index);
    }
    set_filters(s, stack);
}

/// Selects a node or edge and asks for its details.
pub fn select(s: AppState, sel: Option<Selected>) {
    s.selected.set(sel.clone());
    s.detail.set(None);
    let stat = match s.map_settings.get_untracked().mode {
        MapMode::Performance { stat } => stat,
        MapMode::Frequency { .. } => Stat::Median,
    };
    let req = match sel {
        None => return,
        Some(Selected::Node(name)) => Request::NodeDetail { name },
        Some(Selected::Edge(from, to)) => Request::EdgeDetail { from, to, stat },
    };
    let id = client::send(req, None);
    remember(s, |l, id| l.detail = id, id);
}

/// Starts reading a file the user chose: the worker guesses how to read it, then the mapping screen opens.
pub fn open_file(s: AppState, file: File) {
    s.error.set(None);
    s.pending.set_value((None, Vec::new()));
    if is_summary_file(&file.name()) {
        return open_summary(s, file);
    }
    s.busy.set(Some(t!("reading-file", name = file.name())));
    client::send(Request::Preview { delimiter: None }, Some(&file));
    s.file.set_value(Some(file));
}

/// Whether a file is a summary document (`relance warehouse`/`bundle`/`analyze --json` output): a
/// `.json` file. The worker says so clearly if it is not one.
fn is_summary_file(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".json")
}

/// Opens a summary document of aggregates (no cases) in place of the log.
pub fn open_summary(s: AppState, file: File) {
    s.error.set(None);
    s.busy.set(Some(t!("reading-file", name = file.name())));
    s.source
        .update_value(|src| src.1 = Some(Source::Summary(file.clone())));
    client::send(Request::OpenSummary, Some(&file));
}

/// Whether the page shows a summary document rather than a log.
pub fn summary_mode(s: AppState) -> bool {
    s.loaded
        .with(|l| l.as_ref().is_some_and(|l| l.summary.is_some()))
}

/// Guesses the waiting file again with another delimiter (the columns change with it).
pub fn repreview(s: AppState, delimiter: u8) {
    let Some(file) = s.file.get_value() else {
        return;
    };
    s.busy.set(Some(t!("reading-file", name = file.name())));
    client::send(
        Request::Preview {
            delimiter: Some(delimiter),
        },
        Some(&file),
    );
}

/// Imports the waiting file with these options.
pub fn start_import(s: AppState, options: ImportOptions) {
    let Some(file) = s.file.get_value() else {
        s.error.set(Some(t!("choose-file-first")));
        return;
    };
    let mut options = options;
    // What reading a workbook or joining tables assumed goes into the report.
    let (_, notes) = s.pending.get_value();
    for n in notes {
        if !options.notes.contains(&n) {
            options.notes.push(n);
        }
    }
    s.mapping.set(None);
    s.progress.set(Some(Progress {
        bytes: 0.0,
        total: file.size(),
        rows: 0,
        elapsed_ms: 0.0,
    }));
    s.source
        .update_value(|src| src.1 = Some(Source::File(file.clone(), options.clone())));
    let id = client::send(Request::Import { options }, Some(&file));
    remember(s, |l, id| l.import = id, id);
}

/// Stops the running import.
pub fn cancel_import(s: AppState) {
    client::send(Request::Cancel, None);
    s.progress.set(None);
}

/// Asks for the cases of the ticked variants.
pub fn request_variant_cases(s: AppState) {
    let ranks = s.variant_pick.get_untracked();
    if ranks.is_empty() {
        s.variant_cases.set(None);
        return;
    }
    let id = client::send(Request::VariantCases { ranks, limit: 500 }, None);
    remember(s, |l, id| l.cases = id, id);
}

/// Reloads the demo log.
pub fn load_demo(s: AppState) {
    s.busy.set(Some(t!("building-demo")));
    s.source.update_value(|src| src.1 = Some(Source::Demo));
    client::send(Request::LoadDemo, None);
}

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

/// Opens what the user chose or dropped: one CSV/XES/gzip file goes to the engine as before; a
/// workbook, a Parquet file, a .zip or several files go to the reader worker first.
pub fn open_files(s: AppState, files: Vec<File>) {
    match files.as_slice() {
        [] => {}
        [one] if !needs_reader(&one.name()) => open_file(s, one.clone()),
        _ => {
            s.error.set(None);
            s.pending.set_value((None, Vec::new()));
            // The reading box (with Cancel) while the reader opens them: a big workbook takes a while.
            s.reading.set(Some(Progress {
                bytes: 0.0,
                total: 0.0,
                rows: 0,
                elapsed_ms: 0.0,
            }));
            if reader_client::send(ReaderRequest::Open, &files) == 0 {
                s.reading.set(None);
                s.error.set(Some(t!("reader-not-started")));
            }
        }
    }
}

/// Reads the picked sheet of the waiting workbook.
pub fn read_sheet(s: AppState, name: String) {
    s.sheet_pick.set(None);
    s.reading.set(Some(Progress {
        bytes: 0.0,
        total: 0.0,
        rows: 0,
        elapsed_ms: 0.0,
    }));
    reader_client::send(ReaderRequest::Sheet { name }, &[]);
}

/// Joins the waiting tables as the edited model says.
pub fn join_tables(s: AppState, model: DataModel) {
    s.model_edit.set(None);
    s.reading.set(Some(Progress {
        bytes: 0.0,
        total: 0.0,
        rows: 0,
        elapsed_ms: 0.0,
    }));
    reader_client::send(ReaderRequest::Join { model }, &[]);
}

/// Stops the reader worker (a sheet being converted, tables being read or joined).
pub fn cancel_reading(s: AppState) {
    reader_client::stop();
    s.reading.set(None);
    s.busy.set(None);
    s.sheet_pick.set(None);
    s.model_edit.set(None);
}

fn on_reader_response(s: AppState, _id: u64, r: ReaderResponse, file: Option<File>) {
    match r {
        ReaderResponse::Ready => {}
        ReaderResponse::Sheets {
            file: name,
            sheets,
            preselected,
        } => {
            s.reading.set(None);
            let Some(selected) = preselected else {
                s.error.set(Some(t!("no-sheet-table", name = name.clone())));
                return;
            };
            // One sheet: no question to ask.
            if sheets.len() == 1 {
                read_sheet(s, sheets[selected].name.clone());
            } else {
                s.sheet_pick.set(Some(SheetPick {
                    file: name,
                    sheets,
                    selected,
                }));
            }
        }
        ReaderResponse::Model {
            files,
            tables,
            model,
        } => {
            s.reading.set(None);
            // A saved model for the same tables wins over the proposal.
            let names = |m: &DataModel| {
                let mut n: Vec<String> = m.tables.iter().map(|t| t.name.clone()).collect();
                n.sort();
                n
            };
            let model = match s.view_model.get_untracked() {
                Some(v) if names(&v) == names(&model) => v,
                _ => model,
            };
            s.model_edit.set(Some(ModelEdit {
                files,
                tables,
                model,
            }));
        }
        ReaderResponse::Progress {
            rows,
            bytes,
            elapsed_ms,
        } => {
            if s.reading.with_untracked(|r| r.is_some()) {
                s.reading.set(Some(Progress {
                    bytes,
                    total: 0.0,
                    rows,
                    elapsed_ms,
                }));
            }
        }
        ReaderResponse::Converted {
            name: _,
            options,
            model,
            report: _,
            direct,
        } => {
            s.reading.set(None);
            let Some(file) = file else {
                s.error.set(Some(t!("internal-no-table")));
                return;
            };
            if direct {
                s.file.set_value(Some(file));
                s.pending.set_value((model, Vec::new()));
                start_import(s, options);
            } else {
                open_file(s, file);
                s.pending.set_value((None, options.notes));
            }
        }
        ReaderResponse::Error { message } => {
            s.busy.set(None);
            s.reading.set(None);
            s.error.set(Some(message));
        }
    }
}
