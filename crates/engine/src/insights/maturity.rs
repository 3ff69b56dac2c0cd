//! Maturity: an outcome that takes time (written off, disputed, a reminder left unanswered, paid
//! late, passing through an activity, a case's duration) is judged only on cases old enough to show
//! it. An invoice due a month before the extract's end cannot have been written off yet; counting it
//! as "not written off" makes the last months look good, and whatever goes with them (the due date's
//! month, a new customer segment) look like a driver. This is right-censoring (Kaplan & Meier, JASA
//! 1958); the insights handle it with a fixed horizon, as PyCelonis' late-payment tutorial does with
//! its immature cases:
//!
//! - The **window** comes from the log's own timing: the 90th percentile (numpy's linear rule) of the
//!   time from the reference instant (the due date, the issue, the case's start) to the outcome's
//!   event among the cases that had it, rounded up to whole days. Outcomes whose definition fixes the
//!   time (the day after the due date for late payment, the dunning window, the invoice-to-cash
//!   horizon) use it instead.
//! - Cases whose reference instant plus the window lies after the extract's end are left out and
//!   counted (`too_recent_cases`); the others are judged on what happened **within** the window, so
//!   every judged case had the same time to show the outcome.
//!
//! The window is measured on the cases that did have the outcome by the extract's end, so it is itself
//! a little short when many cases are recent (their long delays are not seen yet); the 90th percentile
//! leaves room for that.

use crate::calendar::MS_PER_DAY;
use serde::{Deserialize, Serialize};

/// What a maturity window counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MaturityFrom {
    /// The invoice's due date (its issue when it has none).
    DueDate,
    /// The invoice's issue.
    Issue,
    /// The first reminder.
    FirstReminder,
    /// The case's first event.
    CaseStart,
}

/// How a maturity window was set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MaturityBasis {
    /// The 90th percentile of the log's own timing (`basis_cases` cases that had the outcome).
    Percentile90,
    /// The outcome's definition (late: the day after the due date).
    Definition,
    /// A setting (the dunning window, the invoice-to-cash horizon).
    Setting,
}

/// How an outcome that takes time was kept fair to recent cases.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Maturity {
    /// What the window counts from.
    pub from: MaturityFrom,
    /// The window, days.
    pub window_days: f64,
    /// How it was set.
    pub basis: MaturityBasis,
    /// For a percentile: the cases whose timing set it.
    pub basis_cases: u64,
    /// Cases old enough, judged.
    pub judged_cases: u64,
    /// Cases too recent at the extract's end, left out.
    pub too_recent_cases: u64,
}

/// The 90th-percentile window of `delays_ms` (negative delays count as 0), rounded up to whole days;
/// 0 without delays.
pub fn window_ms(delays_ms: &mut [i64]) -> i64 {
    if delays_ms.is_empty() {
        return 0;
    }
    for d in delays_ms.iter_mut() {
        *d = (*d).max(0);
    }
    let p90 = crate::analysis::stats::percentile_ms(delays_ms, 90.0);
    let days = (p90 / MS_PER_DAY as f64).ceil();
    if days.is_finite() {
        days as i64 * MS_PER_DAY
    } else {
        0
    }
}

/// Sorts cases into judged and too recent while an outcome is computed.
#[derive(Debug, Clone)]
pub struct Judge {
    as_of: i64,
    window: i64,
    from: MaturityFrom,
    basis: MaturityBasis,
    basis_cases: u64,
    judged: u64,
    too_recent: u64,
}

impl Judge {
    /// A judge for cases measured from `from` with a window of `window` ms at the instant `as_of`.
    pub fn new(
        as_of: i64,
        window: i64,
        from: MaturityFrom,
        basis: MaturityBasis,
        basis_cases: u64,
    ) -> Judge {
        Judge {
            as_of,
            window,
            from,
            basis,
            basis_cases,
            judged: 0,
            too_recent: 0,
        }
    }

    /// The window, ms.
    pub fn window(&self) -> i64 {
        self.window
    }

    /// Whether a case whose reference instant is `reference` is old enough (without counting it).
    pub fn is_mature(&self, reference: i64) -> bool {
        reference.saturating_add(self.window) <= self.as_of
    }

    /// Whether a case whose reference instant is `reference` is old enough (and counts it).
    pub fn mature(&mut self, reference: i64) -> bool {
        if self.is_mature(reference) {
            self.judged += 1;
            true
        } else {
            self.too_recent += 1;
            false
        }
    }

    /// The end of the case's window: what happened by then counts.
    pub fn deadline(&self, reference: i64) -> i64 {
        reference.saturating_add(self.window)
    }

    /// What was judged.
    pub fn finish(self) -> Maturity {
        Maturity {
            from: self.from,
            window_days: self.window as f64 / MS_PER_DAY as f64,
            basis: self.basis,
            basis_cases: self.basis_cases,
            judged_cases: self.judged,
            too_recent_cases: self.too_recent,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_is_the_90th_percentile_in_whole_days() {
        // Delays of 1..=10 days: numpy's p90 is 9.1 days → 10 days.
        let mut d: Vec<i64> = (1..=10).map(|i| i * MS_PER_DAY).collect();
        assert_eq!(window_ms(&mut d), 10 * MS_PER_DAY);
        // Exactly whole: 0, 10, ..., 100 days → p90 = 90 days.
        let mut d: Vec<i64> = (0..=10).map(|i| i * 10 * MS_PER_DAY).collect();
        assert_eq!(window_ms(&mut d), 90 * MS_PER_DAY);
        // Written off before the due date counts as no delay; none at all: no window.
        assert_eq!(window_ms(&mut [-5 * MS_PER_DAY]), 0);
        assert_eq!(window_ms(&mut []), 0);
    }

    #[test]
    fn a_judge_counts_what_it_keeps_and_leaves_out() {
        let day = MS_PER_DAY;
        let mut j = Judge::new(
            100 * day,
            30 * day,
            MaturityFrom::DueDate,
            MaturityBasis::Percentile90,
            7,
        );
        assert!(j.mature(70 * day));
        assert!(!j.mature(70 * day + 1));
        assert!(j.mature(0));
        assert_eq!(j.deadline(5 * day), 35 * day);
        let m = j.finish();
        assert_eq!(
            (m.judged_cases, m.too_recent_cases, m.window_days),
            (2, 1, 30.0)
        );
    }
}
