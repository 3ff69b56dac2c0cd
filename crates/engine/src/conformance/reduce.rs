//! Silent steps removed from a Petri net without changing what it accepts, so its state space stays
//! small. A BPMN diagram becomes a net with a place per sequence flow and silent transitions around
//! every gateway; in parallel branches each of those intermediate states multiplies the number of
//! reachable markings, and the alignments search them all.
//!
//! Two of Murata's reduction rules ("Petri nets: properties, analysis and applications", Proc. IEEE
//! 77(4), 1989, §VIII, fusion of series places and of series transitions), applied to silent
//! transitions and ordinary (weight 1) arcs only:
//! - **series places**: a silent transition `t` with one input place `p` and one output place `q`,
//!   where `t` is the only transition taking from `p` and `p` is not in the final marking: whatever
//!   puts a token in `p` puts it in `q` instead (tokens `p` starts with move to `q`), and `p`, `t` go.
//! - **series transitions**: a place `p` filled only by `t1` and emptied only by a silent `t2` whose
//!   only input is `p`, `p` not marked at the start or the end: `t1` puts `t2`'s outputs directly, and
//!   `p`, `t2` go.
//!
//! In both cases the removed silent step could always fire and nothing else competed for its input,
//! so every run of one net is a run of the other with the same activities in the same order: the
//! alignments' deviations, and the visible length of the shortest run, do not change. Only the count
//! of silent moves does, which is why the PNML files pm4py wrote are aligned as they are.

use super::petri::{Arc, PetriNet, Tokens};

/// The net with the silent steps above removed, repeated until none applies.
pub fn reduce_silent(net: &PetriNet) -> PetriNet {
    let np = net.places.len();
    let nt = net.transitions.len();
    let mut pre: Vec<Vec<(usize, u32)>> = vec![Vec::new(); nt];
    let mut post: Vec<Vec<(usize, u32)>> = vec![Vec::new(); nt];
    for a in &net.arcs {
        if a.place >= np || a.transition >= nt {
            continue;
        }
        let list = if a.into_transition {
            &mut pre[a.transition]
        } else {
            &mut post[a.transition]
        };
        add(list, a.place, a.weight);
    }
    let mut initial = vec![0u32; np];
    for t in &net.initial_marking {
        if t.place < np {
            initial[t.place] += t.tokens;
        }
    }
    let mut fin = vec![0u32; np];
    for t in &net.final_marking {
        if t.place < np {
            fin[t.place] += t.tokens;
        }
    }
    // Per place, the transitions that take from it and that put into it (kept up to date).
    let mut consumers: Vec<Vec<usize>> = vec![Vec::new(); np];
    let mut producers: Vec<Vec<usize>> = vec![Vec::new(); np];
    for t in 0..nt {
        for &(p, _) in &pre[t] {
            consumers[p].push(t);
        }
        for &(p, _) in &post[t] {
            producers[p].push(t);
        }
    }
    let mut t_alive = vec![true; nt];
    let mut p_alive = vec![true; np];
    let silent = |t: usize| net.transitions[t].label.is_none();
    loop {
        let mut changed = false;
        // Series places.
        for t in 0..nt {
            if !t_alive[t] || !silent(t) {
                continue;
            }
            let (&[(p, 1)], &[(q, 1)]) = (pre[t].as_slice(), post[t].as_slice()) else {
                continue;
            };
            if p == q || fin[p] != 0 || consumers[p].len() != 1 {
                continue;
            }
            // Whatever fills p fills q.
            for x in std::mem::take(&mut producers[p]) {
                let w = take(&mut post[x], p);
                if x == t {
                    continue;
                }
                add(&mut post[x], q, w);
                if !producers[q].contains(&x) {
                    producers[q].push(x);
                }
            }
            producers[q].retain(|&x| x != t);
            initial[q] += std::mem::take(&mut initial[p]);
            consumers[p].clear();
            pre[t].clear();
            post[t].clear();
            t_alive[t] = false;
            p_alive[p] = false;
            changed = true;
        }
        // Series transitions.
        for p in 0..np {
            if !p_alive[p] || initial[p] != 0 || fin[p] != 0 {
                continue;
            }
            let (&[t1], &[t2]) = (producers[p].as_slice(), consumers[p].as_slice()) else {
                continue;
            };
            if t1 == t2 || !silent(t2) || pre[t2].as_slice() != [(p, 1)] {
                continue;
            }
            if weight(&post[t1], p) != 1 {
                continue;
            }
            take(&mut post[t1], p);
            for (r, w) in std::mem::take(&mut post[t2]) {
                add(&mut post[t1], r, w);
                producers[r].retain(|&x| x != t2);
                if !producers[r].contains(&t1) {
                    producers[r].push(t1);
                }
            }
            pre[t2].clear();
            producers[p].clear();
            consumers[p].clear();
            t_alive[t2] = false;
            p_alive[p] = false;
            changed = true;
        }
        if !changed {
            break;
        }
    }
    // Rebuild with the survivors, in their original order.
    let mut out = PetriNet::default();
    let mut new_p = vec![usize::MAX; np];
    for p in (0..np).filter(|&p| p_alive[p]) {
        new_p[p] = out.places.len();
        out.places.push(net.places[p].clone());
    }
    let mut new_t = vec![usize::MAX; nt];
    for t in (0..nt).filter(|&t| t_alive[t]) {
        new_t[t] = out.transitions.len();
        out.transitions.push(net.transitions[t].clone());
    }
    for t in (0..nt).filter(|&t| t_alive[t]) {
        for (list, into) in [(&pre[t], true), (&post[t], false)] {
            for &(p, w) in list {
                if new_p[p] != usize::MAX {
                    out.arcs.push(Arc {
                        place: new_p[p],
                        transition: new_t[t],
                        into_transition: into,
                        weight: w,
                    });
                }
            }
        }
    }
    let marking = |v: &[u32]| -> Vec<Tokens> {
        (0..np)
            .filter(|&p| v[p] > 0 && new_p[p] != usize::MAX)
            .map(|p| Tokens {
                place: new_p[p],
                tokens: v[p],
            })
            .collect()
    };
    out.initial_marking = marking(&initial);
    out.final_marking = marking(&fin);
    out
}

fn add(list: &mut Vec<(usize, u32)>, p: usize, w: u32) {
    match list.iter_mut().find(|(x, _)| *x == p) {
        Some((_, v)) => *v = v.saturating_add(w),
        None => list.push((p, w)),
    }
}

fn weight(list: &[(usize, u32)], p: usize) -> u32 {
    list.iter().find(|(x, _)| *x == p).map_or(0, |&(_, w)| w)
}

/// Removes place `p` from an arc list, returning its weight.
fn take(list: &mut Vec<(usize, u32)>, p: usize) -> u32 {
    match list.iter().position(|(x, _)| *x == p) {
        Some(i) => list.remove(i).1,
        None => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conformance::bpmn::{Bpmn, BpmnKind};
    use crate::conformance::convert::{bpmn_to_petri, tree_to_bpmn};
    use crate::conformance::statespace::{Compiled, SpaceOptions, StateSpace};
    use crate::conformance::tree::ProcessTree;

    #[test]
    fn a_diagram_s_net_shrinks_and_keeps_its_runs() {
        let a = |l: &str| ProcessTree::activity(l);
        // +(->(a, X(b, c)), ->(d, *(e, tau)))
        let tree = ProcessTree::Parallel {
            children: vec![
                ProcessTree::Sequence {
                    children: vec![
                        a("a"),
                        ProcessTree::Xor {
                            children: vec![a("b"), a("c")],
                        },
                    ],
                },
                ProcessTree::Sequence {
                    children: vec![
                        a("d"),
                        ProcessTree::Loop {
                            children: vec![a("e"), ProcessTree::Tau],
                        },
                    ],
                },
            ],
        };
        let b: Bpmn = tree_to_bpmn(&tree);
        assert!(b.nodes.iter().any(|n| n.kind == BpmnKind::ParallelGateway));
        let net = bpmn_to_petri(&b);
        let small = reduce_silent(&net);
        small.validate("reduced").unwrap();
        assert!(small.transitions.len() < net.transitions.len());
        assert_eq!(small.labels(), net.labels());
        let markings = |n: &PetriNet| {
            let c = Compiled::new(n, |_| None);
            StateSpace::new(&c, SpaceOptions::default()).len()
        };
        assert!(
            markings(&small) < markings(&net),
            "{} vs {}",
            markings(&small),
            markings(&net)
        );
        // The same deviations for a few traces (the convert tests check the unreduced net).
        use crate::conformance::alignment::{AlignOptions, Searcher};
        for n in [&net, &small] {
            let c = Compiled::new(n, |_| None);
            let mut s = StateSpace::new(&c, SpaceOptions::default());
            let mut cost = |t: &[&str]| {
                let t: Vec<Option<u32>> = t.iter().map(|x| c.label_of(x)).collect();
                Searcher::default()
                    .align(&mut s, &t, AlignOptions::default())
                    .unwrap()
                    .deviations
            };
            assert_eq!(cost(&["a", "d", "b", "e", "e"]), 0);
            assert_eq!(cost(&["d", "a", "c"]), 1);
            assert_eq!(cost(&["a", "b", "c", "d", "e"]), 1);
            assert_eq!(cost(&[]), 4);
        }
    }
}
