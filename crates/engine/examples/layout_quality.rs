//! Layout quality on the reference logs: edge crossings and total edge length of the process map as it
//! opens (activities for the opening position, paths 30 %) and with every path, for BENCHMARKS.md.
//!
//! `cargo run --release -p relance-engine --example layout_quality [DATA_DIR]` (default `../shared/data`).
//! Uses only the layout's public API, so the same file measures older commits too.

use relance_engine::analysis::{process_map, simplify_paths, NodeKind};
use relance_engine::import::{import_path, ImportOptions};
use relance_engine::layout::{layout, Layout, LayoutEdge, LayoutOptions, NodeSize};
use relance_engine::Selection;
use std::time::Instant;

/// Segment crossings between different edges and the total polyline length.
fn quality(l: &Layout) -> (usize, f64) {
    let mut segs = Vec::new();
    let mut length = 0.0;
    for (i, e) in l.edges.iter().enumerate() {
        if e.self_loop {
            continue;
        }
        for w in e.points.windows(2) {
            length += ((w[1].0 - w[0].0).powi(2) + (w[1].1 - w[0].1).powi(2)).sqrt();
            segs.push((i, w[0], w[1]));
        }
    }
    let orient = |a: (f64, f64), b: (f64, f64), c: (f64, f64)| {
        (b.0 - a.0) * (c.1 - a.1) - (b.1 - a.1) * (c.0 - a.0)
    };
    let mut crossings = 0;
    for a in 0..segs.len() {
        for b in a + 1..segs.len() {
            let ((i, p1, p2), (j, q1, q2)) = (segs[a], segs[b]);
            if i == j {
                continue;
            }
            let (d1, d2) = (orient(q1, q2, p1), orient(q1, q2, p2));
            let (d3, d4) = (orient(p1, p2, q1), orient(p1, p2, q2));
            if d1 * d2 < -1e-9 && d3 * d4 < -1e-9 {
                crossings += 1;
            }
        }
    }
    (crossings, length)
}

fn size(kind: NodeKind, name: &str) -> NodeSize {
    match kind {
        NodeKind::Activity => NodeSize {
            w: (name.chars().count().min(34) as f64 * 7.6 + 30.0).clamp(120.0, 300.0),
            h: 50.0,
        },
        _ => NodeSize { w: 36.0, h: 36.0 },
    }
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data".into());
    let logs = [
        "running-example.csv",
        "roadtraffic100traces.csv",
        "Road_Traffic_Fine_Management_Process.csv.gz",
        "helpdesk.csv.gz",
        "receipt.csv.gz",
        "hospital_billing_1t_per_variant.csv.gz",
        "bpic2019_1t_per_variant.csv.gz",
        "bpic2012.csv.gz",
        "ibm_o2c_sap.csv.gz",
    ];
    println!("| log | activities | paths | edges drawn | crossings | edge length | layout ms |");
    println!("|---|---|---|---|---|---|---|");
    for name in logs {
        let path = std::path::Path::new(&dir).join(name);
        let Ok(imported) = import_path(&path, ImportOptions::default()) else {
            eprintln!("skipping {name}: cannot read {}", path.display());
            continue;
        };
        let log = imported.log;
        let sel = Selection::all(&log);
        let total = log.activity_count();
        let pct = if total <= 60 {
            100.0
        } else {
            6000.0 / total as f64
        };
        let map = process_map(&log, &sel, pct);
        for paths in [30.0, 100.0] {
            let kept = simplify_paths(&map, paths);
            let sizes: Vec<NodeSize> = map.nodes.iter().map(|n| size(n.kind, &n.name)).collect();
            let edges: Vec<LayoutEdge> = kept
                .iter()
                .map(|&i| LayoutEdge {
                    from: map.edges[i].from,
                    to: map.edges[i].to,
                    weight: map.edges[i].count as f64,
                })
                .collect();
            let t0 = Instant::now();
            let l = layout(&sizes, &edges, 0, Some(1), LayoutOptions::default());
            let ms = t0.elapsed().as_secs_f64() * 1000.0;
            let (c, len) = quality(&l);
            println!(
                "| {name} | {} | {paths:.0} % | {} | {c} | {len:.0} | {ms:.1} |",
                map.nodes.len() - 2,
                kept.len()
            );
        }
    }
}
