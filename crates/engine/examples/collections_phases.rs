//! Times each collections measure on a log (a profiling aid): `cargo run --release --example
//! collections_phases -- FILE`.
use relance_engine::collections::{
    cash_application, compliance, credit, disputes, dunning, facts, kpi, promises, RoleMap,
};
use relance_engine::import::{import_path, ImportOptions};
use relance_engine::Selection;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: collections_phases FILE")?;
    let t = Instant::now();
    let log = import_path(std::path::Path::new(&path), ImportOptions::default())?.log;
    println!("import {:.3}", t.elapsed().as_secs_f64());
    let lap = |name: &str, t: &mut Instant| {
        println!("{name} {:.3}", t.elapsed().as_secs_f64());
        *t = Instant::now();
    };
    let mut t = Instant::now();
    let map = RoleMap::guess(&log);
    let sel = Selection::all(&log);
    lap("guess", &mut t);
    let ctx = facts::Context::new(&log, &map);
    lap("context", &mut t);
    let inv = facts::invoices(&ctx, &sel);
    lap("facts", &mut t);
    let as_of = log.times().iter().copied().max().unwrap_or(0);
    let months = kpi::LocalMonths::of_log(&log, &inv, as_of);
    lap("months", &mut t);
    let s = kpi::dso_series(&inv, as_of, &months);
    lap("dso", &mut t);
    let _ = kpi::cei_in(&inv, as_of, &months);
    let _ = kpi::aging(&inv, as_of);
    let _ = kpi::on_time(&inv);
    let _ = kpi::invoice_to_cash(&inv);
    let _ = kpi::write_offs(&inv);
    lap("kpis", &mut t);
    let _ = credit::credit_cycle(&ctx, &sel);
    lap("credit", &mut t);
    let _ = dunning::dunning(&ctx, &sel, 14.0);
    lap("dunning", &mut t);
    let _ = disputes::disputes(&ctx, &sel, as_of);
    lap("disputes", &mut t);
    let _ = cash_application::cash_application(&ctx, &sel);
    lap("cash_application", &mut t);
    let _ = promises::promises(&ctx, &sel, 3.0, as_of);
    lap("promises", &mut t);
    for p in compliance::builtin_packs() {
        for rule in &p.rules {
            let one = compliance::RulePack {
                rules: vec![rule.clone()],
                ..p.clone()
            };
            let _ = compliance::check(&ctx, &sel, &one, &inv);
            lap(&format!("rule {}", rule.id), &mut t);
        }
    }
    println!("months {}", s.months.len());
    Ok(())
}
