//! The reachable markings of a net (its state space), explored once per model and shared by every
//! variant's alignment, with what the alignment's heuristic needs and the soundness checks.
//!
//! Markings are one byte per place, stored end to end in one vector and found through a hash table of
//! their indices (no marking is stored twice). Successors are computed on demand and kept, so the search
//! of the second variant reuses what the first one explored. When the whole space fits in
//! [`SpaceOptions::full_markings`], it is explored up front and gives, per marking:
//! - `to_final`: the fewest visible transitions of any run from it to the final marking (`u32::MAX` when
//!   none: a dead end the search never enters);
//! - `reach`: the activities that can still occur from it.
//!
//! and the soundness checks of [`ModelCheck`] (van der Aalst's classical soundness for workflow nets:
//! option to complete, proper completion, no dead transitions; boundedness within the budget).

use super::petri::{PetriNet, MAX_TOKENS};
use hashbrown::HashTable;
use rustc_hash::FxHasher;
use serde::{Deserialize, Serialize};
use std::hash::Hasher;

/// How much of a state space may be built.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SpaceOptions {
    /// Explore the whole space up front (enabling the heuristic and the soundness checks) when it has
    /// at most this many markings.
    pub full_markings: usize,
    /// Never hold more markings than this (the explored part of a larger space grows up to it).
    pub max_markings: usize,
}

impl Default for SpaceOptions {
    fn default() -> Self {
        SpaceOptions {
            full_markings: 200_000,
            max_markings: 2_000_000,
        }
    }
}

/// Why a state space could not be built further.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpaceError {
    /// A place would hold more than [`MAX_TOKENS`] tokens: the net is (very likely) unbounded.
    Unbounded {
        /// The place's index.
        place: usize,
    },
    /// More than [`SpaceOptions::max_markings`] markings.
    TooLarge,
}

/// The net in the form the search uses: inputs and outputs per transition, label numbers.
#[derive(Debug, Clone)]
pub struct Compiled {
    pub(crate) places: usize,
    pub(crate) pre: Vec<Vec<(u32, u8)>>,
    pub(crate) post: Vec<Vec<(u32, u8)>>,
    /// Per transition, its label's number in `labels`, `None` when silent.
    pub(crate) label: Vec<Option<u32>>,
    /// Distinct labels, sorted.
    pub(crate) labels: Vec<String>,
    pub(crate) initial: Vec<u8>,
    pub(crate) final_marking: Vec<u8>,
}

impl Compiled {
    /// Compiles a validated net; `rename` gives the activity a label stands for (the activity
    /// mapping), or `None` to keep it.
    pub fn new(net: &PetriNet, rename: impl Fn(&str) -> Option<String>) -> Compiled {
        let n_t = net.transitions.len();
        let mut pre = vec![Vec::new(); n_t];
        let mut post = vec![Vec::new(); n_t];
        for a in net.arcs.iter().filter(|a| a.place < net.places.len()) {
            let w = a.weight.min(MAX_TOKENS) as u8;
            let list = if a.into_transition {
                pre.get_mut(a.transition)
            } else {
                post.get_mut(a.transition)
            };
            if let Some(list) = list {
                add(list, a.place as u32, w);
            }
        }
        let names: Vec<Option<String>> = net
            .transitions
            .iter()
            .map(|t| {
                t.label
                    .as_ref()
                    .map(|l| rename(l).unwrap_or_else(|| l.clone()))
            })
            .collect();
        let mut labels: Vec<String> = names.iter().flatten().cloned().collect();
        labels.sort();
        labels.dedup();
        let label = names
            .iter()
            .map(|n| {
                n.as_ref()
                    .and_then(|n| labels.binary_search(n).ok().map(|i| i as u32))
            })
            .collect();
        Compiled {
            places: net.places.len(),
            pre,
            post,
            label,
            labels,
            initial: net.dense(&net.initial_marking),
            final_marking: net.dense(&net.final_marking),
        }
    }

    /// The number of a label, if the model has it.
    pub fn label_of(&self, name: &str) -> Option<u32> {
        self.labels
            .binary_search_by(|l| l.as_str().cmp(name))
            .ok()
            .map(|i| i as u32)
    }
}

/// Sums arcs between the same place and transition (a PNML file may repeat one).
fn add(list: &mut Vec<(u32, u8)>, place: u32, w: u8) {
    match list.iter_mut().find(|(p, _)| *p == place) {
        Some((_, x)) => *x = x.saturating_add(w),
        None => list.push((place, w)),
    }
}

/// What the full exploration knows about each marking.
#[derive(Debug, Clone)]
pub struct Heuristic {
    /// Fewest visible transitions to the final marking (`u32::MAX`: unreachable).
    pub to_final: Vec<u32>,
    /// Per marking, `words` 64-bit words: the labels that can still occur.
    pub reach: Vec<u64>,
    /// Words per marking in `reach`.
    pub words: usize,
}

impl Heuristic {
    /// Whether label `l` can still occur from marking `m`.
    #[inline]
    pub fn can_occur(&self, m: u32, l: u32) -> bool {
        let i = m as usize * self.words + (l as usize >> 6);
        self.reach
            .get(i)
            .is_some_and(|w| w & (1u64 << (l & 63)) != 0)
    }
}

/// The reachable markings found so far and their successors.
pub struct StateSpace<'a> {
    pub(crate) net: &'a Compiled,
    markings: Vec<u8>,
    table: HashTable<u32>,
    /// Per marking, the start of its successors in `succ`, or `u32::MAX` while not computed.
    succ_at: Vec<u32>,
    succ_len: Vec<u32>,
    /// `(transition, target marking)`.
    succ: Vec<(u32, u32)>,
    opts: SpaceOptions,
    /// Index of the initial marking (always 0) and of the final marking.
    pub(crate) final_id: u32,
    /// Set when the whole space was explored within the budget.
    pub heuristic: Option<Heuristic>,
    /// Why the full exploration stopped, when it did.
    pub full_error: Option<SpaceError>,
}

fn hash(m: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(m);
    h.finish()
}

impl<'a> StateSpace<'a> {
    /// A state space holding the initial and the final marking, then explored in full when it is
    /// small enough.
    pub fn new(net: &'a Compiled, opts: SpaceOptions) -> StateSpace<'a> {
        let mut s = StateSpace {
            net,
            markings: Vec::new(),
            table: HashTable::new(),
            succ_at: Vec::new(),
            succ_len: Vec::new(),
            succ: Vec::new(),
            opts,
            final_id: 0,
            heuristic: None,
            full_error: None,
        };
        let init = net.initial.clone();
        let fin = net.final_marking.clone();
        let _ = s.intern(&init);
        s.final_id = s.intern(&fin).unwrap_or(0);
        match s.explore(opts.full_markings.min(opts.max_markings)) {
            Ok(()) => s.heuristic = Some(s.analyse()),
            Err(e) => s.full_error = Some(e),
        }
        s
    }

    /// Number of markings held.
    pub fn len(&self) -> usize {
        self.succ_at.len()
    }

    /// Whether no marking is held (never: the initial one always is).
    pub fn is_empty(&self) -> bool {
        self.succ_at.is_empty()
    }

    /// A marking's token counts.
    pub fn marking(&self, m: u32) -> &[u8] {
        let p = self.net.places;
        let at = m as usize * p;
        self.markings.get(at..at + p).unwrap_or(&[])
    }

    fn intern(&mut self, m: &[u8]) -> Result<u32, SpaceError> {
        let h = hash(m);
        let p = self.net.places;
        let markings = &self.markings;
        let found = self.table.find(h, |&i| {
            let at = i as usize * p;
            markings.get(at..at + p) == Some(m)
        });
        if let Some(&i) = found {
            return Ok(i);
        }
        if self.succ_at.len() >= self.opts.max_markings {
            return Err(SpaceError::TooLarge);
        }
        let id = self.succ_at.len() as u32;
        self.markings.extend_from_slice(m);
        self.succ_at.push(u32::MAX);
        self.succ_len.push(0);
        let markings = &self.markings;
        self.table.insert_unique(h, id, |&i| {
            let at = i as usize * p;
            hash(markings.get(at..at + p).unwrap_or(&[]))
        });
        Ok(id)
    }

    /// The successors of marking `m` as a range of [`Self::succ`], computing them the first time.
    pub fn successors(&mut self, m: u32) -> Result<std::ops::Range<usize>, SpaceError> {
        let i = m as usize;
        if let Some(&at) = self.succ_at.get(i) {
            if at != u32::MAX {
                let len = self.succ_len.get(i).copied().unwrap_or(0);
                return Ok(at as usize..(at + len) as usize);
            }
        }
        let cur: Vec<u8> = self.marking(m).to_vec();
        let mut next = Vec::new();
        let mut buf = cur.clone();
        let net = self.net;
        for t in 0..net.pre.len() {
            let pre = &net.pre[t];
            let enabled = pre
                .iter()
                .all(|&(p, w)| cur.get(p as usize).is_some_and(|&x| x >= w));
            if !enabled {
                continue;
            }
            // A transition without inputs is always enabled: if it puts tokens anywhere, that place
            // fills up without end.
            if pre.is_empty() {
                if let Some(&(p, _)) = net.post[t].first() {
                    return Err(SpaceError::Unbounded { place: p as usize });
                }
            }
            buf.copy_from_slice(&cur);
            for &(p, w) in pre {
                buf[p as usize] -= w;
            }
            for &(p, w) in &net.post[t] {
                let x = buf[p as usize] as u32 + w as u32;
                if x > MAX_TOKENS {
                    return Err(SpaceError::Unbounded { place: p as usize });
                }
                buf[p as usize] = x as u8;
            }
            let target = self.intern(&buf)?;
            next.push((t as u32, target));
        }
        let at = self.succ.len() as u32;
        self.succ.extend_from_slice(&next);
        if let (Some(a), Some(l)) = (self.succ_at.get_mut(i), self.succ_len.get_mut(i)) {
            *a = at;
            *l = next.len() as u32;
        }
        Ok(at as usize..at as usize + next.len())
    }

    /// One successor edge.
    #[inline]
    pub fn edge(&self, i: usize) -> (u32, u32) {
        self.succ.get(i).copied().unwrap_or((0, 0))
    }

    /// Explores every marking reachable from the initial one, up to `limit` markings.
    fn explore(&mut self, limit: usize) -> Result<(), SpaceError> {
        let mut m = 0u32;
        while (m as usize) < self.len() {
            if self.len() > limit {
                return Err(SpaceError::TooLarge);
            }
            self.successors(m)?;
            m += 1;
        }
        if self.len() > limit {
            return Err(SpaceError::TooLarge);
        }
        Ok(())
    }

    /// Distances to the final marking and reachable labels, on the fully explored space.
    fn analyse(&self) -> Heuristic {
        let n = self.len();
        // Reverse edges, for the backward 0-1 BFS from the final marking.
        let mut rev_at = vec![0u32; n + 1];
        for m in 0..n {
            for e in self.range(m) {
                let (_, to) = self.edge(e);
                rev_at[to as usize + 1] += 1;
            }
        }
        for i in 0..n {
            rev_at[i + 1] += rev_at[i];
        }
        let mut fill = rev_at.clone();
        let mut rev = vec![(0u32, 0u32); self.succ.len()];
        for m in 0..n {
            for e in self.range(m) {
                let (t, to) = self.edge(e);
                let slot = &mut fill[to as usize];
                rev[*slot as usize] = (t, m as u32);
                *slot += 1;
            }
        }
        let mut to_final = vec![u32::MAX; n];
        let mut deque = std::collections::VecDeque::new();
        if (self.final_id as usize) < n && self.marking(self.final_id) == self.net.final_marking {
            to_final[self.final_id as usize] = 0;
            deque.push_back(self.final_id);
        }
        while let Some(m) = deque.pop_front() {
            let d = to_final[m as usize];
            for &(t, from) in &rev[rev_at[m as usize] as usize..rev_at[m as usize + 1] as usize] {
                let w = u32::from(self.net.label[t as usize].is_some());
                let nd = d.saturating_add(w);
                if nd < to_final[from as usize] {
                    to_final[from as usize] = nd;
                    if w == 0 {
                        deque.push_front(from);
                    } else {
                        deque.push_back(from);
                    }
                }
            }
        }
        let words = self.net.labels.len().div_ceil(64).max(1);
        let reach = self.reachable_labels(words);
        Heuristic {
            to_final,
            reach,
            words,
        }
    }

    fn range(&self, m: usize) -> std::ops::Range<usize> {
        let at = self.succ_at.get(m).copied().unwrap_or(u32::MAX);
        if at == u32::MAX {
            return 0..0;
        }
        let len = self.succ_len.get(m).copied().unwrap_or(0);
        at as usize..(at + len) as usize
    }

    /// Per marking, the labels on any path from it: Tarjan's strongly connected components
    /// (iterative), each component's set the union of its edges' labels and its successors' sets.
    fn reachable_labels(&self, words: usize) -> Vec<u64> {
        let n = self.len();
        let mut index = vec![u32::MAX; n];
        let mut low = vec![0u32; n];
        let mut on_stack = vec![false; n];
        let mut stack: Vec<u32> = Vec::new();
        let mut comp = vec![u32::MAX; n];
        let mut comp_sets: Vec<u64> = Vec::new();
        let mut next_index = 0u32;
        let mut n_comp = 0u32;
        // Call stack of (marking, next edge to look at).
        let mut calls: Vec<(u32, usize)> = Vec::new();
        for root in 0..n as u32 {
            if index[root as usize] != u32::MAX {
                continue;
            }
            calls.push((root, self.range(root as usize).start));
            index[root as usize] = next_index;
            low[root as usize] = next_index;
            next_index += 1;
            stack.push(root);
            on_stack[root as usize] = true;
            while let Some(&mut (v, ref mut e)) = calls.last_mut() {
                let end = self.range(v as usize).end;
                if *e < end {
                    let (_, w) = self.edge(*e);
                    *e += 1;
                    if index[w as usize] == u32::MAX {
                        index[w as usize] = next_index;
                        low[w as usize] = next_index;
                        next_index += 1;
                        stack.push(w);
                        on_stack[w as usize] = true;
                        calls.push((w, self.range(w as usize).start));
                    } else if on_stack[w as usize] {
                        low[v as usize] = low[v as usize].min(index[w as usize]);
                    }
                    continue;
                }
                calls.pop();
                if let Some(&(parent, _)) = calls.last() {
                    low[parent as usize] = low[parent as usize].min(low[v as usize]);
                }
                if low[v as usize] == index[v as usize] {
                    // A component, completed after every component it reaches: its set can be
                    // built from theirs now.
                    let c = n_comp;
                    n_comp += 1;
                    let mut members = Vec::new();
                    while let Some(w) = stack.pop() {
                        on_stack[w as usize] = false;
                        comp[w as usize] = c;
                        members.push(w);
                        if w == v {
                            break;
                        }
                    }
                    let mut set = vec![0u64; words];
                    for &m in &members {
                        for e in self.range(m as usize) {
                            let (t, to) = self.edge(e);
                            if let Some(l) = self.net.label[t as usize] {
                                set[(l >> 6) as usize] |= 1u64 << (l & 63);
                            }
                            let tc = comp[to as usize];
                            if tc != c && tc != u32::MAX {
                                let at = tc as usize * words;
                                for (k, s) in set.iter_mut().enumerate() {
                                    *s |= comp_sets[at + k];
                                }
                            }
                        }
                    }
                    comp_sets.extend_from_slice(&set);
                }
            }
        }
        let mut reach = vec![0u64; n * words];
        for m in 0..n {
            let c = comp[m] as usize;
            reach[m * words..(m + 1) * words]
                .copy_from_slice(&comp_sets[c * words..(c + 1) * words]);
        }
        reach
    }

    /// Soundness and size of the model, from the full exploration (`None` when it did not fit).
    pub fn check(&self, net: &PetriNet) -> ModelCheck {
        let Some(h) = &self.heuristic else {
            let reason = match self.full_error {
                Some(SpaceError::Unbounded { place }) => format!(
                    "the net is not bounded: place \"{}\" can hold more than {MAX_TOKENS} tokens",
                    net.place_name(place)
                ),
                _ => format!(
                    "the model has more than {} reachable markings: soundness not checked, alignments search without the heuristic",
                    self.opts.full_markings
                ),
            };
            return ModelCheck {
                reachable_markings: None,
                bounded: None,
                safe: None,
                final_reachable: None,
                option_to_complete: None,
                proper_completion: None,
                dead_transitions: Vec::new(),
                sound: None,
                note: Some(reason),
            };
        };
        let n = self.len();
        let mut fired = vec![false; self.net.pre.len()];
        let mut max_tokens = 0u8;
        let mut improper = false;
        let fin = &self.net.final_marking;
        for m in 0..n {
            for e in self.range(m) {
                fired[self.edge(e).0 as usize] = true;
            }
            let mk = self.marking(m as u32);
            max_tokens = max_tokens.max(mk.iter().copied().max().unwrap_or(0));
            if mk != fin.as_slice() && mk.iter().zip(fin).all(|(a, b)| a >= b) {
                improper = true;
            }
        }
        let final_reachable = h.to_final.first().is_some_and(|&d| d != u32::MAX);
        let stuck = h.to_final.iter().filter(|&&d| d == u32::MAX).count();
        let dead: Vec<String> = fired
            .iter()
            .enumerate()
            .filter(|(_, &f)| !f)
            .filter_map(|(t, _)| net.transitions.get(t))
            .map(|t| t.label.clone().unwrap_or_else(|| format!("τ ({})", t.id)))
            .collect();
        let option = stuck == 0;
        let note = if !final_reachable {
            Some("no run of the model reaches its final marking".to_string())
        } else if !option {
            Some(format!(
                "{stuck} reachable marking{} cannot reach the final marking (deadlock or livelock)",
                if stuck == 1 { "" } else { "s" }
            ))
        } else {
            None
        };
        ModelCheck {
            reachable_markings: Some(n as u64),
            bounded: Some(true),
            safe: Some(max_tokens <= 1),
            final_reachable: Some(final_reachable),
            option_to_complete: Some(option),
            proper_completion: Some(!improper),
            sound: Some(final_reachable && option && !improper && dead.is_empty()),
            dead_transitions: dead,
            note,
        }
    }
}

/// What the exploration says about a model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelCheck {
    /// Markings reachable from the initial one; `null` when there are too many to explore.
    pub reachable_markings: Option<u64>,
    /// No place can hold more than 255 tokens.
    pub bounded: Option<bool>,
    /// No place ever holds more than one token.
    pub safe: Option<bool>,
    /// Some run reaches the final marking.
    pub final_reachable: Option<bool>,
    /// Every reachable marking can still reach the final marking.
    pub option_to_complete: Option<bool>,
    /// When the final marking's places are marked, nothing else is.
    pub proper_completion: Option<bool>,
    /// Transitions no run can fire, by label (`τ (id)` for silent ones).
    pub dead_transitions: Vec<String>,
    /// All of the above (classical soundness).
    pub sound: Option<bool>,
    /// What is wrong, or why it could not be checked.
    pub note: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::super::petri::sequence_net;
    use super::*;

    #[test]
    fn a_sequence_has_one_marking_per_step_and_is_sound() {
        let net = sequence_net(&["a", "b", "c"]);
        let c = Compiled::new(&net, |_| None);
        let s = StateSpace::new(&c, SpaceOptions::default());
        assert_eq!(s.len(), 4);
        let h = s.heuristic.as_ref().unwrap();
        // The initial marking is number 0, the final one number 1 (both are held from the start).
        assert_eq!(h.to_final[0], 3);
        assert_eq!(h.to_final[s.final_id as usize], 0);
        let mut d = h.to_final.clone();
        d.sort();
        assert_eq!(d, [0, 1, 2, 3]);
        assert!(h.can_occur(0, c.label_of("c").unwrap()));
        assert!(!h.can_occur(2, c.label_of("a").unwrap()));
        let check = s.check(&net);
        assert_eq!(check.sound, Some(true), "{check:?}");
        assert_eq!(check.safe, Some(true));
    }

    #[test]
    fn an_unbounded_net_is_named_not_explored_forever() {
        // t moves the token from p0 back to p0 and adds one to p1 every time.
        let mut net = PetriNet::default();
        let p0 = net.add_place("p0");
        let p1 = net.add_place("p1");
        let t = net.add_transition("t", Some("a".into()));
        net.arc_in(p0, t);
        net.arc_out(t, p0);
        net.arc_out(t, p1);
        net.mark_ends(p0, p0);
        let c = Compiled::new(&net, |_| None);
        let s = StateSpace::new(&c, SpaceOptions::default());
        assert_eq!(s.full_error, Some(SpaceError::Unbounded { place: 1 }));
        let check = s.check(&net);
        assert!(check.note.unwrap().contains("place \"p1\""));
    }

    #[test]
    fn a_deadlock_is_found() {
        // source → a → p1 (no way on), source → b → sink.
        let mut net = PetriNet::default();
        let src = net.add_place("source");
        let p1 = net.add_place("p1");
        let sink = net.add_place("sink");
        let a = net.add_transition("ta", Some("a".into()));
        let b = net.add_transition("tb", Some("b".into()));
        net.arc_in(src, a);
        net.arc_out(a, p1);
        net.arc_in(src, b);
        net.arc_out(b, sink);
        net.mark_ends(src, sink);
        let c = Compiled::new(&net, |_| None);
        let s = StateSpace::new(&c, SpaceOptions::default());
        let check = s.check(&net);
        assert_eq!(check.option_to_complete, Some(false));
        assert_eq!(check.sound, Some(false));
        assert!(check
            .note
            .unwrap()
            .contains("1 reachable marking cannot reach"));
    }
}
