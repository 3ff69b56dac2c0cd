//! One module per subcommand.

pub mod analyze;
pub mod collections;
pub mod demo;

use anyhow::{Context, Result};
use relance_engine::import::{import_path, Imported};

/// Imports the file named by the flags.
pub fn import(flags: &crate::args::ImportFlags) -> Result<Imported> {
    let opts = flags.options()?;
    import_path(&flags.file, opts).with_context(|| format!("{}", flags.file.display()))
}
