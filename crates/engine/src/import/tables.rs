//! Several tables, one log: the AR exports an analyst has (open items, a dunning history, payments,
//! disputes), each keyed by the invoice number, joined into one event log.
//!
//! # Rules
//! 1. **Key** ([`propose`]): the column whose values recur across the tables. Every column of every table
//!    is compared with the columns of the other tables (up to [`KEY_SAMPLE`] distinct values each); a
//!    table's key is the column whose values are found most often in the others (then the header most
//!    like a case id, then the leftmost). Two tables with no value in common are an error naming both.
//! 2. **Shape**: a table with one row per key is **wide** (open items): each date or date-time column is
//!    an event whose activity is the column's header, the other columns are case attributes (written on
//!    every event of the case, like an ERP's flat export). A table whose keys repeat is **long** (a
//!    dunning history): each row is an event; its activity comes from its activity-like text column (a
//!    header read as an activity, or a short text column with few distinct values), or is the table's
//!    name when the table has only one date column, or is the date column's header when it has several.
//!    The other columns are event attributes. A table is still wide when at most 1 % of its keys repeat;
//!    the repeats are reported and the first row of each key gives its attributes.
//! 3. Due dates and promised dates (headers read as those roles) stay attributes, the collections
//!    measures need them; the proposal says so and the model can turn them into events.
//! 4. **Join** ([`join`]): the events of every table, case by case (cases in order of first appearance,
//!    the main table first, then each table's rows in their order), written as CSV text with the key,
//!    `activity`, `timestamp` and the attributes, for the ordinary importer: detection, the day/month
//!    decision, the stable sort by time and the import report stay one code path for one file and for
//!    several.
//!
//! Reported, never silent ([`JoinReport`]): keys of a child table the main table lacks (their events are
//! kept, as cases without open-item row), a wide table's repeated keys, date cells that cannot be read
//! (the event is left out), rows without a key (left out).
//!
//! Date cells typed by the source (spreadsheet dates, Parquet timestamps) carry no time zone (Excel has
//! none): they are written without offset, and the importer reads them as UTC and says so.

use super::detect::{decode_all, records, sniff_csv};
use super::error::Error;
use super::number::{parse_number, DecimalSep};
use super::report::{clip, Message};
use super::roles::{guess_from_headers, header_score, ColumnRole};
use super::timestamp::{looks_like_timestamp, parse_timestamp, DateOrder};
use super::ImportOptions;
use crate::calendar::Civil;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

mod propose;
pub use propose::*;

mod join;
pub use join::*;

/// Distinct values of a column compared with the other tables when looking for the key.
pub const KEY_SAMPLE: usize = 5_000;
/// Examples named in a report line.
const EXAMPLES: usize = 5;
/// Largest share of repeated keys a table can have and still be read as wide.
const WIDE_REPEAT_SHARE: f64 = 0.01;

/// One cell of a table as its source typed it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Cell {
    /// Nothing.
    Empty,
    /// Text (CSV fields are always text; the importer types them).
    Text(String),
    /// A number.
    Number(f64),
    /// A date and time without zone, as milliseconds since 1970-01-01 read as UTC.
    Time(i64),
    /// An instant (a Parquet timestamp adjusted to UTC), milliseconds since the epoch.
    Instant(i64),
    /// A boolean.
    Bool(bool),
}

impl Cell {
    /// Whether the cell holds nothing (or only blanks).
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            Cell::Number(x) => !x.is_finite(),
            _ => false,
        }
    }

    /// The cell as the text the importer reads: numbers with `.` and no exponent for ordinary values,
    /// dates in ISO-8601 (`2024-03-01` for a whole day, `2024-03-01T09:30:00` otherwise, `Z` for
    /// instants).
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(t) => Cow::Borrowed(t),
            Cell::Number(x) if x.is_finite() => Cow::Owned(format!("{x}")),
            Cell::Number(_) => Cow::Borrowed(""),
            Cell::Time(ms) => Cow::Owned(format_naive(*ms)),
            Cell::Instant(ms) => Cow::Owned(crate::calendar::format_iso_utc(*ms)),
            Cell::Bool(b) => Cow::Borrowed(if *b { "true" } else { "false" }),
        }
    }

    /// Whether the cell is a date: typed as one, or text that reads as one.
    fn is_date(&self) -> bool {
        match self {
            Cell::Time(_) | Cell::Instant(_) => true,
            Cell::Text(t) => looks_like_timestamp(t.trim()),
            _ => false,
        }
    }

    /// Whether the cell can be read as a date by the importer.
    fn reads_as_date(&self) -> bool {
        match self {
            Cell::Time(_) | Cell::Instant(_) => true,
            Cell::Text(t) => parse_timestamp(t.trim(), DateOrder::Auto).is_some(),
            // A number in a date column: the importer reads Excel serials and epochs.
            Cell::Number(x) => parse_timestamp(&format!("{x}"), DateOrder::Auto).is_some(),
            _ => false,
        }
    }

    /// Whether the cell is text that is neither a number nor a date.
    fn is_texty(&self) -> bool {
        match self {
            Cell::Text(t) => {
                let t = t.trim();
                !t.is_empty()
                    && parse_number(t, DecimalSep::Point).is_none()
                    && parse_number(t, DecimalSep::Comma).is_none()
                    && !looks_like_timestamp(t)
            }
            _ => false,
        }
    }

    /// The value a key is compared by: trimmed text, and whole numbers without `.0` (a key typed as a
    /// number in one file and as text in another is the same key).
    fn key(&self) -> Cow<'_, str> {
        match self {
            Cell::Text(t) => Cow::Borrowed(t.trim()),
            other => other.text(),
        }
    }
}

/// `YYYY-MM-DD` for a whole day, `YYYY-MM-DDTHH:MM:SS[.mmm]` otherwise, no zone.
pub fn format_naive(ms: i64) -> String {
    let c = Civil::from_ms(ms);
    let mut s = format!("{:04}-{:02}-{:02}", c.year, c.month, c.day);
    if c.hour != 0 || c.minute != 0 || c.second != 0 || c.milli != 0 {
        s.push_str(&format!("T{:02}:{:02}:{:02}", c.hour, c.minute, c.second));
        if c.milli != 0 {
            s.push_str(&format!(".{:03}", c.milli));
        }
    }
    s
}

/// A table read whole: a CSV file, a sheet, a Parquet file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// Its name: the file name without extension, and the sheet for a workbook (`Book [Sheet1]`).
    pub name: String,
    /// Column names (unique).
    pub columns: Vec<String>,
    /// Rows, each at most as wide as `columns` (shorter rows are empty to the right).
    pub rows: Vec<Vec<Cell>>,
    /// Where each row is in its source (line or sheet row, 1-based), for the report.
    pub row_numbers: Vec<u64>,
    /// What reading it assumed or left out.
    pub notes: Vec<Message>,
}

impl Table {
    /// The cell at row `r`, column `c` (empty past a short row's end).
    pub fn cell(&self, r: usize, c: usize) -> &Cell {
        self.rows
            .get(r)
            .and_then(|row| row.get(c))
            .unwrap_or(&Cell::Empty)
    }

    /// A CSV file as a table of text cells: encoding, delimiter and header as the importer guesses them.
    pub fn from_csv(name: &str, bytes: &[u8]) -> Result<Table, Error> {
        let sniff = sniff_csv(
            &bytes[..bytes.len().min(super::detect::MAX_SNIFF_BYTES)],
            true,
        )?;
        let o = sniff.options;
        let text = decode_all(bytes, o.encoding);
        let mut recs = records(&text, o.delimiter, true, usize::MAX).into_iter();
        if o.has_header {
            recs.next();
        }
        let mut t = Table {
            name: name.to_string(),
            columns: o.columns.clone(),
            ..Default::default()
        };
        let width = t.columns.len();
        for (i, rec) in recs.enumerate() {
            if rec.len() > width {
                // Columns the header does not name (read as far as the header goes).
                while t.columns.len() < rec.len() {
                    t.columns.push(format!("Column {}", t.columns.len() + 1));
                }
            }
            t.rows.push(
                rec.into_iter()
                    .map(|f| {
                        if f.is_empty() {
                            Cell::Empty
                        } else {
                            Cell::Text(f)
                        }
                    })
                    .collect(),
            );
            t.row_numbers.push(i as u64 + 1 + u64::from(o.has_header));
        }
        unique_columns(&mut t.columns);
        Ok(t)
    }

    /// Heap bytes the cells take, roughly (for memory budgets).
    pub fn heap_bytes(&self) -> usize {
        self.rows
            .iter()
            .map(|r| {
                r.len() * std::mem::size_of::<Cell>()
                    + r.iter()
                        .map(|c| match c {
                            Cell::Text(t) => t.capacity(),
                            _ => 0,
                        })
                        .sum::<usize>()
            })
            .sum()
    }
}

/// Makes column names unique (`note`, `note (2)`) and names empty ones `Column N`.
pub fn unique_columns(columns: &mut [String]) {
    let mut seen: FxHashSet<String> = FxHashSet::default();
    for (i, c) in columns.iter_mut().enumerate() {
        if c.trim().is_empty() {
            *c = format!("Column {}", i + 1);
        }
        let base = c.trim().to_string();
        let mut name = base.clone();
        let mut n = 2;
        while !seen.insert(name.clone()) {
            name = format!("{base} ({n})");
            n += 1;
        }
        *c = name;
    }
}

/// Whether a table has one row per key or several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// One row per key: date columns are events, the rest case attributes.
    Wide,
    /// Several rows per key: each row is an event.
    Long,
}

/// What a column is used for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "use", rename_all = "snake_case")]
pub enum ColumnUse {
    /// The key shared with the other tables (the case id).
    Key,
    /// A date column: each filled cell is an event with this activity name (in a long table with an
    /// activity column, the row's activity is used instead, for the table's first event column).
    Event {
        /// The activity name.
        activity: String,
    },
    /// A long table's activity column: each row's event is named by its value.
    Activity,
    /// An attribute: of the case in a wide table, of the event in a long one.
    Attribute,
    /// Left out.
    Ignore,
}

/// One column of a table in the model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnModel {
    /// The column's name in its table.
    pub name: String,
    /// How it is used.
    #[serde(flatten)]
    pub usage: ColumnUse,
}

/// One table in the model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableModel {
    /// The table's name (as [`Table::name`]).
    pub name: String,
    /// Wide or long.
    pub shape: Shape,
    /// Every column, in the table's order.
    pub columns: Vec<ColumnModel>,
}

impl TableModel {
    /// The key column's name.
    pub fn key(&self) -> Option<&str> {
        self.columns
            .iter()
            .find(|c| c.usage == ColumnUse::Key)
            .map(|c| c.name.as_str())
    }
}

/// How several tables make one log: saved in the view file, applied by `relance --model`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataModel {
    /// The tables, the main one (whose keys define the cases) first.
    pub tables: Vec<TableModel>,
    /// Why the proposal chose what it chose (not read back).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Message>,
}

impl DataModel {
    /// Parses a saved model.
    pub fn from_json(text: &str) -> Result<DataModel, Error> {
        serde_json::from_str(text).map_err(|e| Error::Json {
            what: "data model",
            message: e.to_string(),
        })
    }
}

#[cfg(test)]
mod tests;
