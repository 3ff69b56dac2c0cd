//! PNML (ISO/IEC 15909-2) Petri nets with markings, as pm4py, ProM and Ebi write them.
//!
//! Read: every `place`, `transition` and `arc` of the net's pages (nested pages included); a place's
//! `initialMarking`; an arc's `inscription` (its weight); the final marking from `<finalmarkings>`
//! (pm4py's and ProM's extension: `<marking><place idref="…"><text>1</text></place></marking>`). A
//! transition is silent when its `toolspecific` says `activity="$invisible$"` (ProM, pm4py) or a
//! stochastic net's `invisible` is `true`; its label is its name's text, else its id (as pm4py reads
//! it). Graphics are ignored: models are drawn by [`super::draw`].
//!
//! Refused with the element named: no final marking, an arc between two places or two transitions or
//! to an unknown node, inhibitor and reset arcs, unreadable token counts. Read but noted: several nets
//! in one file (the first is used).
//!
//! Written: the same shape pm4py writes, which pm4py, ProM and Ebi read back.

use super::petri::{Arc, PetriNet, Place, Tokens, Transition, MAX_TOKENS};
use super::xml::{self, Doc, Element};
use crate::error::Error;
use crate::export::xml::escape;

const WHAT: &str = "PNML";

fn err(m: String) -> Error {
    Error::Invalid(format!("{WHAT}: {m}"))
}

/// The text of a `<name><text>…</text></name>`-style child, as written (an activity may end with a
/// space, as one of IBM's SAP log does).
fn text_of(doc: &Doc, e: &Element, child: &str) -> Option<String> {
    let c = doc.child(e, child)?;
    let t = doc.child(c, "text")?;
    Some(t.text.clone())
}

fn count(s: &str, what: impl Fn() -> String) -> Result<u32, Error> {
    let n: u64 = s.trim().parse().map_err(|_| {
        err(format!(
            "{}: cannot read \"{}\" as a number of tokens",
            what(),
            s.trim()
        ))
    })?;
    if n > MAX_TOKENS as u64 {
        return Err(err(format!(
            "{}: {n} tokens (at most {MAX_TOKENS} supported)",
            what()
        )));
    }
    Ok(n as u32)
}

/// Reads a PNML document. Notes say what was read but not used.
pub fn read(bytes: &[u8]) -> Result<(PetriNet, Vec<String>), Error> {
    let doc = xml::parse(bytes, WHAT)?;
    let root = doc.root().ok_or_else(|| err("no element".into()))?;
    if root.name != "pnml" {
        return Err(err(format!(
            "the root element is <{}>, not <pnml> (line {})",
            root.name, root.line
        )));
    }
    let nets: Vec<&Element> = doc.children(root).filter(|e| e.name == "net").collect();
    let Some(net_el) = nets.first() else {
        return Err(err("no <net> in the file".into()));
    };
    let mut notes = Vec::new();
    if nets.len() > 1 {
        notes.push(format!(
            "the file holds {} nets; the first (\"{}\") is used",
            nets.len(),
            net_el.attr("id").unwrap_or("")
        ));
    }
    // The net's nodes: children of its pages (pages may nest), or of the net itself.
    let mut all: Vec<&Element> = Vec::new();
    let mut stack: Vec<&Element> = vec![net_el];
    while let Some(e) = stack.pop() {
        for c in doc.children(e) {
            match c.name.as_str() {
                "page" => stack.push(c),
                "place" | "transition" | "arc" | "finalmarkings" => all.push(c),
                _ => {}
            }
        }
    }
    let mut net = PetriNet::default();
    let mut places: std::collections::HashMap<String, usize> = Default::default();
    let mut transitions: std::collections::HashMap<String, usize> = Default::default();
    for e in all.iter().filter(|e| e.name == "place") {
        let id = e
            .attr("id")
            .ok_or_else(|| err(format!("line {}: a <place> without an id", e.line)))?
            .to_string();
        if places.contains_key(&id) || transitions.contains_key(&id) {
            return Err(err(format!(
                "line {}: the id \"{id}\" is used twice",
                e.line
            )));
        }
        let name = text_of(&doc, e, "name")
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty() && *n != id);
        if let Some(m) = text_of(&doc, e, "initialMarking") {
            let n = count(&m, || {
                format!("line {}: the initial marking of place \"{id}\"", e.line)
            })?;
            if n > 0 {
                net.initial_marking.push(Tokens {
                    place: net.places.len(),
                    tokens: n,
                });
            }
        }
        places.insert(id.clone(), net.places.len());
        net.places.push(Place { id, name });
    }
    for e in all.iter().filter(|e| e.name == "transition") {
        let id = e
            .attr("id")
            .ok_or_else(|| err(format!("line {}: a <transition> without an id", e.line)))?
            .to_string();
        if places.contains_key(&id) || transitions.contains_key(&id) {
            return Err(err(format!(
                "line {}: the id \"{id}\" is used twice",
                e.line
            )));
        }
        let invisible = doc
            .children(e)
            .filter(|c| c.name == "toolspecific")
            .any(|ts| {
                ts.attr("activity").is_some_and(|a| a.contains("invisible"))
                    || doc.children(ts).any(|p| {
                        p.attr("key") == Some("invisible")
                            && p.text.trim().eq_ignore_ascii_case("true")
                    })
            });
        let label = if invisible {
            None
        } else {
            Some(
                text_of(&doc, e, "name")
                    .filter(|n| !n.is_empty())
                    .unwrap_or_else(|| id.clone()),
            )
        };
        transitions.insert(id.clone(), net.transitions.len());
        net.transitions.push(Transition { id, label });
    }
    for e in all.iter().filter(|e| e.name == "arc") {
        let id = e.attr("id").unwrap_or("").to_string();
        let here = || format!("line {}: arc \"{id}\"", e.line);
        if let Some(kind) = e
            .attr("type")
            .or_else(|| doc.child(e, "type").and_then(|t| t.attr("value")))
        {
            if kind != "normal" {
                return Err(err(format!(
                    "{}: {kind} arcs are not supported (only ordinary arcs)",
                    here()
                )));
            }
        }
        let (Some(src), Some(tgt)) = (e.attr("source"), e.attr("target")) else {
            return Err(err(format!("{}: no source or target", here())));
        };
        let weight = match text_of(&doc, e, "inscription") {
            Some(w) => count(&w, || format!("{}: the inscription", here()))?,
            None => 1,
        };
        if weight == 0 {
            return Err(err(format!("{}: weight 0", here())));
        }
        let arc = match (
            places.get(src),
            transitions.get(src),
            places.get(tgt),
            transitions.get(tgt),
        ) {
            (Some(&p), _, _, Some(&t)) => Arc {
                place: p,
                transition: t,
                into_transition: true,
                weight,
            },
            (_, Some(&t), Some(&p), _) => Arc {
                place: p,
                transition: t,
                into_transition: false,
                weight,
            },
            (Some(_), _, Some(_), _) => {
                return Err(err(format!(
                    "{}: joins two places (\"{src}\" → \"{tgt}\")",
                    here()
                )))
            }
            (_, Some(_), _, Some(_)) => {
                return Err(err(format!(
                    "{}: joins two transitions (\"{src}\" → \"{tgt}\")",
                    here()
                )))
            }
            _ => {
                let missing = if places.contains_key(src) || transitions.contains_key(src) {
                    tgt
                } else {
                    src
                };
                return Err(err(format!(
                    "{}: names \"{missing}\", which is no place or transition of the net",
                    here()
                )));
            }
        };
        net.arcs.push(arc);
    }
    let Some(fm) = all.iter().copied().find(|e| e.name == "finalmarkings") else {
        return Err(err(
            "no final marking (<finalmarkings>): an alignment needs to know where a complete run ends; \
             add one, e.g. <finalmarkings><marking><place idref=\"sink\"><text>1</text></place></marking></finalmarkings>"
                .to_string()
                + &sink_hint(&net),
        ));
    };
    for m in doc
        .descendants(fm)
        .into_iter()
        .filter(|e| e.name == "place")
    {
        let Some(idref) = m.attr("idref") else {
            return Err(err(format!(
                "line {}: a final-marking <place> without idref",
                m.line
            )));
        };
        let Some(&p) = places.get(idref) else {
            return Err(err(format!(
                "line {}: the final marking names place \"{idref}\", which the net does not have",
                m.line
            )));
        };
        let n = match doc.child(m, "text") {
            Some(t) => count(&t.text, || {
                format!("line {}: the final marking of \"{idref}\"", m.line)
            })?,
            None => 1,
        };
        if n > 0 {
            net.final_marking.push(Tokens {
                place: p,
                tokens: n,
            });
        }
    }
    net.validate(WHAT)?;
    Ok((net, notes))
}

/// " (the net's only place without outgoing arcs is \"sink\")", when there is one.
fn sink_hint(net: &PetriNet) -> String {
    let mut has_out = vec![false; net.places.len()];
    for a in &net.arcs {
        if a.into_transition {
            if let Some(x) = has_out.get_mut(a.place) {
                *x = true;
            }
        }
    }
    let sinks: Vec<usize> = (0..net.places.len()).filter(|&p| !has_out[p]).collect();
    match sinks.as_slice() {
        [p] => format!(
            " (the net's only place without outgoing arcs is \"{}\")",
            net.places[*p].id
        ),
        _ => String::new(),
    }
}

/// Writes a net as PNML, as pm4py does (ProM's `$invisible$` marks silent transitions).
pub fn write(net: &PetriNet, name: &str) -> String {
    let mut s = String::with_capacity(256 + 200 * (net.places.len() + net.transitions.len()));
    s.push_str("<?xml version='1.0' encoding='UTF-8'?>\n<pnml>\n");
    s.push_str(&format!(
        "  <net id=\"{}\" type=\"http://www.pnml.org/version-2009/grammar/pnmlcoremodel\">\n",
        escape(name)
    ));
    s.push_str(&format!(
        "    <name>\n      <text>{}</text>\n    </name>\n    <page id=\"n0\">\n",
        escape(name)
    ));
    let initial = net.dense(&net.initial_marking);
    for (i, p) in net.places.iter().enumerate() {
        s.push_str(&format!(
            "      <place id=\"{}\">\n        <name>\n          <text>{}</text>\n        </name>\n",
            escape(&p.id),
            escape(p.name.as_deref().unwrap_or(&p.id))
        ));
        if let Some(&n) = initial.get(i).filter(|&&n| n > 0) {
            s.push_str(&format!(
                "        <initialMarking>\n          <text>{n}</text>\n        </initialMarking>\n"
            ));
        }
        s.push_str("      </place>\n");
    }
    for t in &net.transitions {
        s.push_str(&format!(
            "      <transition id=\"{}\">\n        <name>\n          <text>{}</text>\n        </name>\n",
            escape(&t.id),
            escape(t.label.as_deref().unwrap_or(&t.id))
        ));
        if t.label.is_none() {
            s.push_str(&format!(
                "        <toolspecific tool=\"ProM\" version=\"6.4\" activity=\"$invisible$\" localNodeID=\"{}\"/>\n",
                escape(&t.id)
            ));
        }
        s.push_str("      </transition>\n");
    }
    for (i, a) in net.arcs.iter().enumerate() {
        let (Some(p), Some(t)) = (net.places.get(a.place), net.transitions.get(a.transition))
        else {
            continue;
        };
        let (src, tgt) = if a.into_transition {
            (&p.id, &t.id)
        } else {
            (&t.id, &p.id)
        };
        s.push_str(&format!(
            "      <arc id=\"a{i}\" source=\"{}\" target=\"{}\"",
            escape(src),
            escape(tgt)
        ));
        if a.weight != 1 {
            s.push_str(&format!(
                ">\n        <inscription>\n          <text>{}</text>\n        </inscription>\n      </arc>\n",
                a.weight
            ));
        } else {
            s.push_str("/>\n");
        }
    }
    s.push_str("    </page>\n    <finalmarkings>\n      <marking>\n");
    for (i, &n) in net.dense(&net.final_marking).iter().enumerate() {
        if n > 0 {
            s.push_str(&format!(
                "        <place idref=\"{}\">\n          <text>{n}</text>\n        </place>\n",
                escape(&net.places[i].id)
            ));
        }
    }
    s.push_str("      </marking>\n    </finalmarkings>\n  </net>\n</pnml>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const NET: &str = r#"<?xml version="1.0"?>
<pnml><net id="n" type="http://www.pnml.org/version-2009/grammar/pnmlcoremodel"><page id="p">
  <place id="i"><name><text>start</text></name><initialMarking><text>1</text></initialMarking></place>
  <place id="o"/>
  <transition id="t1"><name><text>Send &amp; log</text></name></transition>
  <transition id="t2"><name><text>t2</text></name><toolspecific tool="ProM" version="6.4" activity="$invisible$"/></transition>
  <arc id="a1" source="i" target="t1"/><arc id="a2" source="t1" target="o"><inscription><text>1</text></inscription></arc>
  <arc id="a3" source="i" target="t2"/><arc id="a4" source="t2" target="o"/>
</page>
<finalmarkings><marking><place idref="o"><text>1</text></place></marking></finalmarkings></net></pnml>"#;

    #[test]
    fn reads_labels_silent_transitions_and_markings() {
        let (net, notes) = read(NET.as_bytes()).unwrap();
        assert!(notes.is_empty());
        assert_eq!(net.places.len(), 2);
        assert_eq!(net.transitions[0].label.as_deref(), Some("Send & log"));
        assert_eq!(net.transitions[1].label, None);
        assert_eq!(
            net.initial_marking,
            [Tokens {
                place: 0,
                tokens: 1
            }]
        );
        assert_eq!(
            net.final_marking,
            [Tokens {
                place: 1,
                tokens: 1
            }]
        );
        // Written and read back: the same net.
        let (again, _) = read(write(&net, "n").as_bytes()).unwrap();
        assert_eq!(again.transitions, net.transitions);
        assert_eq!(again.arcs.len(), net.arcs.len());
        assert_eq!(again.final_marking, net.final_marking);
    }

    #[test]
    fn what_cannot_be_aligned_is_named() {
        let no_final = NET.replace(
            "<finalmarkings><marking><place idref=\"o\"><text>1</text></place></marking></finalmarkings>",
            "",
        );
        let e = read(no_final.as_bytes()).unwrap_err().to_string();
        assert!(e.starts_with("PNML: no final marking"), "{e}");
        assert!(
            e.contains("only place without outgoing arcs is \"o\""),
            "{e}"
        );
        let bad_arc = NET.replace("source=\"i\" target=\"t1\"", "source=\"i\" target=\"o\"");
        let e = read(bad_arc.as_bytes()).unwrap_err().to_string();
        assert!(e.contains("arc \"a1\": joins two places"), "{e}");
        let unknown = NET.replace("source=\"i\" target=\"t1\"", "source=\"i\" target=\"zz\"");
        let e = read(unknown.as_bytes()).unwrap_err().to_string();
        assert!(e.contains("names \"zz\""), "{e}");
        let inhibitor = NET.replace("<arc id=\"a1\"", "<arc type=\"inhibitor\" id=\"a1\"");
        let e = read(inhibitor.as_bytes()).unwrap_err().to_string();
        assert!(e.contains("inhibitor arcs are not supported"), "{e}");
        let tokens = NET.replace(
            "<text>1</text></initialMarking>",
            "<text>lots</text></initialMarking>",
        );
        let e = read(tokens.as_bytes()).unwrap_err().to_string();
        assert!(
            e.contains("initial marking of place \"i\": cannot read \"lots\""),
            "{e}"
        );
        let e = read(b"<definitions/>").unwrap_err().to_string();
        assert!(e.contains("not <pnml>"), "{e}");
    }
}
