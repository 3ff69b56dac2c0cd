//! Petri nets: places, transitions (labelled with an activity, or silent), weighted arcs, an initial and
//! a final marking. Every model (mined, BPMN or PNML) becomes one of these before it is aligned.
//!
//! A net is plain data (serde), indexed by position: arcs name a place and a transition by index, so a
//! net read from a file keeps its ids only for messages and for writing it back. [`PetriNet::validate`]
//! checks the indices, the weights and the markings before anything is computed from a net that came
//! from outside.

use crate::error::Error;
use serde::{Deserialize, Serialize};

/// Most tokens a place may hold (markings are stored one byte per place).
pub const MAX_TOKENS: u32 = 255;

/// A place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// Id, unique in the net.
    pub id: String,
    /// Display name, when the file gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A transition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transition {
    /// Id, unique in the net.
    pub id: String,
    /// The activity it stands for; `None` for a silent (τ) transition.
    pub label: Option<String>,
}

/// An arc between a place and a transition, either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Arc {
    /// Place index.
    pub place: usize,
    /// Transition index.
    pub transition: usize,
    /// `true`: place → transition (an input of the transition); `false`: transition → place.
    pub into_transition: bool,
    /// Tokens moved (1 for ordinary arcs).
    pub weight: u32,
}

/// Tokens on one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tokens {
    /// Place index.
    pub place: usize,
    /// How many.
    pub tokens: u32,
}

/// A Petri net with its initial and final marking (an accepting Petri net).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PetriNet {
    /// Places.
    pub places: Vec<Place>,
    /// Transitions.
    pub transitions: Vec<Transition>,
    /// Arcs.
    pub arcs: Vec<Arc>,
    /// Where the tokens are at the start.
    pub initial_marking: Vec<Tokens>,
    /// Where they must all be at the end (a run is complete when it reaches exactly this marking).
    pub final_marking: Vec<Tokens>,
}

impl PetriNet {
    /// Adds a place and returns its index.
    pub fn add_place(&mut self, id: impl Into<String>) -> usize {
        self.places.push(Place {
            id: id.into(),
            name: None,
        });
        self.places.len() - 1
    }

    /// Adds a transition (label `None`: silent) and returns its index.
    pub fn add_transition(&mut self, id: impl Into<String>, label: Option<String>) -> usize {
        self.transitions.push(Transition {
            id: id.into(),
            label,
        });
        self.transitions.len() - 1
    }

    /// Adds the arc place → transition.
    pub fn arc_in(&mut self, place: usize, transition: usize) {
        self.arcs.push(Arc {
            place,
            transition,
            into_transition: true,
            weight: 1,
        });
    }

    /// Adds the arc transition → place.
    pub fn arc_out(&mut self, transition: usize, place: usize) {
        self.arcs.push(Arc {
            place,
            transition,
            into_transition: false,
            weight: 1,
        });
    }

    /// Marks a workflow net's ends: one token in `source` to start, one in `sink` to finish.
    pub fn mark_ends(&mut self, source: usize, sink: usize) {
        self.initial_marking = vec![Tokens {
            place: source,
            tokens: 1,
        }];
        self.final_marking = vec![Tokens {
            place: sink,
            tokens: 1,
        }];
    }

    /// The distinct activity labels of visible transitions, sorted.
    pub fn labels(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .transitions
            .iter()
            .filter_map(|t| t.label.clone())
            .collect();
        v.sort();
        v.dedup();
        v
    }

    /// Number of silent transitions.
    pub fn silent_count(&self) -> usize {
        self.transitions
            .iter()
            .filter(|t| t.label.is_none())
            .count()
    }

    /// The display name of a place: its name, else its id.
    pub fn place_name(&self, p: usize) -> &str {
        self.places
            .get(p)
            .map(|pl| pl.name.as_deref().unwrap_or(&pl.id))
            .unwrap_or("?")
    }

    /// Checks what the search relies on: arcs and markings name existing places and transitions,
    /// weights and token counts are between 1 and [`MAX_TOKENS`], the final marking is not empty, ids
    /// are unique. `what` names the source in messages ("PNML", "BPMN", "the mined model").
    pub fn validate(&self, what: &str) -> Result<(), Error> {
        let bad = |m: String| Err(Error::Invalid(format!("{what}: {m}")));
        if self.places.is_empty() {
            return bad("the net has no place".into());
        }
        if self.transitions.is_empty() {
            return bad("the net has no transition".into());
        }
        let mut ids: Vec<&str> = self
            .places
            .iter()
            .map(|p| p.id.as_str())
            .chain(self.transitions.iter().map(|t| t.id.as_str()))
            .collect();
        ids.sort_unstable();
        if let Some(w) = ids.windows(2).find(|w| w[0] == w[1]) {
            return bad(format!("the id \"{}\" is used twice", w[0]));
        }
        for a in &self.arcs {
            if a.place >= self.places.len() || a.transition >= self.transitions.len() {
                return bad("an arc names a node that does not exist".into());
            }
            if a.weight == 0 || a.weight > MAX_TOKENS {
                return bad(format!(
                    "the arc between place \"{}\" and transition \"{}\" has weight {} (1 to {MAX_TOKENS} supported)",
                    self.places[a.place].id, self.transitions[a.transition].id, a.weight
                ));
            }
        }
        for (which, m) in [
            ("initial", &self.initial_marking),
            ("final", &self.final_marking),
        ] {
            for t in m {
                if t.place >= self.places.len() {
                    return bad(format!(
                        "the {which} marking names a place that does not exist"
                    ));
                }
                if t.tokens > MAX_TOKENS {
                    return bad(format!(
                        "the {which} marking puts {} tokens on place \"{}\" (at most {MAX_TOKENS} supported)",
                        t.tokens, self.places[t.place].id
                    ));
                }
            }
        }
        if self.initial_marking.iter().all(|t| t.tokens == 0) {
            return bad("the initial marking is empty: no token to start from".into());
        }
        if self.final_marking.iter().all(|t| t.tokens == 0) {
            return bad("the final marking is empty: a run would never be complete".into());
        }
        Ok(())
    }

    /// A marking as one count per place.
    pub fn dense(&self, m: &[Tokens]) -> Vec<u8> {
        let mut v = vec![0u8; self.places.len()];
        for t in m {
            if let Some(x) = v.get_mut(t.place) {
                *x = x.saturating_add(t.tokens.min(MAX_TOKENS) as u8);
            }
        }
        v
    }
}

/// Builds a net from a list of places and transitions quickly in tests and converters.
#[cfg(test)]
pub(crate) fn sequence_net(labels: &[&str]) -> PetriNet {
    let mut net = PetriNet::default();
    let mut p = net.add_place("source");
    for (i, l) in labels.iter().enumerate() {
        let t = net.add_transition(format!("t{i}"), Some(l.to_string()));
        let q = net.add_place(format!("p{i}"));
        net.arc_in(p, t);
        net.arc_out(t, q);
        p = q;
    }
    net.mark_ends(0, p);
    net
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_names_what_is_wrong() {
        let mut net = sequence_net(&["a", "b"]);
        assert!(net.validate("PNML").is_ok());
        assert_eq!(net.labels(), ["a", "b"]);
        net.arcs[0].weight = 0;
        let e = net.validate("PNML").unwrap_err().to_string();
        assert!(e.contains("weight 0"), "{e}");
        let mut net = sequence_net(&["a"]);
        net.final_marking.clear();
        let e = net.validate("PNML").unwrap_err().to_string();
        assert!(e.contains("final marking is empty"), "{e}");
        let mut net = sequence_net(&["a"]);
        net.transitions[0].id = "source".into();
        let e = net.validate("PNML").unwrap_err().to_string();
        assert!(e.contains("\"source\" is used twice"), "{e}");
    }
}
