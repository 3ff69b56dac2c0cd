//! One module per subcommand.

pub mod analyze;
pub mod bottlenecks;
pub mod collections;
pub mod demo;

use anyhow::{Context, Result};
use relance_engine::import::{import_path, Imported};
use relance_engine::view::ViewFile;
use relance_engine::Selection;

/// Imports the file named by the flags.
pub fn import(flags: &crate::args::ImportFlags) -> Result<Imported> {
    let opts = flags.options()?;
    // The engine's messages already name the file when it matters; add it only for context.
    import_path(&flags.file, opts).with_context(|| format!("{}", flags.file.display()))
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
