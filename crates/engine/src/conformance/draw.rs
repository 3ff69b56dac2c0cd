//! A model as a drawable graph: nodes with a kind, a label and a box, edges with their points.
//!
//! A BPMN diagram keeps the layout of its file (`bpmndi`) when it has a real one; otherwise, and for a
//! Petri net, the engine's layered layout ([`crate::layout`]) places it, turned to run left to right
//! as process diagrams do. The app draws what this returns and never computes a position.

use super::bpmn::{Bounds, Bpmn, BpmnKind};
use super::petri::PetriNet;
use crate::layout::{layout, LayoutEdge, LayoutOptions, NodeSize};
use serde::{Deserialize, Serialize};

/// What a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GraphNodeKind {
    /// BPMN start event.
    Start,
    /// BPMN end event.
    End,
    /// An activity (BPMN task, or a visible Petri-net transition).
    Task,
    /// BPMN exclusive gateway.
    ExclusiveGateway,
    /// BPMN parallel gateway.
    ParallelGateway,
    /// BPMN intermediate event.
    Event,
    /// Petri-net place.
    Place,
    /// Silent Petri-net transition (or a BPMN task without a name).
    Silent,
}

/// A node to draw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GraphNode {
    /// Id in the model.
    pub id: String,
    /// Kind.
    pub kind: GraphNodeKind,
    /// The activity (tasks) or name.
    pub label: Option<String>,
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
    /// Tokens at the start (places of a Petri net).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub initial_tokens: u32,
    /// Tokens at the end (places of a Petri net).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub final_tokens: u32,
}

fn is_zero(x: &u32) -> bool {
    *x == 0
}

/// An edge to draw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GraphEdge {
    /// Source node index.
    pub from: usize,
    /// Target node index.
    pub to: usize,
    /// Points from the source's border to the target's.
    pub points: Vec<(f64, f64)>,
}

/// A drawable model.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ModelGraph {
    /// Nodes.
    pub nodes: Vec<GraphNode>,
    /// Edges.
    pub edges: Vec<GraphEdge>,
    /// Drawing width.
    pub width: f64,
    /// Drawing height.
    pub height: f64,
    /// `true`: positions come from the model file's own diagram.
    pub layout_from_file: bool,
}

fn bpmn_size(kind: BpmnKind) -> (f64, f64) {
    match kind {
        BpmnKind::Task => (100.0, 80.0),
        BpmnKind::ExclusiveGateway | BpmnKind::ParallelGateway => (50.0, 50.0),
        BpmnKind::StartEvent | BpmnKind::EndEvent | BpmnKind::IntermediateEvent => (36.0, 36.0),
    }
}

/// Layered layout of `sizes` (width, height) turned left to right: boxes (left, top, w, h) and edge
/// points, plus the drawing's size.
#[allow(clippy::type_complexity)]
fn left_to_right(
    sizes: &[(f64, f64)],
    edges: &[(usize, usize)],
    root: usize,
    sink: Option<usize>,
) -> (Vec<Bounds>, Vec<Vec<(f64, f64)>>, f64, f64) {
    // The layout stacks layers downwards: give it the boxes turned a quarter, then turn back.
    let turned: Vec<NodeSize> = sizes
        .iter()
        .map(|&(w, h)| NodeSize { w: h, h: w })
        .collect();
    let le: Vec<LayoutEdge> = edges
        .iter()
        .map(|&(from, to)| LayoutEdge {
            from,
            to,
            weight: 1.0,
        })
        .collect();
    let opts = LayoutOptions {
        layer_gap: 150.0,
        node_gap: 40.0,
        ..LayoutOptions::default()
    };
    let l = layout(&turned, &le, root, sink, opts);
    let boxes = l
        .nodes
        .iter()
        .zip(sizes)
        .map(|(n, &(w, h))| Bounds {
            x: n.y - w / 2.0,
            y: n.x - h / 2.0,
            w,
            h,
        })
        .collect();
    let points = l
        .edges
        .iter()
        .map(|e| e.points.iter().map(|&(x, y)| (y, x)).collect())
        .collect();
    (boxes, points, l.height, l.width)
}

/// The diagram with a computed layout (boxes and waypoints), for a file that had none.
pub fn laid_out(b: &Bpmn) -> Bpmn {
    let mut out = b.clone();
    if b.nodes.is_empty() {
        return out;
    }
    let sizes: Vec<(f64, f64)> = b.nodes.iter().map(|n| bpmn_size(n.kind)).collect();
    let edges: Vec<(usize, usize)> = b.flows.iter().map(|f| (f.source, f.target)).collect();
    let root = b
        .nodes
        .iter()
        .position(|n| n.kind == BpmnKind::StartEvent)
        .unwrap_or(0);
    let sink = b.nodes.iter().position(|n| n.kind == BpmnKind::EndEvent);
    let (boxes, points, _, _) = left_to_right(&sizes, &edges, root, sink);
    for (n, bx) in out.nodes.iter_mut().zip(boxes) {
        n.bounds = Some(bx);
    }
    for (f, p) in out.flows.iter_mut().zip(points) {
        f.waypoints = p;
    }
    out
}

/// The graph of a BPMN diagram.
pub fn bpmn_graph(b: &Bpmn) -> ModelGraph {
    let from_file = b.has_layout();
    let laid;
    let b = if from_file {
        b
    } else {
        laid = laid_out(b);
        &laid
    };
    let nodes: Vec<GraphNode> = b
        .nodes
        .iter()
        .map(|n| {
            let bx = n.bounds.unwrap_or(Bounds {
                x: 0.0,
                y: 0.0,
                w: bpmn_size(n.kind).0,
                h: bpmn_size(n.kind).1,
            });
            GraphNode {
                id: n.id.clone(),
                kind: match n.kind {
                    BpmnKind::StartEvent => GraphNodeKind::Start,
                    BpmnKind::EndEvent => GraphNodeKind::End,
                    BpmnKind::Task if n.name.is_none() => GraphNodeKind::Silent,
                    BpmnKind::Task => GraphNodeKind::Task,
                    BpmnKind::ExclusiveGateway => GraphNodeKind::ExclusiveGateway,
                    BpmnKind::ParallelGateway => GraphNodeKind::ParallelGateway,
                    BpmnKind::IntermediateEvent => GraphNodeKind::Event,
                },
                label: n.name.clone(),
                x: bx.x,
                y: bx.y,
                w: bx.w,
                h: bx.h,
                initial_tokens: 0,
                final_tokens: 0,
            }
        })
        .collect();
    let edges = b
        .flows
        .iter()
        .map(|f| GraphEdge {
            from: f.source,
            to: f.target,
            points: if f.waypoints.is_empty() {
                straight(&nodes, f.source, f.target)
            } else {
                f.waypoints.clone()
            },
        })
        .collect();
    finish(nodes, edges, from_file)
}

/// The graph of a Petri net: places, then transitions.
pub fn petri_graph(net: &PetriNet) -> ModelGraph {
    let np = net.places.len();
    let initial = net.dense(&net.initial_marking);
    let fin = net.dense(&net.final_marking);
    let mut sizes: Vec<(f64, f64)> = vec![(30.0, 30.0); np];
    sizes.extend(net.transitions.iter().map(|t| match t.label {
        Some(_) => (100.0, 40.0),
        None => (12.0, 40.0),
    }));
    let edges: Vec<(usize, usize)> = net
        .arcs
        .iter()
        .filter(|a| a.place < np && a.transition < net.transitions.len())
        .map(|a| {
            if a.into_transition {
                (a.place, np + a.transition)
            } else {
                (np + a.transition, a.place)
            }
        })
        .collect();
    let root = initial.iter().position(|&n| n > 0).unwrap_or(0);
    let sink = fin.iter().position(|&n| n > 0);
    let (boxes, points, _, _) = left_to_right(&sizes, &edges, root, sink);
    let mut nodes = Vec::with_capacity(sizes.len());
    for (i, bx) in boxes.iter().enumerate() {
        let (id, kind, label, it, ft) = if i < np {
            let p = &net.places[i];
            (
                p.id.clone(),
                GraphNodeKind::Place,
                p.name.clone(),
                u32::from(initial.get(i).copied().unwrap_or(0)),
                u32::from(fin.get(i).copied().unwrap_or(0)),
            )
        } else {
            let t = &net.transitions[i - np];
            let kind = if t.label.is_some() {
                GraphNodeKind::Task
            } else {
                GraphNodeKind::Silent
            };
            (t.id.clone(), kind, t.label.clone(), 0, 0)
        };
        nodes.push(GraphNode {
            id,
            kind,
            label,
            x: bx.x,
            y: bx.y,
            w: bx.w,
            h: bx.h,
            initial_tokens: it,
            final_tokens: ft,
        });
    }
    let edges = edges
        .iter()
        .zip(points)
        .map(|(&(from, to), points)| GraphEdge { from, to, points })
        .collect();
    finish(nodes, edges, false)
}

fn straight(nodes: &[GraphNode], a: usize, b: usize) -> Vec<(f64, f64)> {
    let c = |i: usize| {
        nodes
            .get(i)
            .map(|n| (n.x + n.w / 2.0, n.y + n.h / 2.0))
            .unwrap_or((0.0, 0.0))
    };
    vec![c(a), c(b)]
}

fn finish(nodes: Vec<GraphNode>, edges: Vec<GraphEdge>, layout_from_file: bool) -> ModelGraph {
    let width = nodes.iter().map(|n| n.x + n.w).fold(0.0, f64::max);
    let height = nodes.iter().map(|n| n.y + n.h).fold(0.0, f64::max);
    ModelGraph {
        nodes,
        edges,
        width,
        height,
        layout_from_file,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conformance::convert::tree_to_bpmn;
    use crate::conformance::tree::ProcessTree;

    #[test]
    fn a_sequence_runs_left_to_right_without_overlaps() {
        let t = ProcessTree::Sequence {
            children: vec![ProcessTree::activity("a"), ProcessTree::activity("b")],
        };
        let g = bpmn_graph(&tree_to_bpmn(&t));
        assert!(!g.layout_from_file);
        let x = |label: &str| {
            g.nodes
                .iter()
                .find(|n| n.label.as_deref() == Some(label))
                .unwrap()
                .x
        };
        assert!(x("start") < x("a") && x("a") < x("b") && x("b") < x("end"));
        for (i, a) in g.nodes.iter().enumerate() {
            for b in &g.nodes[i + 1..] {
                let apart =
                    a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
                assert!(apart, "{a:?} overlaps {b:?}");
            }
        }
        let net = t.to_petri();
        let pg = petri_graph(&net);
        assert_eq!(pg.nodes.len(), net.places.len() + net.transitions.len());
        assert_eq!(pg.nodes.iter().filter(|n| n.initial_tokens == 1).count(), 1);
    }
}
