//! `relance conformance`: runs the built binary and checks the issue's JSON shape (issue 18), the
//! figures against pm4py's fixtures, the model exports read back, and the one-line errors.

use serde_json::Value;
use std::path::{Path, PathBuf};

mod common;
use common::*;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../engine/tests/it/fixtures/conformance")
}

fn fixture(name: &str) -> String {
    fixtures().join(name).to_str().unwrap().to_string()
}

fn shared_data(name: &str) -> Option<String> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(name);
    if p.is_file() {
        Some(p.to_str().unwrap().to_string())
    } else {
        eprintln!("skipping: {} is not beside this checkout", p.display());
        None
    }
}

fn demo_file(invoices: &str) -> TempFile {
    let out = relance(&["demo", "--invoices", invoices]);
    assert!(out.status.success());
    TempFile::new("demo.csv", &out.stdout)
}

/// The issue's JSON, key by key, on the demo collections log with a mined happy path.
#[test]
fn issue_18_json_shape_on_the_demo_with_a_happy_path() {
    let demo = demo_file("2000");
    let j = json(&["conformance", demo.path(), "--happy-path", "80", "--json"]);
    for key in ["cases", "fit_cases"] {
        assert!(j[key].is_u64(), "{key}: {}", j[key]);
    }
    for key in ["fitness", "average_trace_fitness"] {
        let x = j[key].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&x), "{key} {x}");
    }
    assert_eq!(j["cases"].as_u64(), Some(2000));
    let v0 = &j["variants"][0];
    for key in ["activities", "cases", "deviations", "fitness", "moves"] {
        assert!(!v0[key].is_null(), "variant has no {key}: {v0}");
    }
    // Every move has both keys; a log move has "model": null, a model move "log": null, and silent
    // moves are left out (no move with both null).
    let mut log_moves = 0;
    for v in j["variants"].as_array().unwrap() {
        for m in v["moves"].as_array().unwrap() {
            let (l, mo) = (&m["log"], &m["model"]);
            assert!(
                m.as_object().unwrap().contains_key("log")
                    && m.as_object().unwrap().contains_key("model")
            );
            assert!(!(l.is_null() && mo.is_null()), "{m}");
            if mo.is_null() {
                log_moves += 1;
            }
        }
    }
    assert!(
        log_moves > 0,
        "the happy path covers 80 %: some variant must deviate"
    );
    let d = &j["deviations"][0];
    let keys = [
        "kind",
        "activity",
        "cases",
        "share",
        "impact_days",
        "ci_low",
        "ci_high",
    ];
    assert_keys(d, "deviation", &keys);
    assert_keys(d, "deviation", &["amount", "text"]);
    assert!(
        ["skipped", "inserted", "out_of_order", "repeated"].contains(&d["kind"].as_str().unwrap())
    );
    // The demo is receivables with amounts: impacts on invoice to cash, amounts summed.
    assert_eq!(j["measure"], "invoice_to_cash_days");
    assert!(d["amount"].as_f64().unwrap() > 0.0);
    let s = &j["scenarios"][0];
    let keys = [
        "name",
        "invoice_to_cash_days",
        "dso_days",
        "cash_released",
        "ci_low",
        "ci_high",
    ];
    assert_keys(s, "scenario", &keys);
    assert!(
        j["scenarios"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["dso_days"].is_f64() && s["cash_released"].is_f64()),
        "{}",
        j["scenarios"]
    );
    // The model says where it comes from.
    let desc = j["model"]["description"].as_str().unwrap();
    assert!(
        desc.contains("top") && desc.contains("variants covering"),
        "{desc}"
    );
    assert_eq!(j["model"]["source"]["kind"], "mined");
}

/// The CLI's figures are pm4py's (the engine tests check every log; this one the whole path).
#[test]
fn running_example_against_pm4py_s_model_equals_pm4py() {
    let Some(log) = shared_data("running-example.xes") else {
        return;
    };
    let fx: Value = serde_json::from_str(
        &std::fs::read_to_string(fixtures().join("running_example.json")).unwrap(),
    )
    .unwrap();
    let m = &fx["models"][0];
    for file in [m["pnml"].as_str().unwrap(), m["bpmn"].as_str().unwrap()] {
        let j = json(&["conformance", &log, "--model", &fixture(file), "--json"]);
        assert_eq!(j["cases"], fx["cases"]);
        assert_eq!(j["fit_cases"], m["fit_cases"]);
        assert_eq!(j["fitness"].as_f64(), m["log_fitness_deviations"].as_f64());
    }
}

#[test]
fn roadtraffic_imf_model_deviations_equal_pm4py_per_variant() {
    let Some(log) = shared_data("roadtraffic100traces.xes") else {
        return;
    };
    let fx: Value = serde_json::from_str(
        &std::fs::read_to_string(fixtures().join("roadtraffic100traces.json")).unwrap(),
    )
    .unwrap();
    let m = &fx["models"][1];
    let j = json(&[
        "conformance",
        &log,
        "--model",
        &fixture(m["pnml"].as_str().unwrap()),
        "--json",
    ]);
    assert_eq!(j["fit_cases"], m["fit_cases"]);
    assert_eq!(j["pm4py_log_fitness"].as_f64(), m["log_fitness"].as_f64());
    for v in m["variants"].as_array().unwrap() {
        let ours = j["variants"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["activities"] == v["activities"])
            .unwrap_or_else(|| panic!("variant {} missing", v["activities"]));
        assert_eq!(ours["deviations"], v["deviations"], "{}", v["activities"]);
        assert_eq!(
            ours["fitness"].as_f64(),
            v["fitness"].as_f64(),
            "{}",
            v["activities"]
        );
        assert_eq!(ours["cost"], v["cost"], "{}", v["activities"]);
    }
}

/// `--export-model`: the BPMN and PNML written read back as the same model (same figures), and the
/// BPMN carries a diagram.
#[test]
fn exported_models_read_back_with_the_same_figures() {
    let demo = demo_file("1500");
    let bpmn = TempFile::path_for("model.bpmn");
    let pnml = TempFile::path_for("model.pnml");
    let a = json(&[
        "conformance",
        demo.path(),
        "--happy-path",
        "90",
        "--export-model",
        bpmn.path(),
        "--json",
    ]);
    assert_eq!(a["export"]["format"], "bpmn");
    let b = json(&[
        "conformance",
        demo.path(),
        "--happy-path",
        "90",
        "--export-model",
        pnml.path(),
        "--json",
    ]);
    assert_eq!(b["export"]["format"], "pnml");
    let text = std::fs::read_to_string(&bpmn.0).unwrap();
    assert!(
        text.contains("<bpmndi:BPMNShape") && text.contains("<di:waypoint"),
        "no diagram"
    );
    for model in [&bpmn, &pnml] {
        let c = json(&[
            "conformance",
            demo.path(),
            "--model",
            model.path(),
            "--json",
        ]);
        assert_eq!(c["fit_cases"], a["fit_cases"], "{}", model.path());
        assert_eq!(c["fitness"], a["fitness"], "{}", model.path());
        let devs = |x: &Value| -> Vec<(Value, Value)> {
            x["variants"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| (v["activities"].clone(), v["deviations"].clone()))
                .collect()
        };
        assert_eq!(devs(&c), devs(&a), "{}", model.path());
    }
    let e = one_line_error(&[
        "conformance",
        demo.path(),
        "--happy-path",
        "90",
        "--export-model",
        "/tmp/x.txt",
    ]);
    assert!(e.contains("name the file .bpmn or .pnml"), "{e}");
}

#[test]
fn bad_models_are_one_line_errors_naming_the_element() {
    let demo = demo_file("300");
    let inclusive = TempFile::new(
        "or.bpmn",
        br#"<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p">
<startEvent id="s"/><inclusiveGateway id="or1" name="Which reminders"/><endEvent id="e"/>
<sequenceFlow id="f1" sourceRef="s" targetRef="or1"/><sequenceFlow id="f2" sourceRef="or1" targetRef="e"/>
</process></definitions>"#,
    );
    let e = one_line_error(&["conformance", demo.path(), "--model", inclusive.path()]);
    assert!(
        e.contains("inclusiveGateway") && e.contains("or1") && e.contains("not supported"),
        "{e}"
    );
    let no_path = TempFile::new(
        "dead.bpmn",
        br#"<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p">
<startEvent id="s"/><task id="t1" name="Invoice created"/><task id="t2" name="Stuck"/><endEvent id="e"/>
<sequenceFlow id="f1" sourceRef="s" targetRef="t1"/><sequenceFlow id="f2" sourceRef="t1" targetRef="e"/>
<sequenceFlow id="f3" sourceRef="t1" targetRef="t2"/></process></definitions>"#,
    );
    let e = one_line_error(&["conformance", demo.path(), "--model", no_path.path()]);
    assert!(
        e.contains("task \"Stuck\" (id t2) has no path to an end event"),
        "{e}"
    );
    let pnml = std::fs::read_to_string(fixtures().join("running_example_im.pnml")).unwrap();
    let cut = pnml.find("<finalmarkings>").unwrap();
    let end = pnml.find("</finalmarkings>").unwrap() + "</finalmarkings>".len();
    let no_final = TempFile::new(
        "nofinal.pnml",
        format!("{}{}", &pnml[..cut], &pnml[end..]).as_bytes(),
    );
    let e = one_line_error(&["conformance", demo.path(), "--model", no_final.path()]);
    assert!(
        e.contains("no final marking") && e.contains("\"sink\""),
        "{e}"
    );
    // The running example's model and the demo share no activity.
    let e = one_line_error(&[
        "conformance",
        demo.path(),
        "--model",
        &fixture("running_example_im.pnml"),
    ]);
    assert!(
        e.contains("shares no activity with the log") && e.contains("\"register request\""),
        "{e}"
    );
    for (args, want) in [
        (vec!["--happy-path", "0"], "above 0 and at most 100"),
        (vec!["--happy-path", "120"], "above 0 and at most 100"),
        (vec!["--happy-path", "80", "--noise", "2"], "--noise"),
        (vec!["--model", "/nonexistent/model.bpmn"], "model.bpmn"),
    ] {
        let mut a = vec!["conformance", demo.path()];
        a.extend(args);
        let e = one_line_error(&a);
        assert!(e.contains(want), "{e}");
    }
}

/// Model activities named otherwise than the log's: paired by `--map-activity`.
#[test]
fn map_activity_pairs_differently_named_activities() {
    let log = TempFile::new(
        "log.csv",
        b"case,activity,timestamp\n1,Facture,2024-01-01\n1,Paiement,2024-01-05\n2,Facture,2024-01-01\n2,Relance,2024-01-20\n2,Paiement,2024-01-30\n",
    );
    let model = TempFile::new(
        "m.bpmn",
        br#"<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p">
<startEvent id="s"/><task id="a" name="Invoice"/><task id="b" name="Payment"/><endEvent id="e"/>
<sequenceFlow id="f1" sourceRef="s" targetRef="a"/><sequenceFlow id="f2" sourceRef="a" targetRef="b"/>
<sequenceFlow id="f3" sourceRef="b" targetRef="e"/></process></definitions>"#,
    );
    let e = one_line_error(&["conformance", log.path(), "--model", model.path()]);
    assert!(e.contains("shares no activity"), "{e}");
    let j = json(&[
        "conformance",
        log.path(),
        "--model",
        model.path(),
        "--map-activity",
        "Invoice=Facture",
        "--map-activity",
        "Payment=Paiement",
        "--json",
    ]);
    assert_eq!(j["fit_cases"], 1);
    // Case 2's reminder is the one deviation: inserted, for 1 case of 2.
    assert_eq!(j["deviations"][0]["kind"], "inserted");
    assert_eq!(j["deviations"][0]["activity"], "Relance");
    assert_eq!(j["deviations"][0]["share"].as_f64(), Some(0.5));
    let mapping = &j["model"]["mapping"]["pairs"];
    assert_eq!(mapping[0]["model"], "Invoice");
    assert_eq!(mapping[0]["log"], "Facture");
    assert_eq!(mapping[0]["how"], "user");
}

#[test]
fn text_output_in_english_and_french() {
    let demo = demo_file("800");
    let out = relance(&["conformance", demo.path(), "--happy-path", "80"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("deviations, ranked by impact:"), "{text}");
    assert!(text.contains("not a promise"), "{text}");
    let out = relance(&[
        "--lang",
        "fr",
        "conformance",
        demo.path(),
        "--happy-path",
        "80",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("écarts, classés par impact"), "{text}");
    assert!(text.contains("pas une promesse"), "{text}");
}

/// A view file saved by the app carries the ideal process: with no `--model` nor `--happy-path`,
/// `--view` gives it, its user-made scenarios are estimated after the default ones, and a view without
/// one says what to give.
#[test]
fn a_view_file_s_model_and_scenarios_are_used() {
    let demo = demo_file("1500");
    let pnml = TempFile::path_for("view-model.pnml");
    let a = json(&[
        "conformance",
        demo.path(),
        "--happy-path",
        "90",
        "--export-model",
        pnml.path(),
        "--json",
    ]);
    let text = std::fs::read_to_string(&pnml.0).unwrap();
    let view = serde_json::json!({
        "relance_view": 1,
        "conformance": {
            "model": {"kind": "file", "name": "ideal.pnml", "text": text},
            "scenarios": [{"kind": "waiting_time", "activity": "Reminder 1 sent", "factor": 0.25}]
        }
    });
    let view_file = TempFile::new("view.json", view.to_string().as_bytes());
    let b = json(&[
        "conformance",
        demo.path(),
        "--view",
        view_file.path(),
        "--json",
    ]);
    assert_eq!(b["fitness"], a["fitness"]);
    assert_eq!(b["fit_cases"], a["fit_cases"]);
    let scenarios = b["scenarios"].as_array().unwrap();
    let last = scenarios.last().unwrap();
    assert_eq!(last["spec"]["kind"], "waiting_time", "{last}");
    assert_eq!(last["spec"]["factor"], 0.25);
    assert!(
        scenarios.len() >= 2,
        "the defaults come first: {scenarios:?}"
    );
    // The view's model mined again: the same figures as the flag.
    let mined = serde_json::json!({"conformance": {"model": {"kind": "mined",
        "choice": {"kind": "top_coverage", "percent": 90.0}}}});
    let mined_file = TempFile::new("mined.json", mined.to_string().as_bytes());
    let c = json(&[
        "conformance",
        demo.path(),
        "--view",
        mined_file.path(),
        "--json",
    ]);
    assert_eq!(c["fitness"], a["fitness"]);
    let empty = TempFile::new("empty.json", br#"{"relance_view": 1}"#);
    let e = one_line_error(&["conformance", demo.path(), "--view", empty.path()]);
    assert!(e.contains("--view file that holds one"), "{e}");
}
