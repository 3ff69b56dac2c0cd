//! Streaming CSV import: a push decoder over `csv_core` that accepts byte chunks of any size.
//!
//! The decoder keeps a partial record across chunks (csv-core's state machine plus our output buffer), so
//! 4 MiB browser slices and a native file go through the same code. Each record becomes one event; a
//! record without a case id, an activity or a readable timestamp is counted and listed in the report,
//! never dropped silently and never fatal.

use super::error::Error;
use super::report::{clip, ColumnsUsed, ImportReport, Message, ProblemKind, MAX_VALUE_BYTES};
use super::text::{decode_cp1252_into, Encoding, Utf16Decoder};
use super::timestamp::{parse_timestamp, DateOrder};
use super::LogBuilder;
use super::{number::DecimalSep, ColumnRole, Format, Imported};
use crate::log::{NoRoom, Scope};
use csv_core::{ReadRecordResult, Reader, ReaderBuilder};
use rustc_hash::{FxHashMap, FxHashSet};

mod rows;
use rows::*;

/// How to read a CSV file. [`super::detect::sniff_csv`] fills one from the first bytes; every field can
/// be overridden.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CsvOptions {
    /// Field delimiter.
    pub delimiter: u8,
    /// Quote character.
    pub quote: u8,
    /// Whether the first record names the columns.
    pub has_header: bool,
    /// Character encoding (UTF-8 falls back to Windows-1252 field by field when bytes are not UTF-8).
    pub encoding: Encoding,
    /// Column names (from the header, or `Column 1`, ... without one).
    pub columns: Vec<String>,
    /// One role per column.
    pub roles: Vec<ColumnRole>,
    /// Day/month order.
    pub date_order: DateOrder,
    /// Decimal separator when the values do not settle it.
    pub decimal: DecimalSep,
    /// Keep only events whose lifecycle is `complete` (or absent).
    pub complete_only: bool,
}

impl Default for CsvOptions {
    fn default() -> Self {
        Self {
            delimiter: b',',
            quote: b'"',
            has_header: true,
            encoding: Encoding::Utf8,
            columns: Vec::new(),
            roles: Vec::new(),
            date_order: DateOrder::Auto,
            decimal: DecimalSep::Point,
            complete_only: false,
        }
    }
}

impl CsvOptions {
    /// Gives `role` to the column named `name` (taking it from any other column for unique roles).
    pub fn set_role(&mut self, name: &str, role: ColumnRole) -> Result<(), Error> {
        let i = self
            .columns
            .iter()
            .position(|c| c == name)
            .or_else(|| {
                self.columns
                    .iter()
                    .position(|c| c.trim().eq_ignore_ascii_case(name.trim()))
            })
            .ok_or_else(|| Error::UnknownColumn {
                name: name.to_string(),
                columns: self.columns.clone(),
            })?;
        if role.is_unique() {
            for r in &mut self.roles {
                if *r == role {
                    *r = ColumnRole::Attribute;
                }
            }
        }
        if self.roles.len() < self.columns.len() {
            self.roles.resize(self.columns.len(), ColumnRole::Attribute);
        }
        self.roles[i] = role;
        Ok(())
    }

    /// The column with a role.
    pub fn column_with(&self, role: ColumnRole) -> Option<usize> {
        self.roles.iter().position(|&r| r == role)
    }
}

/// Where each role's column sits, resolved once from the options.
#[derive(Debug, Clone)]
struct Layout {
    case: usize,
    activity: usize,
    timestamp: usize,
    start: Option<usize>,
    resource: Option<usize>,
    lifecycle: Option<usize>,
    /// (column index, builder attribute index)
    attrs: Vec<(usize, usize)>,
}

/// The push decoder.
pub struct CsvDecoder {
    opts: CsvOptions,
    reader: Reader,
    out: Vec<u8>,
    ends: Vec<usize>,
    nout: usize,
    nend: usize,
    utf16: Option<Utf16Decoder>,
    transcoded: Vec<u8>,
    header_pending: bool,
    layout: Option<Layout>,
    builder: LogBuilder,
    report: ImportReport,
    /// Fields as text for the current record (reused).
    /// Field ranges of the current record (in `out`, or in `decoded`).
    spans: Vec<(u32, u32)>,
    /// The current record decoded field by field, when it is not plain UTF-8.
    decoded: String,
    /// The last timestamp parsed.
    last_time: LastTime,
    saw_non_utf8: bool,
    saw_utf8_multibyte: bool,
    bytes: u64,
    /// The file's first bytes while fewer than three have arrived (see [`CsvDecoder::push`]).
    first_bytes: Option<Vec<u8>>,
    /// Line breaks consumed by csv-core so far, for the line numbers in the report.
    breaks: u64,
    /// Whether the header (the first record) was read; the fast path starts after it.
    header_seen: bool,
    /// Whether the last byte consumed was `\r` (a CRLF split across chunks is one break).
    after_cr: bool,
    /// Whether csv-core is inside a record it has not returned yet (it may have consumed an opening
    /// quote and nothing else, so `nout` and `nend` can both be 0): the fast path must wait.
    in_record: bool,
}

impl CsvDecoder {
    /// A decoder for a file read with these options. When the options have a header, the column names
    /// and roles are checked against it when it arrives.
    pub fn new(opts: CsvOptions) -> Result<Self, Error> {
        let mut d = Self::new_unchecked(opts);
        if !d.header_pending {
            d.resolve_layout()?;
        }
        Ok(d)
    }

    fn new_unchecked(opts: CsvOptions) -> Self {
        let reader = ReaderBuilder::new()
            .delimiter(opts.delimiter)
            .quote(opts.quote)
            .build();
        let utf16 = match opts.encoding {
            Encoding::Utf16Le => Some(Utf16Decoder::new(true)),
            Encoding::Utf16Be => Some(Utf16Decoder::new(false)),
            _ => None,
        };
        let mut report = ImportReport::new(Format::Csv);
        report.encoding = opts.encoding;
        report.delimiter = Some(opts.delimiter as char);
        Self {
            header_pending: opts.has_header,
            opts,
            reader,
            out: vec![0; 64 * 1024],
            ends: vec![0; 256],
            nout: 0,
            nend: 0,
            utf16,
            transcoded: Vec::new(),
            layout: None,
            builder: LogBuilder::new(),
            report,
            spans: Vec::new(),
            decoded: String::new(),
            last_time: LastTime::default(),
            saw_non_utf8: false,
            saw_utf8_multibyte: false,
            bytes: 0,
            first_bytes: Some(Vec::new()),
            breaks: 0,
            header_seen: false,
            after_cr: false,
            in_record: false,
        }
    }

    /// A decoder for a later part of the same file, which starts at a line boundary after `breaks` line
    /// breaks: the same options and columns (this decoder must have read the header), an empty log.
    /// [`absorb`](Self::absorb) then appends what it read. Used to read a file in memory on several
    /// threads.
    pub fn fork(&self, breaks: u64) -> Option<Self> {
        let layout = self.layout.as_ref()?;
        if self.utf16.is_some() {
            return None;
        }
        let mut d = Self::new_unchecked(self.opts.clone());
        d.layout = Some(layout.clone());
        d.builder = self.builder.empty_like();
        d.report.columns = self.report.columns.clone();
        d.header_pending = false;
        d.header_seen = true;
        d.first_bytes = None;
        d.breaks = breaks;
        Some(d)
    }

    /// Ends the input of a [`fork`](Self::fork) that read the file's last part: a last line without a
    /// line break becomes a record.
    pub fn end_input(&mut self) -> Result<(), Error> {
        self.parse(&[], true)
    }

    /// Whether everything fed so far ended with whole records (nothing is waiting for more bytes).
    pub fn at_record_boundary(&self) -> bool {
        self.nout == 0 && self.nend == 0 && !self.in_record && self.first_bytes.is_none()
    }

    /// Appends the rows of a [`fork`](Self::fork) that read the part of the file right after this one's.
    pub fn absorb(&mut self, other: CsvDecoder) {
        self.builder.append(other.builder);
        self.report.append(other.report);
        self.saw_non_utf8 |= other.saw_non_utf8;
        self.saw_utf8_multibyte |= other.saw_utf8_multibyte;
        self.bytes += other.bytes;
    }

    /// Reserves room for about `rows` rows.
    pub fn reserve_rows(&mut self, rows: usize) {
        self.builder.reserve(rows.min(1 << 28));
    }

    /// Rows read so far.
    pub fn rows(&self) -> u64 {
        self.report.rows
    }

    /// Bytes fed so far.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// Heap bytes the events read so far take (for the import's memory estimate).
    pub fn heap_bytes(&self) -> usize {
        self.builder.heap_bytes()
    }

    fn resolve_layout(&mut self) -> Result<(), Error> {
        let o = &mut self.opts;
        if o.roles.len() < o.columns.len() {
            o.roles.resize(o.columns.len(), ColumnRole::Attribute);
        }
        for note in unique_names(&mut o.columns) {
            self.report.say(note);
        }
        let find = |role: ColumnRole| o.roles.iter().position(|&r| r == role);
        let need = |role: ColumnRole| {
            find(role).ok_or_else(|| Error::MissingRole {
                role: role.label(),
                columns: o.columns.clone(),
            })
        };
        let case = need(ColumnRole::Case)?;
        let activity = need(ColumnRole::Activity)?;
        let timestamp = need(ColumnRole::Timestamp)?;
        let mut attrs = Vec::new();
        for (i, (&role, name)) in o.roles.iter().zip(&o.columns).enumerate() {
            let keep = matches!(
                role,
                ColumnRole::Attribute
                    | ColumnRole::Lifecycle
                    | ColumnRole::Amount
                    | ColumnRole::Currency
                    | ColumnRole::Customer
                    | ColumnRole::Segment
                    | ColumnRole::DueDate
                    | ColumnRole::Channel
                    | ColumnRole::DunningLevel
                    | ColumnRole::DisputeReason
                    | ColumnRole::PromiseDate
            );
            if keep {
                // `case:` columns (pm4py's flat CSV convention) describe the case, not the event.
                let (attr_name, scope) = match name.strip_prefix("case:") {
                    Some(rest) if !rest.is_empty() => (rest, Scope::Case),
                    _ => (name.as_str(), Scope::Event),
                };
                attrs.push((i, self.builder.add_attribute(attr_name, scope, role)));
            }
        }
        let name = |i: usize| o.columns[i].clone();
        self.report.columns = ColumnsUsed {
            case: name(case),
            activity: name(activity),
            timestamp: name(timestamp),
            start_timestamp: find(ColumnRole::StartTimestamp).map(name),
            resource: find(ColumnRole::Resource).map(name),
            other_roles: o
                .roles
                .iter()
                .enumerate()
                .filter(|(_, r)| {
                    !matches!(
                        r,
                        ColumnRole::Case
                            | ColumnRole::Activity
                            | ColumnRole::Timestamp
                            | ColumnRole::StartTimestamp
                            | ColumnRole::Resource
                            | ColumnRole::Attribute
                    )
                })
                .map(|(i, r)| (r.key().to_string(), name(i)))
                .collect(),
        };
        self.layout = Some(Layout {
            case,
            activity,
            timestamp,
            start: find(ColumnRole::StartTimestamp),
            resource: find(ColumnRole::Resource),
            lifecycle: find(ColumnRole::Lifecycle),
            attrs,
        });
        Ok(())
    }

    /// Feeds the next chunk of the file.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<(), Error> {
        self.bytes += chunk.len() as u64;
        if let Some(dec) = &mut self.utf16 {
            let mut buf = std::mem::take(&mut self.transcoded);
            buf.clear();
            dec.push(chunk, &mut buf);
            let r = self.push(&buf);
            self.transcoded = buf;
            return r;
        }
        self.push(chunk)
    }

    /// Passes text to csv-core, holding the file's first bytes until there are three: csv-core skips a
    /// UTF-8 BOM only when its first call sees all of it, so a file fed one byte at a time would
    /// otherwise start its first field with U+FEFF.
    fn push(&mut self, mut bytes: &[u8]) -> Result<(), Error> {
        if let Some(mut held) = self.first_bytes.take() {
            let k = (3 - held.len().min(3)).min(bytes.len());
            held.extend_from_slice(&bytes[..k]);
            bytes = &bytes[k..];
            if held.len() < 3 {
                self.first_bytes = Some(held);
                return Ok(());
            }
            self.parse(&held, false)?;
        }
        self.parse(bytes, false)
    }

    /// Ends the input and builds the log.
    pub fn finish(mut self) -> Result<Imported, Error> {
        if let Some(dec) = &mut self.utf16 {
            let mut buf = Vec::new();
            dec.finish(&mut buf);
            let replaced = dec.replaced;
            self.push(&buf)?;
            if replaced > 0 {
                self.report.say(
                    Message::new(
                        "imp-utf16-broken",
                        format!(
                            "{replaced} unpaired UTF-16 surrogates (or a stray last byte) were replaced by \
                             U+FFFD: the file's text is broken there"
                        ),
                    )
                    .arg("count", replaced),
                );
            }
        }
        if let Some(held) = self.first_bytes.take() {
            self.parse(&held, false)?;
        }
        self.parse(&[], true)?;
        if self.layout.is_none() {
            return Err(Error::Empty);
        }
        if self.saw_non_utf8 {
            self.report.encoding = Encoding::Windows1252;
            if self.saw_utf8_multibyte {
                self.report.say(Message::new(
                    "imp-mixed-encoding",
                    "the file mixes UTF-8 and Windows-1252 text; fields that were not valid UTF-8 were read as \
                     Windows-1252"
                        .into(),
                ));
            }
        }
        finish_log(
            self.builder,
            self.opts.date_order,
            self.opts.decimal,
            self.report,
        )
    }

    /// Runs csv-core over `input`. An empty `input` tells csv-core the file ended, so it is only passed
    /// with `eof`.
    fn parse(&mut self, mut input: &[u8], eof: bool) -> Result<(), Error> {
        if input.is_empty() && !eof {
            return Ok(());
        }
        loop {
            // Fast path: at a record boundary, a whole line with no quote and no lone CR is a record whose
            // fields split at the delimiter. Most ERP exports are made of such lines; splitting them with
            // memchr is several times faster than csv-core's byte-at-a-time state machine, which still
            // reads every other line (quoted fields, CR-only files, the header with its possible BOM).
            if self.nout == 0 && self.nend == 0 && self.header_seen && !self.in_record {
                if let Some(used) = self.fast_line(input)? {
                    input = &input[used..];
                    if input.is_empty() && !eof {
                        return Ok(());
                    }
                    continue;
                }
            }
            let (res, nin, nout, nend) = self.reader.read_record(
                input,
                &mut self.out[self.nout..],
                &mut self.ends[self.nend..],
            );
            let last = if nin > 0 { input[nin - 1] } else { 0 };
            self.breaks += count_breaks(&input[..nin], &mut self.after_cr);
            input = &input[nin..];
            self.nout += nout;
            self.nend += nend;
            if nin > 0 {
                self.in_record = !matches!(res, ReadRecordResult::Record | ReadRecordResult::End);
            }
            match res {
                ReadRecordResult::InputEmpty | ReadRecordResult::End => return Ok(()),
                // One record longer than the buffer (a quote never closed takes in the rest of the
                // file): grown fallibly like the columns.
                ReadRecordResult::OutputFull => grow(&mut self.out, self.report.rows)?,
                ReadRecordResult::OutputEndsFull => grow(&mut self.ends, self.report.rows)?,
                ReadRecordResult::Record => {
                    // The record's first line: the breaks consumed so far, less those inside its quoted
                    // fields and the one that ended it (csv-core returns a record on its terminator's
                    // first byte; at the end of the file there is none).
                    let mut inside = 0;
                    let mut start = 0;
                    for &end in &self.ends[..self.nend] {
                        inside += count_breaks(&self.out[start..end], &mut false);
                        start = end;
                    }
                    let terminated = u64::from(matches!(last, b'\n' | b'\r'));
                    let line = (1 + self.breaks).saturating_sub(inside + terminated);
                    let r = self.record(line);
                    self.nout = 0;
                    self.nend = 0;
                    self.header_seen = true;
                    r?;
                    if input.is_empty() && !eof {
                        return Ok(());
                    }
                }
            }
        }
    }

    /// Reads one plain line at the start of `input` as a record, if it is plain (see `parse`); returns the
    /// bytes used, or `None` to let csv-core read it.
    fn fast_line(&mut self, input: &[u8]) -> Result<Option<usize>, Error> {
        let Some(nl) = memchr::memchr(b'\n', input) else {
            return Ok(None);
        };
        // The second half of a CRLF whose CR ended csv-core's last record: not a new line.
        if nl == 0 && self.after_cr {
            self.after_cr = false;
            return Ok(Some(1));
        }
        let body = &input[..nl];
        let body = body.strip_suffix(b"\r").unwrap_or(body);
        // One scan finds the delimiters; a quote or a lone CR sends the line to csv-core instead.
        self.spans.clear();
        let mut start = 0u32;
        for d in memchr::memchr3_iter(self.opts.delimiter, self.opts.quote, b'\r', body) {
            if body[d] != self.opts.delimiter {
                return Ok(None);
            }
            self.spans.push((start, d as u32));
            start = d as u32 + 1;
        }
        self.spans.push((start, body.len() as u32));
        self.after_cr = false;
        self.breaks += 1;
        // The fields are read straight from the input: no copy.
        self.fields(body, self.breaks)?;
        Ok(Some(nl + 1))
    }

    /// Turns the record in `out`/`ends` into text fields, then into an event. Fields are slices of the
    /// record buffer when it is valid UTF-8 (no copy), else of a decoded copy.
    fn record(&mut self, line: u64) -> Result<(), Error> {
        self.spans.clear();
        let mut start = 0;
        for &end in &self.ends[..self.nend] {
            self.spans.push((start as u32, end as u32));
            start = end;
        }
        let out = std::mem::take(&mut self.out);
        let r = self.fields(&out[..self.nout], line);
        self.out = out;
        r
    }

    /// Turns one record's bytes (fields at `self.spans`) into an event, or into the header.
    fn fields(&mut self, bytes: &[u8], line: u64) -> Result<(), Error> {
        let n = self.spans.len();
        if n == 1 && self.spans[0].0 == self.spans[0].1 {
            return Ok(()); // a blank line
        }
        let whole = match self.opts.encoding {
            Encoding::Windows1252 => None,
            // Valid as a whole and cut at character boundaries (a malformed file could split a character
            // between two fields).
            _ => std::str::from_utf8(bytes).ok().filter(|t| {
                self.spans
                    .iter()
                    .all(|&(a, _)| t.is_char_boundary(a as usize))
            }),
        };
        let text: &str = match whole {
            Some(t) => {
                if !self.saw_utf8_multibyte && !t.is_ascii() {
                    self.saw_utf8_multibyte = true;
                }
                t
            }
            None => {
                // Field by field: UTF-8 where valid, Windows-1252 otherwise.
                self.decoded.clear();
                for span in self.spans.iter_mut() {
                    let field = &bytes[span.0 as usize..span.1 as usize];
                    let begin = self.decoded.len() as u32;
                    match (self.opts.encoding, std::str::from_utf8(field)) {
                        (Encoding::Windows1252, _) => decode_cp1252_into(field, &mut self.decoded),
                        (_, Ok(f)) => {
                            if !f.is_ascii() {
                                self.saw_utf8_multibyte = true;
                            }
                            self.decoded.push_str(f)
                        }
                        (_, Err(_)) => {
                            self.saw_non_utf8 = true;
                            decode_cp1252_into(field, &mut self.decoded);
                        }
                    }
                    *span = (begin, self.decoded.len() as u32);
                }
                &self.decoded
            }
        };
        let row = Row {
            text,
            spans: &self.spans,
        };
        if self.header_pending {
            self.header_pending = false;
            let header: Vec<String> = (0..n).map(|i| row.get(i).trim().to_string()).collect();
            if self.opts.columns.is_empty() {
                self.opts.columns = header;
            } else if self.opts.columns.len() != header.len() {
                // The options were sniffed from this very header; a mismatch means they came from elsewhere.
                return Err(Error::HeaderMismatch {
                    expected: self.opts.columns.clone(),
                    found: header,
                });
            }
            return self.resolve_layout();
        }
        if let Some(layout) = &self.layout {
            event(
                layout,
                &self.opts,
                row,
                line,
                &mut self.builder,
                &mut self.report,
                &mut self.last_time,
            )
            .map_err(|NoRoom| Error::OutOfMemory {
                rows: self.report.rows,
            })?;
        }
        Ok(())
    }
}

/// Line breaks in `bytes`: each `\n`, `\r\n` or lone `\r`, the record terminators csv-core accepts
/// (csv-core's own `line()` counts only `\n`, so a classic-Mac CR file would stay on line 1). `after_cr`
/// says whether the byte before `bytes` was `\r` and is updated, so a CRLF split across chunks counts once.
pub(crate) fn count_breaks(bytes: &[u8], after_cr: &mut bool) -> u64 {
    let mut n = 0;
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        let lf_after_cr = bytes[i] == b'\n'
            && match i.checked_sub(1) {
                Some(j) => bytes[j] == b'\r',
                None => *after_cr,
            };
        if !lf_after_cr {
            n += 1;
        }
    }
    if let Some(&b) = bytes.last() {
        *after_cr = b == b'\r';
    }
    n
}

/// Shared ending of both importers: build the log, and refuse a log with no event at all.
pub(crate) fn finish_log(
    builder: LogBuilder,
    order: DateOrder,
    decimal: DecimalSep,
    mut report: ImportReport,
) -> Result<Imported, Error> {
    builder
        .room_to_finish()
        .map_err(|NoRoom| Error::OutOfMemory { rows: report.rows })?;
    let log = builder.finish(order, decimal, &mut report);
    if report.naive_timestamps > 0 {
        let n = report.naive_timestamps;
        report.say(
            Message::new(
                "imp-naive-utc",
                format!("{n} timestamps have no time-zone offset and were read as UTC"),
            )
            .arg("count", n),
        );
    }
    if log.event_count() == 0 {
        return Err(Error::NoEvents {
            report: Box::new(report),
        });
    }
    Ok(Imported { log, report })
}

#[cfg(test)]
mod tests;
