//! Streaming XES (IEEE 1849) import.
//!
//! A small push tokenizer made for XES rather than a general XML parser: it finds tags with `memchr`,
//! reads `key`/`value` attributes, and keeps an incomplete tag across chunks, so `.xes` and inflated
//! `.xes.gz` bytes arrive in pieces of any size. An incomplete tag, comment or CDATA section is searched
//! once: the search resumes where the last chunk left it (with the quote it was in), so a 300 MB value
//! arriving in 32 KiB pieces costs one pass, not one per piece. Text content, comments, processing
//! instructions, CDATA and `<extension>`/`<classifier>` declarations are skipped; attributes nested
//! inside other attributes (meta-attributes, lists, containers) are skipped too. `<global>` defaults are
//! not applied, as pm4py does not apply them; the report says when one would have named an event.
//!
//! Structure follows end tags by name. A missing or mismatched end tag is a `Malformed` problem at its
//! line, and reading goes on as the file most likely meant: an end tag closes the elements left open
//! inside the one it names, and a `<trace>` (or `<event>`) opened inside an unclosed one closes it first,
//! so one missing `</trace>` does not swallow the traces after it. `<event>` elements the mapping cannot
//! read (directly under `<log>`, inside `<list>`, `<container>`, unknown or namespaced elements) are
//! counted in a note.
//!
//! Mapping: trace `concept:name` is the case id and other trace attributes become case attributes; event
//! `concept:name` is the activity, `time:timestamp` the instant, `org:resource` the resource, and
//! `lifecycle:transition` stays an attribute (used by the complete-only option). A trace's events are
//! held until `</trace>`, because XES does not promise the trace's name comes before its events. Two
//! traces with one name stay two cases: the later one is numbered (`T1 (2)`), and the report says so.

use super::report::{clip, ColumnsUsed, ImportReport, Message, ProblemKind};
use super::text::{decode_cp1252_into, Encoding};
use super::timestamp::{parse_timestamp, DateOrder};
use super::{number::DecimalSep, ColumnRole, Format, Imported};
use crate::error::Error;
use crate::log::{LogBuilder, NoRoom, Scope};
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
    /// A flat attribute element (`string`, `date`, ...) with children (meta-attributes): skipped.
    Attr,
    /// `<global>` under `<log>`; `true` for `scope="event"`.
    Global(bool),
    /// Anything else (`list`, `container`, `extension`, unknown elements) and everything inside it.
    Other,
}

/// An open element: what it is and where its name starts in `XesDecoder::names`.
#[derive(Debug, Clone, Copy)]
struct Open {
    elem: Elem,
    name_at: u32,
}

/// How far the search for the end of the construct starting at the head of `pending` got.
#[derive(Debug, Clone, Copy)]
enum Resume {
    /// A tag: searched up to `from` (relative to its `<`), inside the quote `quote` if any.
    Tag { from: usize, quote: Option<u8> },
    /// A comment, CDATA section or processing instruction: no `close` before `from`.
    Special { from: usize, close: &'static [u8] },
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
    fn heap_bytes(&self) -> usize {
        self.arena.capacity()
            + self.events.capacity() * std::mem::size_of::<PendingEvent>()
            + (self.attrs.capacity() + self.case_attrs.capacity())
                * std::mem::size_of::<(usize, (u32, u32))>()
    }

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
        self.arena.get(r.0 as usize..r.1 as usize).unwrap_or("")
    }
}

/// Traces named like an earlier one, renumbered.
#[derive(Debug, Default)]
struct Renamed {
    /// Per name that was repeated, the next number to try.
    next: FxHashMap<String, u64>,
    count: u64,
    /// The first few: new name and line.
    examples: Vec<(String, u64)>,
}

/// How many renamed traces the note names.
const NAMED_RENAMED: usize = 5;

/// The XES push decoder.
pub struct XesDecoder {
    opts: XesOptions,
    pending: Vec<u8>,
    /// Where the search for the end of the construct at the head of `pending` stopped.
    resume: Option<Resume>,
    line: u64,
    /// Position in the buffer being scanned up to which `line` counts newlines.
    counted: usize,
    stack: Vec<Open>,
    /// The open elements' names, one after the other.
    names: Vec<u8>,
    trace: TraceBuf,
    event: Option<PendingEvent>,
    traces: u64,
    event_attrs: FxHashMap<String, usize>,
    trace_attrs: FxHashMap<String, usize>,
    builder: LogBuilder,
    report: ImportReport,
    saw_non_utf8: bool,
    bytes: u64,
    /// `<event>` elements not read (outside a trace's own events), and the line of the first.
    stray_events: u64,
    first_stray: u64,
    renamed: Renamed,
    /// The `<global scope="event">` default for `concept:name`, and the events without a name.
    global_name: Option<String>,
    nameless_events: u64,
    /// Bytes examined by the tokenizer (searches for a tag's end), to test that the work stays linear
    /// in the input however it is chunked.
    work: u64,
    /// An allocation failed while pushing a trace's events: the import stops at the next boundary.
    out_of_memory: bool,
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
            resume: None,
            line: 1,
            counted: 0,
            stack: Vec::new(),
            names: Vec::new(),
            trace: TraceBuf::default(),
            event: None,
            traces: 0,
            event_attrs: FxHashMap::default(),
            trace_attrs: FxHashMap::default(),
            builder: LogBuilder::new(),
            report,
            saw_non_utf8: false,
            bytes: 0,
            stray_events: 0,
            first_stray: 0,
            renamed: Renamed::default(),
            global_name: None,
            nameless_events: 0,
            work: 0,
            out_of_memory: false,
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

    /// Heap bytes the events read so far take (for the import's memory estimate).
    pub fn heap_bytes(&self) -> usize {
        // The open trace's events wait in its buffer until the trace ends: one trace of a million
        // events is a million events of memory before the first row is counted.
        self.builder.heap_bytes() + self.trace.heap_bytes()
    }

    /// Feeds the next chunk of XML.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<(), Error> {
        self.bytes += chunk.len() as u64;
        if self.pending.is_empty() {
            let used = self.scan(chunk, true);
            self.pending.extend_from_slice(&chunk[used..]);
        } else {
            // The buffer's UTF-8 is checked in one pass only while what is left of earlier chunks is no
            // longer than the new one, so each byte is checked at most about twice however a long tag is
            // cut; a longer leftover (one tag spanning many chunks) has its values checked one by one.
            let whole = self.pending.len() <= chunk.len();
            let mut buf = std::mem::take(&mut self.pending);
            buf.extend_from_slice(chunk);
            let used = self.scan(&buf, whole);
            buf.drain(..used);
            self.pending = buf;
        }
        self.room_left()
    }

    fn room_left(&self) -> Result<(), Error> {
        match self.out_of_memory {
            true => Err(Error::OutOfMemory {
                rows: self.report.rows,
            }),
            false => Ok(()),
        }
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
                Message::new(
                    "imp-xes-ends-in-tag",
                    "the file ends inside a tag (truncated?)".into(),
                ),
            );
        }
        if self.stack.iter().any(|o| o.elem == Elem::Trace) {
            let line = self.line;
            self.report.problem(
                ProblemKind::Malformed,
                line,
                "",
                "",
                Message::new(
                    "imp-xes-ends-in-trace",
                    "the file ends inside a trace (truncated?); the trace's complete events are kept"
                        .into(),
                ),
            );
            self.event = None;
            self.flush_trace();
        }
        self.room_left()?;
        if self.saw_non_utf8 {
            self.report.encoding = Encoding::Windows1252;
        }
        self.notes();
        super::csv::finish_log(
            self.builder,
            DateOrder::Auto,
            DecimalSep::Point,
            self.report,
        )
    }

    /// The notes on what was read differently from the file's own structure.
    fn notes(&mut self) {
        if self.stray_events > 0 {
            let (count, line) = (self.stray_events, self.first_stray);
            self.report.say(
                Message::new(
                    "imp-xes-stray-events",
                    format!(
                        "{count} <event> elements are not a trace's own events (they sit directly under <log>, \
                         or inside <list>, <container>, unknown or namespaced elements) and were not read; the \
                         first at line {line}"
                    ),
                )
                .arg("count", count)
                .arg("line", line),
            );
        }
        if self.renamed.count > 0 {
            let named: Vec<String> = self
                .renamed
                .examples
                .iter()
                .map(|(name, line)| format!("\"{}\" at line {line}", clip(name)))
                .collect();
            self.report.note(format!(
                "{} traces have the same name as an earlier one; each is read as a case of its own, \
                 numbered: {}{}",
                self.renamed.count,
                named.join(", "),
                if self.renamed.count as usize > NAMED_RENAMED { ", ..." } else { "" }
            ));
        }
        if let (Some(default), true) = (&self.global_name, self.nameless_events > 0) {
            let (count, default) = (self.nameless_events, clip(default));
            self.report.say(
                Message::new(
                    "imp-xes-global-name",
                    format!(
                        "{count} events have no concept:name; the log declares \"{default}\" as its default \
                         (<global scope=\"event\">), which is not applied, as pm4py does not apply it: these \
                         events are skipped"
                    ),
                )
                .arg("count", count)
                .arg("default", &default),
            );
        }
    }

    /// Processes every complete tag in `data`; returns how many bytes were consumed.
    fn scan(&mut self, data: &[u8], check_whole: bool) -> usize {
        // Validate the buffer's UTF-8 at once (up to a character cut by the chunk's end) when asked;
        // attribute values inside the valid prefix are then borrowed with no check per value.
        let valid = if check_whole {
            self.work += data.len() as u64;
            match std::str::from_utf8(data) {
                Ok(t) => t,
                Err(e) => std::str::from_utf8(&data[..e.valid_up_to()]).unwrap_or_default(),
            }
        } else {
            ""
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
            // An incomplete construct left by the last chunk sits at the head of the buffer.
            let (start, resume) = match self.resume.take() {
                Some(r) => (0, Some(r)),
                None => {
                    let Some(lt) = memchr::memchr(b'<', &data[pos..]) else {
                        return data.len();
                    };
                    (pos + lt, None)
                }
            };
            let rest = &data[start..];
            let resume = match resume {
                Some(r) => r,
                None => {
                    if rest.len() < 9
                        && (b"<!--".starts_with(rest) || b"<![CDATA[".starts_with(rest))
                    {
                        return start; // cannot tell yet (at most 8 bytes, read again)
                    }
                    // A special construct's end is searched after its opening, so `<!-->` does not
                    // close itself.
                    if rest.starts_with(b"<!--") {
                        Resume::Special {
                            from: 4,
                            close: b"-->",
                        }
                    } else if rest.starts_with(b"<![CDATA[") {
                        Resume::Special {
                            from: 9,
                            close: b"]]>",
                        }
                    } else if rest.starts_with(b"<?") {
                        Resume::Special {
                            from: 2,
                            close: b"?>",
                        }
                    } else {
                        Resume::Tag {
                            from: 1,
                            quote: None,
                        }
                    }
                }
            };
            let found = match resume {
                Resume::Special { from, close } => {
                    let from = from.min(rest.len());
                    match memchr::memmem::find(&rest[from..], close) {
                        Some(i) => {
                            self.work += (i + close.len()) as u64;
                            Ok(from + i + close.len() - 1)
                        }
                        None => {
                            self.work += (rest.len() - from) as u64;
                            // The close may straddle this chunk's end: search its last bytes again.
                            let again = rest.len().saturating_sub(close.len() - 1).max(from);
                            Err(Resume::Special { from: again, close })
                        }
                    }
                }
                Resume::Tag { from, quote } => {
                    let r = tag_end(rest, from, quote);
                    let to = match r {
                        Ok(end) => end + 1,
                        Err(Resume::Tag { from, .. }) => from,
                        Err(_) => rest.len(),
                    };
                    self.work += to.saturating_sub(from) as u64;
                    r
                }
            };
            let end = match found {
                Ok(end) => end,
                Err(resume) => {
                    self.resume = Some(resume);
                    return start;
                }
            };
            let special = matches!(resume, Resume::Special { .. });
            if !special && !rest.starts_with(b"<!") {
                self.tag(
                    Src {
                        data,
                        valid,
                        at: start,
                    },
                    &rest[1..end],
                );
            }
            pos = start + end + 1;
        }
    }

    fn tag(&mut self, src: Src, tag: &[u8]) {
        if let Some(name) = tag.strip_prefix(b"/") {
            self.end_tag(&src, name.trim_ascii());
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
        let parent = self.stack.last().map(|o| o.elem);
        let elem = match (parent, name) {
            (None, b"log") => Elem::Log,
            (Some(Elem::Log), b"trace") => {
                self.line_at(src.data, src.at);
                self.start_trace();
                Elem::Trace
            }
            // A trace opened inside an unclosed one: its `</trace>` is missing.
            (_, b"trace") if self.open(Elem::Trace) => {
                self.close_before(&src, Elem::Log, "<trace>");
                self.line_at(src.data, src.at);
                self.start_trace();
                Elem::Trace
            }
            (Some(Elem::Trace), b"event") => {
                self.start_event(&src);
                Elem::Event
            }
            // An event opened inside an unclosed one, or inside an unclosed attribute element (which
            // only sits in a trace or an event): the end tags in between are missing.
            (Some(Elem::Event | Elem::Attr), b"event") => {
                self.close_before(&src, Elem::Trace, "<event>");
                self.start_event(&src);
                Elem::Event
            }
            (
                Some(Elem::Trace | Elem::Event),
                b"string" | b"date" | b"int" | b"float" | b"boolean" | b"id",
            ) => {
                self.attribute(&src, attrs, parent == Some(Elem::Event));
                Elem::Attr
            }
            (Some(Elem::Log), b"global") => {
                let event =
                    xml_attributes(attrs).any(|(k, v)| k == b"scope" && v.trim_ascii() == b"event");
                Elem::Global(event)
            }
            (Some(Elem::Global(true)), _) => {
                self.global_default(&src, attrs);
                Elem::Other
            }
            _ => {
                // `event` with or without a namespace prefix.
                if name == b"event" || name.ends_with(b":event") {
                    self.stray_events += 1;
                    if self.first_stray == 0 {
                        self.first_stray = self.line_at(src.data, src.at);
                    }
                }
                Elem::Other
            }
        };
        if self_closing {
            if elem == Elem::Event {
                self.end_event();
            } else if elem == Elem::Trace {
                self.flush_trace();
            }
        } else {
            self.stack.push(Open {
                elem,
                name_at: self.names.len() as u32,
            });
            self.names.extend_from_slice(name);
        }
    }

    /// Whether an element of this kind is open.
    fn open(&self, elem: Elem) -> bool {
        self.stack.iter().any(|o| o.elem == elem)
    }

    /// The name of the open element at stack index `i`.
    fn name_of(&self, i: usize) -> &[u8] {
        let start = self.stack[i].name_at as usize;
        let end = self
            .stack
            .get(i + 1)
            .map_or(self.names.len(), |o| o.name_at as usize);
        self.names.get(start..end).unwrap_or_default()
    }

    /// Pops the top element, ending the event or trace it is.
    fn pop(&mut self) {
        if let Some(o) = self.stack.pop() {
            self.names.truncate(o.name_at as usize);
            match o.elem {
                Elem::Event => self.end_event(),
                Elem::Trace => self.flush_trace(),
                _ => {}
            }
        }
    }

    /// Closes the elements left open above the innermost `keep` element, as `opening` (a tag opened
    /// where they should have been closed) implies, and reports their missing end tags.
    fn close_before(&mut self, src: &Src, keep: Elem, opening: &str) {
        let Some(at) = self.stack.iter().rposition(|o| o.elem == keep) else {
            return;
        };
        let missing = self.missing_ends(at + 1);
        let line = self.line_at(src.data, src.at);
        self.report.problem(
            ProblemKind::Malformed,
            line,
            "",
            "",
            Message::new(
                "imp-xes-missing-ends-opening",
                format!("missing {missing} before this {opening}; closed here"),
            )
            .arg("missing", &missing)
            .arg("tag", opening),
        );
        while self.stack.len() > at + 1 {
            self.pop();
        }
    }

    /// `</a>, </b>` for the open elements from the top of the stack down to index `from` (the first
    /// few, then how many more).
    fn missing_ends(&self, from: usize) -> String {
        const SHOWN: usize = 5;
        let open = self.stack.len().saturating_sub(from);
        let mut names: Vec<String> = (from..self.stack.len())
            .rev()
            .take(SHOWN)
            .map(|i| format!("</{}>", clip(&String::from_utf8_lossy(self.name_of(i)))))
            .collect();
        if open > SHOWN {
            names.push(format!("and {} more", open - SHOWN));
        }
        names.join(", ")
    }

    fn end_tag(&mut self, src: &Src, name: &[u8]) {
        let Some(at) = (0..self.stack.len())
            .rev()
            .find(|&i| self.name_of(i) == name)
        else {
            let line = self.line_at(src.data, src.at);
            let shown = String::from_utf8_lossy(name);
            let message = if name.is_empty() {
                Message::new(
                    "imp-xes-nameless-end",
                    "a closing tag without a name (</>); ignored".into(),
                )
            } else {
                let tag = format!("</{}>", clip(&shown));
                Message::new(
                    "imp-xes-unopened-end",
                    format!("{tag} closes no open element; ignored"),
                )
                .arg("tag", tag)
            };
            self.report
                .problem(ProblemKind::Malformed, line, "", &shown, message);
            return;
        };
        if at + 1 < self.stack.len() {
            let missing = self.missing_ends(at + 1);
            let line = self.line_at(src.data, src.at);
            self.report.problem(ProblemKind::Malformed, line, "", "", {
                let tag = format!("</{}>", clip(&String::from_utf8_lossy(name)));
                Message::new(
                    "imp-xes-missing-ends",
                    format!("missing {missing} before {tag}; closed here"),
                )
                .arg("missing", &missing)
                .arg("tag", tag)
            });
        }
        while self.stack.len() > at {
            self.pop();
        }
    }

    fn start_trace(&mut self) {
        self.trace.clear();
        self.trace.line = self.line;
        self.traces += 1;
    }

    fn start_event(&mut self, src: &Src) {
        self.line_at(src.data, src.at);
        self.event = Some(PendingEvent {
            line: self.line,
            attrs: (self.trace.attrs.len() as u32, self.trace.attrs.len() as u32),
            ..Default::default()
        });
    }

    /// `key` and `value` of an attribute element, decoded and unescaped.
    fn key_value<'a>(&mut self, src: &Src<'a>, attrs: &'a [u8]) -> Option<(String, String)> {
        let (mut key, mut value) = (None, None);
        for (k, v) in xml_attributes(attrs) {
            match k {
                b"key" => key = Some(v),
                b"value" => value = Some(v),
                _ => {}
            }
        }
        let (key, value) = (src.text(key?), src.text(value?));
        if matches!(key, Cow::Owned(_)) || matches!(value, Cow::Owned(_)) {
            self.saw_non_utf8 = true;
        }
        Some((unescape(&key).into_owned(), unescape(&value).into_owned()))
    }

    /// An attribute declared in `<global scope="event">`: the default for `concept:name` is kept for the
    /// report.
    fn global_default(&mut self, src: &Src, attrs: &[u8]) {
        if let Some((key, value)) = self.key_value(src, attrs) {
            if key == "concept:name" {
                self.global_name = Some(value);
            }
        }
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

    /// The case id for a trace named `name`: the name itself, or, when an earlier trace already gave
    /// its events that name, the name numbered ` (2)`, ` (3)`, ... (the first number free); and whether
    /// it was renumbered.
    fn unique_case(&mut self, name: String) -> (String, bool) {
        if !self.builder.has_case(&name) {
            return (name, false);
        }
        // Each repeated name remembers its next number, so a thousand traces named alike cost a
        // thousand look-ups, not half a million.
        let mut n = self.renamed.next.get(&name).copied().unwrap_or(2);
        let unique = loop {
            let candidate = format!("{name} ({n})");
            n += 1;
            if !self.builder.has_case(&candidate) {
                break candidate;
            }
        };
        self.renamed.next.insert(name, n);
        (unique, true)
    }

    /// Turns the buffered trace into events. Once memory has run out, nothing more is pushed and the
    /// next [`feed`](Self::feed) or [`finish`](Self::finish) says so.
    fn flush_trace(&mut self) {
        let mut t = std::mem::take(&mut self.trace);
        if !self.out_of_memory && self.push_trace(&t).is_err() {
            self.out_of_memory = true;
        }
        t.clear();
        self.trace = t;
    }

    fn push_trace(&mut self, t: &TraceBuf) -> Result<(), NoRoom> {
        let name: String = match t.name {
            Some(r) if !t.get(r).is_empty() => t.get(r).to_string(),
            _ => {
                if !t.events.is_empty() {
                    self.report.say(Message::new(
                        "imp-xes-nameless-traces",
                        "some traces have no concept:name; they are named \"trace N\" by their position in the \
                         file"
                            .into(),
                    ));
                }
                format!("trace {}", self.traces)
            }
        };
        let (case, renamed) = self.unique_case(name);
        let mut pushed = 0usize;
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
                self.nameless_events += 1;
                self.report.problem(
                    ProblemKind::MissingActivity,
                    ev.line,
                    "concept:name",
                    "",
                    Message::new(
                        "imp-xes-no-name",
                        format!("event in trace \"{}\" has no concept:name", clip(&case)),
                    )
                    .arg("trace", clip(&case)),
                );
                continue;
            }
            if raw_time.is_empty() {
                self.report.problem(
                    ProblemKind::MissingTimestamp,
                    ev.line,
                    "time:timestamp",
                    "",
                    Message::new(
                        "imp-xes-no-time",
                        format!("event in trace \"{}\" has no time:timestamp", clip(&case)),
                    )
                    .arg("trace", clip(&case)),
                );
                continue;
            }
            let Some(time) = parse_timestamp(raw_time, DateOrder::Auto) else {
                self.report.problem(
                    ProblemKind::UnreadableTimestamp,
                    ev.line,
                    "time:timestamp",
                    raw_time,
                    Message::new(
                        "imp-unreadable-time",
                        format!("cannot read \"{}\" as a date and time", clip(raw_time)),
                    )
                    .arg("value", clip(raw_time)),
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
            )?;
            pushed += 1;
            for &(idx, r) in &t.attrs[ev.attrs.0 as usize..ev.attrs.1 as usize] {
                self.builder.set_attribute(idx, t.get(r))?;
            }
        }
        // A trace none of whose events could be read leaves no case (and takes no name).
        if pushed > 0 {
            if renamed {
                self.renamed.count += 1;
                if self.renamed.examples.len() < NAMED_RENAMED {
                    self.renamed.examples.push((case.clone(), t.line));
                }
            }
            for &(idx, r) in &t.case_attrs {
                self.builder.set_case_attribute(idx, &case, t.get(r))?;
            }
        }
        Ok(())
    }
}

/// The buffer being scanned, its validated UTF-8 prefix (empty when not validated at once), and where
/// the current tag starts.
struct Src<'a> {
    data: &'a [u8],
    valid: &'a str,
    at: usize,
}

impl<'a> Src<'a> {
    /// A slice of `data` as text: borrowed from the validated prefix when it lies inside it, else
    /// decoded (checked once, when its tag is complete).
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

/// Position of the `>` closing a tag that starts at `data[0] == b'<'`, skipping quoted values; the
/// search starts at `from`, inside the quote `quote` if any. When the tag is incomplete, where to resume.
fn tag_end(data: &[u8], from: usize, quote: Option<u8>) -> Result<usize, Resume> {
    let mut i = from.min(data.len());
    if let Some(q) = quote {
        match memchr::memchr(q, &data[i..]) {
            Some(k) => i += k + 1,
            None => {
                return Err(Resume::Tag {
                    from: data.len(),
                    quote,
                })
            }
        }
    }
    loop {
        let Some(j) = memchr::memchr3(b'>', b'"', b'\'', &data[i..]).map(|j| j + i) else {
            return Err(Resume::Tag {
                from: data.len(),
                quote: None,
            });
        };
        let q = data[j];
        if q == b'>' {
            return Ok(j);
        }
        match memchr::memchr(q, &data[j + 1..]) {
            Some(k) => i = j + 1 + k + 1,
            None => {
                return Err(Resume::Tag {
                    from: data.len(),
                    quote: Some(q),
                })
            }
        }
    }
}

/// `name="value"` pairs of a tag (values still escaped).
fn xml_attributes(s: &[u8]) -> XmlAttributes<'_> {
    XmlAttributes { rest: s }
}

/// The iterator of [`xml_attributes`]: a named type with an `#[inline]` `next`, so it is inlined into
/// the attribute reader, the hottest loop of an XES import.
struct XmlAttributes<'a> {
    rest: &'a [u8],
}

impl<'a> Iterator for XmlAttributes<'a> {
    type Item = (&'a [u8], &'a [u8]);

    #[inline(always)]
    fn next(&mut self) -> Option<Self::Item> {
        let s = self.rest;
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
        self.rest = &rest[vstart + vlen + 1..];
        Some((name, value))
    }
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
        assert_eq!(
            tag_end(b"<string key=\"a>b\" value='>'/> tail", 1, None).ok(),
            Some(28)
        );
        // Cut inside a quoted value: resumed from the cut, still inside the quote.
        let cut = b"<string key=\"a>b";
        let Err(Resume::Tag { from, quote }) = tag_end(cut, 1, None) else {
            panic!("a cut tag is incomplete");
        };
        assert_eq!((from, quote), (cut.len(), Some(b'"')));
        let whole = b"<string key=\"a>b\" value='>'/> tail";
        assert_eq!(tag_end(whole, from, quote).ok(), Some(28));
    }
}
