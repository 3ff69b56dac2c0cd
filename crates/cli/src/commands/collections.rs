//! `relance collections`: the collections measures and the compliance checks of a log.

use crate::args::CollectionsArgs;
use crate::text::clean;
use anyhow::{Context, Result};
use relance_engine::analysis::bottleneck::GroupBy;
use relance_engine::collections::breakdown::BreakdownRow;
use relance_engine::collections::compliance::{builtin_packs, RulePack};
use relance_engine::collections::{breakdown_by, report, CollectionsReport, CollectionsSettings};
use relance_engine::validate::{days_field, MAX_SETTING_DAYS};
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
    // Checked here, with the flag named, before any work: `--window-days inf` used to overflow.
    for (flag, v) in [
        ("--window-days", args.window_days),
        ("--promise-grace-days", args.promise_grace_days),
    ] {
        days_field(flag, v, MAX_SETTING_DAYS)?;
    }
    let settings = CollectionsSettings {
        window_days: args.window_days,
        promise_grace_days: args.promise_grace_days,
        as_of_ms: None,
    };
    settings.validate()?;
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

/// Why `figure` is not available: its own entry in the report's list, else its parent's
/// (`kpis.credit` for `kpis.credit.approved`).
fn reason<'a>(r: &'a CollectionsReport, figure: &str) -> Option<&'a str> {
    let mut f = figure;
    loop {
        if let Some(u) = r.unavailable.iter().find(|u| u.figure == f) {
            return Some(&u.reason);
        }
        f = f.rsplit_once('.')?.0;
    }
}

/// "n/a (reason)", or "n/a" when the report gives none.
fn na(why: Option<&str>) -> String {
    match why {
        Some(w) => format!("n/a ({w})"),
        None => "n/a".into(),
    }
}

/// A figure: the value formatted, or why it is missing. Never prints `NaN` or `inf`.
fn fig(x: f64, r: &CollectionsReport, figure: &str, show: impl Fn(f64) -> String) -> String {
    if x.is_finite() {
        show(x)
    } else {
        na(reason(r, figure))
    }
}

/// A count, or why it is missing.
fn count(x: Option<u64>, r: &CollectionsReport, figure: &str) -> String {
    x.map_or_else(|| na(reason(r, figure)), |n| n.to_string())
}

fn text(out: &mut impl Write, r: &CollectionsReport) -> std::io::Result<()> {
    let k = &r.kpis;
    let percent = |x: f64| format!("{:.1} %", x * 100.0);
    let days = |x: f64| format!("{x:.1} days");
    write!(out, "{} invoices, as of {}", k.invoices, k.as_of)?;
    if k.cases_without_invoice > 0 {
        write!(
            out,
            " ({} cases without an invoice left out)",
            k.cases_without_invoice
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "on-time payment rate {}",
        fig(
            k.on_time_payment_rate,
            r,
            "kpis.on_time_payment_rate",
            percent
        )
    )?;
    let itc = "kpis.invoice_to_cash_days";
    if k.invoice_to_cash_days.n == 0 {
        writeln!(out, "invoice to cash: {}", na(reason(r, itc)))?;
    } else {
        writeln!(
            out,
            "invoice to cash: median {}, p90 {}",
            fig(k.invoice_to_cash_days.median, r, itc, days),
            fig(k.invoice_to_cash_days.p90, r, itc, days)
        )?;
    }
    writeln!(
        out,
        "CEI (last 12 months) {}",
        fig(k.cei, r, "kpis.cei", |x| format!("{x:.1} %"))
    )?;
    match k.dso_monthly.last() {
        Some(m) => {
            let month = |x: f64, field: &str| {
                if x.is_finite() {
                    format!("{x:.1}")
                } else {
                    na(m.unavailable
                        .iter()
                        .find(|u| u.figure == field)
                        .map(|u| u.reason.as_str()))
                }
            };
            writeln!(
                out,
                "DSO at {}: simple {}, countback {}, best possible {}, days delinquent {}",
                m.month,
                month(m.dso_simple, "dso_simple"),
                month(m.dso_countback, "dso_countback"),
                month(m.bpdso, "bpdso"),
                month(m.add, "add")
            )?;
        }
        None => writeln!(out, "DSO: {}", na(reason(r, "kpis.dso_monthly")))?,
    }
    let w = &k.write_offs;
    match w.invoices {
        Some(n) => writeln!(
            out,
            "write-offs: {n} invoices, {}, rate {}, via an agency first {}",
            fig(w.amount, r, "kpis.write_offs.amount", |x| format!("{x:.2}")),
            fig(w.rate, r, "kpis.write_offs.rate", percent),
            fig(
                w.via_agency_share,
                r,
                "kpis.write_offs.via_agency_share",
                percent
            )
        )?,
        None => writeln!(out, "write-offs: {}", na(reason(r, "kpis.write_offs")))?,
    }
    let c = &k.credit;
    match c.requests {
        Some(n) => writeln!(
            out,
            "credit requests: {n}, approved {}, rejected {}, pending {}, median decision {}",
            count(c.approved, r, "kpis.credit.approved"),
            count(c.rejected, r, "kpis.credit.rejected"),
            count(c.pending, r, "kpis.credit.pending"),
            fig(c.median_days, r, "kpis.credit.median_days", days)
        )?,
        None => writeln!(out, "credit requests: {}", na(reason(r, "kpis.credit")))?,
    }
    writeln!(
        out,
        "cancelled and re-issued: {}, cancelled: {}",
        count(
            r.rework.cancelled_and_reissued_cases,
            r,
            "rework.cancelled_and_reissued_cases"
        ),
        count(r.rework.cancelled_cases, r, "rework.cancelled_cases")
    )?;
    let section = |out: &mut dyn Write, title: &str, figure: &str| -> std::io::Result<()> {
        match reason(r, figure) {
            Some(w) if figure.split('.').count() == 1 => writeln!(out, "\n{title}: n/a ({w})"),
            _ => writeln!(out, "\n{title}:"),
        }
    };
    section(out, "dunning (paid within window / sent)", "dunning")?;
    for d in &r.dunning {
        writeln!(
            out,
            "  {:<28} {:<12} {:>6} / {:<6} {}",
            clean(&d.activity),
            clean(&d.channel),
            d.paid_within_window,
            d.sent,
            fig(d.rate, r, "dunning.rate", percent)
        )?;
    }
    section(
        out,
        "disputes by reason (resolved, open, median days)",
        "disputes",
    )?;
    for d in &r.disputes {
        writeln!(
            out,
            "  {:<24} {:>6} {:>6} {:>8}",
            clean(&d.reason),
            d.resolved,
            d.open,
            fig(d.median_days, r, "disputes.median_days", |x| format!(
                "{x:.1}"
            ))
        )?;
    }
    section(
        out,
        "cash application (payments, median lag days)",
        "cash_application",
    )?;
    for c in &r.cash_application {
        writeln!(
            out,
            "  {:<24} {:>6} {:>8}",
            clean(&c.resource),
            c.payments,
            fig(c.median_lag_days, r, "cash_application", |x| format!(
                "{x:.2}"
            ))
        )?;
    }
    section(
        out,
        "promises to pay by segment (kept / promises)",
        "promises",
    )?;
    for p in &r.promises {
        writeln!(
            out,
            "  {:<24} {:>6} / {:<6} {}",
            clean(&p.segment),
            p.kept,
            p.promises,
            fig(p.rate, r, "promises.rate", percent)
        )?;
    }
    writeln!(out, "\ncompliance:")?;
    for c in &r.compliance {
        writeln!(
            out,
            "  {:>6}  {} ({})",
            c.violations,
            clean(&c.title),
            clean(&c.source)
        )?;
    }
    writeln!(out, "\nreceivables: {}", r.dso_definition)?;
    for n in &r.notes {
        writeln!(out, "note: {n}")?;
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
    writeln!(out, "\nBy {}:", clean(by))?;
    writeln!(
        out,
        "{:<24} {:>8} {:>8} {:>9} {:>7} {:>8} {:>9} {:>8}",
        "value", "invoices", "on time", "to cash d", "DSO", "dunning", "disputes", "kept"
    )?;
    for r in rows {
        writeln!(
            out,
            "{:<24} {:>8} {:>8} {:>9} {:>7} {:>8} {:>9} {:>8}",
            clean(&r.value.chars().take(24).collect::<String>()),
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
