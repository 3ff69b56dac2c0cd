//! Arbitrary bytes read as a process model: the first byte picks BPMN (even) or PNML (odd). Whatever
//! reads must write back (BPMN with its diagram, PNML) and read again with the same activities, and a
//! small log must align with it under a small search budget, all without a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use relance_engine::collections::RoleMap;
use relance_engine::conformance::{conformance, ConformanceOptions, ProcessModel};
use relance_engine::import::{import_bytes, ImportOptions};
use relance_engine::Selection;

fuzz_target!(|data: &[u8]| {
    let Some((&k, rest)) = data.split_first() else {
        return;
    };
    let name = if k % 2 == 0 { "model.bpmn" } else { "model.pnml" };
    let Ok(model) = ProcessModel::read(name, rest) else {
        return;
    };
    let (bpmn, _) = model.to_bpmn();
    let again = ProcessModel::read("again.bpmn", bpmn.as_bytes());
    if model.bpmn.is_some() {
        let again = again.expect("a diagram written by Relance reads back");
        assert_eq!(again.activities(), model.activities());
    }
    let pnml = model.to_pnml();
    let again = ProcessModel::read("again.pnml", pnml.as_bytes()).expect("a net written by Relance reads back");
    assert_eq!(again.activities(), model.activities());
    let _ = model.graph();
    // Align the model's own activities, in order and reversed, under small budgets.
    let acts = model.activities();
    let mut csv = String::from("case,activity,timestamp\n");
    for (i, a) in acts.iter().take(20).enumerate() {
        let a = a.replace(['"', '\n', '\r'], " ");
        csv.push_str(&format!("1,\"{a}\",2024-01-01T00:{:02}:00Z\n", i));
        csv.push_str(&format!("2,\"{a}\",2024-01-01T00:{:02}:00Z\n", 59 - i));
    }
    let Ok(imported) = import_bytes(csv.as_bytes(), ImportOptions::default()) else {
        return;
    };
    let log = imported.log;
    let mut opts = ConformanceOptions {
        scenarios: Some(Vec::new()),
        bootstrap_samples: 20,
        ..Default::default()
    };
    opts.space.full_markings = 5_000;
    opts.space.max_markings = 20_000;
    opts.align.max_states = 20_000;
    let _ = conformance(&log, &Selection::all(&log), &model, &RoleMap::guess(&log), &opts);
});
