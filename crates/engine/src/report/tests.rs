//! The report's behaviour: self-contained, every section there or saying why not, figures from the
//! engine's functions, the map's labels as SVG text, French without English interface words.

use super::*;
use crate::collections::{self, compliance::builtin_packs};
use crate::demo::{demo_csv, DemoLanguage, DemoOptions};
use crate::filter::{Filter, FilterItem};
use crate::import::{import_bytes, ImportOptions, Imported};
use crate::report::html::plain_text as text;

fn demo(invoices: usize, language: DemoLanguage) -> Imported {
    let csv = demo_csv(DemoOptions {
        invoices,
        language,
        ..Default::default()
    });
    import_bytes(csv.as_bytes(), ImportOptions::default()).unwrap()
}

fn html_of(imported: &Imported, filters: &FilterStack, opts: &ReportOptions) -> String {
    let log = &imported.log;
    let roles = RoleMap::guess(log);
    let input = ReportInput {
        import: Some(&imported.report),
        filters,
        roles: &roles,
    };
    report_html(log, &filters.apply(log), &input, opts)
}

/// The `data-value` of the first element whose `data-figure` is `key`.
fn figure(html: &str, key: &str) -> Option<f64> {
    let at = html.find(&format!(r#"data-figure="{key}" data-value=""#))?;
    let rest = &html[at..];
    let start = rest.find("data-value=\"")? + "data-value=\"".len();
    let end = rest[start..].find('"')? + start;
    rest[start..end].parse().ok()
}

/// The report of a small English demo without its two slowest sections (forecast and insights).
fn quick_report() -> String {
    let imported = demo(300, DemoLanguage::English);
    let opts = ReportOptions {
        forecast: false,
        insights: false,
        ..Default::default()
    };
    html_of(&imported, &FilterStack::default(), &opts)
}

#[test]
fn the_report_fetches_nothing_and_prints_landscape() {
    let html = quick_report();
    // The only URL is the SVG namespace, which is a name, not a request.
    let without_ns = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    for bad in [
        "http:",
        "https:",
        "<link",
        "<script",
        "<img",
        "<iframe",
        "src=",
        "url(",
        "@import",
        "@font-face",
    ] {
        assert!(!without_ns.contains(bad), "the report holds {bad:?}");
    }
    assert!(html.contains("@page { size: A4 landscape"));
    assert!(html.contains("break-before: page"));
    assert!(html.starts_with("<!DOCTYPE html><html lang=\"en\">"));
    assert!(html.ends_with("</body></html>"));
}

#[test]
fn every_section_is_there_and_figures_come_from_the_engine() {
    let imported = demo(600, DemoLanguage::English);
    let log = &imported.log;
    let html = html_of(
        &imported,
        &FilterStack::default(),
        &ReportOptions::default(),
    );
    for id in [
        "log",
        "map",
        "collections",
        "insights",
        "forecast",
        "conformance",
        "settings",
    ] {
        assert!(
            html.contains(&format!(r#"data-section="{id}""#)),
            "section {id} missing"
        );
    }
    // No comparison set: no comparison section; no model set: conformance says why.
    assert!(!html.contains(r#"data-section="compare""#));
    assert!(html.contains(r#"data-missing="conformance""#));
    assert!(html.contains("no conformance model set"));

    let sel = Selection::all(log);
    let summary = crate::analysis::summarize(log, &sel);
    assert_eq!(figure(&html, "log.cases"), Some(summary.log.cases as f64));
    assert_eq!(figure(&html, "log.events"), Some(summary.log.events as f64));
    assert_eq!(
        figure(&html, "log.variants"),
        Some(summary.log.variants as f64)
    );
    assert_eq!(
        figure(&html, "variants.0.cases"),
        Some(summary.variants[0].cases as f64)
    );
    let r = collections::report(
        log,
        &sel,
        &RoleMap::guess(log),
        &CollectionsSettings::default(),
        &builtin_packs(),
    );
    assert_eq!(
        figure(&html, "kpis.on_time_payment_rate"),
        Some(r.kpis.on_time_payment_rate)
    );
    assert_eq!(
        figure(&html, "kpis.invoice_to_cash_days.median"),
        Some(r.kpis.invoice_to_cash_days.median)
    );
    let headline = r
        .kpis
        .dso_monthly
        .iter()
        .find(|m| Some(&m.month) == r.kpis.dso_month.as_ref())
        .expect("the demo has a complete month");
    assert_eq!(figure(&html, "kpis.dso_simple"), Some(headline.dso_simple));
    assert_eq!(
        figure(&html, "kpis.aging.0.invoices"),
        Some(r.kpis.aging[0].invoices as f64)
    );
    // Partial months are marked, the headline month named.
    assert!(r.kpis.dso_monthly.iter().any(|m| m.partial));
    assert!(html.contains("partial: "));
    assert!(html.contains(" (headline)"));
    // The headline findings carry their intervals and the caveat.
    assert!(html.contains(r#"data-list="headline""#));
    assert!(html.contains("[95 % CI]"));
    assert!(html.contains("not proof of cause"));
    // The forecast's weekly cash.
    assert!(figure(&html, "cash_by_week.0.expected").is_some());
}

#[test]
fn the_map_labels_are_svg_text_in_both_views() {
    let html = quick_report();
    for chart in ["map-frequency", "map-performance"] {
        let at = html.find(&format!(r#"data-chart="{chart}""#)).unwrap();
        let end = at + html[at..].find("</figure>").unwrap();
        let svg = &html[at..end];
        assert!(svg.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.contains(">Invoice created</text>"), "{chart}");
        assert!(
            svg.contains("data-edge-label="),
            "{chart}: paths are labelled"
        );
    }
}

#[test]
fn a_log_without_amounts_or_due_dates_says_why() {
    let csv = "case,activity,timestamp\n\
        1,Invoice created,2024-01-02\n1,Payment received,2024-02-10\n\
        2,Invoice created,2024-01-05\n2,Reminder 1 sent,2024-02-20\n2,Payment received,2024-03-01\n\
        3,Invoice created,2024-02-03\n3,Payment received,2024-03-20\n";
    let imported = import_bytes(csv.as_bytes(), ImportOptions::default()).unwrap();
    for lang in [Language::En, Language::Fr] {
        let opts = ReportOptions {
            language: lang,
            ..Default::default()
        };
        let html = html_of(&imported, &FilterStack::default(), &opts);
        assert!(html.contains(r#"data-missing="collections.amounts""#));
        // The on-time rate needs due dates: missing, with the reason in the report's language.
        assert!(html.contains(r#"data-figure="kpis.on_time_payment_rate" data-missing="1""#));
        let why = match lang {
            Language::En => "no due-date column and no activity recognised as due date passed",
            Language::Fr => "ni colonne d'échéance ni activité reconnue comme échéance dépassée",
        };
        assert!(text(&html).contains(why), "{lang:?}");
        assert!(html.contains(r#"data-missing="conformance""#));
    }
}

#[test]
fn french_has_no_english_interface_words() {
    let imported = demo(400, DemoLanguage::French);
    let filters = FilterStack {
        items: vec![FilterItem {
            filter: Filter::Activities {
                names: vec!["Facture émise".into()],
            },
            keep: true,
        }],
    };
    let opts = ReportOptions {
        language: Language::Fr,
        ..Default::default()
    };
    let html = html_of(&imported, &filters, &opts);
    assert!(html.starts_with("<!DOCTYPE html><html lang=\"fr\">"));
    let words = text(&html);
    for english in [
        "Process map",
        "The log",
        "Cases",
        "Events",
        "Variants",
        "Collections",
        "Key figures",
        "On-time",
        "Invoice to cash",
        "Aging",
        "not available",
        "Headline",
        "Forecast",
        "Open invoices",
        "Cash expected",
        "Filters",
        "Settings",
        "Made on",
        "partial",
        "invoices",
        " of ",
        " to ",
        "Start",
        "median",
        "Week",
        "Outcome",
        "days",
        " d ",
        "Rows",
        "the data never left",
    ] {
        assert!(!words.contains(english), "French report says {english:?}");
    }
    assert!(words.contains("Carte du processus"));
    assert!(words.contains("Filtres appliqués"));
    // Numbers in French: a decimal comma in the DSO table.
    assert!(html.contains(r#"data-figure="kpis.dso_monthly.0.dso_simple""#));
}

#[test]
fn an_empty_selection_gives_a_report_that_says_so() {
    let imported = demo(200, DemoLanguage::English);
    let log = &imported.log;
    let roles = RoleMap::guess(log);
    let filters = FilterStack::default();
    let input = ReportInput {
        import: None,
        filters: &filters,
        roles: &roles,
    };
    let html = report_html(
        log,
        &Selection::from_fn(log, |_| false),
        &input,
        &ReportOptions::default(),
    );
    assert!(html.contains(r#"data-missing="map""#));
    assert!(html.contains(r#"data-missing="log.import""#));
    assert!(html.contains(r#"data-missing="collections""#));
    assert!(html.ends_with("</body></html>"));
}

/// Chart months are the usual abbreviations, and an outcome that cannot be computed says why in the
/// report's language, with a dash for its cases (regressions: "Janu 24" and "avri 24" on the axes;
/// English reasons and "0" counts in the French report).
#[test]
fn month_labels_and_unavailable_outcomes_read_right_in_both_languages() {
    // Receivables without a due date: late payment cannot be judged.
    let mut csv = String::from("case,activity,timestamp,amount\n");
    for m in 1..=6 {
        for i in 0..8 {
            csv += &format!(
                "I{m}-{i},Invoice created,2024-{m:02}-{d:02},{a}\n\
                 I{m}-{i},Payment received,2024-{m:02}-{p:02},{a}\n",
                d = i + 1,
                p = i + 20,
                a = 100 + 10 * i
            );
        }
    }
    let imported = import_bytes(csv.as_bytes(), ImportOptions::default()).unwrap();
    let report = |language| {
        let opts = ReportOptions {
            language,
            forecast: false,
            ..Default::default()
        };
        html_of(&imported, &FilterStack::default(), &opts)
    };
    let (en, fr) = (report(Language::En), report(Language::Fr));
    assert!(
        en.contains(">Jan 24<") && en.contains(">Apr 24<"),
        "English axis"
    );
    assert!(
        fr.contains(">janv. 24<") && fr.contains(">avr. 24<"),
        "French axis"
    );
    for html in [&en, &fr] {
        for cut in [">Janu 24<", ">Apri 24<", ">janv 24<", ">avri 24<"] {
            assert!(!html.contains(cut), "{cut}");
        }
    }
    let words = text(&fr);
    assert!(
        words.contains("non disponible (le journal n'a pas d'échéance"),
        "the French reason"
    );
    assert!(!words.contains("the log has no due date"));
    assert!(text(&en).contains("not available (the log has no due date"));
    assert!(
        fr.contains(r#"<td class="num">–</td>"#),
        "a dash for the cases"
    );
}

/// A log with no collections role (a helpdesk) is not shown as receivables: its tickets are not
/// "invoices", and the settings count no activity with a role (regression: "4 580 factures" and 14
/// activities "with a collections role" that all had none).
#[test]
fn a_log_without_collections_roles_is_not_shown_as_receivables() {
    let mut csv = String::from("case,activity,timestamp\n");
    for i in 0..30 {
        csv += &format!(
            "T{i},Ticket opened,2024-01-{d:02}T09:00:00Z\nT{i},Resolved,2024-01-{d:02}T17:00:00Z\n",
            d = i % 28 + 1
        );
    }
    let imported = import_bytes(csv.as_bytes(), ImportOptions::default()).unwrap();
    for (language, no_role) in [
        (Language::En, "not a receivables log"),
        (Language::Fr, "ce n'est pas un journal de créances"),
    ] {
        let opts = ReportOptions {
            language,
            ..Default::default()
        };
        let html = html_of(&imported, &FilterStack::default(), &opts);
        assert!(html.contains(r#"data-missing="collections""#));
        let words = text(&html);
        assert!(words.contains(no_role), "{language:?}");
        assert!(!words.contains("30 invoices") && !words.contains("30 factures"));
        let label = match language {
            Language::En => "Activities with a collections role",
            Language::Fr => "Activités ayant un rôle de recouvrement",
        };
        let after: String = words
            .find(label)
            .map(|i| words[i + label.len()..].chars().take(4).collect())
            .unwrap_or_default();
        assert_eq!(after.trim(), "0", "{language:?}");
    }
}
