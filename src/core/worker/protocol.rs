//! The envelope of every message between the page and a worker, and the core's own messages.
//!
//! A message is a JavaScript array `[header, body, files...]`: the [`Header`] says which request it
//! is (`id`) and which feature it is for or from; the body is that feature's request or answer,
//! structured-cloned through serde-wasm-bindgen (unlike JSON text, a number that is not a number stays
//! `NaN`, which the engine uses for "no value", e.g. the median of nothing); then any `File` handles
//! (the browser passes a handle, not the bytes). The worker service dispatches on the feature, the page
//! routes answers by it, and each feature keeps the id of its latest request of a kind to drop stale
//! answers (a slider moved again before the map came back).
//!
//! Every message enum is externally tagged (serde's default, `{"variant": content}`): serde reads it
//! without buffering, where an internally or adjacently tagged enum adds a second decoder for each
//! type it carries to the wasm (measured: 95 KB of gzipped wasm on the page and 47 KB in the engine
//! worker).

use crate::core::filters::values::{ValueSource, Values};
use crate::core::i18n::Language;
use relance_engine::filter::FilterStack;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::File;

/// Who answers a request, and whose answer a message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Feature {
    /// The core: language, filters, values, cancel; errors and the page-made `Stopped`.
    Core,
    /// `features::collections`: the measures, compliance, drill-downs.
    Collections,
    /// `features::conformance`: the ideal process, fitness, deviations, scenarios.
    Conformance,
    /// `features::data_in`: files, the demo, summary documents, the reader worker.
    DataIn,
    /// `features::explore`: heatmaps, dotted chart, case timelines.
    Explore,
    /// `features::insights`: findings and comparisons.
    Insights,
    /// `features::forecast`: the open book, cash by week, the backtest.
    Forecast,
    /// `features::map`: the map laid out, its details, the replay.
    Map,
    /// `features::overview`: counts and charts.
    Overview,
    /// `features::report`: the report to hand over.
    Report,
    /// `features::variants`: variant rows and their cases.
    Variants,
}

impl Feature {
    /// The features the first-map worker answers (the page's own wasm in a worker, `src/bin/app.rs`):
    /// what the page needs up to its first map and the next two tabs, so the first visit downloads no
    /// engine of its own; the full engine worker takes over on the first request of any other feature
    /// (see [`super::client`]). `service::run_first_map` dispatches exactly these.
    pub const FIRST_MAP: [Feature; 5] = [
        Feature::Core,
        Feature::DataIn,
        Feature::Map,
        Feature::Variants,
        Feature::Overview,
    ];

    /// Whether the first-map worker answers this feature's requests.
    pub fn in_first_map(self) -> bool {
        Self::FIRST_MAP.contains(&self)
    }
}

/// The parts of the worker's session a request sets. When the full engine worker takes over from the
/// first-map worker, it is sent the latest request of each part, in this order, to hold the same
/// session (the same language, log and filters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SessionPart {
    /// The language of the worker's texts.
    Language,
    /// The log (or summary document): loading one drops the filters.
    Log,
    /// The filter stack.
    Filters,
}

/// What travels before a message's body.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Header {
    /// The request's id; its answers repeat it (progress reports use the import's id, `Ready` 0).
    pub id: u64,
    /// Who answers (a request) or who answered (an answer).
    pub feature: Feature,
    /// More answers follow for this id (progress): the request is still running.
    #[serde(default)]
    pub more: bool,
}

/// A request a worker answers.
pub trait WorkerRequest: Serialize {
    /// The feature whose handler answers it.
    const FEATURE: Feature;
    /// What the request does, for "working…" and "stopped while …" messages (a message key of
    /// `locales/*.ftl`: show it with `t!`).
    fn label(&self) -> &'static str;
    /// Whether the worker answers it (requests without an answer are not waited for).
    fn answered(&self) -> bool {
        true
    }
    /// The part of the worker's session the request sets, if any.
    fn sets(&self) -> Option<SessionPart> {
        None
    }
}

/// Makes a feature's request type a [`WorkerRequest`]: the feature that answers it, what each request
/// does (its label) as a `match` on it, and optionally which requests load a log (the session's
/// [`SessionPart::Log`]).
///
/// ```ignore
/// crate::worker_request!(Request for Map:
///     Request::Map { .. } => "doing-drawing-process-map",
///     Request::Replay { .. } => "doing-preparing-replay",
/// );
/// crate::worker_request!(Request for DataIn:
///     Request::LoadDemo => "doing-building-demo-log",
///     Request::Preview { .. } => "doing-reading-start-of-file";
///     loads_log: Request::LoadDemo
/// );
/// ```
#[macro_export]
macro_rules! worker_request {
    ($request:ident for $feature:ident: $($pattern:pat => $label:literal),+ $(,)?
     $(; loads_log: $loads:pat)?) => {
        impl $crate::core::worker::protocol::WorkerRequest for $request {
            const FEATURE: $crate::core::worker::protocol::Feature =
                $crate::core::worker::protocol::Feature::$feature;
            fn label(&self) -> &'static str {
                match self {
                    $($pattern => $label),+
                }
            }
            $(
            fn sets(&self) -> Option<$crate::core::worker::protocol::SessionPart> {
                matches!(self, $loads).then_some($crate::core::worker::protocol::SessionPart::Log)
            }
            )?
        }
    };
}

/// Converts a message to a JavaScript value (maps as plain objects).
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, serde_wasm_bindgen::Error> {
    value.serialize(&serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true))
}

/// A message as posted: `[header, body, files...]`.
pub fn encode(header: Header, body: &impl Serialize, files: &[File]) -> Result<JsValue, String> {
    let head = to_js(&header).map_err(|e| e.to_string())?;
    let body = to_js(body).map_err(|e| e.to_string())?;
    let msg = js_sys::Array::of2(&head, &body);
    for f in files {
        msg.push(f);
    }
    Ok(msg.into())
}

/// A posted message taken apart: its header, its body (still a JavaScript value) and its files.
pub fn decode(data: &JsValue) -> Result<(Header, JsValue, Vec<File>), String> {
    let parts = data
        .dyn_ref::<js_sys::Array>()
        .ok_or("a message that is not an array")?;
    let header: Header = serde_wasm_bindgen::from_value(parts.get(0)).map_err(|e| e.to_string())?;
    let files = (2..parts.length())
        .filter_map(|i| parts.get(i).dyn_into::<File>().ok())
        .collect();
    Ok((header, parts.get(1), files))
}

/// A message's body as a feature's type.
pub fn read<T: DeserializeOwned>(body: JsValue) -> Result<T, String> {
    serde_wasm_bindgen::from_value(body).map_err(|e| e.to_string())
}

/// What the page asks the core of the engine worker.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CoreRequest {
    /// The language of the texts the worker writes (chart axes, detail lines, sentences). No answer.
    SetLanguage {
        /// The language.
        language: Language,
    },
    /// Set the filter stack every later answer uses.
    SetFilters {
        /// The filters.
        filters: FilterStack,
    },
    /// Values (with case counts) of an attribute, the resources or the activities, for the filter
    /// dialog.
    Values {
        /// Which values.
        source: ValueSource,
    },
    /// Stop the running import (the previous log stays loaded). No answer.
    Cancel,
}

impl WorkerRequest for CoreRequest {
    const FEATURE: Feature = Feature::Core;
    fn label(&self) -> &'static str {
        match self {
            CoreRequest::SetLanguage { .. } => "doing-changing-language",
            CoreRequest::SetFilters { .. } => "doing-applying-filters",
            CoreRequest::Values { .. } => "doing-listing-values",
            CoreRequest::Cancel => "doing-cancelling",
        }
    }
    fn answered(&self) -> bool {
        !matches!(self, CoreRequest::Cancel | CoreRequest::SetLanguage { .. })
    }
    fn sets(&self) -> Option<SessionPart> {
        match self {
            CoreRequest::SetLanguage { .. } => Some(SessionPart::Language),
            CoreRequest::SetFilters { .. } => Some(SessionPart::Filters),
            CoreRequest::Values { .. } | CoreRequest::Cancel => None,
        }
    }
}

/// The core's answers, whichever feature asked.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CoreAnswer {
    /// The worker's wasm is running and listening.
    Ready,
    /// Made by the page, never sent by the worker: the worker died (out of memory, a panic) or was
    /// ended to cancel a long request, and a new one was started with no log loaded.
    Stopped {
        /// What it was doing (a [`WorkerRequest::label`]).
        during: Option<String>,
        /// Whether the user cancelled (rather than the worker dying).
        cancelled: bool,
        /// Whether a new worker started.
        restarted: bool,
    },
    /// Something failed; the message is for the user.
    Error {
        /// One sentence.
        message: String,
    },
    /// The filters are set; `cases` remain.
    Filtered {
        /// Selected cases.
        cases: u64,
        /// Cases in the log.
        total: u64,
    },
    /// The cases behind a figure, a cell or a finding, for a filter chip.
    DrillCases {
        /// What they are.
        label: String,
        /// Their ids.
        ids: Vec<String>,
    },
    /// Filter values.
    Values(Box<Values>),
}

/// A handler's answer: its feature's own, or one of the core's (the cases behind a figure).
#[derive(Debug)]
pub enum Reply<A> {
    /// The feature's answer.
    Feature(A),
    /// The core's.
    Core(CoreAnswer),
}

impl<A> Reply<A> {
    /// The cases behind something, for a filter chip.
    pub fn cases(label: String, ids: Vec<String>) -> Self {
        Reply::Core(CoreAnswer::DrillCases { label, ids })
    }
}
