//! One module per subcommand.

pub mod analyze;
pub mod bottlenecks;
pub mod bundle;
pub mod collections;
pub mod compare;
pub mod conformance;
pub mod demo;
pub mod forecast;
pub mod insights;
pub mod report;
pub mod sql;
pub mod warehouse;

use anyhow::{Context, Result};
use relance_engine::import::sources::{
    import_parquet, import_tables, import_workbook, source_kind_of, tables_from_file, SourceKind,
};
use relance_engine::import::tables::{DataModel, JoinReport};
use relance_engine::import::{import_path, Imported};
use relance_engine::view::ViewFile;
use relance_engine::Selection;

/// A command's JSON document with how its file was read under `import` (every skipped row, every
/// unreadable value and note, as `relance analyze` gives them), so that no command's answer hides a
/// row it could not read. A document that is not an object (`bottlenecks`' rows) stays as it is.
pub fn with_import(
    doc: impl serde::Serialize,
    report: &relance_engine::import::ImportReport,
) -> Result<serde_json::Value> {
    let mut doc = serde_json::to_value(doc)?;
    if let Some(o) = doc.as_object_mut() {
        if !o.contains_key("import") {
            o.insert("import".into(), serde_json::to_value(report)?);
        }
    }
    Ok(doc)
}

/// How the file was read (rows skipped with their line and column, the import's notes), on standard
/// error before a command's text answer: the answer on standard output stays what scripts read, and
/// the person at the terminal still sees every row that could not be read.
pub fn import_to_stderr(report: &relance_engine::import::ImportReport) -> Result<()> {
    Ok(crate::text::import(&mut std::io::stderr().lock(), report)?)
}

/// Imports the file named by the flags, reading its columns as the view says (flags win).
pub fn import(flags: &crate::args::ImportFlags, view: Option<&ViewFile>) -> Result<Imported> {
    import_with(flags, view, false)
}

/// Imports the file; `core_only` skips the attributes other than case, activity, time and resource.
pub fn import_with(
    flags: &crate::args::ImportFlags,
    view: Option<&ViewFile>,
    core_only: bool,
) -> Result<Imported> {
    Ok(load(flags, view, core_only)?.imported)
}

/// What the inputs gave: the log, and how several tables were joined (the model and its report).
pub struct Loaded {
    pub imported: Imported,
    pub tables: Option<(DataModel, JoinReport)>,
    pub sheet: Option<String>,
}

/// Imports the inputs: one file as it is (CSV, XES, gzip, a workbook's sheet, Parquet), or several
/// tables (or a .zip of them) joined by the data model (`--model`, the view's, or the proposed one).
pub fn load(
    flags: &crate::args::ImportFlags,
    view: Option<&ViewFile>,
    core_only: bool,
) -> Result<Loaded> {
    let mut opts = flags.options()?;
    if let Some(columns) = view.and_then(|v| v.columns.as_ref()) {
        columns.apply_to(&mut opts);
    }
    opts.core_only = core_only;
    let started = std::time::Instant::now();
    let kinds: Vec<SourceKind> = flags
        .files
        .iter()
        .map(|p| kind_of(p).with_context(|| format!("{}", p.display())))
        .collect::<Result<_>>()?;
    let loaded = if flags.files.len() == 1 && kinds[0] != SourceKind::Zip {
        let path = &flags.files[0];
        let mut sheet = None;
        let imported: Result<Imported> = match kinds[0] {
            SourceKind::Workbook => std::fs::File::open(path)
                .map_err(anyhow::Error::from)
                .and_then(|f| {
                    let (i, s) =
                        import_workbook(std::io::BufReader::new(f), flags.sheet.as_deref(), opts)?;
                    sheet = Some(s);
                    Ok(i)
                }),
            SourceKind::Parquet => std::fs::File::open(path)
                .map_err(anyhow::Error::from)
                .and_then(|f| Ok(import_parquet(f, opts)?)),
            _ if is_gzip(path) => import_gzip(path, opts),
            _ => import_path(path, opts).map_err(anyhow::Error::from),
        };
        return finish(imported, path, flags, started, None, sheet);
    } else {
        let model = match (&flags.model, view.and_then(|v| v.tables.as_ref())) {
            (Some(path), _) => {
                let text =
                    std::fs::read_to_string(path).with_context(|| format!("{}", path.display()))?;
                Some(DataModel::from_json(&text).with_context(|| format!("{}", path.display()))?)
            }
            (None, Some(m)) => Some(m.clone()),
            (None, None) => None,
        };
        let mut tables = Vec::new();
        for path in &flags.files {
            let bytes = std::fs::read(path).with_context(|| format!("{}", path.display()))?;
            let name = path.display().to_string();
            tables.extend(tables_from_file(&name, bytes, flags.sheet.as_deref())?);
        }
        unique_names(&mut tables);
        let (imported, model, report) = import_tables(&tables, model.as_ref(), opts)?;
        Loaded {
            imported,
            tables: Some((model, report)),
            sheet: None,
        }
    };
    if flags.timings {
        eprintln!("timing import_s={:.3}", started.elapsed().as_secs_f64());
    }
    Ok(loaded)
}

fn finish(
    imported: Result<Imported>,
    path: &std::path::Path,
    flags: &crate::args::ImportFlags,
    started: std::time::Instant,
    tables: Option<(DataModel, JoinReport)>,
    sheet: Option<String>,
) -> Result<Loaded> {
    let imported = imported
        .map_err(|e| too_big_hint(e, path))
        .with_context(|| format!("{}", path.display()))?;
    if flags.timings {
        eprintln!("timing import_s={:.3}", started.elapsed().as_secs_f64());
    }
    Ok(Loaded {
        imported,
        tables,
        sheet,
    })
}

/// A log refused for its size (or that ran out of memory) says what to run instead, with the file.
fn too_big_hint(e: anyhow::Error, path: &std::path::Path) -> anyhow::Error {
    use relance_engine::Error;
    match e.downcast_ref::<Error>() {
        Some(Error::TooBig { .. } | Error::OutOfMemory { .. }) => {
            let quoted = format!("{:?}", path.display().to_string());
            anyhow::anyhow!("{e}: relance warehouse {quoted} --json")
        }
        _ => e,
    }
}

/// Two tables with the same name (`items.csv` and `items.xlsx`) get numbered names.
fn unique_names(tables: &mut [relance_engine::import::tables::Table]) {
    let mut seen: Vec<String> = Vec::new();
    for t in tables.iter_mut() {
        let mut name = t.name.clone();
        let mut n = 2;
        while seen.contains(&name) {
            name = format!("{} ({n})", t.name);
            n += 1;
        }
        t.name = name.clone();
        seen.push(name);
    }
}

/// What a file is, from its first bytes (a zip's entries tell a workbook from a bundle).
fn kind_of(path: &std::path::Path) -> Result<SourceKind> {
    let mut f = std::io::BufReader::new(std::fs::File::open(path)?);
    Ok(source_kind_of(&mut f)?)
}

fn is_gzip(path: &std::path::Path) -> bool {
    use std::io::Read;
    let mut magic = [0u8; 2];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut magic))
        .is_ok()
        && magic == [0x1f, 0x8b]
}

/// Gzip files natively: one thread inflates while this one parses (the two take about as long), so a
/// compressed log costs hardly more than a plain one. The browser reads through the engine's own
/// single-threaded inflater instead. Each inflated chunk comes with how much of the compressed file it
/// took, so the engine's memory estimate scales by the compression ratio (a gzip row bomb of 23 MB
/// that inflates to 8 GB is refused from its first chunks).
fn import_gzip(
    path: &std::path::Path,
    mut opts: relance_engine::import::ImportOptions,
) -> Result<Imported> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    if opts.size_hint.is_none() {
        opts.size_hint = file.metadata().ok().map(|m| m.len());
    }
    let (tx, rx) = std::sync::mpsc::sync_channel::<std::io::Result<(Vec<u8>, u64)>>(4);
    let inflater = std::thread::spawn(move || {
        let mut gz = flate2::bufread::MultiGzDecoder::new(Consumed {
            inner: std::io::BufReader::with_capacity(1 << 20, file),
            consumed: 0,
        });
        loop {
            let mut buf = vec![0u8; 4 << 20];
            let mut filled = 0;
            while filled < buf.len() {
                match gz.read(&mut buf[filled..]) {
                    Ok(0) => break,
                    Ok(n) => filled += n,
                    Err(e) => {
                        let _ = tx.send(Err(e));
                        return;
                    }
                }
            }
            if filled == 0 {
                return;
            }
            buf.truncate(filled);
            if tx.send(Ok((buf, gz.get_ref().consumed))).is_err() {
                return;
            }
        }
    });
    let mut imp = relance_engine::import::Importer::new(opts);
    for chunk in rx {
        let (chunk, consumed) =
            chunk.map_err(|e| anyhow::anyhow!("cannot decompress the file: {e}"))?;
        // On an error (a refusal among them) the receiver goes: the inflater stops at its next send.
        imp.feed_inflated(&chunk, consumed)?;
    }
    let _ = inflater.join();
    Ok(imp.finish()?)
}

/// A buffered reader that counts the bytes its reader consumed: how far into the compressed file the
/// inflater is.
struct Consumed<R> {
    inner: R,
    consumed: u64,
}

impl<R: std::io::BufRead> std::io::Read for Consumed<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.consumed += n as u64;
        Ok(n)
    }
}

impl<R: std::io::BufRead> std::io::BufRead for Consumed<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, n: usize) {
        self.consumed += n as u64;
        self.inner.consume(n);
    }
}

/// The view file named by the flags, if any.
pub fn view(flags: &crate::args::ImportFlags) -> Result<Option<ViewFile>> {
    let Some(path) = &flags.view else {
        return Ok(None);
    };
    let text = std::fs::read_to_string(path).with_context(|| format!("{}", path.display()))?;
    Ok(Some(
        ViewFile::from_json(&text).with_context(|| format!("{}", path.display()))?,
    ))
}

/// The cases the view's filters keep (all cases without a view).
pub fn selection(imported: &Imported, view: Option<&ViewFile>) -> Selection {
    match view {
        Some(v) => v.filters.apply(&imported.log),
        None => Selection::all(&imported.log),
    }
}

/// The role map: guessed, then the view's mapping, then the `--mapping` file (each wins over the last).
pub fn role_map(
    log: &relance_engine::EventLog,
    view: Option<&ViewFile>,
    mapping: Option<&std::path::Path>,
) -> Result<relance_engine::collections::RoleMap> {
    use relance_engine::collections::RoleMap;
    let mut map = RoleMap::guess(log);
    if let Some(m) = view.and_then(|v| v.mapping.as_ref()) {
        map.merge(m);
    }
    if let Some(path) = mapping {
        let text = std::fs::read_to_string(path).with_context(|| format!("{}", path.display()))?;
        let saved = RoleMap::from_json(&text).with_context(|| format!("{}", path.display()))?;
        map.merge(&saved);
    }
    Ok(map)
}
