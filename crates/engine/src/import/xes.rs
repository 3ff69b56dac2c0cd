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

use super::error::Error;
use super::report::{clip, ColumnsUsed, ImportReport, Message, ProblemKind};
use super::text::{decode_cp1252_into, Encoding};
use super::timestamp::{parse_timestamp, DateOrder};
use super::LogBuilder;
use super::{number::DecimalSep, ColumnRole, Format, Imported};
use crate::log::{NoRoom, Scope};
use rustc_hash::FxHashMap;
use std::borrow::Cow;

mod elements;
mod xml;
use xml::*;

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
            let tail =
                String::from_utf8_lossy(&self.pending[..self.pending.len().min(80)]).into_owned();
            self.malformed(
                self.line,
                &tail,
                Message::new(
                    "imp-xes-ends-in-tag",
                    "the file ends inside a tag (truncated?)".into(),
                ),
            );
        }
        if self.stack.iter().any(|o| o.elem == Elem::Trace) {
            self.malformed(self.line, "", Message::new(
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
}

#[cfg(test)]
mod tests;
