//! `relance collections`: the collections measures and the compliance checks of a log.

use crate::args::CollectionsArgs;
use crate::lang::{self, num, t, tf, RECEIVABLE_DEFINITION_FR, RECEIVABLE_DEFINITION_LEDGER_FR};
use crate::text::clean;
use anyhow::{Context, Result};
use relance_engine::analysis::bottleneck::GroupBy;
use relance_engine::collections::breakdown::BreakdownRow;
use relance_engine::collections::compliance::violations_csv;
use relance_engine::collections::compliance::{builtin_packs, RulePack};
use relance_engine::collections::facts::Basis;
use relance_engine::collections::{
    all_violations, breakdown_by, report, CollectionsReport, CollectionsSettings,
};
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
        basis: if args.basis == "cash" {
            Basis::Cash
        } else {
            Basis::Ledger
        },
    };
    settings.validate()?;
    let started = std::time::Instant::now();
    let sel = super::selection(&imported, view.as_ref());
    let r = report(log, &sel, &map, &settings, &packs);
    if args.import.timings {
        eprintln!("timing analyses_s={:.3}", started.elapsed().as_secs_f64());
    }
    if let Some(path) = &args.violations_csv {
        let csv = violations_csv(&all_violations(log, &sel, &map, &settings, &packs));
        std::fs::write(path, csv).with_context(|| format!("{}", path.display()))?;
    }
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
        let mut doc = super::with_import(&r, &imported.report)?;
        if let (Some((name, rows)), Some(obj)) = (&by, doc.as_object_mut()) {
            obj.insert(
                "breakdown".into(),
                serde_json::json!({"by": name, "rows": rows}),
            );
        }
        serde_json::to_writer(&mut out, &doc)?;
        writeln!(out)?;
    } else {
        super::import_to_stderr(&imported.report)?;
        text(&mut out, &r)?;
        if let Some((name, rows)) = &by {
            breakdown_text(&mut out, name, rows)?;
        }
    }
    out.flush()?;
    if args.import.timings {
        eprintln!("timing total_s={:.3}", started.elapsed().as_secs_f64());
    }
    Ok(())
}

fn pct(x: f64) -> String {
    lang::pct(x)
}

/// Why `figure` is not available: its own entry in the report's list, else its parent's
/// (`kpis.credit` for `kpis.credit.approved`).
fn reason(r: &CollectionsReport, figure: &str) -> Option<String> {
    let mut f = figure;
    loop {
        if let Some(u) = r.unavailable.iter().find(|u| u.figure == f) {
            return Some(lang::reason(u));
        }
        f = f.rsplit_once('.')?.0;
    }
}

/// "n/a (reason)", or "n/a" when the report gives none.
fn na(why: Option<String>) -> String {
    match why {
        Some(w) => format!("{} ({w})", t("n-a")),
        None => t("n-a").into(),
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
    let percent = |x: f64| lang::pct(x);
    let days = |x: f64| tf("days", &[("value", &num(x, 1))]);
    write!(
        out,
        "{}",
        tf(
            "invoices-as-of",
            &[("invoices", &k.invoices), ("as_of", &k.as_of)]
        )
    )?;
    if k.cases_without_invoice > 0 {
        write!(
            out,
            "{}",
            tf("without-invoice", &[("n", &k.cases_without_invoice)])
        )?;
    }
    writeln!(out)?;
    let on_time = fig(
        k.on_time_payment_rate,
        r,
        "kpis.on_time_payment_rate",
        percent,
    );
    writeln!(out, "{}", tf("on-time", &[("value", &on_time)]))?;
    let itc = "kpis.invoice_to_cash_days";
    if k.invoice_to_cash_days.n == 0 {
        writeln!(out, "{}", tf("itc", &[("value", &na(reason(r, itc)))]))?;
    } else {
        let median = fig(k.invoice_to_cash_days.median, r, itc, days);
        let p90 = fig(k.invoice_to_cash_days.p90, r, itc, days);
        writeln!(
            out,
            "{}",
            tf("itc-median-p90", &[("median", &median), ("p90", &p90)])
        )?;
    }
    let cei = fig(k.cei, r, "kpis.cei", |x| format!("{} %", num(x, 1)));
    writeln!(out, "{}", tf("cei", &[("value", &cei)]))?;
    let headline = k
        .dso_month
        .as_ref()
        .and_then(|h| k.dso_monthly.iter().find(|m| &m.month == h));
    match headline {
        Some(m) => {
            let month = |x: f64, field: &str| {
                if x.is_finite() {
                    num(x, 1)
                } else {
                    na(m.unavailable
                        .iter()
                        .find(|u| u.figure == field)
                        .map(lang::reason))
                }
            };
            writeln!(
                out,
                "{}",
                tf(
                    "dso-at",
                    &[
                        ("month", &m.month),
                        ("simple", &month(m.dso_simple, "dso_simple")),
                        ("countback", &month(m.dso_countback, "dso_countback")),
                        ("best", &month(m.bpdso, "bpdso")),
                        ("add", &month(m.add, "add")),
                    ]
                )
            )?;
            let later: Vec<_> = k
                .dso_monthly
                .iter()
                .skip_while(|x| x.month != m.month)
                .skip(1)
                .filter_map(|x| x.partial_reason)
                .collect();
            if let Some(why) = later.last() {
                writeln!(
                    out,
                    "{}",
                    tf(
                        "dso-partial",
                        &[("n", &later.len()), ("why", &t(why.key()))]
                    )
                )?;
            }
        }
        None => {
            let why = reason(r, "kpis.dso_monthly").or_else(|| reason(r, "kpis.dso_month"));
            writeln!(out, "{}", tf("dso", &[("value", &na(why))]))?
        }
    }
    writeln!(out, "{}", tf("basis", &[("basis", &t(k.dso_basis.key()))]))?;
    if k.aging_as_of != k.as_of && !k.aging_as_of.is_empty() {
        writeln!(out, "{}", tf("aging-as-of", &[("date", &k.aging_as_of)]))?;
    }
    let w = &k.write_offs;
    match w.invoices {
        Some(n) => writeln!(
            out,
            "{}",
            tf(
                "write-offs-full",
                &[
                    ("n", &n),
                    (
                        "amount",
                        &fig(w.amount, r, "kpis.write_offs.amount", |x| num(x, 2))
                    ),
                    ("rate", &fig(w.rate, r, "kpis.write_offs.rate", percent)),
                    (
                        "agency",
                        &fig(
                            w.via_agency_share,
                            r,
                            "kpis.write_offs.via_agency_share",
                            percent
                        )
                    ),
                ]
            )
        )?,
        None => writeln!(
            out,
            "{}",
            tf(
                "write-offs",
                &[("value", &na(reason(r, "kpis.write_offs")))]
            )
        )?,
    }
    let c = &k.credit;
    match c.requests {
        Some(n) => writeln!(
            out,
            "{}",
            tf(
                "credit-full",
                &[
                    ("n", &n),
                    ("approved", &count(c.approved, r, "kpis.credit.approved")),
                    ("rejected", &count(c.rejected, r, "kpis.credit.rejected")),
                    ("pending", &count(c.pending, r, "kpis.credit.pending")),
                    (
                        "median",
                        &fig(c.median_days, r, "kpis.credit.median_days", days)
                    ),
                ]
            )
        )?,
        None => writeln!(
            out,
            "{}",
            tf("credit", &[("value", &na(reason(r, "kpis.credit")))])
        )?,
    }
    let reissued = count(
        r.rework.cancelled_and_reissued_cases,
        r,
        "rework.cancelled_and_reissued_cases",
    );
    let cancelled = count(r.rework.cancelled_cases, r, "rework.cancelled_cases");
    writeln!(
        out,
        "{}",
        tf(
            "rework",
            &[("reissued", &reissued), ("cancelled", &cancelled)]
        )
    )?;
    // A colon without a space before it in English, with one in French.
    let colon = match lang::current() {
        relance_engine::insights::Language::En => ":",
        relance_engine::insights::Language::Fr => " :",
    };
    let section = |out: &mut dyn Write, title: &str, figure: &str| -> std::io::Result<()> {
        let title = t(title);
        match reason(r, figure) {
            Some(w) if figure.split('.').count() == 1 => {
                writeln!(out, "\n{title}{colon} {} ({w})", t("n-a"))
            }
            _ => writeln!(out, "\n{title}{colon}"),
        }
    };
    section(out, "dunning-head", "dunning")?;
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
    section(out, "disputes-head", "disputes")?;
    for d in &r.disputes {
        writeln!(
            out,
            "  {:<24} {:>6} {:>6} {:>8}",
            clean(&d.reason),
            d.resolved,
            d.open,
            fig(d.median_days, r, "disputes.median_days", |x| num(x, 1))
        )?;
    }
    section(out, "cash-head", "cash_application")?;
    for c in &r.cash_application {
        writeln!(
            out,
            "  {:<24} {:>6} {:>8}",
            clean(&c.resource),
            c.payments,
            fig(c.median_lag_days, r, "cash_application", |x| num(x, 2))
        )?;
    }
    section(out, "promises-head", "promises")?;
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
    writeln!(out, "\n{}", t("compliance-head"))?;
    for c in &r.compliance {
        // A rule the log could not answer: "n/a", not 0 (its notes say why, in the JSON).
        let violations = if c.checked {
            c.violations.to_string()
        } else {
            t("n-a").to_string()
        };
        writeln!(
            out,
            "  {:>6}  {} ({})",
            violations,
            clean(c.title_in(lang::current())),
            clean(c.source_in(lang::current()))
        )?;
    }
    let definition = match (lang::current(), r.kpis.dso_basis) {
        (relance_engine::insights::Language::En, _) => r.dso_definition.as_str(),
        (relance_engine::insights::Language::Fr, Basis::Cash) => RECEIVABLE_DEFINITION_FR,
        (relance_engine::insights::Language::Fr, Basis::Ledger) => RECEIVABLE_DEFINITION_LEDGER_FR,
    };
    writeln!(out, "\n{}{colon} {definition}", t("receivables"))?;
    for n in &r.notes {
        writeln!(out, "{}{colon} {n}", t("note"))?;
    }
    Ok(())
}

fn breakdown_text(out: &mut impl Write, by: &str, rows: &[BreakdownRow]) -> Result<()> {
    let days = |x: f64| {
        if x.is_finite() {
            num(x, 1)
        } else {
            "–".into()
        }
    };
    writeln!(out, "\n{}", tf("breakdown-by", &[("by", &clean(by))]))?;
    let cols: Vec<&str> = t("breakdown-cols").split('|').collect();
    let col = |i: usize| cols.get(i).copied().unwrap_or("");
    writeln!(
        out,
        "{:<24} {:>8} {:>8} {:>9} {:>7} {:>8} {:>9} {:>8}",
        col(0),
        col(1),
        col(2),
        col(3),
        col(4),
        col(5),
        col(6),
        col(7)
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
