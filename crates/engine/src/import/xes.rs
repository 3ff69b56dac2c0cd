//! Streaming XES (IEEE 1849) import.
//!
//! A small push tokenizer made for XES rather than a general XML parser: it finds tags with `memchr`,
//! reads `key`/`value` attributes, and keeps an incomplete tag across chunks, so `.xes` and inflated
//! `.xes.gz` bytes arrive in pieces of any size. Text content, comments, processing instructions, CDATA
//! and `<global>`/`<extension>`/`<classifier>` declarations are skipped; attributes nested inside other
//! attributes (meta-attributes, lists, containers) are skipped too.
//!
//! Mapping: trace `concept:name` is the case id and other trace attributes become case attributes; event
//! `concept:name` is the activity, `time:timestamp` the instant, `org:resource` the resource, and
//! `lifecycle:transition` stays an attribute (used by the complete-only option). A trace's events are
//! held until `</trace>`, because XES does not promise the trace's name comes before its events.

use super::report::{ColumnsUsed, ImportReport, ProblemKind};
use super::text::{decode_cp1252_into, Encoding};
use super::timestamp::{parse_timestamp, DateOrder};
use super::{number::DecimalSep, ColumnRole, Format, Imported};
use crate::error::Error;
use crate::log::{LogBuilder, Scope};
use rustc_hash::FxHashMap;
use std::borrow::Cow;

/// Options for XES import.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct XesOptions {
    /// Keep only events whose `lifecycle:transition` is `complete` (or absent).
    pub complete_only: bool,
    /// Skip attributes other than name, timestamp, resource and lifecycle.
    #[serde(default)]
    pub core_only: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Elem {
    Log,
    Trace,
    Event,
    /// An attribute element with children (list, container, meta-attributes): skipped.
    Nested,
    /// Anything else with children (`global`, `extension`, unknown elements).
    Other,
}

/// One buffered event: byte ranges into the trace arena.
#[derive(Debug, Clone, Default)]
struct PendingEvent {
    line: u64,
    activity: Option<(u32, u32)>,
    time: Option<(u32, u32)>,
    resource: Option<(u32, u32)>,
    lifecycle: Option<(u32, u32)>,
    /// Index range into `TraceBuf::attrs`.
    attrs: (u32, u32),
}

#[derive(Debug, Default)]
struct TraceBuf {
    arena: String,
    events: Vec<PendingEvent>,
    /// (builder attribute index, range in arena)
    attrs: Vec<(usize, (u32, u32))>,
    name: Option<(u32, u32)>,
    /// (builder attribute index, range in arena)
    case_attrs: Vec<(usize, (u32, u32))>,
    line: u64,
}

impl TraceBuf {
    fn clear(&mut self) {
        self.arena.clear();
        self.events.clear();
        self.attrs.clear();
        self.name = None;
        self.case_attrs.clear();
    }
    fn push(&mut self, s: &str) -> (u32, u32) {
        let start = self.arena.len() as u32;
        self.arena.push_str(s);
        (start, self.arena.len() as u32)
    }
    fn get(&self, r: (u32, u32)) -> &str {
        &self.arena[r.0 as usize..r.1 as usize]
    }
}

/// The XES push decoder.
pub struct XesDecoder {
    opts: XesOptions,
    pending: Vec<u8>,
    line: u64,
    /// Position in the buffer being scanned up to which `line` counts newlines.
    counted: usize,
    stack: Vec<Elem>,
    trace: TraceBuf,
    event: Option<PendingEvent>,
    traces: u64,
    event_attrs: FxHashMap<String, usize>,
    trace_attrs: FxHashMap<String, usize>,
    builder: LogBuilder,
    report: ImportReport,
    saw_non_utf8: bool,
    bytes: u64,
    /// Bytes examined by the tokenizer (UTF-8 validation and searches for a tag's end), to test that
    /// the work stays linear in the input however it is chunked.
    work: u64,
}

impl XesDecoder {
    /// A decoder with these options.
    pub fn new(opts: XesOptions) -> Self {
        let mut report = ImportReport::new(Format::Xes);
        report.columns = ColumnsUsed {
            case: "concept:name (trace)".into(),
            activity: "concept:name".into(),
            timestamp: "time:timestamp".into(),
            start_timestamp: None,
            resource: Some("org:resource".into()),
            other_roles: vec![("lifecycle".into(), "lifecycle:transition".into())],
        };
        Self {
            opts,
            pending: Vec::new(),
            line: 1,
            counted: 0,
            stack: Vec::new(),
            trace: TraceBuf::default(),
            event: None,
            traces: 0,
            event_attrs: FxHashMap::default(),
            trace_attrs: FxHashMap::default(),
            builder: LogBuilder::new(),
            report,
            saw_non_utf8: false,
            bytes: 0,
            work: 0,
        }
    }

    /// Events read so far.
    pub fn rows(&self) -> u64 {
        self.report.rows
    }

    /// Bytes fed so far.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// Feeds the next chunk of XML.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<(), Error> {
        self.bytes += chunk.len() as u64;
        if self.pending.is_empty() {
            let used = self.scan(chunk);
            self.pending.extend_from_slice(&chunk[used..]);
        } else {
            let mut buf = std::mem::take(&mut self.pending);
            buf.extend_from_slice(chunk);
            let used = self.scan(&buf);
            buf.drain(..used);
            self.pending = buf;
        }
        Ok(())
    }

    /// Ends the input and builds the log.
    pub fn finish(mut self) -> Result<Imported, Error> {
        if self.pending.iter().any(|b| !b.is_ascii_whitespace()) {
            let line = self.line;
            self.report.problem(
                ProblemKind::Malformed,
                line,
                "",
                &String::from_utf8_lossy(&self.pending[..self.pending.len().min(80)]),
                "the file ends inside a tag (truncated?)".into(),
            );
        }
        if self.stack.contains(&Elem::Trace) {
            let line = self.line;
            self.report.problem(
                ProblemKind::Malformed,
                line,
                "",
                "",
                "the file ends inside a trace (truncated?); the trace's complete events are kept"
                    .into(),
            );
            self.event = None;
            self.flush_trace();
        }
        if self.saw_non_utf8 {
            self.report.encoding = Encoding::Windows1252;
        }
        super::csv::finish_log(
            self.builder,
            DateOrder::Auto,
            DecimalSep::Point,
            self.report,
        )
    }

    /// Processes every complete tag in `data`; returns how many bytes were consumed.
    fn scan(&mut self, data: &[u8]) -> usize {
        // Validate the buffer's UTF-8 once (up to a character cut by the chunk's end); attribute values
        // inside it are then borrowed as they are, with no check per value.
        self.work += data.len() as u64;
        let valid = match std::str::from_utf8(data) {
            Ok(t) => t,
            Err(e) => std::str::from_utf8(&data[..e.valid_up_to()]).unwrap_or_default(),
        };
        self.counted = 0;
        let used = self.scan_tags(data, valid);
        // Lines are counted lazily (only where a line number is needed); catch up to what was used.
        self.line_at(data, used);
        self.counted = 0;
        used
    }

    /// The line of byte `pos` of the buffer being scanned, counting newlines since the last call.
    fn line_at(&mut self, data: &[u8], pos: usize) -> u64 {
        if pos > self.counted {
            self.line += memchr::memchr_iter(b'\n', &data[self.counted..pos]).count() as u64;
            self.counted = pos;
        }
        self.line
    }

    fn scan_tags(&mut self, data: &[u8], valid: &str) -> usize {
        let mut pos = 0;
        loop {
            let Some(lt) = memchr::memchr(b'<', &data[pos..]) else {
                return data.len();
            };
            let start = pos + lt;
            let rest = &data[start..];
            let special: Option<&[u8]> = if rest.starts_with(b"<!--") {
                Some(b"-->")
            } else if rest.starts_with(b"<![CDATA[") {
                Some(b"]]>")
            } else if rest.starts_with(b"<?") {
                Some(b"?>")
            } else if rest.len() < 9
                && (b"<!--".starts_with(rest) || b"<![CDATA[".starts_with(rest))
            {
                return start; // cannot tell yet
            } else {
                None
            };
            let found = match special {
                Some(close) => memchr::memmem::find(rest, close).map(|i| i + close.len() - 1),
                None => tag_end(rest),
            };
            self.work += found.map_or(rest.len(), |e| e + 1) as u64;
            let Some(end) = found else {
                return start;
            };
            let tag = &rest[1..end];
            if special.is_none() && !rest.starts_with(b"<!") {
                self.tag(
                    Src {
                        data,
                        valid,
                        at: start,
                    },
                    tag,
                );
            }
            pos = start + end + 1;
        }
    }

    fn tag(&mut self, src: Src, tag: &[u8]) {
        if let Some(name) = tag.strip_prefix(b"/") {
            if self.stack.is_empty() {
                self.line_at(src.data, src.at);
            }
            self.end_tag(name.trim_ascii());
            return;
        }
        let self_closing = tag.last() == Some(&b'/');
        let body = if self_closing {
            &tag[..tag.len() - 1]
        } else {
            tag
        };
        let name_end = body
            .iter()
            .position(|b| b.is_ascii_whitespace())
            .unwrap_or(body.len());
        let name = &body[..name_end];
        let attrs = &body[name_end..];
        let parent = self.stack.last().copied();
        let elem = match (parent, name) {
            (Some(Elem::Nested | Elem::Other), _) => Elem::Other,
            (None, b"log") => Elem::Log,
            (Some(Elem::Log), b"trace") => {
                self.line_at(src.data, src.at);
                self.start_trace();
                Elem::Trace
            }
            (Some(Elem::Trace), b"event") => {
                self.line_at(src.data, src.at);
                self.event = Some(PendingEvent {
                    line: self.line,
                    attrs: (self.trace.attrs.len() as u32, self.trace.attrs.len() as u32),
                    ..Default::default()
                });
                Elem::Event
            }
            (
                Some(Elem::Trace | Elem::Event),
                b"string" | b"date" | b"int" | b"float" | b"boolean" | b"id",
            ) => {
                self.attribute(&src, attrs, parent == Some(Elem::Event));
                Elem::Nested
            }
            // Lists and containers: no flat value.
            _ => Elem::Other,
        };
        if self_closing {
            if elem == Elem::Event {
                self.end_event();
            } else if elem == Elem::Trace {
                self.flush_trace();
            }
        } else {
            self.stack.push(elem);
        }
    }

    fn end_tag(&mut self, _name: &[u8]) {
        match self.stack.pop() {
            Some(Elem::Event) => self.end_event(),
            Some(Elem::Trace) => self.flush_trace(),
            Some(_) => {}
            None => {
                let line = self.line;
                self.report.problem(
                    ProblemKind::Malformed,
                    line,
                    "",
                    &String::from_utf8_lossy(_name),
                    "a closing tag without an opening one".into(),
                );
            }
        }
    }

    fn start_trace(&mut self) {
        self.trace.clear();
        self.trace.line = self.line;
        self.traces += 1;
    }

    fn attribute(&mut self, src: &Src, attrs: &[u8], on_event: bool) {
        let (mut key, mut value) = (None, None);
        for (k, v) in xml_attributes(attrs) {
            match k {
                b"key" => key = Some(v),
                b"value" => value = Some(v),
                _ => {}
            }
        }
        let (Some(key), Some(value)) = (key, value) else {
            return;
        };
        let (key, value) = (src.text(key), src.text(value));
        if matches!(key, Cow::Owned(_)) || matches!(value, Cow::Owned(_)) {
            self.saw_non_utf8 = true;
        }
        let (key, value) = (unescape(&key), unescape(&value));
        if on_event {
            let Some(ev) = self.event.as_mut() else {
                return;
            };
            let range = {
                let start = self.trace.arena.len() as u32;
                self.trace.arena.push_str(&value);
                (start, self.trace.arena.len() as u32)
            };
            match key.as_ref() {
                "concept:name" => ev.activity = Some(range),
                "time:timestamp" => ev.time = Some(range),
                "org:resource" => ev.resource = Some(range),
                other => {
                    if other == "lifecycle:transition" {
                        ev.lifecycle = Some(range);
                    } else if self.opts.core_only {
                        return;
                    }
                    let idx = match self.event_attrs.get(other) {
                        Some(&i) => i,
                        None => {
                            let role = if other == "lifecycle:transition" {
                                ColumnRole::Lifecycle
                            } else {
                                ColumnRole::Attribute
                            };
                            let i = self.builder.add_attribute(other, Scope::Event, role);
                            self.event_attrs.insert(other.to_string(), i);
                            i
                        }
                    };
                    self.trace.attrs.push((idx, range));
                    ev.attrs.1 = self.trace.attrs.len() as u32;
                }
            }
        } else if key == "concept:name" {
            let r = self.trace.push(&value);
            self.trace.name = Some(r);
        } else if !self.opts.core_only {
            let idx = match self.trace_attrs.get(key.as_ref()) {
                Some(&i) => i,
                None => {
                    let i = self
                        .builder
                        .add_attribute(&key, Scope::Case, ColumnRole::Attribute);
                    self.trace_attrs.insert(key.to_string(), i);
                    i
                }
            };
            let r = self.trace.push(&value);
            self.trace.case_attrs.push((idx, r));
        }
    }

    fn end_event(&mut self) {
        if let Some(ev) = self.event.take() {
            self.report.rows += 1;
            self.trace.events.push(ev);
        }
    }

    fn flush_trace(&mut self) {
        let t = std::mem::take(&mut self.trace);
        let case: String = match t.name {
            Some(r) if !t.get(r).is_empty() => t.get(r).to_string(),
            _ => {
                if !t.events.is_empty() {
                    self.report.note(
                        "some traces have no concept:name; they are named \"trace N\" by their position in the file"
                            .into(),
                    );
                }
                format!("trace {}", self.traces)
            }
        };
        for ev in &t.events {
            if let (true, Some(lc)) = (self.opts.complete_only, ev.lifecycle) {
                if !t.get(lc).eq_ignore_ascii_case("complete") {
                    self.report.filtered_rows += 1;
                    continue;
                }
            }
            let activity = ev.activity.map(|r| t.get(r)).unwrap_or("");
            let raw_time = ev.time.map(|r| t.get(r)).unwrap_or("");
            if activity.is_empty() {
                self.report.problem(
                    ProblemKind::MissingActivity,
                    ev.line,
                    "concept:name",
                    "",
                    format!("event in trace \"{case}\" has no concept:name"),
                );
                continue;
            }
            if raw_time.is_empty() {
                self.report.problem(
                    ProblemKind::MissingTimestamp,
                    ev.line,
                    "time:timestamp",
                    "",
                    format!("event in trace \"{case}\" has no time:timestamp"),
                );
                continue;
            }
            let Some(time) = parse_timestamp(raw_time, DateOrder::Auto) else {
                self.report.problem(
                    ProblemKind::UnreadableTimestamp,
                    ev.line,
                    "time:timestamp",
                    raw_time,
                    format!("cannot read \"{raw_time}\" as a date and time"),
                );
                continue;
            };
            let resource = ev.resource.map(|r| t.get(r));
            self.builder.push_event(
                &case,
                activity,
                time,
                resource,
                (ev.line, "time:timestamp", raw_time),
            );
            for &(idx, r) in &t.attrs[ev.attrs.0 as usize..ev.attrs.1 as usize] {
                self.builder.set_attribute(idx, t.get(r));
            }
        }
        for &(idx, r) in &t.case_attrs {
            self.builder.set_case_attribute(idx, &case, t.get(r));
        }
        let mut t = t;
        t.clear();
        self.trace = t;
    }
}

/// The buffer being scanned, its validated UTF-8 prefix, and where the current tag starts.
struct Src<'a> {
    data: &'a [u8],
    valid: &'a str,
    at: usize,
}

impl<'a> Src<'a> {
    /// A slice of `data` as text: borrowed from the validated prefix when it lies inside it, else decoded.
    fn text(&self, bytes: &'a [u8]) -> Cow<'a, str> {
        let start = bytes.as_ptr() as usize - self.data.as_ptr() as usize;
        let end = start + bytes.len();
        match self.valid.get(start..end) {
            Some(t) => Cow::Borrowed(t),
            None => decode(bytes),
        }
    }
}

/// Text of an XML value: UTF-8 as declared, or Windows-1252 when the bytes are not UTF-8.
fn decode(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => {
            let mut s = String::new();
            decode_cp1252_into(bytes, &mut s);
            Cow::Owned(s)
        }
    }
}

/// Position of the `>` closing a tag that starts at `data[0] == b'<'`, skipping quoted values.
fn tag_end(data: &[u8]) -> Option<usize> {
    let mut i = 1;
    loop {
        let j = memchr::memchr3(b'>', b'"', b'\'', &data[i..])? + i;
        match data[j] {
            b'>' => return Some(j),
            q => {
                let k = memchr::memchr(q, &data[j + 1..])? + j + 1;
                i = k + 1;
            }
        }
    }
}

/// `name="value"` pairs of a tag (values still escaped).
fn xml_attributes(mut s: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    std::iter::from_fn(move || {
        let eq = memchr::memchr(b'=', s)?;
        let name = s[..eq].trim_ascii();
        let rest = &s[eq + 1..];
        let q_at = rest.iter().position(|b| !b.is_ascii_whitespace())?;
        let q = rest[q_at];
        if q != b'"' && q != b'\'' {
            return None;
        }
        let vstart = q_at + 1;
        let vlen = memchr::memchr(q, &rest[vstart..])?;
        let value = &rest[vstart..vstart + vlen];
        s = &rest[vstart + vlen + 1..];
        Some((name, value))
    })
}

/// Resolves the five XML entities and numeric character references.
fn unescape(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let Some(semi) = after.find(';').filter(|&i| i <= 10) else {
            out.push('&');
            rest = after;
            continue;
        };
        let ent = &after[..semi];
        let ch = match ent {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => ent
                .strip_prefix("#x")
                .or_else(|| ent.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| ent.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &after[semi + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unescapes_entities() {
        assert_eq!(
            unescape("a &amp; b &lt;c&gt; &#233;&#xE9; &bogus; & x"),
            "a & b <c> éé &bogus; & x"
        );
    }

    /// A 1 MiB attribute value (and a 1 MiB comment) fed in 1 KiB chunks: every byte is examined a bounded
    /// number of times, not once per chunk.
    #[test]
    fn a_long_tag_fed_in_small_chunks_is_scanned_once() {
        let big = "x".repeat(1 << 20);
        let text = format!(
            "<log><trace><string key=\"concept:name\" value=\"T\"/><!-- {big} -->\
<event><string key=\"concept:name\" value=\"A\"/><string key=\"note\" value=\"{big}\"/>\
<date key=\"time:timestamp\" value=\"2024-01-01T00:00:00Z\"/></event></trace></log>"
        );
        let mut d = XesDecoder::new(XesOptions::default());
        for c in text.as_bytes().chunks(1024) {
            d.feed(c).unwrap();
        }
        let work = d.work;
        let imported = d.finish().unwrap();
        assert_eq!(imported.log.event_count(), 1);
        assert!(
            work <= 4 * text.len() as u64,
            "{work} bytes examined for {} bytes of input",
            text.len()
        );
    }

    #[test]
    fn finds_tag_ends_past_quoted_brackets() {
        assert_eq!(tag_end(b"<string key=\"a>b\" value='>'/> tail"), Some(28));
        assert_eq!(tag_end(b"<string key=\"a>b"), None);
    }
}
