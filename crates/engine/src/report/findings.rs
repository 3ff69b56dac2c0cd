//! The insights' headline (each finding's sentence, its rate and difference with their 95 % intervals,
//! its q-value, and the caveat that these are associations) and, when a comparison is set, the two
//! populations side by side. From [`insights`] and [`compare`], with the options the insights view
//! and `relance insights` use.

use super::html::{Cell, Html};
use super::words::{count, days, number, t};
use super::{CompareSpec, ReportOptions};
use crate::collections::RoleMap;
use crate::filter::Selection;
use crate::insights::{
    compare, insights, split_at, Finding, InsightsOptions, InsightsReport, Language, OutcomeKind,
};
use crate::log::EventLog;

/// The options the insights view uses for these settings.
fn options(opts: &ReportOptions) -> InsightsOptions {
    InsightsOptions {
        window_days: opts.collections.window_days,
        as_of_ms: opts.collections.as_of_ms,
        language: opts.language,
        ..InsightsOptions::default()
    }
}

/// A value of an outcome: a rate as a percentage, a duration in days.
fn value(x: f64, kind: OutcomeKind, lang: Language) -> String {
    match kind {
        OutcomeKind::Rate => format!("{}\u{a0}%", number(x * 100.0, 1, lang)),
        OutcomeKind::Duration => days(x, lang),
    }
}

/// A difference: percentage points for rates, days for durations, signed.
fn difference(x: f64, kind: OutcomeKind, lang: Language) -> String {
    let sign = if x > 0.0 { "+" } else { "" };
    match kind {
        OutcomeKind::Rate => format!("{sign}{}\u{a0}pts", number(x * 100.0, 1, lang)),
        OutcomeKind::Duration => format!("{sign}{}", days(x, lang)),
    }
}

/// `[low; high]` in the outcome's unit.
fn interval(lo: f64, hi: f64, kind: OutcomeKind, lang: Language, diff: bool) -> String {
    let f = |x| {
        if diff {
            difference(x, kind, lang)
        } else {
            value(x, kind, lang)
        }
    };
    format!("[{} ; {}]", f(lo), f(hi))
}

fn kind_of(r: &InsightsReport, outcome: &str) -> OutcomeKind {
    r.outcomes
        .iter()
        .find(|o| o.id == outcome)
        .map_or(OutcomeKind::Rate, |o| o.kind)
}

/// The insights section: the headline, the outcomes looked at, the caveat.
pub fn insights_section(
    h: &mut Html,
    log: &EventLog,
    sel: &Selection,
    roles: &RoleMap,
    opts: &ReportOptions,
) {
    let lang = opts.language;
    h.section(
        "insights",
        t(
            lang,
            "What goes with the outcomes",
            "Ce qui va avec les résultats",
        ),
    );
    if !opts.insights {
        h.missing(
            "insights",
            t(
                lang,
                "Insights: not computed for this report.",
                "Analyses : non calculées pour ce rapport.",
            ),
        );
        h.end_section();
        return;
    }
    let r = insights(log, sel, roles, &options(opts));
    h.p("caveat", &r.caveat);
    if r.headline.is_empty() {
        h.missing(
            "insights.headline",
            t(
                lang,
                "Headline: no finding adds cases with an outcome at the 5 % false-discovery rate.",
                "À retenir : aucun constat n'ajoute de cas à un résultat au taux de fausses découvertes de 5 %.",
            ),
        );
    } else {
        h.h3(t(lang, "Headline", "À retenir"));
        if !r.headline_note.is_empty() {
            h.p("note", &r.headline_note);
        }
        h.raw(r#"<ol class="findings" data-list="headline">"#);
        for item in &r.headline {
            h.raw("<li>");
            h.p("", &item.finding.text);
            for s in &item.subgroups {
                h.p("note", &s.text);
            }
            h.raw("</li>");
        }
        h.raw("</ol>");
        let rows: Vec<Vec<Cell>> = r
            .headline
            .iter()
            .enumerate()
            .map(|(i, item)| {
                finding_row(
                    i,
                    &item.outcome_label,
                    &item.finding,
                    kind_of(&r, &item.outcome),
                    lang,
                )
            })
            .collect();
        h.table(
            "headline",
            &[
                t(lang, "Outcome", "Résultat"),
                t(lang, "Group", "Groupe"),
                t(lang, "#Cases", "#Dossiers"),
                t(lang, "#Group [95 % CI]", "#Groupe [IC 95 %]"),
                t(lang, "#Rest", "#Reste"),
                t(lang, "#Difference [95 % CI]", "#Écart [IC 95 %]"),
                t(lang, "#q-value", "#Valeur q"),
            ],
            &rows,
        );
    }
    h.h3(t(lang, "Outcomes looked at", "Résultats examinés"));
    let rows: Vec<Vec<Cell>> = r
        .outcomes
        .iter()
        .map(|o| {
            let shown = match (o.available, o.value) {
                (true, Some(v)) => {
                    let mut s = value(v, o.kind, lang);
                    if let (Some(lo), Some(hi)) = (o.value_ci_low, o.value_ci_high) {
                        s.push(' ');
                        s.push_str(&interval(lo, hi, o.kind, lang, false));
                    }
                    s
                }
                _ => format!(
                    "{}{}",
                    t(lang, "not available", "non disponible"),
                    o.reason
                        .as_deref()
                        .map(|r| format!(" ({r})"))
                        .unwrap_or_default()
                ),
            };
            // An outcome that could not be computed had no cases and tested nothing: a dash, not 0.
            let n = |x: u64| {
                if o.available {
                    count(x, lang)
                } else {
                    "–".to_string()
                }
            };
            vec![
                Cell::Text(o.label.clone()),
                Cell::Figure(format!("outcomes.{}.value", o.id), o.value, shown),
                Cell::Num(n(o.cases)),
                Cell::Num(n(o.tested)),
            ]
        })
        .collect();
    h.table(
        "outcomes",
        &[
            t(lang, "Outcome", "Résultat"),
            t(lang, "#Value [95 % CI]", "#Valeur [IC 95 %]"),
            t(lang, "#Cases", "#Dossiers"),
            t(lang, "#Values tested", "#Valeurs testées"),
        ],
        &rows,
    );
    // The insights' notes are written in English only: the French report leaves them to the app.
    if lang == Language::En {
        for n in &r.notes {
            h.p("note", n);
        }
    }
    h.end_section();
}

fn finding_row(i: usize, label: &str, f: &Finding, kind: OutcomeKind, lang: Language) -> Vec<Cell> {
    vec![
        Cell::Text(label.to_string()),
        Cell::Text(format!("{} = {}", f.attribute, f.value)),
        Cell::Num(count(f.cases, lang)),
        Cell::Figure(
            format!("headline.{i}.outcome_value"),
            Some(f.outcome_value),
            format!(
                "{} {}",
                value(f.outcome_value, kind, lang),
                interval(f.value_ci_low, f.value_ci_high, kind, lang, false)
            ),
        ),
        Cell::Num(value(f.rest_value, kind, lang)),
        Cell::Figure(
            format!("headline.{i}.difference"),
            Some(f.difference),
            format!(
                "{} {}",
                difference(f.difference, kind, lang),
                interval(f.ci_low, f.ci_high, kind, lang, true)
            ),
        ),
        Cell::Num(q_value(f.q_value, lang)),
    ]
}

fn q_value(q: f64, lang: Language) -> String {
    if q < 0.001 {
        "< 0,001".replace(',', if lang == Language::En { "." } else { "," })
    } else {
        number(q, 3, lang)
    }
}

/// The comparison of two populations: KPIs with intervals, the variants that grew or shrank most.
pub fn compare_section(
    h: &mut Html,
    log: &EventLog,
    sel: &Selection,
    roles: &RoleMap,
    spec: &CompareSpec,
    opts: &ReportOptions,
) {
    let lang = opts.language;
    h.section("compare", t(lang, "Comparison", "Comparaison"));
    let (a, b) = match spec {
        CompareSpec::Date { at_ms } => {
            h.p(
                "",
                &format!(
                    "{} {}.",
                    t(
                        lang,
                        "A: cases of the filter starting before, B: on or after",
                        "A : dossiers du filtre commençant avant, B : le ou après le"
                    ),
                    super::words::date(*at_ms, lang)
                ),
            );
            split_at(log, sel, *at_ms)
        }
        CompareSpec::Filters { a, b } => {
            let words = |s: &crate::filter::FilterStack| {
                let v: Vec<String> = s
                    .items
                    .iter()
                    .map(|f| crate::filter::describe_in(&f.filter, f.keep, lang))
                    .collect();
                if v.is_empty() {
                    t(lang, "every case", "tous les dossiers").to_string()
                } else {
                    v.join(" · ")
                }
            };
            h.p("", &format!("{}{}", t(lang, "A: ", "A : "), words(a)));
            h.p("", &format!("{}{}", t(lang, "B: ", "B : "), words(b)));
            (a.apply(log), b.apply(log))
        }
    };
    if a.is_empty() || b.is_empty() {
        h.missing(
            "compare",
            &format!(
                "{} ({}{}, {}{}).",
                t(
                    lang,
                    "Comparison: not available: a population is empty",
                    "Comparaison : non disponible : une population est vide"
                ),
                t(lang, "A: ", "A : "),
                count(a.len() as u64, lang),
                t(lang, "B: ", "B : "),
                count(b.len() as u64, lang)
            ),
        );
        h.end_section();
        return;
    }
    let c = compare(log, &a, &b, roles, &options(opts));
    h.p(
        "",
        &format!(
            "{}{} {}, {}{} {} ({} {}).",
            t(lang, "A: ", "A : "),
            count(c.a_cases, lang),
            t(lang, "cases", "dossiers"),
            t(lang, "B: ", "B : "),
            count(c.b_cases, lang),
            t(lang, "cases", "dossiers"),
            count(c.overlap_cases, lang),
            t(lang, "in both", "dans les deux")
        ),
    );
    let est = |e: &crate::insights::compare::Estimate, kind| match e.value {
        Some(v) => {
            let mut s = value(v, kind, lang);
            if let (Some(lo), Some(hi)) = (e.ci_low, e.ci_high) {
                s.push(' ');
                s.push_str(&interval(lo, hi, kind, lang, false));
            }
            s
        }
        None => "–".into(),
    };
    let rows: Vec<Vec<Cell>> = c
        .kpis
        .iter()
        .map(|k| {
            let change = match (k.difference, k.ci_low, k.ci_high) {
                (Some(d), Some(lo), Some(hi)) => format!(
                    "{} {}",
                    difference(d, k.kind, lang),
                    interval(lo, hi, k.kind, lang, true)
                ),
                (Some(d), _, _) => difference(d, k.kind, lang),
                _ => format!(
                    "{}{}",
                    t(lang, "not available", "non disponible"),
                    k.reason
                        .as_deref()
                        .map(|r| format!(" ({r})"))
                        .unwrap_or_default()
                ),
            };
            vec![
                Cell::Text(k.label.clone()),
                Cell::Num(est(&k.a, k.kind)),
                Cell::Num(est(&k.b, k.kind)),
                Cell::Figure(format!("compare.{}.difference", k.id), k.difference, change),
            ]
        })
        .collect();
    h.table(
        "compare-kpis",
        &[
            t(lang, "Indicator", "Indicateur"),
            t(lang, "#A [95 % CI]", "#A [IC 95 %]"),
            t(lang, "#B [95 % CI]", "#B [IC 95 %]"),
            t(lang, "#Change B − A [95 % CI]", "#Écart B − A [IC 95 %]"),
        ],
        &rows,
    );
    h.h3(t(
        lang,
        "Variants that changed most",
        "Variantes qui ont le plus changé",
    ));
    let rows: Vec<Vec<Cell>> = c
        .variants
        .iter()
        .take(8)
        .map(|v| {
            vec![
                Cell::Text(v.activities.join(" → ")),
                Cell::Num(super::words::share(v.a_share, lang)),
                Cell::Num(super::words::share(v.b_share, lang)),
                Cell::Num(format!(
                    "{} {}",
                    difference(v.difference, OutcomeKind::Rate, lang),
                    interval(v.ci_low, v.ci_high, OutcomeKind::Rate, lang, true)
                )),
                Cell::Num(q_value(v.q_value, lang)),
            ]
        })
        .collect();
    h.table(
        "compare-variants",
        &[
            t(lang, "Variant", "Variante"),
            t(lang, "#Share in A", "#Part dans A"),
            t(lang, "#Share in B", "#Part dans B"),
            t(lang, "#Change [95 % CI]", "#Écart [IC 95 %]"),
            t(lang, "#q-value", "#Valeur q"),
        ],
        &rows,
    );
    h.p("caveat", &c.drivers.caveat);
    h.end_section();
}
