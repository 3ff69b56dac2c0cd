//! Joining the tables of a data model into one event log: each table read as one row per key (its
//! date columns become events) or one event per row, keys checked, and a report of what did not join.

use super::*;

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
pub(super) struct Plan<'a> {
    pub(super) table: &'a Table,
    pub(super) model: &'a TableModel,
    pub(super) key: usize,
    pub(super) activity: Option<usize>,
    /// (column, activity name)
    pub(super) events: Vec<(usize, &'a str)>,
    /// (column, output column)
    pub(super) attrs: Vec<(usize, usize)>,
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

pub(super) fn quoted(values: &[String]) -> String {
    values
        .iter()
        .map(|v| format!("\"{v}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Appends the header `columns` (when `header`), then rows from `next` as CSV records, each padded
/// with empty fields to the header's width, until `out` holds about `max_bytes`; returns the rows
/// written and whether more remain. How a sheet or a Parquet file is streamed into the ordinary
/// importer, one bounded chunk at a time.
pub fn write_rows(
    out: &mut Vec<u8>,
    (columns, header): (&[String], bool),
    max_bytes: usize,
    mut next: impl FnMut() -> Result<Option<Vec<Cell>>, Error>,
) -> Result<(u64, bool), Error> {
    if header {
        write_row(out, columns.iter().map(String::as_str));
    }
    let width = columns.len();
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
