//! The reader worker: workbooks (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`), Parquet files and sets of
//! tables (several files, or a `.zip`), in a wasm module of its own that the page starts only when such
//! a file is opened, so the page and the engine worker stay small.
//!
//! It turns what it reads into CSV text for the engine worker's ordinary importer: a sheet or a
//! Parquet file row by row in 4 MiB steps (never the whole cell grid), several tables through the
//! engine's join ([`relance_engine::import::tables`]). The CSV goes back to the page as a `File` built
//! from the steps (the browser holds the bytes, not this worker's heap); the page hands it to the
//! engine worker, so detection, the mapping screen, the import report and the memory guard stay one
//! code path. Cancel ends this worker (the page starts another for the next file).

use super::protocol::{ReaderAnswer, ReaderRequest, TableGlance};
use crate::core::worker::protocol::{read, Feature};
use crate::core::worker::runtime::{self, fail, now, read_slice, yield_now};
use relance_engine::import::sources::{
    put_table_notes_first, source_kind, stem, tables_from_file, SourceKind, STEP_BYTES,
};
use relance_engine::import::tables::{join, propose, DataModel, Table};
use relance_engine::import::xlsx::Workbook;
use relance_engine::import::{ImportOptions, Message};
use std::cell::RefCell;
use std::io::Cursor;
use web_sys::{File, FilePropertyBag};

/// The most the tables of a set may take in this worker's memory (wasm32 stops at 4 GiB; the join's
/// CSV and the page need room too).
const TABLES_BUDGET: usize = 1_500_000_000;

/// What the worker keeps between messages.
#[derive(Default)]
struct State {
    /// The workbook opened last: its name and bytes.
    workbook: Option<(String, Vec<u8>)>,
    /// The tables opened last, and their files' names.
    tables: Vec<Table>,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
}

fn post(id: u64, answer: ReaderAnswer, file: Option<&File>) {
    runtime::post(id, Feature::DataIn, &answer, file);
}

/// Entry point of the reader worker binary.
pub fn run() {
    runtime::listen(move |header, body, files| {
        let id = header.id;
        match read::<ReaderRequest>(body) {
            Ok(ReaderRequest::Open) => wasm_bindgen_futures::spawn_local(open(id, files)),
            Ok(ReaderRequest::Sheet { name }) => wasm_bindgen_futures::spawn_local(sheet(id, name)),
            Ok(ReaderRequest::Join { model }) => {
                wasm_bindgen_futures::spawn_local(join_tables(id, model))
            }
            Err(e) => fail(id, format!("internal: bad request ({e})")),
        }
    });
}

async fn read_all(file: &File) -> Result<Vec<u8>, String> {
    read_slice(file, 0.0, file.size())
        .await
        .map_err(|e| format!("{}: {e}", file.name()))
}

async fn open(id: u64, files: Vec<File>) {
    if files.is_empty() {
        return fail(id, "no file was attached".into());
    }
    if let [f] = files.as_slice() {
        let name = f.name();
        let bytes = match read_all(f).await {
            Ok(b) => b,
            Err(m) => return fail(id, m),
        };
        match source_kind(&bytes) {
            SourceKind::Workbook => {
                let glance =
                    Workbook::open(Cursor::new(&bytes[..])).and_then(|mut wb| wb.preselect());
                match glance {
                    Ok((sheets, preselected)) => {
                        STATE.with(|s| s.borrow_mut().workbook = Some((name.clone(), bytes)));
                        return post(
                            id,
                            ReaderAnswer::Sheets {
                                file: name,
                                sheets,
                                preselected,
                            },
                            None,
                        );
                    }
                    Err(e) => return fail(id, format!("{name}: {e}")),
                }
            }
            SourceKind::Parquet => return parquet(id, name, bytes).await,
            SourceKind::Zip | SourceKind::Text => {
                return tables(id, vec![(name, bytes)]).await;
            }
        }
    }
    let mut all = Vec::new();
    for f in &files {
        match read_all(f).await {
            Ok(b) => all.push((f.name(), b)),
            Err(m) => return fail(id, m),
        }
        yield_now().await;
    }
    tables(id, all).await
}

/// Reads every file into tables and proposes a model.
async fn tables(id: u64, files: Vec<(String, Vec<u8>)>) {
    let names: Vec<String> = files.iter().map(|(n, _)| n.clone()).collect();
    let mut tables: Vec<Table> = Vec::new();
    for (name, bytes) in files {
        match tables_from_file(&name, bytes, None) {
            Ok(t) => tables.extend(t),
            Err(e) => return fail(id, e.to_string()),
        }
        let heap: usize = tables.iter().map(Table::heap_bytes).sum();
        if heap > TABLES_BUDGET {
            return fail(
                id,
                format!(
                    "these tables need about {:.1} GB of memory to join, more than a browser tab can hold: \
                     join them with the relance command line (relance analyze {})",
                    heap as f64 / 1e9,
                    names.join(" ")
                ),
            );
        }
        yield_now().await;
    }
    // Two tables of the same name (items.csv and items.xlsx) get numbers.
    let mut seen: Vec<String> = Vec::new();
    for t in tables.iter_mut() {
        let base = t.name.clone();
        let mut n = 2;
        while seen.contains(&t.name) {
            t.name = format!("{base} ({n})");
            n += 1;
        }
        seen.push(t.name.clone());
    }
    let model = match propose(&tables) {
        Ok(m) => m,
        Err(e) => return fail(id, e.to_string()),
    };
    let glances = tables.iter().map(glance).collect();
    STATE.with(|s| s.borrow_mut().tables = tables);
    post(
        id,
        ReaderAnswer::Model {
            files: names,
            tables: glances,
            model,
        },
        None,
    );
}

/// The first few distinct values of each column, for the data-model screen.
fn glance(t: &Table) -> TableGlance {
    let columns = t
        .columns
        .iter()
        .enumerate()
        .map(|(c, name)| {
            let mut values: Vec<String> = Vec::new();
            for r in 0..t.rows.len().min(200) {
                let v = t.cell(r, c);
                if v.is_empty() {
                    continue;
                }
                let text = v.text().chars().take(40).collect::<String>();
                if !values.contains(&text) {
                    values.push(text);
                }
                if values.len() == 3 {
                    break;
                }
            }
            (name.clone(), values)
        })
        .collect();
    TableGlance {
        name: t.name.clone(),
        rows: t.rows.len() as u64,
        columns,
    }
}

/// Collects CSV steps as browser-held bytes and reports progress.
struct Output {
    parts: js_sys::Array,
    bytes: f64,
    rows: u64,
    t0: f64,
}

impl Output {
    fn new() -> Self {
        Output {
            parts: js_sys::Array::new(),
            bytes: 0.0,
            rows: 0,
            t0: now(),
        }
    }

    fn push(&mut self, id: u64, chunk: &[u8], rows: u64) {
        self.parts.push(&js_sys::Uint8Array::from(chunk));
        self.bytes += chunk.len() as f64;
        self.rows += rows;
        let progress = ReaderAnswer::Progress {
            rows: self.rows,
            bytes: self.bytes,
            elapsed_ms: now() - self.t0,
        };
        runtime::progress(id, Feature::DataIn, &progress);
    }

    fn file(&self, name: &str) -> Result<File, String> {
        let opts = FilePropertyBag::new();
        opts.set_type("text/csv");
        File::new_with_u8_array_sequence_and_options(&self.parts, name, &opts)
            .map_err(|_| "the browser could not hold the converted table".to_string())
    }
}

/// Converts the rows of the file `name` to CSV in steps (`step` writes the next one, with the header
/// first, and says whether more follow), letting the page's messages in between steps.
async fn convert(
    id: u64,
    name: &str,
    mut step: impl FnMut(&mut Vec<u8>, bool) -> Result<(u64, bool), relance_engine::Error>,
) -> Result<Output, String> {
    let mut out = Output::new();
    let mut buf = Vec::with_capacity(STEP_BYTES + (64 << 10));
    let mut first = true;
    loop {
        buf.clear();
        let (n, more) = step(&mut buf, first).map_err(|e| format!("{name}: {e}"))?;
        first = false;
        out.push(id, &buf, n);
        if !more {
            return Ok(out);
        }
        // Lets the page's messages in (and keeps this worker's progress flowing).
        yield_now().await;
    }
}

/// Sends the converted CSV as a file, with how to import it.
fn converted(
    id: u64,
    out: Result<Output, String>,
    name: String,
    answer: impl FnOnce(String) -> ReaderAnswer,
) {
    match out.and_then(|o| o.file(&name)) {
        Ok(file) => post(id, answer(name), Some(&file)),
        Err(m) => fail(id, m),
    }
}

/// A file to import through the mapping screen (its columns are the user's to check).
fn to_map(name: String, notes: Vec<Message>) -> ReaderAnswer {
    ReaderAnswer::Converted {
        name,
        options: ImportOptions {
            notes,
            ..Default::default()
        },
        model: None,
        report: None,
        direct: false,
    }
}

async fn sheet(id: u64, sheet: String) {
    let Some((name, bytes)) = STATE.with(|s| s.borrow_mut().workbook.take()) else {
        return fail(id, "open the workbook again".into());
    };
    let mut wb = match Workbook::open(Cursor::new(&bytes[..])) {
        Ok(wb) => wb,
        Err(e) => return fail(id, format!("{name}: {e}")),
    };
    let mut rows = match wb.rows(&sheet) {
        Ok(r) => r,
        Err(e) => return fail(id, format!("{name}: {e}")),
    };
    let out = convert(id, &name, |b, first| rows.write_csv(b, first, STEP_BYTES)).await;
    let mut notes = vec![Message::new(
        "imp-read-sheet-of",
        format!("read from sheet \"{sheet}\" of {name}"),
    )
    .arg("sheet", &sheet)
    .arg("file", &name)];
    notes.extend(rows.notes());
    converted(id, out, format!("{name} [{sheet}]"), |shown| {
        to_map(shown, notes)
    });
}

async fn parquet(id: u64, name: String, bytes: Vec<u8>) {
    let mut rows = match relance_engine::import::parquet::ParquetRows::from_vec(bytes) {
        Ok(r) => r,
        Err(e) => return fail(id, format!("{name}: {e}")),
    };
    let out = convert(id, &name, |b, first| rows.write_csv(b, first, STEP_BYTES)).await;
    let notes = rows.notes();
    converted(id, out, name, |shown| to_map(shown, notes));
}

async fn join_tables(id: u64, model: DataModel) {
    let tables = STATE.with(|s| std::mem::take(&mut s.borrow_mut().tables));
    let Some(first) = tables.first().map(|t| t.name.clone()) else {
        return fail(id, "open the files again".into());
    };
    let joined = match join(&tables, &model) {
        Ok(j) => j,
        Err(e) => return fail(id, e.to_string()),
    };
    let mut out = Output::new();
    for chunk in joined.csv.chunks(STEP_BYTES) {
        out.push(id, chunk, 0);
    }
    let mut options = joined.options.clone();
    put_table_notes_first(&mut options, &tables, &model);
    // Named after the main table.
    let main = model.tables.first().map_or(first, |t| t.name.clone());
    let shown = if model.tables.len() <= 1 {
        main
    } else {
        format!("{} and {} more tables", stem(&main), model.tables.len() - 1)
    };
    // The tables stay for another try with a changed model.
    STATE.with(|s| s.borrow_mut().tables = tables);
    converted(id, Ok(out), shown, |name| ReaderAnswer::Converted {
        name,
        options,
        model: Some(model),
        report: Some(joined.report),
        direct: true,
    });
}
