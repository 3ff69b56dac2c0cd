//! The engine workers' service: every import and analysis runs here, off the page's thread. It takes
//! each request apart and hands it to the feature that answers it; the features' handlers share the
//! worker's session (the log, the filters and their selection).
//!
//! Two binaries run it: the full engine worker ([`run`], every feature) and the first-map worker
//! ([`run_first_map`], the features of [`Feature::FIRST_MAP`]), which the page starts first. The
//! first-map dispatch names only its features' handlers, so the linker leaves the others (collections,
//! compliance, insights, explore, and the engine code behind them) out of its wasm.

use crate::core::worker::answers;
use crate::core::worker::protocol::{read, Feature, Reply};
use crate::core::worker::runtime::{self, fail};
use crate::core::worker::session::{with_session, Session};
use crate::features::{
    collections, conformance, data_in, explore, forecast, insights, map, overview, report, variants,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

/// Entry point of the engine worker binary.
pub fn run() {
    runtime::listen(|header, body, files| {
        let id = header.id;
        match header.feature {
            Feature::Collections => answer(
                id,
                Feature::Collections,
                body,
                collections::handlers::answer,
            ),
            Feature::Insights => answer(id, Feature::Insights, body, insights::handlers::answer),
            Feature::Explore => answer(id, Feature::Explore, body, explore::handlers::answer),
            Feature::Forecast => answer(id, Feature::Forecast, body, forecast::handlers::answer),
            Feature::Conformance => answer(
                id,
                Feature::Conformance,
                body,
                conformance::handlers::answer,
            ),
            Feature::Report => answer(id, Feature::Report, body, report::handlers::answer),
            first_map => answer_first_map(id, first_map, body, files),
        }
    });
}

/// Entry point of the first-map worker binary: import, filters, map, variants and overview.
pub fn run_first_map() {
    runtime::listen(|header, body, files| answer_first_map(header.id, header.feature, body, files));
}

/// Answers a request of the first map's features ([`Feature::FIRST_MAP`]): the only handlers the
/// first-map worker names.
fn answer_first_map(id: u64, feature: Feature, body: JsValue, files: Vec<web_sys::File>) {
    match feature {
        Feature::Core => match read(body) {
            Ok(req) => answers::handle(id, req),
            Err(e) => bad_request(id, e),
        },
        // Files are read asynchronously, in slices: the import answers as it goes.
        Feature::DataIn => match read(body) {
            Ok(req) => data_in::import::handle(id, req, files.into_iter().next()),
            Err(e) => bad_request(id, e),
        },
        Feature::Map => answer(id, Feature::Map, body, map::handlers::answer),
        Feature::Variants => answer(id, Feature::Variants, body, variants::handlers::answer),
        Feature::Overview => answer(id, Feature::Overview, body, overview::handlers::answer),
        // The page hands these to the full engine worker (core::worker::client).
        other @ (Feature::Collections
        | Feature::Insights
        | Feature::Explore
        | Feature::Forecast
        | Feature::Conformance
        | Feature::Report) => fail(
            id,
            format!("internal: {other:?} is not in the first-map worker"),
        ),
    }
}

/// Reads a feature's request, answers it from the session and posts the reply.
fn answer<R: DeserializeOwned, A: Serialize>(
    id: u64,
    feature: Feature,
    body: JsValue,
    handler: fn(&mut Session, R) -> Result<Reply<A>, String>,
) {
    match read::<R>(body) {
        Ok(req) => runtime::reply(id, feature, with_session(|s| handler(s, req))),
        Err(e) => bad_request(id, e),
    }
}

fn bad_request(id: u64, why: String) {
    fail(id, format!("internal: bad request ({why})"));
}
