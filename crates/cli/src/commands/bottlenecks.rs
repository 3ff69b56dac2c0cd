//! `relance bottlenecks`: the transition heatmap as rows, optionally split by a column.

use crate::args::BottlenecksArgs;
use anyhow::{bail, Result};
use relance_engine::analysis::bottleneck::{transitions, GroupBy};
use std::io::Write;

pub fn run(args: &BottlenecksArgs) -> Result<()> {
    let view = super::view(&args.import)?;
    let imported = super::import(&args.import, view.as_ref())?;
    let log = &imported.log;
    let by = match &args.by {
        None => None,
        Some(col) => {
            match GroupBy::for_column(log, col, imported.report.columns.resource.as_deref()) {
                Some(g) => Some(g),
                None => {
                    let names: Vec<&str> =
                        log.attributes().iter().map(|a| a.name.as_str()).collect();
                    bail!(
                        "--by {col:?}: no such column in the log; columns that can split steps: {}",
                        names.join(", ")
                    )
                }
            }
        }
    };
    // The heatmap (group null), then its breakdown when asked for.
    let sel = super::selection(&imported, view.as_ref());
    let mut rows = transitions(log, &sel, None);
    if by.is_some() {
        rows.extend(transitions(log, &sel, by.as_ref()));
    }
    // The JSON is an array of rows (its shape is a contract), so how the file was read goes to
    // standard error in both modes.
    super::import_to_stderr(&imported.report)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        serde_json::to_writer(&mut out, &rows)?;
        writeln!(out)?;
    } else {
        let cols: Vec<&str> = crate::lang::t("bottlenecks-cols").split('|').collect();
        let col = |i: usize| cols.get(i).copied().unwrap_or("");
        writeln!(
            out,
            "{:>8} {:>10} {:>10} {:>12}  {}",
            col(0),
            col(1),
            col(2),
            col(3),
            col(4)
        )?;
        let (all, groups): (Vec<_>, Vec<_>) = rows.iter().partition(|r| r.group.is_none());
        let shown = if groups.is_empty() { 60 } else { 20 };
        for r in all
            .into_iter()
            .take(shown)
            .chain(groups.into_iter().take(60))
        {
            let group = r
                .group
                .as_deref()
                .map(|g| format!("  [{}]", crate::text::clean(g)))
                .unwrap_or_default();
            writeln!(
                out,
                "{:>8} {:>10} {:>10} {:>12}  {} -> {}{group}",
                r.count,
                crate::lang::num(r.median_s / 86_400.0, 2),
                crate::lang::num(r.p90_s / 86_400.0, 2),
                crate::lang::num(r.total_s / 86_400.0, 1),
                crate::text::clean(&r.from),
                crate::text::clean(&r.to)
            )?;
        }
    }
    out.flush()?;
    Ok(())
}
