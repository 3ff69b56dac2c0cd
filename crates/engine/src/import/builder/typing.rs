//! Typing attribute columns: each column's values read as numbers, instants or text, whichever the
//! whole column supports (codes with leading zeros stay text), with the decimal separator and the
//! day/month order decided from the column.

use super::finish::unreadable_values;
use super::*;

/// Whether a numeric-looking text is an identifier rather than a quantity (leading zeros: "0070100018").
pub(super) fn is_code(s: &str) -> bool {
    let t = s.trim_start_matches(['-', '+']);
    t.len() > 1 && t.starts_with('0') && t.as_bytes()[1].is_ascii_digit()
}

/// Types a text column from its distinct values.
pub(super) fn type_values(
    a: &mut AttrBuilder,
    keys: Vec<u32>,
    order: DateOrder,
    hint: DecimalSep,
    said: &mut Vec<Message>,
) -> Values {
    let dict = &a.dict;
    let used: Vec<bool> = {
        let mut u = vec![false; dict.len()];
        for &k in &keys {
            if k != MISSING_KEY {
                u[k as usize] = true;
            }
        }
        u
    };
    let values = || {
        (0..dict.len() as u32)
            .filter(|&i| used[i as usize])
            .map(|i| dict.get(i))
    };
    let wants = match a.role {
        ColumnRole::Amount => Some(true),
        ColumnRole::DueDate | ColumnRole::PromiseDate => Some(false),
        ColumnRole::Attribute => None,
        _ => {
            return Values::Text {
                keys,
                dict: std::mem::take(&mut a.dict),
            }
        }
    };
    let any = values().next().is_some();
    // Numbers.
    if wants != Some(false) && any {
        let (mut comma, mut point) = (0usize, 0usize);
        for v in values() {
            match number::evidence(v) {
                Some(DecimalSep::Comma) => comma += 1,
                Some(DecimalSep::Point) => point += 1,
                None => {}
            }
        }
        let dec = if comma > point {
            DecimalSep::Comma
        } else if point > comma {
            DecimalSep::Point
        } else {
            hint
        };
        let parsed: Vec<Option<f64>> = (0..dict.len() as u32)
            .map(|i| {
                if used[i as usize] {
                    number::parse_number(dict.get(i), dec)
                } else {
                    None
                }
            })
            .collect();
        let bad = (0..dict.len())
            .filter(|&i| used[i] && parsed[i].is_none())
            .count();
        let codes = values().any(is_code);
        if (bad == 0 && !codes) || wants == Some(true) {
            let unreadable = ("imp-bad-numbers", "numbers");
            return Values::Number(typed(a, &keys, &parsed, f64::NAN, unreadable, said));
        }
    }
    // Dates (not bare numbers: a column of small integers is not a date column).
    if wants != Some(true) && any {
        let order = if order == DateOrder::Auto {
            column_order(values())
        } else {
            order
        };
        let parsed: Vec<Option<i64>> = (0..dict.len() as u32)
            .map(|i| {
                if !used[i as usize] {
                    return None;
                }
                parse_timestamp(dict.get(i), order)
                    .filter(|p| {
                        wants == Some(false)
                            || matches!(p.kind, TimeKind::Iso { .. } | TimeKind::DayMonth { .. })
                    })
                    .map(|p| p.ms)
            })
            .collect();
        let bad = (0..dict.len())
            .filter(|&i| used[i] && parsed[i].is_none())
            .count();
        if bad == 0 || wants == Some(false) {
            let unreadable = ("imp-bad-dates", "dates");
            return Values::Time(typed(a, &keys, &parsed, MISSING_TIME, unreadable, said));
        }
    }
    // The column's dictionary moves into the log (a text column of ids can hold millions of values).
    Values::Text {
        keys,
        dict: std::mem::take(&mut a.dict),
    }
}

/// The cells of a typed column from each key's reading (`parsed`, by key), `missing` where a cell is
/// empty or could not be read; the unreadable cells are said in one message (`unreadable`: its key
/// and what they are not), with how many there are and the first in the file.
fn typed<T: Copy>(
    a: &AttrBuilder,
    keys: &[u32],
    parsed: &[Option<T>],
    missing: T,
    (message, what): (&str, &str),
    said: &mut Vec<Message>,
) -> Vec<T> {
    let value = |k: u32| match k {
        MISSING_KEY => None,
        k => Some(parsed[k as usize]),
    };
    // One pass: how many cells are unreadable, and the lowest key among them (keys are numbered in
    // the order values first appear, so it is the file's first).
    let (rows, first) = keys
        .iter()
        .filter(|&&k| value(k).is_some_and(|p| p.is_none()))
        .fold((0usize, u32::MAX), |(n, first), &k| (n + 1, first.min(k)));
    if rows > 0 {
        let first = a.dict.get(first);
        said.push(unreadable_values(message, what, &a.name, rows, first));
    }
    keys.iter()
        .map(|&k| value(k).flatten().unwrap_or(missing))
        .collect()
}

/// Day/month order of a date attribute read on its own (when the timestamp column did not settle it).
pub(super) fn column_order<'a>(values: impl Iterator<Item = &'a str>) -> DateOrder {
    let (mut day, mut month) = (0, 0);
    for v in values {
        match parse_timestamp(v, DateOrder::Auto).map(|p| p.evidence) {
            Some(OrderEvidence::DayFirst) => day += 1,
            Some(OrderEvidence::MonthFirst) => month += 1,
            _ => {}
        }
    }
    if month > day {
        DateOrder::MonthFirst
    } else {
        DateOrder::DayFirst
    }
}
