//! What comes next: the forecast's worklist in short and the cash expected by week (from
//! [`forecast`], as `relance forecast` computes it), and, when a model is set, conformance and the
//! what-if scenarios (from [`conformance`], as `relance conformance` computes them).

use super::charts::{self, Bar};
use super::html::{Cell, Html};
use super::words::{count, date_text, days, money, not_available, number, share, t};
use super::ReportOptions;
use crate::collections::RoleMap;
use crate::conformance::{conformance, ConformanceOptions};
use crate::filter::Selection;
use crate::forecast::text::say_message;
use crate::forecast::{forecast, CashUnit, ForecastOptions};
use crate::insights::Language;
use crate::log::EventLog;

/// How many open invoices the report lists (most amount at risk first).
const WORKLIST_ROWS: usize = 10;

/// The forecast: the open book in short, the riskiest invoices, the cash by week, the backtest's
/// verdict.
pub fn forecast_section(
    h: &mut Html,
    log: &EventLog,
    sel: &Selection,
    roles: &RoleMap,
    opts: &ReportOptions,
) {
    let lang = opts.language;
    h.section("forecast", t(lang, "Forecast", "Prévision"));
    if !opts.forecast {
        h.missing(
            "forecast",
            t(
                lang,
                "Forecast: not computed for this report.",
                "Prévision : non calculée pour ce rapport.",
            ),
        );
        h.end_section();
        return;
    }
    let fo = ForecastOptions {
        as_of_ms: opts.collections.as_of_ms,
        ..ForecastOptions::default()
    };
    let f = forecast(log, sel, roles, &fo);
    for u in &f.unavailable {
        // The JSON's field names are not words: each is said in the report's language.
        let what = match u.figure.as_str() {
            "forecast" => t(lang, "Forecast", "Prévision"),
            "p_write_off" => t(
                lang,
                "Write-off probability",
                "Probabilité de passage en perte",
            ),
            "backtest" => t(lang, "Backtest", "Test rétrospectif"),
            "customer_habits" => t(lang, "Customers' habits", "Habitudes des clients"),
            other => other,
        };
        h.missing(
            &format!("forecast.{}", u.figure),
            &format!(
                "{what}{}{}.",
                t(lang, ": ", " : "),
                not_available(Some(say_message(&u.reason, lang)), lang)
            ),
        );
    }
    if !f.available {
        h.end_section();
        return;
    }
    let cur = f.currency.as_deref();
    let amount = |x: f64| match f.cash_unit {
        CashUnit::Amount => money(x, cur, lang),
        CashUnit::Invoices => format!("{} {}", number(x, 1, lang), t(lang, "invoices", "factures")),
    };
    let open: f64 = f.open_invoices.iter().filter_map(|i| i.amount).sum();
    let at_risk: f64 = f
        .open_invoices
        .iter()
        .filter_map(|i| i.amount_at_risk)
        .sum();
    h.p(
        "",
        &format!(
            "{} {} : {} {}.",
            t(lang, "As of", "Au"),
            date_text(&f.as_of, lang),
            count(f.open_invoices.len() as u64, lang),
            t(lang, "open invoices", "factures ouvertes")
        )
        .replace(" : ", t(lang, ": ", " : ")),
    );
    h.kpis_start();
    h.kpi(
        "forecast.open_invoices",
        Some(f.open_invoices.len() as f64),
        t(lang, "Open invoices", "Factures ouvertes"),
        &count(f.open_invoices.len() as u64, lang),
        "",
    );
    if f.cash_unit == CashUnit::Amount {
        h.kpi(
            "forecast.open_amount",
            Some(open),
            t(lang, "Open amount", "Montant ouvert"),
            &money(open, cur, lang),
            "",
        );
        h.kpi(
            "forecast.amount_at_risk",
            Some(at_risk),
            t(lang, "Amount at risk", "Montant à risque"),
            &money(at_risk, cur, lang),
            t(
                lang,
                "Each open invoice's amount × its probability of being paid late or not at all.",
                "Montant de chaque facture ouverte × sa probabilité d'être payée en retard ou jamais.",
            ),
        );
    }
    h.kpis_end();
    let mut rows: Vec<&crate::forecast::OpenInvoice> = f.open_invoices.iter().collect();
    rows.sort_by(|a, b| {
        b.amount_at_risk
            .unwrap_or(0.0)
            .total_cmp(&a.amount_at_risk.unwrap_or(0.0))
            .then_with(|| a.case.cmp(&b.case))
    });
    h.h3(t(
        lang,
        "Worklist: the invoices most at risk",
        "Liste de travail : les factures les plus à risque",
    ));
    let table: Vec<Vec<Cell>> = rows
        .iter()
        .take(WORKLIST_ROWS)
        .map(|i| {
            let date = match (&i.expected_payment_date, &i.not_available) {
                (Some(d), _) => date_text(d, lang),
                (None, Some(m)) => say_message(m, lang),
                (None, None) => "–".into(),
            };
            vec![
                Cell::Text(i.case.clone()),
                Cell::Text(i.customer.clone().unwrap_or_default()),
                Cell::Num(
                    i.amount
                        .map(|a| money(a, cur, lang))
                        .unwrap_or_else(|| "–".into()),
                ),
                Cell::Num(
                    i.due_date
                        .as_deref()
                        .map(|d| date_text(d, lang))
                        .unwrap_or_else(|| "–".into()),
                ),
                Cell::Num(
                    i.p_late
                        .map(|p| share(p, lang))
                        .unwrap_or_else(|| "–".into()),
                ),
                Cell::Text(date),
                Cell::Text(
                    i.reasons
                        .first()
                        .map(|r| crate::forecast::text::say(&r.key, &r.args, lang))
                        .unwrap_or_default(),
                ),
            ]
        })
        .collect();
    h.table(
        "worklist",
        &[
            t(lang, "Invoice", "Facture"),
            t(lang, "Customer", "Client"),
            t(lang, "#Amount", "#Montant"),
            t(lang, "#Due", "#Échéance"),
            t(lang, "#Late probability", "#Probabilité de retard"),
            t(lang, "Expected payment", "Paiement attendu"),
            t(lang, "Main reason", "Raison principale"),
        ],
        &table,
    );
    h.h3(t(
        lang,
        "Cash expected by week",
        "Encaissements attendus par semaine",
    ));
    let bars: Vec<Bar> = f
        .cash_by_week
        .iter()
        .map(|w| Bar {
            label: short_date(&w.week_start, lang),
            value: w.expected,
            low: Some(w.low),
            high: Some(w.high),
            muted: false,
        })
        .collect();
    h.figure(
        "cash",
        &charts::bars(
            &bars,
            &amount,
            t(lang, "Cash expected", "Encaissements attendus"),
        ),
        t(
            lang,
            "Expected cash per week with its 80 % band (whiskers).",
            "Encaissements attendus par semaine avec leur bande à 80 % (moustaches).",
        ),
    );
    let cash: Vec<Vec<Cell>> = f
        .cash_by_week
        .iter()
        .enumerate()
        .map(|(i, w)| {
            vec![
                Cell::Text(format!(
                    "{} – {}",
                    date_text(&w.week_start, lang),
                    date_text(&w.week_end, lang)
                )),
                Cell::Figure(
                    format!("cash_by_week.{i}.expected"),
                    Some(w.expected),
                    amount(w.expected),
                ),
                Cell::Num(format!("{} – {}", amount(w.low), amount(w.high))),
            ]
        })
        .collect();
    h.table(
        "cash",
        &[
            t(lang, "Week", "Semaine"),
            t(lang, "#Expected", "#Attendu"),
            t(lang, "#80 % band", "#Bande à 80 %"),
        ],
        &cash,
    );
    let b = &f.backtest;
    h.h3(t(
        lang,
        "How well it did on the log's past",
        "Ce qu'elle a donné sur le passé du journal",
    ));
    if b.available {
        let d = |x: Option<f64>| x.map_or_else(|| "–".into(), |v| days(v, lang));
        h.p(
            "",
            &format!(
                "{} {} : {} {} ; {} {} ; {} {}.",
                count(b.invoices, lang),
                t(lang, "invoices scored", "factures évaluées"),
                t(lang, "mean error", "erreur moyenne"),
                d(b.mae_days),
                t(lang, "due date", "échéance"),
                d(b.baseline_due_mae_days),
                t(lang, "customer's usual delay", "retard habituel du client"),
                d(b.baseline_customer_mae_days),
            )
            .replace(" : ", t(lang, ": ", " : "))
            .replace(" ; ", t(lang, "; ", " ; ")),
        );
        if let Some(v) = &b.verdict {
            h.p("", &say_message(v, lang));
        }
    } else if let Some(m) = &b.unavailable {
        h.missing("forecast.backtest", &say_message(m, lang));
    }
    h.end_section();
}

/// `3 Mar` / `03/03`, for chart axes.
fn short_date(s: &str, lang: Language) -> String {
    let d = date_text(s, lang);
    match lang {
        Language::En => d.rsplit_once(' ').map_or(d.clone(), |(a, _)| a.to_string()),
        Language::Fr => d.get(..5).unwrap_or(&d).to_string(),
    }
}

/// Conformance and what-if: fitness, the costliest deviations, the scenarios; or why there is none.
pub fn conformance_section(
    h: &mut Html,
    log: &EventLog,
    sel: &Selection,
    roles: &RoleMap,
    opts: &ReportOptions,
) {
    let lang = opts.language;
    h.section(
        "conformance",
        t(lang, "Conformance and what-if", "Conformité et simulations"),
    );
    let Some(spec) = &opts.conformance else {
        h.missing(
            "conformance",
            t(
                lang,
                "Conformance: not available (no conformance model set: choose a happy path or import a BPMN or PNML model in the conformance view, or give --happy-path N or --model FILE).",
                "Conformité : non disponible (aucun modèle de conformité choisi : choisissez un chemin idéal ou importez un modèle BPMN ou PNML dans la vue conformité, ou donnez --happy-path N ou --model FICHIER).",
            ),
        );
        h.end_section();
        return;
    };
    let co = ConformanceOptions {
        language: lang,
        as_of_ms: opts.collections.as_of_ms,
        scenarios: spec.scenarios.clone(),
        ..ConformanceOptions::default()
    };
    let r = match conformance(log, sel, &spec.model, roles, &co) {
        Ok(r) => r,
        Err(e) => {
            h.missing(
                "conformance",
                &format!(
                    "{} {e}",
                    t(
                        lang,
                        "Conformance: not available:",
                        "Conformité : non disponible :"
                    )
                ),
            );
            h.end_section();
            return;
        }
    };
    h.p("", &r.model.description);
    h.kpis_start();
    h.kpi(
        "conformance.fitness",
        r.fitness,
        t(lang, "Log fitness", "Adéquation du journal"),
        &r.fitness.map_or_else(|| "–".into(), |x| number(x, 3, lang)),
        t(
            lang,
            "1 − deviations ÷ (trace length + the model's shortest run), over every case (pm4py's definition).",
            "1 − écarts ÷ (longueur de la trace + plus court parcours du modèle), sur tous les dossiers (définition de pm4py).",
        ),
    );
    h.kpi(
        "conformance.fit_cases",
        Some(r.fit_cases as f64),
        t(lang, "Cases that fit", "Dossiers conformes"),
        &format!(
            "{} ({})",
            count(r.fit_cases, lang),
            r.fit_share.map_or_else(|| "–".into(), |s| share(s, lang))
        ),
        "",
    );
    h.kpis_end();
    h.h3(t(
        lang,
        "Deviations ranked by impact",
        "Écarts classés par impact",
    ));
    let rows: Vec<Vec<Cell>> = r
        .deviations
        .iter()
        .take(8)
        .map(|d| {
            let impact = match (d.impact_days, d.ci_low, d.ci_high) {
                (Some(x), Some(lo), Some(hi)) => format!(
                    "{} [{} ; {}]",
                    days(x, lang),
                    days(lo, lang),
                    days(hi, lang)
                ),
                (Some(x), _, _) => days(x, lang),
                _ => d.reason.clone().unwrap_or_else(|| "–".into()),
            };
            vec![
                Cell::Text(d.text.clone()),
                Cell::Num(count(d.cases, lang)),
                Cell::Num(share(d.share, lang)),
                Cell::Num(impact),
            ]
        })
        .collect();
    h.table(
        "deviations",
        &[
            t(lang, "Deviation", "Écart"),
            t(lang, "#Cases", "#Dossiers"),
            t(lang, "#Share", "#Part"),
            t(lang, "#Impact [95 % CI]", "#Impact [IC 95 %]"),
        ],
        &rows,
    );
    h.h3(t(lang, "What-if scenarios", "Simulations"));
    let ci = |x: Option<f64>, lo: Option<f64>, hi: Option<f64>, f: &dyn Fn(f64) -> String| match (
        x, lo, hi,
    ) {
        (Some(x), Some(lo), Some(hi)) => format!("{} [{} ; {}]", f(x), f(lo), f(hi)),
        (Some(x), _, _) => f(x),
        _ => "–".into(),
    };
    let d = |x: f64| days(x, lang);
    let m = |x: f64| money(x, None, lang);
    let n = |x: f64| number(x, 0, lang);
    let rows: Vec<Vec<Cell>> = r
        .scenarios
        .iter()
        .map(|s| {
            vec![
                Cell::Text(s.name.clone()),
                Cell::Num(ci(s.invoice_to_cash_days, s.ci_low, s.ci_high, &d)),
                Cell::Num(ci(s.dso_days, s.dso_ci_low, s.dso_ci_high, &d)),
                Cell::Num(ci(s.cash_released, s.cash_ci_low, s.cash_ci_high, &m)),
                Cell::Num(ci(s.late_invoices, s.late_ci_low, s.late_ci_high, &n)),
                Cell::Num(ci(
                    s.write_offs,
                    s.write_offs_ci_low,
                    s.write_offs_ci_high,
                    &n,
                )),
            ]
        })
        .collect();
    h.table(
        "scenarios",
        &[
            t(lang, "Scenario", "Scénario"),
            t(
                lang,
                "#Invoice to cash [95 % CI]",
                "#Délai d'encaissement [IC 95 %]",
            ),
            t(lang, "#DSO [95 % CI]", "#DSO [IC 95 %]"),
            t(lang, "#Cash released", "#Trésorerie libérée"),
            t(lang, "#Late invoices", "#Factures en retard"),
            t(lang, "#Write-offs", "#Passages en perte"),
        ],
        &rows,
    );
    h.p("caveat", &r.caveat);
    h.end_section();
}
