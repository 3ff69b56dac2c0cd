//! A small element tree for the model files (BPMN 2.0 and PNML), read with `quick-xml`'s pull parser.
//!
//! Both formats are a few hundred elements of plain markup, so the reader builds the whole tree:
//! elements by local name (namespace prefixes dropped, as BPMN files use `bpmn:`, `bpmn2:`, `semantic:`
//! or no prefix for the same elements), their attributes (entities resolved), their text, and the line
//! each starts on for error messages. Comments, processing instructions and the XML declaration are
//! skipped; a `DOCTYPE` is refused (neither format uses one, and entity expansion is how "billion
//! laughs" files blow up memory).
//!
//! Limits keep hostile files bounded: at most [`MAX_DEPTH`] nested elements and [`MAX_ELEMENTS`]
//! elements in all; past either, a clear error says where.

use crate::error::Error;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// Deepest nesting read (BPMN files nest about 6 deep, PNML about 8).
pub const MAX_DEPTH: usize = 256;
/// Most elements read from one file.
pub const MAX_ELEMENTS: usize = 2_000_000;

/// One element.
#[derive(Debug, Clone, Default)]
pub struct Element {
    /// Local name (`task`, `place`, ...).
    pub name: String,
    /// Attributes by local name, in file order.
    pub attrs: Vec<(String, String)>,
    /// Child elements (indices into [`Doc::elements`]).
    pub children: Vec<usize>,
    /// Text directly inside the element (CDATA included), entities resolved.
    pub text: String,
    /// Line the start tag is on (1-based).
    pub line: u64,
}

impl Element {
    /// An attribute's value by local name.
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// A parsed document: element 0 is the root.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    /// Every element, parents before children.
    pub elements: Vec<Element>,
}

impl Doc {
    /// The root element.
    pub fn root(&self) -> Option<&Element> {
        self.elements.first()
    }

    /// The children of an element.
    pub fn children<'a>(&'a self, e: &'a Element) -> impl Iterator<Item = &'a Element> + 'a {
        e.children.iter().filter_map(|&c| self.elements.get(c))
    }

    /// The first child with a local name.
    pub fn child<'a>(&'a self, e: &'a Element, name: &str) -> Option<&'a Element> {
        self.children(e).find(|c| c.name == name)
    }

    /// Every element below `e` (not `e` itself), depth first.
    pub fn descendants<'a>(&'a self, e: &'a Element) -> Vec<&'a Element> {
        let mut out = Vec::new();
        let mut stack: Vec<usize> = e.children.iter().rev().copied().collect();
        while let Some(i) = stack.pop() {
            if let Some(el) = self.elements.get(i) {
                out.push(el);
                stack.extend(el.children.iter().rev().copied());
            }
        }
        out
    }
}

/// The local part of a qualified name (`bpmn:task` → `task`).
fn local(name: &str) -> String {
    match name.rfind(':') {
        Some(i) => name[i + 1..].to_string(),
        None => name.to_string(),
    }
}

/// Line (1-based) of a byte offset.
fn line_of(text: &str, offset: u64) -> u64 {
    let end = (offset as usize).min(text.len());
    1 + memchr::memchr_iter(b'\n', &text.as_bytes()[..end]).count() as u64
}

/// Reads the whole document. `what` names the file kind in messages ("BPMN", "PNML").
pub fn parse(bytes: &[u8], what: &str) -> Result<Doc, Error> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Error::Invalid(format!(
            "{what}: the file is not UTF-8 text (invalid byte at offset {})",
            e.valid_up_to()
        ))
    })?;
    if text.trim().is_empty() {
        return Err(Error::Invalid(format!("{what}: the file is empty")));
    }
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut doc = Doc::default();
    let mut stack: Vec<usize> = Vec::new();
    let mut line_cache = (0u64, 1u64); // (offset, line) of the last position looked up
    let mut line_at = |offset: u64| {
        // Positions only grow: count newlines from the last one looked up.
        let (from, line) = line_cache;
        let (from, line) = if offset >= from { (from, line) } else { (0, 1) };
        let lo = (from as usize).min(text.len());
        let hi = (offset as usize).min(text.len());
        let l = line + memchr::memchr_iter(b'\n', &text.as_bytes()[lo..hi]).count() as u64;
        line_cache = (offset, l);
        l
    };
    let error = |reader: &Reader<&[u8]>, msg: String| {
        let pos = reader.error_position();
        Error::Invalid(format!("{what}: line {}: {msg}", line_of(text, pos)))
    };
    loop {
        let start_pos = reader.buffer_position();
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => return Err(error(&reader, format!("not well-formed XML: {e}"))),
        };
        match event {
            Event::Start(ref s) | Event::Empty(ref s) => {
                let empty = matches!(event, Event::Empty(_));
                if doc.elements.len() >= MAX_ELEMENTS {
                    return Err(Error::Invalid(format!(
                        "{what}: more than {MAX_ELEMENTS} elements; a model this large cannot be aligned"
                    )));
                }
                if stack.len() >= MAX_DEPTH {
                    return Err(Error::Invalid(format!(
                        "{what}: line {}: elements nested more than {MAX_DEPTH} deep",
                        line_at(start_pos)
                    )));
                }
                if stack.is_empty() && !doc.elements.is_empty() {
                    return Err(Error::Invalid(format!(
                        "{what}: line {}: a second root element <{}> after the document's end",
                        line_at(start_pos),
                        local(s.name().as_ref())
                    )));
                }
                let el = element(s, line_at(start_pos)).map_err(|m| {
                    Error::Invalid(format!("{what}: line {}: {m}", line_at(start_pos)))
                })?;
                let idx = doc.elements.len();
                doc.elements.push(el);
                if let Some(&parent) = stack.last() {
                    if let Some(p) = doc.elements.get_mut(parent) {
                        p.children.push(idx);
                    }
                }
                if !empty {
                    stack.push(idx);
                }
            }
            Event::End(_) => {
                stack.pop();
            }
            Event::Text(t) => {
                if let Some(e) = stack.last().and_then(|&i| doc.elements.get_mut(i)) {
                    e.text.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some(e) = stack.last().and_then(|&i| doc.elements.get_mut(i)) {
                    e.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match r.xml10_content().as_ref() {
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "amp" => "&".into(),
                        "apos" => "'".into(),
                        "quot" => "\"".into(),
                        other => {
                            return Err(error(
                                &reader,
                                format!("unknown entity &{other}; (only XML's five are defined)"),
                            ))
                        }
                    },
                    Err(e) => return Err(error(&reader, format!("bad character reference: {e}"))),
                };
                if let Some(e) = stack.last().and_then(|&i| doc.elements.get_mut(i)) {
                    e.text.push_str(&resolved);
                }
            }
            Event::DocType(_) => {
                return Err(Error::Invalid(format!(
                    "{what}: line {}: a DOCTYPE declaration is not allowed in a model file",
                    line_at(start_pos)
                )))
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
            Event::Eof => break,
        }
    }
    if let Some(&open) = stack.last() {
        let (name, line) = doc
            .elements
            .get(open)
            .map(|e| (e.name.clone(), e.line))
            .unwrap_or_default();
        return Err(Error::Invalid(format!(
            "{what}: the file ends inside <{name}> opened on line {line} (truncated?)"
        )));
    }
    if doc.elements.is_empty() {
        return Err(Error::Invalid(format!(
            "{what}: no XML element in the file"
        )));
    }
    Ok(doc)
}

fn element(s: &BytesStart<'_>, line: u64) -> Result<Element, String> {
    let mut attrs = Vec::new();
    for a in s.attributes() {
        let a = a.map_err(|e| format!("bad attribute in <{}>: {e}", local(s.name().as_ref())))?;
        // Attribute-value normalisation as XML 1.0 §3.3.3 says (line breaks and tabs read as spaces).
        let value = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| format!("bad attribute value in <{}>: {e}", local(s.name().as_ref())))?;
        attrs.push((local(a.key.as_ref()), value.into_owned()));
    }
    Ok(Element {
        name: local(s.name().as_ref()),
        attrs,
        children: Vec::new(),
        text: String::new(),
        line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_elements_attributes_text_and_lines() {
        let doc = parse(
            "<?xml version=\"1.0\"?>\n<!-- c -->\n<a:root x=\"1 &amp; 2\">\n  <b:item id='i'>t&lt;x&#65;<![CDATA[<y>]]></b:item>\n  <empty/>\n</a:root>"
                .as_bytes(),
            "test",
        )
        .unwrap();
        let root = doc.root().unwrap();
        assert_eq!(root.name, "root");
        assert_eq!(root.attr("x"), Some("1 & 2"));
        assert_eq!(root.line, 3);
        let item = doc.child(root, "item").unwrap();
        assert_eq!(item.text, "t<xA<y>");
        assert_eq!(item.line, 4);
        assert_eq!(doc.descendants(root).len(), 2);
    }

    #[test]
    fn hostile_documents_are_errors_with_a_place() {
        let deep = "<a>".repeat(MAX_DEPTH + 5);
        let e = parse(deep.as_bytes(), "BPMN").unwrap_err().to_string();
        assert!(e.contains("nested more than 256 deep"), "{e}");
        let e = parse(b"<a><b></a>", "PNML").unwrap_err().to_string();
        assert!(e.starts_with("PNML: line 1: not well-formed XML"), "{e}");
        let e = parse(b"<a>\n<b>", "PNML").unwrap_err().to_string();
        assert!(e.contains("ends inside <b> opened on line 2"), "{e}");
        let e = parse(b"<!DOCTYPE x [<!ENTITY a \"aa\">]><x>&a;</x>", "BPMN")
            .unwrap_err()
            .to_string();
        assert!(e.contains("DOCTYPE"), "{e}");
        let e = parse(b"<x>&nope;</x>", "BPMN").unwrap_err().to_string();
        assert!(e.contains("unknown entity &nope;"), "{e}");
        assert!(parse(b"\xff\xfe<x/>", "BPMN").is_err());
        assert!(parse(b"   ", "BPMN").is_err());
        assert!(parse(b"<a/><b/>", "BPMN").is_err());
    }
}
