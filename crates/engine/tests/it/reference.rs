//! Cross-check against pm4py's outputs in `../shared/reference/<log>/`: counts exactly, durations to
//! 1e-6 relative, importing both the CSV and the XES version of each log.

use crate::common::{close, read_csv, shared_dir};
use relance_engine::analysis::{case_durations_ms, summarize};
use relance_engine::import::{import_bytes_parallel, import_path, ImportOptions};
use relance_engine::Selection;
use std::collections::HashMap;
use std::path::Path;

fn check(reference: &str, data: &str, complete_only: bool) {
    check_read(reference, data, complete_only, false);
}

/// `split`: inflate the file in memory and read it on several threads, as the CLI does with big plain
/// CSV files.
fn check_read(reference: &str, data: &str, complete_only: bool, split: bool) {
    let Some(shared) = shared_dir() else {
        eprintln!("skipping reference check {reference} <- {data}: ../shared/ is not beside this checkout");
        return;
    };
    let refdir = shared.join("reference").join(reference);
    let path = shared.join("data").join(data);
    let opts = ImportOptions {
        complete_only,
        ..Default::default()
    };
    let imported = if split {
        use std::io::Read;
        let mut bytes = Vec::new();
        flate2::read::MultiGzDecoder::new(std::fs::File::open(&path).unwrap())
            .read_to_end(&mut bytes)
            .unwrap();
        import_bytes_parallel(&bytes, opts, 3)
    } else {
        import_path(&path, opts)
    };
    let imported = imported.unwrap_or_else(|e| panic!("{data}: {e}"));
    let log = &imported.log;
    let sel = Selection::all(log);
    let s = summarize(log, &sel);
    let mut problems: Vec<String> = Vec::new();
    let mut expect = |ok: bool, msg: String| {
        if !ok {
            problems.push(msg);
        }
    };

    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(refdir.join("summary.json")).unwrap())
            .unwrap();
    let num = |k: &str| summary[k].as_u64().unwrap();
    expect(
        s.log.cases == num("cases"),
        format!("cases {} vs {}", s.log.cases, num("cases")),
    );
    expect(
        s.log.events == num("events"),
        format!("events {} vs {}", s.log.events, num("events")),
    );
    expect(
        s.log.activities == num("activities"),
        format!("activities {} vs {}", s.log.activities, num("activities")),
    );
    expect(
        s.log.variants == num("variants"),
        format!("variants {} vs {}", s.log.variants, num("variants")),
    );
    expect(
        imported.report.skipped_rows == 0,
        format!("skipped rows: {:?}", imported.report.problems.first()),
    );
    let cd = &summary["case_duration_s"];
    for (name, mine) in [
        ("min", s.case_duration_s.min),
        ("median", s.case_duration_s.median),
        ("mean", s.case_duration_s.mean),
        ("max", s.case_duration_s.max),
    ] {
        let theirs = cd[name].as_f64().unwrap();
        expect(
            close(mine, theirs),
            format!("case duration {name}: {mine} vs {theirs}"),
        );
    }

    // Directly-follows graph with durations.
    let mine: HashMap<(String, String), _> = s
        .dfg
        .iter()
        .map(|e| ((e.from.clone(), e.to.clone()), e))
        .collect();
    let perf = read_csv(&refdir.join("performance_dfg.csv"));
    expect(
        perf.len() == mine.len(),
        format!("dfg edges {} vs {}", mine.len(), perf.len()),
    );
    for r in &perf {
        let key = (r["source"].clone(), r["target"].clone());
        let Some(e) = mine.get(&key) else {
            expect(false, format!("edge {key:?} missing"));
            continue;
        };
        let count: u64 = r["count"].parse().unwrap();
        expect(
            e.count == count,
            format!("edge {key:?} count {} vs {count}", e.count),
        );
        for (name, v) in [
            ("mean_s", e.mean_s),
            ("median_s", e.median_s),
            ("min_s", e.min_s),
            ("max_s", e.max_s),
            ("sum_s", e.sum_s),
        ] {
            let theirs: f64 = r[name].parse().unwrap();
            expect(
                close(v, theirs),
                format!("edge {key:?} {name}: {v} vs {theirs}"),
            );
        }
    }
    let counts = read_csv(&refdir.join("dfg.csv"));
    for r in &counts {
        let key = (r["source"].clone(), r["target"].clone());
        let c: u64 = r["count"].parse().unwrap();
        expect(
            mine.get(&key).is_some_and(|e| e.count == c),
            format!("dfg.csv edge {key:?}"),
        );
    }

    // Endpoints, activities, variants.
    let pairs = |file: &str, key: &str, val: &str| -> HashMap<String, u64> {
        read_csv(&refdir.join(file))
            .iter()
            .map(|r| (r[key].clone(), r[val].parse().unwrap()))
            .collect()
    };
    let starts: HashMap<String, u64> = s
        .start_activities
        .iter()
        .map(|r| (r.name.clone(), r.cases))
        .collect();
    expect(
        starts == pairs("start_activities.csv", "activity", "count"),
        "start activities differ".into(),
    );
    let ends: HashMap<String, u64> = s
        .end_activities
        .iter()
        .map(|r| (r.name.clone(), r.cases))
        .collect();
    expect(
        ends == pairs("end_activities.csv", "activity", "count"),
        "end activities differ".into(),
    );
    let acts: HashMap<String, (u64, u64)> = s
        .activities
        .iter()
        .map(|r| (r.name.clone(), (r.events, r.cases)))
        .collect();
    let ref_acts: HashMap<String, (u64, u64)> = read_csv(&refdir.join("activities.csv"))
        .iter()
        .map(|r| {
            (
                r["activity"].clone(),
                (r["events"].parse().unwrap(), r["cases"].parse().unwrap()),
            )
        })
        .collect();
    expect(acts == ref_acts, "activity counts differ".into());
    let vfile = if refdir.join("variants.csv").exists() {
        "variants.csv"
    } else {
        "variants.csv.gz"
    };
    let ref_variants = pairs(vfile, "variant", "count");
    let variants: HashMap<String, u64> = s
        .variants
        .iter()
        .map(|v| (v.activities.join("->"), v.cases))
        .collect();
    expect(
        variants == ref_variants,
        format!(
            "variants differ ({} vs {})",
            variants.len(),
            ref_variants.len()
        ),
    );
    // Variant order: cases descending, then sequence.
    expect(
        s.variants.windows(2).all(|w| {
            w[0].cases > w[1].cases
                || (w[0].cases == w[1].cases && w[0].activities <= w[1].activities)
        }),
        "variants not ordered".into(),
    );

    // Every case's duration.
    let ref_durations: HashMap<String, f64> = read_csv(&refdir.join("case_durations.csv.gz"))
        .iter()
        .map(|r| (r["case_id"].clone(), r["duration_s"].parse().unwrap()))
        .collect();
    let durations = case_durations_ms(log, &sel);
    expect(
        durations.len() == ref_durations.len(),
        "case count in durations".into(),
    );
    let bad: Vec<&str> = durations
        .iter()
        .map(|&(c, ms)| (log.case_id(c), ms as f64 / 1000.0))
        .filter(|(id, d)| !ref_durations.get(*id).is_some_and(|r| close(*r, *d)))
        .map(|(id, _)| id)
        .take(3)
        .collect();
    expect(
        bad.is_empty(),
        format!("case durations differ, e.g. {bad:?}"),
    );

    assert!(
        problems.is_empty(),
        "{data} vs reference/{reference}:\n  {}",
        problems.join("\n  ")
    );
    eprintln!(
        "ok {data} == reference/{reference} ({} cases, {} events)",
        s.log.cases, s.log.events
    );
    let _ = Path::new(data);
}

macro_rules! reference_tests {
    ($($name:ident: $reference:expr, $data:expr, $complete:expr;)*) => {$(
        #[test]
        fn $name() {
            check($reference, $data, $complete);
        }
    )*};
}

reference_tests! {
    road_fines_csv: "road_traffic_fines", "Road_Traffic_Fine_Management_Process.csv.gz", false;
    road_fines_xes: "road_traffic_fines", "Road_Traffic_Fine_Management_Process.xes.gz", false;
    bpic2012_csv: "bpic2012", "bpic2012.csv.gz", false;
    bpic2012_xes: "bpic2012", "bpic2012.xes.gz", false;
    bpic2012_complete_csv: "bpic2012__complete", "bpic2012.csv.gz", true;
    bpic2012_complete_xes: "bpic2012__complete", "bpic2012.xes.gz", true;
    ibm_o2c_csv: "ibm_o2c_sap", "ibm_o2c_sap.csv.gz", false;
    receipt_csv: "receipt", "receipt.csv.gz", false;
    receipt_xes: "receipt", "receipt.xes.gz", false;
    helpdesk_csv: "helpdesk", "helpdesk.csv.gz", false;
    helpdesk_xes: "helpdesk", "helpdesk.xes.gz", false;
    hospital_billing_csv: "hospital_billing_1t_per_variant", "hospital_billing_1t_per_variant.csv.gz", false;
    hospital_billing_xes: "hospital_billing_1t_per_variant", "hospital_billing_1t_per_variant.xes.gz", false;
    bpic2019_csv: "bpic2019_1t_per_variant", "bpic2019_1t_per_variant.csv.gz", false;
    bpic2019_xes: "bpic2019_1t_per_variant", "bpic2019_1t_per_variant.xes.gz", false;
    roadtraffic_variants_csv: "roadtraffic_1t_per_variant", "roadtraffic_1t_per_variant.csv", false;
    roadtraffic_variants_xes: "roadtraffic_1t_per_variant", "roadtraffic_1t_per_variant.xes.gz", false;
    roadtraffic100_csv: "roadtraffic100traces", "roadtraffic100traces.csv", false;
    roadtraffic100_xes: "roadtraffic100traces", "roadtraffic100traces.xes", false;
    roadtraffic50_csv: "roadtraffic50traces", "roadtraffic50traces.csv", false;
    roadtraffic50_xes: "roadtraffic50traces", "roadtraffic50traces.xes", false;
    running_example_csv: "running_example", "running-example.csv", false;
    running_example_xes: "running_example", "running-example.xes", false;
    ocel_orders_csv: "ocel_orders_flattened", "ocel/ocel_orders_flattened.csv", false;
}

// The same files read in parts on several threads.
#[test]
fn road_fines_csv_split() {
    check_read(
        "road_traffic_fines",
        "Road_Traffic_Fine_Management_Process.csv.gz",
        false,
        true,
    );
}

#[test]
fn bpic2012_complete_csv_split() {
    check_read("bpic2012__complete", "bpic2012.csv.gz", true, true);
}

#[test]
fn ibm_o2c_csv_split() {
    check_read("ibm_o2c_sap", "ibm_o2c_sap.csv.gz", false, true);
}
