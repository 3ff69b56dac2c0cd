//! Deterministic layered layout of a process map (Sugiyama's method), positions only.
//!
//! 1. Break cycles: a depth-first search from the start node, following heavier edges first, reverses
//!    the edges that point back up the search stack (loops and rework then flow back upwards).
//! 2. Layers: longest path from the start; the end node goes below everything.
//! 3. Long edges are split by dummy points, one per layer they cross, heaviest edges first, within a
//!    budget ([`LayoutOptions::max_dummies`]): a map of thousands of activities with long forward jumps
//!    would otherwise need millions of points (the 2026-11-30 audit counted 15 million for 5,000
//!    activities). Edges past the budget are drawn as direct curves and take no part in the ordering.
//! 4. Order within layers: barycenter sweeps down and up, keeping the order with the fewest crossings
//!    (counted per layer gap in O(S log S) with a Fenwick tree, S the segments of the gap).
//! 5. Coordinates: nodes are pulled towards the mean position of their neighbours, then spread so that
//!    they never overlap; the drawing is shifted to start at the origin.
//!
//! Same input, same picture: every choice is ordered by index or weight, never by hash order. Empty
//! graphs give an empty layout (a layout library that panics on them would kill the app).

mod map;
pub mod svg;

pub use map::{draw_map, label, node_size, MapDrawing, LABEL_FONT_PX, MAX_LABEL};

use serde::{Deserialize, Serialize};

/// Input node: its box size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NodeSize {
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

/// Input edge.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LayoutEdge {
    /// Source node.
    pub from: usize,
    /// Target node.
    pub to: usize,
    /// Weight (frequency): heavier edges are kept pointing downwards and straight.
    pub weight: f64,
}

/// A placed node: centre and size.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PlacedNode {
    /// Centre x.
    pub x: f64,
    /// Centre y.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
    /// Layer index (0 at the top).
    pub layer: usize,
}

/// A routed edge: points from the source's border to the target's border.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoutedEdge {
    /// Points along the edge, source first.
    pub points: Vec<(f64, f64)>,
    /// Whether the edge runs against the layer order (a loop back).
    pub backward: bool,
    /// Whether it is a self-loop.
    pub self_loop: bool,
}

/// The result.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Layout {
    /// One per input node.
    pub nodes: Vec<PlacedNode>,
    /// One per input edge.
    pub edges: Vec<RoutedEdge>,
    /// Drawing width.
    pub width: f64,
    /// Drawing height.
    pub height: f64,
}

/// Spacing settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LayoutOptions {
    /// Vertical distance between layer centres.
    pub layer_gap: f64,
    /// Minimum horizontal gap between boxes.
    pub node_gap: f64,
    /// Width reserved for a dummy point (an edge passing through a layer).
    pub dummy_width: f64,
    /// Margin around the drawing.
    pub margin: f64,
    /// Most dummy points placed in all (the layout's work and memory grow with them).
    pub max_dummies: usize,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        Self {
            layer_gap: 110.0,
            node_gap: 36.0,
            dummy_width: 24.0,
            margin: 30.0,
            max_dummies: 20_000,
        }
    }
}

/// Lays out `sizes.len()` nodes with the given edges; node `root` (the start) goes on top and node
/// `sink` (the end), when given, at the bottom.
pub fn layout(
    sizes: &[NodeSize],
    edges: &[LayoutEdge],
    root: usize,
    sink: Option<usize>,
    opts: LayoutOptions,
) -> Layout {
    let n = sizes.len();
    if n == 0 {
        return Layout::default();
    }
    let valid = |e: &LayoutEdge| e.from < n && e.to < n;
    // 1. Cycle breaking by DFS.
    let mut out_edges: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, e) in edges.iter().enumerate() {
        if valid(e) && e.from != e.to {
            out_edges[e.from].push(i);
        }
    }
    for list in &mut out_edges {
        crate::values::order::sort_by(list, |&a, &b| {
            edges[b].weight.total_cmp(&edges[a].weight).then(a.cmp(&b))
        });
    }
    let mut reversed = vec![false; edges.len()];
    let mut state = vec![0u8; n]; // 0 new, 1 on stack, 2 done
    let mut starts: Vec<usize> = vec![root.min(n - 1)];
    starts.extend((0..n).filter(|&v| Some(v) != sink));
    if let Some(s) = sink {
        starts.push(s);
    }
    for s in starts {
        if state[s] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(s, 0)];
        state[s] = 1;
        while let Some(top) = stack.last_mut() {
            let v = top.0;
            if let Some(&ei) = out_edges[v].get(top.1) {
                top.1 += 1;
                let w = edges[ei].to;
                // Edges into the start or out of the end always point backwards.
                if w == root || Some(v) == sink {
                    reversed[ei] = true;
                    continue;
                }
                match state[w] {
                    0 => {
                        state[w] = 1;
                        stack.push((w, 0));
                    }
                    1 => reversed[ei] = true,
                    _ => {}
                }
            } else {
                state[v] = 2;
                stack.pop();
            }
        }
    }
    // Directed acyclic edges (u -> v) after reversal.
    let dag: Vec<(usize, usize, usize)> = edges
        .iter()
        .enumerate()
        .filter(|(_, e)| valid(e) && e.from != e.to)
        .map(|(i, e)| {
            if reversed[i] {
                (e.to, e.from, i)
            } else {
                (e.from, e.to, i)
            }
        })
        .collect();

    // 2. Longest-path layering (Kahn's order).
    let mut indeg = vec![0usize; n];
    let mut succ: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(u, v, _) in &dag {
        indeg[v] += 1;
        succ[u].push(v);
    }
    let mut layer = vec![0usize; n];
    let mut queue: std::collections::VecDeque<usize> = (0..n).filter(|&v| indeg[v] == 0).collect();
    while let Some(u) = queue.pop_front() {
        for &v in &succ[u] {
            layer[v] = layer[v].max(layer[u] + 1);
            indeg[v] -= 1;
            if indeg[v] == 0 {
                queue.push_back(v);
            }
        }
    }
    if let Some(s) = sink {
        let deepest = (0..n)
            .filter(|&v| v != s)
            .map(|v| layer[v])
            .max()
            .unwrap_or(0);
        layer[s] = deepest + 1;
    }
    // Compact: remove empty layers.
    let mut used: Vec<usize> = layer.clone();
    used.sort_unstable();
    used.dedup();
    for l in &mut layer {
        *l = used.binary_search(l).unwrap_or(0);
    }
    let n_layers = used.len();

    // 3. Dummy points for long edges. Items 0..n are nodes, then dummies.
    let mut item_layer = layer.clone();
    let mut item_width: Vec<f64> = sizes.iter().map(|s| s.w).collect();
    let mut chains: Vec<Vec<usize>> = vec![Vec::new(); edges.len()]; // per edge: items top to bottom
    let mut links: Vec<(usize, usize, f64)> = Vec::new(); // adjacent-layer links (upper, lower, weight)
                                                          // Heaviest edges get their dummies first; ties by edge index, so the result is deterministic.
    let mut by_weight: Vec<usize> = (0..dag.len()).collect();
    crate::values::order::sort_by(&mut by_weight, |&a, &b| {
        edges[dag[b].2]
            .weight
            .total_cmp(&edges[dag[a].2].weight)
            .then(dag[a].2.cmp(&dag[b].2))
    });
    let mut budget = opts.max_dummies;
    let mut direct = vec![false; edges.len()];
    for &k in &by_weight {
        let (u, v, ei) = dag[k];
        let (lu, lv) = (layer[u], layer[v]);
        let span = lv.saturating_sub(lu + 1);
        if span > budget {
            direct[ei] = true;
            chains[ei] = vec![u, v];
            continue;
        }
        budget -= span;
        let mut chain = vec![u];
        let mut prev = u;
        for l in (lu + 1)..lv {
            let d = item_layer.len();
            item_layer.push(l);
            item_width.push(opts.dummy_width);
            links.push((prev, d, edges[ei].weight));
            chain.push(d);
            prev = d;
        }
        links.push((prev, v, edges[ei].weight));
        chain.push(v);
        chains[ei] = chain;
    }
    let items = item_layer.len();
    let mut layers: Vec<Vec<usize>> = vec![Vec::new(); n_layers];
    // Initial order: DFS discovery order from the root keeps related nodes together.
    let mut down: Vec<Vec<usize>> = vec![Vec::new(); items];
    let mut up: Vec<Vec<usize>> = vec![Vec::new(); items];
    for &(a, b, _) in &links {
        down[a].push(b);
        up[b].push(a);
    }
    let mut seen = vec![false; items];
    let mut order_key = vec![0usize; items];
    let mut counter = 0;
    let mut roots: Vec<usize> = vec![root.min(n - 1)];
    roots.extend(0..items);
    for r in roots {
        if seen[r] {
            continue;
        }
        let mut stack = vec![r];
        while let Some(v) = stack.pop() {
            if seen[v] {
                continue;
            }
            seen[v] = true;
            order_key[v] = counter;
            counter += 1;
            for &w in down[v].iter().rev() {
                if !seen[w] {
                    stack.push(w);
                }
            }
        }
    }
    for v in 0..items {
        layers[item_layer[v]].push(v);
    }
    for l in &mut layers {
        crate::values::order::sort_by_key(l, |&v| order_key[v]);
    }

    // 4. Barycenter sweeps.
    let mut pos = vec![0usize; items];
    let set_pos = |layers: &Vec<Vec<usize>>, pos: &mut Vec<usize>| {
        for l in layers {
            for (i, &v) in l.iter().enumerate() {
                pos[v] = i;
            }
        }
    };
    set_pos(&layers, &mut pos);
    let mut best = layers.clone();
    let mut best_cross = crossings(&layers, &down, &pos);
    for iter in 0..12 {
        let downward = iter % 2 == 0;
        let range: Vec<usize> = if downward {
            (1..n_layers).collect()
        } else {
            (0..n_layers.saturating_sub(1)).rev().collect()
        };
        for l in range {
            let neighbours = if downward { &up } else { &down };
            let mut keyed: Vec<(f64, usize, usize)> = layers[l]
                .iter()
                .enumerate()
                .map(|(i, &v)| {
                    let ns = &neighbours[v];
                    let b = if ns.is_empty() {
                        i as f64
                    } else {
                        ns.iter().map(|&w| pos[w] as f64).sum::<f64>() / ns.len() as f64
                    };
                    (b, i, v)
                })
                .collect();
            crate::values::order::sort_by(&mut keyed, |a, b| {
                a.0.total_cmp(&b.0).then(a.1.cmp(&b.1))
            });
            layers[l] = keyed.into_iter().map(|k| k.2).collect();
            for (i, &v) in layers[l].iter().enumerate() {
                pos[v] = i;
            }
        }
        transpose(&mut layers, &up, &down, &mut pos);
        let c = crossings(&layers, &down, &pos);
        if c < best_cross {
            best_cross = c;
            best = layers.clone();
        }
    }
    let layers = best;
    set_pos(&layers, &mut pos);

    // 5. Coordinates: pull towards neighbours, then separate, a few rounds.
    let mut x = vec![0.0f64; items];
    for l in &layers {
        let mut cx = 0.0;
        for &v in l {
            x[v] = cx + item_width[v] / 2.0;
            cx += item_width[v] + opts.node_gap;
        }
    }
    let mut adj: Vec<Vec<(usize, f64)>> = vec![Vec::new(); items];
    for &(a, b, w) in &links {
        let w = w.max(1e-9).ln_1p().max(0.1);
        adj[a].push((b, w));
        adj[b].push((a, w));
    }
    for _ in 0..24 {
        let mut target = x.clone();
        for v in 0..items {
            if adj[v].is_empty() {
                continue;
            }
            let (s, ws) = adj[v]
                .iter()
                .fold((0.0, 0.0), |(s, ws), &(w, k)| (s + x[w] * k, ws + k));
            // Dummies follow their edge more strongly, which keeps long edges straight.
            let pull = if v >= n { 0.9 } else { 0.6 };
            target[v] = x[v] * (1.0 - pull) + pull * s / ws;
        }
        for l in &layers {
            separate(l, &mut target, &item_width, opts.node_gap);
        }
        x = target;
    }
    let min_x = (0..items)
        .map(|v| x[v] - item_width[v] / 2.0)
        .fold(f64::INFINITY, f64::min);
    let shift = opts.margin - if min_x.is_finite() { min_x } else { 0.0 };
    for v in x.iter_mut() {
        *v += shift;
    }
    let layer_h: Vec<f64> = (0..n_layers)
        .map(|l| {
            layers[l]
                .iter()
                .filter(|&&v| v < n)
                .map(|&v| sizes[v].h)
                .fold(0.0, f64::max)
        })
        .collect();
    let mut layer_y = vec![0.0; n_layers];
    let mut y = opts.margin;
    for l in 0..n_layers {
        layer_y[l] = y + layer_h[l] / 2.0;
        y += layer_h[l] + (opts.layer_gap - 40.0).max(30.0);
    }
    let item_y = |v: usize| layer_y[item_layer[v]];

    let nodes: Vec<PlacedNode> = (0..n)
        .map(|v| PlacedNode {
            x: x[v],
            y: item_y(v),
            w: sizes[v].w,
            h: sizes[v].h,
            layer: item_layer[v],
        })
        .collect();
    let routed = edges
        .iter()
        .enumerate()
        .map(|(i, e)| {
            if !valid(e) {
                return RoutedEdge {
                    points: Vec::new(),
                    backward: false,
                    self_loop: false,
                };
            }
            if e.from == e.to {
                let p = nodes[e.from];
                let (rx, top, bottom) = (p.x + p.w / 2.0, p.y - p.h / 4.0, p.y + p.h / 4.0);
                return RoutedEdge {
                    points: vec![
                        (rx, bottom),
                        (rx + 28.0, bottom + 10.0),
                        (rx + 28.0, top - 10.0),
                        (rx, top),
                    ],
                    backward: false,
                    self_loop: true,
                };
            }
            let chain = &chains[i];
            let mut pts: Vec<(f64, f64)> = chain.iter().map(|&v| (x[v], item_y(v))).collect();
            // Start and end on the box borders.
            if let (Some(first), Some(&a)) = (pts.first_mut(), chain.first()) {
                first.1 += sizes[a].h / 2.0;
            }
            if let (Some(last), Some(&b)) = (pts.last_mut(), chain.last()) {
                last.1 -= sizes[b].h / 2.0;
            }
            if reversed[i] {
                pts.reverse();
                // A loop back leaves from the side so it does not overlap the forward edge.
                let k = pts.len();
                if k >= 2 {
                    let (s, t) = (nodes[e.from], nodes[e.to]);
                    pts[0] = (s.x + s.w / 2.0, s.y);
                    pts[k - 1] = (t.x + t.w / 2.0, t.y);
                    if k == 2 {
                        let mid = (
                            (pts[0].0 + pts[1].0) / 2.0 + 40.0,
                            (pts[0].1 + pts[1].1) / 2.0,
                        );
                        pts.insert(1, mid);
                    }
                }
            }
            if direct[i] && pts.len() == 2 && !reversed[i] {
                // A long edge past the dummy budget: bend it out sideways so it does not run through
                // the boxes of the layers it crosses.
                let mid = (
                    (pts[0].0 + pts[1].0) / 2.0 + 60.0,
                    (pts[0].1 + pts[1].1) / 2.0,
                );
                pts.insert(1, mid);
            }
            RoutedEdge {
                points: pts,
                backward: reversed[i],
                self_loop: false,
            }
        })
        .collect();
    let width = (0..items)
        .map(|v| x[v] + item_width[v] / 2.0)
        .fold(0.0, f64::max)
        + opts.margin
        + 40.0;
    Layout {
        nodes,
        edges: routed,
        width,
        height: y - (opts.layer_gap - 40.0).max(30.0) + opts.margin,
    }
}

/// The transpose heuristic (Gansner et al., "A technique for drawing directed graphs", 1993): swap
/// neighbours within a layer while that removes crossings with the layers above and below. Bounded to
/// a few passes, each O(Σ degrees).
fn transpose(layers: &mut [Vec<usize>], up: &[Vec<usize>], down: &[Vec<usize>], pos: &mut [usize]) {
    for _ in 0..4 {
        let mut improved = false;
        for layer in layers.iter_mut() {
            for i in 0..layer.len().saturating_sub(1) {
                let (u, v) = (layer[i], layer[i + 1]);
                let keep = pair_crossings(u, v, up, pos) + pair_crossings(u, v, down, pos);
                let swap = pair_crossings(v, u, up, pos) + pair_crossings(v, u, down, pos);
                if swap < keep {
                    layer.swap(i, i + 1);
                    pos[u] = i + 1;
                    pos[v] = i;
                    improved = true;
                }
            }
        }
        if !improved {
            break;
        }
    }
}

/// Crossings between the edges of `u` and `v` towards one neighbouring layer when `u` is left of `v`:
/// pairs of neighbours (a of u, b of v) with a right of b.
fn pair_crossings(u: usize, v: usize, adj: &[Vec<usize>], pos: &[usize]) -> usize {
    let (au, av) = (&adj[u], &adj[v]);
    if au.is_empty() || av.is_empty() {
        return 0;
    }
    let mut pu: Vec<usize> = au.iter().map(|&w| pos[w]).collect();
    let mut pv: Vec<usize> = av.iter().map(|&w| pos[w]).collect();
    pu.sort_unstable();
    pv.sort_unstable();
    // For each neighbour of u, the neighbours of v strictly left of it.
    let mut count = 0;
    let mut j = 0;
    for &a in &pu {
        while j < pv.len() && pv[j] < a {
            j += 1;
        }
        count += j;
    }
    count
}

/// Moves items of one layer apart (keeping their order) so that boxes do not overlap, disturbing the
/// wanted positions as little as possible: a left-to-right push, then a right-to-left one, averaged.
fn separate(layer: &[usize], x: &mut [f64], width: &[f64], gap: f64) {
    if layer.len() < 2 {
        return;
    }
    let want: Vec<f64> = layer.iter().map(|&v| x[v]).collect();
    let mut left = want.clone();
    for i in 1..layer.len() {
        let min = left[i - 1] + (width[layer[i - 1]] + width[layer[i]]) / 2.0 + gap;
        left[i] = left[i].max(min);
    }
    let mut right = want.clone();
    for i in (0..layer.len() - 1).rev() {
        let max = right[i + 1] - (width[layer[i + 1]] + width[layer[i]]) / 2.0 - gap;
        right[i] = right[i].min(max);
    }
    // The average of two valid spacings is valid; centre the result on the wanted positions.
    let mut avg: Vec<f64> = left
        .iter()
        .zip(&right)
        .map(|(a, b)| (a + b) / 2.0)
        .collect();
    let shift =
        want.iter().sum::<f64>() / want.len() as f64 - avg.iter().sum::<f64>() / avg.len() as f64;
    for a in &mut avg {
        *a += shift;
    }
    for (i, &v) in layer.iter().enumerate() {
        x[v] = avg[i];
    }
}

/// Number of crossings between consecutive layers: per layer gap, the segments sorted by their upper
/// end, then the inversions among their lower ends counted with a Fenwick tree (Barth, Jünger and
/// Mutzel, "Simple and efficient bilayer cross counting", 2002): O(S log S) instead of the O(S²) pair
/// test.
fn crossings(layers: &[Vec<usize>], down: &[Vec<usize>], pos: &[usize]) -> usize {
    let mut total = 0;
    let mut segs: Vec<(usize, usize)> = Vec::new();
    for (l, upper) in layers.iter().enumerate() {
        let Some(lower) = layers.get(l + 1) else {
            break;
        };
        segs.clear();
        for &v in upper {
            for &w in &down[v] {
                segs.push((pos[v], pos[w]));
            }
        }
        segs.sort_unstable();
        total += inversions(&segs, lower.len());
    }
    total
}

/// Pairs i < j with `segs[i].1 > segs[j].1`, for lower ends below `width`.
fn inversions(segs: &[(usize, usize)], width: usize) -> usize {
    let mut tree = vec![0usize; width + 1];
    let mut count = 0;
    for (seen, &(_, low)) in segs.iter().enumerate() {
        // Segments seen so far whose lower end is <= low.
        let mut at_most = 0;
        let mut i = low.min(width.saturating_sub(1)) + 1;
        while i > 0 {
            at_most += tree[i];
            i &= i - 1;
        }
        count += seen - at_most;
        let mut i = low.min(width.saturating_sub(1)) + 1;
        while i <= width {
            tree[i] += 1;
            i += i & i.wrapping_neg();
        }
    }
    count
}

/// How readable a drawing is, for comparing layouts: the number of crossings between drawn edge
/// segments (edges sharing an end point do not count) and the total length of the edges.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LayoutQuality {
    /// Pairs of edge segments that cross.
    pub crossings: usize,
    /// Sum of the edges' polyline lengths.
    pub edge_length: f64,
}

/// Measures a layout (O(P²) in the polyline segments: for benchmarks and tests, not for the app).
pub fn quality(l: &Layout) -> LayoutQuality {
    type Segment = (usize, (f64, f64), (f64, f64));
    let mut segs: Vec<Segment> = Vec::new();
    let mut edge_length = 0.0;
    for (i, e) in l.edges.iter().enumerate() {
        if e.self_loop {
            continue;
        }
        for w in e.points.windows(2) {
            edge_length += ((w[1].0 - w[0].0).powi(2) + (w[1].1 - w[0].1).powi(2)).sqrt();
            segs.push((i, w[0], w[1]));
        }
    }
    let mut crossings = 0;
    for a in 0..segs.len() {
        for b in a + 1..segs.len() {
            if segs[a].0 != segs[b].0 && proper_cross(segs[a].1, segs[a].2, segs[b].1, segs[b].2) {
                crossings += 1;
            }
        }
    }
    LayoutQuality {
        crossings,
        edge_length,
    }
}

/// Whether two segments cross at a point inside both (touching ends do not count).
fn proper_cross(p1: (f64, f64), p2: (f64, f64), q1: (f64, f64), q2: (f64, f64)) -> bool {
    let orient = |a: (f64, f64), b: (f64, f64), c: (f64, f64)| {
        (b.0 - a.0) * (c.1 - a.1) - (b.1 - a.1) * (c.0 - a.0)
    };
    let (d1, d2) = (orient(q1, q2, p1), orient(q1, q2, p2));
    let (d3, d4) = (orient(p1, p2, q1), orient(p1, p2, q2));
    const EPS: f64 = 1e-9;
    ((d1 > EPS && d2 < -EPS) || (d1 < -EPS && d2 > EPS))
        && ((d3 > EPS && d4 < -EPS) || (d3 < -EPS && d4 > EPS))
}

#[cfg(test)]
mod tests;
