//! The log and its process: what was read, the period and counts, the process map in frequency and in
//! performance, the top variants. Figures from [`summarize`] (what `relance analyze --json` prints and
//! the app's overview shows) and the map from [`process_map`] and [`draw_map`], as the app lays it out.

use super::html::{Cell, Html};
use super::words::{self, count, date_text, duration, share, t};
use super::{ReportInput, ReportOptions};
use crate::analysis::{process_map, Stat, Summary};
use crate::collections::CollectionsReport;
use crate::filter::Selection;
use crate::import::{DateOrder, Format, ImportReport};
use crate::insights::Language;
use crate::layout::draw_map;
use crate::layout::svg::{map_svg, MapMode, MapText};
use crate::log::EventLog;

/// The log: sources, period, counts (from [`crate::analysis::summarize`]), the import in short.
pub fn log_section(
    h: &mut Html,
    log: &EventLog,
    sel: &Selection,
    s: &Summary,
    input: &ReportInput,
    opts: &ReportOptions,
    collections: &CollectionsReport,
) {
    let lang = opts.language;
    h.section("log", t(lang, "The log", "Le journal"));
    let first = s.log.first_event.as_deref().map(|d| date_text(d, lang));
    let last = s.log.last_event.as_deref().map(|d| date_text(d, lang));
    match (first, last) {
        (Some(a), Some(b)) => h.p(
            "",
            &format!(
                "{} {a} {} {b}.",
                t(lang, "Events from", "Événements du"),
                t(lang, "to", "au")
            ),
        ),
        _ => h.missing(
            "log.period",
            t(
                lang,
                "Period: not available (no case in the selection).",
                "Période : non disponible (aucun dossier dans la sélection).",
            ),
        ),
    }
    if let Some(w) = &collections.kpis.issuing_window {
        let mut text = format!(
            "{} {} {} {}.",
            t(lang, "Invoices issued from", "Factures émises du"),
            date_text(&w.from, lang),
            t(lang, "to", "au"),
            date_text(&w.to, lang)
        );
        if w.cut {
            text.push(' ');
            text.push_str(t(
                lang,
                "The extract was cut: invoices stop well before the last event while their follow-ups go on, so the last months only run off.",
                "L'extraction est coupée : les factures s'arrêtent bien avant le dernier événement tandis que leurs suites continuent ; les derniers mois ne font que s'écouler.",
            ));
        }
        h.p("", &text);
    }
    h.kpis_start();
    let c = &s.log;
    for (key, label, value) in [
        ("log.cases", t(lang, "Cases", "Dossiers"), c.cases),
        ("log.events", t(lang, "Events", "Événements"), c.events),
        (
            "log.activities",
            t(lang, "Activities", "Activités"),
            c.activities,
        ),
        ("log.variants", t(lang, "Variants", "Variantes"), c.variants),
    ] {
        h.kpi(key, Some(value as f64), label, &count(value, lang), "");
    }
    let cd = &s.case_duration_s;
    h.kpi(
        "case_duration_s.median",
        Some(cd.median),
        t(lang, "Case duration, median", "Durée des dossiers, médiane"),
        &duration(cd.median, lang),
        &format!(
            "{} {} · {} {}",
            t(lang, "mean", "moyenne"),
            duration(cd.mean, lang),
            t(lang, "90th percentile", "90e centile"),
            duration(cd.p90, lang)
        ),
    );
    h.kpis_end();
    if sel.len() < log.case_count() {
        h.p(
            "note",
            &format!(
                "{} {} {}.",
                t(lang, "The filters keep", "Les filtres retiennent"),
                count(sel.len() as u64, lang),
                match lang {
                    Language::En => format!(
                        "of the log's {} cases",
                        count(log.case_count() as u64, lang)
                    ),
                    Language::Fr => format!(
                        "des {} dossiers du journal",
                        count(log.case_count() as u64, lang)
                    ),
                }
            ),
        );
    }
    match input.import {
        Some(r) => import_in_short(h, r, lang),
        None => h.missing(
            "log.import",
            t(
                lang,
                "Import report: not available (the log was not read from a file).",
                "Rapport d'import : non disponible (le journal n'a pas été lu depuis un fichier).",
            ),
        ),
    }
    h.end_section();
}

/// The import report in short: format, rows read and skipped, problems by kind, assumptions.
fn import_in_short(h: &mut Html, r: &ImportReport, lang: Language) {
    h.h3(t(lang, "Import", "Import"));
    let format = match r.format {
        Format::Csv => format!(
            "CSV ({}{})",
            r.encoding.name(),
            r.delimiter
                .map(|d| {
                    let d = if d == '\t' {
                        "tab".into()
                    } else {
                        d.to_string()
                    };
                    match lang {
                        Language::En => format!(", delimiter \"{d}\""),
                        Language::Fr => format!(", séparateur « {d} »"),
                    }
                })
                .unwrap_or_default()
        ),
        Format::Xes => "XES".into(),
    };
    let order = match r.date_order {
        DateOrder::DayFirst => t(lang, "day first (dd/mm)", "jour d'abord (jj/mm)"),
        DateOrder::MonthFirst => t(lang, "month first (mm/dd)", "mois d'abord (mm/jj)"),
        DateOrder::Auto => t(lang, "unambiguous", "sans ambiguïté"),
    };
    let rows = vec![
        vec![
            Cell::Text(t(lang, "Format", "Format").into()),
            Cell::Text(format),
        ],
        vec![
            Cell::Text(t(lang, "Rows read", "Lignes lues").into()),
            Cell::Figure(
                "import.rows".into(),
                Some(r.rows as f64),
                count(r.rows, lang),
            ),
        ],
        vec![
            Cell::Text(t(lang, "Rows skipped", "Lignes écartées").into()),
            Cell::Figure(
                "import.skipped_rows".into(),
                Some(r.skipped_rows as f64),
                count(r.skipped_rows, lang),
            ),
        ],
        vec![
            Cell::Text(
                t(
                    lang,
                    "Rows left out on purpose (lifecycle)",
                    "Lignes écartées volontairement (cycle de vie)",
                )
                .into(),
            ),
            Cell::Num(count(r.filtered_rows, lang)),
        ],
        vec![
            Cell::Text(t(lang, "Dates", "Dates").into()),
            Cell::Text(order.into()),
        ],
        vec![
            Cell::Text(
                t(
                    lang,
                    "Timestamps without offset, read as UTC",
                    "Horodatages sans décalage, lus en UTC",
                )
                .into(),
            ),
            Cell::Num(count(r.naive_timestamps, lang)),
        ],
    ];
    h.table(
        "import",
        &[t(lang, "Item", "Élément"), t(lang, "Value", "Valeur")],
        &rows,
    );
    if !r.problem_counts.is_empty() {
        let rows: Vec<Vec<Cell>> = r
            .problem_counts
            .iter()
            .map(|p| {
                vec![
                    Cell::Text(problem_words(p.kind, lang).into()),
                    Cell::Num(count(p.count, lang)),
                ]
            })
            .collect();
        h.table(
            "import-problems",
            &[t(lang, "Problem", "Problème"), t(lang, "#Rows", "#Lignes")],
            &rows,
        );
        h.p(
            "note",
            t(
                lang,
                "Each skipped row is listed with its line, column and value in the app's import report.",
                "Chaque ligne écartée est listée avec sa ligne, sa colonne et sa valeur dans le rapport d'import de l'application.",
            ),
        );
    }
}

fn problem_words(kind: crate::import::report::ProblemKind, lang: Language) -> &'static str {
    use crate::import::report::ProblemKind::*;
    match kind {
        MissingCase => t(lang, "missing case id", "identifiant de dossier manquant"),
        MissingActivity => t(lang, "missing activity", "activité manquante"),
        MissingTimestamp => t(lang, "missing timestamp", "horodatage manquant"),
        UnreadableTimestamp => t(lang, "unreadable timestamp", "horodatage illisible"),
        FieldCount => t(lang, "wrong number of fields", "nombre de champs incorrect"),
        Malformed => t(lang, "malformed XML", "XML mal formé"),
    }
}

/// The process map twice (frequency, then median waiting time) and the top variants.
pub fn map_section(
    h: &mut Html,
    log: &EventLog,
    sel: &Selection,
    summary: &Summary,
    opts: &ReportOptions,
) {
    let lang = opts.language;
    h.section("map", t(lang, "Process map", "Carte du processus"));
    if sel.is_empty() {
        h.missing(
            "map",
            t(
                lang,
                "Process map: not available (no case in the selection).",
                "Carte du processus : non disponible (aucun dossier dans la sélection).",
            ),
        );
        h.end_section();
        return;
    }
    let pct = super::activity_pct(log, opts);
    let drawing = draw_map(process_map(log, sel, pct), opts.paths_pct);
    let count_fmt = |n: u64| count(n, lang);
    let duration_fmt = |s: f64| duration(s, lang);
    let points_fmt = |x: f64| {
        format!(
            "{}{} pts",
            if x >= 0.0 { "+" } else { "" },
            words::number(x * 100.0, 1, lang)
        )
    };
    let cases_fmt = |n: u64| format!("{} {}", count(n, lang), t(lang, "cases", "dossiers"));
    let edge_fmt = |a: &str, b: &str| format!("{a} {} {b}", t(lang, "to", "vers"));
    let text = MapText {
        title: t(lang, "Process map", "Carte du processus"),
        start: t(lang, "Start", "Début"),
        end: t(lang, "End", "Fin"),
        count: &count_fmt,
        duration: &duration_fmt,
        points: &points_fmt,
        cases: &cases_fmt,
        edge: &edge_fmt,
        legend_activities: t(lang, "Activities (events)", "Activités (événements)"),
        legend_width_cases: t(
            lang,
            "Paths: width by cases",
            "Chemins : épaisseur selon les dossiers",
        ),
        legend_width_occurrences: t(
            lang,
            "Paths: width by occurrences",
            "Chemins : épaisseur selon les occurrences",
        ),
        legend_duration: t(
            lang,
            "Paths: colour by duration",
            "Chemins : couleur selon la durée",
        ),
    };
    let activities = drawing
        .map
        .nodes
        .iter()
        .filter(|n| n.kind == crate::analysis::NodeKind::Activity)
        .count();
    let shown = format!(
        "{} {} {} {}, {} {} {} {}.",
        count(activities as u64, lang),
        t(lang, "of", "activités montrées sur"),
        count(drawing.map.activities_total as u64, lang),
        t(lang, "activities shown", ""),
        count(drawing.kept.len() as u64, lang),
        t(lang, "of", "chemins sur"),
        count(drawing.map.edges.len() as u64, lang),
        t(lang, "paths", ""),
    )
    .replace(" ,", ",")
    .replace(" .", ".");
    h.p("note", &shown);
    h.h3(t(lang, "Frequency", "Fréquence"));
    h.figure(
        "map-frequency",
        &map_svg(&drawing, MapMode::Frequency { cases: false }, &text, None, true, None),
        t(
            lang,
            "Each box is an activity with its number of events; each path is labelled with how often it was taken.",
            "Chaque case est une activité avec son nombre d'événements ; chaque chemin porte le nombre de passages.",
        ),
    );
    h.h3(t(
        lang,
        "Performance (median waiting time)",
        "Performance (attente médiane)",
    ));
    h.figure(
        "map-performance",
        &map_svg(
            &drawing,
            MapMode::Performance { stat: Stat::Median },
            &text,
            None,
            true,
            None,
        ),
        t(
            lang,
            "Each path is labelled with the median time between its two activities.",
            "Chaque chemin porte le temps médian entre ses deux activités.",
        ),
    );
    variants(h, summary, opts);
    h.end_section();
}

/// The most frequent variants with their shares and median durations.
fn variants(h: &mut Html, s: &Summary, opts: &ReportOptions) {
    let lang = opts.language;
    h.h3(t(lang, "Top variants", "Principales variantes"));
    let rows: Vec<Vec<Cell>> = s
        .variants
        .iter()
        .take(opts.top_variants)
        .enumerate()
        .map(|(i, v)| {
            vec![
                Cell::Num(count(i as u64 + 1, lang)),
                Cell::Figure(
                    format!("variants.{i}.cases"),
                    Some(v.cases as f64),
                    count(v.cases, lang),
                ),
                Cell::Figure(
                    format!("variants.{i}.share"),
                    Some(v.share),
                    share(v.share, lang),
                ),
                Cell::Num(share(v.cumulative_share, lang)),
                Cell::Num(duration(v.median_duration_s, lang)),
                Cell::Text(v.activities.join(" → ")),
            ]
        })
        .collect();
    h.table(
        "variants",
        &[
            "#",
            t(lang, "#Cases", "#Dossiers"),
            t(lang, "#Share", "#Part"),
            t(lang, "#Cumulative", "#Cumul"),
            t(lang, "#Median duration", "#Durée médiane"),
            t(lang, "Activities", "Activités"),
        ],
        &rows,
    );
    if s.variants.len() > opts.top_variants {
        h.p(
            "note",
            &format!(
                "{} {} {}.",
                count(s.variants.len() as u64, lang),
                t(lang, "variants in all; the", "variantes en tout ; les"),
                match lang {
                    Language::En => format!("{} most frequent are listed", opts.top_variants),
                    Language::Fr => format!("{} plus fréquentes sont listées", opts.top_variants),
                }
            ),
        );
    }
}
