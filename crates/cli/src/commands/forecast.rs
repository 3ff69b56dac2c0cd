//! `relance forecast`: when each open invoice will be paid, cash by week, and the backtest behind it.

use crate::args::ForecastArgs;
use crate::lang::{self, num, t, tf};
use crate::text::clean;
use anyhow::{anyhow, Context, Result};
use relance_engine::forecast::text::say_message;
use relance_engine::forecast::{forecast, worklist_csv, CashUnit, Forecast, ForecastOptions};
use relance_engine::import::timestamp::{parse_timestamp, DateOrder};
use relance_engine::insights::text::money;
use std::io::Write;

pub fn run(args: &ForecastArgs) -> Result<()> {
    let as_of_ms = match &args.as_of {
        None => None,
        Some(d) => Some(
            parse_timestamp(d, DateOrder::Auto)
                .ok_or_else(|| anyhow!("--as-of {d:?}: not a date (use YYYY-MM-DD)"))?
                .ms,
        ),
    };
    let opts = ForecastOptions {
        as_of_ms,
        ..Default::default()
    };
    opts.validate()?;
    let view = super::view(&args.import)?;
    let imported = super::import(&args.import, view.as_ref())?;
    let log = &imported.log;
    let map = super::role_map(log, view.as_ref(), args.mapping.as_deref())?;
    let sel = super::selection(&imported, view.as_ref());
    let started = std::time::Instant::now();
    let f = forecast(log, &sel, &map, &opts);
    if args.import.timings {
        eprintln!("timing forecast_s={:.3}", started.elapsed().as_secs_f64());
    }
    if let Some(path) = &args.csv {
        std::fs::write(path, worklist_csv(&f, lang::current()))
            .with_context(|| format!("{}", path.display()))?;
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        serde_json::to_writer(&mut out, &super::with_import(&f, &imported.report)?)?;
        writeln!(out)?;
    } else {
        super::import_to_stderr(&imported.report)?;
        text(&mut out, &f, args.top)?;
    }
    out.flush()?;
    Ok(())
}

/// The forecast for people: the open book in short, the backtest, the cash by week, the invoices most
/// at risk with their reasons.
fn text(out: &mut impl Write, f: &Forecast, top: usize) -> std::io::Result<()> {
    let lang = lang::current();
    let cur = f.currency.as_deref();
    let amount = |x: f64| match f.cash_unit {
        CashUnit::Amount => money(x, cur, lang),
        CashUnit::Invoices => tf("n-invoices", &[("n", &num(x, 1))]),
    };
    let totals = relance_engine::forecast::worklist::totals(&f.open_invoices);
    let (open_amount, at_risk) = (totals.open_amount, totals.amount_at_risk);
    writeln!(
        out,
        "{}",
        tf(
            "forecast-head",
            &[
                ("as_of", &f.as_of),
                ("n", &f.open_invoices.len()),
                ("open", &money(open_amount, cur, lang)),
                ("risk", &money(at_risk, cur, lang)),
            ]
        )
    )?;
    for u in &f.unavailable {
        writeln!(
            out,
            "{}",
            tf(
                "not-available",
                &[
                    ("what", &u.figure),
                    ("why", &clean(&say_message(&u.reason, lang)))
                ]
            )
        )?;
    }
    let b = &f.backtest;
    if b.available {
        writeln!(out)?;
        let d = |x: Option<f64>| x.map_or_else(|| t("n-a").to_string(), |v| num(v, 1));
        writeln!(
            out,
            "{}",
            tf(
                "backtest-head",
                &[
                    ("cutoffs", &b.cutoffs.join(", ")),
                    ("n", &b.invoices),
                    ("mae", &d(b.mae_days)),
                    ("due", &d(b.baseline_due_mae_days)),
                    ("customer", &d(b.baseline_customer_mae_days)),
                ]
            )
        )?;
        if let Some(v) = &b.verdict {
            writeln!(out, "  {}", say_message(v, lang))?;
        }
        writeln!(
            out,
            "  {}",
            tf(
                "backtest-scores",
                &[
                    ("coverage", &b.coverage_80.map_or("-".into(), lang::pct)),
                    ("brier", &b.brier.map_or("-".into(), |x| num(x, 3))),
                    (
                        "baseline_brier",
                        &b.baseline_brier.map_or("-".into(), |x| num(x, 3))
                    ),
                    ("cash", &b.cash_band_coverage.map_or("-".into(), lang::pct)),
                ]
            )
        )?;
    }
    if !f.cash_by_week.is_empty() && f.available {
        writeln!(out, "\n{}", t("forecast-cash-head"))?;
        for w in &f.cash_by_week {
            writeln!(
                out,
                "  {}",
                tf(
                    "cash-week",
                    &[
                        ("start", &w.week_start),
                        ("expected", &amount(w.expected)),
                        ("low", &amount(w.low)),
                        ("high", &amount(w.high)),
                    ]
                )
            )?;
        }
    }
    if !f.open_invoices.is_empty() {
        writeln!(
            out,
            "\n{}",
            tf("worklist-head", &[("n", &top.min(f.open_invoices.len()))])
        )?;
    }
    let better = b.beats_baseline == Some(false);
    for i in f.open_invoices.iter().take(top) {
        let mut line = format!("  {}", clean(&i.case));
        if let Some(c) = &i.customer {
            line.push_str(&format!("  {}", clean(c)));
        }
        if let Some(a) = i.amount {
            line.push_str(&format!("  {}", money(a, cur, lang)));
        }
        if let Some(d) = &i.due_date {
            line.push_str(&format!("  {}", tf("due", &[("date", d)])));
        }
        if let Some(p) = i.p_late {
            line.push_str(&format!("  {}", tf("late", &[("p", &lang::pct(p))])));
        }
        if let Some(p) = i.p_write_off {
            line.push_str(&format!("  {}", tf("write-off", &[("p", &lang::pct(p))])));
        }
        writeln!(out, "{line}")?;
        match (&i.expected_payment_date, &i.not_available) {
            (Some(d), _) => {
                let lo = i.payment_date_p10.as_deref().unwrap_or("");
                let hi = i.payment_date_p90.as_deref().unwrap_or("");
                write!(
                    out,
                    "    {}",
                    tf("expected", &[("date", d), ("low", &lo), ("high", &hi)])
                )?;
                if let (true, Some(base)) = (better, &i.baseline_payment_date) {
                    write!(out, "; {}", tf("baseline-date", &[("date", base)]))?;
                }
                writeln!(out)?;
            }
            (None, Some(why)) => writeln!(
                out,
                "    {}",
                tf("no-date", &[("why", &clean(&say_message(why, lang)))])
            )?,
            (None, None) => {}
        }
        let reasons: Vec<String> = i
            .reasons
            .iter()
            .take(4)
            .map(|r| {
                let m = relance_engine::import::Message {
                    key: r.key.clone(),
                    args: r.args.clone(),
                    text: r.text.clone(),
                };
                let sign = if r.days >= 0.0 { "+" } else { "−" };
                format!(
                    "{} ({sign}{} {})",
                    clean(&say_message(&m, lang)),
                    num(r.days.abs(), 1),
                    t("unit-day")
                )
            })
            .collect();
        if !reasons.is_empty() {
            writeln!(out, "    {}", reasons.join("; "))?;
        }
    }
    writeln!(out)?;
    for n in &f.notes {
        writeln!(out, "{}: {}", t("note"), say_message(n, lang))?;
    }
    Ok(())
}
