//! `relance report` (issue 20): the sections, figures equal to `analyze --json`, `collections --json`
//! and `conformance --json` for the same file, a view's filters, French without English interface
//! words, logs without amounts or due dates, and no external reference in the HTML.

mod common;
use common::*;
use relance_engine::report::html::plain_text as text;

/// Runs `relance report FILE ARGS -o OUT` and returns the HTML.
fn report(file: &str, args: &[&str]) -> String {
    let out = TempFile::new("report.html", b"");
    let mut all = vec!["report", file, "-o", out.path()];
    all.extend_from_slice(args);
    let o = relance(&all);
    assert!(
        o.status.success(),
        "relance {all:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    std::fs::read_to_string(&out.0).unwrap()
}

/// The `data-value` of the element whose `data-figure` is `key`.
fn figure(html: &str, key: &str) -> Option<f64> {
    let needle = format!(r#"data-figure="{key}" data-value=""#);
    let at = html.find(&needle)? + needle.len();
    let end = html[at..].find('"')? + at;
    html[at..end].parse().ok()
}

fn close(a: Option<f64>, b: Option<f64>, what: &str) {
    match (a, b) {
        (Some(a), Some(b)) => assert!(
            (a - b).abs() <= 1e-9 * b.abs().max(1.0),
            "{what}: {a} ≠ {b}"
        ),
        _ => panic!("{what}: {a:?} vs {b:?}"),
    }
}

#[test]
fn the_demo_report_has_every_section_and_the_cli_s_figures() {
    let f = demo("1500", "en");
    let html = report(f.path(), &["--lang", "en"]);
    for id in [
        "log",
        "map",
        "collections",
        "insights",
        "forecast",
        "conformance",
        "settings",
    ] {
        assert!(html.contains(&format!(r#"data-section="{id}""#)), "{id}");
    }
    let a = json(&["analyze", f.path(), "--json"]);
    for key in ["cases", "events", "activities", "variants"] {
        close(
            figure(&html, &format!("log.{key}")),
            a["log"][key].as_f64(),
            key,
        );
    }
    close(
        figure(&html, "variants.0.cases"),
        a["variants"][0]["cases"].as_f64(),
        "top variant",
    );
    close(
        figure(&html, "case_duration_s.median"),
        a["case_duration_s"]["median"].as_f64(),
        "case duration",
    );
    close(
        figure(&html, "import.rows"),
        a["import"]["rows"].as_f64(),
        "rows",
    );
    let c = json(&["collections", f.path(), "--json"]);
    let k = &c["kpis"];
    close(
        figure(&html, "kpis.on_time_payment_rate"),
        k["on_time_payment_rate"].as_f64(),
        "on time",
    );
    close(
        figure(&html, "kpis.invoice_to_cash_days.median"),
        k["invoice_to_cash_days"]["median"].as_f64(),
        "invoice to cash",
    );
    close(figure(&html, "kpis.cei"), k["cei"].as_f64(), "CEI");
    let month = k["dso_month"].as_str().expect("a headline month");
    let months = k["dso_monthly"].as_array().unwrap();
    let m = months.iter().find(|m| m["month"] == month).unwrap();
    for (key, field) in [
        ("kpis.dso_simple", "dso_simple"),
        ("kpis.dso_countback", "dso_countback"),
        ("kpis.bpdso", "bpdso"),
        ("kpis.add", "add"),
    ] {
        close(figure(&html, key), m[field].as_f64(), field);
    }
    for (i, month) in months.iter().enumerate() {
        if let Some(v) = month["dso_simple"].as_f64() {
            close(
                figure(&html, &format!("kpis.dso_monthly.{i}.dso_simple")),
                Some(v),
                "monthly DSO",
            );
        }
    }
    // Partial months are marked in the table.
    assert!(months.iter().any(|m| m["partial"] == true));
    assert!(html.contains("partial: "));
    for (i, b) in k["aging"].as_array().unwrap().iter().enumerate() {
        close(
            figure(&html, &format!("kpis.aging.{i}.invoices")),
            b["invoices"].as_f64(),
            "aging",
        );
    }
    // The forecast's weekly cash equals `relance forecast --json`.
    let fc = json(&["forecast", f.path(), "--json"]);
    close(
        figure(&html, "cash_by_week.0.expected"),
        fc["cash_by_week"][0]["expected"].as_f64(),
        "cash",
    );
    // The headline with intervals, and the caveat.
    assert!(html.contains(r#"data-list="headline""#));
    assert!(html.contains("[95 % CI]"));
    assert!(html.contains("not proof of cause"));
    // Made on this machine.
    assert!(html.contains("the data never left the machine"));
}

#[test]
fn the_report_fetches_nothing() {
    let f = demo("400", "en");
    let html = report(f.path(), &["--no-insights", "--no-forecast"]);
    let without_ns = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    for bad in [
        "http:", "https:", "<link", "<script", "<img", "src=", "url(", "@import",
    ] {
        assert!(!without_ns.contains(bad), "{bad}");
    }
    // The map's labels are SVG text.
    assert!(html.contains(r#"<text class="label""#));
}

#[test]
fn french_report_has_no_english_interface_words() {
    let f = demo("800", "fr");
    let html = report(f.path(), &["--lang", "fr", "--happy-path", "80"]);
    let words = text(&html);
    for english in [
        "Process map",
        "Cases",
        "Events",
        "Variants",
        "Key figures",
        "On-time",
        "Invoice to cash",
        "Aging",
        "not available",
        "Headline",
        "Forecast",
        "Open invoices",
        "Filters",
        "Settings",
        "Made on",
        "partial",
        "invoices",
        " of ",
        "median",
        "Week",
        "Deviation",
        "Scenario",
        "fitness",
        "days",
        "the data never left",
    ] {
        assert!(!words.contains(english), "French report says {english:?}");
    }
    assert!(words.contains("Carte du processus") && words.contains("Recouvrement"));
    assert!(html.contains(r#"data-figure="conformance.fitness""#));
}

#[test]
fn a_log_without_amounts_or_due_dates_gives_sections_that_say_why() {
    let csv = "case,activity,timestamp\n\
        1,Invoice created,2024-01-02\n1,Payment received,2024-02-10\n\
        2,Invoice created,2024-01-05\n2,Reminder 1 sent,2024-02-20\n2,Payment received,2024-03-01\n\
        3,Invoice created,2024-02-03\n3,Payment received,2024-03-20\n";
    let f = TempFile::new("bare.csv", csv.as_bytes());
    let html = report(f.path(), &["--lang", "en"]);
    assert!(html.contains(r#"data-missing="collections.amounts""#));
    assert!(html.contains("the log has no amount column"));
    assert!(html.contains(r#"data-figure="kpis.on_time_payment_rate" data-missing="1""#));
    assert!(html.contains("no due-date column and no activity recognised as due date passed"));
    assert!(html.contains(r#"data-missing="conformance""#));
    let fr = report(f.path(), &["--lang", "fr"]);
    let fr = text(&fr);
    assert!(fr.contains("ni colonne d'échéance ni activité reconnue comme échéance dépassée"));
    assert!(fr.contains("pas de colonne de montant"));
}

#[test]
fn a_view_s_filters_and_a_happy_path_match_their_commands() {
    let f = demo("1000", "en");
    let view = TempFile::new(
        "view.json",
        br#"{"relance_view": 1, "filters": {"items": [{"filter": {"kind": "activities", "names": ["Dispute raised"]}, "keep": false}]}}"#,
    );
    let html = report(f.path(), &["--view", view.path(), "--happy-path", "80"]);
    let a = json(&["analyze", f.path(), "--view", view.path(), "--json"]);
    close(
        figure(&html, "log.cases"),
        a["log"]["cases"].as_f64(),
        "filtered cases",
    );
    assert!(html.contains(r#"data-chips="filters""#));
    let c = json(&[
        "conformance",
        f.path(),
        "--view",
        view.path(),
        "--happy-path",
        "80",
        "--json",
    ]);
    close(
        figure(&html, "conformance.fitness"),
        c["fitness"].as_f64(),
        "fitness",
    );
    close(
        figure(&html, "conformance.fit_cases"),
        c["fit_cases"].as_f64(),
        "fit cases",
    );
}

#[test]
fn bad_flags_are_refused_with_the_flag_named() {
    let f = demo("100", "en");
    let out = TempFile::new("x.html", b"");
    let o = relance(&["report", f.path(), "-o", out.path(), "--happy-path", "0"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--happy-path"));
    let o = relance(&[
        "report",
        f.path(),
        "-o",
        out.path(),
        "--compare-before",
        "soon",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--compare-before"));
}
