//! `relance conformance`: the log held against an ideal process (a BPMN or PNML file, or mined from
//! the most frequent variants), with fitness, deviations ranked by impact and what-if scenarios.

use crate::args::ConformanceArgs;
use crate::lang::{num, pct, t, tf};
use crate::text::clean;
use anyhow::{anyhow, bail, Context, Result};
use relance_engine::conformance::{
    conformance, ConformanceOptions, ConformanceReport, MinerOptions, ProcessModel, ScenarioSpec,
    VariantChoice,
};
use relance_engine::insights::Language;
use std::io::Write;
use std::path::Path;

pub fn run(args: &ConformanceArgs) -> Result<()> {
    let view = super::view(&args.import)?;
    let imported = super::import(&args.import, view.as_ref())?;
    let log = &imported.log;
    let map = super::role_map(log, view.as_ref(), args.mapping.as_deref())?;
    let sel = super::selection(&imported, view.as_ref());
    // JSON is the same whatever the environment: its sentences are English.
    let lang = if args.json {
        Language::En
    } else {
        crate::lang::current()
    };
    let started = std::time::Instant::now();
    let mut model = match (&args.process_model, args.happy_path) {
        (Some(path), _) => read_model(path)?,
        (None, Some(pct)) => {
            if !pct.is_finite() || pct <= 0.0 || pct > 100.0 {
                bail!("--happy-path must be a share of cases above 0 and at most 100, not {pct}");
            }
            if !args.noise.is_finite() || !(0.0..=1.0).contains(&args.noise) {
                bail!("--noise must be between 0 and 1, not {}", args.noise);
            }
            ProcessModel::mine(
                log,
                &sel,
                &VariantChoice::TopCoverage { percent: pct },
                MinerOptions {
                    noise_threshold: args.noise,
                },
                lang,
            )?
        }
        // A view file saved by the app carries its ideal process (and the user's activity pairs).
        (None, None) => match view.as_ref().and_then(|v| v.conformance.as_ref()) {
            Some(c) if c.model.is_some() => c.bound_model(log, &sel, lang)?,
            _ => bail!(
                "give the ideal process: --model FILE.bpmn|FILE.pnml, --happy-path N, or a --view file that holds one"
            ),
        },
    };
    // The user's pairs first: binding keeps them and pairs the rest by name.
    for pair in &args.map_activity {
        let (m, l) = pair
            .split_once('=')
            .ok_or_else(|| anyhow!("--map-activity {pair:?}: write MODEL ACTIVITY=LOG ACTIVITY"))?;
        if !model.activities().iter().any(|a| a == m) {
            bail!("--map-activity {pair:?}: the model has no activity {m:?}");
        }
        let l = l.trim();
        if !l.is_empty() && log.find_activity(l).is_none() {
            bail!("--map-activity {pair:?}: the log has no activity {l:?}");
        }
        model.mapping.set(m, (!l.is_empty()).then(|| l.to_string()));
    }
    model.bind(log)?;
    let scenarios = match &args.scenarios {
        Some(path) => {
            let text =
                std::fs::read_to_string(path).with_context(|| format!("{}", path.display()))?;
            let specs: Vec<ScenarioSpec> = serde_json::from_str(&text)
                .with_context(|| format!("{}: a JSON array of scenarios", path.display()))?;
            Some(specs)
        }
        None => None,
    };
    let model_s = started.elapsed().as_secs_f64();
    let opts = ConformanceOptions {
        language: lang,
        scenarios,
        extra_scenarios: view
            .as_ref()
            .and_then(|v| v.conformance.as_ref())
            .map(|c| c.scenarios.clone())
            .unwrap_or_default(),
        align: relance_engine::conformance::alignment::AlignOptions {
            max_states: args.max_states,
        },
        ..Default::default()
    };
    let report = conformance(log, &sel, &model, &map, &opts)?;
    if args.import.timings {
        eprintln!(
            "timing model_s={model_s:.3} conformance_s={:.3}",
            started.elapsed().as_secs_f64() - model_s
        );
    }
    let export = match &args.export_model {
        Some(path) => Some(export(&model, path)?),
        None => None,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        let mut doc = super::with_import(&report, &imported.report)?;
        if let Some((path, format, notes)) = &export {
            doc["export"] = serde_json::json!({ "path": path, "format": format, "notes": notes });
        }
        serde_json::to_writer(&mut out, &doc)?;
        writeln!(out)?;
    } else {
        super::import_to_stderr(&imported.report)?;
        text(&mut out, &report)?;
        if let Some((path, _, notes)) = &export {
            writeln!(out, "{}", tf("cf-exported", &[("path", &clean(path))]))?;
            for n in notes {
                writeln!(out, "{}: {}", t("note"), clean(n))?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// Writes the model as BPMN or PNML, by the file's extension.
/// A BPMN or PNML file (`--model`), its errors naming the file.
pub fn read_model(path: &Path) -> Result<ProcessModel> {
    let bytes = std::fs::read(path).with_context(|| format!("{}", path.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    ProcessModel::read(&name, &bytes).with_context(|| format!("{}", path.display()))
}

fn export(model: &ProcessModel, path: &Path) -> Result<(String, &'static str, Vec<String>)> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let (text, format, notes) = match ext.as_str() {
        "bpmn" => {
            let (text, notes) = model.to_bpmn();
            (text, "bpmn", notes)
        }
        "pnml" => (model.to_pnml(), "pnml", Vec::new()),
        _ => bail!(
            "--export-model {}: name the file .bpmn or .pnml",
            path.display()
        ),
    };
    std::fs::write(path, text).with_context(|| format!("{}", path.display()))?;
    Ok((path.display().to_string(), format, notes))
}

fn opt(x: Option<f64>, decimals: usize) -> String {
    x.map(|v| num(v, decimals))
        .unwrap_or_else(|| t("n-a").to_string())
}

/// The report as text.
fn text(out: &mut impl Write, r: &ConformanceReport) -> std::io::Result<()> {
    writeln!(
        out,
        "{}",
        tf(
            "cf-head",
            &[("cases", &r.cases), ("model", &clean(&r.model.description))]
        )
    )?;
    writeln!(
        out,
        "{}",
        tf(
            "cf-fitness",
            &[
                ("fitness", &opt(r.fitness, 4)),
                ("average", &opt(r.average_trace_fitness, 4)),
                ("fit", &r.fit_cases),
                ("share", &r.fit_share.map(pct).unwrap_or_else(|| "-".into())),
            ]
        )
    )?;
    let sound = match r.model.check.sound {
        Some(true) => t("cf-sound").to_string(),
        Some(false) => t("cf-unsound").to_string(),
        None => t("cf-unchecked").to_string(),
    };
    writeln!(
        out,
        "{}",
        tf(
            "cf-model",
            &[
                ("activities", &r.model.activities),
                ("transitions", &r.model.transitions),
                ("silent", &r.model.silent_transitions),
                ("places", &r.model.places),
                ("sound", &sound),
            ]
        )
    )?;
    writeln!(out, "\n{}", t("cf-deviations-head"))?;
    if r.deviations.is_empty() {
        writeln!(out, "  {}", t("cf-no-deviation"))?;
    }
    for (i, d) in r.deviations.iter().enumerate().take(15) {
        writeln!(out, "  {}. {}", i + 1, clean(&d.text))?;
    }
    if r.deviations.len() > 15 {
        writeln!(
            out,
            "  {}",
            tf("cf-more", &[("n", &(r.deviations.len() - 15))])
        )?;
    }
    writeln!(out, "\n{}", t("cf-variants-head"))?;
    for v in r.variants.iter().take(10) {
        let dev = v
            .deviations
            .map(|d| d.to_string())
            .unwrap_or_else(|| t("n-a").to_string());
        writeln!(
            out,
            "  {:>7}  {:>3}  {:>6}  {}",
            v.cases,
            dev,
            opt(v.fitness, 3),
            clean(&v.activities.join(" → "))
        )?;
    }
    if r.variants.len() > 10 {
        writeln!(
            out,
            "  {}",
            tf("cf-more", &[("n", &(r.variants.len() - 10))])
        )?;
    }
    if !r.scenarios.is_empty() {
        writeln!(out, "\n{}", t("cf-scenarios-head"))?;
        for s in &r.scenarios {
            writeln!(out, "  {}", clean(&s.text))?;
        }
        // What is missing is usually missing for every scenario: said once.
        let mut missing: Vec<&str> = Vec::new();
        for u in r.scenarios.iter().flat_map(|s| &s.unavailable) {
            if !missing.contains(&u.as_str()) {
                missing.push(u);
            }
        }
        for u in missing {
            writeln!(out, "  {}", tf("kpi-na", &[("why", &clean(u))]))?;
        }
    }
    writeln!(out, "\n{}", clean(&r.caveat))?;
    for n in &r.notes {
        writeln!(out, "{}: {}", t("note"), clean(n))?;
    }
    Ok(())
}
