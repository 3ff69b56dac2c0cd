//! Parquet files, read row by row with the `parquet` crate's record reader (no Arrow): typed columns map
//! straight to [`Cell`]s (integers and floats to numbers, decimals to numbers, strings to text, dates
//! to whole days, timestamps to instants when the file says they are UTC-adjusted and to naive
//! date-times otherwise).
//!
//! Row groups are decoded one at a time, so memory follows a row group, not the file. Nested columns
//! (groups, lists, maps) are left out and named in a note; a file with only nested columns is an error.
//! Compression: snappy, gzip and lz4 everywhere; zstd only natively (the C zstd library does not build
//! for the browser here), and a zstd file in the browser gets an error that says so.

use super::error::Error;
use super::report::Message;
use super::tables::{unique_columns, write_rows, Cell, Table};
use parquet::basic::LogicalType;
use parquet::file::metadata::ParquetMetaData;
use parquet::file::reader::{ChunkReader, FileReader, SerializedFileReader};
use parquet::record::reader::RowIter;
use parquet::record::Field;
use parquet::schema::types::Type;
use std::sync::Arc;

/// Whether the bytes start like a Parquet file.
pub fn is_parquet(head: &[u8]) -> bool {
    head.starts_with(b"PAR1")
}

/// How a column's timestamps are read.
#[derive(Debug, Clone, Copy, PartialEq)]
enum TimeZone {
    Utc,
    Naive,
}

/// The rows of a Parquet file, one row group at a time.
pub struct ParquetRows {
    iter: RowIter<'static>,
    columns: Vec<String>,
    zones: Vec<TimeZone>,
    /// Rows the file declares.
    pub total_rows: u64,
    notes: Vec<Message>,
}

fn perr(e: impl std::fmt::Display) -> Error {
    let text = e.to_string();
    if text.contains("ZSTD") || text.contains("zstd") {
        return Error::Invalid(format!(
            "the file is compressed with zstd, which this build cannot read (the browser build has no \
             zstd; open it with the relance command line, or write it with snappy or gzip): {text}"
        ));
    }
    Error::Invalid(format!("cannot read the Parquet file: {text}"))
}

/// Refuses column chunks that do not lie inside the file. The `parquet` crate asserts (panics) on a
/// negative chunk offset or size when the rows are read, which would kill the browser's worker: a
/// damaged file must be an error that names what is wrong instead (found by the `import_workbook`
/// fuzz target).
fn check_column_chunks(meta: &ParquetMetaData, file_len: u64) -> Result<(), Error> {
    for (g, group) in meta.row_groups().iter().enumerate() {
        for c in group.columns() {
            let start = c.dictionary_page_offset().unwrap_or(c.data_page_offset());
            let len = c.compressed_size();
            let inside = start >= 0
                && c.data_page_offset() >= 0
                && len >= 0
                && (start as u64).saturating_add(len as u64) <= file_len;
            if !inside {
                return Err(Error::Invalid(format!(
                    "the Parquet file is damaged: column \"{}\" of row group {} lies outside the file \
                     (offset {start}, {len} bytes, file of {file_len} bytes)",
                    c.column_path(),
                    g + 1
                )));
            }
        }
    }
    Ok(())
}

impl ParquetRows {
    /// Opens a Parquet file (in memory, or a `std::fs::File`).
    pub fn open<R: ChunkReader + 'static>(reader: R) -> Result<ParquetRows, Error> {
        let file_len = reader.len();
        let file = SerializedFileReader::new(reader).map_err(perr)?;
        check_column_chunks(file.metadata(), file_len)?;
        let meta = file.metadata().file_metadata();
        let total_rows = meta.num_rows().max(0) as u64;
        let root = meta.schema_descr().root_schema();
        let mut kept: Vec<Arc<Type>> = Vec::new();
        let mut nested = Vec::new();
        let mut zones = Vec::new();
        for f in root.get_fields() {
            if f.is_primitive() {
                let info = f.get_basic_info();
                let zone = match info.logical_type_ref() {
                    Some(LogicalType::Timestamp(t)) if !t.is_adjusted_to_u_t_c => TimeZone::Naive,
                    _ => TimeZone::Utc,
                };
                zones.push(zone);
                kept.push(f.clone());
            } else {
                nested.push(f.name().to_string());
            }
        }
        if kept.is_empty() {
            return Err(Error::Invalid(format!(
                "the Parquet file has only nested columns ({}), which cannot be read as a table",
                nested.join(", ")
            )));
        }
        let mut notes = Vec::new();
        if !nested.is_empty() {
            let names = nested
                .iter()
                .take(10)
                .map(|n| format!("\"{n}\""))
                .collect::<Vec<_>>()
                .join(", ");
            notes.push(
                Message::new(
                    "imp-parquet-nested",
                    format!(
                        "{} nested Parquet columns (groups, lists, maps) were left out: {names}",
                        nested.len(),
                    ),
                )
                .arg("count", nested.len())
                .arg("columns", names),
            );
        }
        let mut columns: Vec<String> = kept.iter().map(|f| f.name().to_string()).collect();
        unique_columns(&mut columns);
        let projection = Type::group_type_builder(root.name())
            .with_fields(kept)
            .build()
            .map_err(perr)?;
        let iter = RowIter::from_file_into(Box::new(file))
            .project(Some(projection))
            .map_err(perr)?;
        Ok(ParquetRows {
            iter,
            columns,
            zones,
            total_rows,
            notes,
        })
    }

    /// Opens a Parquet file held in memory.
    pub fn from_vec(bytes: Vec<u8>) -> Result<ParquetRows, Error> {
        Self::open(bytes::Bytes::from(bytes))
    }

    /// Column names.
    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// Notes on what was left out.
    pub fn notes(&self) -> Vec<Message> {
        self.notes.clone()
    }

    /// The next row; `None` at the end.
    pub fn next_row(&mut self) -> Result<Option<Vec<Cell>>, Error> {
        let Some(row) = self.iter.next() else {
            return Ok(None);
        };
        let row = row.map_err(perr)?;
        Ok(Some(
            row.get_column_iter()
                .enumerate()
                .map(|(i, (_, f))| field(f, self.zones.get(i).copied().unwrap_or(TimeZone::Utc)))
                .collect(),
        ))
    }

    /// Writes the header (when `header`) and rows as CSV until `out` holds about `max_bytes`; returns
    /// the rows written and whether more remain.
    pub fn write_csv(
        &mut self,
        out: &mut Vec<u8>,
        header: bool,
        max_bytes: usize,
    ) -> Result<(u64, bool), Error> {
        // The names, copied once per step: `next_row` borrows the whole reader.
        let columns = self.columns.clone();
        write_rows(out, (&columns, header), max_bytes, || self.next_row())
    }

    /// The whole file as a table named `name`.
    pub fn into_table(mut self, name: &str) -> Result<Table, Error> {
        let mut t = Table {
            name: name.to_string(),
            columns: self.columns.clone(),
            notes: self.notes(),
            ..Default::default()
        };
        while let Some(row) = self.next_row()? {
            t.row_numbers.push(t.rows.len() as u64 + 1);
            t.rows.push(row);
        }
        Ok(t)
    }
}

/// A decimal's value: its unscaled big-endian integer over 10^scale (f64 keeps 15-17 digits, plenty
/// for amounts).
fn decimal(d: &parquet::data_type::Decimal) -> f64 {
    let bytes = d.data();
    let mut v: i128 = if bytes.first().is_some_and(|b| b & 0x80 != 0) {
        -1
    } else {
        0
    };
    for &b in bytes.iter().take(16) {
        v = (v << 8) | b as i128;
    }
    v as f64 / 10f64.powi(d.scale())
}

fn field(f: &Field, zone: TimeZone) -> Cell {
    let time = |ms: i64| match zone {
        TimeZone::Utc => Cell::Instant(ms),
        TimeZone::Naive => Cell::Time(ms),
    };
    match f {
        Field::Null => Cell::Empty,
        Field::Bool(b) => Cell::Bool(*b),
        Field::Byte(x) => Cell::Number(*x as f64),
        Field::Short(x) => Cell::Number(*x as f64),
        Field::Int(x) => Cell::Number(*x as f64),
        Field::Long(x) => Cell::Number(*x as f64),
        Field::UByte(x) => Cell::Number(*x as f64),
        Field::UShort(x) => Cell::Number(*x as f64),
        Field::UInt(x) => Cell::Number(*x as f64),
        Field::ULong(x) => Cell::Number(*x as f64),
        Field::Float16(x) => Cell::Number(f64::from(*x)),
        Field::Float(x) => Cell::Number(*x as f64),
        Field::Double(x) => Cell::Number(*x),
        Field::Decimal(d) => Cell::Number(decimal(d)),
        Field::Str(s) if s.is_empty() => Cell::Empty,
        Field::Str(s) => Cell::Text(s.clone()),
        Field::Bytes(b) => Cell::Text(String::from_utf8_lossy(b.data()).into_owned()),
        Field::Date(days) => Cell::Time(*days as i64 * crate::calendar::MS_PER_DAY),
        Field::TimestampMillis(ms) => time(*ms),
        Field::TimestampMicros(us) => time(us.div_euclid(1000)),
        Field::TimeMillis(ms) => Cell::Text(format_time(*ms as i64)),
        Field::TimeMicros(us) => Cell::Text(format_time(us / 1000)),
        // Left out by the projection; never reached.
        Field::Group(_) | Field::ListInternal(_) | Field::MapInternal(_) => Cell::Empty,
    }
}

fn format_time(ms: i64) -> String {
    let ms = ms.rem_euclid(crate::calendar::MS_PER_DAY);
    format!(
        "{:02}:{:02}:{:02}",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60
    )
}
