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
use super::number::{parse_number, DecimalSep};
use super::report::{clip, Message};
use super::roles::{guess_from_headers, header_score, ColumnRole};
use super::timestamp::{looks_like_timestamp, parse_timestamp, DateOrder};
use super::ImportOptions;
use crate::calendar::Civil;
use crate::error::Error;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

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

/// What one column holds, from its cells.
#[derive(Debug, Clone, Default)]
struct Profile {
    filled: usize,
    dates: usize,
    texty: usize,
    /// Distinct values (key form), up to [`KEY_SAMPLE`].
    sample: Vec<String>,
    /// Whether there are more distinct values than the sample.
    more: bool,
    /// Distinct count, capped at [`KEY_SAMPLE`] + 1.
    distinct: usize,
}

impl Profile {
    fn is_date(&self) -> bool {
        self.filled > 0 && self.dates * 5 >= self.filled * 4
    }
}

fn profile(t: &Table, c: usize) -> Profile {
    let mut p = Profile::default();
    let mut seen: FxHashSet<String> = FxHashSet::default();
    for r in 0..t.rows.len() {
        let cell = t.cell(r, c);
        if cell.is_empty() {
            continue;
        }
        p.filled += 1;
        // Dates are judged on the first cells only: parsing every cell of a big table twice is slow,
        // and a date column shows itself early.
        if p.filled <= 1000 {
            if cell.is_date() {
                p.dates += 1;
            }
            if cell.is_texty() {
                p.texty += 1;
            }
        }
        if !p.more {
            let k = cell.key();
            if !seen.contains(k.as_ref()) {
                if seen.len() >= KEY_SAMPLE {
                    p.more = true;
                } else {
                    seen.insert(k.to_string());
                    p.sample.push(k.into_owned());
                }
            }
        }
    }
    // The judged cells, not all of them, are the base of the date and text shares.
    let judged = p.filled.min(1000);
    p.dates = p.dates * p.filled / judged.max(1);
    p.texty = p.texty * p.filled / judged.max(1);
    p.distinct = p.sample.len() + usize::from(p.more);
    p
}

/// Rows per key value of a column: (distinct keys, keys seen more than once).
fn repeats(t: &Table, c: usize) -> (usize, usize, Vec<String>) {
    let mut count: FxHashMap<Cow<'_, str>, u32> = FxHashMap::default();
    let mut order = Vec::new();
    for r in 0..t.rows.len() {
        let cell = t.cell(r, c);
        if cell.is_empty() {
            continue;
        }
        let k = cell.key();
        let n = count.entry(k.clone()).or_insert(0);
        *n += 1;
        if *n == 2 {
            order.push(k.into_owned());
        }
    }
    (count.len(), order.len(), order)
}

/// Proposes a model for these tables (see the module documentation for the rules).
pub fn propose(tables: &[Table]) -> Result<DataModel, Error> {
    if tables.is_empty() {
        return Err(Error::Empty);
    }
    let profiles: Vec<Vec<Profile>> = tables
        .iter()
        .map(|t| (0..t.columns.len()).map(|c| profile(t, c)).collect())
        .collect();
    let keys = find_keys(tables, &profiles)?;
    let mut notes = Vec::new();
    let mut models = Vec::new();
    for (ti, t) in tables.iter().enumerate() {
        let key = keys[ti];
        let (distinct, repeated, _) = repeats(t, key);
        let shape = if repeated == 0
            || (repeated as f64) <= WIDE_REPEAT_SHARE * distinct as f64
                && activity_column(t, &profiles[ti], key).is_none()
        {
            Shape::Wide
        } else {
            Shape::Long
        };
        models.push(table_model(t, &profiles[ti], key, shape, &mut notes));
    }
    // The main table: the wide table with the most keys (it defines the cases), else the first.
    let main = (0..tables.len())
        .filter(|&i| models[i].shape == Shape::Wide)
        .max_by_key(|&i| (repeats(&tables[i], keys[i]).0, std::cmp::Reverse(i)))
        .unwrap_or(0);
    let first = models.remove(main);
    models.insert(0, first);
    Ok(DataModel {
        tables: models,
        notes,
    })
}

/// The key column of each table.
fn find_keys(tables: &[Table], profiles: &[Vec<Profile>]) -> Result<Vec<usize>, Error> {
    // Keys are ids: not dates, not mostly blank, more than one value.
    let candidate = |p: &Profile| p.filled > 0 && !p.is_date() && p.distinct >= 2;
    let head_score = |t: &Table, c: usize| header_score(&t.columns[c], ColumnRole::Case);
    if tables.len() == 1 {
        let t = &tables[0];
        let roles = guess_from_headers(&t.columns);
        let key = roles
            .iter()
            .position(|&r| r == ColumnRole::Case)
            .or_else(|| (0..t.columns.len()).find(|&c| candidate(&profiles[0][c])))
            .ok_or_else(|| Error::Invalid(format!("{}: no column can be a case id", t.name)))?;
        return Ok(vec![key]);
    }
    // Which columns hold each sampled value: one pass over the samples instead of comparing every pair
    // of columns (a wide ERP export has a hundred). A value found in many columns ("1", "EUR") says
    // nothing about keys and is left out.
    const MAX_COLUMNS_PER_VALUE: usize = 64;
    let mut index: FxHashMap<&str, Vec<(u32, u32)>> = FxHashMap::default();
    for (t, ps) in profiles.iter().enumerate() {
        for (c, p) in ps.iter().enumerate() {
            if !candidate(p) {
                continue;
            }
            for v in &p.sample {
                index
                    .entry(v.as_str())
                    .or_default()
                    .push((t as u32, c as u32));
            }
        }
    }
    // hits[(t, c, u, d)]: values of column c (table t) found in column d (table u).
    let mut hits: FxHashMap<(u32, u32, u32, u32), u32> = FxHashMap::default();
    for cols in index.values() {
        if cols.len() < 2 || cols.len() > MAX_COLUMNS_PER_VALUE {
            continue;
        }
        for &(t, c) in cols {
            for &(u, d) in cols {
                if t != u {
                    *hits.entry((t, c, u, d)).or_insert(0) += 1;
                }
            }
        }
    }
    // share(t, c, u, d): the part of column c's sample found in column d of table u.
    let share = |t: usize, c: usize, u: usize, d: usize| -> f64 {
        let n = profiles[t][c].sample.len();
        if n == 0 {
            return 0.0;
        }
        let h = hits
            .get(&(t as u32, c as u32, u as u32, d as u32))
            .copied()
            .unwrap_or(0);
        h as f64 / n as f64
    };
    // best[t][c][u]: the best share of column c with any column of table u.
    let mut best_with: FxHashMap<(u32, u32, u32), f64> = FxHashMap::default();
    for (&(t, c, u, d), _) in hits.iter() {
        let s = share(t as usize, c as usize, u as usize, d as usize)
            .max(share(u as usize, d as usize, t as usize, c as usize));
        let e = best_with.entry((t, c, u)).or_insert(0.0);
        if s > *e {
            *e = s;
        }
    }
    let mut keys = Vec::with_capacity(tables.len());
    for t in 0..tables.len() {
        let mut best: Option<(f64, u32, usize)> = None;
        for (c, profile) in profiles[t].iter().enumerate() {
            if !candidate(profile) {
                continue;
            }
            let score: f64 = (0..tables.len())
                .filter(|&u| u != t)
                .map(|u| {
                    best_with
                        .get(&(t as u32, c as u32, u as u32))
                        .copied()
                        .unwrap_or(0.0)
                })
                .sum();
            let h = head_score(&tables[t], c);
            let better = match best {
                None => true,
                Some((s, bh, _)) => score > s + 1e-9 || ((score - s).abs() <= 1e-9 && h > bh),
            };
            if better {
                best = Some((score, h, c));
            }
        }
        match best {
            Some((s, _, c)) if s > 0.0 => keys.push(c),
            _ => {
                let others: Vec<&str> = tables
                    .iter()
                    .enumerate()
                    .filter(|&(u, _)| u != t)
                    .map(|(_, x)| x.name.as_str())
                    .collect();
                return Err(Error::Invalid(format!(
                    "{} shares no key with {}: no column of it holds values found in a column of the \
                     others (an invoice number, a document number)",
                    tables[t].name,
                    others.join(", ")
                )));
            }
        }
    }
    // Every table must meet another through its key.
    for t in 0..tables.len() {
        let linked = (0..tables.len())
            .filter(|&u| u != t)
            .any(|u| share(t, keys[t], u, keys[u]) > 0.0 || share(u, keys[u], t, keys[t]) > 0.0);
        if !linked {
            let others: Vec<String> = tables
                .iter()
                .enumerate()
                .filter(|&(u, _)| u != t)
                .map(|(u, x)| format!("{} (\"{}\")", x.name, x.columns[keys[u]]))
                .collect();
            return Err(Error::Invalid(format!(
                "{} shares no key with {}: its best candidate \"{}\" holds none of their key values",
                tables[t].name,
                others.join(", "),
                tables[t].columns[keys[t]]
            )));
        }
    }
    Ok(keys)
}

/// A long table's activity-like column: a header read as an activity, or a short text column with few
/// distinct values and no other role (a dunning level written as text counts).
fn activity_column(t: &Table, profiles: &[Profile], key: usize) -> Option<usize> {
    let roles = guess_from_headers(&t.columns);
    let usable = |c: usize| c != key && profiles[c].filled > 0 && !profiles[c].is_date();
    if let Some(c) = roles
        .iter()
        .position(|&r| r == ColumnRole::Activity)
        .filter(|&c| usable(c) && profiles[c].texty * 2 >= profiles[c].filled)
    {
        return Some(c);
    }
    (0..t.columns.len())
        // A dunning-level column written as text ("Mahnung 1", "Relance 2") names the steps; as numbers
        // it is a level.
        .filter(|&c| {
            usable(c) && matches!(roles[c], ColumnRole::Attribute | ColumnRole::DunningLevel)
        })
        .filter(|&c| {
            let p = &profiles[c];
            p.texty * 10 >= p.filled * 9
                && p.distinct >= 2
                && p.distinct <= 30
                && p.distinct * 2 <= p.filled
        })
        .min_by_key(|&c| (profiles[c].distinct, c))
}

/// The proposal for one table.
fn table_model(
    t: &Table,
    profiles: &[Profile],
    key: usize,
    shape: Shape,
    notes: &mut Vec<Message>,
) -> TableModel {
    let roles = guess_from_headers(&t.columns);
    let activity = match shape {
        Shape::Long => activity_column(t, profiles, key),
        Shape::Wide => None,
    };
    let is_date = |c: usize| profiles[c].is_date() && c != key && Some(c) != activity;
    let kept_as_attribute =
        |c: usize| matches!(roles[c], ColumnRole::DueDate | ColumnRole::PromiseDate);
    let dates: Vec<usize> = (0..t.columns.len())
        .filter(|&c| is_date(c) && !kept_as_attribute(c))
        .collect();
    // With an activity column, one date column is the event's time: a header read as the timestamp,
    // else the first.
    let event_dates: Vec<usize> = match activity {
        Some(_) => roles
            .iter()
            .position(|&r| r == ColumnRole::Timestamp)
            .filter(|c| dates.contains(c))
            .or_else(|| dates.first().copied())
            .into_iter()
            .collect(),
        None => dates.clone(),
    };
    let columns = (0..t.columns.len())
        .map(|c| {
            let name = t.columns[c].clone();
            let usage = if c == key {
                ColumnUse::Key
            } else if Some(c) == activity {
                ColumnUse::Activity
            } else if event_dates.contains(&c) {
                let activity =
                    if shape == Shape::Long && activity.is_none() && event_dates.len() == 1 {
                        t.name.clone()
                    } else {
                        name.clone()
                    };
                ColumnUse::Event { activity }
            } else {
                ColumnUse::Attribute
            };
            ColumnModel { name, usage }
        })
        .collect();
    for c in (0..t.columns.len()).filter(|&c| is_date(c) && kept_as_attribute(c)) {
        let role = roles[c];
        notes.push(
            Message::new(
                "imp-date-kept-as-attribute",
                format!(
                    "{}: \"{}\" reads as a {} and stays an attribute (the collections measures use it); \
                     make it an event in the model to see it on the map",
                    t.name,
                    t.columns[c],
                    role.label().to_lowercase()
                ),
            )
            .arg("table", &t.name)
            .arg("column", &t.columns[c])
            .arg("role", role.key()),
        );
    }
    if event_dates.is_empty() {
        notes.push(
            Message::new(
                "imp-table-no-date",
                format!(
                    "{}: no date column, so no event; its columns are attributes",
                    t.name
                ),
            )
            .arg("table", &t.name),
        );
    }
    TableModel {
        name: t.name.clone(),
        shape,
        columns,
    }
}

/// Keys of one table missing from the main table, or repeated in a wide table.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct KeyIssue {
    /// The table.
    pub table: String,
    /// How many keys.
    pub keys: u64,
    /// How many rows they have.
    pub rows: u64,
    /// The first few.
    pub examples: Vec<String>,
}

/// A date cell that could not be read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BadDate {
    /// The table.
    pub table: String,
    /// Row in the source (line or sheet row).
    pub row: u64,
    /// The column.
    pub column: String,
    /// The value.
    pub value: String,
}

/// What joining the tables found.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct JoinReport {
    /// Rows read per table, in model order: (table, rows).
    pub tables: Vec<(String, u64)>,
    /// Events written.
    pub events: u64,
    /// Keys of child tables that the main table lacks (their events are kept).
    pub orphans: Vec<KeyIssue>,
    /// Keys repeated in a wide table (the first row gives the attributes, every row its events).
    pub repeated: Vec<KeyIssue>,
    /// Date cells that could not be read (the event is left out): how many.
    pub unreadable_dates: u64,
    /// The first of them.
    pub unreadable_examples: Vec<BadDate>,
    /// Rows without a key, per table (left out).
    pub rows_without_key: Vec<(String, u64)>,
    /// The same, in sentences, for the import report's notes.
    pub notes: Vec<Message>,
}

/// The joined log as CSV text for the importer, the options that read it, and the report.
#[derive(Debug, Clone)]
pub struct Joined {
    /// CSV (`,`, UTF-8, header).
    pub csv: Vec<u8>,
    /// Import options naming the case, activity and timestamp columns.
    pub options: ImportOptions,
    /// What the join found.
    pub report: JoinReport,
}

/// Where each model column sits in its table.
struct Plan<'a> {
    table: &'a Table,
    model: &'a TableModel,
    key: usize,
    activity: Option<usize>,
    /// (column, activity name)
    events: Vec<(usize, &'a str)>,
    /// (column, output column)
    attrs: Vec<(usize, usize)>,
}

/// Joins the tables as the model says.
pub fn join(tables: &[Table], model: &DataModel) -> Result<Joined, Error> {
    if model.tables.is_empty() {
        return Err(Error::Invalid("the data model has no table".into()));
    }
    // Output columns: the key, activity, timestamp, then attributes by name (one column per name;
    // an event attribute whose name a case attribute has gets the table's name after it).
    let key_name = model.tables[0].key().unwrap_or("case").to_string();
    let mut out_cols: Vec<String> = vec![key_name.clone(), "activity".into(), "timestamp".into()];
    let mut case_attr_names: FxHashSet<String> = FxHashSet::default();
    let mut plans = Vec::new();
    for tm in &model.tables {
        let table = tables.iter().find(|t| t.name == tm.name).ok_or_else(|| {
            Error::Invalid(format!(
                "the data model names a table \"{}\" that is not among the files ({})",
                tm.name,
                tables
                    .iter()
                    .map(|t| t.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?;
        let col = |name: &str| -> Result<usize, Error> {
            table
                .columns
                .iter()
                .position(|c| c == name)
                .ok_or_else(|| Error::UnknownColumn {
                    name: format!("{} in {}", name, table.name),
                    columns: table.columns.clone(),
                })
        };
        let key = col(tm.key().ok_or_else(|| {
            Error::Invalid(format!(
                "{}: the data model gives it no key column",
                tm.name
            ))
        })?)?;
        let mut plan = Plan {
            table,
            model: tm,
            key,
            activity: None,
            events: Vec::new(),
            attrs: Vec::new(),
        };
        for cm in &tm.columns {
            let c = col(&cm.name)?;
            match &cm.usage {
                ColumnUse::Key | ColumnUse::Ignore => {}
                ColumnUse::Activity => plan.activity = Some(c),
                ColumnUse::Event { activity } => plan.events.push((c, activity.as_str())),
                ColumnUse::Attribute => {
                    let mut name = cm.name.clone();
                    let wide = tm.shape == Shape::Wide;
                    let taken_by_case = case_attr_names.contains(&name);
                    if name == key_name
                        || name == "activity"
                        || name == "timestamp"
                        || (taken_by_case && !wide)
                        || (wide && !taken_by_case && out_cols.contains(&name))
                    {
                        name = format!("{} ({})", cm.name, tm.name);
                    }
                    if wide && !case_attr_names.insert(name.clone()) {
                        name = format!("{} ({})", cm.name, tm.name);
                        case_attr_names.insert(name.clone());
                    }
                    let at = match out_cols.iter().position(|n| *n == name) {
                        Some(i) => i,
                        None => {
                            out_cols.push(name);
                            out_cols.len() - 1
                        }
                    };
                    plan.attrs.push((c, at));
                }
            }
        }
        plans.push(plan);
    }
    let mut report = JoinReport::default();
    // Rows of every table by key, and the cases in order of first appearance (main table first).
    let mut case_index: FxHashMap<String, usize> = FxHashMap::default();
    let mut cases: Vec<String> = Vec::new();
    let mut rows_by_case: Vec<Vec<(u32, u32)>> = Vec::new();
    let main = &plans[0];
    let main_keys: FxHashSet<Cow<'_, str>> = (0..main.table.rows.len())
        .map(|r| main.table.cell(r, main.key))
        .filter(|c| !c.is_empty())
        .map(Cell::key)
        .collect();
    for (pi, p) in plans.iter().enumerate() {
        report
            .tables
            .push((p.table.name.clone(), p.table.rows.len() as u64));
        let mut no_key = 0u64;
        let mut orphans = KeyIssue {
            table: p.table.name.clone(),
            ..Default::default()
        };
        let mut orphan_seen: FxHashSet<String> = FxHashSet::default();
        let mut seen_here: FxHashMap<String, u32> = FxHashMap::default();
        let mut repeated = KeyIssue {
            table: p.table.name.clone(),
            ..Default::default()
        };
        for r in 0..p.table.rows.len() {
            let cell = p.table.cell(r, p.key);
            if cell.is_empty() {
                no_key += 1;
                continue;
            }
            let k = cell.key();
            if pi > 0 && !main_keys.contains(k.as_ref()) {
                orphans.rows += 1;
                if orphan_seen.insert(k.to_string()) {
                    orphans.keys += 1;
                    if orphans.examples.len() < EXAMPLES {
                        orphans.examples.push(clip(&k).into_owned());
                    }
                }
            }
            let ci = match case_index.get(k.as_ref()) {
                Some(&ci) => ci,
                None => {
                    case_index.insert(k.to_string(), cases.len());
                    cases.push(k.to_string());
                    rows_by_case.push(Vec::new());
                    cases.len() - 1
                }
            };
            if p.model.shape == Shape::Wide {
                let n = seen_here.entry(k.to_string()).or_insert(0);
                *n += 1;
                if *n == 2 {
                    repeated.keys += 1;
                    if repeated.examples.len() < EXAMPLES {
                        repeated.examples.push(clip(&k).into_owned());
                    }
                }
                if *n >= 2 {
                    repeated.rows += 1;
                }
            }
            rows_by_case[ci].push((pi as u32, r as u32));
        }
        if no_key > 0 {
            report.notes.push(
                Message::new(
                    "imp-rows-without-key",
                    format!(
                        "{}: {no_key} rows have no \"{}\" and were left out",
                        p.table.name, p.table.columns[p.key]
                    ),
                )
                .arg("table", &p.table.name)
                .arg("count", no_key)
                .arg("key", &p.table.columns[p.key]),
            );
            report.rows_without_key.push((p.table.name.clone(), no_key));
        }
        if orphans.keys > 0 {
            let examples = quoted(&orphans.examples);
            report.notes.push(
                Message::new(
                    "imp-orphan-keys",
                    format!(
                        "{}: {} keys ({} rows) are not in {} (e.g. {examples}); their events are kept as \
                         cases without a row there",
                        p.table.name, orphans.keys, orphans.rows, plans[0].table.name,
                    ),
                )
                .arg("table", &p.table.name)
                .arg("keys", orphans.keys)
                .arg("rows", orphans.rows)
                .arg("main", &plans[0].table.name)
                .arg("examples", examples),
            );
            report.orphans.push(orphans);
        }
        if repeated.keys > 0 {
            let examples = quoted(&repeated.examples);
            report.notes.push(
                Message::new(
                    "imp-repeated-keys",
                    format!(
                        "{}: read as one row per key, but {} keys have more than one row (e.g. {examples}); the \
                         first row gives the case's attributes, every row its events",
                        p.table.name, repeated.keys,
                    ),
                )
                .arg("table", &p.table.name)
                .arg("keys", repeated.keys)
                .arg("examples", examples),
            );
            report.repeated.push(repeated);
        }
    }
    // Case attributes (wide tables): the first row of the case in each wide table.
    let mut csv = Vec::new();
    write_row(&mut csv, out_cols.iter().map(String::as_str));
    let mut fields: Vec<Cow<'_, str>> = vec![Cow::Borrowed(""); out_cols.len()];
    let mut case_fields: Vec<Option<Cow<'_, str>>> = vec![None; out_cols.len()];
    for (ci, rows) in rows_by_case.iter().enumerate() {
        for f in case_fields.iter_mut() {
            *f = None;
        }
        let mut done_tables: Vec<u32> = Vec::new();
        for &(pi, r) in rows {
            let p = &plans[pi as usize];
            if p.model.shape != Shape::Wide || done_tables.contains(&pi) {
                continue;
            }
            done_tables.push(pi);
            for &(c, at) in &p.attrs {
                let cell = p.table.cell(r as usize, c);
                if !cell.is_empty() {
                    case_fields[at] = Some(cell.text());
                }
            }
        }
        for &(pi, r) in rows {
            let p = &plans[pi as usize];
            let r = r as usize;
            for (k, &(c, name)) in p.events.iter().enumerate() {
                let cell = p.table.cell(r, c);
                if cell.is_empty() {
                    continue;
                }
                if !cell.reads_as_date() {
                    report.unreadable_dates += 1;
                    if report.unreadable_examples.len() < EXAMPLES * 4 {
                        report.unreadable_examples.push(BadDate {
                            table: p.table.name.clone(),
                            row: p.table.row_numbers.get(r).copied().unwrap_or(r as u64 + 1),
                            column: p.table.columns[c].clone(),
                            value: clip(&cell.text()).into_owned(),
                        });
                    }
                    continue;
                }
                for (i, f) in fields.iter_mut().enumerate() {
                    *f = case_fields[i].clone().unwrap_or(Cow::Borrowed(""));
                }
                fields[0] = Cow::Borrowed(cases[ci].as_str());
                let row_activity = match p.activity {
                    Some(a) if k == 0 => {
                        let v = p.table.cell(r, a);
                        (!v.is_empty()).then(|| v.text())
                    }
                    _ => None,
                };
                fields[1] = row_activity.unwrap_or(Cow::Borrowed(name));
                fields[2] = cell.text();
                if p.model.shape == Shape::Long {
                    for &(ac, at) in &p.attrs {
                        fields[at] = p.table.cell(r, ac).text();
                    }
                }
                write_row(&mut csv, fields.iter().map(|f| f.as_ref()));
                report.events += 1;
            }
        }
    }
    if report.unreadable_dates > 0 {
        let ex: Vec<String> = report
            .unreadable_examples
            .iter()
            .take(EXAMPLES)
            .map(|b| {
                format!(
                    "{} row {}, \"{}\": \"{}\"",
                    b.table, b.row, b.column, b.value
                )
            })
            .collect();
        let examples = ex.join("; ");
        let message = Message::new(
            "imp-unreadable-date-cells",
            format!(
                "{} date cells could not be read as dates and give no event (e.g. {examples})",
                report.unreadable_dates,
            ),
        )
        .arg("count", report.unreadable_dates)
        .arg("examples", examples);
        report.notes.push(message);
    }
    if report.events == 0 {
        return Err(Error::Invalid(format!(
            "the tables give no event: no date column is used as an event in {}",
            model
                .tables
                .iter()
                .map(|t| t.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let options = ImportOptions {
        roles: vec![
            (key_name, ColumnRole::Case),
            ("activity".into(), ColumnRole::Activity),
            ("timestamp".into(), ColumnRole::Timestamp),
        ],
        delimiter: Some(b','),
        notes: report.notes.clone(),
        ..Default::default()
    };
    Ok(Joined {
        csv,
        options,
        report,
    })
}

fn quoted(values: &[String]) -> String {
    values
        .iter()
        .map(|v| format!("\"{v}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Appends rows from `next` as CSV records, each padded with empty fields to `width`, until `out`
/// holds about `max_bytes`; returns the rows written and whether more remain. How a sheet or a Parquet
/// file is streamed into the ordinary importer, one bounded chunk at a time.
pub fn write_rows(
    out: &mut Vec<u8>,
    width: usize,
    max_bytes: usize,
    mut next: impl FnMut() -> Result<Option<Vec<Cell>>, Error>,
) -> Result<(u64, bool), Error> {
    let mut n = 0;
    while out.len() < max_bytes {
        let Some(row) = next()? else {
            return Ok((n, false));
        };
        let pad = width.saturating_sub(row.len());
        let fields: Vec<std::borrow::Cow<'_, str>> = row.iter().map(Cell::text).collect();
        write_row(
            out,
            fields
                .iter()
                .map(|f| f.as_ref())
                .chain(std::iter::repeat_n("", pad)),
        );
        n += 1;
    }
    Ok((n, true))
}

/// Appends one CSV record (`,`, quoted when needed, `\n`).
pub fn write_row<'a>(out: &mut Vec<u8>, fields: impl Iterator<Item = &'a str>) {
    for (i, f) in fields.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        if f.contains([',', '"', '\n', '\r']) || f.starts_with(' ') && f.trim().is_empty() {
            out.push(b'"');
            for b in f.bytes() {
                if b == b'"' {
                    out.push(b'"');
                }
                out.push(b);
            }
            out.push(b'"');
        } else {
            out.extend_from_slice(f.as_bytes());
        }
    }
    out.push(b'\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(name: &str, csv: &str) -> Table {
        Table::from_csv(name, csv.as_bytes()).unwrap()
    }

    #[test]
    fn a_wide_and_a_long_table_share_their_key() {
        let items = table(
            "open_items",
            "Belegnummer;Kunde;Rechnungsdatum;Betrag\nR1;Alpha;01.02.2024;100\nR2;Beta;03.02.2024;200\n",
        );
        let dunning = table(
            "dunning",
            "Beleg;Mahndatum;Stufe\nR1;01.03.2024;1\nR1;15.03.2024;2\nR9;20.03.2024;1\n",
        );
        let m = propose(&[dunning.clone(), items.clone()]).unwrap();
        assert_eq!(
            m.tables[0].name, "open_items",
            "the wide table is the main one"
        );
        assert_eq!(m.tables[0].shape, Shape::Wide);
        assert_eq!(m.tables[0].key(), Some("Belegnummer"));
        assert_eq!(m.tables[1].shape, Shape::Long);
        assert_eq!(m.tables[1].key(), Some("Beleg"));
        assert_eq!(
            m.tables[0].columns[2].usage,
            ColumnUse::Event {
                activity: "Rechnungsdatum".into()
            }
        );
        // One date and no activity column: the event is named after the table.
        assert_eq!(
            m.tables[1].columns[1].usage,
            ColumnUse::Event {
                activity: "dunning".into()
            }
        );
        let j = join(&[items, dunning], &m).unwrap();
        let text = String::from_utf8(j.csv).unwrap();
        assert_eq!(
            text,
            "Belegnummer,activity,timestamp,Kunde,Betrag,Stufe\n\
             R1,Rechnungsdatum,01.02.2024,Alpha,100,\n\
             R1,dunning,01.03.2024,Alpha,100,1\n\
             R1,dunning,15.03.2024,Alpha,100,2\n\
             R2,Rechnungsdatum,03.02.2024,Beta,200,\n\
             R9,dunning,20.03.2024,,,1\n"
        );
        assert_eq!(j.report.events, 5);
        assert_eq!(j.report.orphans.len(), 1);
        assert_eq!(j.report.orphans[0].examples, ["R9"]);
        assert!(j.report.notes[0]
            .text
            .contains("dunning: 1 keys (1 rows) are not in open_items"));
    }

    #[test]
    fn tables_without_a_shared_key_are_an_error_naming_them() {
        let a = table("a", "id,when\nX1,2024-01-01\nX2,2024-01-02\n");
        let b = table("b", "ref,when\nY1,2024-01-01\nY2,2024-01-02\n");
        let e = propose(&[a, b]).unwrap_err().to_string();
        assert!(e.contains("a shares no key with b"), "{e}");
    }

    #[test]
    fn repeats_in_a_wide_table_and_unreadable_dates_are_reported() {
        let mut rows = String::from("inv,created,amount\n");
        for i in 0..200 {
            rows.push_str(&format!("I{i},2024-01-{:02},{i}\n", i % 28 + 1));
        }
        rows.push_str("I5,2024-02-01,99\n");
        let items = table("items", &rows);
        let mut pay = String::from("inv,paid\n");
        for i in 0..9 {
            pay.push_str(&format!("I{i},2024-03-{:02}\n", i + 1));
        }
        pay.push_str("I9,not a date\n");
        let pay = table("payments", &pay);
        let m = propose(&[items.clone(), pay.clone()]).unwrap();
        assert_eq!(m.tables[0].shape, Shape::Wide);
        let j = join(&[items, pay], &m).unwrap();
        assert_eq!(j.report.repeated[0].examples, ["I5"]);
        assert_eq!(j.report.unreadable_dates, 1);
        assert_eq!(j.report.unreadable_examples[0].row, 11);
        assert_eq!(j.report.unreadable_examples[0].value, "not a date");
        // 201 creations and 9 payments.
        assert_eq!(j.report.events, 210);
    }

    #[test]
    fn cells_are_written_as_the_importer_reads_them() {
        assert_eq!(Cell::Number(30.0).text(), "30");
        assert_eq!(Cell::Number(1542.44).text(), "1542.44");
        assert_eq!(Cell::Time(86_400_000).text(), "1970-01-02");
        assert_eq!(
            Cell::Time(86_400_000 + 3_600_500).text(),
            "1970-01-02T01:00:00.500"
        );
        assert_eq!(Cell::Instant(0).text(), "1970-01-01T00:00:00Z");
        let mut out = Vec::new();
        write_row(&mut out, ["a,b", "say \"hi\"", "x"].into_iter());
        assert_eq!(out, b"\"a,b\",\"say \"\"hi\"\"\",x\n");
    }
}
