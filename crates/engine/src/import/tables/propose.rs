//! Proposing a data model: each column profiled from its cells, the key shared by the tables found,
//! and each table read as one row per key (date columns become events) or one event per row.

use super::*;

/// What one column holds, from its cells.
#[derive(Debug, Clone, Default)]
pub(super) struct Profile {
    pub(super) filled: usize,
    pub(super) dates: usize,
    pub(super) texty: usize,
    /// Distinct values (key form), up to [`KEY_SAMPLE`].
    pub(super) sample: Vec<String>,
    /// Whether there are more distinct values than the sample.
    pub(super) more: bool,
    /// Distinct count, capped at [`KEY_SAMPLE`] + 1.
    pub(super) distinct: usize,
}

impl Profile {
    pub(super) fn is_date(&self) -> bool {
        self.filled > 0 && self.dates * 5 >= self.filled * 4
    }
}

pub(super) fn profile(t: &Table, c: usize) -> Profile {
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
pub(super) fn repeats(t: &Table, c: usize) -> (usize, usize, Vec<String>) {
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
pub(super) fn find_keys(tables: &[Table], profiles: &[Vec<Profile>]) -> Result<Vec<usize>, Error> {
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
pub(super) fn activity_column(t: &Table, profiles: &[Profile], key: usize) -> Option<usize> {
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
pub(super) fn table_model(
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
