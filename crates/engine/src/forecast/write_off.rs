//! The probability that an invoice open at a date is written off within the next `horizon` days (the 13
//! weeks of the cash forecast): a ridge logistic regression over the state of invoices at past
//! "landmark" dates (van Houwelingen, *Dynamic prediction by landmarking*, Scand. J. Stat. 2007).
//!
//! At each landmark (every [`LANDMARK_SPACING_DAYS`] days back from `horizon` days before the cut, at
//! most [`LANDMARKS`] of them), every invoice open then is a row: its state at the landmark (how long
//! overdue, the highest reminder, handed to an agency, a dispute open, the customer's history so far,
//! the amount band) and whether it was written off within `horizon` days after it. Every landmark is at
//! least that long before the cut, so every row's outcome is known at the cut: no row is left out for
//! want of an outcome (an "eventually written off" target would have to drop the invoices still open,
//! and write-offs that take half a year would be learned from the fast ones only). A row's features
//! are read as of its landmark only, the same way the open invoices' are read as of the as-of date.

use super::features::{Book, Closure, Dispute, Recorded, State, NO_CUSTOMER};
use super::regression::{logistic, sigmoid, Fit, Rows};
use crate::analysis::bands::Bands;
use crate::calendar::MS_PER_DAY;

/// Days between landmarks.
pub const LANDMARK_SPACING_DAYS: i64 = 28;
/// Most landmarks.
pub const LANDMARKS: i64 = 13;
/// Most rows (landmarks × open invoices); beyond, every n-th row is kept.
const MAX_ROWS: usize = 120_000;
/// Fewest write-offs (and fewest other outcomes) to fit the model.
pub const MIN_EVENTS: usize = 5;
/// Ridge penalty.
const LAMBDA: f64 = 2.0;

/// Overdue bands at the landmark: no due date, not yet due, then up to 30, 60, 90, 180 days and beyond.
const OVERDUE_CUTS: [i64; 4] = [31, 61, 91, 181];

/// What a customer's closed invoices said before an instant.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct History {
    paid: u32,
    late: u32,
    written_off: u32,
}

/// Customer histories at increasing instants, from every closed invoice of the book (closures at or
/// after the cut are not read).
struct Histories {
    /// (closing instant, customer, late, written off), by instant.
    closings: Vec<(i64, u32, bool, bool)>,
    next: usize,
    per_customer: Vec<History>,
}

impl Histories {
    fn new(finals: &[State], customers: usize) -> Histories {
        let mut closings: Vec<(i64, u32, bool, bool)> = finals
            .iter()
            .filter_map(|s| {
                let (how, t) = s.closed?;
                if s.customer == NO_CUSTOMER {
                    return None;
                }
                let late = s.due_day.is_some_and(|d| super::features::day_of(t) > d);
                match how {
                    Closure::Paid => Some((t, s.customer, late, false)),
                    Closure::WrittenOff => Some((t, s.customer, true, true)),
                    Closure::Otherwise => None,
                }
            })
            .collect();
        closings.sort_by_key(|c| c.0);
        Histories {
            closings,
            next: 0,
            per_customer: vec![History::default(); customers],
        }
    }

    /// Moves forward to `t` (instants must not decrease).
    fn advance(&mut self, t: i64) {
        while let Some(&(at, c, late, wo)) = self.closings.get(self.next) {
            if at >= t {
                break;
            }
            if let Some(h) = self.per_customer.get_mut(c as usize) {
                h.paid += u32::from(!wo);
                h.late += u32::from(late && !wo);
                h.written_off += u32::from(wo);
            }
            self.next += 1;
        }
    }

    fn of(&self, c: u32) -> History {
        self.per_customer
            .get(c as usize)
            .copied()
            .unwrap_or_default()
    }
}

/// Indicator columns of an open invoice's state at an instant.
struct Encoding {
    amount: Option<Bands>,
}

const COL_OVERDUE: usize = 0; // 6 bands + "no due date" = 7
const COL_LEVEL: usize = 7; // none, 1, 2, 3 or more, final notice = 5
const COL_AGENCY: usize = 12;
const COL_DISPUTE: usize = 13;
const COL_HISTORY: usize = 14; // new, always on time, some late, some written off = 4
const COL_AMOUNT: usize = 18;

impl Encoding {
    fn columns(&self) -> usize {
        COL_AMOUNT + self.amount.as_ref().map_or(0, |b| b.len())
    }

    fn encode(&self, s: &State, until: i64, h: History, out: &mut Vec<u32>) {
        out.clear();
        let today = super::features::day_of(until - 1);
        let overdue = match s.due_day {
            None => 6,
            Some(d) if today < d => 0,
            Some(d) => 1 + OVERDUE_CUTS.partition_point(|&c| c <= today - d),
        };
        out.push((COL_OVERDUE + overdue) as u32);
        let level = match s.level {
            0 => 0,
            1 => 1,
            2 => 2,
            super::features::FINAL_NOTICE => 4,
            _ => 3,
        };
        out.push((COL_LEVEL + level) as u32);
        if s.agency {
            out.push(COL_AGENCY as u32);
        }
        if matches!(s.dispute, Dispute::Open { .. }) {
            out.push(COL_DISPUTE as u32);
        }
        let history = if h.written_off > 0 {
            3
        } else if h.late > 0 {
            2
        } else if h.paid > 0 {
            1
        } else {
            0
        };
        out.push((COL_HISTORY + history) as u32);
        if let (Some(b), true) = (&self.amount, s.amount.is_finite()) {
            out.push((COL_AMOUNT + b.band(s.amount)) as u32);
        }
    }
}

/// A fitted write-off model, ready to score invoices open at the cut.
pub struct WriteOffModel {
    fit: Fit,
    encoding: Encoding,
    histories: Histories,
    /// Landmark rows it learned from.
    pub rows: usize,
    /// Of which later written off.
    pub written_off: usize,
}

/// Why there is no write-off model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoModel {
    /// Fewer than [`MIN_EVENTS`] invoices open at a landmark were written off within the horizon (or
    /// fewer than that many were not).
    TooFew {
        /// Written off.
        written_off: usize,
        /// Closed otherwise.
        others: usize,
    },
}

impl WriteOffModel {
    /// Learns from the book as known before `cut`. `finals[i]` is record `i`'s state at the cut.
    pub fn fit(
        book: &Book,
        finals: &[State],
        rec: Recorded,
        cut: i64,
        horizon_days: i64,
    ) -> Result<WriteOffModel, NoModel> {
        let customers = book.customers.len();
        let amounts: Vec<f64> = finals
            .iter()
            .map(|s| s.amount)
            .filter(|a| a.is_finite())
            .collect();
        let encoding = Encoding {
            amount: Bands::of(&amounts),
        };
        let first_issue = finals.iter().filter_map(|s| s.issued).min().unwrap_or(cut);
        let mut landmarks: Vec<i64> = (0..LANDMARKS)
            .map(|j| cut - (horizon_days + LANDMARK_SPACING_DAYS * j) * MS_PER_DAY)
            .filter(|&t| t > first_issue)
            .collect();
        landmarks.sort_unstable();
        // Which invoices can be open at a landmark, and how many rows that makes.
        let candidates: Vec<usize> = (0..book.records.len())
            .filter(|&i| finals[i].issued.is_some())
            .collect();
        let open_at = |i: usize, t: i64| {
            let s = &finals[i];
            s.issued.is_some_and(|x| x < t) && s.closed.is_none_or(|(_, c)| c >= t)
        };
        let total: usize = landmarks
            .iter()
            .map(|&t| candidates.iter().filter(|&&i| open_at(i, t)).count())
            .sum();
        let keep_every = total.div_ceil(MAX_ROWS).max(1);
        let mut rows = Rows::new(encoding.columns(), 6);
        let mut y = Vec::new();
        let mut histories = Histories::new(finals, customers);
        let mut cols = Vec::with_capacity(8);
        let mut seen = 0usize;
        for &t in &landmarks {
            histories.advance(t);
            let window_end = t + horizon_days * MS_PER_DAY;
            for &i in &candidates {
                if !open_at(i, t) {
                    continue;
                }
                seen += 1;
                if !seen.is_multiple_of(keep_every) {
                    continue;
                }
                let r = &book.records[i];
                let s = book.state(r, t, rec);
                if !s.is_open() {
                    continue;
                }
                encoding.encode(&s, t, histories.of(s.customer), &mut cols);
                rows.push(&cols);
                y.push(matches!(
                    finals[i].closed,
                    Some((Closure::WrittenOff, w)) if w < window_end
                ));
            }
        }
        let written_off = y.iter().filter(|&&v| v).count();
        let others = y.len() - written_off;
        if written_off < MIN_EVENTS || others < MIN_EVENTS {
            return Err(NoModel::TooFew {
                written_off,
                others,
            });
        }
        let fit = logistic(&rows, &y, LAMBDA).ok_or(NoModel::TooFew {
            written_off,
            others,
        })?;
        histories.advance(cut);
        Ok(WriteOffModel {
            fit,
            encoding,
            histories,
            rows: y.len(),
            written_off,
        })
    }

    /// The probability that an invoice open at the cut, in state `s`, is written off within the horizon.
    pub fn probability(&self, s: &State, cut: i64) -> f64 {
        let mut cols = Vec::with_capacity(8);
        self.encoding
            .encode(s, cut, self.histories.of(s.customer), &mut cols);
        let eta = self.fit.intercept
            + cols
                .iter()
                .filter_map(|&c| self.fit.beta.get(c as usize))
                .sum::<f64>();
        sigmoid(eta)
    }
}
