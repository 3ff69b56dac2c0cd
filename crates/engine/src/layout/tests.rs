use super::*;

fn sizes(n: usize) -> Vec<NodeSize> {
    vec![NodeSize { w: 100.0, h: 40.0 }; n]
}

fn e(from: usize, to: usize, weight: f64) -> LayoutEdge {
    LayoutEdge { from, to, weight }
}

#[test]
fn empty_and_single() {
    let l = layout(&[], &[], 0, None, LayoutOptions::default());
    assert!(l.nodes.is_empty());
    let l = layout(
        &sizes(1),
        &[e(0, 0, 1.0)],
        0,
        None,
        LayoutOptions::default(),
    );
    assert_eq!(l.nodes.len(), 1);
    assert!(l.edges[0].self_loop);
}

#[test]
fn chain_with_loop_flows_down_and_is_deterministic() {
    // start(0) -> a(2) -> b(3) -> end(1), with b -> a rework and an a -> end shortcut.
    let edges = [
        e(0, 2, 10.0),
        e(2, 3, 10.0),
        e(3, 1, 8.0),
        e(3, 2, 2.0),
        e(2, 1, 2.0),
    ];
    let l = layout(&sizes(4), &edges, 0, Some(1), LayoutOptions::default());
    let layer = |v: usize| l.nodes[v].layer;
    assert!(layer(0) < layer(2) && layer(2) < layer(3) && layer(3) < layer(1));
    assert!(l.edges[3].backward, "the rework edge runs back up");
    assert!(!l.edges[1].backward);
    // a -> end skips b's layer: it gets a bend point.
    assert!(l.edges[4].points.len() >= 3);
    // Boxes in a layer never overlap.
    for a in 0..4 {
        for b in a + 1..4 {
            let (p, q) = (l.nodes[a], l.nodes[b]);
            if p.layer == q.layer {
                assert!((p.x - q.x).abs() >= (p.w + q.w) / 2.0);
            }
        }
    }
    assert_eq!(
        l,
        layout(&sizes(4), &edges, 0, Some(1), LayoutOptions::default())
    );
}

/// The pair test the Fenwick count replaced, as the oracle.
fn crossings_by_pairs(layers: &[Vec<usize>], down: &[Vec<usize>], pos: &[usize]) -> usize {
    let mut total = 0;
    for l in layers.iter().take(layers.len().saturating_sub(1)) {
        let mut segs: Vec<(usize, usize)> = Vec::new();
        for &v in l {
            for &w in &down[v] {
                segs.push((pos[v], pos[w]));
            }
        }
        for i in 0..segs.len() {
            for j in 0..segs.len() {
                if segs[i].0 < segs[j].0 && segs[i].1 > segs[j].1 {
                    total += 1;
                }
            }
        }
    }
    total
}

#[test]
fn fenwick_crossings_equal_the_pair_count() {
    // Pseudo-random bipartite layers (a fixed LCG, so the test is the same every run).
    let mut seed = 12345u64;
    let mut next = |m: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize % m
    };
    for round in 0..200 {
        let (a, b) = (1 + next(9), 1 + next(9));
        let layers = vec![(0..a).collect::<Vec<_>>(), (a..a + b).collect::<Vec<_>>()];
        let mut down = vec![Vec::new(); a + b];
        for _ in 0..next(20) {
            let (u, w) = (next(a), a + next(b));
            down[u].push(w);
        }
        let mut pos = vec![0; a + b];
        for l in &layers {
            for (i, &v) in l.iter().enumerate() {
                pos[v] = i;
            }
        }
        assert_eq!(
            crossings(&layers, &down, &pos),
            crossings_by_pairs(&layers, &down, &pos),
            "round {round}"
        );
    }
}

#[test]
fn long_edges_past_the_budget_are_drawn_direct() {
    // A chain of 200 nodes plus an edge from every node to the end: spans add up to ~20,000 dummies.
    let n = 202;
    let mut edges = vec![e(0, 2, 100.0)];
    for v in 2..n - 1 {
        edges.push(e(v, v + 1, 100.0));
    }
    edges.push(e(n - 1, 1, 100.0));
    for v in 2..n {
        edges.push(e(v, 1, 1.0));
    }
    let opts = LayoutOptions {
        max_dummies: 500,
        ..LayoutOptions::default()
    };
    let l = layout(&sizes(n), &edges, 0, Some(1), opts);
    // Every edge is routed, the chain keeps its order, and no edge holds more points than the budget.
    assert!(l.edges.iter().all(|r| r.points.len() >= 2));
    let bends: usize = l
        .edges
        .iter()
        .map(|r| r.points.len().saturating_sub(3))
        .sum();
    assert!(bends <= 500 + edges.len(), "{bends} bend points");
    for v in 2..n - 1 {
        assert!(l.nodes[v].layer < l.nodes[v + 1].layer);
    }
    let q = quality(&l);
    assert!(q.edge_length > 0.0);
}

#[test]
fn quality_counts_proper_crossings_only() {
    let l = Layout {
        nodes: Vec::new(),
        edges: vec![
            RoutedEdge {
                points: vec![(0.0, 0.0), (10.0, 10.0)],
                backward: false,
                self_loop: false,
            },
            RoutedEdge {
                points: vec![(0.0, 10.0), (10.0, 0.0)],
                backward: false,
                self_loop: false,
            },
            // Shares an end point with the first: not a crossing.
            RoutedEdge {
                points: vec![(10.0, 10.0), (20.0, 0.0)],
                backward: false,
                self_loop: false,
            },
        ],
        width: 20.0,
        height: 10.0,
    };
    let q = quality(&l);
    assert_eq!(q.crossings, 1);
    assert!((q.edge_length - 3.0 * 200f64.sqrt()).abs() < 1e-9);
}

#[test]
fn invalid_edges_are_ignored() {
    let l = layout(
        &sizes(2),
        &[e(0, 5, 1.0), e(0, 1, 1.0)],
        0,
        Some(1),
        LayoutOptions::default(),
    );
    assert!(l.edges[0].points.is_empty());
    assert_eq!(l.edges[1].points.len(), 2);
}
