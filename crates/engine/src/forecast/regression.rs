//! Ridge regressions over indicator rows: least squares for the delay model's adjustments, logistic for
//! the write-off probability.
//!
//! Every feature is an indicator (a dispute, an amount band, a value of a column), so a row is the list
//! of its columns that are 1 plus an intercept, and the normal equations are small (one row and column
//! per level) whatever the number of invoices. Every level has its own coefficient and the ridge
//! penalty `λ·Σβ²` (the intercept is not penalised) makes them identifiable without a reference level:
//! a level seen on `n` invoices is shrunk towards the overall mean as a credibility estimate with `λ`
//! pseudo-invoices would be (Hoerl & Kennard, Technometrics 1970). Solved by Cholesky; the logistic fit
//! by iteratively reweighted least squares (McCullagh & Nelder, *Generalized Linear Models*, 1989, §4.4).

/// Rows of indicator columns, `stride` slots per row, unused slots [`EMPTY`].
///
/// Rows with the same set of columns share a pattern: the normal equations only need each pattern's
/// summed weights and targets, and a logistic fit each pattern's counts, so the fits cost one pass
/// over the rows plus work per pattern (a few hundred on the demo's 120,000 invoices; measured in
/// BENCHMARKS.md) instead of work per row and iteration.
#[derive(Debug, Clone, Default)]
pub struct Rows {
    /// Number of columns (not counting the intercept).
    pub columns: usize,
    stride: usize,
    slots: Vec<u32>,
    /// Pattern of each row.
    pattern: Vec<u32>,
    /// The columns of each pattern, `stride` slots each, in the order of its first row.
    pattern_slots: Vec<u32>,
    /// Pattern of a sorted column set.
    ids: rustc_hash::FxHashMap<Box<[u32]>, u32>,
    scratch: Vec<u32>,
}

/// An unused slot.
pub const EMPTY: u32 = u32::MAX;

impl Rows {
    /// No rows yet, with up to `stride` columns set per row.
    pub fn new(columns: usize, stride: usize) -> Rows {
        Rows {
            columns,
            stride: stride.max(1),
            ..Default::default()
        }
    }

    /// Adds a row; columns beyond the stride or the column count are ignored.
    pub fn push(&mut self, cols: &[u32]) {
        let start = self.slots.len();
        self.slots.resize(start + self.stride, EMPTY);
        let mut k = start;
        for &c in cols {
            if (c as usize) < self.columns && k < start + self.stride {
                self.slots[k] = c;
                k += 1;
            }
        }
        self.scratch.clear();
        self.scratch.extend_from_slice(&self.slots[start..k]);
        self.scratch.sort_unstable();
        let next = self.ids.len() as u32;
        let id = match self.ids.get(self.scratch.as_slice()) {
            Some(&id) => id,
            None => {
                self.ids
                    .insert(self.scratch.clone().into_boxed_slice(), next);
                self.pattern_slots
                    .extend_from_slice(&self.slots[start..start + self.stride]);
                next
            }
        };
        self.pattern.push(id);
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.pattern.len()
    }

    /// Whether there is no row.
    pub fn is_empty(&self) -> bool {
        self.pattern.is_empty()
    }

    /// The columns set in row `i`.
    pub fn row(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        set_columns(&self.slots, self.stride, i)
    }

    /// The linear predictor of row `i`.
    pub fn predict(&self, i: usize, fit: &Fit) -> f64 {
        fit.intercept + self.row(i).map(|c| fit.beta[c]).sum::<f64>()
    }

    /// Number of distinct column sets.
    fn patterns(&self) -> usize {
        self.pattern_slots.len() / self.stride
    }

    /// The columns of pattern `g`.
    fn pattern_columns(&self, g: usize) -> impl Iterator<Item = usize> + '_ {
        set_columns(&self.pattern_slots, self.stride, g)
    }

    /// The linear predictor of pattern `g`.
    fn predict_pattern(&self, g: usize, fit: &Fit) -> f64 {
        fit.intercept + self.pattern_columns(g).map(|c| fit.beta[c]).sum::<f64>()
    }
}

/// The columns in slot row `i`.
fn set_columns(slots: &[u32], stride: usize, i: usize) -> impl Iterator<Item = usize> + '_ {
    slots
        .get(i * stride..(i + 1) * stride)
        .unwrap_or(&[])
        .iter()
        .take_while(|&&c| c != EMPTY)
        .map(|&c| c as usize)
}

/// Fitted coefficients.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    /// Intercept.
    pub intercept: f64,
    /// One coefficient per column.
    pub beta: Vec<f64>,
}

/// Weighted ridge least squares of `y` on the rows: minimises `Σ w (y − b0 − Σβ)² + λ Σβ²`. `None` when
/// there is no row with a positive weight.
pub fn least_squares(rows: &Rows, y: &[f64], w: &[f64], lambda: f64) -> Option<Fit> {
    let g = rows.patterns();
    let (mut sw, mut swy) = (vec![0.0; g], vec![0.0; g]);
    for (i, &p) in rows.pattern.iter().enumerate() {
        let (wi, yi) = (w[i], y[i]);
        if !(wi > 0.0 && yi.is_finite()) {
            continue;
        }
        sw[p as usize] += wi;
        swy[p as usize] += wi * yi;
    }
    solve_patterns(rows, &sw, &swy, lambda)
}

/// The ridge normal equations from each pattern's summed weight `sw` and weighted target `swy`, solved.
fn solve_patterns(rows: &Rows, sw: &[f64], swy: &[f64], lambda: f64) -> Option<Fit> {
    let p = rows.columns + 1;
    let mut a = vec![0.0; p * p];
    let mut b = vec![0.0; p];
    let mut cols: Vec<usize> = Vec::with_capacity(16);
    let mut total = 0.0;
    for (g, (&wg, &wyg)) in sw.iter().zip(swy).enumerate() {
        // Not positive, or NaN: no weight in this pattern.
        if wg.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) {
            continue;
        }
        total += wg;
        cols.clear();
        cols.push(0);
        cols.extend(rows.pattern_columns(g).map(|c| c + 1));
        for (x, &ci) in cols.iter().enumerate() {
            b[ci] += wyg;
            for &cj in &cols[..=x] {
                // The lower triangle, whatever the order of the pattern's columns.
                a[ci.max(cj) * p + ci.min(cj)] += wg;
            }
        }
    }
    if total <= 0.0 {
        return None;
    }
    for j in 1..p {
        a[j * p + j] += lambda;
    }
    let x = cholesky_solve(&mut a, p, b)?;
    Some(Fit {
        intercept: x[0],
        beta: x[1..].to_vec(),
    })
}

/// Ridge logistic regression of 0/1 outcomes on the rows: maximises `Σ [y η − ln(1 + e^η)] − λ/2 Σβ²`
/// by IRLS (at most 50 steps), each step halved until the objective does not decrease, so that nearly
/// separated data cannot make it diverge. `None` without rows or when both outcomes are not represented.
///
/// Rows of one pattern share their predictor, so each step works on the patterns' counts: the
/// pattern's IRLS weight is `n·μ(1 − μ)` and its weighted working response `n·w·η + (ones − n·μ)`,
/// the sums over its rows.
pub fn logistic(rows: &Rows, y: &[bool], lambda: f64) -> Option<Fit> {
    let n = rows.len();
    let ones = y.iter().filter(|&&v| v).count();
    if n == 0 || ones == 0 || ones == n || y.len() != n {
        return None;
    }
    let g = rows.patterns();
    let (mut count, mut hits) = (vec![0.0; g], vec![0.0; g]);
    for (&p, &yi) in rows.pattern.iter().zip(y) {
        count[p as usize] += 1.0;
        if yi {
            hits[p as usize] += 1.0;
        }
    }
    let base = ones as f64 / n as f64;
    let mut fit = Fit {
        intercept: (base / (1.0 - base)).ln(),
        beta: vec![0.0; rows.columns],
    };
    let mut best = objective(rows, &count, &hits, &fit, lambda);
    let mut sw = vec![0.0; g];
    let mut swz = vec![0.0; g];
    for _ in 0..50 {
        for k in 0..g {
            let eta = rows.predict_pattern(k, &fit);
            let mu = sigmoid(eta);
            let wi = (mu * (1.0 - mu)).max(1e-6);
            sw[k] = count[k] * wi;
            swz[k] = count[k] * wi * eta + (hits[k] - count[k] * mu);
        }
        let mut next = solve_patterns(rows, &sw, &swz, lambda)?;
        let mut value = objective(rows, &count, &hits, &next, lambda);
        let mut halvings = 0;
        while !no_worse(value, best) && halvings < 30 {
            next.intercept = 0.5 * (next.intercept + fit.intercept);
            for (b, a) in next.beta.iter_mut().zip(&fit.beta) {
                *b = 0.5 * (*b + a);
            }
            value = objective(rows, &count, &hits, &next, lambda);
            halvings += 1;
        }
        if !no_worse(value, best) {
            break;
        }
        let gain = value - best;
        fit = next;
        best = value;
        if gain < 1e-9 * (1.0 + best.abs()) {
            break;
        }
    }
    Some(fit)
}

/// Whether an objective value is no worse than the best so far (false for NaN).
fn no_worse(value: f64, best: f64) -> bool {
    value >= best - 1e-12
}

/// The penalised log-likelihood of a logistic fit, from each pattern's rows (`count`) and ones (`hits`).
fn objective(rows: &Rows, count: &[f64], hits: &[f64], fit: &Fit, lambda: f64) -> f64 {
    let mut ll = 0.0;
    for (g, (&n, &ones)) in count.iter().zip(hits).enumerate() {
        let eta = rows.predict_pattern(g, fit).clamp(-40.0, 40.0);
        // y η − ln(1 + e^η), written to stay finite for large |η|.
        let log1pexp = if eta > 0.0 {
            eta + (-eta).exp().ln_1p()
        } else {
            eta.exp().ln_1p()
        };
        ll += ones * eta - n * log1pexp;
    }
    ll - 0.5 * lambda * fit.beta.iter().map(|b| b * b).sum::<f64>()
}

/// The logistic function.
pub fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// Solves `A x = b` for a symmetric positive definite `A` of which the lower triangle is filled
/// (row-major, `p × p`). `None` when `A` is not positive definite.
fn cholesky_solve(a: &mut [f64], p: usize, mut b: Vec<f64>) -> Option<Vec<f64>> {
    // A = L Lᵀ, L stored in the lower triangle of `a`.
    for j in 0..p {
        let mut d = a[j * p + j];
        for k in 0..j {
            d -= a[j * p + k] * a[j * p + k];
        }
        if d.is_nan() || d <= 1e-12 {
            return None;
        }
        let d = d.sqrt();
        a[j * p + j] = d;
        for i in j + 1..p {
            let mut s = a[i * p + j];
            for k in 0..j {
                s -= a[i * p + k] * a[j * p + k];
            }
            a[i * p + j] = s / d;
        }
    }
    for i in 0..p {
        let mut s = b[i];
        for k in 0..i {
            s -= a[i * p + k] * b[k];
        }
        b[i] = s / a[i * p + i];
    }
    for i in (0..p).rev() {
        let mut s = b[i];
        for k in i + 1..p {
            s -= a[k * p + i] * b[k];
        }
        b[i] = s / a[i * p + i];
    }
    Some(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two groups, no penalty to speak of: the intercept plus each level's coefficient is the group's
    /// mean; with a penalty of λ pseudo-rows, a level is shrunk as a credibility estimate would be.
    #[test]
    fn ridge_levels_are_shrunk_group_means() {
        let mut rows = Rows::new(2, 1);
        let mut y = Vec::new();
        for (level, values) in [(0u32, [1.0, 3.0, 5.0]), (1, [11.0, 13.0, 15.0])] {
            for v in values {
                rows.push(&[level]);
                y.push(v);
            }
        }
        let w = vec![1.0; y.len()];
        let f = least_squares(&rows, &y, &w, 1e-9).unwrap();
        assert!((f.intercept + f.beta[0] - 3.0).abs() < 1e-6, "{f:?}");
        assert!((f.intercept + f.beta[1] - 13.0).abs() < 1e-6, "{f:?}");
        // λ = 3: by symmetry the intercept is the overall mean 8 and each level's effect is its
        // deviation ±5 times 3 / (3 + 3).
        let f = least_squares(&rows, &y, &w, 3.0).unwrap();
        assert!((f.intercept - 8.0).abs() < 1e-9, "{f:?}");
        assert!((f.beta[1] - 2.5).abs() < 1e-9, "{f:?}");
        assert!(least_squares(&Rows::new(2, 1), &[], &[], 1.0).is_none());
    }

    /// Logistic regression recovers the log-odds of each group (λ tiny).
    #[test]
    fn logistic_recovers_group_log_odds() {
        let mut rows = Rows::new(2, 1);
        let mut y = Vec::new();
        // Group 0: 1 in 5; group 1: 3 in 4.
        for (level, ones, n) in [(0u32, 20, 100), (1, 75, 100)] {
            for i in 0..n {
                rows.push(&[level]);
                y.push(i < ones);
            }
        }
        let f = logistic(&rows, &y, 1e-6).unwrap();
        let p0 = sigmoid(f.intercept + f.beta[0]);
        let p1 = sigmoid(f.intercept + f.beta[1]);
        assert!(
            (p0 - 0.2).abs() < 1e-4 && (p1 - 0.75).abs() < 1e-4,
            "{p0} {p1}"
        );
        assert!(logistic(&rows, &[true; 200], 1.0).is_none());
    }

    /// A level whose rows are all 1 (complete separation): the penalty keeps its coefficient finite
    /// and the other level's probability right; nothing diverges.
    #[test]
    fn separated_levels_stay_finite() {
        let mut rows = Rows::new(2, 1);
        let mut y = Vec::new();
        for i in 0..100 {
            rows.push(&[0]);
            y.push(i < 10);
        }
        for _ in 0..30 {
            rows.push(&[1]);
        }
        y.extend(std::iter::repeat_n(true, 30));
        let f = logistic(&rows, &y, 1.0).unwrap();
        assert!(
            f.intercept.is_finite() && f.beta.iter().all(|b| b.is_finite()),
            "{f:?}"
        );
        let p0 = sigmoid(f.intercept + f.beta[0]);
        let p1 = sigmoid(f.intercept + f.beta[1]);
        assert!((p0 - 0.1).abs() < 0.03, "{p0}");
        assert!(p1 > 0.9 && p1 < 1.0, "{p1}");
    }
}
