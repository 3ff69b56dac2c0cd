//! Importing event logs: CSV and XES, plain or gzip-compressed, pushed in chunks of any size.
//!
//! ```
//! use relance_engine::import::{Importer, ImportOptions};
//! let mut imp = Importer::new(ImportOptions::default());
//! imp.feed(b"case,activity,timestamp\nA,Create,2024-01-01T10:00:00Z\n").unwrap();
//! imp.feed(b"A,Pay,2024-01-05T10:00:00Z\n").unwrap();
//! let imported = imp.finish().unwrap();
//! assert_eq!(imported.log.event_count(), 2);
//! ```
//!
//! The [`Importer`] looks at the first bytes: gzip is inflated on the fly, XML is read as XES and
//! anything else as CSV, whose dialect and column roles are guessed by [`detect::sniff_csv`] unless the
//! options say otherwise.

pub mod budget;
mod builder;
pub mod csv;
pub mod detect;
pub mod error;
pub use crate::values::number;
#[cfg(not(target_arch = "wasm32"))]
mod parallel;
#[cfg(feature = "parquet")]
pub mod parquet;
pub mod report;
pub mod roles;
#[cfg(feature = "xlsx")]
pub mod sources;
pub mod tables;
pub mod text;
pub use crate::values::timestamp;
pub mod xes;
#[cfg(feature = "xlsx")]
pub mod xlsx;

pub use self::csv::{CsvDecoder, CsvOptions};
pub use budget::{BudgetSource, MemoryBudget, MemoryEstimate};
pub use builder::LogBuilder;
pub use detect::Sniff;
#[cfg(not(target_arch = "wasm32"))]
pub use parallel::import_bytes_parallel;
pub use report::{ImportReport, Message, Problem, ProblemKind};
pub use roles::ColumnRole;
pub use timestamp::DateOrder;
pub use xes::{XesDecoder, XesOptions};

use self::error::Error;
use crate::log::EventLog;
use std::io::Write;

mod path;
pub use path::*;

/// A file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Delimited text.
    #[default]
    Csv,
    /// IEEE 1849 XES.
    Xes,
}

/// A log and the report of its import.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The log.
    pub log: EventLog,
    /// What was read, assumed and skipped.
    pub report: ImportReport,
}

/// Import settings. The defaults guess everything.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ImportOptions {
    /// Complete CSV options (from the mapping screen); `None` to guess them from the file.
    pub csv: Option<CsvOptions>,
    /// Role overrides by column name, applied to guessed CSV options.
    pub roles: Vec<(String, ColumnRole)>,
    /// Field delimiter override.
    pub delimiter: Option<u8>,
    /// Day/month order override.
    pub date_order: DateOrder,
    /// Keep only `complete` lifecycle events (CSV lifecycle column, XES `lifecycle:transition`).
    pub complete_only: bool,
    /// Read only the case, activity, timestamps and resource, not the other attributes (for work that
    /// does not look at them: it saves interning every other column).
    #[serde(default)]
    pub core_only: bool,
    /// Size of the file as it is fed, when known (for a gzip file, its compressed size): the importer
    /// reserves room for the rows a plain file implies instead of growing its columns step by step, and
    /// extrapolates its memory estimate to it.
    #[serde(default)]
    pub size_hint: Option<u64>,
    /// The most memory the import may take: past it, the import stops early with
    /// [`Error::TooBig`] (see [`budget`]). `None`: no estimate is checked (allocation failures while
    /// reading still end in [`Error::OutOfMemory`], not an abort).
    #[serde(default)]
    pub memory_budget: Option<MemoryBudget>,
    /// What was assumed before this import (reading a workbook, joining tables): copied into the
    /// report's notes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Message>,
}

impl ImportOptions {
    /// The CSV options for a file whose first bytes are `head`.
    pub fn csv_options(&self, head: &[u8], complete: bool) -> Result<CsvOptions, Error> {
        let mut o = match &self.csv {
            Some(o) => o.clone(),
            None => detect::sniff_csv_with(head, complete, self.delimiter)?.options,
        };
        for (name, role) in &self.roles {
            o.set_role(name, *role)?;
        }
        if self.date_order != DateOrder::Auto {
            o.date_order = self.date_order;
        }
        o.complete_only |= self.complete_only;
        if self.core_only {
            for r in o.roles.iter_mut() {
                if !matches!(
                    r,
                    ColumnRole::Case
                        | ColumnRole::Activity
                        | ColumnRole::Timestamp
                        | ColumnRole::StartTimestamp
                        | ColumnRole::Resource
                        | ColumnRole::Lifecycle
                ) {
                    *r = ColumnRole::Ignore;
                }
            }
        }
        Ok(o)
    }
}

/// What the first bytes of a file say, for the mapping screen.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Preview {
    /// The format.
    pub format: Format,
    /// Whether the file is gzip-compressed.
    pub gzip: bool,
    /// The CSV guess (CSV only).
    pub csv: Option<Sniff>,
    /// XES only: whether the head records lifecycle transitions other than `complete` (then the
    /// mapping screen offers to keep only complete events, as Disco and ProM do).
    #[serde(default)]
    pub xes_lifecycle: bool,
}

/// Looks at the head of a file (compressed or not) and guesses how to read it, from the same sample the
/// importer will sniff ([`detect::sample_end`]). `complete` says the head is the whole file. When the
/// head is too short to hold that sample (a header longer than the head, a gzip head that inflates to
/// less), the answer is [`Error::NeedMoreHead`]: read a longer head and ask again.
pub fn preview(head: &[u8], complete: bool, delimiter: Option<u8>) -> Result<Preview, Error> {
    let gzip = is_gzip(head);
    let inflated;
    let (body, complete) = if gzip {
        inflated = inflate_head(head, detect::MAX_SNIFF_BYTES);
        (&inflated.0[..], complete && inflated.1)
    } else {
        (head, complete)
    };
    let mut scanned = 0;
    let sample = match detect::sample_end(body, &mut scanned) {
        Some(end) => &body[..end.min(body.len())],
        None if complete => body,
        None => return Err(Error::NeedMoreHead),
    };
    if sample.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::Empty);
    }
    let format = detect::detect_format(sample);
    let csv = match format {
        Format::Csv => Some(detect::sniff_csv_with(
            sample,
            complete && sample.len() == body.len(),
            delimiter,
        )?),
        Format::Xes => None,
    };
    let xes_lifecycle = format == Format::Xes && xes_has_lifecycle(sample);
    Ok(Preview {
        format,
        gzip,
        csv,
        xes_lifecycle,
    })
}

/// Whether an XES head has `lifecycle:transition` values other than `complete`.
fn xes_has_lifecycle(sample: &[u8]) -> bool {
    let key = b"\"lifecycle:transition\"";
    memchr::memmem::find_iter(sample, key).any(|at| {
        let rest = &sample[at + key.len()..sample.len().min(at + key.len() + 200)];
        let Some(v) = memchr::memmem::find(rest, b"value=\"") else {
            return false;
        };
        let value = &rest[v + 7..];
        let end = memchr::memchr(b'"', value).unwrap_or(value.len());
        !value[..end].eq_ignore_ascii_case(b"complete")
    })
}

fn is_gzip(b: &[u8]) -> bool {
    b.len() >= 2 && b[0] == 0x1f && b[1] == 0x8b
}

/// Inflates up to `max` bytes of a gzip head; says whether the stream ended within it.
fn inflate_head(head: &[u8], max: usize) -> (Vec<u8>, bool) {
    use std::io::Read;
    let mut d = flate2::read::MultiGzDecoder::new(head);
    let mut out = vec![0u8; max];
    let mut n = 0;
    let mut ended = false;
    while n < max {
        match d.read(&mut out[n..]) {
            Ok(0) => {
                ended = true;
                break;
            }
            Ok(k) => n += k,
            Err(_) => break, // the head was cut mid-stream: keep what came out
        }
    }
    out.truncate(n);
    (out, ended)
}

enum Stage {
    /// Collecting the first bytes (after inflating) to guess the format and dialect, with how far the
    /// search for the sample's end got ([`detect::sample_end`]).
    Head(Vec<u8>, usize),
    Csv(Box<CsvDecoder>),
    Xes(Box<XesDecoder>),
    Done,
}

/// Receives inflated bytes and routes them to the right decoder.
struct Router {
    opts: ImportOptions,
    stage: Stage,
    error: Option<Error>,
    /// Bytes received (after inflating).
    received: u64,
}

impl Router {
    fn feed(&mut self, chunk: &[u8]) -> Result<(), Error> {
        self.received += chunk.len() as u64;
        match &mut self.stage {
            Stage::Head(buf, scanned) => {
                buf.extend_from_slice(chunk);
                if let Some(end) = detect::sample_end(buf, scanned) {
                    self.start(Some(end))?;
                }
                Ok(())
            }
            Stage::Csv(d) => d.feed(chunk),
            Stage::Xes(d) => d.feed(chunk),
            Stage::Done => Ok(()),
        }
    }

    /// Picks the decoder from the head's sample (the first `sample_end` bytes, or the whole head when
    /// the file ended first) and feeds it the whole head.
    fn start(&mut self, sample_end: Option<usize>) -> Result<(), Error> {
        let Stage::Head(head, _) = std::mem::replace(&mut self.stage, Stage::Done) else {
            return Ok(());
        };
        if head.iter().all(|b| b.is_ascii_whitespace()) {
            return Err(Error::Empty);
        }
        let (sample, complete) = match sample_end {
            Some(n) => (&head[..n.min(head.len())], false),
            None => (&head[..], true),
        };
        match detect::detect_format(sample) {
            Format::Xes => {
                let mut d = XesDecoder::new(XesOptions {
                    complete_only: self.opts.complete_only,
                    core_only: self.opts.core_only,
                });
                d.feed(&head)?;
                self.stage = Stage::Xes(Box::new(d));
            }
            Format::Csv => {
                let o = self.opts.csv_options(sample, complete)?;
                let mut d = CsvDecoder::new(o)?;
                if let Some(size) = self.opts.size_hint {
                    d.reserve_rows(estimate_rows(sample, size));
                }
                d.feed(&head)?;
                self.stage = Stage::Csv(Box::new(d));
            }
        }
        Ok(())
    }

    /// Heap bytes of the events read so far (the head, at most a few MiB of text, is not events yet).
    fn heap_bytes(&self) -> usize {
        match &self.stage {
            Stage::Head(..) => 0,
            Stage::Csv(d) => d.heap_bytes(),
            Stage::Xes(d) => d.heap_bytes(),
            Stage::Done => 0,
        }
    }

    fn rows(&self) -> u64 {
        match &self.stage {
            Stage::Csv(d) => d.rows(),
            Stage::Xes(d) => d.rows(),
            _ => 0,
        }
    }

    fn finish(mut self) -> Result<Imported, Error> {
        if let Stage::Head(..) = self.stage {
            self.start(None)?;
        }
        let mut imported = match self.stage {
            Stage::Csv(d) => d.finish(),
            Stage::Xes(d) => d.finish(),
            _ => Err(Error::Empty),
        }?;
        for n in std::mem::take(&mut self.opts.notes) {
            imported.report.say(n);
        }
        Ok(imported)
    }
}

impl Write for Router {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.error.is_none() {
            if let Err(e) = self.feed(buf) {
                self.error = Some(e);
            }
        }
        // Keep accepting bytes after an error so the inflater does not report a second, confusing one.
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Rows in a file of `size` bytes whose lines are like those of `sample` (its first bytes).
fn estimate_rows(sample: &[u8], size: u64) -> usize {
    let lines = memchr::memchr_iter(b'\n', sample).count().max(1) as u64;
    let per_line = (sample.len() as u64 / lines).max(1);
    (size / per_line + 1).min(1 << 28) as usize
}

/// Compressed input goes to the inflater in pieces this small when a budget is set: one piece inflates
/// to at most 16 MiB (deflate's limit is 1032:1) before the estimate is checked again.
const GZIP_PIECE: usize = 16 << 10;
/// Plain input, likewise (the browser's slice size).
const PLAIN_PIECE: usize = 4 << 20;

enum Mode {
    /// Fewer than two bytes seen: gzip or not is still open.
    Undecided(Vec<u8>, Router),
    Plain(Router),
    Gzip(Box<flate2::write::MultiGzDecoder<Router>>),
}

/// The push importer: feed it the file in chunks, then [`finish`](Importer::finish).
pub struct Importer {
    mode: Option<Mode>,
    bytes: u64,
    /// Bytes of the file the input fed so far came from: `bytes`, or what a caller that inflates the
    /// file itself says ([`Importer::feed_inflated`]).
    input_read: u64,
    budget: Option<MemoryBudget>,
    size: Option<u64>,
}

impl Importer {
    /// A new importer.
    pub fn new(opts: ImportOptions) -> Self {
        let (budget, size) = (opts.memory_budget, opts.size_hint);
        let router = Router {
            opts,
            stage: Stage::Head(Vec::new(), 0),
            error: None,
            received: 0,
        };
        Self {
            mode: Some(Mode::Undecided(Vec::new(), router)),
            bytes: 0,
            input_read: 0,
            budget,
            size,
        }
    }

    /// Compressed or plain bytes fed so far.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// Bytes decoded so far (after inflating gzip input).
    pub fn inflated_bytes(&self) -> u64 {
        match &self.mode {
            Some(Mode::Plain(r)) => r.received,
            Some(Mode::Gzip(gz)) => gz.get_ref().received,
            Some(Mode::Undecided(first, _)) => first.len() as u64,
            None => 0,
        }
    }

    /// Feeds the start of `chunk`, stopping once about `max_out` decoded bytes came out of it, and
    /// returns how many bytes of `chunk` it took. The browser worker feeds a slice this way and looks
    /// for Cancel (and checks memory) between calls: one 4 MiB slice of gzip can inflate to more than a
    /// gigabyte, which a single `feed` would decode without a pause. Compressed input goes in 16 KiB
    /// pieces, so one call decodes at most `max_out` plus 16 KiB × the deflate limit (1032:1), about
    /// 16 MiB, more than asked.
    pub fn feed_bounded(&mut self, chunk: &[u8], max_out: usize) -> Result<usize, Error> {
        let start = self.inflated_bytes();
        let mut taken = 0;
        while taken < chunk.len() {
            let gzip = matches!(self.mode, Some(Mode::Gzip(_)));
            let step = if gzip { GZIP_PIECE } else { max_out.max(1) };
            let end = (taken + step).min(chunk.len());
            self.feed(&chunk[taken..end])?;
            taken = end;
            if self.inflated_bytes() - start >= max_out as u64 {
                break;
            }
        }
        Ok(taken)
    }

    /// The memory the whole import will need, extrapolated from what the first `self.bytes()` of a
    /// `total_input`-byte file took (compressed bytes for gzip input, so the compression ratio is in
    /// the extrapolation). `None` before anything was decoded.
    pub fn estimate(&self, total_input: u64) -> Option<MemoryEstimate> {
        let heap = self.heap_bytes();
        if self.input_read == 0 || heap == 0 {
            return None;
        }
        Some(MemoryEstimate::extrapolate(
            heap,
            self.rows(),
            self.input_read,
            self.inflated_bytes(),
            Some(total_input),
        ))
    }

    fn heap_bytes(&self) -> usize {
        match &self.mode {
            Some(Mode::Plain(r)) => r.heap_bytes(),
            Some(Mode::Gzip(gz)) => gz.get_ref().heap_bytes(),
            _ => 0,
        }
    }

    /// Stops the import when the estimate passes the budget (none set: never).
    fn check_budget(&self) -> Result<(), Error> {
        let Some(budget) = self.budget else {
            return Ok(());
        };
        let heap = self.heap_bytes();
        if heap == 0 {
            return Ok(());
        }
        let estimate = MemoryEstimate::extrapolate(
            heap,
            self.rows(),
            self.input_read,
            self.inflated_bytes(),
            self.size,
        );
        if budget.refuses(&estimate) {
            return Err(Error::TooBig { estimate, budget });
        }
        Ok(())
    }

    /// Rows (CSV records or XES events) decoded so far.
    pub fn rows(&self) -> u64 {
        match &self.mode {
            Some(Mode::Plain(r)) => r.rows(),
            Some(Mode::Gzip(gz)) => gz.get_ref().rows(),
            _ => 0,
        }
    }

    /// Feeds the next chunk of the file.
    ///
    /// With a memory budget, the chunk goes in pieces and the estimate is checked after each: a
    /// chunk of a few MiB of gzip can inflate to gigabytes, and a whole file held in memory is one
    /// chunk.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<(), Error> {
        if self.budget.is_none() {
            return self.feed_piece(chunk);
        }
        let mut rest = chunk;
        while !rest.is_empty() {
            // Small pieces until the input is known not to be gzip (its first two bytes).
            let piece = match self.mode {
                Some(Mode::Plain(_)) => PLAIN_PIECE,
                _ => GZIP_PIECE,
            };
            let (now, later) = rest.split_at(piece.min(rest.len()));
            self.feed_piece(now)?;
            self.check_budget()?;
            rest = later;
        }
        Ok(())
    }

    /// Feeds bytes the caller inflated from a gzip file itself (the command line inflates on another
    /// thread), `input_read` being how many bytes of the compressed file all the bytes fed so far came
    /// from: the memory estimate scales by it, as it does for gzip fed whole.
    pub fn feed_inflated(&mut self, chunk: &[u8], input_read: u64) -> Result<(), Error> {
        if matches!(self.mode, Some(Mode::Undecided(..))) {
            if let Some(Mode::Undecided(first, router)) = self.mode.take() {
                // Inflated bytes are the file's content whatever they start with.
                self.mode = Some(Mode::Plain(router));
                self.push(&first)?;
            }
        }
        let before = self.input_read;
        self.feed(chunk)?;
        self.input_read = input_read.max(before);
        self.check_budget()
    }

    fn feed_piece(&mut self, chunk: &[u8]) -> Result<(), Error> {
        self.bytes += chunk.len() as u64;
        self.input_read += chunk.len() as u64;
        match self.mode.take() {
            Some(Mode::Undecided(mut first, router)) => {
                first.extend_from_slice(chunk);
                if first.len() < 2 {
                    self.mode = Some(Mode::Undecided(first, router));
                    return Ok(());
                }
                if is_gzip(&first) {
                    self.mode = Some(Mode::Gzip(Box::new(flate2::write::MultiGzDecoder::new(
                        router,
                    ))));
                } else {
                    self.mode = Some(Mode::Plain(router));
                }
                self.push(&first)
            }
            mode => {
                self.mode = mode;
                self.push(chunk)
            }
        }
    }

    fn push(&mut self, chunk: &[u8]) -> Result<(), Error> {
        match self.mode.as_mut() {
            Some(Mode::Plain(r)) => r.feed(chunk),
            Some(Mode::Gzip(gz)) => {
                gz.write_all(chunk)
                    .map_err(|e| Error::Gzip(e.to_string()))?;
                match gz.get_mut().error.take() {
                    Some(e) => Err(e),
                    None => Ok(()),
                }
            }
            _ => Ok(()),
        }
    }

    /// Ends the input and returns the log with its report.
    pub fn finish(self) -> Result<Imported, Error> {
        match self.mode {
            Some(Mode::Undecided(first, mut router)) => {
                router.feed(&first)?;
                router.finish()
            }
            Some(Mode::Plain(router)) => router.finish(),
            Some(Mode::Gzip(mut gz)) => {
                gz.try_finish().map_err(|e| Error::Gzip(e.to_string()))?;
                let mut router = gz.finish().map_err(|e| Error::Gzip(e.to_string()))?;
                if let Some(e) = router.error.take() {
                    return Err(e);
                }
                router.finish()
            }
            None => Err(Error::Empty),
        }
    }
}

/// Imports a whole file held in memory.
pub fn import_bytes(bytes: &[u8], mut opts: ImportOptions) -> Result<Imported, Error> {
    if opts.memory_budget.is_some() && opts.size_hint.is_none() {
        // The budget's estimate scales to the whole input.
        opts.size_hint = Some(bytes.len() as u64);
    }
    let mut imp = Importer::new(opts);
    imp.feed(bytes)?;
    imp.finish()
}
