//! The collections KPIs with their definitions and basis, DSO by month-end (partial months marked, the
//! headline month named), and aging: all from one [`CollectionsReport`], the document
//! `relance collections --json` prints and the collections view shows.

use super::charts;
use super::html::{Cell, Html};
use super::words::{count, date_text, days, money, month, not_available, number, reason, share, t};
use crate::collections::facts::{
    Basis, RECEIVABLE_DEFINITION, RECEIVABLE_DEFINITION_FR, RECEIVABLE_DEFINITION_LEDGER,
    RECEIVABLE_DEFINITION_LEDGER_FR,
};
use crate::collections::kpi::Partial;
use crate::collections::CollectionsReport;
use crate::insights::{text::month_abbrev, Language};

/// Why `figure` is not available: its own entry in the report's list, else its parent's
/// (`kpis.credit` for `kpis.credit.approved`), in words.
fn why(r: &CollectionsReport, figure: &str, lang: Language) -> Option<String> {
    let mut f = figure;
    loop {
        if let Some(u) = r.unavailable.iter().find(|u| u.figure == f) {
            return Some(reason(u, lang));
        }
        f = f.rsplit_once('.')?.0;
    }
}

/// The collections section.
pub fn section(h: &mut Html, r: &CollectionsReport, lang: Language) {
    h.section("collections", t(lang, "Collections", "Recouvrement"));
    let k = &r.kpis;
    let receivables = r
        .unavailable
        .iter()
        .find(|u| u.figure == "kpis" || u.figure == "kpis.invoices");
    // A log none of whose activities has a collections role (a helpdesk, a purchase process) is not
    // a receivables log: its cases are not shown as invoices.
    if !r.mapping.has_collections_roles() {
        let text = format!(
            "{}{}{}.",
            t(lang, "Collections KPIs", "Indicateurs de recouvrement"),
            t(lang, ": ", " : "),
            not_available(
                Some(crate::insights::text::reason_no_collections_roles(lang)),
                lang
            )
        );
        h.missing("collections", &text);
        h.end_section();
        return;
    }
    if k.invoices == 0 {
        let text = format!(
            "{}: {}.",
            t(lang, "Collections KPIs", "Indicateurs de recouvrement"),
            not_available(
                receivables.map(|u| reason(u, lang)).or_else(|| Some(
                    t(
                        lang,
                        "no invoice in the selection",
                        "aucune facture dans la sélection"
                    )
                    .into()
                )),
                lang
            )
        );
        h.missing("collections", &text);
        h.end_section();
        return;
    }
    let mut head = format!(
        "{} {}, {} {}.",
        count(k.invoices, lang),
        t(lang, "invoices", "factures"),
        t(lang, "as of", "au"),
        date_text(&k.as_of, lang)
    );
    if k.cases_without_invoice > 0 {
        head.push_str(&format!(
            " {} {}.",
            count(k.cases_without_invoice, lang),
            t(
                lang,
                "cases without an invoice are left out",
                "dossiers sans facture sont laissés de côté"
            )
        ));
    }
    h.p("", &head);
    if !k.has_amounts {
        h.missing(
            "collections.amounts",
            t(
                lang,
                "Amounts: not available (the log has no amount column). DSO, CEI and aging count invoices instead of amounts; amounts at risk are not shown.",
                "Montants : non disponibles (le journal n'a pas de colonne de montant). DSO, CEI et balance âgée comptent les factures au lieu des montants ; les montants en jeu ne sont pas montrés.",
            ),
        );
    }
    let basis = match k.dso_basis {
        Basis::Ledger => t(
            lang,
            "Basis: ledger (a receivable closes when the payment is applied).",
            "Base : comptable (une créance se ferme à l'imputation du paiement).",
        ),
        Basis::Cash => t(
            lang,
            "Basis: cash (a receivable closes when the payment is received).",
            "Base : trésorerie (une créance se ferme à la réception du paiement).",
        ),
    };
    h.p("note", basis);

    h.h3(t(lang, "Key figures", "Indicateurs clés"));
    h.kpis_start();
    let fig = |x: f64, key: &str, show: &dyn Fn(f64) -> String| {
        if x.is_finite() {
            (Some(x), show(x))
        } else {
            (None, not_available(why(r, key, lang), lang))
        }
    };
    let pct = |x: f64| share(x, lang);
    let d = |x: f64| days(x, lang);
    let (v, s) = fig(k.on_time_payment_rate, "kpis.on_time_payment_rate", &pct);
    h.kpi(
        "kpis.on_time_payment_rate",
        v,
        t(
            lang,
            "On-time payment rate",
            "Taux de paiement à l'échéance",
        ),
        &s,
        t(
            lang,
            "Invoices paid on or before their due date ÷ paid invoices that have a due date.",
            "Factures payées au plus tard à leur échéance ÷ factures payées ayant une échéance.",
        ),
    );
    let itc = &k.invoice_to_cash_days;
    let (v, s) = fig(itc.median, "kpis.invoice_to_cash_days", &d);
    h.kpi(
        "kpis.invoice_to_cash_days.median",
        v,
        t(lang, "Invoice to cash (median)", "Délai d'encaissement (médiane)"),
        &s,
        t(
            lang,
            "Days from the invoice (created, else sent) to the first payment received; median over paid invoices.",
            "Jours entre la facture (création, sinon envoi) et le premier paiement reçu ; médiane sur les factures payées.",
        ),
    );
    let (v, s) = fig(itc.p90, "kpis.invoice_to_cash_days", &d);
    h.kpi(
        "kpis.invoice_to_cash_days.p90",
        v,
        t(lang, "Invoice to cash (p90)", "Délai d'encaissement (90e centile)"),
        &s,
        t(
            lang,
            "90th percentile of the days from invoice to first payment (numpy's linear interpolation).",
            "90e centile des jours entre la facture et le premier paiement (interpolation linéaire de numpy).",
        ),
    );
    let headline = k
        .dso_month
        .as_ref()
        .and_then(|hm| k.dso_monthly.iter().find(|m| &m.month == hm));
    match headline {
        Some(m) => {
            let month_why = |field: &str| {
                m.unavailable
                    .iter()
                    .find(|u| u.figure == field)
                    .map(|u| reason(u, lang))
            };
            let at = format!(
                "{} {}",
                t(lang, "at the end of", "à fin"),
                month(&m.month, lang)
            );
            for (key, field, value, label, def) in [
                (
                    "kpis.dso_simple",
                    "dso_simple",
                    m.dso_simple,
                    t(lang, "DSO (simple)", "DSO (simple)"),
                    t(
                        lang,
                        "Open receivables at the month-end ÷ credit sales of the 3 months before × 91.",
                        "Encours à la fin de mois ÷ ventes à crédit des 3 mois précédents × 91.",
                    ),
                ),
                (
                    "kpis.dso_countback",
                    "dso_countback",
                    m.dso_countback,
                    t(lang, "DSO (countback)", "DSO (par épuisement)"),
                    t(
                        lang,
                        "Open receivables matched against each month's sales going back in time; whole months' days plus the share of the last one.",
                        "L'encours est imputé sur les ventes de chaque mois en remontant le temps : jours des mois entiers, plus la part du dernier mois.",
                    ),
                ),
                (
                    "kpis.bpdso",
                    "bpdso",
                    m.bpdso,
                    t(lang, "Best possible DSO", "Meilleur DSO possible"),
                    t(
                        lang,
                        "Current (not yet due) receivables ÷ credit sales of the last 3 months × 91.",
                        "Encours non échu ÷ ventes à crédit des 3 derniers mois × 91.",
                    ),
                ),
                (
                    "kpis.add",
                    "add",
                    m.add,
                    t(lang, "Average days delinquent", "Retard moyen de paiement (ADD)"),
                    t(
                        lang,
                        "Simple DSO − Best possible DSO.",
                        "DSO simple − meilleur DSO possible.",
                    ),
                ),
            ] {
                let (v, s) = if value.is_finite() {
                    (Some(value), days(value, lang))
                } else {
                    (None, not_available(month_why(field), lang))
                };
                h.kpi(key, v, &format!("{label}, {at}"), &s, def);
            }
        }
        None => {
            let text = format!(
                "DSO: {}.",
                not_available(why(r, "kpis.dso_month", lang), lang)
            );
            h.kpi("kpis.dso_simple", None, "DSO", &text, "");
        }
    }
    let (v, s) = fig(k.cei, "kpis.cei", &|x| {
        format!("{}\u{a0}%", number(x, 1, lang))
    });
    h.kpi(
        "kpis.cei",
        v,
        t(lang, "CEI (12 months)", "CEI (12 mois)"),
        &s,
        t(
            lang,
            "(Receivables at start + credit sales − receivables at end) ÷ (receivables at start + credit sales − current receivables at end) × 100, over the last 12 months.",
            "(Encours de début + ventes à crédit − encours de fin) ÷ (encours de début + ventes à crédit − encours non échu de fin) × 100, sur les 12 derniers mois.",
        ),
    );
    let wo = &k.write_offs;
    match wo.invoices {
        Some(n) => h.kpi(
            "kpis.write_offs.invoices",
            Some(n as f64),
            t(lang, "Written off", "Passages en perte"),
            &format!("{} ({})", count(n, lang), share(wo.rate, lang)),
            t(
                lang,
                "Invoices with a write-off, and their share of all invoices.",
                "Factures passées en perte et leur part dans l'ensemble des factures.",
            ),
        ),
        None => h.kpi(
            "kpis.write_offs.invoices",
            None,
            t(lang, "Written off", "Passages en perte"),
            &not_available(why(r, "kpis.write_offs", lang), lang),
            "",
        ),
    }
    h.kpis_end();
    let definition = match (lang, k.dso_basis) {
        (Language::En, Basis::Cash) => RECEIVABLE_DEFINITION,
        (Language::En, Basis::Ledger) => RECEIVABLE_DEFINITION_LEDGER,
        (Language::Fr, Basis::Cash) => RECEIVABLE_DEFINITION_FR,
        (Language::Fr, Basis::Ledger) => RECEIVABLE_DEFINITION_LEDGER_FR,
    };
    h.p("note", definition);
    dso_by_month(h, r, lang);
    aging(h, r, lang);
    h.end_section();
}

/// DSO by month-end: a chart and a table, partial months marked with why.
fn dso_by_month(h: &mut Html, r: &CollectionsReport, lang: Language) {
    let k = &r.kpis;
    h.h3(t(lang, "DSO by month-end", "DSO par fin de mois"));
    if k.dso_monthly.is_empty() {
        h.missing(
            "kpis.dso_monthly",
            &format!(
                "DSO: {}.",
                not_available(why(r, "kpis.dso_monthly", lang), lang)
            ),
        );
        return;
    }
    let bars: Vec<charts::Bar> = k
        .dso_monthly
        .iter()
        .map(|m| charts::Bar {
            label: month_short(&m.month, lang),
            value: m.dso_simple,
            low: None,
            high: None,
            muted: m.partial,
        })
        .collect();
    h.figure(
        "dso",
        &charts::bars(&bars, &|x| number(x, 0, lang), t(lang, "DSO (days)", "DSO (jours)")),
        t(
            lang,
            "Simple DSO at each month-end; pale bars are partial months, never headlined.",
            "DSO simple à chaque fin de mois ; les barres pâles sont des mois partiels, jamais retenus.",
        ),
    );
    let rows: Vec<Vec<Cell>> = k
        .dso_monthly
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let cell = |field: &str, x: f64| {
                Cell::Figure(
                    format!("kpis.dso_monthly.{i}.{field}"),
                    Some(x),
                    if x.is_finite() {
                        number(x, 1, lang)
                    } else {
                        "–".into()
                    },
                )
            };
            let mut label = month(&m.month, lang);
            if k.dso_month.as_deref() == Some(m.month.as_str()) {
                label.push_str(t(lang, " (headline)", " (retenu)"));
            }
            let partial = match m.partial_reason {
                None if m.partial => t(lang, "partial", "partiel").to_string(),
                None => String::new(),
                Some(p) => partial_words(p, lang).to_string(),
            };
            vec![
                Cell::Text(label),
                cell("dso_simple", m.dso_simple),
                cell("dso_countback", m.dso_countback),
                cell("bpdso", m.bpdso),
                cell("add", m.add),
                Cell::Text(partial),
            ]
        })
        .collect();
    h.raw(r#"<div class="dso-table">"#);
    h.table(
        "dso",
        &[
            t(lang, "Month-end", "Fin de mois"),
            t(lang, "#DSO (simple)", "#DSO (simple)"),
            t(lang, "#DSO (countback)", "#DSO (par épuisement)"),
            t(lang, "#Best possible", "#Meilleur possible"),
            t(lang, "#ADD", "#ADD"),
            t(lang, "Partial month", "Mois partiel"),
        ],
        &rows,
    );
    h.raw("</div>");
    // The collections' notes are written in English only: the French report leaves them to the app.
    if lang == Language::En {
        for n in &r.notes {
            h.p("note", n);
        }
    }
}

fn partial_words(p: Partial, lang: Language) -> &'static str {
    match p {
        Partial::BeforeIssuing => t(
            lang,
            "partial: its 3 months of sales begin before the extract's first invoice",
            "partiel : ses 3 mois de ventes commencent avant la première facture de l'extraction",
        ),
        Partial::AfterIssuing => t(
            lang,
            "partial: its window reaches past the extract's last invoice (run-off)",
            "partiel : sa fenêtre dépasse la dernière facture de l'extraction (écoulement)",
        ),
        Partial::MonthNotOver => t(
            lang,
            "partial: the month is not over at the as-of date",
            "partiel : le mois n'est pas terminé à la date d'arrêté",
        ),
    }
}

/// `Jun 25` / `juin 25` / `janv. 25`, for chart axes (regression: the names were cut at four
/// letters, "Janu 24", "avri 24").
fn month_short(ym: &str, lang: Language) -> String {
    let parsed = ym
        .split_once('-')
        .and_then(|(y, m)| Some((y, month_abbrev(m.parse().ok()?, lang)?)));
    match parsed {
        Some((year, name)) => {
            let year = year.get(year.len().saturating_sub(2)..).unwrap_or(year);
            format!("{name} {year}")
        }
        None => month(ym, lang),
    }
}

/// Aging at the report's aging date.
fn aging(h: &mut Html, r: &CollectionsReport, lang: Language) {
    let k = &r.kpis;
    h.h3(&format!(
        "{} {}",
        t(lang, "Aging at", "Balance âgée au"),
        date_text(&k.aging_as_of, lang)
    ));
    if k.aging.is_empty() {
        h.missing(
            "kpis.aging",
            &format!(
                "{}: {}.",
                t(lang, "Aging", "Balance âgée"),
                not_available(
                    why(r, "kpis.aging", lang).or_else(|| why(
                        r,
                        "kpis.on_time_payment_rate",
                        lang
                    )),
                    lang
                )
            ),
        );
        return;
    }
    let rows: Vec<Vec<Cell>> = k
        .aging
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let label = match b.bucket.as_str() {
                "current" => t(lang, "not yet due", "non échu").to_string(),
                other => format!("{other} {}", t(lang, "days past due", "jours de retard")),
            };
            vec![
                Cell::Text(label),
                Cell::Figure(
                    format!("kpis.aging.{i}.invoices"),
                    Some(b.invoices as f64),
                    count(b.invoices, lang),
                ),
                if k.has_amounts {
                    Cell::Figure(
                        format!("kpis.aging.{i}.amount"),
                        Some(b.amount),
                        money(b.amount, None, lang),
                    )
                } else {
                    Cell::Text(t(lang, "no amounts", "pas de montants").into())
                },
            ]
        })
        .collect();
    h.table(
        "aging",
        &[
            t(lang, "Bucket", "Tranche"),
            t(lang, "#Open invoices", "#Factures ouvertes"),
            t(lang, "#Amount", "#Montant"),
        ],
        &rows,
    );
}
