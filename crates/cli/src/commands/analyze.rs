//! `relance analyze`: import, then the core analyses of the whole log.

use crate::args::AnalyzeArgs;
use anyhow::Result;
use relance_engine::analysis::{activity_durations, summarize};
use std::io::Write;

pub fn run(args: &AnalyzeArgs) -> Result<()> {
    let view = super::view(&args.import)?;
    // The core analyses look at no other attribute; a view's filters may.
    let loaded = super::load(&args.import, view.as_ref(), view.is_none())?;
    let imported = loaded.imported;
    let log = &imported.log;
    let started = std::time::Instant::now();
    let selection = super::selection(&imported, view.as_ref());
    let summary = summarize(log, &selection);
    // Service times only mean something when the log has start times.
    let durations = log
        .start_times()
        .is_some()
        .then(|| activity_durations(log, &selection));
    if args.import.timings {
        eprintln!("timing analyses_s={:.3}", started.elapsed().as_secs_f64());
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        let mut doc = serde_json::to_value(&summary)?;
        doc["import"] = serde_json::to_value(&imported.report)?;
        if let Some(d) = &durations {
            doc["activity_durations"] = serde_json::to_value(d)?;
        }
        if let Some(sheet) = &loaded.sheet {
            doc["sheet"] = serde_json::to_value(sheet)?;
        }
        // Several tables: the model applied (give it back with --model to change it) and what the
        // join found.
        if let Some((model, report)) = &loaded.tables {
            doc["tables"] = serde_json::json!({ "model": model, "report": report });
        }
        serde_json::to_writer(&mut out, &doc)?;
        writeln!(out)?;
    } else {
        crate::text::summary(&mut out, &summary, &imported.report)?;
    }
    out.flush()?;
    Ok(())
}
