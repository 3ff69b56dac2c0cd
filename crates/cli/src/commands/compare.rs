//! `relance compare`: population A against B (two views, or before / after a date).

use crate::args::CompareArgs;
use crate::lang::{t, tf};
use anyhow::{anyhow, Context, Result};
use relance_engine::import::timestamp::{parse_timestamp, DateOrder};
use relance_engine::insights::compare::{Comparison, Estimate};
use relance_engine::insights::text::{number, percent};
use relance_engine::insights::{compare, split_at, Language, OutcomeKind};
use relance_engine::view::ViewFile;
use std::io::Write;

/// A change with its sign and one decimal: `+1.5`, `-0.3` (`+1,5` in French).
fn signed(x: f64) -> String {
    let s = crate::lang::num(x, 1);
    if s.starts_with(['-', '−']) {
        s
    } else {
        format!("+{s}")
    }
}

fn read_view(path: &std::path::Path) -> Result<ViewFile> {
    let text = std::fs::read_to_string(path).with_context(|| format!("{}", path.display()))?;
    ViewFile::from_json(&text).with_context(|| format!("{}", path.display()))
}

pub fn run(args: &CompareArgs) -> Result<()> {
    let base_view = super::view(&args.import)?;
    let view_a = args.a.as_deref().map(read_view).transpose()?;
    let view_b = args.b.as_deref().map(read_view).transpose()?;
    // Columns and roles come from --view, else from A's view.
    let columns_view = base_view.as_ref().or(view_a.as_ref());
    let imported = super::import(&args.import, columns_view)?;
    let log = &imported.log;
    let map = super::role_map(log, columns_view, args.flags.mapping.as_deref())?;
    let base = super::selection(&imported, base_view.as_ref());
    let (a, b) = match (&args.before, &view_a, &view_b) {
        (Some(date), _, _) => {
            let t = parse_timestamp(date, DateOrder::Auto)
                .ok_or_else(|| anyhow!("--before {date:?}: not a date (use YYYY-MM-DD)"))?;
            split_at(log, &base, t.ms)
        }
        (None, Some(va), Some(vb)) => (
            base.and(&va.filters.apply(log), log),
            base.and(&vb.filters.apply(log), log),
        ),
        _ => return Err(anyhow!("give --a VIEW and --b VIEW, or --before DATE")),
    };
    let opts = super::insights::options(&args.flags, &imported)?;
    let started = std::time::Instant::now();
    let c = compare(log, &a, &b, &map, &opts);
    if args.import.timings {
        eprintln!("timing compare_s={:.3}", started.elapsed().as_secs_f64());
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.flags.json {
        serde_json::to_writer(&mut out, &super::with_import(&c, &imported.report)?)?;
        writeln!(out)?;
    } else {
        super::import_to_stderr(&imported.report)?;
        text(&mut out, &c, opts.language)?;
    }
    out.flush()?;
    Ok(())
}

fn text(out: &mut impl Write, c: &Comparison, lang: Language) -> std::io::Result<()> {
    // The words around the sentences are in the sentences' language.
    crate::lang::set(lang);
    writeln!(
        out,
        "{}",
        tf(
            "populations",
            &[
                ("a", &c.a_cases),
                ("b", &c.b_cases),
                ("both", &c.overlap_cases)
            ]
        )
    )?;
    writeln!(out, "\n{}", t("kpis-head"))?;
    for k in &c.kpis {
        if let Some(r) = &k.reason {
            writeln!(out, "  {:<30} {}", k.label, tf("kpi-na", &[("why", r)]))?;
            continue;
        }
        let fmt = |x: Option<f64>| match (k.kind, x) {
            (_, None) => "–".to_string(),
            (OutcomeKind::Rate, Some(v)) => percent(v, lang),
            (OutcomeKind::Duration, Some(v)) => format!("{} {}", number(v, 1, lang), t("unit-day")),
        };
        let est =
            |e: &Estimate| format!("{} ({} – {})", fmt(e.value), fmt(e.ci_low), fmt(e.ci_high));
        let change = |x: Option<f64>| match (k.kind, x) {
            (_, None) => "–".to_string(),
            (OutcomeKind::Rate, Some(v)) => format!("{} {}", signed(v * 100.0), t("pts")),
            (OutcomeKind::Duration, Some(v)) => format!("{} {}", signed(v), t("unit-day")),
        };
        writeln!(
            out,
            "  {:<30} A {:<26} B {:<26} {} {} ({} {} {}), p = {}",
            k.label,
            est(&k.a),
            est(&k.b),
            t("change"),
            change(k.difference),
            change(k.ci_low),
            t("to"),
            change(k.ci_high),
            k.p_value.map_or("–".into(), |p| format!("{p:.2e}"))
        )?;
    }
    writeln!(out, "\n{}", t("edges-head"))?;
    for e in c.edges.iter().take(10) {
        writeln!(
            out,
            "  {} -> {}: {} -> {} ({} {}, {} {} {} {})",
            e.from,
            e.to,
            percent(e.a_share, lang),
            percent(e.b_share, lang),
            signed(e.share_difference * 100.0),
            t("pts"),
            t("ci"),
            signed(e.ci_low * 100.0),
            t("to"),
            signed(e.ci_high * 100.0)
        )?;
    }
    writeln!(out, "\n{}", t("variants-change-head"))?;
    for v in c.variants.iter().take(10) {
        writeln!(
            out,
            "  {} -> {} ({} {}, q = {:.2e}): {}",
            percent(v.a_share, lang),
            percent(v.b_share, lang),
            signed(v.difference * 100.0),
            t("pts"),
            v.q_value,
            v.activities.join(" > ")
        )?;
    }
    writeln!(out, "\n{}", t("apart-head"))?;
    let found = &c.drivers.findings;
    if found.is_empty() {
        writeln!(out, "  {}", t("no-finding"))?;
    }
    for (i, f) in found.iter().take(10).enumerate() {
        writeln!(out, "  {}. {} (q = {:.2e})", i + 1, f.text, f.q_value)?;
    }
    writeln!(out, "\n{}", c.drivers.caveat)?;
    Ok(())
}
