//! Conformance against pm4py 2.7: per-variant deviations (alignment cost), trace fitness, log fitness
//! and fitting cases equal `conformance_diagnostics_alignments` on the reference logs, for the models
//! pm4py's inductive miner found (IM, and IMf with noise threshold 0.2), read from the PNML and the
//! BPMN files pm4py wrote. The figures were generated once by `fixtures/conformance/generate.py`.
//!
//! Then what pm4py is not needed for: the inductive miner's guarantee (a model mined from every variant
//! fits every case), hostile model files, and state spaces too large to explore.

use crate::common::shared_dir;
use proptest::prelude::*;
use relance_engine::collections::RoleMap;
use relance_engine::conformance::{
    bpmn, conformance, pnml, ConformanceOptions, ConformanceReport, MinerOptions, ProcessModel,
    VariantChoice,
};
use relance_engine::import::{import_bytes, import_path, ImportOptions};
use relance_engine::insights::Language;
use relance_engine::{EventLog, Selection};
use serde_json::Value;
use std::collections::HashMap;
use std::path::PathBuf;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/it/fixtures/conformance")
}

/// No scenarios: they do not take part in the comparison and cost time.
fn quick() -> ConformanceOptions {
    ConformanceOptions {
        scenarios: Some(Vec::new()),
        bootstrap_samples: 200,
        ..Default::default()
    }
}

fn load(data: &str) -> Option<EventLog> {
    let Some(shared) = shared_dir() else {
        eprintln!("skipping conformance check on {data}: ../shared/ is not beside this checkout");
        return None;
    };
    let path = shared.join("data").join(data);
    Some(
        import_path(&path, ImportOptions::default())
            .unwrap_or_else(|e| panic!("{data}: {e}"))
            .log,
    )
}

/// Per variant: cases, deviations, fitness, raw cost.
type Figures = (u64, Option<u32>, Option<f64>, Option<u64>);

fn by_sequence(r: &ConformanceReport) -> HashMap<Vec<String>, Figures> {
    r.variants
        .iter()
        .map(|v| {
            (
                v.activities.clone(),
                (v.cases, v.deviations, v.fitness, v.cost),
            )
        })
        .collect()
}

/// Compares one log with every model of its fixture, read from PNML and from BPMN.
fn check(name: &str) {
    let fx: Value = serde_json::from_str(
        &std::fs::read_to_string(fixtures().join(format!("{name}.json"))).unwrap(),
    )
    .unwrap();
    let Some(log) = load(fx["log"].as_str().unwrap()) else {
        return;
    };
    let sel = Selection::all(&log);
    let map = RoleMap::guess(&log);
    let mut problems = Vec::new();
    for m in fx["models"].as_array().unwrap() {
        let noise = m["noise_threshold"].as_f64().unwrap();
        for file_key in ["pnml", "bpmn"] {
            let file = m[file_key].as_str().unwrap();
            let bytes = std::fs::read(fixtures().join(file)).unwrap();
            let model = ProcessModel::read(file, &bytes).unwrap_or_else(|e| panic!("{file}: {e}"));
            let r = conformance(&log, &sel, &model, &map, &quick())
                .unwrap_or_else(|e| panic!("{file}: {e}"));
            let here = format!("{name} noise {noise} {file_key}");
            let mut expect = |ok: bool, what: String| {
                if !ok {
                    problems.push(format!("{here}: {what}"));
                }
            };
            expect(
                r.cases == fx["cases"].as_u64().unwrap(),
                format!("cases {}", r.cases),
            );
            expect(r.variants_not_aligned == 0, "variants not aligned".into());
            expect(
                r.fit_cases == m["fit_cases"].as_u64().unwrap(),
                format!("fit cases {} vs {}", r.fit_cases, m["fit_cases"]),
            );
            let ours = by_sequence(&r);
            let variants = m["variants"].as_array().unwrap();
            expect(
                ours.len() == variants.len(),
                format!("{} variants vs {}", ours.len(), variants.len()),
            );
            for v in variants {
                let seq: Vec<String> = v["activities"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|a| a.as_str().unwrap().to_string())
                    .collect();
                let Some(&(cases, dev, fit, cost)) = ours.get(&seq) else {
                    expect(false, format!("variant {seq:?} missing"));
                    continue;
                };
                let (dk, fk) = if file_key == "pnml" {
                    ("deviations", "fitness")
                } else {
                    ("bpmn_deviations", "bpmn_fitness")
                };
                expect(
                    cases == v["cases"].as_u64().unwrap(),
                    format!("{seq:?}: cases {cases}"),
                );
                expect(
                    dev == Some(v[dk].as_u64().unwrap() as u32),
                    format!("{seq:?}: deviations {dev:?} vs {}", v[dk]),
                );
                expect(
                    fit == Some(v[fk].as_f64().unwrap()),
                    format!("{seq:?}: fitness {fit:?} vs {}", v[fk]),
                );
                // On pm4py's own net, the silent moves too: the raw cost is the same.
                if file_key == "pnml" {
                    expect(
                        cost == Some(v["cost"].as_u64().unwrap()),
                        format!("{seq:?}: raw cost {cost:?} vs {}", v["cost"]),
                    );
                }
            }
            expect(
                r.fitness == Some(m["log_fitness_deviations"].as_f64().unwrap()),
                format!(
                    "log fitness {:?} vs {}",
                    r.fitness, m["log_fitness_deviations"]
                ),
            );
            // The mean of per-case fitness is summed in another order than pm4py's: equal to 1e-12.
            let avg = m["average_trace_fitness"].as_f64().unwrap();
            expect(
                r.average_trace_fitness
                    .is_some_and(|a| (a - avg).abs() < 1e-12),
                format!(
                    "average trace fitness {:?} vs {avg}",
                    r.average_trace_fitness
                ),
            );
            if file_key == "pnml" {
                expect(
                    r.pm4py_log_fitness == Some(m["log_fitness"].as_f64().unwrap()),
                    format!(
                        "pm4py log fitness {:?} vs {}",
                        r.pm4py_log_fitness, m["log_fitness"]
                    ),
                );
                expect(
                    r.model.transitions == m["transitions"].as_u64().unwrap()
                        && r.model.silent_transitions == m["silent_transitions"].as_u64().unwrap()
                        && r.model.places == m["places"].as_u64().unwrap(),
                    "net size".into(),
                );
            }
            expect(
                r.model.check.sound == Some(true),
                format!("sound {:?}", r.model.check),
            );
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn running_example_equals_pm4py() {
    check("running_example");
}

#[test]
fn roadtraffic100traces_equals_pm4py() {
    check("roadtraffic100traces");
}

#[test]
fn roadtraffic50traces_equals_pm4py() {
    check("roadtraffic50traces");
}

#[test]
fn roadtraffic_1t_per_variant_equals_pm4py() {
    check("roadtraffic_1t_per_variant");
}

#[test]
fn receipt_equals_pm4py() {
    check("receipt");
}

#[test]
fn helpdesk_equals_pm4py() {
    check("helpdesk");
}

/// The inductive miner's guarantee (Leemans 2017, Thm. 5.2): IM's model fits every trace it was mined
/// from. Mined from every variant, every case fits, and the net is sound.
#[test]
fn a_model_mined_from_every_variant_fits_every_case() {
    for data in [
        "running-example.xes",
        "roadtraffic100traces.xes",
        "roadtraffic_1t_per_variant.xes.gz",
        "receipt.xes.gz",
        "helpdesk.xes.gz",
    ] {
        let Some(log) = load(data) else { return };
        let sel = Selection::all(&log);
        let choice = VariantChoice::TopCoverage { percent: 100.0 };
        let model =
            ProcessModel::mine(&log, &sel, &choice, MinerOptions::default(), Language::En).unwrap();
        let r = conformance(&log, &sel, &model, &RoleMap::guess(&log), &quick()).unwrap();
        assert_eq!(
            r.fit_cases,
            r.cases,
            "{data}: {}",
            model.tree.as_ref().unwrap().notation()
        );
        assert_eq!(r.fitness, Some(1.0), "{data}");
        assert_eq!(
            r.model.check.sound,
            Some(true),
            "{data}: {:?}",
            r.model.check
        );
        assert!(r.deviations.is_empty(), "{data}");
    }
}

/// Our IMf against pm4py's on the same logs: the models need not be written alike, but they should
/// accept the same runs, so every variant has the same deviations against both.
#[test]
fn the_miner_finds_models_with_pm4py_s_deviations() {
    let mut problems = Vec::new();
    for name in [
        "running_example",
        "roadtraffic100traces",
        "roadtraffic50traces",
        "roadtraffic_1t_per_variant",
        "receipt",
        "helpdesk",
    ] {
        let fx: Value = serde_json::from_str(
            &std::fs::read_to_string(fixtures().join(format!("{name}.json"))).unwrap(),
        )
        .unwrap();
        let Some(log) = load(fx["log"].as_str().unwrap()) else {
            return;
        };
        let sel = Selection::all(&log);
        for m in fx["models"].as_array().unwrap() {
            let noise = m["noise_threshold"].as_f64().unwrap();
            let choice = VariantChoice::TopCoverage { percent: 100.0 };
            let model = ProcessModel::mine(
                &log,
                &sel,
                &choice,
                MinerOptions {
                    noise_threshold: noise,
                },
                Language::En,
            )
            .unwrap();
            let r = conformance(&log, &sel, &model, &RoleMap::guess(&log), &quick()).unwrap();
            let ours = by_sequence(&r);
            let differ = m["variants"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|v| {
                    let seq: Vec<String> = v["activities"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|a| a.as_str().unwrap().to_string())
                        .collect();
                    ours.get(&seq).map(|x| x.1)
                        != Some(Some(v["deviations"].as_u64().unwrap() as u32))
                })
                .count();
            if differ > 0 {
                problems.push(format!(
                    "{name} noise {noise}: {differ} variants differ; ours {} vs pm4py {}",
                    model.tree.as_ref().unwrap().notation(),
                    m["tree"].as_str().unwrap()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Why checking the whole log against `model` is refused.
fn refusal(log: &EventLog, model: &ProcessModel) -> String {
    let all = Selection::all(log);
    match conformance(log, &all, model, &RoleMap::guess(log), &quick()) {
        Ok(_) => panic!("the check was not refused"),
        Err(e) => e.to_string(),
    }
}

fn small_log() -> EventLog {
    let csv = "case,activity,timestamp\n\
               1,a,2024-01-01\n1,b,2024-01-02\n1,c,2024-01-03\n\
               2,a,2024-01-01\n2,c,2024-01-05\n";
    import_bytes(csv.as_bytes(), ImportOptions::default())
        .unwrap()
        .log
}

#[test]
fn a_model_sharing_no_activity_with_the_log_is_refused_naming_both() {
    let log = small_log();
    let bytes = std::fs::read(fixtures().join("running_example_im.pnml")).unwrap();
    let model = ProcessModel::read("running_example_im.pnml", &bytes).unwrap();
    let e = refusal(&log, &model);
    assert!(e.contains("shares no activity with the log"), "{e}");
    assert!(
        e.contains("\"register request\"") && e.contains("\"a\""),
        "{e}"
    );
}

#[test]
fn a_bpmn_whose_parallel_branches_end_apart_cannot_complete() {
    // Both branches of the split reach their own end event: two tokens in the sink, never one.
    let bpmn = r#"<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p">
      <startEvent id="s"/><parallelGateway id="g"/><task id="a" name="a"/><task id="b" name="b"/>
      <endEvent id="e1"/><endEvent id="e2"/>
      <sequenceFlow id="f1" sourceRef="s" targetRef="g"/><sequenceFlow id="f2" sourceRef="g" targetRef="a"/>
      <sequenceFlow id="f3" sourceRef="g" targetRef="b"/><sequenceFlow id="f4" sourceRef="a" targetRef="e1"/>
      <sequenceFlow id="f5" sourceRef="b" targetRef="e2"/></process></definitions>"#;
    let log = small_log();
    let model = ProcessModel::read("m.bpmn", bpmn.as_bytes()).unwrap();
    let e = refusal(&log, &model);
    assert!(
        e.contains("can never complete") && e.contains("separate end events"),
        "{e}"
    );
}

#[test]
fn a_state_space_past_the_budget_is_noted_not_a_crash() {
    // 14 activities all in parallel: 2^14 markings and 14! orders; with a tiny budget the search
    // stops and says so for each variant, and the report still stands.
    let n = 14;
    let names: Vec<String> = (0..n).map(|i| format!("x{i:02}")).collect();
    let mut csv = String::from("case,activity,timestamp\n");
    // Three orders of all 14 (multipliers prime to 14 give permutations).
    for (c, k) in [3, 5, 9].iter().enumerate() {
        for i in 0..n {
            csv.push_str(&format!(
                "{c},{},2024-01-01T00:{:02}:00Z\n",
                names[(i * k) % n],
                i
            ));
        }
    }
    let log = import_bytes(csv.as_bytes(), ImportOptions::default())
        .unwrap()
        .log;
    let mut net_bpmn = String::from(
        r#"<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p"><startEvent id="s"/><parallelGateway id="split"/><parallelGateway id="join"/><endEvent id="e"/><sequenceFlow id="f0" sourceRef="s" targetRef="split"/><sequenceFlow id="f1" sourceRef="join" targetRef="e"/>"#,
    );
    for (i, a) in names.iter().enumerate() {
        net_bpmn.push_str(&format!(
            r#"<task id="t{i}" name="{a}"/><sequenceFlow id="i{i}" sourceRef="split" targetRef="t{i}"/><sequenceFlow id="o{i}" sourceRef="t{i}" targetRef="join"/>"#
        ));
    }
    net_bpmn.push_str("</process></definitions>");
    let model = ProcessModel::read("wide.bpmn", net_bpmn.as_bytes()).unwrap();
    let mut opts = quick();
    opts.space.full_markings = 1000;
    opts.align.max_states = 10;
    let r = conformance(
        &log,
        &Selection::all(&log),
        &model,
        &RoleMap::guess(&log),
        &opts,
    )
    .unwrap();
    assert_eq!(r.model.check.sound, None);
    assert!(r
        .model
        .check
        .note
        .as_deref()
        .unwrap()
        .contains("more than 1000 reachable markings"));
    assert_eq!(r.variants_not_aligned, 3);
    assert_eq!(r.fitness, None);
    assert!(
        r.notes
            .iter()
            .any(|n| n.contains("could not be aligned within the search budget of 10 states")),
        "{:?}",
        r.notes
    );
    // With room, every order of the parallel block fits.
    let r = conformance(
        &log,
        &Selection::all(&log),
        &model,
        &RoleMap::guess(&log),
        &quick(),
    )
    .unwrap();
    assert_eq!(r.fit_cases, 3);
}

#[test]
fn deeply_nested_and_huge_model_files_are_errors() {
    let deep = format!("<definitions>{}", "<process>".repeat(100_000));
    let e = bpmn::read(deep.as_bytes()).unwrap_err().to_string();
    assert!(e.contains("nested more than"), "{e}");
    let deep = format!("<pnml>{}", "<net>".repeat(100_000));
    assert!(pnml::read(deep.as_bytes()).is_err());
    // A well-formed net of 300,000 places reads (bounded work) and is refused for what it lacks.
    let mut big = String::from("<pnml><net id=\"n\"><page id=\"p\">");
    for i in 0..300_000 {
        big.push_str(&format!("<place id=\"p{i}\"/>"));
    }
    big.push_str("</page></net></pnml>");
    let e = pnml::read(big.as_bytes()).unwrap_err().to_string();
    assert!(e.contains("no final marking"), "{e}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic_the_model_readers(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = bpmn::read(&bytes);
        let _ = pnml::read(&bytes);
        let _ = ProcessModel::read("x.bpmn", &bytes);
        let _ = ProcessModel::read("x.pnml", &bytes);
    }

    #[test]
    fn mutated_model_files_never_panic(cut in 0usize..17_000, flip in 0usize..17_000, byte in any::<u8>()) {
        for file in ["running_example_im.bpmn", "running_example_im.pnml"] {
            let mut bytes = std::fs::read(fixtures().join(file)).unwrap();
            bytes.truncate(cut.min(bytes.len()));
            if !bytes.is_empty() {
                let i = flip % bytes.len();
                bytes[i] = byte;
            }
            if let Ok(model) = ProcessModel::read(file, &bytes) {
                // Whatever reads must also align without a panic.
                let log = small_log();
                let _ = conformance(&log, &Selection::all(&log), &model, &RoleMap::guess(&log), &quick());
            }
        }
    }
}
