//! A selection of cases (and, after a trimming filter, of a time window of their events).
//!
//! Filters never copy the log: they produce a [`Selection`], a bitmap over cases like arrow's
//! `BooleanBuffer`, plus per-case event ranges when events were trimmed. Because each case is sorted by
//! time, trimming to a period keeps a contiguous run of its events, so a range per case is enough.
//! Every analysis takes `(&EventLog, &Selection)`.

use crate::log::{CaseIdx, EventLog};
use std::ops::Range;

/// Which cases (and which of their events) an analysis looks at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// One bit per case; `None` means every case (the fast path).
    mask: Option<Vec<u64>>,
    /// Per case `[start, len]` event range after trimming; `None` when no filter trimmed events.
    trimmed: Option<Vec<[u32; 2]>>,
    selected: usize,
    total: usize,
}

impl Selection {
    /// Every case, every event.
    pub fn all(log: &EventLog) -> Self {
        Self {
            mask: None,
            trimmed: None,
            selected: log.case_count(),
            total: log.case_count(),
        }
    }

    /// The cases for which `keep` is true.
    pub fn from_fn(log: &EventLog, mut keep: impl FnMut(CaseIdx) -> bool) -> Self {
        let n = log.case_count();
        let mut mask = vec![0u64; n.div_ceil(64)];
        let mut selected = 0;
        for c in 0..n {
            if keep(c) {
                mask[c / 64] |= 1 << (c % 64);
                selected += 1;
            }
        }
        Self {
            mask: Some(mask),
            trimmed: None,
            selected,
            total: n,
        }
    }

    /// Whether every case is selected with all its events.
    pub fn is_all(&self) -> bool {
        self.mask.is_none() && self.trimmed.is_none()
    }

    /// Number of selected cases.
    pub fn len(&self) -> usize {
        self.selected
    }

    /// Whether no case is selected.
    pub fn is_empty(&self) -> bool {
        self.selected == 0
    }

    /// Number of cases in the log the selection was made for.
    pub fn total(&self) -> usize {
        self.total
    }

    /// Whether a case is selected.
    #[inline]
    pub fn contains(&self, case: CaseIdx) -> bool {
        match &self.mask {
            None => case < self.total,
            Some(m) => m
                .get(case / 64)
                .is_some_and(|w| w & (1 << (case % 64)) != 0),
        }
    }

    /// The selected events of a selected case.
    #[inline]
    pub fn events(&self, log: &EventLog, case: CaseIdx) -> Range<usize> {
        match &self.trimmed {
            None => log.case_events(case),
            Some(t) => {
                let [s, n] = t[case];
                s as usize..(s + n) as usize
            }
        }
    }

    /// The selected cases in order, with their selected events.
    pub fn cases<'a>(
        &'a self,
        log: &'a EventLog,
    ) -> impl Iterator<Item = (CaseIdx, Range<usize>)> + 'a {
        let ids: Box<dyn Iterator<Item = CaseIdx> + 'a> = match &self.mask {
            None => Box::new(0..self.total),
            Some(m) => Box::new(m.iter().enumerate().flat_map(|(w, &bits)| {
                let mut b = bits;
                std::iter::from_fn(move || {
                    if b == 0 {
                        return None;
                    }
                    let t = b.trailing_zeros() as usize;
                    b &= b - 1;
                    Some(w * 64 + t)
                })
            })),
        };
        ids.map(move |c| (c, self.events(log, c)))
    }

    /// Number of selected events.
    pub fn event_count(&self, log: &EventLog) -> usize {
        if self.is_all() {
            return log.event_count();
        }
        self.cases(log).map(|(_, r)| r.len()).sum()
    }

    /// Cases in both selections; events trimmed by both, where either trims.
    pub fn and(&self, other: &Selection, log: &EventLog) -> Selection {
        if self.is_all() {
            return other.clone();
        }
        if other.is_all() {
            return self.clone();
        }
        let trimmed = match (&self.trimmed, &other.trimmed) {
            (None, None) => None,
            (a, b) => {
                let range = |t: &Option<Vec<[u32; 2]>>, c: usize| match t {
                    Some(t) => (t[c][0], t[c][0] + t[c][1]),
                    None => {
                        let r = log.case_events(c);
                        (r.start as u32, r.end as u32)
                    }
                };
                Some(
                    (0..log.case_count())
                        .map(|c| {
                            let (s1, e1) = range(a, c);
                            let (s2, e2) = range(b, c);
                            let (s, e) = (s1.max(s2), e1.min(e2));
                            [s, e.saturating_sub(s)]
                        })
                        .collect(),
                )
            }
        };
        let mut out = Selection::from_fn(log, |c| self.contains(c) && other.contains(c));
        if let Some(t) = trimmed {
            out = out.with_trimmed(log, t);
        }
        out
    }

    /// The complement: cases not selected (trimming is dropped: it applies to kept cases only).
    pub fn not(&self, log: &EventLog) -> Selection {
        Selection::from_fn(log, |c| !self.contains(c))
    }

    /// Trims events to per-case ranges; cases left with no event are deselected.
    pub fn with_trimmed(mut self, log: &EventLog, ranges: Vec<[u32; 2]>) -> Selection {
        let keep: Vec<bool> = (0..log.case_count())
            .map(|c| self.contains(c) && ranges[c][1] > 0)
            .collect();
        let mut s = Selection::from_fn(log, |c| keep[c]);
        self.mask = s.mask.take();
        self.selected = s.selected;
        self.trimmed = Some(ranges);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{import_bytes, ImportOptions};

    fn log() -> EventLog {
        let csv = "case,activity,timestamp\n\
                   a,x,2024-01-01\na,y,2024-01-02\nb,x,2024-01-01\nc,x,2024-01-03\nc,y,2024-01-04\nc,z,2024-01-05\n";
        import_bytes(csv.as_bytes(), ImportOptions::default())
            .unwrap()
            .log
    }

    #[test]
    fn masks_iterate_in_case_order() {
        let log = log();
        let all = Selection::all(&log);
        assert_eq!(all.len(), 3);
        assert_eq!(all.event_count(&log), 6);
        let s = Selection::from_fn(&log, |c| c != 1);
        assert_eq!(
            s.cases(&log).map(|(c, r)| (c, r.len())).collect::<Vec<_>>(),
            [(0, 2), (2, 3)]
        );
        assert_eq!(
            s.not(&log).cases(&log).map(|(c, _)| c).collect::<Vec<_>>(),
            [1]
        );
        assert_eq!(s.and(&Selection::from_fn(&log, |c| c == 0), &log).len(), 1);
    }

    #[test]
    fn trimming_drops_emptied_cases() {
        let log = log();
        // Keep only the last event of each case; case b (one event) keeps it too.
        let ranges = (0..3)
            .map(|c| {
                let r = log.case_events(c);
                if c == 1 {
                    [r.start as u32, 0]
                } else {
                    [r.end as u32 - 1, 1]
                }
            })
            .collect();
        let s = Selection::all(&log).with_trimmed(&log, ranges);
        assert_eq!(s.len(), 2);
        assert_eq!(s.event_count(&log), 2);
        assert!(!s.contains(1));
    }
}
