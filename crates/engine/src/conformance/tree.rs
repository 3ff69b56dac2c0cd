//! Process trees: what the inductive miner finds, and a sound workflow net made from one.
//!
//! A tree's leaves are activities or τ (a silent step); its operators are sequence (→), exclusive
//! choice (×), parallel (∧) and loop (↺: the first child is the body, done at least once; any other
//! child is a way back to it). Every tree gives a sound, safe workflow net ([`ProcessTree::to_petri`]),
//! which is why a model mined from the log can always be aligned.
//!
//! [`ProcessTree::folded`] removes what changes no run: nested operators of the same kind
//! (→(→(a, b), c) = →(a, b, c)), τ in sequences and parallels, repeated τ in a choice, operators with
//! one child, and a loop of τ only — as pm4py's `fold` does after mining.

use super::petri::PetriNet;
use serde::{Deserialize, Serialize};

/// A process tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum ProcessTree {
    /// An activity.
    Activity {
        /// Its name.
        label: String,
    },
    /// A silent step.
    Tau,
    /// Children one after the other.
    Sequence {
        /// In order.
        children: Vec<ProcessTree>,
    },
    /// Exactly one child.
    Xor {
        /// The options.
        children: Vec<ProcessTree>,
    },
    /// Every child, interleaved.
    Parallel {
        /// The branches.
        children: Vec<ProcessTree>,
    },
    /// The first child, then any number of times (another child, then the first again).
    Loop {
        /// Body first, then the ways back.
        children: Vec<ProcessTree>,
    },
}

impl ProcessTree {
    /// An activity leaf.
    pub fn activity(label: impl Into<String>) -> ProcessTree {
        ProcessTree::Activity {
            label: label.into(),
        }
    }

    fn children(&self) -> &[ProcessTree] {
        match self {
            ProcessTree::Activity { .. } | ProcessTree::Tau => &[],
            ProcessTree::Sequence { children }
            | ProcessTree::Xor { children }
            | ProcessTree::Parallel { children }
            | ProcessTree::Loop { children } => children,
        }
    }

    /// The activities of the leaves, sorted, each once.
    pub fn activities(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut stack = vec![self];
        while let Some(t) = stack.pop() {
            if let ProcessTree::Activity { label } = t {
                out.push(label.clone());
            }
            stack.extend(t.children());
        }
        out.sort();
        out.dedup();
        out
    }

    /// Number of nodes.
    pub fn size(&self) -> usize {
        1 + self.children().iter().map(ProcessTree::size).sum::<usize>()
    }

    /// The tree in pm4py's notation: `->('a', X('b', tau))`.
    pub fn notation(&self) -> String {
        let list = |op: &str, c: &[ProcessTree]| {
            format!(
                "{op}( {} )",
                c.iter()
                    .map(ProcessTree::notation)
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        match self {
            ProcessTree::Activity { label } => format!("'{label}'"),
            ProcessTree::Tau => "tau".into(),
            ProcessTree::Sequence { children } => list("->", children),
            ProcessTree::Xor { children } => list("X", children),
            ProcessTree::Parallel { children } => list("+", children),
            ProcessTree::Loop { children } => list("*", children),
        }
    }

    /// The same runs with the redundant parts removed (see the module doc).
    pub fn folded(self) -> ProcessTree {
        #[derive(PartialEq, Clone, Copy)]
        enum Op {
            Seq,
            Xor,
            Par,
        }
        let (op, children) = match self {
            ProcessTree::Activity { .. } | ProcessTree::Tau => return self,
            ProcessTree::Loop { children } => {
                let children: Vec<ProcessTree> =
                    children.into_iter().map(ProcessTree::folded).collect();
                if children.iter().all(|c| *c == ProcessTree::Tau) {
                    return ProcessTree::Tau;
                }
                if children.len() == 1 {
                    return children.into_iter().next().unwrap_or(ProcessTree::Tau);
                }
                return ProcessTree::Loop { children };
            }
            ProcessTree::Sequence { children } => (Op::Seq, children),
            ProcessTree::Xor { children } => (Op::Xor, children),
            ProcessTree::Parallel { children } => (Op::Par, children),
        };
        let mut flat = Vec::with_capacity(children.len());
        for c in children.into_iter().map(ProcessTree::folded) {
            match (op, c) {
                (Op::Seq, ProcessTree::Sequence { children })
                | (Op::Xor, ProcessTree::Xor { children })
                | (Op::Par, ProcessTree::Parallel { children }) => flat.extend(children),
                (_, c) => flat.push(c),
            }
        }
        let mut kept: Vec<ProcessTree> = Vec::with_capacity(flat.len());
        for c in flat {
            if c == ProcessTree::Tau && (op != Op::Xor || kept.contains(&ProcessTree::Tau)) {
                continue;
            }
            kept.push(c);
        }
        if kept.is_empty() {
            return ProcessTree::Tau;
        }
        if kept.len() == 1 {
            return kept.into_iter().next().unwrap_or(ProcessTree::Tau);
        }
        match op {
            Op::Seq => ProcessTree::Sequence { children: kept },
            Op::Xor => ProcessTree::Xor { children: kept },
            Op::Par => ProcessTree::Parallel { children: kept },
        }
    }

    /// A sound, safe workflow net with the tree's runs: one source place (the initial marking) and
    /// one sink place (the final marking); silent transitions split and join parallel branches and
    /// enter, repeat and leave loops.
    pub fn to_petri(&self) -> PetriNet {
        let mut b = NetBuilder::default();
        let source = b.place("source");
        let sink = b.place("sink");
        b.build(self, source, sink);
        let mut net = b.net;
        net.mark_ends(source, sink);
        net
    }
}

#[derive(Default)]
struct NetBuilder {
    net: PetriNet,
    places: usize,
    taus: usize,
    tasks: usize,
}

impl NetBuilder {
    fn place(&mut self, id: &str) -> usize {
        self.places += 1;
        self.net.add_place(id)
    }

    fn new_place(&mut self) -> usize {
        let id = format!("p{}", self.places);
        self.place(&id)
    }

    fn tau(&mut self, kind: &str) -> usize {
        self.taus += 1;
        self.net
            .add_transition(format!("{kind}_{}", self.taus), None)
    }

    fn build(&mut self, tree: &ProcessTree, from: usize, to: usize) {
        match tree {
            ProcessTree::Activity { label } => {
                self.tasks += 1;
                let t = self
                    .net
                    .add_transition(format!("t{}", self.tasks), Some(label.clone()));
                self.net.arc_in(from, t);
                self.net.arc_out(t, to);
            }
            ProcessTree::Tau => {
                let t = self.tau("skip");
                self.net.arc_in(from, t);
                self.net.arc_out(t, to);
            }
            ProcessTree::Sequence { children } => {
                let mut at = from;
                for (i, c) in children.iter().enumerate() {
                    let next = if i + 1 == children.len() {
                        to
                    } else {
                        self.new_place()
                    };
                    self.build(c, at, next);
                    at = next;
                }
                if children.is_empty() {
                    self.build(&ProcessTree::Tau, from, to);
                }
            }
            ProcessTree::Xor { children } => {
                for c in children {
                    self.build(c, from, to);
                }
                if children.is_empty() {
                    self.build(&ProcessTree::Tau, from, to);
                }
            }
            ProcessTree::Parallel { children } => {
                let split = self.tau("tauSplit");
                let join = self.tau("tauJoin");
                self.net.arc_in(from, split);
                self.net.arc_out(join, to);
                for c in children {
                    let (a, z) = (self.new_place(), self.new_place());
                    self.net.arc_out(split, a);
                    self.net.arc_in(z, join);
                    self.build(c, a, z);
                }
            }
            ProcessTree::Loop { children } => {
                // Entering and leaving through silent steps keeps `from` and `to` free of the
                // loop's back edges, so a loop inside a choice or a sequence stays safe.
                let (start, end) = (self.new_place(), self.new_place());
                let enter = self.tau("init_loop");
                let exit = self.tau("exit_loop");
                self.net.arc_in(from, enter);
                self.net.arc_out(enter, start);
                self.net.arc_in(end, exit);
                self.net.arc_out(exit, to);
                let mut parts = children.iter();
                match parts.next() {
                    Some(body) => self.build(body, start, end),
                    None => self.build(&ProcessTree::Tau, start, end),
                }
                for redo in parts {
                    self.build(redo, end, start);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(l: &str) -> ProcessTree {
        ProcessTree::activity(l)
    }

    #[test]
    fn folding_removes_what_changes_no_run() {
        let t = ProcessTree::Sequence {
            children: vec![
                ProcessTree::Sequence {
                    children: vec![a("a"), ProcessTree::Tau],
                },
                ProcessTree::Xor {
                    children: vec![
                        ProcessTree::Tau,
                        ProcessTree::Xor {
                            children: vec![a("b"), ProcessTree::Tau],
                        },
                    ],
                },
                ProcessTree::Parallel {
                    children: vec![a("c")],
                },
                ProcessTree::Loop {
                    children: vec![ProcessTree::Tau, ProcessTree::Tau],
                },
            ],
        };
        assert_eq!(t.folded().notation(), "->( 'a', X( tau, 'b' ), 'c' )");
    }

    #[test]
    fn the_net_of_a_tree_has_its_runs() {
        use super::super::alignment::{AlignOptions, Searcher};
        use super::super::statespace::{Compiled, SpaceOptions, StateSpace};
        // ->(a, *(b, c), +(d, e))
        let t = ProcessTree::Sequence {
            children: vec![
                a("a"),
                ProcessTree::Loop {
                    children: vec![a("b"), a("c")],
                },
                ProcessTree::Parallel {
                    children: vec![a("d"), a("e")],
                },
            ],
        };
        let net = t.to_petri();
        net.validate("tree").unwrap();
        let c = Compiled::new(&net, |_| None);
        let mut space = StateSpace::new(&c, SpaceOptions::default());
        assert_eq!(space.check(&net).sound, Some(true));
        let mut s = Searcher::default();
        let mut cost = |trace: &[&str]| {
            let t: Vec<Option<u32>> = trace.iter().map(|x| c.label_of(x)).collect();
            s.align(&mut space, &t, AlignOptions::default())
                .unwrap()
                .deviations
        };
        assert_eq!(cost(&["a", "b", "d", "e"]), 0);
        assert_eq!(cost(&["a", "b", "c", "b", "e", "d"]), 0);
        assert_eq!(cost(&["a", "b", "c", "e", "d"]), 1);
        assert_eq!(cost(&["a", "e", "d"]), 1);
        // The empty trace needs a, b, d, e.
        assert_eq!(cost(&[]), 4);
    }
}
