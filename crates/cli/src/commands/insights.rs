//! `relance insights`: what goes with each outcome, ranked, with intervals.

use crate::args::{InsightsArgs, InsightsFlags};
use crate::lang::{t, tf};
use anyhow::{anyhow, Result};
use relance_engine::import::Imported;
use relance_engine::insights::text::{number, percent};
use relance_engine::insights::{
    insights, Finding, InsightsOptions, InsightsReport, Language, OutcomeId, OutcomeKind,
};
use std::io::Write;

pub fn run(args: &InsightsArgs) -> Result<()> {
    let view = super::view(&args.import)?;
    let imported = super::import(&args.import, view.as_ref())?;
    let log = &imported.log;
    let map = super::role_map(log, view.as_ref(), args.flags.mapping.as_deref())?;
    let sel = super::selection(&imported, view.as_ref());
    for o in &args.outcome {
        if OutcomeId::from_key(o).is_none() {
            return Err(anyhow!(
                "--outcome {o:?}: not an outcome; use late_payment, disputed, written_off, \
                 invoice_to_cash_days, dunning_unanswered, case_duration_days, passes_through:ACTIVITY \
                 or ends_with:ACTIVITY"
            ));
        }
    }
    let mut opts = options(&args.flags, &imported)?;
    opts.outcomes = args.outcome.clone();
    if args.all {
        opts.max_q = 1.0;
        opts.max_findings = usize::MAX;
    }
    let started = std::time::Instant::now();
    let report = insights(log, &sel, &map, &opts);
    if args.import.timings {
        eprintln!("timing insights_s={:.3}", started.elapsed().as_secs_f64());
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.flags.json {
        serde_json::to_writer(&mut out, &super::with_import(&report, &imported.report)?)?;
        writeln!(out)?;
    } else {
        super::import_to_stderr(&imported.report)?;
        text(&mut out, &report, opts.language)?;
    }
    out.flush()?;
    Ok(())
}

/// Engine options from the shared flags; the resource driver takes the file's column name.
pub fn options(flags: &InsightsFlags, imported: &Imported) -> Result<InsightsOptions> {
    // JSON is the same whatever the environment: its sentences follow `--language` only.
    let language = match &flags.language {
        Some(l) => {
            Language::from_key(l).ok_or_else(|| anyhow!("--language {l:?}: use en or fr"))?
        }
        None if flags.json => Language::En,
        None => crate::lang::current(),
    };
    if flags.min_cases == 0 {
        return Err(anyhow!("--min-cases must be at least 1"));
    }
    Ok(InsightsOptions {
        min_cases: flags.min_cases,
        language,
        resource_label: imported
            .report
            .columns
            .resource
            .clone()
            .unwrap_or_else(|| "resource".into()),
        ..Default::default()
    })
}

/// The report as text: the headline first, then per outcome its value and its findings as sentences,
/// each subgroup indented under its parent.
pub fn text(out: &mut impl Write, r: &InsightsReport, lang: Language) -> std::io::Result<()> {
    // The words around the sentences are in the sentences' language.
    crate::lang::set(lang);
    writeln!(
        out,
        "{}",
        tf(
            "cases-caveat",
            &[("cases", &r.population_cases), ("caveat", &r.caveat)]
        )
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        tf("headline-head", &[("note", &r.headline_note)])
    )?;
    if r.headline.is_empty() {
        writeln!(out, "  {}", t("no-headline"))?;
    }
    for (i, h) in r.headline.iter().enumerate() {
        writeln!(
            out,
            "  {}. [{}] {} (q = {:.2e})",
            i + 1,
            h.outcome_label,
            h.finding.text,
            h.finding.q_value
        )?;
        for s in &h.subgroups {
            writeln!(out, "       {} (q = {:.2e})", s.text, s.q_value)?;
        }
    }
    for o in &r.outcomes {
        writeln!(out)?;
        if !o.available {
            writeln!(
                out,
                "{}",
                tf(
                    "not-available",
                    &[
                        ("what", &o.label),
                        ("why", &o.reason.as_deref().unwrap_or(""))
                    ]
                )
            )?;
            continue;
        }
        let value = match (o.kind, o.value) {
            (_, None) => "–".to_string(),
            (OutcomeKind::Rate, Some(v)) => percent(v, lang),
            (OutcomeKind::Duration, Some(v)) => {
                tf("median-days", &[("value", &number(v, 1, lang))])
            }
        };
        writeln!(
            out,
            "{}",
            tf(
                "outcome",
                &[
                    ("label", &o.label),
                    ("value", &value),
                    ("cases", &o.cases),
                    ("tested", &o.tested),
                    ("definition", &o.definition),
                ]
            )
        )?;
        let found: Vec<&Finding> = r.findings.iter().filter(|f| f.outcome == o.id).collect();
        if found.is_empty() {
            writeln!(out, "  {}", t("no-finding"))?;
        }
        // A subgroup whose parent is listed goes under it; the others keep their rank.
        let parent_of = |f: &Finding| {
            f.parent.as_ref().and_then(|p| {
                found.iter().position(|x| {
                    x.parent.is_none()
                        && x.parts.len() == 1
                        && x.parts[0] == (p.attribute.clone(), p.value.clone())
                })
            })
        };
        let mut rank = 0;
        for (i, f) in found.iter().enumerate() {
            if parent_of(f).is_some() {
                continue;
            }
            rank += 1;
            writeln!(out, "  {}. {} (q = {:.2e})", rank, f.text, f.q_value)?;
            for s in found.iter().filter(|s| parent_of(s) == Some(i)) {
                writeln!(out, "       {} (q = {:.2e})", s.text, s.q_value)?;
            }
        }
    }
    if !r.skipped.is_empty() {
        writeln!(out, "\n{}", t("left-out"))?;
        for s in &r.skipped {
            writeln!(out, "  {}: {}", s.attribute, s.reason)?;
        }
    }
    for n in &r.notes {
        writeln!(out, "{}: {n}", t("note"))?;
    }
    Ok(())
}
