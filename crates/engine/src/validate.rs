//! Checks on the numbers people type or load: rule packs, view files, collections settings and
//! command-line flags. Each check names the field it refuses, so the message says what to fix.
//!
//! Why: these values become milliseconds through `as i64`, which saturates (`1e300` hours becomes
//! `i64::MAX`), and are then added to timestamps, which overflows: release builds wrap and silently invert
//! the result, debug builds panic (audit 2026-11-30, finding 8). So every duration is checked here once
//! (finite, not negative, not absurd) and turned into milliseconds, and the code that uses them adds with
//! saturating arithmetic, so a value that skipped the checks (built in code, or sent to the web worker)
//! still cannot overflow.

use crate::error::Error;

/// Milliseconds in a second.
pub const MS_PER_SECOND: f64 = 1_000.0;
/// Milliseconds in an hour.
pub const MS_PER_HOUR: f64 = 3_600_000.0;
/// Milliseconds in a day.
pub const MS_PER_DAY: f64 = 86_400_000.0;

/// Longest window, grace period or deadline a rule pack or the collections settings may name: ten
/// years, far beyond any dunning, promise or contact rule, and small enough that no sum with a timestamp
/// can overflow.
pub const MAX_SETTING_DAYS: f64 = 3_650.0;

/// Longest duration a filter may name: ten thousand years, the span of the timestamps the importer
/// accepts (years 0000 to 9999), so any real case duration can be filtered on.
pub const MAX_FILTER_DAYS: f64 = 3_652_500.0;

/// Earliest instant a view file may name (0000-01-01, the importer's earliest date), UTC ms.
pub const MIN_TIME_MS: i64 = -62_167_219_200_000;
/// Latest instant a view file may name (10000-01-01, just after the importer's latest date), UTC ms.
pub const MAX_TIME_MS: i64 = 253_402_300_800_000;

/// The unit a duration field is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Seconds (view-file filters: `within_s`).
    Seconds,
    /// Hours (rule packs: `within_hours`, `window_hours`).
    Hours,
    /// Days (grace days, windows in days).
    Days,
}

impl Unit {
    fn ms(self) -> f64 {
        match self {
            Unit::Seconds => MS_PER_SECOND,
            Unit::Hours => MS_PER_HOUR,
            Unit::Days => MS_PER_DAY,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Unit::Seconds => "seconds",
            Unit::Hours => "hours",
            Unit::Days => "days",
        }
    }
}

/// A duration field: finite, not negative and at most `max_days` days, in milliseconds. The message
/// names `field` (`rule "r1": "within_hours"`, `--window-days`, ...).
pub fn duration_ms(field: &str, value: f64, unit: Unit, max_days: f64) -> Result<i64, Error> {
    let max = max_days * MS_PER_DAY / unit.ms();
    if !value.is_finite() || value < 0.0 || value > max {
        return Err(Error::Invalid(format!(
            "{field}: expected a number of {} from 0 to {max}, got {value}",
            unit.name()
        )));
    }
    Ok(to_ms(value, unit))
}

/// [`duration_ms`] for days, up to `max_days`.
pub fn days_field(field: &str, value: f64, max_days: f64) -> Result<i64, Error> {
    duration_ms(field, value, Unit::Days, max_days)
}

/// A number that only has to be finite (amount bounds, fees).
pub fn finite_field(field: &str, value: f64) -> Result<f64, Error> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(Error::Invalid(format!(
            "{field}: expected a finite number, got {value}"
        )))
    }
}

/// A number in `[min, max]` (percentages, hours of the day).
pub fn range_field(field: &str, value: f64, min: f64, max: f64) -> Result<f64, Error> {
    if value.is_finite() && (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(Error::Invalid(format!(
            "{field}: expected a number from {min} to {max}, got {value}"
        )))
    }
}

/// An instant (UTC ms) within the years the importer accepts.
pub fn time_field(field: &str, ms: i64) -> Result<i64, Error> {
    if (MIN_TIME_MS..=MAX_TIME_MS).contains(&ms) {
        Ok(ms)
    } else {
        Err(Error::Invalid(format!(
            "{field}: {ms} ms is outside the years 0000 to 9999"
        )))
    }
}

/// A duration in milliseconds for code paths that cannot refuse (values built in code or received by
/// the web worker without going through a parser): NaN and negative values give 0, huge ones saturate at
/// ten thousand years, so adding the result to a timestamp cannot overflow.
pub fn to_ms(value: f64, unit: Unit) -> i64 {
    let ms = value * unit.ms();
    if ms.is_nan() || ms <= 0.0 {
        0
    } else {
        ms.min(MAX_FILTER_DAYS * MS_PER_DAY).round() as i64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_checked_and_converted() {
        assert_eq!(duration_ms("w", 1.5, Unit::Hours, 10.0).unwrap(), 5_400_000);
        assert_eq!(days_field("w", 0.0, 10.0).unwrap(), 0);
        assert_eq!(days_field("w", 10.0, 10.0).unwrap(), 864_000_000);
        for bad in [
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            -1.0,
            -1e300,
            1e300,
            10.5,
        ] {
            let e = days_field("--window-days", bad, 10.0)
                .unwrap_err()
                .to_string();
            assert!(
                e.starts_with("--window-days: expected a number of days from 0 to 10"),
                "{e}"
            );
        }
        // The maximum is stated in the field's own unit.
        let e = duration_ms("\"within_hours\"", 1e300, Unit::Hours, 3650.0)
            .unwrap_err()
            .to_string();
        assert!(e.contains("from 0 to 87600"), "{e}");
    }

    #[test]
    fn unchecked_conversions_saturate() {
        assert_eq!(to_ms(f64::NAN, Unit::Days), 0);
        assert_eq!(to_ms(-1e300, Unit::Seconds), 0);
        let big = to_ms(f64::INFINITY, Unit::Hours);
        assert_eq!(big, (MAX_FILTER_DAYS * MS_PER_DAY) as i64);
        // The largest timestamp plus the largest duration still fits.
        assert!(MAX_TIME_MS.checked_add(big).is_some());
        assert!(MIN_TIME_MS.checked_sub(big).is_some());
    }

    #[test]
    fn ranges_and_instants() {
        assert!(range_field("activity_pct", 100.0, 0.0, 100.0).is_ok());
        assert!(range_field("activity_pct", 100.5, 0.0, 100.0)
            .unwrap_err()
            .to_string()
            .starts_with("activity_pct:"));
        assert!(finite_field("fee", f64::NAN).is_err());
        assert!(time_field("from_ms", 0).is_ok());
        assert!(time_field("to_ms", i64::MAX)
            .unwrap_err()
            .to_string()
            .starts_with("to_ms:"));
    }
}
