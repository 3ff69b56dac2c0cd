//! Runs the built `relance` binary and checks its JSON, its errors and its exit codes (ripgrep's
//! `rgtest!` style: a temp file in, the process's output out).

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;
use common::*;

fn u(v: &Value) -> u64 {
    v.as_u64().unwrap_or_else(|| panic!("not a count: {v}"))
}

const SMALL: &str = "case,activity,timestamp\n\
A,Create,2024-01-01T10:00:00Z\n\
A,Send,2024-01-02T10:00:00Z\n\
A,Pay,2024-01-05T10:00:00Z\n\
B,Create,2024-01-01T12:00:00Z\n\
B,Pay,2024-01-03T12:00:00Z\n\
C,Create,2024-01-02T08:00:00Z\n\
C,Send,2024-01-02T09:00:00Z\n\
C,Pay,2024-01-04T08:00:00Z\n";

#[test]
fn analyze_json_has_the_documented_keys_and_counts() {
    let f = TempFile::new("small.csv", SMALL.as_bytes());
    let v = json(&["analyze", f.path(), "--json"]);
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    for k in [
        "log",
        "import",
        "activities",
        "start_activities",
        "end_activities",
        "dfg",
        "variants",
        "case_duration_s",
    ] {
        assert!(keys.contains(&k), "no {k} in {keys:?}");
    }
    // Worked out by hand from SMALL.
    let log = &v["log"];
    assert_eq!(
        (
            u(&log["cases"]),
            u(&log["events"]),
            u(&log["activities"]),
            u(&log["variants"])
        ),
        (3, 8, 3, 2)
    );
    assert_eq!(log["first_event"], "2024-01-01T10:00:00Z");
    assert_eq!(log["last_event"], "2024-01-05T10:00:00Z");
    assert_eq!(u(&v["import"]["rows"]), 8);
    assert_eq!(u(&v["import"]["skipped_rows"]), 0);
    assert_eq!(v["import"]["format"], "csv");
    let acts: Vec<(&str, u64)> = v["activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["name"].as_str().unwrap(), u(&a["events"])))
        .collect();
    assert_eq!(acts, [("Create", 3), ("Pay", 3), ("Send", 2)]);
    assert_eq!(v["start_activities"][0]["name"], "Create");
    assert_eq!(u(&v["start_activities"][0]["cases"]), 3);
    assert_eq!(v["end_activities"][0]["name"], "Pay");
    let edges: Vec<(&str, &str, u64)> = v["dfg"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["from"].as_str().unwrap(),
                e["to"].as_str().unwrap(),
                u(&e["count"]),
            )
        })
        .collect();
    assert_eq!(
        edges,
        [
            ("Create", "Send", 2),
            ("Send", "Pay", 2),
            ("Create", "Pay", 1)
        ]
    );
    // Create → Send waits one day (A) and one hour (C): the median of two is their mean.
    assert_eq!(v["dfg"][0]["median_s"], 45_000.0);
    assert_eq!(
        v["variants"][0]["activities"],
        serde_json::json!(["Create", "Send", "Pay"])
    );
    assert_eq!(u(&v["variants"][0]["cases"]), 2);
    // A lasts 4 days, B and C 2 days each.
    let cd = &v["case_duration_s"];
    assert_eq!(cd["min"], 172_800.0);
    assert_eq!(cd["median"], 172_800.0);
    assert_eq!(cd["max"], 345_600.0);
    assert_eq!(cd["mean"], 230_400.0);
}

#[test]
fn analyze_text_mode_prints_a_summary() {
    let f = TempFile::new("small.csv", SMALL.as_bytes());
    let out = relance(&["analyze", f.path()]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("3 cases, 8 events, 3 activities, 2 variants"),
        "{text}"
    );
}

fn shared() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    dir.join("reference").is_dir().then_some(dir)
}

#[test]
fn running_example_matches_the_pm4py_reference() {
    let Some(shared) = shared() else {
        eprintln!("skipping: ../shared/ is not beside this checkout");
        return;
    };
    let data = shared.join("data/running-example.csv");
    let reference = shared.join("reference/running_example/summary.json");
    if !data.is_file() || !reference.is_file() {
        eprintln!(
            "skipping: {} or {} is missing",
            data.display(),
            reference.display()
        );
        return;
    }
    let r: Value = serde_json::from_str(&std::fs::read_to_string(&reference).unwrap()).unwrap();
    let v = json(&["analyze", data.to_str().unwrap(), "--json"]);
    let log = &v["log"];
    assert_eq!(log["cases"], r["cases"]);
    assert_eq!(log["events"], r["events"]);
    assert_eq!(log["activities"], r["activities"]);
    assert_eq!(log["variants"], r["variants"]);
    assert_eq!(
        v["dfg"].as_array().unwrap().len() as u64,
        u(&r["dfg_edges"])
    );
    assert_eq!(
        v["start_activities"].as_array().unwrap().len() as u64,
        u(&r["start_activities"])
    );
    assert_eq!(
        v["end_activities"].as_array().unwrap().len() as u64,
        u(&r["end_activities"])
    );
    let mut names: Vec<&str> = v["activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    names.sort();
    let want: Vec<&str> = r["activity_names"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert_eq!(names, want);
    for k in ["min", "median", "mean", "max"] {
        assert_eq!(v["case_duration_s"][k], r["case_duration_s"][k], "{k}");
    }
    let utc = |s: &Value| s.as_str().unwrap().replace("+00:00", "Z");
    assert_eq!(utc(&log["first_event"]), utc(&r["log_start_utc"]));
    assert_eq!(utc(&log["last_event"]), utc(&r["log_end_utc"]));
}

#[test]
fn missing_file_is_one_line_and_status_2() {
    let missing = std::env::temp_dir().join(format!(
        "relance-cli-test-{}-does-not-exist.csv",
        std::process::id()
    ));
    let line = one_line_error(&["analyze", missing.to_str().unwrap(), "--json"]);
    assert!(line.contains("does-not-exist.csv"), "{line}");
}

#[test]
fn no_timestamp_column_names_the_columns() {
    let f = TempFile::new(
        "no-time.csv",
        b"case,activity,amount\nA,Create,12\nA,Pay,3\n",
    );
    let line = one_line_error(&["analyze", f.path(), "--json"]);
    assert!(line.contains("timestamp"), "{line}");
    assert!(
        line.contains("\"case\", \"activity\", \"amount\""),
        "{line}"
    );
}

#[test]
fn bad_flag_values_are_one_line_errors() {
    let f = TempFile::new("small.csv", SMALL.as_bytes());
    let line = one_line_error(&["analyze", f.path(), "--lifecycle", "start"]);
    assert!(line.contains("--lifecycle"), "{line}");
    let line = one_line_error(&["analyze", f.path(), "--delimiter", ";;"]);
    assert!(line.contains("--delimiter"), "{line}");
}

/// `01/25/2024` only reads month-first, so left to guess, the file is month-first; the other dates read
/// either way.
const SEMICOLON: &str = "dossier;etape;horodatage;montant\n\
D1;Ouverture;03/04/2024 08:00;1234,56\n\
D1;Relance, niveau 1;05/04/2024 18:30;1234,56\n\
D2;Ouverture;01/25/2024 09:00;99,90\n\
D2;Cloture;02/03/2024 10:00;99,90\n";

#[test]
fn delimiter_and_day_first_flags() {
    let f = TempFile::new("semicolon.csv", SEMICOLON.as_bytes());
    let guessed = json(&["analyze", f.path(), "--json"]);
    assert_eq!(guessed["import"]["date_order"], "month_first");
    assert_eq!(u(&guessed["log"]["events"]), 4);

    let v = json(&[
        "analyze",
        f.path(),
        "--json",
        "--delimiter",
        ";",
        "--day-first",
    ]);
    let imp = &v["import"];
    assert_eq!(imp["delimiter"], ";");
    assert_eq!(imp["date_order"], "day_first");
    assert_eq!(imp["columns"]["case"], "dossier");
    // Day-first, 01/25/2024 is no date: its row is skipped and located.
    assert_eq!(u(&imp["rows"]), 4);
    assert_eq!(u(&imp["skipped_rows"]), 1);
    assert_eq!(u(&imp["problems"][0]["line"]), 4);
    assert_eq!(imp["problems"][0]["value"], "01/25/2024 09:00");
    // Day-first: 02/03 is the 2nd of March, 05/04 the 5th of April.
    assert_eq!(v["log"]["first_event"], "2024-03-02T10:00:00Z");
    assert_eq!(v["log"]["last_event"], "2024-04-05T18:30:00Z");
    let names: Vec<&str> = v["activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Relance, niveau 1"), "{names:?}");

    // A wrong delimiter leaves one column: no roles can be found.
    let line = one_line_error(&["analyze", f.path(), "--delimiter", "|"]);
    assert!(line.contains("dossier;etape;horodatage;montant"), "{line}");
}

#[test]
fn lifecycle_complete_filters() {
    let f = TempFile::new(
        "lifecycle.csv",
        b"case,activity,timestamp,lifecycle\n\
A,Review,2024-01-01T10:00:00Z,start\n\
A,Review,2024-01-01T11:00:00Z,complete\n\
A,Approve,2024-01-02T10:00:00Z,complete\n\
B,Review,2024-01-03T10:00:00Z,start\n\
B,Review,2024-01-03T12:00:00Z,COMPLETE\n",
    );
    let all = json(&["analyze", f.path(), "--json"]);
    assert_eq!(u(&all["log"]["events"]), 5);
    let v = json(&["analyze", f.path(), "--json", "--lifecycle", "complete"]);
    assert_eq!(u(&v["log"]["events"]), 3);
    assert_eq!(u(&v["log"]["cases"]), 2);
    assert_eq!(u(&v["import"]["rows"]), 5);
    assert_eq!(u(&v["import"]["filtered_rows"]), 2);
    assert_eq!(u(&v["import"]["skipped_rows"]), 0);
    assert_eq!(v["log"]["first_event"], "2024-01-01T11:00:00Z");
}

#[test]
fn demo_is_deterministic_and_starts_with_the_header() {
    let run = |seed: &str| {
        let out = relance(&["demo", "--invoices", "50", "--seed", seed]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let a = run("3");
    assert_eq!(a, run("3"));
    assert_ne!(a, run("4"));
    assert!(
        a.starts_with(relance_engine::demo::HEADER)
            && a[relance_engine::demo::HEADER.len()..].starts_with('\n'),
        "{}",
        &a[..a.len().min(300)]
    );
    // One case per invoice, and the CLI reads its own demo back.
    let mut ids: Vec<&str> = a
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 50);
    let f = TempFile::new("demo.csv", a.as_bytes());
    let v = json(&["analyze", f.path(), "--json"]);
    assert_eq!(u(&v["log"]["cases"]), 50);
    assert_eq!(u(&v["import"]["skipped_rows"]), 0);
    assert_eq!(u(&v["log"]["events"]), a.lines().count() as u64 - 1);
}

/// A French ERP export (`;`, decimal comma, dd/mm/yyyy, Windows-1252, French headers and activity
/// names) gives collections measures with no flag at all.
#[test]
fn collections_on_a_french_export_with_no_flags() {
    let text = "N° facture;Client;Étape;Date;Montant;Échéance;Canal\r\n\
        F-1;Dupont SA;Facture émise;03/01/2024 09:00;1 234,56;02/02/2024;\r\n\
        F-1;Dupont SA;Relance 1 envoyée;05/02/2024 10:00;1 234,56;02/02/2024;Courriel\r\n\
        F-1;Dupont SA;Paiement reçu;10/02/2024 11:00;1 234,56;02/02/2024;\r\n\
        F-1;Dupont SA;Paiement imputé;12/02/2024 11:00;1 234,56;02/02/2024;\r\n\
        F-2;Martin SARL;Facture émise;04/01/2024 09:30;980,00;03/02/2024;\r\n\
        F-2;Martin SARL;Paiement reçu;01/02/2024 16:45;980,00;03/02/2024;\r\n\
        F-3;Martin SARL;Facture émise;15/01/2024 08:00;12 500,00;14/02/2024;\r\n\
        F-3;Martin SARL;Relance 1 envoyée;20/02/2024 08:00;12 500,00;14/02/2024;Courrier\r\n\
        F-3;Martin SARL;Mise en demeure;15/03/2024 08:00;12 500,00;14/02/2024;Courrier\r\n\
        F-3;Martin SARL;Passé en perte;30/06/2024 08:00;12 500,00;14/02/2024;\r\n";
    let bytes: Vec<u8> = text
        .chars()
        .map(|c| if (c as u32) < 256 { c as u8 } else { b'?' })
        .collect();
    let f = TempFile::new("export_relances.csv", &bytes);
    let j = json(&["collections", f.path(), "--json"]);
    let roles = &j["mapping"]["activities"];
    assert_eq!(roles["Relance 1 envoyée"], "reminder_1");
    assert_eq!(roles["Mise en demeure"], "final_notice");
    assert_eq!(roles["Paiement imputé"], "payment_posted");
    assert_eq!(roles["Passé en perte"], "written_off");
    assert_eq!(j["mapping"]["attributes"]["Montant"], "amount");
    assert_eq!(j["mapping"]["attributes"]["Échéance"], "due_date");
    let k = &j["kpis"];
    // F-2 paid before its due date, F-1 after: one of two on time.
    assert_eq!(k["on_time_payment_rate"], 0.5);
    assert_eq!(u(&k["write_offs"]["invoices"]), 1);
    assert_eq!(k["write_offs"]["amount"], 12500.0);
    assert!(k["dso_monthly"].as_array().is_some_and(|m| !m.is_empty()));
    let dunning = j["dunning"].as_array().unwrap();
    assert!(dunning
        .iter()
        .any(|d| d["channel"] == "Courriel" && u(&d["paid_within_window"]) == 1));
    assert_eq!(j["cash_application"][0]["payments"], 1);
    assert!(j["compliance"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["rule"] == "fr-40-eur-recovery-fee"));
}

/// The collections JSON with French names put back into English, the role mapping (keyed by activity
/// name) left out and every list sorted (lists sorted by name sort differently in French).
fn figures_in_english(mut v: Value) -> Value {
    fn walk(v: &mut Value) {
        let french = relance_engine::demo::FRENCH;
        match v {
            Value::String(s) => {
                if let Some((en, _)) = french.iter().find(|(_, fr)| fr == s) {
                    *s = en.to_string();
                    return;
                }
                let mut names: Vec<&(&str, &str)> = french.iter().collect();
                names.sort_by_key(|(_, fr)| std::cmp::Reverse(fr.len()));
                for (en, fr) in names {
                    *s = s.replace(fr, en);
                }
            }
            Value::Array(items) => {
                items.iter_mut().for_each(walk);
                items.sort_by_key(|x| x.to_string());
            }
            Value::Object(map) => map.values_mut().for_each(walk),
            _ => {}
        }
    }
    if let Some(obj) = v.as_object_mut() {
        obj.remove("mapping");
        // How the file was read differs by design (delimiter, decimal comma, day-first dates);
        // both read every row.
        let import = obj.remove("import").unwrap_or_default();
        assert_eq!(import["skipped_rows"], 0, "{import}");
    }
    walk(&mut v);
    v
}

/// `relance demo --lang fr | relance collections --json` gives the English export's figures.
#[test]
fn french_demo_gives_the_english_figures() {
    let export = |lang: &str| {
        let out = relance(&["demo", "--invoices", "800", "--lang", lang]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        TempFile::new(&format!("demo-{lang}.csv"), &out.stdout)
    };
    let (en, fr) = (export("en"), export("fr"));
    let fr_text = std::fs::read_to_string(&fr.0).unwrap();
    assert!(fr_text.starts_with(relance_engine::demo::HEADER_FR));
    assert!(fr_text.contains(";Limite de crédit approuvée;"));
    let en = json(&["collections", en.path(), "--json"]);
    let fr = json(&["collections", fr.path(), "--json"]);
    assert_eq!(
        fr["mapping"]["activities"]["Limite de crédit approuvée"],
        "credit_approved"
    );
    assert_eq!(
        fr["mapping"]["activities"]["Transmis au recouvrement"],
        "sent_to_agency"
    );
    assert!(u(&fr["kpis"]["credit"]["approved"]) > 0);
    let (en, fr) = (figures_in_english(en), figures_in_english(fr));
    for (key, value) in en.as_object().unwrap() {
        assert_eq!(&fr[key], value, "{key} differs");
    }
    assert_eq!(fr, en);
    // In Windows-1252 bytes ("é" is one byte, 0xE9), as Excel writes it: read back the same.
    let out = relance(&[
        "demo",
        "--invoices",
        "800",
        "--lang",
        "fr",
        "--windows-1252",
    ]);
    assert!(out.status.success());
    assert!(out.stdout.contains(&0xE9) && std::str::from_utf8(&out.stdout).is_err());
    let latin = TempFile::new("demo-fr-1252.csv", &out.stdout);
    let latin = figures_in_english(json(&["collections", latin.path(), "--json"]));
    assert_eq!(latin, en);
}

/// A figure whose roles are missing prints "n/a (reason)" and is null in the JSON; no `NaN` or `inf`
/// ever reaches the text (the audit saw `NaN` for a DSO with no sales in its window).
#[test]
fn missing_figures_say_why_and_never_print_nan() {
    let f = TempFile::new(
        "sparse.csv",
        b"case,activity,timestamp,amount\n\
          a,Invoice created,2024-01-10,100\n\
          b,Credit check requested,2024-01-02,5\nb,Written off,2024-06-01,5\n\
          c,Something else,2024-07-20,1\n",
    );
    let out = relance(&["collections", f.path()]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '.')
        .collect();
    for bad in ["NaN", "nan", "inf", "-inf", "-0.00"] {
        assert!(!words.contains(&bad), "{bad} in:\n{text}");
    }
    for expected in [
        "on-time payment rate n/a (no activity recognised as payment received or invoice cleared)",
        "DSO: n/a (no complete month: every month-end's 3 months of sales reach outside the window the invoices were issued in",
        "receivables basis: cash (closed when the payment is received)",
        "credit requests: n/a (no activity recognised as credit approved or credit rejected)",
        "via an agency first n/a (no activity recognised as sent to agency)",
        "(2 cases without an invoice left out)",
        "receivables: A receivable is an invoice",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
    let j = json(&["collections", f.path(), "--json"]);
    assert!(j["kpis"]["on_time_payment_rate"].is_null());
    assert!(j["kpis"]["credit"]["approved"].is_null());
    assert!(j["kpis"]["write_offs"]["via_agency_share"].is_null());
    let figures: Vec<&str> = j["unavailable"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["figure"].as_str().unwrap())
        .collect();
    for figure in [
        "kpis.on_time_payment_rate",
        "kpis.credit",
        "dunning",
        "rework",
    ] {
        assert!(figures.contains(&figure), "{figure} in {figures:?}");
    }
    assert!(j["dso_definition"]
        .as_str()
        .unwrap()
        .contains("rejected before any invoice"));
}

#[test]
fn bottlenecks_by_a_column_and_unknown_columns() {
    let f = TempFile::new("small.csv", SMALL.as_bytes());
    let rows = json(&["bottlenecks", f.path(), "--json"]);
    let first = &rows[0];
    for key in [
        "from", "to", "count", "median_s", "mean_s", "p90_s", "total_s",
    ] {
        assert!(first.get(key).is_some(), "{key} in {first}");
    }
    let total: u64 = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| u(&r["count"]))
        .sum();
    assert_eq!(total, 5, "8 events in 3 cases make 5 steps");
    let line = one_line_error(&["bottlenecks", f.path(), "--by", "region", "--json"]);
    assert!(line.contains("\"region\""), "{line}");
}

/// Two invoices whose reminder is named "Nudge", which no language guesses as a reminder.
const NUDGES: &str = "invoice,activity,time,amount,due date,channel\n\
I1,Invoice sent,2024-01-01T09:00:00Z,100,2024-01-31,\n\
I1,Nudge,2024-02-05T09:00:00Z,100,2024-01-31,Email\n\
I1,Payment received,2024-02-25T09:00:00Z,100,2024-01-31,\n\
I2,Invoice sent,2024-01-02T09:00:00Z,200,2024-02-01,\n\
I2,Nudge,2024-02-03T09:00:00Z,200,2024-02-01,Letter\n\
I2,Payment received,2024-02-08T09:00:00Z,200,2024-02-01,\n";

fn nudge_rows(j: &Value) -> Vec<&Value> {
    j["dunning"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["activity"] == "Nudge")
        .collect()
}

#[test]
fn collections_mapping_rules_and_window_flags() {
    let log = TempFile::new("nudges.csv", NUDGES.as_bytes());
    let mapping = TempFile::new(
        "mapping.json",
        br#"{"activities": {"Nudge": "reminder_1"}, "attributes": {}}"#,
    );
    let rules = TempFile::new(
        "rules.json",
        br#"{"name": "Test pack", "description": "", "rules": [
            {"id": "pay-after-dunning", "title": "Payments follow a reminder", "source": "test",
             "kind": "precedence", "required": "dunning", "activity": "payment_received"}]}"#,
    );
    let guessed = json(&["collections", log.path(), "--json", "--rules", rules.path()]);
    assert_eq!(guessed["mapping"]["activities"]["Nudge"], "other");
    assert!(nudge_rows(&guessed).is_empty());
    // Only the loaded pack's rule; unmapped, no payment has a reminder before it.
    let compliance = guessed["compliance"].as_array().unwrap();
    assert_eq!(compliance.len(), 1);
    assert_eq!(compliance[0]["rule"], "pay-after-dunning");
    assert_eq!(u(&compliance[0]["violations"]), 2);

    let mapped = json(&[
        "collections",
        log.path(),
        "--json",
        "--rules",
        rules.path(),
        "--mapping",
        mapping.path(),
    ]);
    assert_eq!(mapped["mapping"]["activities"]["Nudge"], "reminder_1");
    assert_eq!(u(&mapped["compliance"][0]["violations"]), 0);
    // Paid 20 days (I1) and 5 days (I2) after the reminder: one within the default 14 days...
    let rows = nudge_rows(&mapped);
    let sent: u64 = rows.iter().map(|d| u(&d["sent"])).sum();
    let paid: u64 = rows.iter().map(|d| u(&d["paid_within_window"])).sum();
    assert_eq!((sent, paid), (2, 1));
    assert!(rows
        .iter()
        .any(|d| d["channel"] == "Letter" && u(&d["paid_within_window"]) == 1));
    // ... both within 30.
    let wide = json(&[
        "collections",
        log.path(),
        "--json",
        "--mapping",
        mapping.path(),
        "--window-days",
        "30",
    ]);
    let paid: u64 = nudge_rows(&wide)
        .iter()
        .map(|d| u(&d["paid_within_window"]))
        .sum();
    assert_eq!(paid, 2);
    // Built-in packs without --rules.
    assert!(wide["compliance"].as_array().unwrap().len() > 1);
    // Broken down by amount band: every measure per group, the groups adding up.
    let by = json(&[
        "collections",
        log.path(),
        "--json",
        "--mapping",
        mapping.path(),
        "--by",
        "amount",
    ]);
    assert_eq!(by["breakdown"]["by"], "amount");
    let rows = by["breakdown"]["rows"].as_array().unwrap();
    let sum = |k: &str| rows.iter().map(|r| u(&r[k])).sum::<u64>();
    assert_eq!((sum("invoices"), sum("reminders")), (2, 2));
    assert!(rows.iter().all(|r| r.get("dunning_rate").is_some()));
    let line = one_line_error(&["collections", log.path(), "--by", "region"]);
    assert!(line.contains("\"region\""), "{line}");
}

#[test]
fn view_file_reads_columns_and_filters_cases() {
    let log = TempFile::new("semicolon.csv", SEMICOLON.as_bytes());
    let view = TempFile::new(
        "view.json",
        br#"{"relance_view": 1,
            "filters": {"items": [{"filter": {"kind": "activities", "names": ["Cloture"]}, "keep": true}]},
            "columns": {"roles": [["dossier", "case"], ["etape", "activity"], ["horodatage", "timestamp"]],
                        "delimiter": ";", "date_order": "day_first", "complete_only": false}}"#,
    );
    let v = json(&["analyze", log.path(), "--json", "--view", view.path()]);
    // Read day-first as the view says: 01/25/2024 is unreadable, and only D2 has "Cloture".
    assert_eq!(v["import"]["date_order"], "day_first");
    assert_eq!(u(&v["import"]["skipped_rows"]), 1);
    assert_eq!(u(&v["log"]["cases"]), 1);
    assert_eq!(u(&v["log"]["events"]), 1);
    assert_eq!(v["activities"][0]["name"], "Cloture");
    // A flag wins over the view.
    let m = json(&[
        "analyze",
        log.path(),
        "--json",
        "--view",
        view.path(),
        "--month-first",
    ]);
    assert_eq!(m["import"]["date_order"], "month_first");
    assert_eq!(u(&m["import"]["skipped_rows"]), 0);
    // Now D2 keeps both its events, the first on 25 January.
    assert_eq!(u(&m["log"]["events"]), 2);
    assert_eq!(m["log"]["first_event"], "2024-01-25T09:00:00Z");
    // The same filter in the bottlenecks report: D2 alone has one step, Ouverture → Cloture.
    let b = json(&[
        "bottlenecks",
        log.path(),
        "--json",
        "--view",
        view.path(),
        "--month-first",
    ]);
    let rows = b.as_array().unwrap();
    assert_eq!(rows.len(), 1, "{b}");
    assert_eq!(
        (rows[0]["from"].as_str(), rows[0]["to"].as_str()),
        (Some("Ouverture"), Some("Cloture"))
    );
    // A view naming a column the file lacks is a clear one-line error.
    let wrong = TempFile::new(
        "wrong.json",
        br#"{"relance_view": 1, "columns": {"roles": [["invoice", "case"]]}}"#,
    );
    let line = one_line_error(&["analyze", log.path(), "--view", wrong.path()]);
    assert!(line.contains("invoice"), "{line}");
}

#[test]
fn bottlenecks_print_the_heatmap_then_its_breakdown() {
    let text = "case,activity,timestamp,desk\n\
        A,Create,2024-01-01T10:00:00Z,North\n\
        A,Pay,2024-01-03T10:00:00Z,South\n\
        B,Create,2024-01-01T10:00:00Z,North\n\
        B,Pay,2024-01-02T10:00:00Z,North\n";
    let f = TempFile::new("desks.csv", text.as_bytes());
    let rows = json(&["bottlenecks", f.path(), "--json", "--by", "desk"]);
    let rows = rows.as_array().unwrap();
    // The step over all groups first, with "group": null, then one row per desk of the arriving event.
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(rows[0].get("group").is_some_and(Value::is_null));
    assert_eq!(u(&rows[0]["count"]), 2);
    assert_eq!(rows[0]["median_s"], 1.5 * 86_400.0);
    let mut groups: Vec<(String, u64, f64)> = rows[1..]
        .iter()
        .map(|r| {
            (
                r["group"].as_str().unwrap().to_string(),
                u(&r["count"]),
                r["median_s"].as_f64().unwrap(),
            )
        })
        .collect();
    groups.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        groups,
        vec![
            ("North".to_string(), 1, 86_400.0),
            ("South".to_string(), 1, 172_800.0)
        ]
    );
    // Without --by: the heatmap alone, every row with "group": null.
    let plain = json(&["bottlenecks", f.path(), "--json"]);
    assert!(plain
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r.get("group").is_some_and(Value::is_null)));
}

#[test]
fn absurd_windows_and_durations_are_refused_with_the_field_named() {
    let log = TempFile::new("nudges.csv", NUDGES.as_bytes());
    for (flag, value) in [
        ("--window-days", "inf"),
        ("--window-days", "1e300"),
        ("--window-days", "NaN"),
        ("--promise-grace-days", "-1e300"),
    ] {
        let arg = format!("{flag}={value}");
        let line = one_line_error(&["collections", log.path(), &arg]);
        assert!(
            line.starts_with(&format!(
                "relance: {flag}: expected a number of days from 0 to 3650"
            )),
            "{line}"
        );
    }
    let rules = TempFile::new(
        "rules.json",
        br#"{"name": "P", "rules": [{"id": "r1", "title": "t", "source": "s", "kind": "response",
            "trigger": "dispute_raised", "response": "dispute_resolved", "within_hours": 1e300}]}"#,
    );
    let line = one_line_error(&["collections", log.path(), "--rules", rules.path()]);
    assert!(
        line.contains(r#"rule pack "P", rule "r1": "within_hours": expected a number of hours"#),
        "{line}"
    );
    let view = TempFile::new(
        "view.json",
        br#"{"filters": {"items": [{"filter": {"kind": "follower", "from": "Nudge", "to": "Payment received",
            "directly": false, "within_s": -1e300, "after_s": null}}]}}"#,
    );
    let line = one_line_error(&["analyze", log.path(), "--view", view.path()]);
    assert!(
        line.contains(r#"filter 1 (follower): "within_s": expected a number of seconds"#),
        "{line}"
    );
}

#[test]
fn text_output_escapes_control_characters() {
    // Activity names, a resource-less step, a value and a column carrying terminal escape sequences.
    let csv = "case,activity,timestamp,amount\n\
        A,\x1b]0;pwned\x07Create,2024-01-01T10:00:00Z,1\n\
        A,Pay\x1b[2J,2024-01-05T10:00:00Z,1\n\
        B,\x1b]0;pwned\x07Create,2024-01-02T10:00:00Z,1\n\
        B,Pay\x1b[2J,not a date \x1b[31m,1\n";
    let f = TempFile::new("escapes.csv", csv.as_bytes());
    for cmd in ["analyze", "bottlenecks", "collections"] {
        let out = relance(&[cmd, f.path()]);
        assert!(out.status.success(), "{cmd}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            !text.contains('\x1b') && !text.contains('\x07'),
            "{cmd}: {text:?}"
        );
        if cmd != "collections" {
            assert!(
                text.contains("\\u{1b}]0;pwned\\u{7}Create"),
                "{cmd}: {text}"
            );
        }
    }
    let text = String::from_utf8(relance(&["analyze", f.path()]).stdout).unwrap();
    assert!(text.contains("\\u{1b}[31m"), "{text}");
    // Error messages quote paths and names from the command line and the file.
    let line = one_line_error(&["analyze", "missing\x1b[2J.csv"]);
    assert!(line.contains("missing\\u{1b}[2J.csv"), "{line}");
    let line = one_line_error(&["bottlenecks", f.path(), "--by", "reg\x1bion"]);
    assert!(line.contains("reg\\u{1b}ion"), "{line}");
}

fn demo_file(invoices: &str) -> TempFile {
    let out = relance(&["demo", "--invoices", invoices]);
    assert!(out.status.success());
    TempFile::new("demo.csv", &out.stdout)
}

/// `relance insights FILE --json`: the issue's shape, the demo's planted effect first, no flag needed.
#[test]
fn insights_json_finds_the_demo_s_planted_effects() {
    let f = demo_file("3000");
    let j = json(&["insights", f.path(), "--json"]);
    for key in ["outcomes", "findings", "skipped"] {
        assert!(j[key].is_array(), "no {key}");
    }
    let outcome = &j["outcomes"][0];
    for key in ["id", "label", "cases", "value", "definition"] {
        assert!(!outcome[key].is_null(), "outcome has no {key}: {outcome}");
    }
    assert_eq!(outcome["id"], "late_payment");
    let findings = j["findings"].as_array().unwrap();
    let first = &findings[0];
    for key in [
        "outcome",
        "attribute",
        "value",
        "cases",
        "outcome_value",
        "rest_value",
        "difference",
        "ci_low",
        "ci_high",
        "p_value",
        "q_value",
        "excess_cases",
        "amount_at_risk",
        "text",
    ] {
        assert!(first.get(key).is_some(), "finding has no {key}: {first}");
    }
    assert_eq!(
        (
            first["outcome"].as_str(),
            first["attribute"].as_str(),
            first["value"].as_str()
        ),
        (Some("late_payment"), Some("region"), Some("Sud-Est"))
    );
    let f64_of = |v: &Value| v.as_f64().unwrap();
    assert!(f64_of(&first["ci_low"]) > 0.0);
    assert!(f64_of(&first["q_value"]) < 0.05);
    // Ranked by impact within each outcome; subgroups named "A × B".
    let mut last: Option<(&str, f64)> = None;
    for f in findings {
        let (o, i) = (f["outcome"].as_str().unwrap(), f64_of(&f["impact"]));
        if let Some((lo, li)) = last {
            assert!(lo != o || li >= i, "{lo} {li} then {o} {i}");
        }
        last = Some((o, i));
        if f["attribute"].as_str().unwrap().contains(" × ") {
            assert!(f["value"].as_str().unwrap().contains(" × "));
        }
    }
    let written: Vec<&Value> = findings
        .iter()
        .filter(|f| f["outcome"] == "written_off")
        .collect();
    assert_eq!(
        (
            written[0]["attribute"].as_str(),
            written[0]["value"].as_str()
        ),
        (Some("payment_terms"), Some("60"))
    );
    // A subgroup names its parent, the stronger of its values alone, first among its parts; a single
    // value has none.
    for f in findings {
        if f["attribute"].as_str().unwrap().contains(" × ") {
            let p = &f["parent"];
            assert_eq!(p["attribute"], f["parts"][0][0], "{f}");
            assert_eq!(p["value"], f["parts"][0][1], "{f}");
        } else {
            assert!(f["parent"].is_null(), "{f}");
        }
    }
    // Outcomes that take time say the window they were judged within.
    let written_off = j["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "written_off")
        .unwrap();
    assert!(written_off["maturity"]["window_days"].as_f64().unwrap() > 0.0);
    assert!(
        written_off["maturity"]["too_recent_cases"]
            .as_u64()
            .unwrap()
            > 0
    );
    assert!(written_off["definition"]
        .as_str()
        .unwrap()
        .contains("Judged on the"));
    // The headline: at most five findings across the outcomes, most money at stake first, with the
    // number of values tested.
    let headline = j["headline"].as_array().unwrap();
    assert!(!headline.is_empty() && headline.len() <= 5, "{headline:?}");
    // Findings without an amount (durations) come after those with one.
    let money: Vec<f64> = headline
        .iter()
        .map(|h| h["money_at_stake"].as_f64().unwrap_or(f64::NEG_INFINITY))
        .collect();
    assert!(money.windows(2).all(|w| w[0] >= w[1]), "{money:?}");
    assert!(money[0] > 0.0, "{money:?}");
    for h in headline {
        assert!(
            h["finding"]["text"].is_string() && h["subgroups"].is_array(),
            "{h}"
        );
        assert!(h["tested"].as_u64().unwrap() > 0);
    }
    assert_eq!(j["headline_ranked_by"], "amount_at_risk");
    assert!(j["tested"].as_u64().unwrap() > 0);
    assert_eq!(j["clustered_by"], "customer");
    // Consequences of the outcome are skipped with a reason.
    let skipped = j["skipped"].as_array().unwrap();
    assert!(skipped
        .iter()
        .any(|s| s["attribute"] == "dunning_level" && s["reason"].as_str().is_some()));
    // One outcome, and the same finding in the same words.
    let one = json(&["insights", f.path(), "--json", "--outcome", "late_payment"]);
    assert_eq!(one["outcomes"].as_array().unwrap().len(), 1);
    assert_eq!(one["findings"][0], j["findings"][0]);
    // Text mode reads aloud; French on request.
    let out = relance(&["insights", f.path(), "--outcome", "late_payment"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Invoices with region Sud-Est are paid late"),
        "{text}"
    );
    assert!(text.contains("not proof of cause"), "{text}");
    // The headline comes first, then the outcome's list.
    let headline_at = text.find("Headline. ").expect("a headline");
    let outcome_at = text.find("Late payment: ").expect("the outcome");
    assert!(headline_at < outcome_at, "{text}");
    assert!(
        text[headline_at..outcome_at].contains("  1. [Late payment] Invoices with region Sud-Est"),
        "{text}"
    );
    let out = relance(&[
        "insights",
        f.path(),
        "--outcome",
        "late_payment",
        "--language",
        "fr",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Les factures avec region Sud-Est sont payées en retard"),
        "{text}"
    );
}

#[test]
fn insights_say_why_an_outcome_is_unavailable_and_reject_unknown_ones() {
    let f = TempFile::new("small.csv", SMALL.as_bytes());
    let j = json(&["insights", f.path(), "--json", "--min-cases", "1"]);
    let outcomes = j["outcomes"].as_array().unwrap();
    let late = outcomes.iter().find(|o| o["id"] == "late_payment").unwrap();
    assert_eq!(late["available"], false);
    assert!(late["value"].is_null());
    assert!(
        late["reason"].as_str().unwrap().contains("collections"),
        "{late}"
    );
    let dur = outcomes
        .iter()
        .find(|o| o["id"] == "case_duration_days")
        .unwrap();
    assert_eq!(dur["available"], true);
    // A, B and C last 4, 2 and 2 days: the 90th percentile, 3.6 days, makes a 4-day window, and only
    // A started 4 days before the log's end (B and C, younger, might still run on).
    assert_eq!(dur["maturity"]["window_days"], 4.0);
    assert_eq!(dur["maturity"]["too_recent_cases"], 2);
    assert_eq!(dur["value"], 4.0);
    assert_eq!(dur["cases"], 1);
    let err = one_line_error(&["insights", f.path(), "--outcome", "bogus"]);
    assert!(err.contains("--outcome \"bogus\""), "{err}");
    let err = one_line_error(&["insights", f.path(), "--language", "de"]);
    assert!(err.contains("--language"), "{err}");
}

#[test]
fn compare_before_a_date_and_two_views() {
    let f = demo_file("2000");
    let j = json(&["compare", f.path(), "--before", "2024-10-01", "--json"]);
    for key in ["a_cases", "b_cases", "kpis", "edges", "variants", "drivers"] {
        assert!(!j[key].is_null(), "no {key}");
    }
    assert_eq!(u(&j["a_cases"]) + u(&j["b_cases"]), 2000);
    let late = j["kpis"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["id"] == "late_payment")
        .unwrap();
    assert!(late["a"]["ci_low"].as_f64().unwrap() < late["a"]["value"].as_f64().unwrap());
    assert!(late["p_value"].is_number());
    assert_eq!(j["drivers"]["outcomes"][0]["id"], "in_b");
    // Two views: Sud-Est against the other regions; being in B is about the region.
    let view = |values: &[&str], keep: bool| {
        serde_json::json!({"relance_view": 1, "filters": {"items": [
            {"filter": {"kind": "attribute", "name": "region", "values": values}, "keep": keep}
        ]}})
        .to_string()
    };
    let a = TempFile::new("a.json", view(&["Sud-Est"], false).as_bytes());
    let b = TempFile::new("b.json", view(&["Sud-Est"], true).as_bytes());
    let j = json(&[
        "compare",
        f.path(),
        "--a",
        a.path(),
        "--b",
        b.path(),
        "--json",
    ]);
    assert_eq!(u(&j["a_cases"]) + u(&j["b_cases"]), 2000);
    assert_eq!(u(&j["overlap_cases"]), 0);
    let top = &j["drivers"]["findings"][0];
    assert_eq!(
        (top["attribute"].as_str(), top["value"].as_str()),
        (Some("region"), Some("Sud-Est"))
    );
    let late = j["kpis"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["id"] == "late_payment")
        .unwrap();
    assert!(late["ci_low"].as_f64().unwrap() > 0.0, "{late}");
    let out = relance(&["compare", f.path(), "--before", "2024-10-01"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("A: "), "{text}");
    let err = one_line_error(&["compare", f.path(), "--before", "someday"]);
    assert!(err.contains("--before"), "{err}");
}

#[test]
fn analyze_json_has_activity_durations_when_the_log_has_start_times() {
    let text = "case,activity,start,timestamp\n\
A,Check,2024-01-01T09:00:00Z,2024-01-01T10:00:00Z\n\
A,Approve,2024-01-02T09:00:00Z,2024-01-02T09:30:00Z\n\
B,Check,2024-01-01T10:00:00Z,2024-01-01T13:00:00Z\n\
B,Approve,,2024-01-03T00:00:00Z\n\
C,Check,2024-01-04T08:00:00Z,2024-01-04T10:00:00Z\n\
C,Approve,2024-01-05T12:00:00Z,2024-01-05T10:00:00Z\n";
    let f = TempFile::new("starts.csv", text.as_bytes());
    // "start" is guessed as the start-timestamp column.
    let v = json(&["analyze", f.path(), "--json"]);
    let d = v["activity_durations"]
        .as_array()
        .unwrap_or_else(|| panic!("no activity_durations in {v}"));
    // Check: 1 h, 3 h, 2 h; Approve: 30 min only (B has no start, C's start is after its end).
    assert_eq!(d.len(), 2);
    assert_eq!(d[0]["activity"], "Check");
    assert_eq!(u(&d[0]["events"]), 3);
    assert_eq!(u(&d[0]["with_start"]), 3);
    assert_eq!(d[0]["median_s"], 7200.0);
    assert_eq!(d[0]["mean_s"], 7200.0);
    assert_eq!(d[0]["min_s"], 3600.0);
    assert_eq!(d[0]["max_s"], 10800.0);
    // numpy.percentile([3600, 7200, 10800], 90) = 7200 + 0.8 * 3600
    assert_eq!(d[0]["p90_s"], 10080.0);
    assert_eq!(d[1]["activity"], "Approve");
    assert_eq!(u(&d[1]["events"]), 3);
    assert_eq!(u(&d[1]["with_start"]), 1);
    assert_eq!(d[1]["median_s"], 1800.0);
    // Without a start column the field is absent.
    let f = TempFile::new("small.csv", SMALL.as_bytes());
    let v = json(&["analyze", f.path(), "--json"]);
    assert!(v.get("activity_durations").is_none());
}

// ---- Warehouse mode: the analyses as SQL (issue "Warehouse mode") ----

/// Whether a document made where the data lives (`a`) agrees with the engine's (`b`): counts and names
/// exactly, floats within 1e-6 (relative, or absolute below 1), as the issue asks of every engine.
/// Every field of `a` must be in `b` and every field they share is compared; fields only the engine
/// writes are allowed (adding fields to the engine's JSON is allowed, the SQL catches up later).
fn agree(a: &Value, b: &Value, path: &str, problems: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let only_a: Vec<&String> = x.keys().filter(|k| !y.contains_key(*k)).collect();
            if !only_a.is_empty() {
                problems.push(format!("{path}: {only_a:?} not in the engine's document"));
            }
            for (k, v) in x {
                if let Some(w) = y.get(k) {
                    agree(v, w, &format!("{path}.{k}"), problems);
                }
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                problems.push(format!("{path}: {} vs {} items", x.len(), y.len()));
            }
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                agree(v, w, &format!("{path}[{i}]"), problems);
            }
        }
        (Value::Number(x), Value::Number(y)) if x.is_u64() && y.is_u64() && x != y => {
            problems.push(format!("{path}: {x} vs {y}"));
        }
        (Value::Number(x), Value::Number(y)) if x.is_u64() && y.is_u64() => {}
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            if (x - y).abs() > 1e-6 * x.abs().max(y.abs()).max(1.0) {
                problems.push(format!("{path}: {x} vs {y}"));
            }
        }
        (x, y) if x != y => problems.push(format!("{path}: {x} vs {y}")),
        _ => {}
    }
}

const CORE_FIELDS: [&str; 7] = [
    "log",
    "activities",
    "start_activities",
    "end_activities",
    "dfg",
    "variants",
    "case_duration_s",
];

fn assert_same_core(w: &Value, a: &Value, label: &str) {
    let mut problems = Vec::new();
    for k in CORE_FIELDS {
        agree(&w[k], &a[k], k, &mut problems);
    }
    assert!(
        problems.is_empty(),
        "{label}: {} differences, first: {:#?}",
        problems.len(),
        &problems[..problems.len().min(10)]
    );
}

#[test]
fn sql_prints_one_statement_per_analysis_named_as_analyze_fields() {
    let out = relance(&[
        "sql",
        "--dialect",
        "snowflake",
        "--table",
        "db.s.events",
        "--case",
        "CASE_ID",
        "--activity",
        "ACTIVITY",
        "--timestamp",
        "TS",
        "--order",
        "ROW_NR",
        "--all",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.matches(";\n").count(), 7, "{text}");
    for name in [
        "log",
        "activities",
        "start_activities",
        "end_activities",
        "dfg",
        "variants",
        "case_durations",
    ] {
        assert!(text.contains(&format!("-- ==== {name}: ")), "{name}");
    }
    // Result columns keep analyze's names, quoted so Snowflake keeps them lower case.
    for col in [
        "\"from\"",
        "\"to\"",
        "\"median_s\"",
        "\"median_duration_s\"",
        "\"p90\"",
    ] {
        assert!(text.contains(&format!("AS {col}")), "{col}");
    }
    // User columns are quoted exactly as given; the table is printed as given.
    assert!(text.contains("\"CASE_ID\"") && text.contains("FROM db.s.events"));
    assert!(text.contains("PERCENTILE_CONT(0.5) WITHIN GROUP"));
    assert!(!text.to_lowercase().contains("approx"));

    // Without --order the SQL says how ties are broken.
    let out = relance(&[
        "sql",
        "--dialect",
        "spark",
        "--table",
        "t",
        "--case",
        "c",
        "--activity",
        "a",
        "--timestamp",
        "ts",
        "--analysis",
        "variants",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("ties by activity name"), "{text}");
    assert!(text.contains("percentile(d_ms, 0.5)") && text.contains("collect_list"));

    // Collections analyses need a mapping; unknown names and dialects are one-line errors.
    let line = one_line_error(&[
        "sql",
        "--dialect",
        "duckdb",
        "--table",
        "t",
        "--case",
        "c",
        "--activity",
        "a",
        "--timestamp",
        "ts",
        "--analysis",
        "dunning",
    ]);
    assert!(line.contains("--mapping"), "{line}");
    let line = one_line_error(&[
        "sql",
        "--dialect",
        "mysql",
        "--table",
        "t",
        "--case",
        "c",
        "--activity",
        "a",
        "--timestamp",
        "ts",
        "--all",
    ]);
    assert!(line.contains("mysql"), "{line}");
}

#[test]
fn warehouse_small_log_matches_analyze_and_says_it_holds_aggregates_only() {
    let f = TempFile::new("small.csv", SMALL.as_bytes());
    let w = json(&["warehouse", f.path(), "--json"]);
    let a = json(&["analyze", f.path(), "--json"]);
    assert_same_core(&w, &a, "small");
    // Hand-checked in analyze_json_has_the_documented_keys_and_counts.
    assert_eq!(w["dfg"][0]["median_s"], 45_000.0);
    assert_eq!(w["source"]["drill_down"], false);
    assert!(w["source"]["engine"]
        .as_str()
        .unwrap()
        .starts_with("duckdb"));
    assert_eq!(w["import"]["rows"], 8);
    assert_eq!(w["variants_other"]["variants"], 0);
}

#[test]
fn warehouse_counts_rows_it_cannot_use() {
    let f = TempFile::new(
        "holes.csv",
        b"case,activity,timestamp\nA,Create,2024-01-01T10:00:00Z\nA,,2024-01-02T10:00:00Z\n,Pay,2024-01-02T10:00:00Z\nA,Pay,not a date\nA,Pay,2024-01-03T10:00:00Z\n",
    );
    let w = json(&["warehouse", f.path(), "--json"]);
    assert_eq!(
        (u(&w["import"]["rows"]), u(&w["import"]["skipped_rows"])),
        (5, 3)
    );
    assert_eq!(u(&w["log"]["events"]), 2);
}

#[test]
fn warehouse_ties_in_time_keep_file_order() {
    // Both events of each case share an instant: file order decides the variant, as in the engine.
    let f = TempFile::new(
        "ties.csv",
        b"case,activity,timestamp\nA,Zeta,2024-01-01T10:00:00Z\nA,Alpha,2024-01-01T10:00:00Z\nB,Alpha,2024-01-01T10:00:00Z\nB,Zeta,2024-01-01T10:00:00Z\nC,Zeta,2024-01-01T10:00:00Z\nC,Alpha,2024-01-01T10:00:00Z\n",
    );
    let w = json(&["warehouse", f.path(), "--json"]);
    assert_eq!(
        w["variants"][0]["activities"],
        serde_json::json!(["Zeta", "Alpha"])
    );
    assert_eq!(u(&w["variants"][0]["cases"]), 2);
    assert_same_core(&w, &json(&["analyze", f.path(), "--json"]), "ties");
}

#[test]
fn warehouse_equals_analyze_on_every_reference_log() {
    let Some(shared) = shared() else {
        eprintln!("skipping: ../shared/ is not beside this checkout");
        return;
    };
    let mut logs: Vec<PathBuf> = std::fs::read_dir(shared.join("data"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_str().unwrap();
            n.ends_with(".csv") || n.ends_with(".csv.gz")
        })
        .collect();
    logs.push(shared.join("data/ocel/ocel_orders_flattened.csv"));
    logs.sort();
    assert!(logs.len() >= 12, "{logs:?}");
    for log in &logs {
        let p = log.to_str().unwrap();
        // bpic2019_1t_per_variant has 11,973 variants of one case each: over the default cap, and
        // every variant ties at the cap, so the sequence order decides which are kept.
        let w = json(&["warehouse", p, "--json"]);
        let mut a = json(&["analyze", p, "--json"]);
        let kept = w["variants"].as_array().unwrap().len();
        let all = a["variants"].as_array().unwrap().clone();
        if kept < all.len() {
            let rest = &all[kept..];
            assert_eq!(
                u(&w["variants_other"]["variants"]),
                rest.len() as u64,
                "{p}"
            );
            let rest_cases: u64 = rest.iter().map(|v| u(&v["cases"])).sum();
            assert_eq!(u(&w["variants_other"]["cases"]), rest_cases, "{p}");
            a["variants"] = Value::Array(all[..kept].to_vec());
        }
        assert_same_core(&w, &a, p);
    }
}

/// `warehouse --collections` and `collections` on `file` with the same `options` (and `zone`'s
/// `--time-zone` for the SQL), after checking that they agree on every collections table: both JSONs.
fn warehouse_beside_collections(
    file: &str,
    options: &[&str],
    zone: Option<&str>,
) -> (Value, Value) {
    let mut w_args = vec!["warehouse", file, "--collections"];
    if let Some(zone) = zone {
        w_args.extend(["--time-zone", zone]);
    }
    let mut c_args = vec!["collections", file];
    for args in [&mut w_args, &mut c_args] {
        args.extend(options);
        args.push("--json");
    }
    let (w, c) = (json(&w_args), json(&c_args));
    let problems = collections_disagreements(&w, &c);
    assert!(problems.is_empty(), "{options:?}: {problems:#?}");
    (w, c)
}

/// The collections measures of `warehouse` (SQL in embedded DuckDB) against `collections` (the engine)
/// on the same log: every row of the five tables, every field they share.
fn collections_disagreements(w: &Value, c: &Value) -> Vec<String> {
    let pairs = [
        ("dso_monthly", &c["kpis"]["dso_monthly"]),
        ("dunning", &c["dunning"]),
        ("disputes", &c["disputes"]),
        ("cash_application", &c["cash_application"]),
        ("promises", &c["promises"]),
    ];
    let mut problems = Vec::new();
    for (k, want) in pairs {
        agree(&w["collections"][k], want, k, &mut problems);
    }
    problems
}

/// (month, sales, receivables, end_ms) of each DSO month.
fn dso_months(months: &Value) -> Vec<(String, f64, f64, i64)> {
    months
        .as_array()
        .unwrap_or_else(|| panic!("no DSO months: {months}"))
        .iter()
        .map(|m| {
            (
                m["month"].as_str().unwrap().to_string(),
                m["sales"].as_f64().unwrap(),
                m["receivables"].as_f64().unwrap(),
                m["end_ms"]
                    .as_i64()
                    .unwrap_or_else(|| panic!("end_ms is not an integer: {m}")),
            )
        })
        .collect()
}

#[test]
fn the_comparer_allows_fields_only_the_engine_writes() {
    let engine = serde_json::json!({"a": 1, "b": [1.0, 2.0], "new": true});
    let mut problems = Vec::new();
    agree(
        &serde_json::json!({"a": 1, "b": [1.0, 2.0000000001]}),
        &engine,
        "x",
        &mut problems,
    );
    assert!(problems.is_empty(), "{problems:?}");
    agree(
        &serde_json::json!({"a": 2, "b": [1.0, 2.1], "sql_only": 0}),
        &engine,
        "x",
        &mut problems,
    );
    assert_eq!(problems.len(), 3, "{problems:?}");
}

#[test]
fn warehouse_collections_equal_collections_on_the_demo_log() {
    let demo = relance(&["demo", "--invoices", "2000"]);
    assert!(demo.status.success());
    let f = TempFile::new("demo.csv", &demo.stdout);
    // The demo is written in Paris time: month-ends are Paris midnight for the engine (from the log's
    // offsets) and for the SQL (from the zone).
    let (w, c) = warehouse_beside_collections(f.path(), &[], Some("Europe/Paris"));
    for k in ["dunning", "disputes", "cash_application", "promises"] {
        assert!(
            !c[k].as_array().unwrap().is_empty(),
            "{k} is empty in the demo"
        );
    }
    // Every DSO field the engine writes is there, end_ms as an integer instant.
    let paris = dso_months(&w["collections"]["dso_monthly"]);
    assert_eq!(paris, dso_months(&c["kpis"]["dso_monthly"]));
    assert!(paris.len() >= 12, "{paris:?}");
    for (m, e) in w["collections"]["dso_monthly"]
        .as_array()
        .unwrap()
        .iter()
        .zip(c["kpis"]["dso_monthly"].as_array().unwrap())
    {
        let fields = |v: &Value| {
            v.as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect::<Vec<String>>()
        };
        assert_eq!(fields(m), fields(e));
    }
    // The end of January 2024 is 2024-02-01T00:00+01:00; of April, 2024-05-01T00:00+02:00.
    let end = |months: &[(String, f64, f64, i64)], month: &str| {
        months.iter().find(|m| m.0 == month).map(|m| m.3)
    };
    assert_eq!(end(&paris, "2024-01"), Some(1_706_742_000_000));
    assert_eq!(end(&paris, "2024-04"), Some(1_714_514_400_000));
    let notes = w["collections"]["notes"].to_string();
    assert!(
        notes.contains("local midnight on the 1st in Europe/Paris"),
        "{notes}"
    );
    // In UTC (the default) months end an hour or two later: other figures, said so.
    let utc = json(&["warehouse", f.path(), "--collections", "--json"]);
    let months = dso_months(&utc["collections"]["dso_monthly"]);
    assert_eq!(end(&months, "2024-01"), Some(1_706_745_600_000));
    assert_eq!(end(&months, "2024-04"), Some(1_714_521_600_000));
    assert!(utc["collections"]["notes"]
        .to_string()
        .contains("midnight UTC"));
    // A saved mapping changes the roles the SQL uses: without payments recorded as received, the
    // dunning rows have no payment within the window, and their rate is not available (null, not 0),
    // as in the engine.
    let mapping = TempFile::new(
        "roles.json",
        br#"{"activities": {"Payment received": "other"}, "attributes": {}}"#,
    );
    let (w, _) = warehouse_beside_collections(
        f.path(),
        &["--mapping", mapping.path()],
        Some("Europe/Paris"),
    );
    let rows = w["collections"]["dunning"].as_array().unwrap();
    assert!(!rows.is_empty());
    for r in rows {
        assert_eq!(u(&r["paid_within_window"]), 0);
        assert!(r["rate"].is_null(), "{r}");
    }
    for p in w["collections"]["promises"].as_array().unwrap() {
        assert!(p["rate"].is_null(), "{p}");
    }
}

/// The receivables of the engine's definition, case by case (crates/engine/src/collections/facts.rs reads
/// the same file): `r` is a credit request rejected before any invoice (never a receivable); `p` paid on
/// 20 Feb; `c` cleared on 10 Feb; `k` fully credited on 5 Feb; `q` credited on 5 Feb then paid on
/// 10 Mar (the credit was partial: the payment closes it); `w` written off on 25 Feb; `x` cancelled for
/// good on 25 Jan; `y` cancelled and issued again (one invoice from 12 Jan); `s` only sent; `o` issued on
/// 1 Feb. No amounts: invoices are counted.
#[test]
fn warehouse_receivables_open_and_close_as_the_engine_defines_them() {
    let f = TempFile::new(
        "receivables.csv",
        include_bytes!("../../engine/tests/it/fixtures/receivables_open_close.csv"),
    );
    let day = |y: i64, m: i64, d: i64| -> i64 {
        // Days from 1970-01-01 for these dates in 2024.
        let before = [0, 31, 29, 31][..m as usize].iter().sum::<i64>();
        assert_eq!(y, 2024);
        (19_723 + before + d - 1) * 86_400_000
    };
    // On the cash basis: end of January: 8 issued (y once; r is none), open c, k, p, q, s, w, y (x
    // cancelled, o not yet). End of February: o issued; p, c, k and w closed; q still open (paid after
    // its credit note). March runs to the as-of date, q's payment on 10 March: at that instant q is
    // still open.
    let (w, _) = warehouse_beside_collections(f.path(), &["--basis", "cash"], None);
    assert_eq!(
        dso_months(&w["collections"]["dso_monthly"]),
        [
            ("2024-01".to_string(), 8.0, 7.0, day(2024, 2, 1)),
            ("2024-02".to_string(), 1.0, 4.0, day(2024, 3, 1)),
            ("2024-03".to_string(), 0.0, 4.0, day(2024, 3, 10)),
        ]
    );
    // Every other figure (past due, BPDSO, ADD, CEI, countback, what is null and why) is the
    // engine's (checked above).
    // On the ledger's basis (the default; the log has a clearing event), p's payment received on 20
    // February was never applied: p stays open at the end of February and in March.
    let (w, c) = warehouse_beside_collections(f.path(), &[], None);
    assert_eq!(
        dso_months(&w["collections"]["dso_monthly"]),
        [
            ("2024-01".to_string(), 8.0, 7.0, day(2024, 2, 1)),
            ("2024-02".to_string(), 1.0, 5.0, day(2024, 3, 1)),
            ("2024-03".to_string(), 0.0, 5.0, day(2024, 3, 10)),
        ]
    );
    assert_eq!(w["collections"]["dso_basis"], "ledger");
    assert_eq!(c["kpis"]["dso_basis"], "ledger");
}

/// Audit finding 7 through SQL: one invoice from 1925 makes 1,190 months; the series keeps the last
/// 600 (from March 1974) and says so, and the old invoice still counts as open.
#[test]
fn warehouse_dso_keeps_the_last_600_months_and_says_so() {
    let f = TempFile::new(
        "old.csv",
        b"case,activity,timestamp,amount\n\
        a,Invoice created,1925-01-15,5\n\
        c,Invoice created,1974-03-10,7\nc,Payment received,1974-09-10,7\n\
        b,Invoice created,2024-01-10,100\nb,Payment received,2024-02-10,100\n",
    );
    let (w, c) = warehouse_beside_collections(f.path(), &[], None);
    let months = dso_months(&w["collections"]["dso_monthly"]);
    assert_eq!(months.len(), 600);
    assert_eq!(
        months[0],
        ("1974-03".to_string(), 7.0, 12.0, 134_006_400_000)
    );
    assert_eq!(months[599].0, "2024-02");
    let note = "the invoices span 1190 months (the first issued in 1925-01): DSO is shown for the last 600, from 1974-03; older invoices still open count in the receivables";
    // No clearing event: the ledger's basis falls back to cash, said by both.
    let basis = "the log has no clearing event (no activity recognised as invoice cleared or payment posted): receivables close at the payment received (cash basis)";
    assert_eq!(c["notes"], serde_json::json!([basis, note]));
    for n in [note, basis] {
        assert!(w["collections"]["notes"]
            .as_array()
            .unwrap()
            .contains(&n.into()));
    }
    assert_eq!(w["collections"]["dso_basis"], "cash");
    assert_eq!(c["kpis"]["dso_basis"], "cash");
}

#[test]
fn bundle_of_saved_results_is_the_warehouse_document() {
    let f = TempFile::new("small.csv", SMALL.as_bytes());
    let dir = std::env::temp_dir().join(format!("relance-cli-test-{}-bundle", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let w = json(&[
        "warehouse",
        f.path(),
        "--json",
        "--save",
        dir.to_str().unwrap(),
    ]);
    // One result as CSV and one as a Spark-style folder of parts, the rest as JSON lines.
    std::fs::write(
        dir.join("activities.csv"),
        "name,events,cases\nSend,2,2\nCreate,3,3\nPay,3.0,3\n",
    )
    .unwrap();
    std::fs::remove_file(dir.join("activities.json")).unwrap();
    let parts = dir.join("end_activities");
    std::fs::create_dir_all(&parts).unwrap();
    std::fs::rename(
        dir.join("end_activities.json"),
        parts.join("part-00000.json"),
    )
    .unwrap();
    std::fs::write(parts.join("_SUCCESS"), "").unwrap();
    let b = json(&[
        "bundle",
        dir.to_str().unwrap(),
        "--engine",
        "spark",
        "--json",
    ]);
    assert_same_core(&b, &w, "bundle");
    assert_eq!(b["source"]["engine"], "spark");
    assert_eq!(b["source"]["drill_down"], false);
    // A missing result is named.
    std::fs::remove_file(dir.join("dfg.json")).unwrap();
    let line = one_line_error(&["bundle", dir.to_str().unwrap(), "--json"]);
    assert!(line.contains("dfg"), "{line}");
    let _ = std::fs::remove_dir_all(&dir);
}

// Data as AR teams export it: several tables joined into one log, workbooks, a .zip.

const ITEMS: &str = "Belegnummer;Kunde;Rechnungsdatum;Betrag;Fälligkeit\n\
R1;Alpha;01.02.2024;100,50;01.03.2024\n\
R2;Beta;03.02.2024;200;03.03.2024\n\
R3;Gamma;05.02.2024;300;05.03.2024\n";
const DUNNING: &str = "Beleg;Mahnstufe;Mahndatum\n\
R1;Mahnung 1;05.03.2024\n\
R1;Mahnung 2;19.03.2024\n\
R2;Mahnung 1;07.03.2024\n\
R9;Mahnung 1;08.03.2024\n";
const PAYMENTS: &str = "Invoice,Paid on\nR1,2024-03-25\nR3,2024-02-20\n";

#[test]
fn analyze_joins_several_tables_without_a_flag() {
    let items = TempFile::new("items.csv", ITEMS.as_bytes());
    let dunning = TempFile::new("dunning.csv", DUNNING.as_bytes());
    let pay = TempFile::new("payments.csv", PAYMENTS.as_bytes());
    let doc = json(&[
        "analyze",
        dunning.path(),
        items.path(),
        pay.path(),
        "--json",
    ]);
    // 3 invoices + 1 dunning key the open items lack; 3 + 4 + 2 events.
    assert_eq!(u(&doc["log"]["cases"]), 4);
    assert_eq!(u(&doc["log"]["events"]), 9);
    let model = &doc["tables"]["model"]["tables"];
    assert!(model[0]["name"].as_str().unwrap().ends_with("items"));
    assert_eq!(model[0]["shape"], "wide");
    assert_eq!(model[1]["shape"], "long");
    assert_eq!(doc["tables"]["report"]["orphans"][0]["examples"][0], "R9");
    let acts: Vec<&str> = doc["activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    for a in ["Rechnungsdatum", "Mahnung 1", "Mahnung 2", "Paid on"] {
        assert!(acts.contains(&a), "{acts:?}");
    }
    // The report says what was assumed: the due date stays an attribute, R9 has no open item.
    let notes = doc["import"]["notes"].to_string();
    assert!(notes.contains("Fälligkeit"), "{notes}");
    assert!(notes.contains("are not in"), "{notes}");
    // The model printed is the model applied: given back with --model it gives the same log; changed
    // (the payment date ignored), two events fewer.
    let mut m = doc["tables"]["model"].clone();
    let model_file = TempFile::new("model.json", m.to_string().as_bytes());
    let again = json(&[
        "analyze",
        dunning.path(),
        items.path(),
        pay.path(),
        "--model",
        model_file.path(),
        "--json",
    ]);
    assert_eq!(again["log"], doc["log"]);
    for t in m["tables"].as_array_mut().unwrap() {
        for c in t["columns"].as_array_mut().unwrap() {
            if c["name"] == "Paid on" {
                *c = serde_json::json!({"name": "Paid on", "use": "ignore"});
            }
        }
    }
    let changed = TempFile::new("model2.json", m.to_string().as_bytes());
    let fewer = json(&[
        "analyze",
        dunning.path(),
        items.path(),
        pay.path(),
        "--model",
        changed.path(),
        "--json",
    ]);
    assert_eq!(u(&fewer["log"]["events"]), 7);
    // collections and bottlenecks take the same inputs.
    let c = json(&[
        "collections",
        items.path(),
        dunning.path(),
        pay.path(),
        "--json",
    ]);
    assert!(c.is_object());
    let b = relance(&[
        "bottlenecks",
        items.path(),
        dunning.path(),
        pay.path(),
        "--json",
    ]);
    assert!(b.status.success());
}

#[test]
fn tables_without_a_shared_key_name_both_files() {
    let items = TempFile::new("items.csv", ITEMS.as_bytes());
    let bank = TempFile::new("bank.csv", b"ref,booked\nX-1,2024-01-01\nX-2,2024-01-02\n");
    let err = one_line_error(&["analyze", items.path(), bank.path()]);
    assert!(err.contains("shares no key with"), "{err}");
    assert!(err.contains("items") && err.contains("bank"), "{err}");
}

#[test]
fn a_zip_of_tables_is_several_tables() {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        for (name, text) in [("items.csv", ITEMS), ("dunning.csv", DUNNING)] {
            z.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            z.write_all(text.as_bytes()).unwrap();
        }
        z.finish().unwrap();
    }
    let zip = TempFile::new("ar.zip", &buf.into_inner());
    let doc = json(&["analyze", zip.path(), "--json"]);
    assert_eq!(u(&doc["log"]["events"]), 7);
    assert_eq!(doc["tables"]["model"]["tables"][0]["name"], "items");
}

#[test]
fn a_workbook_is_read_from_its_table_sheet_or_the_one_named() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let legend = book.add_worksheet().set_name("Legend").unwrap();
    legend.write_string(0, 0, "Exported by the ERP").unwrap();
    let sheet = book.add_worksheet().set_name("Log").unwrap();
    sheet
        .write_string(0, 0, "Open items as of 2024-03-01")
        .unwrap();
    for (c, h) in ["case", "activity", "timestamp"].iter().enumerate() {
        sheet.write_string(2, c as u16, *h).unwrap();
    }
    let stamp = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd hh:mm");
    for (r, (case, act, day)) in [("A", "Create", 1), ("A", "Pay", 5), ("B", "Create", 2)]
        .iter()
        .enumerate()
    {
        let r = r as u32 + 3;
        sheet.write_string(r, 0, *case).unwrap();
        sheet.write_string(r, 1, *act).unwrap();
        let dt = rust_xlsxwriter::ExcelDateTime::from_ymd(2024, 1, *day)
            .unwrap()
            .and_hms(10, 0, 0)
            .unwrap();
        sheet.write_datetime_with_format(r, 2, &dt, &stamp).unwrap();
    }
    let xlsx = TempFile::new("book.xlsx", &book.save_to_buffer().unwrap());
    let doc = json(&["analyze", xlsx.path(), "--json"]);
    assert_eq!(doc["sheet"], "Log");
    assert_eq!(u(&doc["log"]["events"]), 3);
    assert_eq!(doc["log"]["first_event"], "2024-01-01T10:00:00Z");
    let err = one_line_error(&["analyze", xlsx.path(), "--sheet", "Nope"]);
    assert!(
        err.contains("no sheet named \"Nope\"") && err.contains("\"Log\""),
        "{err}"
    );
    let err = one_line_error(&["analyze", xlsx.path(), "--sheet", "Legend"]);
    assert!(err.contains("Legend") || err.contains("column"), "{err}");
    // A broken workbook: one line naming the file.
    let broken = TempFile::new("broken.xlsx", b"PK\x03\x04 not really a zip");
    let err = one_line_error(&["analyze", broken.path()]);
    assert!(err.contains("broken.xlsx"), "{err}");
}

/// `--lang fr` puts the text reports in French with French numbers; `--lang en` (and no language in
/// the environment) keeps them in English.
#[test]
fn lang_fr_gives_french_text_reports() {
    let f = demo_file("400");
    let text = |args: &[&str], env: Option<&str>| {
        let out = relance_in(args, env);
        assert!(out.status.success(), "{args:?}: {:?}", out.stderr);
        String::from_utf8(out.stdout).unwrap()
    };
    let fr = text(&["--lang", "fr", "analyze", f.path()], None);
    assert!(
        fr.contains("dossiers,") && fr.contains("événements"),
        "{fr}"
    );
    assert!(fr.contains("activités (événements, dossiers) :"), "{fr}");
    assert!(fr.contains("principales variantes"), "{fr}");
    // A duration with a decimal comma and the French day unit.
    assert!(
        fr.lines()
            .any(|l| l.starts_with("durée des dossiers : médiane ")
                && l.contains(",")
                && l.contains(" j,")),
        "{fr}"
    );
    let en = text(&["analyze", f.path(), "--lang", "en"], None);
    assert!(en.contains("activities (events, cases):"), "{en}");
    assert!(!en.contains("dossiers"), "{en}");
    let coll = text(&["collections", f.path(), "--lang", "fr"], None);
    assert!(coll.contains("taux de paiement à l'échéance "), "{coll}");
    assert!(
        coll.contains("relances (payées dans la fenêtre / envoyées)"),
        "{coll}"
    );
    assert!(
        coll.contains("créances : Une créance est une facture"),
        "{coll}"
    );
    // Percentages with a decimal comma: "36,2 %".
    assert!(
        coll.lines()
            .any(|l| l.starts_with("taux de paiement") && l.ends_with(" %") && l.contains(',')),
        "{coll}"
    );
    let b = text(&["bottlenecks", f.path(), "--lang", "fr"], None);
    assert!(b.lines().next().unwrap().ends_with("étape"), "{b}");
}

/// Without `--lang`, `LANG=fr_FR.UTF-8` gives French text; `LANG=en_US.UTF-8` English; `--lang`
/// wins over the environment.
#[test]
fn the_environment_chooses_the_language_unless_lang_is_given() {
    let f = demo_file("200");
    let text =
        |args: &[&str], env: Option<&str>| String::from_utf8(relance_in(args, env).stdout).unwrap();
    let fr = text(&["analyze", f.path()], Some("fr_FR.UTF-8"));
    assert!(fr.contains("activités (événements, dossiers) :"), "{fr}");
    let en = text(&["analyze", f.path()], Some("en_US.UTF-8"));
    assert!(en.contains("activities (events, cases):"), "{en}");
    let forced = text(&["analyze", f.path(), "--lang", "en"], Some("fr_FR.UTF-8"));
    assert!(forced.contains("activities (events, cases):"), "{forced}");
    // The demo export does not follow the environment: the same command writes the same file.
    let demo_env = relance_in(&["demo", "--invoices", "20"], Some("fr_FR.UTF-8")).stdout;
    let demo_plain = relance_in(&["demo", "--invoices", "20"], None).stdout;
    assert_eq!(demo_env, demo_plain);
}

/// JSON is a contract for programs: the same bytes whatever `--lang` or the environment say.
#[test]
fn json_does_not_change_with_the_language() {
    let f = demo_file("300");
    for cmd in [
        &["analyze", "--json"][..],
        &["collections", "--json"][..],
        &["bottlenecks", "--json"][..],
        &["insights", "--json", "--outcome", "late_payment"][..],
    ] {
        let run = |lang: &str, env: Option<&str>| {
            let mut args: Vec<&str> = vec![cmd[0], f.path()];
            args.extend_from_slice(&cmd[1..]);
            args.extend_from_slice(&["--lang", lang]);
            let out = relance_in(&args, env);
            assert!(out.status.success(), "{args:?}: {:?}", out.stderr);
            out.stdout
        };
        let en = run("en", None);
        assert!(!en.is_empty());
        assert_eq!(en, run("fr", None), "{cmd:?}");
        assert_eq!(en, run("fr", Some("fr_FR.UTF-8")), "{cmd:?}");
    }
    // Without --lang, a French environment does not change the JSON either.
    let plain = relance_in(&["insights", f.path(), "--json"], None).stdout;
    let fr_env = relance_in(&["insights", f.path(), "--json"], Some("fr_FR.UTF-8")).stdout;
    assert_eq!(plain, fr_env);
}

/// A gzip file written member by member: `head`, then `body` `times` over (concatenated members
/// inflate one after the other), so gigabytes of text cost a few KiB per block to write.
fn gzip_bomb(name: &str, head: &[u8], body: &[u8], times: u64) -> TempFile {
    use std::io::Write;
    let member = |bytes: &[u8]| {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(bytes).unwrap();
        enc.finish().unwrap()
    };
    let f = TempFile::new(name, &member(head));
    let block = member(body);
    let mut out =
        std::io::BufWriter::new(std::fs::OpenOptions::new().append(true).open(&f.0).unwrap());
    for _ in 0..times {
        out.write_all(&block).unwrap();
    }
    out.flush().unwrap();
    f
}

/// `relance ARGS` under an address-space limit of `kib` KiB (`ulimit -v`).
fn relance_limited(kib: u64, args: &[&str]) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {kib} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_relance"))
        .args(args)
        .env("RUST_BACKTRACE", "1")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .output()
        .expect("run relance under ulimit")
}

/// Exit status 2, one `relance: ` line, no allocator abort and no backtrace.
fn one_clean_line(out: &Output, what: &str) -> String {
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(
        !err.contains("memory allocation")
            && !err.contains("panicked")
            && !err.contains("backtrace"),
        "{what}: {err}"
    );
    assert_eq!(
        out.status.code(),
        Some(2),
        "{what}: {:?}: {err}",
        out.status
    );
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "{what}: {err:?}");
    assert!(lines[0].starts_with("relance: "), "{what}: {err}");
    lines[0].to_string()
}

/// Issue 16, point 5: an 8 GB gzip row bomb (a few MB on disk) under a 4 GB address-space limit
/// aborted in the allocator. It is refused from its first slices, naming the memory it would need,
/// what the process may take, and what to run instead.
#[test]
fn issue16_a_gzip_row_bomb_is_refused_under_an_address_space_limit() {
    let mut rows = String::new();
    for i in 0..100_000 {
        rows.push_str(&format!(
            "INV-{:06},Send reminder {},2024-03-{:02}T10:{:02}:00Z\n",
            i % 20,
            i % 3,
            1 + i % 4,
            i % 5
        ));
    }
    let times = 8_000_000_000 / rows.len() as u64;
    let bomb = gzip_bomb(
        "row-bomb.csv.gz",
        b"case,activity,timestamp\n",
        rows.as_bytes(),
        times,
    );
    let on_disk = std::fs::metadata(&bomb.0).unwrap().len();
    assert!(on_disk < 64 << 20, "{on_disk} bytes on disk");
    let started = std::time::Instant::now();
    let out = relance_limited(4_000_000, &["analyze", bomb.path(), "--json"]);
    let took = started.elapsed();
    let line = one_clean_line(&out, "row bomb");
    assert!(out.stdout.is_empty());
    assert!(line.contains(bomb.path()), "{line}");
    assert!(
        line.contains("GB of memory") && line.contains("address-space limit"),
        "{line}"
    );
    assert!(line.contains("relance warehouse"), "{line}");
    eprintln!("row bomb of {on_disk} bytes refused in {took:?}: {line}");
}

/// A record that never ends (a quote never closed) grows the record buffer until memory runs out:
/// an error naming the rows read, not an abort.
#[test]
fn issue16_an_endless_record_runs_out_of_memory_with_an_error() {
    let junk = "no closing quote, just more of the same field ".repeat(100_000);
    let bomb = gzip_bomb(
        "endless-field.csv.gz",
        b"case,activity,timestamp\nA,Start,2024-03-01T10:00:00Z\nB,\"Start",
        junk.as_bytes(),
        3_000_000_000 / junk.len() as u64,
    );
    let out = relance_limited(1_500_000, &["analyze", bomb.path(), "--json"]);
    let line = one_clean_line(&out, "endless record");
    assert!(line.contains("out of memory after 1 rows"), "{line}");
    assert!(line.contains("relance warehouse"), "{line}");
}

/// Issue 16: a subgroup is judged against its parent's other cases and shown under its parent.
/// 3,000 cases: region Süd escalates more often (45 % against 20 %), and within Süd cost centre 121
/// more still (75 %); the other cost centres change nothing.
#[test]
fn insights_show_a_subgroup_under_its_parent() {
    // SplitMix64, so the file is the same on every run.
    let mut state = 16u64;
    let mut uniform = || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut csv = String::from("case,activity,timestamp,region,cost_centre\n");
    for i in 0..3000 {
        let region = if uniform() < 0.5 { "Süd" } else { "Nord" };
        let cc = ["121", "122", "123"][(uniform() * 3.0) as usize];
        let p = match (region, cc) {
            ("Süd", "121") => 0.75,
            ("Süd", _) => 0.30,
            _ => 0.20,
        };
        let day = 1 + i % 28;
        let month = 1 + (i / 28) % 12;
        csv.push_str(&format!(
            "C{i},Create,2024-{month:02}-{day:02}T09:00:00Z,{region},{cc}\n"
        ));
        if uniform() < p {
            csv.push_str(&format!(
                "C{i},Escalate,2024-{month:02}-{day:02}T12:00:00Z,{region},{cc}\n"
            ));
        }
        csv.push_str(&format!(
            "C{i},Close,2024-{month:02}-{day:02}T15:00:00Z,{region},{cc}\n"
        ));
    }
    let f = TempFile::new("escalations.csv", csv.as_bytes());
    let args = ["insights", f.path(), "--outcome", "passes_through:Escalate"];
    let j = json(&[&args[..], &["--json"]].concat());
    let findings = j["findings"].as_array().unwrap();
    let pair = findings
        .iter()
        .find(|f| f["value"] == "Süd × 121")
        .unwrap_or_else(|| panic!("{findings:#?}"));
    assert_eq!(pair["attribute"], "region × cost_centre");
    assert_eq!(pair["parent"]["attribute"], "region");
    assert_eq!(pair["parent"]["value"], "Süd");
    // Its rest is the other Süd cases (about 30 %), not every other case.
    let rest = pair["rest_value"].as_f64().unwrap();
    assert!((0.25..0.36).contains(&rest), "{pair}");
    // Text: the pair is indented under region Süd.
    let out = relance(&args);
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let parent = lines
        .iter()
        .rposition(|l| {
            l.trim_start().starts_with(|c: char| c.is_ascii_digit())
                && l.contains("Cases with region Süd pass through")
        })
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        lines[parent + 1]
            .starts_with("       Within region Süd, cases with cost_centre 121 pass through"),
        "{text}"
    );
}

/// Issue 16, point 6: the JSON lists the first violations of each rule and says so; every one of them
/// is in the CSV that `--violations-csv` writes.
#[test]
fn collections_writes_every_violation_to_a_csv() {
    let f = demo_file("6000");
    let dir = std::env::temp_dir().join(format!("relance-violations-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv_path = dir.join("violations.csv");
    let j = json(&[
        "collections",
        f.path(),
        "--json",
        "--violations-csv",
        csv_path.to_str().unwrap(),
    ]);
    let rules = j["compliance"].as_array().unwrap();
    let total: u64 = rules
        .iter()
        .map(|r| r["violations"].as_u64().unwrap())
        .sum();
    let truncated = rules
        .iter()
        .find(|r| r["details_truncated"] == true)
        .expect("a rule past the cap on 6,000 invoices");
    assert_eq!(truncated["details"].as_array().unwrap().len(), 1000);
    assert!(truncated["violations"].as_u64().unwrap() > 1000);
    assert_eq!(
        truncated["case_count"].as_u64().unwrap() as usize,
        truncated["cases"].as_array().unwrap().len()
    );
    let text = std::fs::read_to_string(&csv_path).unwrap();
    assert_eq!(
        text.lines().count() as u64,
        total + 1,
        "a row per violation"
    );
    let rule = truncated["rule"].as_str().unwrap();
    let rows = text
        .lines()
        .filter(|l| l.contains(&format!(",{rule},")))
        .count() as u64;
    assert_eq!(rows, truncated["violations"].as_u64().unwrap());
    std::fs::remove_dir_all(&dir).ok();
}

/// Every command that reads a file says which rows and values it could not read: in its JSON under
/// `import` (as `analyze` gives it), and on standard error beside its text answer (regression:
/// `collections` and the others dropped them silently).
#[test]
fn every_command_reports_the_rows_and_values_it_could_not_read() {
    let mut csv = String::from("invoice,activity,timestamp,amount,due_date,customer\n");
    for i in 0..12 {
        csv += &format!(
            "I{i},Invoice created,2024-01-{d:02},{a}.50,2024-02-{d:02},C{c}\n\
             I{i},Payment received,2024-02-{p:02},,,\n",
            d = i + 1,
            a = 100 + i,
            c = i % 3,
            p = i + 5
        );
    }
    // Line 26: a timestamp that reads as nothing; line 27: an amount that is no number.
    csv += "I12,Invoice created,someday,10.00,2024-03-01,C1\n\
            I13,Invoice created,2024-01-20,douze,2024-02-20,C2\n";
    let f = TempFile::new("unreadable.csv", csv.as_bytes());
    for cmd in ["collections", "insights", "forecast"] {
        let j = json(&[cmd, f.path(), "--json"]);
        let import = &j["import"];
        assert_eq!(import["skipped_rows"], 1, "{cmd}: {import}");
        assert_eq!(import["problems"][0]["line"], 26, "{cmd}");
        let notes = import["notes"].to_string();
        assert!(
            notes.contains("one value could not be read as a number") && notes.contains("douze"),
            "{cmd}: {notes}"
        );
    }
    // Text answers, and `bottlenecks`, whose JSON is a bare array: on standard error.
    for args in [
        vec!["collections", f.path()],
        vec!["bottlenecks", f.path(), "--json"],
    ] {
        let out = relance(&args);
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.contains("1 skipped") && err.contains("line 26"),
            "{args:?}: {err}"
        );
        assert!(err.contains("douze"), "{args:?}: {err}");
    }
}
