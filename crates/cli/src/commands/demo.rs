//! `relance demo`: the built-in demo log on standard output.

use crate::args::{DemoArgs, Lang};
use anyhow::Result;
use relance_engine::demo::{write_demo, DemoLanguage, DemoOptions};
use std::io::Write;

/// `lang`: the export's language (`--lang`, English unless given: not the environment's, so that the
/// same command writes the same file everywhere).
pub fn run(args: &DemoArgs, lang: Lang) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 20, stdout.lock());
    write_demo(
        DemoOptions {
            invoices: args.invoices,
            seed: args.seed,
            language: match lang {
                Lang::En => DemoLanguage::English,
                Lang::Fr => DemoLanguage::French,
            },
            windows_1252: args.windows_1252,
            ..Default::default()
        },
        &mut out,
    )?;
    out.flush()?;
    Ok(())
}
