//! Reading timestamps the way ERP and spreadsheet exports write them.
//!
//! Accepted, with surrounding spaces ignored:
//! - ISO-8601 and its SQL cousin: `2024-03-01T09:30:00.123+01:00`, `2024-03-01 09:30`, `2024-03-01`,
//!   `Z`, `±HH:MM`, `±HHMM`, `±HH`, `UTC`/`GMT` suffixes, any number of fractional digits (kept to the ms);
//! - day/month dates: `dd/mm/yyyy`, `mm/dd/yyyy`, with `/`, `.` or `-`, 2- or 4-digit years, an optional
//!   time (`13:45`, `13:45:10`, `1:45 PM`), separated by one or more spaces;
//! - compact `yyyymmdd`;
//! - numbers: epoch seconds (1e8..1e11), epoch milliseconds (1e11..1e14), Excel serial days (1 up to
//!   2,958,466, which is 10000-01-01: later years are refused as in ISO dates;
//!   day 0 = 1899-12-30, the convention that absorbs Excel's 1900 leap-year bug).
//!
//! Whether `03/04/2024` is the 3rd of April or the 4th of March cannot be told from one value. The parser
//! returns both readings ([`OrderEvidence::Ambiguous`]); the importer decides for the whole file: any
//! first field above 12 settles day-first, any second field above 12 settles month-first, and a file that
//! stays ambiguous is read day-first and says so in its report.
//!
//! Values without an offset are taken as UTC (the reference semantics); the importer reports how many.

use crate::calendar::{days_from_civil, days_in_month, MS_PER_DAY};

/// Which way to read `01/02/2024`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// Decide from the values of the whole column (day-first when nothing settles it).
    #[default]
    Auto,
    /// `dd/mm/yyyy`.
    DayFirst,
    /// `mm/dd/yyyy`.
    MonthFirst,
}

/// The shape a timestamp was written in; the import report describes a column by its most common kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TimeKind {
    /// `yyyy-mm-dd`, with or without time and offset.
    Iso {
        /// A time of day was present.
        time: bool,
        /// An explicit offset (or `Z`) was present.
        offset: bool,
    },
    /// `dd/mm/yyyy` or `mm/dd/yyyy`.
    DayMonth {
        /// Separator between date fields.
        sep: u8,
        /// Four-digit year.
        year4: bool,
        /// A time of day was present.
        time: bool,
    },
    /// `yyyymmdd`.
    Compact,
    /// Seconds since 1970-01-01 UTC.
    EpochSeconds,
    /// Milliseconds since 1970-01-01 UTC.
    EpochMillis,
    /// Days since 1899-12-30 (Excel, LibreOffice).
    ExcelSerial,
}

impl TimeKind {
    /// A readable pattern such as `dd/mm/yyyy hh:mm[:ss]`, given the order the column was read in.
    pub fn describe(self, order: DateOrder) -> String {
        match self {
            TimeKind::Iso { time, offset } => {
                let mut s = String::from("yyyy-mm-dd");
                if time {
                    s.push_str("Thh:mm[:ss[.fff]]");
                }
                if offset {
                    s.push_str("±hh:mm");
                }
                format!("ISO-8601 {s}")
            }
            TimeKind::DayMonth { sep, year4, time } => {
                let sep = sep as char;
                let y = if year4 { "yyyy" } else { "yy" };
                let (a, b) = match order {
                    DateOrder::MonthFirst => ("mm", "dd"),
                    _ => ("dd", "mm"),
                };
                let t = if time { " hh:mm[:ss]" } else { "" };
                format!("{a}{sep}{b}{sep}{y}{t}")
            }
            TimeKind::Compact => "yyyymmdd".into(),
            TimeKind::EpochSeconds => "epoch seconds".into(),
            TimeKind::EpochMillis => "epoch milliseconds".into(),
            TimeKind::ExcelSerial => "Excel serial days".into(),
        }
    }

    /// Whether the kind carries day and month in an order that has to be decided.
    pub fn has_day_month_order(self) -> bool {
        matches!(self, TimeKind::DayMonth { .. })
    }
}

/// What one value says about day/month order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderEvidence {
    /// The value has no day/month question, or both readings agree (`05/05/2024`).
    None,
    /// Only the day-first reading is a valid date (first field above 12).
    DayFirst,
    /// Only the month-first reading is a valid date (second field above 12).
    MonthFirst,
    /// Both readings are valid and differ; `ms` is the day-first one and this is the other.
    Ambiguous {
        /// The instant under the month-first reading.
        month_first_ms: i64,
    },
}

/// A parsed timestamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parsed {
    /// The instant, UTC milliseconds since 1970-01-01.
    pub ms: i64,
    /// The offset written in the value, in minutes east of UTC; `None` when the value had none.
    pub offset_min: Option<i16>,
    /// How the value was written.
    pub kind: TimeKind,
    /// For day/month dates read with [`DateOrder::Auto`], what the value says about the order.
    pub evidence: OrderEvidence,
}

impl Parsed {
    /// The wall-clock time written in the file, as milliseconds since the epoch "in local time": the
    /// instant shifted by the value's own offset (naive values are already local).
    pub fn local_ms(&self) -> i64 {
        self.ms + self.offset_min.unwrap_or(0) as i64 * 60_000
    }
}

/// Byte cursor over a value.
struct Cur<'a> {
    b: &'a [u8],
    i: usize,
}

impl Cur<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }
    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    fn done(&self) -> bool {
        self.i >= self.b.len()
    }
    /// Reads between `min` and `max` ASCII digits.
    fn digits(&mut self, min: usize, max: usize) -> Option<(u64, usize)> {
        let start = self.i;
        let mut v: u64 = 0;
        while self.i < self.b.len() && self.i - start < max && self.b[self.i].is_ascii_digit() {
            v = v
                .wrapping_mul(10)
                .wrapping_add((self.b[self.i] - b'0') as u64);
            self.i += 1;
        }
        let n = self.i - start;
        (n >= min).then_some((v, n))
    }
    fn skip_spaces(&mut self) -> usize {
        let start = self.i;
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.i += 1;
        }
        self.i - start
    }
}

/// Time of day parsed after a date: milliseconds since midnight.
struct TimeOfDay {
    ms: i64,
}

/// Reads `hh:mm[:ss[.fff…]]` and an optional AM/PM marker.
fn time_of_day(c: &mut Cur) -> Option<TimeOfDay> {
    let (h, _) = c.digits(1, 2)?;
    if !c.eat(b':') {
        return None;
    }
    let (m, _) = c.digits(2, 2)?;
    let mut s = 0;
    let mut milli = 0;
    if c.eat(b':') {
        s = c.digits(2, 2)?.0;
        if c.eat(b'.') || c.eat(b',') {
            let (frac, n) = c.digits(1, usize::MAX)?;
            // Keep milliseconds; extra digits are truncated (no log here has finer than ms).
            milli = match n {
                1 => frac * 100,
                2 => frac * 10,
                3 => frac,
                _ => {
                    let digits = &c.b[c.i - n..c.i - n + 3];
                    digits.iter().fold(0, |a, d| a * 10 + (d - b'0') as u64)
                }
            };
        }
    }
    let mut hour = h;
    // Optional AM/PM, as US exports write "3/14/2024 1:05:00 PM".
    let save = c.i;
    c.skip_spaces();
    let rest = &c.b[c.i..];
    let ampm = if rest.len() >= 2 && rest[1].eq_ignore_ascii_case(&b'm') {
        match rest[0].to_ascii_lowercase() {
            b'a' => Some(false),
            b'p' => Some(true),
            _ => None,
        }
    } else {
        None
    };
    match ampm {
        Some(pm) => {
            if !(1..=12).contains(&hour) {
                return None;
            }
            c.i += 2;
            hour = match (pm, hour) {
                (false, 12) => 0,
                (false, h) => h,
                (true, 12) => 12,
                (true, h) => h + 12,
            };
        }
        None => c.i = save,
    }
    if hour > 23 || m > 59 || s > 59 {
        return None;
    }
    Some(TimeOfDay {
        ms: ((hour * 60 + m) * 60 + s) as i64 * 1000 + milli as i64,
    })
}

/// Reads an optional offset: `Z`, `±hh:mm`, `±hhmm`, `±hh`, ` UTC`, ` GMT`. Returns `Some(None)` when
/// there is none, `None` when what follows is not an offset.
fn offset(c: &mut Cur) -> Option<Option<i16>> {
    let save = c.i;
    c.skip_spaces();
    if c.done() {
        return Some(None);
    }
    if c.eat(b'Z') || c.eat(b'z') {
        return Some(Some(0));
    }
    let rest = &c.b[c.i..];
    if rest.len() >= 3
        && (rest[..3].eq_ignore_ascii_case(b"UTC") || rest[..3].eq_ignore_ascii_case(b"GMT"))
    {
        c.i += 3;
        if c.done() {
            return Some(Some(0));
        }
    }
    let sign = match c.peek() {
        Some(b'+') => 1i64,
        Some(b'-') => -1,
        _ => {
            c.i = save;
            return if c.done() { Some(None) } else { None };
        }
    };
    c.i += 1;
    let (h, n) = c.digits(2, 4)?;
    let (hh, mm) = match n {
        2 => {
            let mm = if c.eat(b':') { c.digits(2, 2)?.0 } else { 0 };
            (h, mm)
        }
        4 => (h / 100, h % 100),
        _ => return None,
    };
    if hh > 23 || mm > 59 {
        return None;
    }
    Some(Some((sign * (hh * 60 + mm) as i64) as i16))
}

fn valid_date(y: i64, m: u64, d: u64) -> bool {
    (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m as u32) as u64
}

/// Reads the part after a date: nothing, or separator + time of day + optional offset.
/// Returns (ms since midnight, offset, had time).
fn after_date(c: &mut Cur, allow_t: bool) -> Option<(i64, Option<i16>, bool)> {
    if c.done() {
        return Some((0, None, false));
    }
    let spaces = c.skip_spaces();
    if c.done() {
        return Some((0, None, false));
    }
    let t = allow_t && (c.eat(b'T') || c.eat(b't'));
    if spaces == 0 && !t {
        // Something glued to the date that is not `T`: could be an offset on a date-only value.
        let off = offset(c)?;
        return c.done().then_some((0, off, false));
    }
    let tod = time_of_day(c)?;
    let off = offset(c)?;
    c.skip_spaces();
    c.done().then_some((tod.ms, off, true))
}

fn instant(y: i64, m: u64, d: u64, tod_ms: i64, off: Option<i16>) -> i64 {
    days_from_civil(y, m as u32, d as u32) * MS_PER_DAY + tod_ms - off.unwrap_or(0) as i64 * 60_000
}

/// Parses one timestamp value. `order` says how to read day/month dates.
pub fn parse_timestamp(value: &str, order: DateOrder) -> Option<Parsed> {
    let b = value.trim().as_bytes();
    if b.is_empty() {
        return None;
    }
    let mut c = Cur { b, i: 0 };
    let first = c.digits(1, 8);
    match (first, c.peek()) {
        // yyyy-mm-dd or yyyy/mm/dd
        (Some((y, 4)), Some(sep @ (b'-' | b'/' | b'.'))) => {
            c.i += 1;
            let (m, _) = c.digits(1, 2)?;
            if !c.eat(sep) {
                return None;
            }
            let (d, _) = c.digits(1, 2)?;
            let y = y as i64;
            if !valid_date(y, m, d) {
                return None;
            }
            let (tod, off, time) = after_date(&mut c, true)?;
            Some(Parsed {
                ms: instant(y, m, d, tod, off),
                offset_min: off,
                kind: TimeKind::Iso {
                    time,
                    offset: off.is_some(),
                },
                evidence: OrderEvidence::None,
            })
        }
        // dd/mm/yyyy or mm/dd/yyyy
        (Some((a, 1..=2)), Some(sep @ (b'/' | b'.' | b'-'))) => {
            c.i += 1;
            let (bb, _) = c.digits(1, 2)?;
            if !c.eat(sep) {
                return None;
            }
            let (y, yn) = c.digits(2, 4)?;
            let (y, year4) = match yn {
                2 => (if y < 70 { 2000 + y } else { 1900 + y } as i64, false),
                4 => (y as i64, true),
                _ => return None,
            };
            let (tod, off, time) = after_date(&mut c, false)?;
            let kind = TimeKind::DayMonth { sep, year4, time };
            let day_first = valid_date(y, bb, a).then(|| instant(y, bb, a, tod, off));
            let month_first = valid_date(y, a, bb).then(|| instant(y, a, bb, tod, off));
            let (ms, evidence) = match order {
                DateOrder::DayFirst => (day_first?, OrderEvidence::None),
                DateOrder::MonthFirst => (month_first?, OrderEvidence::None),
                DateOrder::Auto => match (day_first, month_first) {
                    (Some(d), Some(m)) if d == m => (d, OrderEvidence::None),
                    (Some(d), Some(m)) => (d, OrderEvidence::Ambiguous { month_first_ms: m }),
                    (Some(d), None) => (d, OrderEvidence::DayFirst),
                    (None, Some(m)) => (m, OrderEvidence::MonthFirst),
                    (None, None) => return None,
                },
            };
            Some(Parsed {
                ms,
                offset_min: off,
                kind,
                evidence,
            })
        }
        // yyyymmdd
        (Some((v, 8)), None) => {
            let (y, m, d) = ((v / 10_000) as i64, v / 100 % 100, v % 100);
            if !(1900..=2200).contains(&y) || !valid_date(y, m, d) {
                return None;
            }
            Some(Parsed {
                ms: days_from_civil(y, m as u32, d as u32) * MS_PER_DAY,
                offset_min: None,
                kind: TimeKind::Compact,
                evidence: OrderEvidence::None,
            })
        }
        _ => parse_numeric_time(value.trim()),
    }
}

/// The Excel serial of 10000-01-01 (2,958,465 is 9999-12-31).
const EXCEL_YEAR_10000: f64 = 2_958_466.0;

/// Epoch seconds, epoch milliseconds or an Excel serial, told apart by magnitude.
fn parse_numeric_time(s: &str) -> Option<Parsed> {
    let normalized;
    let s = if s.contains(',') && !s.contains('.') {
        normalized = s.replacen(',', ".", 1);
        normalized.as_str()
    } else {
        s
    };
    if !s
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
    {
        return None;
    }
    let v: f64 = s.parse().ok()?;
    if !v.is_finite() {
        return None;
    }
    let a = v.abs();
    let (ms, kind) = if (1e11..1e14).contains(&a) {
        (v.round() as i64, TimeKind::EpochMillis)
    } else if (1e8..1e11).contains(&a) {
        ((v * 1000.0).round() as i64, TimeKind::EpochSeconds)
    } else if (1.0..EXCEL_YEAR_10000).contains(&v) {
        // 25569 = days from 1899-12-30 to 1970-01-01. Serials from year 10000 on are refused like ISO
        // years past 9999: instants are written back as four-digit years.
        (
            ((v - 25_569.0) * MS_PER_DAY as f64).round() as i64,
            TimeKind::ExcelSerial,
        )
    } else {
        return None;
    };
    Some(Parsed {
        ms,
        offset_min: None,
        kind,
        evidence: OrderEvidence::None,
    })
}

/// Whether a value looks like a timestamp strongly enough to pick a column by its values: textual dates
/// and plausible epoch values, but not small numbers that are more likely amounts or counts.
pub fn looks_like_timestamp(value: &str) -> bool {
    match parse_timestamp(value, DateOrder::Auto) {
        Some(p) => match p.kind {
            TimeKind::ExcelSerial => {
                let v: f64 = value.trim().replace(',', ".").parse().unwrap_or(0.0);
                (20_000.0..80_000.0).contains(&v) && value.contains(['.', ','])
            }
            TimeKind::EpochSeconds | TimeKind::EpochMillis => {
                // 2000-01-01 .. 2100-01-01
                (946_684_800_000..4_102_444_800_000).contains(&p.ms) && !value.contains(['.', ','])
            }
            _ => true,
        },
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::format_iso_utc;

    fn iso(s: &str, order: DateOrder) -> String {
        format_iso_utc(
            parse_timestamp(s, order)
                .unwrap_or_else(|| panic!("cannot parse {s:?}"))
                .ms,
        )
    }

    #[test]
    fn iso_forms() {
        let a = DateOrder::Auto;
        assert_eq!(iso("2006-07-24T00:00:00+02:00", a), "2006-07-23T22:00:00Z");
        assert_eq!(
            iso("2011-10-01T00:38:44.546+02:00", a),
            "2011-09-30T22:38:44.546Z"
        );
        assert_eq!(iso("2012-12-16T19:33:10", a), "2012-12-16T19:33:10Z");
        assert_eq!(iso("2012-12-16 19:33", a), "2012-12-16T19:33:00Z");
        assert_eq!(iso("2012-12-16", a), "2012-12-16T00:00:00Z");
        assert_eq!(iso("2012-12-16T19:33:10Z", a), "2012-12-16T19:33:10Z");
        assert_eq!(
            iso("2012-12-16T19:33:10.1234567-0530", a),
            "2012-12-17T01:03:10.123Z"
        );
        assert_eq!(iso("2012-12-16 19:33:10 UTC", a), "2012-12-16T19:33:10Z");
        assert_eq!(iso("  2012/12/16 07:33:10 PM ", a), "2012-12-16T19:33:10Z");
        assert_eq!(iso("1948-01-26T23:00:00+00:00", a), "1948-01-26T23:00:00Z");
        let p = parse_timestamp("2006-07-24T00:00:00+02:00", a).unwrap();
        assert_eq!(p.offset_min, Some(120));
        assert_eq!(format_iso_utc(p.local_ms()), "2006-07-24T00:00:00Z");
        assert_eq!(parse_timestamp("2024-02-30", a), None);
        assert_eq!(parse_timestamp("2024-01-01T25:00", a), None);
        assert_eq!(parse_timestamp("2024-01-01T10:00+25:00", a), None);
        assert_eq!(parse_timestamp("2024-01-01 garbage", a), None);
    }

    #[test]
    fn day_month_forms_and_evidence() {
        let a = DateOrder::Auto;
        assert_eq!(iso("31/01/2024", a), "2024-01-31T00:00:00Z");
        assert_eq!(
            parse_timestamp("31/01/2024", a).unwrap().evidence,
            OrderEvidence::DayFirst
        );
        assert_eq!(iso("01/31/2024", a), "2024-01-31T00:00:00Z");
        assert_eq!(
            parse_timestamp("01/31/2024", a).unwrap().evidence,
            OrderEvidence::MonthFirst
        );
        let p = parse_timestamp("03/04/2024 13:45", a).unwrap();
        assert_eq!(format_iso_utc(p.ms), "2024-04-03T13:45:00Z");
        match p.evidence {
            OrderEvidence::Ambiguous { month_first_ms } => {
                assert_eq!(format_iso_utc(month_first_ms), "2024-03-04T13:45:00Z")
            }
            e => panic!("{e:?}"),
        }
        assert_eq!(
            parse_timestamp("05/05/2024", a).unwrap().evidence,
            OrderEvidence::None
        );
        assert_eq!(
            iso("03/04/2024", DateOrder::MonthFirst),
            "2024-03-04T00:00:00Z"
        );
        assert_eq!(parse_timestamp("31/01/2024", DateOrder::MonthFirst), None);
        assert_eq!(iso("24.12.2023 18:00:05", a), "2023-12-24T18:00:05Z");
        assert_eq!(iso("24-12-23", a), "2023-12-24T00:00:00Z");
        assert_eq!(iso("1/2/99", DateOrder::DayFirst), "1999-02-01T00:00:00Z");
        // Two spaces between date and time, as in the IBM SAP export.
        assert_eq!(iso("04/01/2016  13:46:13", a), "2016-01-04T13:46:13Z");
        assert_eq!(iso("3/14/2024 12:05 AM", a), "2024-03-14T00:05:00Z");
        assert_eq!(parse_timestamp("32/01/2024", a), None);
        assert_eq!(parse_timestamp("12/13/14/15", a), None);
    }

    #[test]
    fn numeric_forms() {
        let a = DateOrder::Auto;
        assert_eq!(iso("1452726000000.0", a), "2016-01-13T23:00:00Z");
        assert_eq!(iso("1452726000", a), "2016-01-13T23:00:00Z");
        assert_eq!(iso("45292", a), "2024-01-01T00:00:00Z");
        assert_eq!(iso("45292.5", a), "2024-01-01T12:00:00Z");
        assert_eq!(iso("45292,75", a), "2024-01-01T18:00:00Z");
        assert_eq!(iso("20240131", a), "2024-01-31T00:00:00Z");
        assert_eq!(parse_timestamp("abc", a), None);
        assert_eq!(parse_timestamp("", a), None);
        assert_eq!(parse_timestamp("-", a), None);
        assert!(looks_like_timestamp("2024-01-31"));
        assert!(looks_like_timestamp("1452726000"));
        assert!(!looks_like_timestamp("35.0"));
        assert!(!looks_like_timestamp("561"));
    }

    #[test]
    fn describes_formats() {
        let p = parse_timestamp("31/01/2024 10:00", DateOrder::Auto).unwrap();
        assert_eq!(
            p.kind.describe(DateOrder::DayFirst),
            "dd/mm/yyyy hh:mm[:ss]"
        );
        assert_eq!(
            p.kind.describe(DateOrder::MonthFirst),
            "mm/dd/yyyy hh:mm[:ss]"
        );
    }
}
