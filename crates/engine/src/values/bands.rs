//! Numeric values grouped into bands (amount bands), so that a breakdown by a number column shows a few
//! readable groups ("1 200 – 5 400") instead of one group per distinct value. Bands are quintiles of the
//! values; ties at a cut collapse, so a column with few distinct values gets fewer bands.

use super::number::format_number;
use super::stats::percentile_f64;

/// Cut points of the bands.
#[derive(Debug, Clone, PartialEq)]
pub struct Bands {
    cuts: Vec<f64>,
}

impl Bands {
    /// Quintile bands of the values; `None` when there are fewer than two distinct values.
    pub fn of(values: &[f64]) -> Option<Bands> {
        Bands::at_percentiles(values, &[20.0, 40.0, 60.0, 80.0])
    }

    /// Bands cut at these percentiles of the values (ascending, 0 to 100); `None` when there are fewer
    /// than two distinct values.
    pub fn at_percentiles(values: &[f64], percentiles: &[f64]) -> Option<Bands> {
        let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
        if v.is_empty() {
            return None;
        }
        let mut cuts: Vec<f64> = percentiles
            .iter()
            .map(|&q| percentile_f64(&mut v, q))
            .collect();
        cuts.dedup();
        let (min, max) = v
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| {
                (a.min(x), b.max(x))
            });
        cuts.retain(|&c| c > min && c < max);
        (min < max).then_some(Bands { cuts })
    }

    /// The band of a value, labelled by its bounds; bands sort by their index prefix.
    pub fn label(&self, v: f64) -> String {
        self.band_label(self.band(v))
    }

    /// The index of a value's band (0 for the lowest).
    pub fn band(&self, v: f64) -> usize {
        self.cuts.partition_point(|&c| c <= v)
    }

    /// Number of bands.
    pub fn len(&self) -> usize {
        self.cuts.len() + 1
    }

    /// Whether there is a single band (never true for bands made by [`Bands::of`]).
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The bounds of band `i`: from its lower cut (inclusive; `None` for the lowest band) to its upper
    /// cut (exclusive; `None` for the highest).
    pub fn bounds(&self, i: usize) -> (Option<f64>, Option<f64>) {
        (
            i.checked_sub(1).and_then(|j| self.cuts.get(j).copied()),
            self.cuts.get(i).copied(),
        )
    }

    /// The label of band `i`: `"2. 20.8 – 40.6"`.
    pub fn band_label(&self, i: usize) -> String {
        let round = |x: f64| format_number((x * 100.0).round() / 100.0);
        let text = match (
            i.checked_sub(1).and_then(|j| self.cuts.get(j).copied()),
            self.cuts.get(i),
        ) {
            (None, Some(hi)) => format!("< {}", round(*hi)),
            (Some(lo), Some(hi)) => format!("{} – {}", round(lo), round(*hi)),
            (Some(lo), None) => format!("≥ {}", round(lo)),
            (None, None) => "all".to_string(),
        };
        format!("{}. {text}", i + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quintiles_label_values() {
        let values: Vec<f64> = (1..=100).map(f64::from).collect();
        let b = Bands::of(&values).unwrap();
        assert_eq!(b.label(1.0), "1. < 20.8");
        assert_eq!(b.label(30.0), "2. 20.8 – 40.6");
        assert_eq!(b.label(100.0), "5. ≥ 80.2");
        assert_eq!(b.bounds(0), (None, Some(20.8)));
        assert_eq!(b.bounds(1), (Some(20.8), Some(40.6)));
        assert_eq!(b.bounds(4), (Some(80.2), None));
        let b = Bands::at_percentiles(&values, &[50.0, 95.0]).unwrap();
        assert_eq!(b.len(), 3);
        assert_eq!(b.bounds(2), (Some(95.05), None));
        assert!(Bands::of(&[5.0, 5.0]).is_none());
        let two = Bands::of(&[1.0, 1.0, 1.0, 9.0]).unwrap();
        assert_eq!(two.label(1.0), "1. < 4.2");
        assert_eq!(two.label(9.0), "2. ≥ 4.2");
    }
}
