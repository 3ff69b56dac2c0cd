//! `relance demo`: the built-in demo log on standard output.

use crate::args::{DemoArgs, DemoLang};
use anyhow::Result;
use relance_engine::demo::{write_demo, DemoLanguage, DemoOptions};
use std::io::Write;

pub fn run(args: &DemoArgs) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 20, stdout.lock());
    write_demo(
        DemoOptions {
            invoices: args.invoices,
            seed: args.seed,
            language: match args.lang {
                DemoLang::En => DemoLanguage::English,
                DemoLang::Fr => DemoLanguage::French,
            },
            windows_1252: args.windows_1252,
            ..Default::default()
        },
        &mut out,
    )?;
    out.flush()?;
    Ok(())
}
