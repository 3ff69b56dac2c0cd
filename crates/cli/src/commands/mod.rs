//! One module per subcommand.

pub mod analyze;
pub mod bottlenecks;
pub mod bundle;
pub mod collections;
pub mod compare;
pub mod demo;
pub mod insights;
pub mod sql;
pub mod warehouse;

use anyhow::{Context, Result};
use relance_engine::import::{import_path, Imported};
use relance_engine::view::ViewFile;
use relance_engine::Selection;

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
    let mut opts = flags.options()?;
    if let Some(columns) = view.and_then(|v| v.columns.as_ref()) {
        columns.apply_to(&mut opts);
    }
    opts.core_only = core_only;
    let started = std::time::Instant::now();
    let path = &flags.file;
    let imported = if is_gzip(path) {
        import_gzip(path, opts)
    } else {
        import_path(path, opts).map_err(anyhow::Error::from)
    }
    .with_context(|| format!("{}", path.display()))?;
    if flags.timings {
        eprintln!("timing import_s={:.3}", started.elapsed().as_secs_f64());
    }
    Ok(imported)
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
/// single-threaded inflater instead.
fn import_gzip(
    path: &std::path::Path,
    opts: relance_engine::import::ImportOptions,
) -> Result<Imported> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let (tx, rx) = std::sync::mpsc::sync_channel::<std::io::Result<Vec<u8>>>(4);
    let inflater = std::thread::spawn(move || {
        let mut gz =
            flate2::read::MultiGzDecoder::new(std::io::BufReader::with_capacity(1 << 20, file));
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
            if tx.send(Ok(buf)).is_err() {
                return;
            }
        }
    });
    let mut imp = relance_engine::import::Importer::new(opts);
    for chunk in rx {
        let chunk = chunk.map_err(|e| anyhow::anyhow!("cannot decompress the file: {e}"))?;
        imp.feed(&chunk)?;
    }
    let _ = inflater.join();
    Ok(imp.finish()?)
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
