//! `relance forecast`: the issue's JSON contract on the demo export, the as-of date, a view's filters,
//! the French export, the text output in both languages, and the reasons bad input gives.

use serde_json::Value;

mod common;
use common::*;

fn is_date(v: &Value) -> bool {
    v.as_str().is_some_and(|s| {
        s.len() == 10
            && s.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            })
    })
}

/// The JSON of the issue, key by key: dates `YYYY-MM-DD`, every open invoice a row.
#[test]
fn forecast_json_has_the_issue_s_shape() {
    let f = demo("3000", "en");
    let v = json(&["forecast", f.path(), "--json"]);
    assert_eq!(v["as_of"], "2025-07-31");
    let rows = v["open_invoices"].as_array().unwrap();
    assert!(rows.len() > 100, "{}", rows.len());
    let mut dated = 0;
    for r in rows {
        for key in [
            "case",
            "customer",
            "amount",
            "due_date",
            "p_late",
            "p_write_off",
            "expected_payment_date",
            "payment_date_p10",
            "payment_date_p90",
            "reasons",
        ] {
            assert!(r.get(key).is_some(), "{key} missing in {r}");
        }
        assert!(is_date(&r["due_date"]), "{r}");
        if r["expected_payment_date"].is_null() {
            assert!(r["not_available"]["text"].is_string(), "{r}");
            continue;
        }
        dated += 1;
        for key in [
            "expected_payment_date",
            "payment_date_p10",
            "payment_date_p90",
        ] {
            assert!(is_date(&r[key]), "{key}: {r}");
            assert!(r[key].as_str().unwrap() > "2025-07-31");
        }
        let reason = &r["reasons"][0];
        assert!(reason["text"].is_string() && reason["days"].is_f64(), "{r}");
        assert!(r["p_late"]
            .as_f64()
            .is_some_and(|p| (0.0..=1.0).contains(&p)));
        assert!(
            r["p_write_off"].as_f64().is_some(),
            "the demo has write-offs"
        );
    }
    assert!(dated > rows.len() / 2);
    let weeks = v["cash_by_week"].as_array().unwrap();
    assert_eq!(weeks.len(), 13);
    assert_eq!(weeks[0]["week_start"], "2025-08-01");
    assert_eq!(weeks[1]["week_start"], "2025-08-08");
    for w in weeks {
        for key in ["expected", "low", "high"] {
            assert!(w[key].is_f64(), "{w}");
        }
    }
    let b = &v["backtest"];
    for key in [
        "mae_days",
        "baseline_due_mae_days",
        "baseline_customer_mae_days",
        "brier",
        "baseline_brier",
        "coverage_80",
    ] {
        assert!(b[key].is_f64(), "{key}: {b}");
    }
    let cutoffs = b["cutoffs"].as_array().unwrap();
    assert!(!cutoffs.is_empty() && cutoffs.iter().all(is_date), "{b}");
    // The worklist as CSV: a row per open invoice, in the same order.
    let csv = std::env::temp_dir().join(format!("relance-forecast-{}.csv", std::process::id()));
    let csv_path = csv.to_str().unwrap();
    let out = relance(&["forecast", f.path(), "--csv", csv_path, "--top", "0"]);
    assert!(out.status.success());
    let text = std::fs::read_to_string(&csv).unwrap();
    let _ = std::fs::remove_file(&csv);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("\u{feff}case,customer,amount,due_date"),
        "{}",
        lines[0]
    );
    assert_eq!(lines.len(), rows.len() + 1);
    assert!(lines[1].starts_with(rows[0]["case"].as_str().unwrap()));
}

/// `--as-of` moves the book back: invoices paid since are open again, nothing after it is used.
#[test]
fn as_of_reads_what_was_known_then() {
    let f = demo("2000", "en");
    let end = json(&["forecast", f.path(), "--json"]);
    let then = json(&["forecast", f.path(), "--json", "--as-of", "2025-05-31"]);
    assert_eq!(then["as_of"], "2025-05-31");
    assert_eq!(then["cash_by_week"][0]["week_start"], "2025-06-01");
    let cases = |v: &Value| -> Vec<String> {
        v["open_invoices"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["case"].as_str().unwrap().to_string())
            .collect()
    };
    assert_ne!(cases(&end), cases(&then));
    for r in then["open_invoices"].as_array().unwrap() {
        if let Some(d) = r["expected_payment_date"].as_str() {
            assert!(d > "2025-05-31", "{r}");
        }
    }
    let out = relance(&["forecast", f.path(), "--as-of", "31 Mai"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--as-of") && err.lines().count() == 1, "{err}");
}

/// A view's filters and the French export: the same engine, the same numbers.
#[test]
fn view_filters_and_the_french_export() {
    let en = demo("2000", "en");
    let fr = demo("2000", "fr");
    let a = json(&["forecast", en.path(), "--json"]);
    let b = json(&["forecast", fr.path(), "--json"]);
    let dates = |v: &Value| -> Vec<(String, Value)> {
        v["open_invoices"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["case"].as_str().unwrap().to_string(),
                    r["expected_payment_date"].clone(),
                )
            })
            .collect()
    };
    assert_eq!(dates(&a), dates(&b));
    assert_eq!(a["backtest"]["mae_days"], b["backtest"]["mae_days"]);
    let view = TempFile::new(
        "view.json",
        br#"{"relance_view": 1,
            "filters": {"items": [{"filter": {"kind": "attribute", "name": "segment", "values": ["SME"]}, "keep": true}]}}"#,
    );
    let sme = json(&["forecast", en.path(), "--json", "--view", view.path()]);
    let n = |v: &Value| v["open_invoices"].as_array().unwrap().len();
    assert!(n(&sme) > 0 && n(&sme) < n(&a), "{} of {}", n(&sme), n(&a));
}

/// The text output: the backtest's verdict, the cash, the worklist with reasons, in either language.
#[test]
fn text_output_in_english_and_french() {
    let f = demo("2000", "en");
    let out = relance(&["forecast", f.path(), "--top", "5"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("forecast as of 2025-07-31:"), "{text}");
    assert!(text.contains("cash expected by week"), "{text}");
    assert!(text.contains("the 5 open invoices most at risk"), "{text}");
    assert!(text.contains("typical invoice here"), "{text}");
    let out = relance(&["--lang", "fr", "forecast", f.path(), "--top", "5"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("prévision au 2025-07-31"), "{text}");
    assert!(text.contains("facture type"), "{text}");
    assert!(text.contains("encaissements attendus"), "{text}");
}

/// A log without due dates: every open invoice has a row that says why it has no date.
#[test]
fn no_due_date_says_why() {
    let log = TempFile::new(
        "nodue.csv",
        b"invoice,activity,timestamp,customer,amount\n\
          A,Invoice created,2025-01-10,C1,100\nA,Payment received,2025-02-10,C1,100\n\
          B,Invoice created,2025-01-20,C2,200\n",
    );
    let v = json(&["forecast", log.path(), "--json"]);
    assert_eq!(v["unavailable"][0]["figure"], "forecast");
    assert_eq!(v["unavailable"][0]["reason"]["key"], "fc-na-no-due-dates");
    let rows = v["open_invoices"].as_array().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["case"], "B");
    assert!(rows[0]["expected_payment_date"].is_null());
    assert_eq!(rows[0]["not_available"]["key"], "fc-na-no-due-dates");
    assert!(v["backtest"]["mae_days"].is_null());
    let out = relance(&["--lang", "fr", "forecast", log.path()]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("ni colonne d'échéance"), "{text}");
}
