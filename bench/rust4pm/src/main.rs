//! Rust4PM (`process_mining` crate) doing XES import + DFG + variants, for comparison with
//! `relance analyze FILE.xes.gz --json`.
//!
//! Usage: rust4pm-bench FILE.xes[.gz] [--core]
//!   --core: keep only the core event attributes (concept:name, time:timestamp, org:resource,
//!           lifecycle:transition) and the trace's concept:name, like relance's core-only import
//! stdout: counts; stderr: `timing import_s=… analyses_s=…`.
use std::time::Instant;

use process_mining::core::event_data::case_centric::utils::activity_projection::{
    get_num_cases, get_variants, log_to_activity_projection,
};
use process_mining::core::event_data::case_centric::xes::{
    build_ignore_attributes, import_xes_path, XESImportOptions,
};
use process_mining::discovery::case_centric::dfg::discover_dfg;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).expect("usage: rust4pm-bench FILE.xes[.gz] [--core]");
    let core = args.iter().any(|a| a == "--core");

    let mut options = XESImportOptions { verbose: false, ..Default::default() };
    if core {
        options.ignore_event_attributes_except = Some(build_ignore_attributes([
            "concept:name",
            "time:timestamp",
            "org:resource",
            "lifecycle:transition",
        ]));
        options.ignore_trace_attributes_except = Some(build_ignore_attributes(["concept:name"]));
        options.ignore_log_attributes_except = Some(build_ignore_attributes(Vec::<&str>::new()));
    }

    let t0 = Instant::now();
    let log = import_xes_path(path, options).expect("XES import failed");
    let t1 = Instant::now();

    let dfg = discover_dfg(&log);
    let projection = log_to_activity_projection(&log);
    let variants = get_variants(&projection);
    let t2 = Instant::now();

    let events: usize = log.traces.iter().map(|t| t.events.len()).sum();
    let top = variants.first().map(|v| (v.activities.join(" > "), v.count));
    println!(
        "{{\"traces\": {}, \"events\": {}, \"activities\": {}, \"dfg_edges\": {}, \"dfg_arcs_total\": {}, \"start_activities\": {}, \"end_activities\": {}, \"variants\": {}, \"variant_cases\": {}, \"top_variant\": {:?}}}",
        log.traces.len(),
        events,
        dfg.activities.len(),
        dfg.directly_follows_relations.len(),
        dfg.directly_follows_relations.values().map(|&c| c as u64).sum::<u64>(),
        dfg.start_activities.len(),
        dfg.end_activities.len(),
        variants.len(),
        get_num_cases(&projection),
        top,
    );
    eprintln!("timing import_s={:.3}", (t1 - t0).as_secs_f64());
    eprintln!("timing analyses_s={:.3}", (t2 - t1).as_secs_f64());
}
