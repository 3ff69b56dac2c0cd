//! The engine worker: holds the log and answers the page's requests. Runs in a Web Worker, so a long
//! import or analysis never blocks the page.
//!
//! Files are read in 4 MiB slices with `Blob.arrayBuffer()`, awaited one at a time, which lets a Cancel
//! message in between slices; each slice goes straight into the engine's push importer.

use super::charts;
use super::protocol::{
    Bottlenecks, CollectionsPage, Detail, Drill, Envelope, HeatCell, LoadedLog, Overview,
    ReplayPage, Request, Response, ValueSource, Values, VariantRow,
};
use relance_engine::analysis::{
    self, case_durations_ms, dfg, duration_histogram, process_map, variants, DurationStats,
    Variants,
};
use relance_engine::analysis::{bottleneck, timeline};
use relance_engine::collections::{
    self, breakdown::breakdown, facts, kpi, CollectionsReport, RoleMap,
};
use relance_engine::demo::{demo_csv, DemoLanguage, DemoOptions};
use relance_engine::filter::FilterStack;
use relance_engine::import::{self, ImportOptions, Importer};
use relance_engine::layout::draw_map;
use relance_engine::{EventLog, Selection};
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, DedicatedWorkerGlobalScope, File, MessageEvent};

const CHUNK: f64 = 4.0 * 1024.0 * 1024.0;
/// The first read for a preview; a longer head is read (×4 each time) while the engine needs more,
/// up to [`MAX_PREVIEW_BYTES`].
const PREVIEW_BYTES: f64 = 256.0 * 1024.0;
const MAX_PREVIEW_BYTES: f64 = 64.0 * 1024.0 * 1024.0;
/// Decoded bytes between two looks at Cancel during an import.
const DECODE_STEP: usize = 32 << 20;

/// Everything the worker keeps between messages.
#[derive(Default)]
struct State {
    log: Option<EventLog>,
    filters: FilterStack,
    selection: Option<Selection>,
    variants: Option<Variants>,
    /// The last collections answer, with its case lists, for drill-downs.
    collections: Option<CollectionsCache>,
    /// The last insights answer, for its findings' chips.
    insights: Option<super::insights::InsightsCache>,
    /// A summary document opened instead of a log (then `log` is `None`).
    summary: Option<relance_engine::analysis::SummaryDocument>,
}

struct CollectionsCache {
    report: CollectionsReport,
    breakdown: Vec<collections::breakdown::BreakdownRow>,
    aging: Vec<kpi::AgingBucket>,
    late: Vec<usize>,
    invoices: Vec<facts::Invoice>,
    as_of: i64,
}

impl State {
    fn selection(&mut self) -> Option<(&EventLog, &Selection)> {
        let log = self.log.as_ref()?;
        if self.selection.is_none() {
            self.selection = Some(self.filters.apply(log));
        }
        Some((log, self.selection.as_ref()?))
    }

    fn set_log(&mut self, log: EventLog) {
        self.log = Some(log);
        self.summary = None;
        self.filters = FilterStack::default();
        self.selection = None;
        self.variants = None;
        self.collections = None;
        self.insights = None;
    }
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
    static CANCEL: Cell<bool> = const { Cell::new(false) };
}

pub(crate) fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(id: u64, body: Response) {
    let value = match super::protocol::to_js(&Envelope { id, body }) {
        Ok(v) => v,
        // Say so rather than leave the page waiting.
        Err(e) => match super::protocol::to_js(&Envelope {
            id,
            body: Response::Error {
                message: format!("internal: an answer could not be encoded ({e})"),
            },
        }) {
            Ok(v) => v,
            Err(_) => return,
        },
    };
    if let Err(e) = scope().post_message(&value) {
        web_sys::console::error_2(&"the engine could not send an answer".into(), &e);
    }
}

pub(crate) fn now() -> f64 {
    js_sys::Reflect::get(&js_sys::global(), &"performance".into())
        .ok()
        .and_then(|p| p.dyn_into::<web_sys::Performance>().ok())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// Entry point of the worker binary.
pub fn run() {
    crate::panic_hook::install();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let data = e.data();
        let Some(parts) = data.dyn_ref::<js_sys::Array>() else {
            return;
        };
        let file = parts.get(1).dyn_into::<File>().ok();
        let env: Envelope<Request> = match serde_wasm_bindgen::from_value(parts.get(0)) {
            Ok(env) => env,
            Err(e) => {
                post(
                    0,
                    Response::Error {
                        message: format!("internal: bad request ({e})"),
                    },
                );
                return;
            }
        };
        handle(env.id, env.body, file);
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    post(0, Response::Ready);
}

fn handle(id: u64, req: Request, file: Option<File>) {
    match req {
        Request::Cancel => CANCEL.with(|c| c.set(true)),
        Request::SetLanguage { language } => crate::i18n::set_language(language),
        Request::Import { options } => match file {
            Some(f) => wasm_bindgen_futures::spawn_local(import_file(id, f, options)),
            None => post(
                id,
                Response::Error {
                    message: t!("err-no-file"),
                },
            ),
        },
        Request::Preview { delimiter } => match file {
            Some(f) => wasm_bindgen_futures::spawn_local(preview_file(id, f, delimiter)),
            None => post(
                id,
                Response::Error {
                    message: t!("err-no-file"),
                },
            ),
        },
        Request::OpenSummary => match file {
            Some(f) => wasm_bindgen_futures::spawn_local(open_summary(id, f)),
            None => post(
                id,
                Response::Error {
                    message: "no file was attached".into(),
                },
            ),
        },
        Request::LoadDemo => load_demo(id),
        other => {
            let body = STATE.with(|s| answer(&mut s.borrow_mut(), other));
            post(id, body);
        }
    }
}

/// Opens a summary document: the log (if any) is replaced by the document's aggregates.
async fn open_summary(id: u64, file: File) {
    let t0 = now();
    let (name, size) = (file.name(), file.size());
    if size > super::summary::MAX_BYTES {
        return post(
            id,
            Response::Error {
                message: t!(
                    "summary-too-big",
                    name = name,
                    mb = (super::summary::MAX_BYTES / 1048576.0) as u64
                ),
            },
        );
    }
    let bytes = match read_slice(&file, 0.0, size).await {
        Ok(b) => b,
        Err(message) => return post(id, Response::Error { message }),
    };
    match super::summary::read(&name, &bytes) {
        Ok(doc) => {
            let loaded = super::summary::loaded(&doc, name, size, now() - t0);
            STATE.with(|s| {
                let mut s = s.borrow_mut();
                *s = State::default();
                s.summary = Some(doc);
            });
            post(id, Response::Loaded(Box::new(loaded)));
        }
        Err(message) => post(id, Response::Error { message }),
    }
}

fn load_demo(id: u64) {
    let t0 = now();
    // The demo speaks the interface's language: a French room sees "Relance 1 envoyée" on the map,
    // read from what a French ERP exports (the same events: the figures do not change).
    let language = match crate::i18n::language() {
        crate::i18n::Language::Fr => DemoLanguage::French,
        crate::i18n::Language::En => DemoLanguage::English,
    };
    let csv = demo_csv(DemoOptions {
        language,
        ..DemoOptions::default()
    });
    match import::import_bytes(csv.as_bytes(), ImportOptions::default()) {
        Ok(imported) => {
            keep_log(id, imported, "Demo collections log".into(), true, 0.0, t0);
        }
        Err(e) => post(
            id,
            Response::Error {
                message: t!("err-demo", error = e.to_string()),
            },
        ),
    }
}

/// Keeps a freshly imported log and tells the page.
fn keep_log(id: u64, imported: import::Imported, name: String, demo: bool, size: f64, t0: f64) {
    let loaded = LoadedLog {
        name,
        demo,
        size,
        cases: imported.log.case_count() as u64,
        events: imported.log.event_count() as u64,
        activities: imported.log.activity_count() as u64,
        attributes: imported
            .log
            .attributes()
            .iter()
            .map(|a| a.name.clone())
            .collect(),
        report: imported.report,
        import_ms: now() - t0,
        summary: None,
    };
    STATE.with(|s| s.borrow_mut().set_log(imported.log));
    post(id, Response::Loaded(Box::new(loaded)));
}

pub(crate) async fn read_slice(file: &Blob, start: f64, end: f64) -> Result<Vec<u8>, String> {
    let part = file
        .slice_with_f64_and_f64(start, end)
        .map_err(|_| t!("err-slice"))?;
    let buf = JsFuture::from(part.array_buffer())
        .await
        .map_err(|_| t!("err-read-file"))?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

async fn preview_file(id: u64, file: File, delimiter: Option<u8>) {
    let size = file.size();
    let mut want = PREVIEW_BYTES;
    loop {
        let len = size.min(want);
        let head = match read_slice(&file, 0.0, len).await {
            Ok(h) => h,
            Err(message) => return post(id, Response::Error { message }),
        };
        match import::preview(&head, len >= size, delimiter) {
            Ok(preview) => {
                return post(
                    id,
                    Response::Preview {
                        name: file.name(),
                        size,
                        preview: Box::new(preview),
                    },
                )
            }
            // A header longer than the head (thousands of columns), or a gzip head that inflates to
            // less than the sample: read more of the file.
            Err(relance_engine::Error::NeedMoreHead) if len < size && want < MAX_PREVIEW_BYTES => {
                want *= 4.0;
            }
            Err(e) => {
                return post(
                    id,
                    Response::Error {
                        message: crate::engine_words::file_error(&file.name(), &e),
                    },
                )
            }
        }
    }
}

/// Lets the worker's event loop run (a Cancel message gets in), through a zero-delay timer.
pub(crate) async fn yield_now() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = scope().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _ = JsFuture::from(promise).await;
}

async fn import_file(id: u64, file: File, options: ImportOptions) {
    CANCEL.with(|c| c.set(false));
    let t0 = now();
    let size = file.size();
    let name = file.name();
    // Refuse early what a tab cannot hold, rather than die halfway (a dead worker loses the log): the
    // engine extrapolates from what each slice took to the whole file.
    let mut imp = Importer::new(ImportOptions {
        memory_budget: Some(import::MemoryBudget::BROWSER),
        size_hint: Some(size as u64),
        ..options
    });
    let mut offset = 0.0;
    while offset < size {
        if CANCEL.with(|c| c.get()) {
            return post(id, Response::Cancelled);
        }
        let end = (offset + CHUNK).min(size);
        let bytes = match read_slice(&file, offset, end).await {
            Ok(b) => b,
            Err(message) => return post(id, Response::Error { message }),
        };
        // A slice may inflate to far more than its size: decode it in bounded steps, looking for Cancel
        // in between.
        let mut rest = &bytes[..];
        while !rest.is_empty() {
            match imp.feed_bounded(rest, DECODE_STEP) {
                Ok(n) => rest = &rest[n..],
                Err(e) => {
                    return post(
                        id,
                        Response::Error {
                            message: import_error(&name, &e),
                        },
                    )
                }
            }
            if !rest.is_empty() {
                post(
                    id,
                    Response::Progress {
                        bytes: offset + (bytes.len() - rest.len()) as f64,
                        total: size,
                        rows: imp.rows(),
                        elapsed_ms: now() - t0,
                    },
                );
                yield_now().await;
                if CANCEL.with(|c| c.get()) {
                    return post(id, Response::Cancelled);
                }
            }
        }
        offset = end;
        post(
            id,
            Response::Progress {
                bytes: offset,
                total: size,
                rows: imp.rows(),
                elapsed_ms: now() - t0,
            },
        );
    }
    if CANCEL.with(|c| c.get()) {
        return post(id, Response::Cancelled);
    }
    match imp.finish() {
        Ok(imported) => {
            keep_log(id, imported, name, false, size, t0);
        }
        Err(e) => post(
            id,
            Response::Error {
                message: crate::engine_words::file_error(&name, &e),
            },
        ),
    }
}

/// An error that stopped the import of `name`; a refusal for size says where to open the file instead.
fn import_error(name: &str, e: &relance_engine::Error) -> String {
    match e {
        relance_engine::Error::TooBig { estimate, budget } => t!(
            "too-big",
            name = name.to_string(),
            events = crate::format::count(estimate.events),
            gb = crate::format::decimal(estimate.peak_bytes as f64 / 1e9, 1),
            budget = crate::format::decimal(budget.bytes as f64 / 1e9, 1)
        ),
        other => crate::engine_words::file_error(name, other),
    }
}

fn no_log() -> Response {
    Response::Error {
        message: t!("err-no-log"),
    }
}

fn answer(state: &mut State, req: Request) -> Response {
    if let Some(doc) = &state.summary {
        return super::summary::answer(doc, req);
    }
    match req {
        Request::SetFilters { filters } => {
            state.filters = filters;
            state.selection = None;
            state.variants = None;
            state.collections = None;
            state.insights = None;
            match state.selection() {
                Some((log, sel)) => Response::Filtered {
                    cases: sel.len() as u64,
                    total: log.case_count() as u64,
                },
                None => no_log(),
            }
        }
        Request::Map {
            activity_pct,
            paths_pct,
        } => match state.selection() {
            // Laid out here, in the worker, within the layout's work budget: the page only draws.
            Some((log, sel)) => Response::Map(Box::new(draw_map(
                process_map(log, sel, activity_pct),
                paths_pct,
            ))),
            None => no_log(),
        },
        Request::Variants => {
            let Some((log, sel)) = state.selection() else {
                return no_log();
            };
            let v = variants(log, sel);
            let rows = v
                .variants
                .iter()
                .take(2000)
                .enumerate()
                .map(|(rank, x)| VariantRow {
                    rank: rank as u32,
                    activities: x
                        .activities
                        .iter()
                        .map(|&a| log.activity_name(a).to_string())
                        .collect(),
                    cases: x.cases,
                    share: x.share,
                    cumulative_share: x.cumulative_share,
                    median_s: x.duration.median_s,
                    mean_s: x.duration.mean_s,
                })
                .collect();
            let total = v.variants.len();
            state.variants = Some(v);
            Response::Variants { rows, total }
        }
        Request::VariantCases { ranks, limit } => {
            if state.variants.is_none() {
                let v = state.selection().map(|(log, sel)| variants(log, sel));
                state.variants = v;
            }
            let (Some(log), Some(v)) = (state.log.as_ref(), state.variants.as_ref()) else {
                return no_log();
            };
            let cases: Vec<usize> = v
                .case_variant
                .iter()
                .enumerate()
                .filter(|(_, &r)| ranks.contains(&r))
                .map(|(c, _)| c)
                .collect();
            Response::Cases {
                total: cases.len(),
                ids: cases
                    .iter()
                    .take(limit)
                    .map(|&c| log.case_id(c).to_string())
                    .collect(),
            }
        }
        Request::Overview => match state.selection() {
            Some((log, sel)) => Response::Overview(Box::new(overview(log, sel))),
            None => no_log(),
        },
        Request::EdgeDetail { from, to, stat } => match state.selection() {
            Some((log, sel)) => {
                Response::Detail(edge_detail(log, sel, from.as_deref(), to.as_deref(), stat))
            }
            None => no_log(),
        },
        Request::NodeDetail { name } => match state.selection() {
            Some((log, sel)) => Response::Detail(node_detail(log, sel, &name)),
            None => no_log(),
        },
        Request::Collections {
            mapping,
            settings,
            packs,
            breakdown: by,
            aging_at_ms,
        } => {
            let Some((log, sel)) = state.selection() else {
                return no_log();
            };
            let mut map = RoleMap::guess(log);
            if let Some(m) = &mapping {
                map.merge(m);
            }
            let report = collections::report(log, sel, &map, &settings, &packs);
            let ctx = facts::Context::new(log, &map);
            let inv = facts::invoices(&ctx, sel);
            let as_of = report_as_of(&report);
            let aging_at = aging_at_ms.unwrap_or(as_of);
            let aging = kpi::aging(&inv, aging_at);
            let rows = by
                .as_deref()
                .map(|a| breakdown(&ctx, &inv, a, as_of, 12, &settings))
                .unwrap_or_default();
            let (_, late) = kpi::on_time(&inv);
            let page = CollectionsPage {
                dso_svg: charts::dso_svg(&report.kpis.dso_monthly, 620, 260),
                breakdown: rows.clone(),
                breakdown_by: by,
                attributes: log.attributes().iter().map(|a| a.name.clone()).collect(),
                aging: aging.clone(),
                aging_at: relance_engine::calendar::format_iso_utc(aging_at),
                report: report.clone(),
            };
            state.collections = Some(CollectionsCache {
                report,
                breakdown: rows,
                aging,
                late,
                invoices: inv,
                as_of,
            });
            Response::Collections(Box::new(page))
        }
        Request::Drill { drill } => {
            let (Some(log), Some(c)) = (state.log.as_ref(), state.collections.as_ref()) else {
                return Response::Error {
                    message: t!("err-open-collections"),
                };
            };
            let (label, cases): (String, Vec<usize>) = match &drill {
                Drill::WriteOffs => (
                    t!("drill-label-written-off"),
                    c.report.kpis.write_offs.cases.clone(),
                ),
                Drill::PaidLate => (t!("drill-label-paid-late"), c.late.clone()),
                Drill::Aging { bucket } => (
                    if bucket == "current" {
                        t!("drill-label-aging-current")
                    } else {
                        t!("drill-label-aging", bucket = bucket.clone())
                    },
                    c.aging
                        .iter()
                        .find(|b| &b.bucket == bucket)
                        .map(|b| b.cases.clone())
                        .unwrap_or_default(),
                ),
                Drill::DunningUnpaid {
                    activity,
                    channel,
                    level,
                } => (
                    t!(
                        "drill-label-dunning",
                        activity = activity.clone(),
                        channel = channel.clone()
                    ),
                    c.report
                        .dunning
                        .iter()
                        .find(|d| {
                            &d.activity == activity && &d.channel == channel && d.level == *level
                        })
                        .map(|d| d.unpaid_cases.clone())
                        .unwrap_or_default(),
                ),
                Drill::Disputes { reason } => (
                    t!("drill-label-disputes", reason = reason.clone()),
                    c.report
                        .disputes
                        .iter()
                        .find(|d| &d.reason == reason)
                        .map(|d| d.cases.clone())
                        .unwrap_or_default(),
                ),
                Drill::Cash { resource } => (
                    t!("drill-label-cash", resource = resource.clone()),
                    c.report
                        .cash_application
                        .iter()
                        .find(|d| &d.resource == resource)
                        .map(|d| d.cases.clone())
                        .unwrap_or_default(),
                ),
                Drill::PromisesBroken { group, by_agent } => {
                    let rows = if *by_agent {
                        &c.report.promises_by_agent
                    } else {
                        &c.report.promises
                    };
                    (
                        t!("drill-label-broken", group = group.clone()),
                        rows.iter()
                            .find(|p| &p.segment == group)
                            .map(|p| p.broken_cases.clone())
                            .unwrap_or_default(),
                    )
                }
                Drill::Receivables { month, past_due } => {
                    let at = kpi::month_end_in(&c.report.kpis.dso_monthly, month)
                        .or_else(|| kpi::month_end(month, c.as_of))
                        .unwrap_or(c.as_of);
                    let (open, due) = kpi::receivables_cases_at(&c.invoices, at);
                    if *past_due {
                        (t!("drill-label-past-due", month = month.clone()), due)
                    } else {
                        (t!("drill-label-open", month = month.clone()), open)
                    }
                }
                Drill::SlowestToCash => {
                    let p90 = c.report.kpis.invoice_to_cash_days.p90;
                    (
                        t!("drill-label-slowest", days = crate::format::decimal(p90, 0)),
                        kpi::slower_to_cash(&c.invoices, p90),
                    )
                }
                Drill::Reissued => (
                    t!("drill-label-reissued"),
                    c.invoices
                        .iter()
                        .filter(|i| i.reissued)
                        .map(|i| i.case)
                        .collect(),
                ),
                Drill::Breakdown { value } => (
                    value.clone(),
                    c.breakdown
                        .iter()
                        .find(|b| &b.value == value)
                        .map(|b| b.cases.clone())
                        .unwrap_or_default(),
                ),
            };
            let mut cases = cases;
            cases.sort_unstable();
            cases.dedup();
            Response::DrillCases {
                label,
                ids: cases.iter().map(|&i| log.case_id(i).to_string()).collect(),
            }
        }
        Request::Bottlenecks { by, calendar } => {
            let Some((log, sel)) = state.selection() else {
                return no_log();
            };
            let mut transitions = bottleneck::transitions(log, sel, None);
            let breakdown = match &by {
                None => Vec::new(),
                Some(g) => {
                    let slowest: Vec<(String, String)> = transitions
                        .iter()
                        .take(12)
                        .map(|t| (t.from.clone(), t.to.clone()))
                        .collect();
                    bottleneck::transitions(log, sel, Some(g))
                        .into_iter()
                        .filter(|t| slowest.iter().any(|(f, to)| *f == t.from && *to == t.to))
                        .collect()
                }
            };
            transitions.truncate(400);
            let mut resource_activity = bottleneck::resource_activity(log, sel);
            resource_activity.truncate(400);
            Response::Bottlenecks(Box::new(Bottlenecks {
                transitions,
                breakdown,
                by,
                calendar: bottleneck::calendar(log, sel, calendar),
                resource_activity,
                attributes: log.attributes().iter().map(|a| a.name.clone()).collect(),
            }))
        }
        Request::CellCases { cell } => {
            let Some((log, sel)) = state.selection() else {
                return no_log();
            };
            let (acts, res) = (log.activities(), log.resources());
            let mut ids = Vec::new();
            for (c, r) in sel.cases(log) {
                let hit = match &cell {
                    HeatCell::Calendar { weekday, hour } => r.clone().any(|e| {
                        let local = log.local_time(e);
                        relance_engine::calendar::weekday(local) == *weekday
                            && relance_engine::calendar::hour_of_day(local) == *hour
                    }),
                    HeatCell::ResourceActivity { resource, activity } => {
                        (r.start..r.end.saturating_sub(1)).any(|e| {
                            log.resource_name(res[e]) == Some(resource.as_str())
                                && log.activity_name(acts[e]) == activity
                        })
                    }
                };
                if hit {
                    ids.push(log.case_id(c).to_string());
                }
            }
            let label = match &cell {
                HeatCell::Calendar { weekday, hour } => format!("weekday {weekday}, {hour}:00"),
                HeatCell::ResourceActivity { resource, activity } => {
                    format!("{activity} by {resource}")
                }
            };
            Response::DrillCases { label, ids }
        }
        Request::Dotted { order, relative } => match state.selection() {
            Some((log, sel)) => {
                Response::Dotted(Box::new(dotted_chart(log, sel, &order, relative, 100_000)))
            }
            None => no_log(),
        },
        Request::Case { id, index, step } => {
            let Some((log, sel)) = state.selection() else {
                return no_log();
            };
            let base = match (&id, index) {
                (Some(id), _) => log.find_case(id.trim()),
                (None, Some(i)) if (i as usize) < log.case_count() => Some(i as usize),
                _ => None,
            };
            let case = match (base, step) {
                (b, 0) if b.is_some() => b,
                (None, 0) => timeline::neighbour(log, sel, None, 1),
                (b, s) => timeline::neighbour(log, sel, b, s),
            };
            Response::Case {
                timeline: case.map(|c| Box::new(timeline::timeline(log, sel, c))),
            }
        }
        Request::Insights {
            outcome,
            mapping,
            settings,
            language,
        } => {
            let filtered = !state.filters.items.is_empty();
            let Some((log, sel)) = state.selection() else {
                return no_log();
            };
            let (response, cache) = super::insights::page(
                log,
                sel,
                filtered,
                outcome,
                mapping.as_ref(),
                &settings,
                language,
            );
            state.insights = cache;
            response
        }
        Request::InsightCases { index } => {
            let Some(cache) = state.insights.take() else {
                return Response::Error {
                    message: t!("err-open-insights"),
                };
            };
            let response = match state.selection() {
                Some((log, sel)) => super::insights::finding_chip(log, sel, &cache, index),
                None => no_log(),
            };
            state.insights = Some(cache);
            response
        }
        Request::Replay {
            activity_pct,
            paths_pct,
            options,
        } => match state.selection() {
            Some((log, sel)) => {
                let drawing = draw_map(process_map(log, sel, activity_pct), paths_pct);
                let replay = analysis::replay(log, sel, &drawing.map, &drawing.kept, &options);
                Response::Replay(Box::new(ReplayPage { drawing, replay }))
            }
            None => no_log(),
        },
        Request::Compare {
            split,
            mapping,
            language,
            paths_pct,
        } => match state.selection() {
            Some((log, sel)) => {
                super::insights::compare(log, sel, &split, mapping.as_ref(), language, paths_pct)
            }
            None => no_log(),
        },
        Request::Values { source } => {
            let Some((log, sel)) = state.selection() else {
                return no_log();
            };
            Response::Values(Box::new(values(log, sel, source)))
        }
        Request::LoadDemo
        | Request::Preview { .. }
        | Request::Import { .. }
        | Request::OpenSummary
        | Request::Cancel
        | Request::SetLanguage { .. } => Response::Error {
            message: "internal: request handled elsewhere".into(),
        },
    }
}

/// Distinct values with the number of selected cases having each.
fn values(log: &EventLog, sel: &Selection, source: ValueSource) -> Values {
    use std::collections::HashMap;
    let mut counts: HashMap<String, (u64, usize)> = HashMap::new();
    let mut range: Option<(f64, f64)> = None;
    let mut numeric = true;
    let attr = match &source {
        ValueSource::Attribute { name } => log.attribute(name),
        _ => None,
    };
    for (c, r) in sel.cases(log) {
        let mut seen: Vec<String> = Vec::new();
        match &source {
            ValueSource::Attribute { .. } => {
                let Some(a) = attr else { break };
                let vals: Vec<relance_engine::log::Value> = match a.scope {
                    relance_engine::log::Scope::Case => vec![a.get(c)],
                    relance_engine::log::Scope::Event => r.clone().map(|e| a.get(e)).collect(),
                };
                for v in vals.into_iter().filter(|v| !v.is_missing()) {
                    match v.as_number() {
                        Some(x) if matches!(v, relance_engine::log::Value::Number(_)) => {
                            range = Some(range.map_or((x, x), |(lo, hi)| (lo.min(x), hi.max(x))));
                        }
                        _ => numeric = false,
                    }
                    seen.push(v.display());
                }
            }
            ValueSource::Resource => seen.extend(
                r.clone()
                    .filter_map(|e| log.resource_name(log.resources()[e]))
                    .map(str::to_string),
            ),
            ValueSource::Activity => seen.extend(
                r.clone()
                    .map(|e| log.activity_name(log.activities()[e]).to_string()),
            ),
        }
        seen.sort_unstable();
        seen.dedup();
        for v in seen {
            let n = counts.len();
            counts.entry(v).or_insert((0, n)).0 += 1;
        }
    }
    let distinct = counts.len();
    let mut values: Vec<(String, u64)> = counts.into_iter().map(|(k, (n, _))| (k, n)).collect();
    values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    values.truncate(500);
    Values {
        source,
        values,
        distinct,
        range: if numeric { range } else { None },
    }
}

fn report_as_of(r: &CollectionsReport) -> i64 {
    relance_engine::import::timestamp::parse_timestamp(
        &r.kpis.as_of,
        relance_engine::import::DateOrder::Auto,
    )
    .map(|p| p.ms)
    .unwrap_or(0)
}

fn overview(log: &EventLog, sel: &Selection) -> Overview {
    let s = analysis::summarize(log, sel);
    let durations: Vec<i64> = case_durations_ms(log, sel)
        .into_iter()
        .map(|(_, d)| d)
        .collect();
    let times = log.times();
    let mut week_counts: Vec<(i64, u64)> = Vec::new();
    {
        let mut weeks: std::collections::BTreeMap<i64, u64> = std::collections::BTreeMap::new();
        const WEEK: i64 = 7 * 86_400_000;
        for (_, r) in sel.cases(log) {
            for &t in &times[r] {
                // Weeks start on Monday: 1970-01-05 was a Monday.
                let w = (t - 4 * 86_400_000).div_euclid(WEEK) * WEEK + 4 * 86_400_000;
                *weeks.entry(w).or_default() += 1;
            }
        }
        week_counts.extend(weeks);
    }
    let mut resources = vec![false; log.resource_count()];
    for (_, r) in sel.cases(log) {
        for res in &log.resources()[r] {
            if res.is_some() {
                resources[res.0 as usize] = true;
            }
        }
    }
    let (duration_svg, duration_hits) = charts::duration_histogram_chart(
        &duration_histogram(&durations, 40, true),
        &t!("chart-cases"),
        640,
        260,
    );
    let (weekly_svg, weekly_hits) = charts::weekly_chart(&week_counts, 640, 260);
    Overview {
        cases: s.log.cases,
        total_cases: log.case_count() as u64,
        events: s.log.events,
        activities: s.log.activities,
        variants: s.log.variants,
        resources: resources.iter().filter(|&&x| x).count() as u64,
        first: s.log.first_event.clone(),
        last: s.log.last_event.clone(),
        median_case_s: s.case_duration_s.median,
        mean_case_s: s.case_duration_s.mean,
        p90_case_s: s.case_duration_s.p90,
        duration_svg,
        duration_hits,
        weekly_svg,
        weekly_hits,
        activities_table: s
            .activities
            .iter()
            .map(|a| (a.name.clone(), a.events, a.cases))
            .collect(),
    }
}

fn fmt_days(s: f64) -> String {
    crate::format::duration(s)
}

fn stats_lines(d: &DurationStats) -> Vec<(String, String)> {
    vec![
        (t!("detail-median-wait"), fmt_days(d.median_s)),
        (t!("detail-mean-wait"), fmt_days(d.mean_s)),
        (t!("detail-p90"), fmt_days(d.p90_s)),
        (t!("detail-shortest"), fmt_days(d.min_s)),
        (t!("detail-longest"), fmt_days(d.max_s)),
        (t!("detail-total"), fmt_days(d.sum_s)),
    ]
}

fn edge_detail(
    log: &EventLog,
    sel: &Selection,
    from: Option<&str>,
    to: Option<&str>,
    _stat: analysis::Stat,
) -> Detail {
    let (start, end) = (t!("map-start"), t!("map-end"));
    let title = format!("{} → {}", from.unwrap_or(&start), to.unwrap_or(&end));
    let (a, b) = (
        from.and_then(|n| log.find_activity(n)),
        to.and_then(|n| log.find_activity(n)),
    );
    let (Some(a), Some(b)) = (a, b) else {
        // An edge from the map's start or to its end: how many cases begin or end there.
        let g = dfg(log, sel);
        let n = match (from, a, to, b) {
            (None, _, Some(_), Some(b)) => g.activities[b.index()].starts,
            (Some(_), Some(a), None, _) => g.activities[a.index()].ends,
            _ => 0,
        };
        return Detail {
            title,
            lines: vec![(t!("detail-cases"), crate::format::count(n))],
            histogram: None,
            histogram_svg: None,
        };
    };
    let mut durations = analysis::dfg::edge_durations(log, sel, a, b);
    let cases = analysis::dfg::cases_with_edge(log, sel, a, b).len();
    let hist = duration_histogram(&durations, 24, true);
    let stats = DurationStats::from_ms(&mut durations);
    let mut lines = vec![
        (t!("detail-occurrences"), crate::format::count(stats.count)),
        (t!("detail-cases"), crate::format::count(cases as u64)),
    ];
    lines.extend(stats_lines(&stats));
    Detail {
        title,
        lines,
        histogram_svg: Some(charts::duration_histogram_svg(
            &hist,
            &t!("chart-steps"),
            300,
            150,
        )),
        histogram: Some(hist),
    }
}

fn node_detail(log: &EventLog, sel: &Selection, name: &str) -> Detail {
    let Some(a) = log.find_activity(name) else {
        return Detail {
            title: name.to_string(),
            lines: Vec::new(),
            histogram: None,
            histogram_svg: None,
        };
    };
    let g = dfg(log, sel);
    let f = g.activities[a.index()];
    // Waiting time before the activity: from the previous event of the same case.
    let (acts, times) = (log.activities(), log.times());
    let mut waits = Vec::new();
    let mut resources: std::collections::BTreeMap<String, u64> = std::collections::BTreeMap::new();
    for (_, r) in sel.cases(log) {
        for i in r.clone() {
            if acts[i] == a {
                if i > r.start {
                    waits.push(times[i] - times[i - 1]);
                }
                if let Some(res) = log.resource_name(log.resources()[i]) {
                    *resources.entry(res.to_string()).or_default() += 1;
                }
            }
        }
    }
    let hist = duration_histogram(&waits, 24, true);
    let stats = DurationStats::from_ms(&mut waits);
    let mut lines = vec![
        (t!("detail-events"), crate::format::count(f.events)),
        (t!("detail-cases"), crate::format::count(f.cases)),
        (t!("detail-starts"), crate::format::count(f.starts)),
        (t!("detail-ends"), crate::format::count(f.ends)),
    ];
    lines.extend(
        stats_lines(&stats)
            .into_iter()
            .take(3)
            .map(|(k, v)| (t!("detail-before", what = k), v)),
    );
    let mut top: Vec<(String, u64)> = resources.into_iter().collect();
    top.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    for (r, n) in top.into_iter().take(5) {
        lines.push((t!("detail-by", resource = r), crate::format::count(n)));
    }
    Detail {
        title: name.to_string(),
        lines,
        histogram_svg: Some(charts::duration_histogram_svg(
            &hist,
            &t!("chart-events"),
            300,
            150,
        )),
        histogram: Some(hist),
    }
}

/// The dotted chart, with rows ordered by an attribute numerically when all its values are numbers
/// (amounts: 200 before 1000), and as text otherwise.
fn dotted_chart(
    log: &EventLog,
    sel: &Selection,
    order: &timeline::DottedOrder,
    relative: bool,
    limit: usize,
) -> timeline::DottedChart {
    let timeline::DottedOrder::Attribute { name } = order else {
        return timeline::dotted(log, sel, order, relative, limit);
    };
    let Some(attr) = log.attribute(name) else {
        return timeline::dotted(log, sel, order, relative, limit);
    };
    // Every row, by case start (then case index, the engine's tie-break), then a stable sort on the key.
    let all = timeline::dotted(
        log,
        sel,
        &timeline::DottedOrder::Start,
        relative,
        usize::MAX,
    );
    let mut keys = Vec::with_capacity(all.row_case.len());
    for &c in &all.row_case {
        let v = log.case_value(attr, c as usize);
        if v.is_missing() {
            keys.push(f64::NAN);
            continue;
        }
        match v.as_number().filter(|x| x.is_finite()) {
            Some(x) => keys.push(x),
            None => return timeline::dotted(log, sel, order, relative, limit),
        }
    }
    let mut rows: Vec<usize> = (0..all.row_case.len()).collect();
    // Cases without a value come last.
    rows.sort_by(|&a, &b| match (keys[a].is_nan(), keys[b].is_nan()) {
        (false, false) => keys[a].total_cmp(&keys[b]),
        (x, y) => x.cmp(&y),
    });
    let omitted = rows.len().saturating_sub(limit) as u64;
    rows.truncate(limit);
    // Absolute times start at the earliest case start among the rows kept.
    let shift = if relative {
        0.0
    } else {
        rows.iter()
            .map(|&r| all.dot_time[all.row_start[r] as usize])
            .fold(f64::INFINITY, f64::min)
    };
    let shift = if shift.is_finite() { shift } else { 0.0 };
    let mut out = timeline::DottedChart {
        activities: all.activities.clone(),
        t0_ms: all.t0_ms + (shift * 1000.0).round() as i64,
        relative,
        omitted,
        ..Default::default()
    };
    for r in rows {
        out.row_case.push(all.row_case[r]);
        out.row_start.push(out.dot_time.len() as u32);
        for k in all.row_start[r] as usize..all.row_start[r + 1] as usize {
            let t = all.dot_time[k] - shift;
            out.t_max = out.t_max.max(t);
            out.dot_time.push(t);
            out.dot_activity.push(all.dot_activity[k]);
        }
    }
    out.row_start.push(out.dot_time.len() as u32);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use relance_engine::import::import_bytes;

    #[test]
    fn an_activity_named_start_is_not_the_maps_start() {
        // BPMN-made logs often name activities "Start" and "End" (audit §5, map naming).
        let csv =
            "case,activity,timestamp\n1,Start,2024-01-01\n1,End,2024-01-02\n2,Start,2024-01-01\n";
        let log = import_bytes(csv.as_bytes(), ImportOptions::default())
            .unwrap()
            .log;
        let sel = Selection::all(&log);
        let d = edge_detail(&log, &sel, None, Some("Start"), analysis::Stat::Median);
        assert_eq!(d.lines, vec![("Cases".to_string(), "2".to_string())]);
        let d = edge_detail(
            &log,
            &sel,
            Some("Start"),
            Some("End"),
            analysis::Stat::Median,
        );
        assert_eq!(d.lines[0], ("Occurrences".to_string(), "1".to_string()));
        let d = edge_detail(&log, &sel, Some("End"), None, analysis::Stat::Median);
        assert_eq!(d.lines, vec![("Cases".to_string(), "1".to_string())]);
    }

    #[test]
    fn dotted_rows_sort_numbers_as_numbers() {
        let csv = "case,activity,timestamp,amount\n\
            a,x,2024-01-01T00:00:00Z,1000\nb,x,2024-01-02T00:00:00Z,200\n\
            c,x,2024-01-03T00:00:00Z,\nd,x,2024-01-04T00:00:00Z,30.5\ne,x,2024-01-05T00:00:00Z,-4\n";
        let log = import_bytes(csv.as_bytes(), ImportOptions::default())
            .unwrap()
            .log;
        let sel = Selection::all(&log);
        let order = timeline::DottedOrder::Attribute {
            name: "amount".into(),
        };
        let ids = |d: &timeline::DottedChart| {
            d.row_case
                .iter()
                .map(|&c| log.case_id(c as usize).to_string())
                .collect::<Vec<_>>()
        };
        let d = dotted_chart(&log, &sel, &order, false, 10);
        assert_eq!(ids(&d), ["e", "d", "b", "a", "c"]);
        assert_eq!(d.row_start, [0, 1, 2, 3, 4, 5]);
        // Limited to 2 rows: the two smallest, with times from the earliest of them.
        let d = dotted_chart(&log, &sel, &order, false, 2);
        assert_eq!(ids(&d), ["e", "d"]);
        assert_eq!(d.omitted, 3);
        assert_eq!(d.dot_time, [86_400.0, 0.0]);
        assert_eq!(d.t_max, 86_400.0);
    }
}
