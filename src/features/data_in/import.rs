//! The worker's side of data-in: the demo log, a file's head guessed for the mapping screen, a file
//! imported in 4 MiB slices (read with `Blob.arrayBuffer()`, awaited one at a time, which lets a Cancel
//! message in between slices; each slice goes straight into the engine's push importer), and a summary
//! document opened instead of a log.

use super::protocol::{Answer, Request};
use super::words::file_error;
use crate::core::log::LoadedLog;
use crate::core::worker::protocol::Feature;
use crate::core::worker::runtime::{self, cancelled, fail, now, read_slice, yield_now};
use crate::core::worker::session::with_session;
use crate::features::summary::document;
use relance_engine::demo::{demo_csv, DemoLanguage, DemoOptions};
use relance_engine::import::{self, ImportOptions, Importer};
use web_sys::File;

const CHUNK: f64 = 4.0 * 1024.0 * 1024.0;
/// The first read for a preview; a longer head is read (×4 each time) while the engine needs more,
/// up to [`MAX_PREVIEW_BYTES`].
const PREVIEW_BYTES: f64 = 256.0 * 1024.0;
const MAX_PREVIEW_BYTES: f64 = 64.0 * 1024.0 * 1024.0;
/// Decoded bytes between two looks at Cancel during an import.
const DECODE_STEP: usize = 32 << 20;

fn post(id: u64, answer: Answer) {
    runtime::post(id, Feature::DataIn, &answer, None);
}

/// Answers a data-in request; a file request without its file is refused.
pub fn handle(id: u64, req: Request, file: Option<File>) {
    match (req, file) {
        (Request::LoadDemo, _) => load_demo(id),
        (Request::Import { options }, Some(f)) => {
            wasm_bindgen_futures::spawn_local(import_file(id, f, options))
        }
        (Request::Preview { delimiter }, Some(f)) => {
            wasm_bindgen_futures::spawn_local(preview_file(id, f, delimiter))
        }
        (Request::OpenSummary, Some(f)) => wasm_bindgen_futures::spawn_local(open_summary(id, f)),
        (Request::OpenSummary, None) => fail(id, "no file was attached".into()),
        (Request::Import { .. } | Request::Preview { .. }, None) => fail(id, t!("err-no-file")),
    }
}

/// Opens a summary document: the log (if any) is replaced by the document's aggregates.
async fn open_summary(id: u64, file: File) {
    let t0 = now();
    let (name, size) = (file.name(), file.size());
    if size > document::MAX_BYTES {
        let mb = (document::MAX_BYTES / 1048576.0) as u64;
        return fail(id, t!("summary-too-big", name = name, mb = mb));
    }
    let bytes = match read_slice(&file, 0.0, size).await {
        Ok(b) => b,
        Err(message) => return fail(id, message),
    };
    match document::read(&name, &bytes) {
        Ok(doc) => {
            let loaded = document::loaded(&doc, name, size, now() - t0);
            with_session(|s| s.set_summary(doc));
            post(id, Answer::Loaded(Box::new(loaded)));
        }
        Err(message) => fail(id, message),
    }
}

fn load_demo(id: u64) {
    let t0 = now();
    // The demo speaks the interface's language: a French room sees "Relance 1 envoyée" on the map,
    // read from what a French ERP exports (the same events: the figures do not change).
    let language = match crate::core::i18n::language() {
        crate::core::i18n::Language::Fr => DemoLanguage::French,
        crate::core::i18n::Language::En => DemoLanguage::English,
    };
    let csv = demo_csv(DemoOptions {
        language,
        ..DemoOptions::default()
    });
    match import::import_bytes(csv.as_bytes(), ImportOptions::default()) {
        Ok(imported) => {
            keep_log(id, imported, "Demo collections log".into(), true, 0.0, t0);
        }
        Err(e) => fail(id, t!("err-demo", error = e.to_string())),
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
    with_session(|s| s.set_log(imported.log));
    post(id, Answer::Loaded(Box::new(loaded)));
}

async fn preview_file(id: u64, file: File, delimiter: Option<u8>) {
    let size = file.size();
    let mut want = PREVIEW_BYTES;
    loop {
        let len = size.min(want);
        let head = match read_slice(&file, 0.0, len).await {
            Ok(h) => h,
            Err(message) => return fail(id, message),
        };
        match import::preview(&head, len >= size, delimiter) {
            Ok(preview) => {
                let name = file.name();
                let preview = Box::new(preview);
                return post(
                    id,
                    Answer::Preview {
                        name,
                        size,
                        preview,
                    },
                );
            }
            // A header longer than the head (thousands of columns), or a gzip head that inflates to
            // less than the sample: read more of the file.
            Err(relance_engine::Error::NeedMoreHead) if len < size && want < MAX_PREVIEW_BYTES => {
                want *= 4.0;
            }
            Err(e) => return fail(id, file_error(&file.name(), &e)),
        }
    }
}

async fn import_file(id: u64, file: File, options: ImportOptions) {
    runtime::clear_cancel();
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
        if cancelled() {
            return post(id, Answer::Cancelled);
        }
        let end = (offset + CHUNK).min(size);
        let bytes = match read_slice(&file, offset, end).await {
            Ok(b) => b,
            Err(message) => return fail(id, message),
        };
        // A slice may inflate to far more than its size: decode it in bounded steps, looking for Cancel
        // in between.
        let mut rest = &bytes[..];
        while !rest.is_empty() {
            match imp.feed_bounded(rest, DECODE_STEP) {
                Ok(n) => rest = &rest[n..],
                Err(e) => return fail(id, import_error(&name, &e)),
            }
            if !rest.is_empty() {
                let read = offset + (bytes.len() - rest.len()) as f64;
                progress(id, read, size, imp.rows(), t0);
                yield_now().await;
                if cancelled() {
                    return post(id, Answer::Cancelled);
                }
            }
        }
        offset = end;
        progress(id, offset, size, imp.rows(), t0);
    }
    if cancelled() {
        return post(id, Answer::Cancelled);
    }
    match imp.finish() {
        Ok(imported) => {
            keep_log(id, imported, name, false, size, t0);
        }
        Err(e) => fail(id, import_error(&name, &e)),
    }
}

/// An error that stopped the import of `name`; a refusal for size says where to open the file instead.
fn import_error(name: &str, e: &relance_engine::Error) -> String {
    match e {
        relance_engine::Error::TooBig { estimate, budget } => t!(
            "too-big",
            name = name.to_string(),
            events = crate::core::format::count(estimate.events),
            gb = crate::core::format::decimal(estimate.peak_bytes as f64 / 1e9, 1),
            budget = crate::core::format::decimal(budget.bytes as f64 / 1e9, 1)
        ),
        other => file_error(name, other),
    }
}

/// Reports an import's progress (more answers follow).
fn progress(id: u64, bytes: f64, total: f64, rows: u64, t0: f64) {
    let answer = Answer::Progress {
        bytes,
        total,
        rows,
        elapsed_ms: now() - t0,
    };
    runtime::progress(id, Feature::DataIn, &answer);
}
