//! `relance collections`: the collections measures and the compliance checks of a log.

use crate::args::CollectionsArgs;
use anyhow::{Context, Result};
use relance_engine::analysis::bottleneck::GroupBy;
use relance_engine::collections::breakdown::BreakdownRow;
use relance_engine::collections::compliance::{builtin_packs, RulePack};
use relance_engine::collections::{breakdown_by, report, CollectionsReport, CollectionsSettings};
use std::io::Write;

pub fn run(args: &CollectionsArgs) -> Result<()> {
    let view = super::view(&args.import)?;
    let imported = super::import(&args.import, view.as_ref())?;
    let log = &imported.log;
    let map = super::role_map(log, view.as_ref(), args.mapping.as_deref())?;
    let packs = if args.rules.is_empty() {
        builtin_packs()
    } else {
        args.rules
            .iter()
            .map(|p| {
                let text =
                    std::fs::read_to_string(p).with_context(|| format!("{}", p.display()))?;
                RulePack::from_json(&text).with_context(|| format!("{}", p.display()))
            })
            .collect::<Result<Vec<_>>>()?
    };
    let settings = CollectionsSettings {
        window_days: args.window_days,
        promise_grace_days: args.promise_grace_days,
        as_of_ms: None,
    };
    let sel = super::selection(&imported, view.as_ref());
    let r = report(log, &sel, &map, &settings, &packs);
    let by = match &args.by {
        None => None,
        Some(col) => {
            // The same column lookup as `bottlenecks --by` (a `case:` prefix is optional); only a case
            // or event attribute can group invoices, not the resource.
            let name = match GroupBy::for_column(log, col, None) {
                Some(GroupBy::Attribute { name }) => name,
                _ => {
                    let names: Vec<&str> =
                        log.attributes().iter().map(|a| a.name.as_str()).collect();
                    anyhow::bail!(
                        "--by {col:?}: no such column in the log; columns: {}",
                        names.join(", ")
                    );
                }
            };
            let rows = breakdown_by(log, &sel, &map, &settings, &name, 12);
            Some((name, rows))
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        let mut doc = serde_json::to_value(&r)?;
        if let (Some((name, rows)), Some(obj)) = (&by, doc.as_object_mut()) {
            obj.insert(
                "breakdown".into(),
                serde_json::json!({"by": name, "rows": rows}),
            );
        }
        serde_json::to_writer(&mut out, &doc)?;
        writeln!(out)?;
    } else {
        text(&mut out, &r)?;
        if let Some((name, rows)) = &by {
            breakdown_text(&mut out, name, rows)?;
        }
    }
    out.flush()?;
    Ok(())
}

fn pct(x: f64) -> String {
    if x.is_finite() {
        format!("{:.1} %", x * 100.0)
    } else {
        "-".into()
    }
}

fn text(out: &mut impl Write, r: &CollectionsReport) -> std::io::Result<()> {
    let k = &r.kpis;
    writeln!(out, "{} invoices, as of {}", k.invoices, k.as_of)?;
    writeln!(out, "on-time payment rate {}", pct(k.on_time_payment_rate))?;
    writeln!(
        out,
        "invoice to cash: median {:.1} days, p90 {:.1} days",
        k.invoice_to_cash_days.median, k.invoice_to_cash_days.p90
    )?;
    writeln!(out, "CEI (last 12 months) {:.1} %", k.cei)?;
    if let Some(m) = k.dso_monthly.last() {
        writeln!(
            out,
            "DSO at {}: simple {:.1}, countback {:.1}, best possible {:.1}, days delinquent {:.1}",
            m.month, m.dso_simple, m.dso_countback, m.bpdso, m.add
        )?;
    }
    writeln!(
        out,
        "write-offs: {} invoices, {:.2}, rate {}",
        k.write_offs.invoices,
        k.write_offs.amount,
        pct(k.write_offs.rate)
    )?;
    writeln!(out, "\ndunning (paid within window / sent):")?;
    for d in &r.dunning {
        writeln!(
            out,
            "  {:<28} {:<12} {:>6} / {:<6} {}",
            d.activity,
            d.channel,
            d.paid_within_window,
            d.sent,
            pct(d.rate)
        )?;
    }
    writeln!(out, "\ndisputes by reason (resolved, open, median days):")?;
    for d in &r.disputes {
        writeln!(
            out,
            "  {:<24} {:>6} {:>6} {:>8.1}",
            d.reason, d.resolved, d.open, d.median_days
        )?;
    }
    writeln!(out, "\ncash application (payments, median lag days):")?;
    for c in &r.cash_application {
        writeln!(
            out,
            "  {:<24} {:>6} {:>8.2}",
            c.resource, c.payments, c.median_lag_days
        )?;
    }
    writeln!(out, "\npromises to pay by segment (kept / promises):")?;
    for p in &r.promises {
        writeln!(
            out,
            "  {:<24} {:>6} / {:<6} {}",
            p.segment,
            p.kept,
            p.promises,
            pct(p.rate)
        )?;
    }
    writeln!(out, "\ncompliance:")?;
    for c in &r.compliance {
        writeln!(out, "  {:>6}  {} ({})", c.violations, c.title, c.source)?;
    }
    Ok(())
}

fn breakdown_text(out: &mut impl Write, by: &str, rows: &[BreakdownRow]) -> Result<()> {
    let days = |x: f64| {
        if x.is_finite() {
            format!("{x:.1}")
        } else {
            "–".into()
        }
    };
    writeln!(out, "\nBy {by}:")?;
    writeln!(
        out,
        "{:<24} {:>8} {:>8} {:>9} {:>7} {:>8} {:>9} {:>8}",
        "value", "invoices", "on time", "to cash d", "DSO", "dunning", "disputes", "kept"
    )?;
    for r in rows {
        writeln!(
            out,
            "{:<24} {:>8} {:>8} {:>9} {:>7} {:>8} {:>9} {:>8}",
            r.value.chars().take(24).collect::<String>(),
            r.invoices,
            pct(r.on_time_payment_rate),
            days(r.invoice_to_cash_median_days),
            days(r.dso_simple),
            pct(r.dunning_rate),
            r.disputes,
            pct(r.promise_kept_rate)
        )?;
    }
    Ok(())
}
