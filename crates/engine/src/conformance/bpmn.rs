//! BPMN 2.0 process diagrams: the subset that describes an order of activities, read and written.
//!
//! **Supported** (OMG BPMN 2.0.2, §10): start and end events, tasks of any type (`task`, `userTask`,
//! `serviceTask`, `sendTask`, `receiveTask`, `manualTask`, `scriptTask`, `businessRuleTask`), exclusive
//! and parallel gateways, intermediate events without effect on the order (passed through, noted), and
//! sequence flows; the `bpmndi` diagram (shapes' bounds, edges' waypoints) when present.
//!
//! **Refused with the element named**: inclusive, event-based and complex gateways, sub-processes and
//! call activities, boundary events, several pools with flows, flows to unknown elements, and a
//! diagram where some element is not on a path from a start event to an end event.
//!
//! **Noted, not used**: lanes, annotations, data objects, message flows, conditions on flows (every
//! outgoing flow of an exclusive gateway is a possible path), event triggers (timer, message), tasks
//! without a name (silent steps, as pm4py reads them). Nothing is dropped without a note.
//!
//! Semantics, as the standard says: a task or event with several incoming flows starts on each token
//! (an exclusive merge), with several outgoing flows it starts them all (a parallel split). A diagram
//! whose shapes all share one box (pm4py writes that when asked for no layout) has no usable layout.

use super::xml::{self, Doc, Element};
use crate::error::Error;
use crate::export::xml::escape;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

const WHAT: &str = "BPMN";

/// The kind of a flow node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BpmnKind {
    /// A start event.
    StartEvent,
    /// An end event.
    EndEvent,
    /// A task: one activity (silent when it has no name).
    Task,
    /// An exclusive (XOR) gateway.
    ExclusiveGateway,
    /// A parallel (AND) gateway.
    ParallelGateway,
    /// An intermediate event: passed through.
    IntermediateEvent,
}

/// A box in the diagram.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Bounds {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

/// A flow node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BpmnNode {
    /// Id in the file.
    pub id: String,
    /// Name (a task's activity).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Kind.
    pub kind: BpmnKind,
    /// Its shape in the diagram, if laid out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bounds: Option<Bounds>,
}

/// A sequence flow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Flow {
    /// Id in the file.
    pub id: String,
    /// Source node index.
    pub source: usize,
    /// Target node index.
    pub target: usize,
    /// Its edge in the diagram, if laid out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub waypoints: Vec<(f64, f64)>,
}

/// A process diagram.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Bpmn {
    /// The process's id.
    pub process_id: String,
    /// Flow nodes.
    pub nodes: Vec<BpmnNode>,
    /// Sequence flows.
    pub flows: Vec<Flow>,
}

impl Bpmn {
    /// The activities (names of named tasks), sorted, each once.
    pub fn activities(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .nodes
            .iter()
            .filter(|n| n.kind == BpmnKind::Task)
            .filter_map(|n| n.name.clone())
            .collect();
        v.sort();
        v.dedup();
        v
    }

    /// Whether every node has a box and the boxes are not all the same (a real layout).
    pub fn has_layout(&self) -> bool {
        let boxes: Vec<Bounds> = self.nodes.iter().filter_map(|n| n.bounds).collect();
        boxes.len() == self.nodes.len()
            && !self.nodes.is_empty()
            && boxes.iter().any(|b| *b != boxes[0])
    }

    /// Checks that every node lies on a path from a start event to an end event, that start events
    /// have no incoming and end events no outgoing flow. The message names the element.
    pub fn check_paths(&self) -> Result<(), Error> {
        let n = self.nodes.len();
        let mut out = vec![Vec::new(); n];
        let mut inc = vec![Vec::new(); n];
        for f in &self.flows {
            if f.source < n && f.target < n {
                out[f.source].push(f.target);
                inc[f.target].push(f.source);
            }
        }
        let starts: Vec<usize> = (0..n)
            .filter(|&i| self.nodes[i].kind == BpmnKind::StartEvent)
            .collect();
        let ends: Vec<usize> = (0..n)
            .filter(|&i| self.nodes[i].kind == BpmnKind::EndEvent)
            .collect();
        if starts.is_empty() {
            return Err(err(
                "the process has no start event: no path from a start to an end".into(),
            ));
        }
        if ends.is_empty() {
            return Err(err(
                "the process has no end event: no path from a start to an end".into(),
            ));
        }
        for &s in &starts {
            if !inc[s].is_empty() {
                return Err(err(format!("{} has incoming flows", self.describe(s))));
            }
        }
        for &e in &ends {
            if !out[e].is_empty() {
                return Err(err(format!("{} has outgoing flows", self.describe(e))));
            }
        }
        let reach = |from: &[usize], adj: &[Vec<usize>]| {
            let mut seen = vec![false; n];
            let mut stack = from.to_vec();
            while let Some(x) = stack.pop() {
                if !std::mem::replace(&mut seen[x], true) {
                    stack.extend(adj[x].iter().copied());
                }
            }
            seen
        };
        let from_start = reach(&starts, &out);
        let to_end = reach(&ends, &inc);
        if let Some(i) = (0..n).find(|&i| !from_start[i]) {
            return Err(err(format!(
                "{} cannot be reached from a start event (no path from start to end through it)",
                self.describe(i)
            )));
        }
        if let Some(i) = (0..n).find(|&i| !to_end[i]) {
            return Err(err(format!(
                "{} has no path to an end event (no path from start to end through it)",
                self.describe(i)
            )));
        }
        Ok(())
    }

    /// `task "Send invoice" (id t3)`.
    pub fn describe(&self, i: usize) -> String {
        match self.nodes.get(i) {
            None => "an element".into(),
            Some(nd) => {
                let kind = match nd.kind {
                    BpmnKind::StartEvent => "start event",
                    BpmnKind::EndEvent => "end event",
                    BpmnKind::Task => "task",
                    BpmnKind::ExclusiveGateway => "exclusive gateway",
                    BpmnKind::ParallelGateway => "parallel gateway",
                    BpmnKind::IntermediateEvent => "intermediate event",
                };
                match nd.name.as_deref().filter(|n| !n.is_empty()) {
                    Some(name) => format!("{kind} \"{name}\" (id {})", nd.id),
                    None => format!("{kind} {}", nd.id),
                }
            }
        }
    }
}

fn err(m: String) -> Error {
    Error::Invalid(format!("{WHAT}: {m}"))
}

/// Elements that carry no order of activities: read past, counted in a note.
const IGNORED: &[&str] = &[
    "laneSet",
    "lane",
    "textAnnotation",
    "association",
    "dataObject",
    "dataObjectReference",
    "dataStoreReference",
    "dataInputAssociation",
    "dataOutputAssociation",
    "documentation",
    "extensionElements",
    "property",
    "ioSpecification",
    "group",
    "category",
];

/// Elements that change the order of activities in ways the alignment cannot follow.
const UNSUPPORTED: &[(&str, &str)] = &[
    ("inclusiveGateway", "inclusive (OR) gateways"),
    ("eventBasedGateway", "event-based gateways"),
    ("complexGateway", "complex gateways"),
    ("subProcess", "sub-processes"),
    ("adHocSubProcess", "ad-hoc sub-processes"),
    ("transaction", "transactions"),
    ("callActivity", "call activities"),
    ("boundaryEvent", "boundary events"),
    ("callChoreography", "choreographies"),
    ("choreographyTask", "choreographies"),
];

const TASKS: &[&str] = &[
    "task",
    "userTask",
    "serviceTask",
    "sendTask",
    "receiveTask",
    "manualTask",
    "scriptTask",
    "businessRuleTask",
];

/// A name as written (an activity may end with a space, as one of IBM's SAP log does), except that a
/// name broken over lines, as modelling tools wrap long labels, is joined with single spaces. XML reads
/// a line break inside an attribute as a space (§3.3.3), so a run of several spaces is taken for one.
fn clean_name(s: &str) -> String {
    if s.contains("  ") {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        s.to_string()
    }
}

/// Reads a BPMN 2.0 file. Notes say what was read past.
pub fn read(bytes: &[u8]) -> Result<(Bpmn, Vec<String>), Error> {
    let doc = xml::parse(bytes, WHAT)?;
    let root = doc.root().ok_or_else(|| err("no element".into()))?;
    if root.name != "definitions" {
        return Err(err(format!(
            "the root element is <{}>, not <definitions> (line {})",
            root.name, root.line
        )));
    }
    let processes: Vec<&Element> = doc.children(root).filter(|e| e.name == "process").collect();
    let with_flows: Vec<&Element> = processes
        .iter()
        .copied()
        .filter(|p| doc.children(p).any(|c| c.name == "sequenceFlow"))
        .collect();
    let process = match with_flows.as_slice() {
        [] => match processes.first() {
            Some(p) => *p,
            None => return Err(err("no <process> in the file".into())),
        },
        [p] => *p,
        several => {
            let ids: Vec<String> = several
                .iter()
                .map(|p| format!("\"{}\"", p.attr("id").unwrap_or("?")))
                .collect();
            return Err(err(format!(
                "{} processes (pools) have sequence flows ({}); one process per file is supported",
                several.len(),
                ids.join(", ")
            )));
        }
    };
    let mut notes = Vec::new();
    let mut bpmn = Bpmn {
        process_id: process.attr("id").unwrap_or("process").to_string(),
        ..Default::default()
    };
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut ignored: std::collections::BTreeMap<String, usize> = Default::default();
    let mut unknown: Vec<&Element> = Vec::new();
    let mut flow_elems: Vec<&Element> = Vec::new();
    let mut triggers = 0usize;
    let mut conditions = 0usize;
    let mut nameless = 0usize;
    for e in doc.children(process) {
        let name = e.name.as_str();
        if let Some((_, what)) = UNSUPPORTED.iter().find(|(n, _)| *n == name) {
            return Err(err(format!(
                "line {}: <{name}> \"{}\" (id {}): {what} are not supported; model it with exclusive \
                 and parallel gateways and tasks",
                e.line,
                e.attr("name").unwrap_or(""),
                e.attr("id").unwrap_or("?")
            )));
        }
        let kind = match name {
            "startEvent" => Some(BpmnKind::StartEvent),
            "endEvent" => Some(BpmnKind::EndEvent),
            "exclusiveGateway" => Some(BpmnKind::ExclusiveGateway),
            "parallelGateway" => Some(BpmnKind::ParallelGateway),
            "intermediateThrowEvent" | "intermediateCatchEvent" => {
                Some(BpmnKind::IntermediateEvent)
            }
            n if TASKS.contains(&n) => Some(BpmnKind::Task),
            _ => None,
        };
        match kind {
            Some(kind) => {
                let Some(id) = e.attr("id") else {
                    return Err(err(format!("line {}: a <{name}> without an id", e.line)));
                };
                if index.contains_key(id) {
                    return Err(err(format!(
                        "line {}: the id \"{id}\" is used twice",
                        e.line
                    )));
                }
                if doc.children(e).any(|c| c.name.ends_with("EventDefinition")) {
                    triggers += 1;
                }
                let name = e
                    .attr("name")
                    .map(clean_name)
                    .filter(|n| !n.trim().is_empty());
                if kind == BpmnKind::Task && name.is_none() {
                    nameless += 1;
                }
                index.insert(id.to_string(), bpmn.nodes.len());
                bpmn.nodes.push(BpmnNode {
                    id: id.to_string(),
                    name,
                    kind,
                    bounds: None,
                });
            }
            None if name == "sequenceFlow" => flow_elems.push(e),
            None if IGNORED.contains(&name) => *ignored.entry(name.to_string()).or_default() += 1,
            None => unknown.push(e),
        }
    }
    let mut flow_index: HashMap<String, usize> = HashMap::new();
    for e in flow_elems {
        let id = e.attr("id").unwrap_or("").to_string();
        let (Some(src), Some(tgt)) = (e.attr("sourceRef"), e.attr("targetRef")) else {
            return Err(err(format!(
                "line {}: sequence flow \"{id}\" has no sourceRef or targetRef",
                e.line
            )));
        };
        let find = |r: &str| -> Result<usize, Error> {
            if let Some(&i) = index.get(r) {
                return Ok(i);
            }
            match unknown.iter().find(|u| u.attr("id") == Some(r)) {
                Some(u) => Err(err(format!(
                    "line {}: <{}> \"{r}\" is on sequence flow \"{id}\" but is not supported",
                    u.line, u.name
                ))),
                None => Err(err(format!(
                    "line {}: sequence flow \"{id}\" names \"{r}\", which is no element of the process",
                    e.line
                ))),
            }
        };
        let (s, t) = (find(src)?, find(tgt)?);
        if doc.child(e, "conditionExpression").is_some() {
            conditions += 1;
        }
        flow_index.insert(id.clone(), bpmn.flows.len());
        bpmn.flows.push(Flow {
            id,
            source: s,
            target: t,
            waypoints: Vec::new(),
        });
    }
    for u in &unknown {
        *ignored.entry(u.name.clone()).or_default() += 1;
    }
    if !ignored.is_empty() {
        let list: Vec<String> = ignored.iter().map(|(k, n)| format!("{n} <{k}>")).collect();
        notes.push(format!(
            "read past (no effect on the order of activities): {}",
            list.join(", ")
        ));
    }
    if processes.len() > 1 {
        notes.push(format!(
            "the file has {} processes; \"{}\" (the one with sequence flows) is used",
            processes.len(),
            bpmn.process_id
        ));
    }
    if doc.children(root).any(|c| c.name == "collaboration") {
        notes.push("the collaboration (pools, message flows) is not used".into());
    }
    if triggers > 0 {
        notes.push(format!(
            "{triggers} event{} with a trigger or result (timer, message, ...): passed through as plain events",
            if triggers == 1 { "" } else { "s" }
        ));
    }
    if conditions > 0 {
        notes.push(format!(
            "{conditions} flow condition{} not evaluated: every outgoing flow of a gateway is a possible path",
            if conditions == 1 { "" } else { "s" }
        ));
    }
    if nameless > 0 {
        notes.push(format!(
            "{nameless} task{} without a name: silent steps",
            if nameless == 1 { "" } else { "s" }
        ));
    }
    if bpmn
        .nodes
        .iter()
        .any(|n| n.kind == BpmnKind::IntermediateEvent)
    {
        notes.push(
            "intermediate events are passed through (they are not activities of the log)".into(),
        );
    }
    read_diagram(&doc, root, &index, &flow_index, &mut bpmn);
    if !bpmn.has_layout() {
        for n in &mut bpmn.nodes {
            n.bounds = None;
        }
        for f in &mut bpmn.flows {
            f.waypoints.clear();
        }
    }
    bpmn.check_paths()?;
    Ok((bpmn, notes))
}

fn num(e: &Element, key: &str) -> Option<f64> {
    e.attr(key)?
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
}

fn read_diagram(
    doc: &Doc,
    root: &Element,
    nodes: &HashMap<String, usize>,
    flows: &HashMap<String, usize>,
    bpmn: &mut Bpmn,
) {
    for d in doc.children(root).filter(|e| e.name == "BPMNDiagram") {
        for e in doc.descendants(d) {
            let Some(target) = e.attr("bpmnElement") else {
                continue;
            };
            if e.name == "BPMNShape" {
                let Some(&i) = nodes.get(target) else {
                    continue;
                };
                if let Some(b) = doc.child(e, "Bounds") {
                    if let (Some(x), Some(y), Some(w), Some(h)) =
                        (num(b, "x"), num(b, "y"), num(b, "width"), num(b, "height"))
                    {
                        bpmn.nodes[i].bounds = Some(Bounds { x, y, w, h });
                    }
                }
            } else if e.name == "BPMNEdge" {
                let Some(&i) = flows.get(target) else {
                    continue;
                };
                bpmn.flows[i].waypoints = doc
                    .children(e)
                    .filter(|w| w.name == "waypoint")
                    .filter_map(|w| Some((num(w, "x")?, num(w, "y")?)))
                    .collect();
            }
        }
    }
}

/// Writes the diagram as BPMN 2.0 XML with its `bpmndi` layout (a layout is computed first when the
/// diagram has none), readable by pm4py and by bpmn.io (bpmn-moddle).
pub fn write(bpmn: &Bpmn) -> String {
    let laid;
    let b = if bpmn.has_layout() {
        bpmn
    } else {
        laid = super::draw::laid_out(bpmn);
        &laid
    };
    let mut s = String::new();
    s.push_str(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" ",
        "xmlns:bpmndi=\"http://www.omg.org/spec/BPMN/20100524/DI\" ",
        "xmlns:dc=\"http://www.omg.org/spec/DD/20100524/DC\" ",
        "xmlns:di=\"http://www.omg.org/spec/DD/20100524/DI\" ",
        "id=\"definitions\" targetNamespace=\"http://relance.local/bpmn\" exporter=\"Relance\">\n"
    ));
    let pid = escape(if b.process_id.is_empty() {
        "process"
    } else {
        &b.process_id
    });
    s.push_str(&format!(
        "  <bpmn:process id=\"{pid}\" isExecutable=\"false\">\n"
    ));
    for (i, n) in b.nodes.iter().enumerate() {
        let tag = match n.kind {
            BpmnKind::StartEvent => "startEvent",
            BpmnKind::EndEvent => "endEvent",
            BpmnKind::Task => "task",
            BpmnKind::ExclusiveGateway => "exclusiveGateway",
            BpmnKind::ParallelGateway => "parallelGateway",
            BpmnKind::IntermediateEvent => "intermediateThrowEvent",
        };
        s.push_str(&format!("    <bpmn:{tag} id=\"{}\"", escape(&n.id)));
        if let Some(name) = &n.name {
            s.push_str(&format!(" name=\"{}\"", escape(name)));
        }
        s.push_str(">\n");
        for f in b.flows.iter().filter(|f| f.target == i) {
            s.push_str(&format!(
                "      <bpmn:incoming>{}</bpmn:incoming>\n",
                escape(&f.id)
            ));
        }
        for f in b.flows.iter().filter(|f| f.source == i) {
            s.push_str(&format!(
                "      <bpmn:outgoing>{}</bpmn:outgoing>\n",
                escape(&f.id)
            ));
        }
        s.push_str(&format!("    </bpmn:{tag}>\n"));
    }
    for f in &b.flows {
        let (Some(src), Some(tgt)) = (b.nodes.get(f.source), b.nodes.get(f.target)) else {
            continue;
        };
        s.push_str(&format!(
            "    <bpmn:sequenceFlow id=\"{}\" sourceRef=\"{}\" targetRef=\"{}\"/>\n",
            escape(&f.id),
            escape(&src.id),
            escape(&tgt.id)
        ));
    }
    s.push_str("  </bpmn:process>\n");
    s.push_str(&format!(
        "  <bpmndi:BPMNDiagram id=\"diagram\">\n    <bpmndi:BPMNPlane id=\"plane\" bpmnElement=\"{pid}\">\n"
    ));
    for n in &b.nodes {
        let Some(bx) = n.bounds else { continue };
        let marker = if n.kind == BpmnKind::ExclusiveGateway {
            " isMarkerVisible=\"true\""
        } else {
            ""
        };
        s.push_str(&format!(
            "      <bpmndi:BPMNShape id=\"{}_di\" bpmnElement=\"{}\"{marker}>\n        <dc:Bounds x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>\n      </bpmndi:BPMNShape>\n",
            escape(&n.id),
            escape(&n.id),
            fmt(bx.x),
            fmt(bx.y),
            fmt(bx.w),
            fmt(bx.h)
        ));
    }
    for f in &b.flows {
        s.push_str(&format!(
            "      <bpmndi:BPMNEdge id=\"{}_di\" bpmnElement=\"{}\">\n",
            escape(&f.id),
            escape(&f.id)
        ));
        for (x, y) in &f.waypoints {
            s.push_str(&format!(
                "        <di:waypoint x=\"{}\" y=\"{}\"/>\n",
                fmt(*x),
                fmt(*y)
            ));
        }
        s.push_str("      </bpmndi:BPMNEdge>\n");
    }
    s.push_str("    </bpmndi:BPMNPlane>\n  </bpmndi:BPMNDiagram>\n</bpmn:definitions>\n");
    s
}

/// Coordinates rounded to a tenth: diagrams do not need more, and files stay diffable.
fn fmt(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="P">{body}</process></definitions>"#
        )
    }

    const OK: &str = r#"
<startEvent id="s"/><task id="a" name="Send
  invoice"/><exclusiveGateway id="g"/><userTask id="b" name="Call"/><endEvent id="e"/>
<sequenceFlow id="f1" sourceRef="s" targetRef="a"/><sequenceFlow id="f2" sourceRef="a" targetRef="g"/>
<sequenceFlow id="f3" sourceRef="g" targetRef="b"/><sequenceFlow id="f4" sourceRef="g" targetRef="e"/>
<sequenceFlow id="f5" sourceRef="b" targetRef="e"/><textAnnotation id="n"/>"#;

    #[test]
    fn reads_the_supported_subset_and_notes_the_rest() {
        let (b, notes) = read(doc(OK).as_bytes()).unwrap();
        assert_eq!(b.nodes.len(), 5);
        assert_eq!(b.flows.len(), 5);
        assert_eq!(b.activities(), ["Call", "Send invoice"]);
        assert!(!b.has_layout());
        assert_eq!(
            notes,
            ["read past (no effect on the order of activities): 1 <textAnnotation>"]
        );
        // Written (with a computed layout) and read back: the same process.
        let text = write(&b);
        let (again, _) = read(text.as_bytes()).unwrap();
        assert!(again.has_layout());
        assert_eq!(again.activities(), b.activities());
        assert_eq!(again.flows.len(), 5);
    }

    #[test]
    fn unsupported_elements_and_broken_paths_are_named() {
        let e = read(
            doc(&OK.replace("exclusiveGateway id=\"g\"", "inclusiveGateway id=\"g\"")).as_bytes(),
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("<inclusiveGateway> \"\" (id g): inclusive (OR) gateways are not supported"),
            "{e}"
        );
        // b leads nowhere.
        let dead = OK.replace(r#"<sequenceFlow id="f5" sourceRef="b" targetRef="e"/>"#, "");
        let e = read(doc(&dead).as_bytes()).unwrap_err().to_string();
        assert!(
            e.contains("task \"Call\" (id b) has no path to an end event"),
            "{e}"
        );
        let orphan = format!("{OK}<task id=\"x\" name=\"Orphan\"/>");
        let e = read(doc(&orphan).as_bytes()).unwrap_err().to_string();
        assert!(
            e.contains("task \"Orphan\" (id x) cannot be reached from a start event"),
            "{e}"
        );
        let nostart = OK.replace("<startEvent id=\"s\"/>", "<task id=\"s\" name=\"S\"/>");
        let e = read(doc(&nostart).as_bytes()).unwrap_err().to_string();
        assert!(e.contains("no start event"), "{e}");
        let dangling = format!("{OK}<sequenceFlow id=\"f9\" sourceRef=\"b\" targetRef=\"zz\"/>");
        let e = read(doc(&dangling).as_bytes()).unwrap_err().to_string();
        assert!(e.contains("sequence flow \"f9\" names \"zz\""), "{e}");
    }
}
