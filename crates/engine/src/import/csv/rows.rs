//! From a record's fields to an event: unique column names, the timestamp and start columns read with
//! the file's day/month order, attributes and case attributes pushed to the log builder.

use super::*;

/// Renames repeated column names so every column is an attribute of its own: the second `note` becomes
/// `note (2)` (or the first number no other column has). Returns the notes saying so: one per repeated
/// name, up to a few, then a count.
pub(super) fn unique_names(columns: &mut [String]) -> Vec<Message> {
    const NOTED: usize = 5;
    let mut taken: FxHashSet<String> = FxHashSet::default();
    let mut repeated = false;
    for c in columns.iter() {
        repeated |= !taken.insert(c.clone());
    }
    if !repeated {
        return Vec::new();
    }
    let mut seen: FxHashSet<String> = FxHashSet::default();
    // Per repeated name: the next number to try, and the names its columns got.
    let mut next: FxHashMap<String, u64> = FxHashMap::default();
    // The first repeated names: the name, its number of columns, and the first names they got.
    let mut groups: Vec<(String, usize, Vec<String>)> = Vec::new();
    for c in columns.iter_mut() {
        if seen.insert(c.clone()) {
            continue;
        }
        let n = next.entry(c.clone()).or_insert(2);
        let unique = loop {
            let candidate = format!("{c} ({n})");
            *n += 1;
            if taken.insert(candidate.clone()) {
                break candidate;
            }
        };
        if let Some(g) = groups.iter_mut().find(|g| g.0 == *c) {
            g.1 += 1;
            if g.2.len() < NOTED {
                g.2.push(unique.clone());
            }
        } else if groups.len() < NOTED {
            groups.push((c.clone(), 2, vec![c.clone(), unique.clone()]));
        }
        seen.insert(unique.clone());
        *c = unique;
    }
    let more = next.len().saturating_sub(groups.len());
    let mut notes: Vec<Message> = groups
        .into_iter()
        .map(|(name, count, names)| {
            let shown: Vec<String> = names.iter().map(|n| format!("\"{}\"", clip(n))).collect();
            let names = format!(
                "{}{}",
                shown.join(", "),
                if count > names.len() { ", ..." } else { "" }
            );
            let name = clip(&name);
            Message::new(
                "imp-repeated-column",
                format!("column name \"{name}\" appears {count} times: read as {names}"),
            )
            .arg("name", &name)
            .arg("count", count)
            .arg("names", names)
        })
        .collect();
    if more > 0 {
        notes.push(
            Message::new(
                "imp-repeated-columns-more",
                format!(
                    "{more} more column names appear more than once; their repeats are numbered the same way"
                ),
            )
            .arg("count", more),
        );
    }
    notes
}

/// The last timestamp read and its reading: exports often repeat a timestamp on consecutive rows
/// (date-only values, batch postings), and comparing strings is cheaper than parsing.
#[derive(Default)]
pub(super) struct LastTime {
    pub(super) text: String,
    pub(super) parsed: Option<crate::import::timestamp::Parsed>,
}

impl LastTime {
    pub(super) fn parse(
        &mut self,
        ts: &str,
        order: DateOrder,
    ) -> Option<crate::import::timestamp::Parsed> {
        if self.text != ts {
            self.text.clear();
            self.text.push_str(ts);
            self.parsed = parse_timestamp(ts, order);
        }
        self.parsed
    }
}

/// The fields of one record.
#[derive(Clone, Copy)]
pub(super) struct Row<'a> {
    pub(super) text: &'a str,
    pub(super) spans: &'a [(u32, u32)],
}

impl<'a> Row<'a> {
    /// Field `i`, or "" past the end of a short row.
    #[inline]
    pub(super) fn get(&self, i: usize) -> &'a str {
        match self.spans.get(i) {
            Some(&(a, b)) => &self.text[a as usize..b as usize],
            None => "",
        }
    }

    pub(super) fn len(&self) -> usize {
        self.spans.len()
    }
}

/// Turns one data row into an event (or a counted problem). Fails only when memory runs out.
pub(super) fn event(
    l: &Layout,
    opts: &CsvOptions,
    row: Row,
    line: u64,
    builder: &mut LogBuilder,
    report: &mut ImportReport,
    last_time: &mut LastTime,
) -> Result<(), NoRoom> {
    report.rows += 1;
    let n = row.len();
    let ncols = opts.columns.len();
    if n != ncols && ncols > 0 {
        // The row as written, cut like any value: only built while problems are still listed.
        let mut joined = String::new();
        if report.lists_problems() {
            for i in 0..n {
                if joined.len() > MAX_VALUE_BYTES {
                    break;
                }
                if i > 0 {
                    joined.push(opts.delimiter as char);
                }
                joined.push_str(&clip(row.get(i)));
            }
        }
        report.problem(
            ProblemKind::FieldCount,
            line,
            "",
            &joined,
            Message::new(
                "imp-field-count",
                format!("{n} fields where the header has {ncols}; read as far as they go"),
            )
            .arg("fields", n)
            .arg("columns", ncols),
        );
    }
    // Values are kept as written (no trimming): pm4py keeps "Document blocked for credit " with its
    // trailing space, and so must we to match it.
    let field = |i: usize| row.get(i);
    if let Some(lc) = l.lifecycle {
        let v = field(lc);
        if opts.complete_only && !v.is_empty() && !v.eq_ignore_ascii_case("complete") {
            report.filtered_rows += 1;
            return Ok(());
        }
    }
    let cols = &opts.columns;
    let (case, activity, ts) = (field(l.case), field(l.activity), field(l.timestamp));
    let problem = if case.is_empty() {
        Some((
            ProblemKind::MissingCase,
            l.case,
            "imp-no-case",
            "no case id",
        ))
    } else if activity.is_empty() {
        Some((
            ProblemKind::MissingActivity,
            l.activity,
            "imp-no-activity",
            "no activity",
        ))
    } else if ts.is_empty() {
        Some((
            ProblemKind::MissingTimestamp,
            l.timestamp,
            "imp-no-timestamp",
            "no timestamp",
        ))
    } else {
        None
    };
    if let Some((kind, col, key, text)) = problem {
        let message = Message::new(key, text.into());
        report.problem(kind, line, &cols[col], field(col), message);
        return Ok(());
    }
    let Some(time) = last_time.parse(ts, opts.date_order) else {
        report.problem(
            ProblemKind::UnreadableTimestamp,
            line,
            &cols[l.timestamp],
            ts,
            Message::new(
                "imp-unreadable-time",
                format!("cannot read \"{}\" as a date and time", clip(ts)),
            )
            .arg("value", clip(ts)),
        );
        return Ok(());
    };
    let resource = l.resource.map(field);
    builder.push_event(
        case,
        activity,
        time,
        resource,
        (line, &cols[l.timestamp], ts),
    )?;
    if let Some(s) = l.start {
        let v = field(s);
        if !v.is_empty() {
            match parse_timestamp(v, opts.date_order) {
                Some(p) => builder.set_start(p, (line, &cols[s], v))?,
                None => builder.unreadable_start(line, &cols[s], v),
            }
        }
    }
    for &(col, attr) in &l.attrs {
        builder.set_attribute(attr, field(col))?;
    }
    Ok(())
}

/// Doubles a record buffer, or says memory ran out after `rows` rows.
pub(super) fn grow<T: Copy + Default>(buf: &mut Vec<T>, rows: u64) -> Result<(), Error> {
    let n = buf.len();
    buf.try_reserve_exact(n.max(1))
        .map_err(|_| Error::OutOfMemory { rows })?;
    buf.resize(n * 2, T::default());
    Ok(())
}
