//! Optimal alignments of a trace with a model: A* on the synchronous product, exact.
//!
//! A state is a marking of the model and a position in the trace. From `(m, i)`:
//! - a **log move** skips event `i` (the model cannot do it there): cost 1;
//! - a **model move** fires a visible transition without an event (an activity the model needed and
//!   the case lacks): cost 1; a **silent** transition: cost 0;
//! - a **synchronous move** fires a transition labelled with event `i`'s activity: cost 0.
//!
//! An alignment is a path from (initial marking, 0) to (final marking, trace length). Costs are
//! compared as (deviations, silent moves): pm4py's standard cost function gives a deviation 10,000 and
//! a silent move 1 (`align_utils.STD_MODEL_LOG_MOVE_COST`, `STD_TAU_COST`), which orders alignments the
//! same way as long as fewer than 10,000 silent moves are taken. The deviation count is therefore
//! pm4py's `cost // 10000`, and the silent count makes its raw `cost` too.
//!
//! **Heuristic.** With the full state space explored ([`super::statespace`]), `h(m, i) = u + max(0,
//! d(m) − r + u)` deviations, where `r` is the number of events left, `u` those whose activity can no
//! longer occur from `m` (each must be a log move), and `d(m)` the fewest visible transitions on a
//! run from `m` to the final marking (each is a model move unless matched with one of the `r − u`
//! other events). It never overestimates, and it is consistent (a move of cost `c` lowers it by at
//! most `c`), so the first time a state is taken from the queue its cost is optimal and the search
//! is exact. Markings that cannot reach the final marking are never entered. Without the full space
//! (a model too large to explore), `u` counts only the activities the model does not have at all,
//! which is still exact, only slower.
//!
//! **Budget.** A search stops after [`AlignOptions::max_states`] states and says so: the variant is
//! then reported as not aligned, never with a guessed cost.
//!
//! Ties between optimal alignments are broken the same way on every run (queue order by cost, then
//! by trace progress, then by creation), so the moves shown are reproducible.

use super::statespace::{SpaceError, StateSpace};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Settings of a search.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AlignOptions {
    /// Most states one variant's search may create.
    pub max_states: usize,
}

impl Default for AlignOptions {
    fn default() -> Self {
        AlignOptions {
            max_states: 1_000_000,
        }
    }
}

/// One move of an alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Step {
    /// Event `event` and transition `transition` together.
    Sync {
        /// Position in the trace.
        event: u32,
        /// Transition index.
        transition: u32,
    },
    /// Event `event` alone.
    Log {
        /// Position in the trace.
        event: u32,
    },
    /// Transition `transition` alone (silent or visible).
    Model {
        /// Transition index.
        transition: u32,
    },
}

/// An optimal alignment.
#[derive(Debug, Clone, PartialEq)]
pub struct Alignment {
    /// The moves, in order.
    pub steps: Vec<Step>,
    /// Log moves plus visible model moves.
    pub deviations: u32,
    /// Silent moves.
    pub silent: u32,
    /// States the search created.
    pub states: usize,
}

/// Why no alignment was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AlignError {
    /// The search created [`AlignOptions::max_states`] states without finishing.
    Budget {
        /// States created.
        states: usize,
    },
    /// The state space could not grow (unbounded net, or too many markings).
    Space(SpaceError),
    /// No run of the model reaches the final marking at all.
    NoCompleteRun,
}

const DEV: u64 = 1 << 32;

#[derive(Debug, Clone, Copy)]
struct Node {
    marking: u32,
    pos: u32,
    /// `deviations << 32 | silent`.
    g: u64,
    parent: u32,
    step: Step,
    closed: bool,
}

/// Reusable buffers, so aligning hundreds of variants allocates once.
#[derive(Default)]
pub struct Searcher {
    nodes: Vec<Node>,
    index: FxHashMap<u64, u32>,
    heap: BinaryHeap<Reverse<(u64, u32, u32)>>,
}

impl Searcher {
    /// Aligns `trace` (per event, its activity's label number in the model, `None` when the model
    /// does not have it) with the model of `space`.
    pub fn align(
        &mut self,
        space: &mut StateSpace<'_>,
        trace: &[Option<u32>],
        opts: AlignOptions,
    ) -> Result<Alignment, AlignError> {
        self.nodes.clear();
        self.index.clear();
        self.heap.clear();
        let n = trace.len() as u32;
        // Events the model cannot do anywhere, counted from each position to the end.
        let mut absent_from = vec![0u32; trace.len() + 1];
        for i in (0..trace.len()).rev() {
            absent_from[i] = absent_from[i + 1] + u32::from(trace[i].is_none());
        }
        let final_id = space.final_id;
        let final_ok = space.marking(final_id) == space.net.final_marking.as_slice();
        if let Some(h) = &space.heuristic {
            if h.to_final.first().is_none_or(|&d| d == u32::MAX) {
                return Err(AlignError::NoCompleteRun);
            }
        }
        let h0 = estimate(space, trace, &absent_from, 0, 0).unwrap_or(0);
        self.push(0, 0, 0, u32::MAX, Step::Log { event: 0 }, h0);
        while let Some(Reverse((_, _, idx))) = self.heap.pop() {
            let node = self.nodes[idx as usize];
            if node.closed {
                continue;
            }
            self.nodes[idx as usize].closed = true;
            if node.pos == n && node.marking == final_id && final_ok {
                return Ok(self.unwind(idx));
            }
            if self.nodes.len() > opts.max_states {
                return Err(AlignError::Budget {
                    states: self.nodes.len(),
                });
            }
            let (m, i) = (node.marking, node.pos);
            if i < n {
                self.relax(
                    space,
                    trace,
                    &absent_from,
                    m,
                    i + 1,
                    node.g + DEV,
                    idx,
                    Step::Log { event: i },
                );
            }
            let succ = space.successors(m).map_err(AlignError::Space)?;
            for e in succ {
                let (t, m2) = space.edge(e);
                match space.net.label.get(t as usize).copied().flatten() {
                    None => {
                        self.relax(
                            space,
                            trace,
                            &absent_from,
                            m2,
                            i,
                            node.g + 1,
                            idx,
                            Step::Model { transition: t },
                        );
                    }
                    Some(l) => {
                        if i < n && trace[i as usize] == Some(l) {
                            self.relax(
                                space,
                                trace,
                                &absent_from,
                                m2,
                                i + 1,
                                node.g,
                                idx,
                                Step::Sync {
                                    event: i,
                                    transition: t,
                                },
                            );
                        }
                        self.relax(
                            space,
                            trace,
                            &absent_from,
                            m2,
                            i,
                            node.g + DEV,
                            idx,
                            Step::Model { transition: t },
                        );
                    }
                }
            }
        }
        Err(AlignError::NoCompleteRun)
    }

    fn push(&mut self, marking: u32, pos: u32, g: u64, parent: u32, step: Step, h: u32) -> u32 {
        let idx = self.nodes.len() as u32;
        self.nodes.push(Node {
            marking,
            pos,
            g,
            parent,
            step,
            closed: false,
        });
        self.index.insert(key(marking, pos), idx);
        self.heap
            .push(Reverse((g + h as u64 * DEV, u32::MAX - pos, idx)));
        idx
    }

    #[allow(clippy::too_many_arguments)]
    fn relax(
        &mut self,
        space: &StateSpace<'_>,
        trace: &[Option<u32>],
        absent_from: &[u32],
        marking: u32,
        pos: u32,
        g: u64,
        parent: u32,
        step: Step,
    ) {
        match self.index.get(&key(marking, pos)) {
            Some(&idx) => {
                let node = &mut self.nodes[idx as usize];
                if node.closed || g >= node.g {
                    return;
                }
                // A cheaper way to a queued state: queued again with the lower cost (the stale
                // entry is skipped when it comes up, as the node is closed by then).
                node.g = g;
                node.parent = parent;
                node.step = step;
                let h = estimate(space, trace, absent_from, marking, pos).unwrap_or(0);
                self.heap
                    .push(Reverse((g + h as u64 * DEV, u32::MAX - pos, idx)));
            }
            None => {
                // Dead ends (no way to the final marking) are never entered.
                let Some(h) = estimate(space, trace, absent_from, marking, pos) else {
                    return;
                };
                self.push(marking, pos, g, parent, step, h);
            }
        }
    }

    fn unwind(&self, goal: u32) -> Alignment {
        let mut steps = Vec::new();
        let mut i = goal;
        let g = self.nodes[goal as usize].g;
        while let Some(node) = self.nodes.get(i as usize) {
            if node.parent == u32::MAX {
                break;
            }
            steps.push(node.step);
            i = node.parent;
        }
        steps.reverse();
        Alignment {
            steps,
            deviations: (g >> 32) as u32,
            silent: (g & 0xffff_ffff) as u32,
            states: self.nodes.len(),
        }
    }
}

#[inline]
fn key(marking: u32, pos: u32) -> u64 {
    (marking as u64) << 32 | pos as u64
}

/// The heuristic (see the module doc), in deviations; `None` when the final marking cannot be reached
/// from `marking`.
fn estimate(
    space: &StateSpace<'_>,
    trace: &[Option<u32>],
    absent_from: &[u32],
    marking: u32,
    pos: u32,
) -> Option<u32> {
    let rest = &trace[(pos as usize).min(trace.len())..];
    let r = rest.len() as u32;
    match &space.heuristic {
        None => Some(absent_from.get(pos as usize).copied().unwrap_or(0)),
        Some(h) => {
            let d = h
                .to_final
                .get(marking as usize)
                .copied()
                .unwrap_or(u32::MAX);
            if d == u32::MAX {
                return None;
            }
            let u = rest
                .iter()
                .filter(|l| match l {
                    None => true,
                    Some(l) => !h.can_occur(marking, *l),
                })
                .count() as u32;
            Some(u + (d + u).saturating_sub(r))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::petri::{sequence_net, PetriNet};
    use super::super::statespace::{Compiled, SpaceOptions};
    use super::*;

    fn run(net: &PetriNet, trace: &[&str], opts: SpaceOptions) -> Alignment {
        let c = Compiled::new(net, |_| None);
        let mut space = StateSpace::new(&c, opts);
        let t: Vec<Option<u32>> = trace.iter().map(|a| c.label_of(a)).collect();
        Searcher::default()
            .align(&mut space, &t, AlignOptions::default())
            .unwrap()
    }

    /// a, then b or c (exclusive), then d; with a silent skip of the choice.
    fn choice_net() -> PetriNet {
        let mut net = PetriNet::default();
        let p: Vec<usize> = (0..4).map(|i| net.add_place(format!("p{i}"))).collect();
        let ta = net.add_transition("a", Some("a".into()));
        let tb = net.add_transition("b", Some("b".into()));
        let tc = net.add_transition("c", Some("c".into()));
        let tau = net.add_transition("skip", None);
        let td = net.add_transition("d", Some("d".into()));
        net.arc_in(p[0], ta);
        net.arc_out(ta, p[1]);
        for t in [tb, tc, tau] {
            net.arc_in(p[1], t);
            net.arc_out(t, p[2]);
        }
        net.arc_in(p[2], td);
        net.arc_out(td, p[3]);
        net.mark_ends(p[0], p[3]);
        net
    }

    #[test]
    fn costs_by_hand() {
        let net = sequence_net(&["a", "b", "c"]);
        for opts in [
            SpaceOptions::default(),
            // Without the heuristic (space "too large"): same costs.
            SpaceOptions {
                full_markings: 0,
                max_markings: 1000,
            },
        ] {
            assert_eq!(run(&net, &["a", "b", "c"], opts).deviations, 0);
            // b skipped: one model move.
            assert_eq!(run(&net, &["a", "c"], opts).deviations, 1);
            // x inserted: one log move.
            assert_eq!(run(&net, &["a", "x", "b", "c"], opts).deviations, 1);
            // b and c swapped: a log move and a model move.
            assert_eq!(run(&net, &["a", "c", "b"], opts).deviations, 2);
            // Empty trace: every visible transition is a model move (pm4py's best-worst cost).
            assert_eq!(run(&net, &[], opts).deviations, 3);
        }
        let net = choice_net();
        let al = run(&net, &["a", "d"], SpaceOptions::default());
        assert_eq!((al.deviations, al.silent), (0, 1));
        let al = run(&net, &["a", "b", "c", "d"], SpaceOptions::default());
        assert_eq!((al.deviations, al.silent), (1, 0));
        assert_eq!(al.steps.len(), 4);
        // The empty trace: a and d are needed, the choice is skipped silently.
        let al = run(&net, &[], SpaceOptions::default());
        assert_eq!((al.deviations, al.silent), (2, 1));
    }

    #[test]
    fn the_budget_stops_the_search_with_a_reason() {
        let net = sequence_net(&["a", "b", "c", "d", "e", "f"]);
        let c = Compiled::new(&net, |_| None);
        let mut space = StateSpace::new(
            &c,
            SpaceOptions {
                full_markings: 0,
                max_markings: 100,
            },
        );
        let t: Vec<Option<u32>> = ["f", "e", "d", "c", "b", "a"]
            .iter()
            .map(|a| c.label_of(a))
            .collect();
        let e = Searcher::default()
            .align(&mut space, &t, AlignOptions { max_states: 5 })
            .unwrap_err();
        assert!(matches!(e, AlignError::Budget { .. }), "{e:?}");
    }
}
