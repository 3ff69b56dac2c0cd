//! Number, duration and date formatting for display, in the interface's language ([`crate::core::i18n`]):
//! `1 234,5` and `31/03/2026` in French, `1 234.5` and `31 Mar 2026` in English. Views format; they
//! never compute.

use crate::core::i18n::{language, Language};

/// A decimal number with `decimals` places, thousands grouped with a thin space and the language's
/// decimal mark: `1 234.5`, `1 234,5`.
pub fn decimal(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    let s = format!("{:.decimals$}", x.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut out = String::with_capacity(s.len() + 4);
    if x < 0.0 && s.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        out.push('-');
    }
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(ch);
    }
    if !frac.is_empty() {
        out.push(match language() {
            Language::En => '.',
            Language::Fr => ',',
        });
        out.push_str(frac);
    }
    out
}

/// A count with thin thousands separators: `150 370`.
pub fn count(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(ch);
    }
    out
}

/// A duration in seconds, in the largest sensible unit: `4.2 d`, `3.5 h`, `12 min`, `40 s`.
pub fn duration(s: f64) -> String {
    if !s.is_finite() {
        return "–".into();
    }
    let a = s.abs();
    let (year, day) = match language() {
        Language::En => ("y", "d"),
        Language::Fr => ("an", "j"),
    };
    if a >= 86_400.0 * 365.0 {
        format!("{} {year}", decimal(s / (86_400.0 * 365.0), 1))
    } else if a >= 86_400.0 * 2.0 {
        format!("{} {day}", decimal(s / 86_400.0, 1))
    } else if a >= 3600.0 {
        format!("{} h", decimal(s / 3600.0, 1))
    } else if a >= 60.0 {
        format!("{s:.0} min", s = s / 60.0)
    } else {
        format!("{s:.0} s")
    }
}

/// A share as a percentage: `33.5 %`.
pub fn percent(x: f64) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    format!("{}\u{a0}%", decimal(x * 100.0, 1))
}

/// An instant (UTC milliseconds) for people: `31 Mar 2026, 18:34` in English, `31/03/2026 18:34` in
/// French (seconds only when not zero, the time only when not midnight). Missing instants give "–".
pub fn datetime(ms: i64) -> String {
    use relance_engine::calendar::civil_from_days;
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    if ms == i64::MIN {
        return "–".into();
    }
    let (y, m, d) = civil_from_days(ms.div_euclid(86_400_000));
    let t = ms.rem_euclid(86_400_000) / 1000;
    let (h, mi, sec) = (t / 3600, t / 60 % 60, t % 60);
    if language() == Language::Fr {
        return match (t, sec) {
            (0, _) => format!("{d:02}/{m:02}/{y:04}"),
            (_, 0) => format!("{d:02}/{m:02}/{y:04} {h:02}:{mi:02}"),
            _ => format!("{d:02}/{m:02}/{y:04} {h:02}:{mi:02}:{sec:02}"),
        };
    }
    let month = MONTHS.get(m as usize - 1).copied().unwrap_or("?");
    match (t, sec) {
        (0, _) => format!("{d} {month} {y}"),
        (_, 0) => format!("{d} {month} {y}, {h:02}:{mi:02}"),
        _ => format!("{d} {month} {y}, {h:02}:{mi:02}:{sec:02}"),
    }
}

/// An ISO-8601 instant as the engine writes it (`2026-03-31T18:34:22Z`), for people (see
/// [`datetime`]); text that is not one is shown as it is.
pub fn iso(s: &str) -> String {
    match relance_engine::import::timestamp::parse_timestamp(
        s,
        relance_engine::import::DateOrder::Auto,
    ) {
        Some(p) if !s.is_empty() => datetime(p.ms),
        _ if s.is_empty() => "–".into(),
        _ => s.to_string(),
    }
}

/// Bytes in MB with one decimal.
pub fn megabytes(b: f64) -> String {
    match language() {
        Language::En => format!("{} MB", decimal(b / 1_000_000.0, 1)),
        Language::Fr => format!("{} Mo", decimal(b / 1_000_000.0, 1)),
    }
}

/// Machine-readable values for CSV exports, written in a cell's `data-csv` attribute next to the
/// formatted text (see `components::data_table`). Not-a-number gives an empty cell.
pub mod raw {
    /// A number with a fixed number of decimals.
    pub fn num(x: f64, decimals: usize) -> String {
        if x.is_finite() {
            format!("{x:.decimals$}")
        } else {
            String::new()
        }
    }

    /// Days with two decimals.
    pub fn days(x: f64) -> String {
        num(x, 2)
    }

    /// A share 0..1 as a percentage number with two decimals (45.6 % -> "45.60").
    pub fn percent(x: f64) -> String {
        num(x * 100.0, 2)
    }

    /// A duration in whole seconds.
    pub fn seconds(x: f64) -> String {
        num(x, 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(count(150_370), "150\u{202f}370");
        assert_eq!(count(12), "12");
        assert_eq!(duration(17_110_800.0), "198.0 d");
        assert_eq!(duration(5400.0), "1.5 h");
        assert_eq!(duration(30.0), "30 s");
        assert_eq!(percent(0.335), "33.5\u{a0}%");
        assert_eq!(raw::percent(0.335), "33.50");
        assert_eq!(raw::days(3.25), "3.25");
        assert_eq!(raw::seconds(f64::NAN), "");
        assert_eq!(iso("2026-03-31T18:34:22Z"), "31 Mar 2026, 18:34:22");
        assert_eq!(iso("2026-03-31T18:34:00Z"), "31 Mar 2026, 18:34");
        assert_eq!(iso("2026-03-31T00:00:00Z"), "31 Mar 2026");
        assert_eq!(iso(""), "–");
        assert_eq!(decimal(-1234.56, 2), "-1\u{202f}234.56");
        assert_eq!(datetime(i64::MIN), "–");
        crate::core::i18n::set_language(Language::Fr);
        assert_eq!(iso("2026-03-31T18:34:22Z"), "31/03/2026 18:34:22");
        assert_eq!(percent(0.335), "33,5\u{a0}%");
        assert_eq!(duration(17_110_800.0), "198,0 j");
        assert_eq!(count(1234), "1\u{202f}234");
        assert_eq!(decimal(1234.5, 1), "1\u{202f}234,5");
        assert_eq!(decimal(-0.04, 1), "0,0");
        crate::core::i18n::set_language(Language::En);
    }
}
