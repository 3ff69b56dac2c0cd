//! Typed attribute columns: one vector per attribute, with a dictionary for text.
//!
//! Every attribute starts as text while a file streams in (its type is unknown until the whole column
//! has been seen) and is typed once at the end: a column whose every value reads as a number becomes a
//! [`Values::Number`] column, one whose every value reads as a date becomes [`Values::Time`]; the rest stay
//! text. Missing values are `u32::MAX` keys, `NaN` numbers and `i64::MIN` instants.

use super::symbols::Symbols;
pub use crate::values::number::format_number;
use crate::values::{number, ColumnRole};

/// Key of a missing text value.
pub const MISSING_KEY: u32 = u32::MAX;
/// A missing instant.
pub const MISSING_TIME: i64 = i64::MIN;

/// Whether an attribute describes each event or the whole case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// One value per event.
    Event,
    /// One value per case (XES trace attributes, CSV `case:` columns).
    Case,
}

/// The stored values of one attribute.
#[derive(Debug, Clone)]
pub enum Values {
    /// Dictionary-encoded text.
    Text {
        /// Per row, a key into `dict` or [`MISSING_KEY`].
        keys: Vec<u32>,
        /// The distinct values.
        dict: Symbols,
    },
    /// Numbers; `NaN` when missing.
    Number(Vec<f64>),
    /// UTC milliseconds; [`MISSING_TIME`] when missing.
    Time(Vec<i64>),
}

/// The type of an attribute's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueKind {
    /// Text.
    Text,
    /// Numbers.
    Number,
    /// Instants.
    Time,
}

/// One value read from a column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value<'a> {
    /// No value.
    Missing,
    /// Text.
    Text(&'a str),
    /// A number.
    Number(f64),
    /// UTC milliseconds.
    Time(i64),
}

impl Value<'_> {
    /// Whether there is no value.
    pub fn is_missing(&self) -> bool {
        matches!(self, Value::Missing)
    }

    /// The value as text for tables and CSV export: numbers without trailing zeros, instants in ISO-8601.
    pub fn display(&self) -> String {
        match *self {
            Value::Missing => String::new(),
            Value::Text(s) => s.to_string(),
            Value::Number(v) => format_number(v),
            Value::Time(ms) => crate::calendar::format_iso_utc(ms),
        }
    }

    /// The value as a finite number, if it is one. Text is read as the importer reads numbers
    /// ([`number::parse_number`]: grouping, currency, and a decimal comma where the value itself says
    /// so); `inf`, `NaN` and overflowing values such as `1e999` are not numbers, as in a number column.
    pub fn as_number(&self) -> Option<f64> {
        match *self {
            Value::Number(v) => Some(v).filter(|v| v.is_finite()),
            Value::Text(s) => {
                let dec = number::evidence(s).unwrap_or(number::DecimalSep::Point);
                number::parse_number(s, dec)
            }
            _ => None,
        }
    }
}

/// A named attribute column.
#[derive(Debug, Clone)]
pub struct Attribute {
    /// Column name as in the file (XES key).
    pub name: String,
    /// Per event or per case.
    pub scope: Scope,
    /// The role the import gave it ([`ColumnRole::Attribute`] for a plain attribute).
    pub role: ColumnRole,
    /// The values, indexed by event (scope `Event`) or case (scope `Case`).
    pub values: Values,
}

impl Attribute {
    /// The value at row `i` (an event index or a case index, by scope).
    #[inline]
    pub fn get(&self, i: usize) -> Value<'_> {
        match &self.values {
            Values::Text { keys, dict } => match keys.get(i) {
                Some(&k) if k != MISSING_KEY => Value::Text(dict.get(k)),
                _ => Value::Missing,
            },
            Values::Number(v) => match v.get(i) {
                Some(x) if !x.is_nan() => Value::Number(*x),
                _ => Value::Missing,
            },
            Values::Time(v) => match v.get(i) {
                Some(&t) if t != MISSING_TIME => Value::Time(t),
                _ => Value::Missing,
            },
        }
    }

    /// The text a dictionary key stands for (`None` for a number or instant column, or a key out of
    /// range), as [`crate::EventLog::case_text_key`] gives keys.
    pub fn text_of_key(&self, key: u32) -> Option<&str> {
        match &self.values {
            Values::Text { dict, .. } if (key as usize) < dict.len() => Some(dict.get(key)),
            _ => None,
        }
    }

    /// The type of the values.
    pub fn kind(&self) -> ValueKind {
        match self.values {
            Values::Text { .. } => ValueKind::Text,
            Values::Number(_) => ValueKind::Number,
            Values::Time(_) => ValueKind::Time,
        }
    }

    /// Number of distinct text values (0 for numbers and instants).
    pub fn distinct_text(&self) -> usize {
        match &self.values {
            Values::Text { dict, .. } => dict.len(),
            _ => 0,
        }
    }

    /// Heap bytes used by the values.
    pub fn heap_bytes(&self) -> usize {
        match &self.values {
            Values::Text { keys, dict } => keys.capacity() * 4 + dict.heap_bytes(),
            Values::Number(v) => v.capacity() * 8,
            Values::Time(v) => v.capacity() * 8,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_reads_as_a_finite_number_only() {
        assert_eq!(Value::Text(" 12.5 ").as_number(), Some(12.5));
        assert_eq!(Value::Text("-3").as_number(), Some(-3.0));
        for s in [
            "inf", "-inf", "infinity", "NaN", "nan", "1e999", "-1e999", "", "abc",
        ] {
            assert_eq!(Value::Text(s).as_number(), None, "{s:?}");
        }
        // A decimal comma that cannot be a thousands separator.
        assert_eq!(Value::Text("12,5").as_number(), Some(12.5));
        assert_eq!(Value::Text("1 234,56").as_number(), Some(1234.56));
        assert_eq!(Value::Number(2.0).as_number(), Some(2.0));
    }
}
