//! Timeframe filters: cases contained in, intersecting, started in or completed in a period, or their
//! events trimmed to it (Disco's timeframe filter modes). Periods are half-open, `[from, to)`.

use super::Selection;
use crate::log::EventLog;
use serde::{Deserialize, Serialize};

/// How a case must relate to the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeMode {
    /// All its events inside the period.
    Contained,
    /// Some part of it inside the period.
    Intersecting,
    /// Its first event inside the period.
    Started,
    /// Its last event inside the period.
    Completed,
    /// Keep every case touching the period, with only its events inside.
    Trim,
}

impl TimeMode {
    /// Label for a filter chip.
    pub fn label(self) -> &'static str {
        match self {
            TimeMode::Contained => "contained in",
            TimeMode::Intersecting => "intersecting",
            TimeMode::Started => "started in",
            TimeMode::Completed => "completed in",
            TimeMode::Trim => "trimmed to",
        }
    }

    /// [`TimeMode::label`] in French.
    pub fn label_fr(self) -> &'static str {
        match self {
            TimeMode::Contained => "contenus dans",
            TimeMode::Intersecting => "recoupant",
            TimeMode::Started => "commencés dans",
            TimeMode::Completed => "terminés dans",
            TimeMode::Trim => "coupés à",
        }
    }
}

/// Cases relating to `[from, to)` as `mode` says (trimming counts as intersecting here).
pub fn matching(log: &EventLog, sel: &Selection, from: i64, to: i64, mode: TimeMode) -> Selection {
    let t = log.times();
    let mut keep = vec![false; log.case_count()];
    for (c, r) in sel.cases(log) {
        if r.is_empty() {
            continue;
        }
        let (first, last) = (t[r.start], t[r.end - 1]);
        keep[c] = match mode {
            TimeMode::Contained => first >= from && last < to,
            // An empty period (`to <= from`) holds no instant, so no case intersects it.
            TimeMode::Intersecting | TimeMode::Trim => from < to && first < to && last >= from,
            TimeMode::Started => (from..to).contains(&first),
            TimeMode::Completed => (from..to).contains(&last),
        };
    }
    Selection::from_fn(log, |c| keep[c])
}

/// The selection with each case's events trimmed to `[from, to)`; cases left empty drop out.
pub fn trim(log: &EventLog, sel: &Selection, from: i64, to: i64) -> Selection {
    let t = log.times();
    let ranges: Vec<[u32; 2]> = (0..log.case_count())
        .map(|c| {
            if !sel.contains(c) {
                return [0, 0];
            }
            let r = sel.events(log, c);
            // Each case is sorted by time, so the events in the period are one contiguous run.
            let s = r.start + t[r.clone()].partition_point(|&x| x < from);
            let e = r.start + t[r.clone()].partition_point(|&x| x < to);
            [s as u32, e.saturating_sub(s) as u32]
        })
        .collect();
    Selection::from_fn(log, |c| sel.contains(c)).with_trimmed(log, ranges)
}

/// The inverse of trimming: a case's events outside a period are not one run, so "remove" drops the cases
/// that touch the period instead.
pub fn trim_out(log: &EventLog, sel: &Selection, from: i64, to: i64) -> Selection {
    let touching = matching(log, sel, from, to, TimeMode::Intersecting);
    sel.and(&touching.not(log), log)
}
