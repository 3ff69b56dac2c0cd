//! Disputes hold payments: an invoice in dispute is paid once the dispute is resolved, a few days
//! later, or when its customer would have paid anyway, whichever is later.
//!
//! `delay = max(habit, resolution + lag)`: the habit is the delay model's ([`super::model`], learned
//! from undisputed invoices); the resolution day of an open dispute raised `g` days ago is its raise day
//! plus a duration drawn from the disputes resolved before the cut that lasted more than `g` days (a
//! resolved dispute's own day otherwise); the lag is drawn from the disputed invoices paid after their
//! dispute's resolution when the habit alone would have had them paid well before it (the floor held
//! them). The floor's distribution is a grid of resolution × lag quantiles; the delay's distribution
//! is the product of the two distribution functions (the habit and the floor taken as independent).

use super::features::{day_of, Book, State, Step};
use super::predict::MIN_TAIL;

/// Fewest lags to learn them from the invoices the floor clearly held; else every disputed invoice
/// paid within [`MAX_LAG_DAYS`] after its resolution.
const MIN_LAGS: usize = 10;
/// Longest lag read as "paid because the dispute was resolved".
const MAX_LAG_DAYS: f64 = 30.0;
/// Quantiles of each distribution in the floor's grid.
const GRID: usize = 32;

/// What the disputes before a cut say.
#[derive(Debug, Clone, PartialEq)]
pub struct DisputeModel {
    /// Days from raise to resolution of the disputes resolved before the cut, sorted.
    pub durations: Vec<f64>,
    /// Days from resolution to payment, sorted.
    pub lags: Vec<f64>,
}

/// A dispute that can hold an invoice's payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hold {
    /// Open since this day.
    Open {
        /// Raise day.
        raised: i64,
    },
    /// Resolved on this day.
    Resolved {
        /// Resolution day.
        resolved: i64,
    },
}

impl DisputeModel {
    /// The durations of the disputes resolved before `until`; `None` with fewer than [`MIN_TAIL`].
    pub fn durations(book: &Book, until: i64) -> Option<Vec<f64>> {
        let mut v = Vec::new();
        for r in &book.records {
            let mut raised: Option<i64> = None;
            for it in book.steps(r).iter().take_while(|i| i.t < until) {
                match it.step {
                    Step::DisputeRaised => raised = raised.or(Some(it.t)),
                    Step::DisputeResolved => {
                        if let Some(t) = raised.take() {
                            v.push((day_of(it.t) - day_of(t)) as f64);
                        }
                    }
                    _ => {}
                }
            }
        }
        v.sort_by(f64::total_cmp);
        (v.len() >= MIN_TAIL).then_some(v)
    }

    /// The lags of the disputed invoices paid before `until`. `habit_day(i)` is the day record `i`
    /// would have been paid by habit alone (its unconditional median), if known.
    pub fn fit(
        book: &Book,
        states: &[State],
        until: i64,
        durations: Vec<f64>,
        mut habit_day: impl FnMut(usize) -> Option<i64>,
    ) -> Option<DisputeModel> {
        let mut held = Vec::new();
        let mut near = Vec::new();
        for (i, s) in states.iter().enumerate() {
            let (Some(paid), Some(_)) = (s.paid(), s.disputed) else {
                continue;
            };
            let Some(resolved) = resolution_before(book, i, paid, until) else {
                continue;
            };
            let lag = (day_of(paid) - resolved) as f64;
            if lag < 0.0 {
                continue;
            }
            if lag <= MAX_LAG_DAYS {
                near.push(lag);
            }
            if habit_day(i).is_some_and(|h| h + 3 < resolved) {
                held.push(lag);
            }
        }
        let mut lags = if held.len() >= MIN_LAGS { held } else { near };
        if lags.len() < 5 {
            return None;
        }
        lags.sort_by(f64::total_cmp);
        Some(DisputeModel { durations, lags })
    }

    /// The floor of an invoice's delay (days after its due day), as a sorted sample; `None` when no
    /// resolved dispute lasted as long as this open one.
    pub fn floor(&self, hold: Hold, due_day: i64, as_of_day: i64) -> Option<Vec<f64>> {
        let resolution: Vec<f64> = match hold {
            Hold::Resolved { resolved } => vec![(resolved - due_day) as f64],
            Hold::Open { raised } => {
                let age = (as_of_day - raised) as f64;
                let k = self.durations.partition_point(|&d| d <= age);
                let tail = self.durations.get(k..).unwrap_or(&[]);
                if tail.is_empty() {
                    return None;
                }
                grid(tail)
                    .into_iter()
                    .map(|d| (raised - due_day) as f64 + d)
                    .collect()
            }
        };
        let lags = grid(&self.lags);
        let mut out: Vec<f64> = resolution
            .iter()
            .flat_map(|r| lags.iter().map(move |l| r + l))
            .collect();
        out.sort_by(f64::total_cmp);
        Some(out)
    }
}

/// Up to [`GRID`] evenly spread quantiles of sorted values (all of them when fewer).
fn grid(sorted: &[f64]) -> Vec<f64> {
    if sorted.len() <= GRID {
        return sorted.to_vec();
    }
    (0..GRID)
        .map(|i| {
            let pos = (i as f64 + 0.5) / GRID as f64 * sorted.len() as f64;
            sorted[(pos as usize).min(sorted.len() - 1)]
        })
        .collect()
}

/// The day the dispute raised before `paid` was resolved, if it was, before `until`.
fn resolution_before(book: &Book, i: usize, paid: i64, until: i64) -> Option<i64> {
    let r = book.records.get(i)?;
    let mut open = false;
    let mut resolved = None;
    for it in book
        .steps(r)
        .iter()
        .take_while(|x| x.t < until.min(paid + 1))
    {
        match it.step {
            Step::DisputeRaised => open = true,
            Step::DisputeResolved if open => {
                resolved = Some(day_of(it.t));
                open = false;
            }
            _ => {}
        }
    }
    resolved
}

/// The dispute that can hold an open invoice at the cut: the last one, open or resolved.
pub fn hold(s: &State) -> Option<Hold> {
    match s.dispute {
        super::features::Dispute::None => None,
        super::features::Dispute::Open { raised } => Some(Hold::Open {
            raised: day_of(raised),
        }),
        super::features::Dispute::Resolved { resolved, .. } => Some(Hold::Resolved {
            resolved: day_of(resolved),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_open_dispute_floors_the_delay_at_its_likely_resolution() {
        let m = DisputeModel {
            durations: (1..=40).map(f64::from).collect(),
            lags: vec![2.0; 10],
        };
        // Raised 5 days before the due day, open for 30 days at the as-of date: it lasts 31 to 40 days,
        // so it is resolved 26 to 35 days after the due day and paid 2 days later.
        let f = m.floor(Hold::Open { raised: 95 }, 100, 125).unwrap();
        assert_eq!(f.first(), Some(&28.0));
        assert_eq!(f.last(), Some(&37.0));
        let f = m.floor(Hold::Resolved { resolved: 110 }, 100, 125).unwrap();
        assert!(f.iter().all(|&x| x == 12.0));
        // Open longer than any resolved one: no floor to offer.
        assert!(m.floor(Hold::Open { raised: 0 }, 100, 125).is_none());
    }
}
