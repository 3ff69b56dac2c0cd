//! `relance report`: the report a consultant hands over, one self-contained HTML file in the `--lang`
//! language, with the same figures as `relance analyze`, `collections`, `insights` and `forecast`.

use crate::args::ReportArgs;
use anyhow::{anyhow, bail, Context, Result};
use relance_engine::collections::facts::Basis;
use relance_engine::collections::CollectionsSettings;
use relance_engine::conformance::{MinerOptions, ProcessModel, VariantChoice};
use relance_engine::filter::FilterStack;
use relance_engine::import::timestamp::{parse_timestamp, DateOrder};
use relance_engine::report::{
    report_html, CompareSpec, ConformanceSpec, MadeIn, ReportInput, ReportOptions,
};

pub fn run(args: &ReportArgs) -> Result<()> {
    let lang = crate::lang::current();
    let view = super::view(&args.import)?;
    let loaded = super::load(&args.import, view.as_ref(), false)?;
    let imported = &loaded.imported;
    let log = &imported.log;
    let roles = super::role_map(log, view.as_ref(), args.mapping.as_deref())?;
    let sel = super::selection(imported, view.as_ref());
    let compare = match &args.compare_before {
        None => None,
        Some(d) => Some(CompareSpec::Date {
            at_ms: parse_timestamp(d, DateOrder::Auto)
                .ok_or_else(|| anyhow!("--compare-before {d:?}: not a date (use YYYY-MM-DD)"))?
                .ms,
        }),
    };
    let conformance = match (&args.process_model, args.happy_path) {
        (Some(path), _) => {
            let mut model = super::conformance::read_model(path)?;
            model.bind(log)?;
            Some(model)
        }
        (None, Some(pct)) => {
            if !pct.is_finite() || pct <= 0.0 || pct > 100.0 {
                bail!("--happy-path must be a share of cases above 0 and at most 100, not {pct}");
            }
            let mut model = ProcessModel::mine(
                log,
                &sel,
                &VariantChoice::TopCoverage { percent: pct },
                MinerOptions::default(),
                lang,
            )?;
            model.bind(log)?;
            Some(model)
        }
        (None, None) => None,
    };
    let filters = view
        .as_ref()
        .map(|v| v.filters.clone())
        .unwrap_or_else(FilterStack::default);
    let input = ReportInput {
        import: Some(&imported.report),
        filters: &filters,
        roles: &roles,
    };
    let generated_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0);
    let opts = ReportOptions {
        language: lang,
        sources: args
            .import
            .files
            .iter()
            .map(|p| {
                p.file_name().map_or_else(
                    || p.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                )
            })
            .collect(),
        generated_ms,
        made_in: MadeIn::Machine,
        collections: CollectionsSettings {
            basis: if args.basis == "cash" {
                Basis::Cash
            } else {
                Basis::Ledger
            },
            ..CollectionsSettings::default()
        },
        activity_pct: view.as_ref().and_then(|v| v.map).map(|m| m.activity_pct),
        paths_pct: view
            .as_ref()
            .and_then(|v| v.map)
            .map_or(ReportOptions::default().paths_pct, |m| m.paths_pct),
        insights: !args.no_insights,
        forecast: !args.no_forecast,
        compare,
        conformance: conformance.map(|model| ConformanceSpec {
            model,
            scenarios: None,
        }),
        ..ReportOptions::default()
    };
    let started = std::time::Instant::now();
    let html = report_html(log, &sel, &input, &opts);
    if args.import.timings {
        eprintln!("timing report_s={:.3}", started.elapsed().as_secs_f64());
    }
    std::fs::write(&args.output, html).with_context(|| format!("{}", args.output.display()))?;
    Ok(())
}
