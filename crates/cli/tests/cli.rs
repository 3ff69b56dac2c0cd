//! Runs the built `relance` binary and checks its JSON, its errors and its exit codes (ripgrep's
//! `rgtest!` style: a temp file in, the process's output out).

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A file in the system temp dir, removed on drop; unique per process and call.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, contents: &[u8]) -> TempFile {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!(
            "relance-cli-test-{}-{n}-{name}",
            std::process::id()
        ));
        std::fs::write(&path, contents).unwrap();
        TempFile(path)
    }
    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn relance(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_relance"))
        .args(args)
        // A panic would print a backtrace with this set; the tests check none appears.
        .env("RUST_BACKTRACE", "1")
        .output()
        .expect("run relance")
}

fn json(args: &[&str]) -> Value {
    let out = relance(args);
    assert!(
        out.status.success(),
        "relance {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

/// Asserts the run failed with status 2 and one `relance: ` line on stderr, and returns that line.
fn one_line_error(args: &[&str]) -> String {
    let out = relance(args);
    assert_eq!(out.status.code(), Some(2), "relance {args:?}");
    assert!(out.stdout.is_empty(), "stdout: {:?}", out.stdout);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        !err.contains("panicked") && !err.contains("backtrace") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "stderr: {err:?}");
    assert!(lines[0].starts_with("relance: "), "{err}");
    lines[0].to_string()
}

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
        "simple n/a (no credit sales in the 3 months to this month-end)",
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
    // A, B and C last 4, 2 and 2 days.
    assert_eq!(dur["value"], 2.0);
    assert_eq!(dur["cases"], 3);
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
