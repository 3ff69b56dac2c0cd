//! Finishing a log: what can only be decided from the whole file (day/month order, decimal separators,
//! attribute types), the rows that decision makes unreadable (each reported), then the events grouped
//! by case with a counting sort and each case sorted stably by time.

use super::typing::type_values;
use super::*;
use crate::log::reorder::Reorder;

impl LogBuilder {
    /// Settles day/month order, decimal separators and attribute types, drops rows the decision makes
    /// unreadable (recording them in `report`), groups by case and sorts each case stably by time.
    pub fn finish(
        mut self,
        order: DateOrder,
        decimal_hint: DecimalSep,
        report: &mut ImportReport,
    ) -> EventLog {
        if let Some(s) = &self.first_bad_start {
            report.say(
                Message::new(
                    "imp-bad-starts",
                    format!(
                        "column \"{}\": {} start times could not be read (the first at line {}: \"{}\") and are \
                         left empty",
                        s.column, self.bad_starts, s.line, s.value
                    ),
                )
                .arg("column", &s.column)
                .arg("count", self.bad_starts)
                .arg("line", s.line)
                .arg("value", &s.value),
            );
        }
        let decided = decide_order(order, &self, report);
        report.date_order = decided;
        let mut dropped = vec![false; self.row_case.len()];
        let (losers, samples, how) = match decided {
            DateOrder::MonthFirst => (
                &self.time_order.day_only,
                &self.time_order.day_samples,
                "month-first",
            ),
            _ => (
                &self.time_order.month_only,
                &self.time_order.month_samples,
                "day-first",
            ),
        };
        for &row in losers {
            dropped[row as usize] = true;
        }
        let any_dropped = !losers.is_empty();
        for s in samples {
            report.problem(
                ProblemKind::UnreadableTimestamp,
                s.line,
                &s.column,
                &s.value,
                Message::new(
                    "imp-date-order-loser",
                    format!("not a valid date when the file is read {how}"),
                )
                .arg("order", how),
            );
        }
        report.add_uncounted_skips(
            ProblemKind::UnreadableTimestamp,
            losers.len().saturating_sub(samples.len()),
        );
        // Start times are optional: one that loses the vote becomes missing, its event stays.
        let start_losers = match decided {
            DateOrder::MonthFirst => &self.start_order.day_only,
            _ => &self.start_order.month_only,
        };
        for &row in start_losers {
            self.row_start[row as usize] = MISSING_TIME;
        }
        if let Some(s) = match decided {
            DateOrder::MonthFirst => self.start_order.day_samples.first(),
            _ => self.start_order.month_samples.first(),
        } {
            report.say(
                Message::new(
                    "imp-start-order-losers",
                    format!(
                        "column \"{}\": {} start times are not valid dates when read {how} (e.g. line {}: \"{}\") \
                         and are left empty",
                        s.column,
                        start_losers.len(),
                        s.line,
                        s.value
                    ),
                )
                .arg("column", &s.column)
                .arg("count", start_losers.len())
                .arg("order", how)
                .arg("line", s.line)
                .arg("value", &s.value),
            );
        }
        if decided == DateOrder::MonthFirst {
            for &(row, alt) in &self.time_order.ambiguous {
                self.row_time[row as usize] = alt;
            }
            for &(row, alt) in &self.start_order.ambiguous {
                self.row_start[row as usize] = alt;
            }
        }
        self.clear_starts_after_ends(&dropped, any_dropped, report);
        report.timestamp_format = self
            .kinds
            .iter()
            .max_by_key(|(k, n)| (*n, std::cmp::Reverse(*k)))
            .map(|(k, _)| k.describe(decided))
            .unwrap_or_default();
        report.naive_timestamps = self.naive;

        self.note_case_conflicts(report);

        // Events per case among kept rows; cases left without events disappear.
        let n_old_cases = self.case_ids.len();
        let mut counts = vec![0u32; n_old_cases];
        for (row, &c) in self.row_case.iter().enumerate() {
            if !(any_dropped && dropped[row]) {
                counts[c as usize] += 1;
            }
        }
        let mut new_idx = vec![u32::MAX; n_old_cases];
        let mut cases = Vec::with_capacity(n_old_cases);
        let mut next = 0u32;
        let case_ids = if counts.iter().all(|&n| n > 0) {
            // Every case kept: ids stay as they are.
            for (old, &n) in counts.iter().enumerate() {
                new_idx[old] = old as u32;
                cases.push([next, n]);
                next += n;
            }
            std::mem::take(&mut self.case_ids)
        } else {
            let mut case_ids = Symbols::new();
            for (old, &n) in counts.iter().enumerate() {
                if n > 0 {
                    new_idx[old] = case_ids.intern(self.case_ids.get(old as u32));
                    cases.push([next, n]);
                    next += n;
                }
            }
            case_ids
        };
        // Counting sort by case keeps file order inside each case.
        let mut fill: Vec<u32> = cases.iter().map(|c| c[0]).collect();
        let mut order = vec![0u32; next as usize];
        for (row, &c) in self.row_case.iter().enumerate() {
            if any_dropped && dropped[row] {
                continue;
            }
            let ni = new_idx[c as usize] as usize;
            order[fill[ni] as usize] = row as u32;
            fill[ni] += 1;
        }
        drop(fill);
        // Stable sort by time inside each case (most cases are already in order).
        let times = &self.row_time;
        for &[start, len] in &cases {
            let slice = &mut order[start as usize..(start + len) as usize];
            if slice
                .windows(2)
                .any(|w| times[w[0] as usize] > times[w[1] as usize])
            {
                slice.sort_by_key(|&r| times[r as usize]);
            }
        }

        let (activities, act_map) = compact_symbols(
            &self.activities,
            order.iter().map(|&r| self.row_activity[r as usize].0),
        );
        let activity: Vec<ActivityId> = order
            .iter()
            .map(|&r| ActivityId(act_map[self.row_activity[r as usize].0 as usize]))
            .collect();
        drop(std::mem::take(&mut self.row_activity));
        let reorder = Reorder::new(&order, self.row_case.len());
        let time_ms = reorder.apply(std::mem::take(&mut self.row_time), MISSING_TIME);
        let offset_min = if self.any_offset {
            reorder.apply(std::mem::take(&mut self.row_offset), 0)
        } else {
            Vec::new()
        };
        drop(std::mem::take(&mut self.row_offset));
        let start_ms = if self.has_start {
            reorder.apply(std::mem::take(&mut self.row_start), MISSING_TIME)
        } else {
            Vec::new()
        };
        let used_resources = order
            .iter()
            .map(|&r| self.row_resource[r as usize])
            .filter(|r| r.is_some())
            .map(|r| r.0);
        let (resources, res_map) = compact_symbols(&self.resources, used_resources);
        let resource: Vec<ResourceId> = order
            .iter()
            .map(|&r| match self.row_resource[r as usize] {
                r if r.is_some() => ResourceId(res_map[r.0 as usize]),
                _ => ResourceId::NONE,
            })
            .collect();
        drop(std::mem::take(&mut self.row_resource));

        let attributes = self.materialise_attributes(
            &reorder,
            &new_idx,
            cases.len(),
            decided,
            decimal_hint,
            report,
        );
        EventLog {
            case_ids,
            cases,
            activities,
            resources,
            activity,
            time_ms,
            offset_min,
            start_ms,
            resource,
            attributes,
        }
    }
}

impl LogBuilder {
    /// Clears the start times that come after their event's end (now that day/month order is settled)
    /// and says how many, and where the first one is.
    fn clear_starts_after_ends(
        &mut self,
        dropped: &[bool],
        any_dropped: bool,
        report: &mut ImportReport,
    ) {
        let mut count = 0u64;
        let mut first = None;
        for &(row, line) in &self.start_checks {
            let r = row as usize;
            if any_dropped && dropped.get(r).copied().unwrap_or(false) {
                continue;
            }
            let (Some(&start), Some(&end)) = (self.row_start.get(r), self.row_time.get(r)) else {
                continue;
            };
            if start != MISSING_TIME && start > end {
                count += 1;
                first.get_or_insert((line, start, end));
                self.row_start[r] = MISSING_TIME;
            }
        }
        if let Some((line, start, end)) = first {
            let column = self.start_column.as_deref().unwrap_or("start");
            let (start, end) = (format_iso_utc(start), format_iso_utc(end));
            report.say(
                Message::new(
                    "imp-start-after-end",
                    format!(
                        "column \"{column}\": {count} start times are after their event's end (the first at line \
                         {line}: start {start}, end {end}) and are left empty",
                    ),
                )
                .arg("column", column)
                .arg("count", count)
                .arg("line", line)
                .arg("start", start)
                .arg("end", end),
            );
        }
    }

    /// Notes, per case attribute, the cases given more than one value (the first is kept).
    fn note_case_conflicts(&mut self, report: &mut ImportReport) {
        for a in self.attrs.iter_mut().filter(|a| a.scope == Scope::Case) {
            a.cells.settle_cases();
            let conflicts = a.cells.conflicts();
            // The example does not depend on the order values were met in (a file read in parts meets
            // them in another order): the first case, and its ignored value seen first in the file.
            let Some(&(case, ignored)) = conflicts.iter().min() else {
                continue;
            };
            let mut cases: Vec<u32> = conflicts.iter().map(|&(c, _)| c).collect();
            cases.sort_unstable();
            cases.dedup();
            let kept = a.cells.case_key(case);
            let text = |k: u32| {
                if k == MISSING_KEY {
                    String::new()
                } else {
                    clip(a.dict.get(k)).into_owned()
                }
            };
            let (column, case) = (clip(&a.name), clip(self.case_ids.get(case)));
            let (kept, ignored) = (text(kept), text(ignored));
            report.say(
                Message::new(
                    "imp-case-conflicts",
                    format!(
                        "column \"{column}\": {} cases have more than one value; each keeps its first (e.g. case \
                         \"{case}\": \"{kept}\" kept, \"{ignored}\" ignored)",
                        cases.len(),
                    ),
                )
                .arg("column", &column)
                .arg("count", cases.len())
                .arg("case", &case)
                .arg("kept", &kept)
                .arg("ignored", &ignored),
            );
        }
    }

    /// Turns the attribute columns into typed columns in the log's order, leaving out the least filled
    /// ones when keeping them all would exceed the budget of empty cells, and saying which.
    fn materialise_attributes(
        &mut self,
        reorder: &Reorder,
        new_idx: &[u32],
        cases: usize,
        decided: DateOrder,
        decimal_hint: DecimalSep,
        report: &mut ImportReport,
    ) -> Vec<Attribute> {
        let attrs = std::mem::take(&mut self.attrs);
        let order = reorder.order();
        let rows_of = |a: &AttrBuilder| match a.scope {
            Scope::Event => order.len(),
            Scope::Case => cases,
        };
        let keep = choose_columns(&attrs, &rows_of, order.len(), report);
        let position: Option<Vec<u32>> = attrs
            .iter()
            .zip(&keep)
            .any(|(a, &k)| k && a.scope == Scope::Event && a.cells.is_sparse())
            .then(|| {
                let mut p = vec![u32::MAX; self.row_case.len()];
                for (at, &row) in order.iter().enumerate() {
                    p[row as usize] = at as u32;
                }
                p
            });
        let kept: Vec<AttrBuilder> = attrs
            .into_iter()
            .zip(keep)
            .filter_map(|(a, keep)| keep.then_some(a))
            .collect();
        // Each column is reordered and typed on its own (two at once natively); their messages are
        // said in column order.
        let typed = crate::parallel::map_owned(kept, |_, mut a| {
            let cells = std::mem::take(&mut a.cells);
            let keys = match a.scope {
                Scope::Event => cells.into_event_keys(reorder, position.as_deref()),
                Scope::Case => cells.into_case_keys(new_idx, cases),
            };
            if keys.iter().all(|&k| k == MISSING_KEY) && a.role == ColumnRole::Attribute {
                // An attribute that never had a value (a column only dropped rows used) is noise.
                return None;
            }
            let mut said = Vec::new();
            let values = type_values(&mut a, keys, decided, decimal_hint, &mut said);
            let attribute = Attribute {
                name: a.name,
                scope: a.scope,
                role: a.role,
                values,
            };
            Some((attribute, said))
        });
        let mut attributes = Vec::with_capacity(typed.len());
        for (attribute, said) in typed.into_iter().flatten() {
            for message in said {
                report.say(message);
            }
            attributes.push(attribute);
        }
        attributes
    }
}

/// Which attribute columns to materialise. Every column costs a cell per event (or case), filled or
/// not; the empty ones are the waste. Columns with a role are always kept; plain attributes are taken
/// from the most filled (by share of their rows, then file order) while the empty cells stay within
/// the larger of [`PADDING_CELLS_PER_EVENT`] per event, the cells filled, and [`MIN_PADDING_CELLS`];
/// the rest are left out and named in a note, nothing silently.
pub(super) fn choose_columns(
    attrs: &[AttrBuilder],
    rows_of: &dyn Fn(&AttrBuilder) -> usize,
    events: usize,
    report: &mut ImportReport,
) -> Vec<bool> {
    let present = |a: &AttrBuilder| a.cells.present().min(rows_of(a));
    let waste = |a: &AttrBuilder| rows_of(a) - present(a);
    let filled: usize = attrs.iter().map(present).sum();
    let budget = events
        .saturating_mul(PADDING_CELLS_PER_EVENT)
        .max(filled)
        .max(MIN_PADDING_CELLS);
    let mut keep = vec![true; attrs.len()];
    let mut used: usize = attrs
        .iter()
        .filter(|a| a.role != ColumnRole::Attribute)
        .map(waste)
        .sum();
    let mut plain: Vec<usize> = (0..attrs.len())
        .filter(|&i| attrs[i].role == ColumnRole::Attribute && present(&attrs[i]) > 0)
        .collect();
    if plain.iter().map(|&i| waste(&attrs[i])).sum::<usize>() + used <= budget {
        return keep;
    }
    // Fuller first: present_a / rows_a > present_b / rows_b, compared without division.
    crate::values::order::sort_by(&mut plain, |&i, &j| {
        let (a, b) = (&attrs[i], &attrs[j]);
        let lhs = present(a) as u128 * rows_of(b) as u128;
        let rhs = present(b) as u128 * rows_of(a) as u128;
        rhs.cmp(&lhs).then(i.cmp(&j))
    });
    let mut cut = plain.len();
    for (at, &i) in plain.iter().enumerate() {
        let w = waste(&attrs[i]);
        if used + w > budget {
            cut = at;
            break;
        }
        used += w;
    }
    let mut dropped = plain.split_off(cut);
    for &i in &dropped {
        keep[i] = false;
    }
    // The note names the first dropped columns in file order.
    dropped.sort_unstable();
    let fullest = dropped
        .iter()
        .map(|&i| present(&attrs[i]) as f64 / rows_of(&attrs[i]).max(1) as f64)
        .fold(0.0, f64::max);
    let named: Vec<String> = dropped
        .iter()
        .take(NAMED_DROPPED)
        .map(|&i| {
            let a = &attrs[i];
            let (n, rows) = (present(a), rows_of(a));
            let of = match a.scope {
                Scope::Event => "events",
                Scope::Case => "cases",
            };
            format!(
                "\"{}\" ({n} of {rows} {of}, {})",
                clip(&a.name),
                share(n as f64 / rows.max(1) as f64)
            )
        })
        .collect();
    report.note(format!(
        "{} attributes were not imported: together they would need more empty cells than the memory budget \
         allows ({budget} cells), so only the most filled attributes were kept. Each left out has values on \
         at most {} of its events or cases; the first: {}{}",
        dropped.len(),
        share(fullest),
        named.join(", "),
        if dropped.len() > NAMED_DROPPED { ", ..." } else { "" }
    ));
    keep
}

/// A share as a percentage with enough digits to tell small shares apart.
pub(super) fn share(x: f64) -> String {
    let p = x * 100.0;
    if p >= 1.0 {
        format!("{p:.1} %")
    } else {
        format!("{p:.3} %")
    }
}

pub(super) fn decide_order(
    order: DateOrder,
    b: &LogBuilder,
    report: &mut ImportReport,
) -> DateOrder {
    if order != DateOrder::Auto {
        return order;
    }
    let day = b.time_order.day_only.len() + b.start_order.day_only.len();
    let month = b.time_order.month_only.len() + b.start_order.month_only.len();
    let ambiguous = b.time_order.ambiguous.len() + b.start_order.ambiguous.len();
    let has_day_month = b.kinds.iter().any(|(k, _)| k.has_day_month_order());
    if !has_day_month {
        return DateOrder::Auto;
    }
    match (day, month) {
        (0, 0) => {
            if ambiguous > 0 {
                report.date_order_ambiguous = true;
                report.say(
                    Message::new(
                        "imp-date-order-ambiguous",
                        format!(
                            "day/month order could not be told from the dates ({ambiguous} values such as 03/04 \
                             read either way): read as day-first; choose month-first to override"
                        ),
                    )
                    .arg("count", ambiguous),
                );
            }
            DateOrder::DayFirst
        }
        (_, 0) => DateOrder::DayFirst,
        (0, _) => DateOrder::MonthFirst,
        (d, m) => {
            let decided = if m > d {
                DateOrder::MonthFirst
            } else {
                DateOrder::DayFirst
            };
            let how = if decided == DateOrder::MonthFirst {
                "month-first"
            } else {
                "day-first"
            };
            report.say(
                Message::new(
                    "imp-date-order-disagree",
                    format!(
                        "dates disagree on day/month order ({d} only valid day-first, {m} only valid \
                         month-first): read as {how}"
                    ),
                )
                .arg("day_first", d)
                .arg("month_first", m)
                .arg("order", how),
            );
            decided
        }
    }
}

/// The note on a typed column's values that did not read as its type (`what`: numbers, dates) and
/// were left empty.
pub(super) fn unreadable_values(
    key: &str,
    what: &str,
    column: &str,
    rows: usize,
    example: &str,
) -> Message {
    // "numbers" → "a number".
    let one = what.strip_suffix('s').unwrap_or(what);
    let text = if rows == 1 {
        format!("column \"{column}\": one value could not be read as a {one} (\"{example}\") and is left empty")
    } else {
        format!(
            "column \"{column}\": {rows} values could not be read as {what} (e.g. \"{example}\") and are \
             left empty"
        )
    };
    Message::new(key, text)
        .arg("column", column)
        .arg("count", rows)
        .arg("value", example)
}

/// Keeps only the symbols used (in id order) and returns the old-id to new-id map.
pub(super) fn compact_symbols(s: &Symbols, used: impl Iterator<Item = u32>) -> (Symbols, Vec<u32>) {
    let mut seen = vec![false; s.len()];
    for id in used {
        seen[id as usize] = true;
    }
    if seen.iter().all(|&x| x) {
        return (s.clone(), (0..s.len() as u32).collect());
    }
    let mut out = Symbols::new();
    let map = seen
        .iter()
        .enumerate()
        .map(|(i, &keep)| {
            if keep {
                out.intern(s.get(i as u32))
            } else {
                u32::MAX
            }
        })
        .collect();
    (out, map)
}
