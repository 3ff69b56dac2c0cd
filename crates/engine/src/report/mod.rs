//! The report a consultant hands over: one self-contained HTML file, in English or French, of the
//! cases in the current filter.
//!
//! Self-contained means: styles inside, charts as inline SVG with real `<text>` labels, system fonts,
//! no `<link>`, no script, no image or font fetched, so it opens offline and no request leaves it. It
//! prints to PDF from any browser: A4 landscape (`@page`), each section on a new page.
//!
//! # Sections
//! 1. **Log** ([`process`]): source files, period (and the issuing window of a cut extract), counts,
//!    the import report in short.
//! 2. **Process map** ([`process`]): the engine's layout in frequency and in performance, drawn by
//!    [`crate::layout::svg`] as the app draws it; the top variants.
//! 3. **Collections** ([`receivables`]): the KPIs with their definitions and basis, DSO by month-end
//!    (partial months marked), aging.
//! 4. **Insights** ([`findings`]): the headline with its intervals and the caveat; the comparison when
//!    one is set.
//! 5. **Forecast, conformance, what-if** ([`outlook`]): the worklist in short and the cash by week; the
//!    fitness, deviations and scenarios when a model is set.
//! 6. **Filters and settings**, the date, the Relance version, the privacy line.
//!
//! Every figure comes from the function the app and the CLI call for it ([`crate::analysis::summarize`],
//! [`crate::collections::report`], [`crate::insights::insights`], [`crate::forecast::forecast`],
//! [`crate::conformance::conformance`]); nothing is computed a second way here. A section whose input
//! is missing says why (no amounts, no due dates, no model set) instead of showing zeros.
//!
//! The engine has no clock: the caller gives the generation instant.
//!
//! ```
//! use relance_engine::{demo, import, report, collections::RoleMap, filter::FilterStack, Selection};
//! let csv = demo::demo_csv(demo::DemoOptions { invoices: 400, ..Default::default() });
//! let imported = import::import_bytes(csv.as_bytes(), Default::default())?;
//! let log = &imported.log;
//! let roles = RoleMap::guess(log);
//! let filters = FilterStack::default();
//! let input = report::ReportInput {
//!     import: Some(&imported.report),
//!     filters: &filters,
//!     roles: &roles,
//! };
//! let opts = report::ReportOptions { forecast: false, insights: false, ..Default::default() };
//! let html = report::report_html(log, &Selection::all(log), &input, &opts);
//! assert!(html.starts_with("<!DOCTYPE html>"));
//! assert!(html.contains(r#"data-section="collections""#));
//! # Ok::<(), relance_engine::Error>(())
//! ```

pub mod charts;
pub mod findings;
pub mod html;
pub mod outlook;
pub mod process;
pub mod receivables;
pub mod words;

use crate::collections::{CollectionsSettings, RoleMap};
use crate::conformance::{ProcessModel, ScenarioSpec};
use crate::filter::{describe_in, FilterStack, Selection};
use crate::import::ImportReport;
use crate::insights::Language;
use crate::log::EventLog;
use html::{esc, Html};
use serde::{Deserialize, Serialize};
use words::t;

/// The Relance version written in the report.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Where the report was made, for the privacy line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MadeIn {
    /// In the browser (the app).
    #[default]
    Browser,
    /// On this machine (the CLI).
    Machine,
}

/// The two populations of a comparison, as the insights' compare view sets them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompareSpec {
    /// Among the current filter's cases, those starting before an instant (A) and the others (B).
    Date {
        /// The instant, UTC ms.
        at_ms: i64,
    },
    /// Two filter stacks, each applied to the whole log.
    Filters {
        /// Population A.
        a: FilterStack,
        /// Population B.
        b: FilterStack,
    },
}

/// The ideal process to hold the log against, and the scenarios to estimate.
#[derive(Debug, Clone, PartialEq)]
pub struct ConformanceSpec {
    /// The model, bound to the log's activities.
    pub model: ProcessModel,
    /// Scenarios; `None`: the default ones.
    pub scenarios: Option<Vec<ScenarioSpec>>,
}

/// What the report is made of besides the log and the selection.
#[derive(Debug, Clone, Copy)]
pub struct ReportInput<'a> {
    /// How the file was read (`None` for a log that was not imported, e.g. built in code).
    pub import: Option<&'a ImportReport>,
    /// The filters in force (the selection is theirs).
    pub filters: &'a FilterStack,
    /// The collections roles in force.
    pub roles: &'a RoleMap,
}

/// Settings of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportOptions {
    /// Language of every word, number and date.
    pub language: Language,
    /// The source files' names.
    pub sources: Vec<String>,
    /// When the report was made (UTC ms).
    pub generated_ms: i64,
    /// Where it was made.
    pub made_in: MadeIn,
    /// Collections settings (window, grace, basis, as-of), as the collections view has them.
    pub collections: CollectionsSettings,
    /// Activities slider, percent (`None`: the map's opening position).
    pub activity_pct: Option<f64>,
    /// Paths slider, percent.
    pub paths_pct: f64,
    /// Variants listed.
    pub top_variants: usize,
    /// Compute the insights' headline (the costliest part).
    pub insights: bool,
    /// Compute the forecast.
    pub forecast: bool,
    /// The comparison set in the insights view, if any.
    pub compare: Option<CompareSpec>,
    /// The model set in the conformance view, if any.
    pub conformance: Option<ConformanceSpec>,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            language: Language::En,
            sources: Vec::new(),
            generated_ms: 0,
            made_in: MadeIn::Browser,
            collections: CollectionsSettings::default(),
            activity_pct: None,
            paths_pct: 30.0,
            top_variants: 10,
            insights: true,
            forecast: true,
            compare: None,
            conformance: None,
        }
    }
}

/// The report of the cases of `sel` as one HTML document.
pub fn report_html(
    log: &EventLog,
    sel: &Selection,
    input: &ReportInput,
    opts: &ReportOptions,
) -> String {
    let lang = opts.language;
    let title = t(
        lang,
        "Process mining report",
        "Rapport d'analyse du processus",
    );
    let mut h = Html::new();
    h.raw(&format!(
        r#"<!DOCTYPE html><html lang="{}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="generator" content="Relance {VERSION}"><title>{}</title><style>{}</style></head><body>"#,
        lang.code(),
        esc(title),
        html::STYLE
    ));
    cover(&mut h, log, sel, input, opts, title);
    let collections = crate::collections::report(
        log,
        sel,
        input.roles,
        &opts.collections,
        &crate::collections::compliance::builtin_packs(),
    );
    let summary = crate::analysis::summarize(log, sel);
    process::log_section(&mut h, log, sel, &summary, input, opts, &collections);
    process::map_section(&mut h, log, sel, &summary, opts);
    receivables::section(&mut h, &collections, lang);
    findings::insights_section(&mut h, log, sel, input.roles, opts);
    if let Some(spec) = &opts.compare {
        findings::compare_section(&mut h, log, sel, input.roles, spec, opts);
    }
    outlook::forecast_section(&mut h, log, sel, input.roles, opts);
    outlook::conformance_section(&mut h, log, sel, input.roles, opts);
    settings_section(&mut h, log, input, opts);
    h.raw("</body></html>");
    h.finish()
}

/// The title, the sources, the date, the version and the privacy line.
fn cover(
    h: &mut Html,
    log: &EventLog,
    sel: &Selection,
    input: &ReportInput,
    opts: &ReportOptions,
    title: &str,
) {
    let lang = opts.language;
    h.raw(r#"<header class="cover">"#);
    h.raw(&format!("<h1>{}</h1>", esc(title)));
    let sources = if opts.sources.is_empty() {
        t(lang, "(no file name)", "(sans nom de fichier)").to_string()
    } else {
        opts.sources.join(", ")
    };
    h.raw(&format!(
        r#"<p class="meta" data-sources>{} {}</p>"#,
        esc(t(lang, "Source:", "Source :")),
        esc(&sources)
    ));
    let filtered = !input.filters.items.is_empty();
    let scope = if filtered {
        format!(
            "{} {} / {} — {}",
            words::count(sel.len() as u64, lang),
            t(lang, "cases", "dossiers"),
            words::count(log.case_count() as u64, lang),
            t(
                lang,
                "filters in force (listed at the end)",
                "filtres appliqués (listés à la fin)"
            )
        )
    } else {
        format!(
            "{} {} — {}",
            words::count(sel.len() as u64, lang),
            t(lang, "cases", "dossiers"),
            t(lang, "no filter", "sans filtre")
        )
    };
    h.raw(&format!(
        r#"<p class="meta" data-scope>{}</p>"#,
        esc(&scope)
    ));
    h.raw(&format!(
        r#"<p class="meta">{} <time data-generated datetime="{}">{}</time> · Relance {VERSION}</p>"#,
        esc(t(lang, "Made on", "Établi le")),
        crate::calendar::format_iso_utc(opts.generated_ms),
        esc(&words::date(opts.generated_ms, lang))
    ));
    h.raw(&format!(
        r#"<p class="privacy" data-privacy>{}</p>"#,
        esc(privacy_line(opts.made_in, lang))
    ));
    h.raw("</header>");
}

/// The activities slider in force: the view's, else the map's opening position.
pub fn activity_pct(log: &EventLog, opts: &ReportOptions) -> f64 {
    opts.activity_pct
        .unwrap_or_else(|| crate::analysis::opening_activity_pct(log.activity_count()))
}

/// The line saying the data never left where the report was made.
pub fn privacy_line(made_in: MadeIn, lang: Language) -> &'static str {
    match made_in {
        MadeIn::Browser => t(
            lang,
            "Made in the browser: the data never left the browser where this report was made. This file fetches nothing.",
            "Établi dans le navigateur : les données n'ont jamais quitté le navigateur où ce rapport a été établi. Ce fichier ne charge rien.",
        ),
        MadeIn::Machine => t(
            lang,
            "Made on this machine: the data never left the machine where this report was made. This file fetches nothing.",
            "Établi sur cette machine : les données n'ont jamais quitté la machine où ce rapport a été établi. Ce fichier ne charge rien.",
        ),
    }
}

/// The filters and settings in force, the date, the version and the privacy line again.
fn settings_section(h: &mut Html, log: &EventLog, input: &ReportInput, opts: &ReportOptions) {
    let lang = opts.language;
    h.section(
        "settings",
        t(lang, "Filters and settings", "Filtres et réglages"),
    );
    h.h3(t(lang, "Filters in force", "Filtres appliqués"));
    if input.filters.items.is_empty() {
        h.p(
            "",
            t(
                lang,
                "None: every case of the log.",
                "Aucun : tous les dossiers du journal.",
            ),
        );
    } else {
        let chips: Vec<String> = input
            .filters
            .items
            .iter()
            .map(|f| describe_in(&f.filter, f.keep, lang))
            .collect();
        h.chips("filters", &chips);
    }
    h.h3(t(lang, "Settings", "Réglages"));
    let c = &opts.collections;
    let basis = match c.basis {
        crate::collections::facts::Basis::Ledger => t(
            lang,
            "ledger (a receivable closes when the payment is applied)",
            "comptable (une créance se ferme à l'imputation du paiement)",
        ),
        crate::collections::facts::Basis::Cash => t(
            lang,
            "cash (a receivable closes when the payment is received)",
            "trésorerie (une créance se ferme à la réception du paiement)",
        ),
    };
    let as_of = match c.as_of_ms {
        Some(ms) => words::date(ms, lang),
        None => t(lang, "the last event", "le dernier événement").to_string(),
    };
    let activities = format!("{} %", words::number(activity_pct(log, opts), 0, lang));
    let rows = vec![
        (
            t(lang, "Dunning window", "Fenêtre d'effet des relances"),
            words::days(c.window_days, lang),
        ),
        (
            t(
                lang,
                "Grace after a promise",
                "Délai de grâce après promesse",
            ),
            words::days(c.promise_grace_days, lang),
        ),
        (t(lang, "Basis", "Base"), basis.to_string()),
        (t(lang, "As of", "Date d'arrêté"), as_of),
        (t(lang, "Map: activities", "Carte : activités"), activities),
        (
            t(lang, "Map: paths", "Carte : chemins"),
            format!("{} %", words::number(opts.paths_pct, 0, lang)),
        ),
        (
            t(
                lang,
                "Activities with a collections role",
                "Activités ayant un rôle de recouvrement",
            ),
            words::count(
                input
                    .roles
                    .activities
                    .values()
                    .filter(|r| **r != crate::collections::ActivityRole::Other)
                    .count() as u64,
                lang,
            ),
        ),
    ];
    let rows: Vec<Vec<html::Cell>> = rows
        .into_iter()
        .map(|(k, v)| vec![html::Cell::Text(k.into()), html::Cell::Text(v)])
        .collect();
    h.table(
        "settings",
        &[t(lang, "Setting", "Réglage"), t(lang, "Value", "Valeur")],
        &rows,
    );
    h.raw(&format!(
        r#"<footer><p>Relance {VERSION} · {} <time datetime="{}">{}</time></p><p class="privacy">{}</p></footer>"#,
        esc(t(lang, "made on", "établi le")),
        crate::calendar::format_iso_utc(opts.generated_ms),
        esc(&words::date(opts.generated_ms, lang)),
        esc(privacy_line(opts.made_in, lang))
    ));
    h.end_section();
}

#[cfg(test)]
mod tests;
