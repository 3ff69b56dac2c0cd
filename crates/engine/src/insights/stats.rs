//! The statistics behind the insights, each with its source and a test against a published example.
//!
//! - [`wilson`]: Wilson score interval for one proportion (Wilson, JASA 1927; Newcombe, Stat. Med. 17:857,
//!   1998, method 3).
//! - [`newcombe`]: hybrid score interval for a difference of two proportions (Newcombe, Stat. Med.
//!   17:873, 1998, method 10).
//! - [`proportion_test`]: two-sided two-proportion z test (pooled variance), or Fisher's exact test
//!   ([`fisher_exact`], two-sided as R's `fisher.test`: the tables no more likely than the one observed)
//!   when an expected cell is below 5.
//! - [`bh_qvalues`]: Benjamini–Hochberg q-values (JRSS B 57:289, 1995).
//! - [`bootstrap_median_diff`]: percentile bootstrap of a difference of two medians, seeded. A resample's
//!   median is drawn directly from its exact distribution (the k-th order statistic of n uniforms is
//!   Beta(k, n + 1 − k); David & Nagaraja, *Order Statistics*, 2003, §2.2), which is the same
//!   distribution as resampling n values with replacement, at O(1) per replicate instead of O(n).
//! - [`median_ci`]: distribution-free interval of a median from order statistics (the binomial
//!   sign-test inversion with its normal approximation; Conover, *Practical Nonparametric
//!   Statistics*, 1999, §3.2).
//! - Clustered cases: [`wilson_eff`], [`newcombe_eff`], [`proportion_test_eff`],
//!   [`bootstrap_median_diff_eff`] and [`median_ci_eff`] take each group's design effect (Kish 1965)
//!   and work on the effective sample, `n / deff` cases (see [`super::clusters`]).
//! - [`km_median`]: Kaplan–Meier median (JASA 1958) with the Brookmeyer–Crowley interval (Biometrics
//!   1982) on the log-transformed Greenwood bands, R `survfit`'s default.
//! - [`mantel_haenszel_rd`]: Mantel–Haenszel risk difference over strata (Greenland & Robins,
//!   Biometrics 1985).
//!
//! Random numbers come from SplitMix64 (Steele, Lea & Flood, OOPSLA 2014), as the demo log does: the same
//! stream on every platform, so the CLI and the browser print the same intervals.

/// z for a two-sided 95 % interval.
pub const Z95: f64 = 1.959_963_984_540_054;

/// Wilson score interval for `k` successes of `n` (z = 1.96); `(NaN, NaN)` for `n = 0`.
pub fn wilson(k: u64, n: u64) -> (f64, f64) {
    wilson_eff(k as f64, n as f64)
}

/// [`wilson`] on an effective sample: `n` cases worth of information, `k` of them successes, both
/// possibly fractional (the counts divided by a design effect; Kish 1965, Dean & Pagano 2015).
pub fn wilson_eff(k: f64, n: f64) -> (f64, f64) {
    if n <= 0.0 || n.is_nan() {
        return (f64::NAN, f64::NAN);
    }
    let p = k / n;
    let z2 = Z95 * Z95;
    let den = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / den;
    let half = Z95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / den;
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// Difference `k1/n1 − k2/n2` with Newcombe's hybrid score interval (method 10): `(d, low, high)`.
pub fn newcombe(k1: u64, n1: u64, k2: u64, n2: u64) -> (f64, f64, f64) {
    newcombe_eff(k1 as f64, n1 as f64, k2 as f64, n2 as f64)
}

/// [`newcombe`] from two effective samples (see [`wilson_eff`]).
pub fn newcombe_eff(k1: f64, n1: f64, k2: f64, n2: f64) -> (f64, f64, f64) {
    if n1 <= 0.0 || n2 <= 0.0 || n1.is_nan() || n2.is_nan() {
        return (f64::NAN, f64::NAN, f64::NAN);
    }
    let (p1, p2) = (k1 / n1, k2 / n2);
    let (l1, u1) = wilson_eff(k1, n1);
    let (l2, u2) = wilson_eff(k2, n2);
    let d = p1 - p2;
    (
        d,
        d - ((p1 - l1).powi(2) + (u2 - p2).powi(2)).sqrt(),
        d + ((u1 - p1).powi(2) + (p2 - l2).powi(2)).sqrt(),
    )
}

/// Complementary error function, fractional error below 1.2e-7 everywhere (Numerical Recipes' `erfcc`,
/// a Chebyshev fit), so tiny p-values keep their relative accuracy.
pub fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let r = t
        * (-z * z - 1.265_512_23
            + t * (1.000_023_68
                + t * (0.374_091_96
                    + t * (0.096_784_18
                        + t * (-0.186_288_06
                            + t * (0.278_868_07
                                + t * (-1.135_203_98
                                    + t * (1.488_515_87
                                        + t * (-0.822_152_23 + t * 0.170_872_77)))))))))
            .exp();
    if x >= 0.0 {
        r
    } else {
        2.0 - r
    }
}

/// P(|Z| ≥ |z|) for a standard normal Z.
pub fn normal_two_sided(z: f64) -> f64 {
    erfc(z.abs() / std::f64::consts::SQRT_2).min(1.0)
}

/// ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms; relative error about 1e-15).
pub fn ln_gamma(x: f64) -> f64 {
    const G: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Reflection: Γ(x)Γ(1 − x) = π / sin(πx).
        let pi = std::f64::consts::PI;
        return (pi / (pi * x).sin()).abs().ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut a = G[0];
    let t = x + 7.5;
    for (i, g) in G.iter().enumerate().skip(1) {
        a += g / (x + i as f64);
    }
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + a.ln()
}

fn ln_choose(n: u64, k: u64) -> f64 {
    ln_gamma(n as f64 + 1.0) - ln_gamma(k as f64 + 1.0) - ln_gamma((n - k) as f64 + 1.0)
}

/// Fisher's exact test of the 2×2 table `[[a, b], [c, d]]` (rows: groups; columns: yes, no).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fisher {
    /// P(X ≤ a): the first group has as few "yes" or fewer.
    pub less: f64,
    /// P(X ≥ a).
    pub greater: f64,
    /// Sum of the probabilities of the tables no more likely than the observed one.
    pub two_sided: f64,
}

/// Fisher's exact test (hypergeometric, margins fixed).
pub fn fisher_exact(a: u64, b: u64, c: u64, d: u64) -> Fisher {
    let (r1, c1, n) = (a + b, a + c, a + b + c + d);
    let lo = c1.saturating_sub(c + d);
    let hi = r1.min(c1);
    let denom = ln_choose(n, c1);
    let p = |x: u64| (ln_choose(r1, x) + ln_choose(n - r1, c1 - x) - denom).exp();
    let p_obs = p(a);
    let (mut less, mut greater, mut two) = (0.0, 0.0, 0.0);
    // Relative tolerance as R's fisher.test, so tables equal to the observed one up to rounding count.
    let tol = p_obs * (1.0 + 1e-7);
    for x in lo..=hi {
        let px = p(x);
        if x <= a {
            less += px;
        }
        if x >= a {
            greater += px;
        }
        if px <= tol {
            two += px;
        }
    }
    Fisher {
        less: less.min(1.0),
        greater: greater.min(1.0),
        two_sided: two.min(1.0),
    }
}

/// Which test gave a p-value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Test {
    /// Two-proportion z test, pooled variance.
    ZTest,
    /// Fisher's exact test (an expected cell below 5).
    Fisher,
    /// Mood's median test (above / below the pooled median), as a 2×2 table.
    MoodMedian,
}

/// Two-sided p-value for `k1/n1` against `k2/n2`: the z test, or Fisher's exact test when an expected
/// cell count is below 5 (Cochran's rule).
pub fn proportion_test(k1: u64, n1: u64, k2: u64, n2: u64) -> (f64, Test) {
    proportion_test_eff(k1, n1, k2, n2, 1.0, 1.0)
}

/// [`proportion_test`] when the cases of each group come in correlated clusters (invoices of one
/// customer): each group's counts are divided by its design effect `deff1`, `deff2` (≥ 1) before
/// the test, so its variance is the cluster-robust one. For the z test this is the first-order
/// Rao–Scott correction (Rao & Scott, JASA 1981; Donner & Klar 2000, §6.2.3); Fisher's exact test,
/// which needs whole counts, takes the effective counts rounded. With both effects 1 it is
/// [`proportion_test`] exactly.
pub fn proportion_test_eff(
    k1: u64,
    n1: u64,
    k2: u64,
    n2: u64,
    deff1: f64,
    deff2: f64,
) -> (f64, Test) {
    if n1 == 0 || n2 == 0 {
        return (1.0, Test::ZTest);
    }
    let (d1, d2) = (deff1.max(1.0), deff2.max(1.0));
    let (n1e, n2e) = (n1 as f64 / d1, n2 as f64 / d2);
    let (p1, p2) = (k1 as f64 / n1 as f64, k2 as f64 / n2 as f64);
    // Whole counts stay whole without clustering, so the result is `proportion_test`'s to the bit.
    let eff = |k: u64, p: f64, ne: f64, d: f64| if d == 1.0 { k as f64 } else { p * ne };
    let (k1e, k2e) = (eff(k1, p1, n1e, d1), eff(k2, p2, n2e, d2));
    let (n, k) = (n1e + n2e, k1e + k2e);
    let min_expected = [n1e, n2e]
        .iter()
        .flat_map(|&ni| [ni * k / n, ni * (n - k) / n])
        .fold(f64::INFINITY, f64::min);
    if min_expected < 5.0 {
        let f = if d1 == 1.0 && d2 == 1.0 {
            fisher_exact(k1, n1 - k1, k2, n2 - k2)
        } else {
            let whole = |k: f64, n: f64| {
                let n = n.round().max(1.0) as u64;
                ((k.round() as u64).min(n), n)
            };
            let (a, na) = whole(k1e, n1e);
            let (c, nc) = whole(k2e, n2e);
            fisher_exact(a, na - a, c, nc - c)
        };
        return (f.two_sided, Test::Fisher);
    }
    // The pooled rate weighs each group by its information, as the test under the null does.
    let p = k / n;
    let se = (p * (1.0 - p) * (1.0 / n1e + 1.0 / n2e)).sqrt();
    let z = (p1 - p2) / se;
    (normal_two_sided(z), Test::ZTest)
}

/// Benjamini–Hochberg q-values, in the input order: q(i) = min over k ≥ rank(i) of m·p(k)/k, capped at 1.
pub fn bh_qvalues(p: &[f64]) -> Vec<f64> {
    let m = p.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| p[a].total_cmp(&p[b]).then(a.cmp(&b)));
    let mut q = vec![1.0; m];
    let mut running = 1.0f64;
    for (rank, &i) in order.iter().enumerate().rev() {
        running = running.min(p[i] * m as f64 / (rank + 1) as f64);
        q[i] = running.min(1.0);
    }
    q
}

/// SplitMix64: small, fast, and the same on every platform.
#[derive(Debug, Clone)]
pub struct SplitMix64 {
    state: u64,
    /// The second normal of the last polar-method pair.
    spare: Option<f64>,
}

impl SplitMix64 {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64 {
            state: seed,
            spare: None,
        }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform on `0..n` (`n` > 0) by the high half of a 64×64-bit product (Lemire 2019): no
    /// division, which a bootstrap drawing a million indices per replicate notices. The bias is
    /// below n / 2^64, as small as a modulo's.
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }

    /// Uniform in [0, 1).
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Standard normal (Marsaglia's polar method, both values of each pair used).
    pub fn normal(&mut self) -> f64 {
        if let Some(z) = self.spare.take() {
            return z;
        }
        loop {
            let u = 2.0 * self.uniform() - 1.0;
            let v = 2.0 * self.uniform() - 1.0;
            let s = u * u + v * v;
            if s > 0.0 && s < 1.0 {
                let m = (-2.0 * s.ln() / s).sqrt();
                self.spare = Some(v * m);
                return u * m;
            }
        }
    }

    /// Gamma(shape, 1) (Marsaglia & Tsang, ACM TOMS 2000; shape < 1 by the boost Gamma(a+1)·U^(1/a)).
    pub fn gamma(&mut self, shape: f64) -> f64 {
        if shape < 1.0 {
            let u = self.uniform().max(f64::MIN_POSITIVE);
            return self.gamma(shape + 1.0) * u.powf(1.0 / shape);
        }
        let d = shape - 1.0 / 3.0;
        let c = 1.0 / (9.0 * d).sqrt();
        loop {
            let x = self.normal();
            let v = (1.0 + c * x).powi(3);
            if v <= 0.0 {
                continue;
            }
            let u = self.uniform();
            if u < 1.0 - 0.0331 * x.powi(4)
                || u.max(f64::MIN_POSITIVE).ln() < 0.5 * x * x + d * (1.0 - v + v.ln())
            {
                return d * v;
            }
        }
    }

    /// Beta(a, b).
    pub fn beta(&mut self, a: f64, b: f64) -> f64 {
        let x = self.gamma(a);
        let y = self.gamma(b);
        if x + y > 0.0 {
            x / (x + y)
        } else {
            0.5
        }
    }
}

/// numpy-style median of sorted values; `NaN` when empty.
pub fn median_sorted(v: &[f64]) -> f64 {
    let n = v.len();
    if n == 0 {
        return f64::NAN;
    }
    if n % 2 == 1 {
        v[n / 2]
    } else {
        mid(v[n / 2 - 1], v[n / 2])
    }
}

/// The mean of two values, keeping infinities (an unpaid invoice is "slower than any").
fn mid(a: f64, b: f64) -> f64 {
    if a == b {
        a
    } else {
        (a + b) / 2.0
    }
}

/// The median of one bootstrap resample (n draws with replacement) of sorted `v`, drawn from its exact
/// distribution: the k-th smallest of n uniform indices is `floor(n·U_(k))` with U_(k) ~ Beta(k, n+1−k);
/// for even n the next order statistic is U_(k) + (1 − U_(k))·Beta(1, n − k).
pub fn resampled_median(v: &[f64], rng: &mut SplitMix64) -> f64 {
    resampled_median_of(v, v.len(), rng)
}

/// The median of `draws` values drawn with replacement from sorted `v` (see [`resampled_median`]).
/// Fewer draws than values is how a clustered sample's variance enters the bootstrap: `n / deff`
/// draws give the median the variance of `n` cases with design effect `deff` (Kish 1965).
pub fn resampled_median_of(v: &[f64], draws: usize, rng: &mut SplitMix64) -> f64 {
    let n = v.len();
    if n == 0 || draws == 0 {
        return f64::NAN;
    }
    let nf = n as f64;
    let m = draws as f64;
    let at = |u: f64| v[((nf * u) as usize).min(n - 1)];
    if draws % 2 == 1 {
        let k = draws.div_ceil(2) as f64;
        at(rng.beta(k, m + 1.0 - k))
    } else {
        let k = (draws / 2) as f64;
        let u = rng.beta(k, m + 1.0 - k);
        // Beta(1, b) is 1 − U^(1/b): the smallest of b uniforms.
        let next = u + (1.0 - u) * (1.0 - (1.0 - rng.uniform()).powf(1.0 / (m - k)));
        mid(at(u), at(next))
    }
}

/// 95 % interval of the median of sorted `v` from order statistics: ranks `⌊(n − z√n)/2⌋` and
/// `⌈1 + (n + z√n)/2⌉` (1-based, clamped to the sample); `NaN` when empty.
pub fn median_ci(v: &[f64]) -> (f64, f64) {
    median_ci_eff(v, 1.0)
}

/// [`median_ci`] for clustered cases with design effect `deff` (≥ 1) of the share below the median:
/// the ranks move out by `√deff` (Woodruff, JASA 1952: a quantile's interval is the interval of the
/// distribution function at it, whose variance the design effect scales).
pub fn median_ci_eff(v: &[f64], deff: f64) -> (f64, f64) {
    let n = v.len();
    if n == 0 {
        return (f64::NAN, f64::NAN);
    }
    let nf = n as f64;
    let half = Z95 * (nf * deff.max(1.0)).sqrt();
    let lo = (((nf - half) / 2.0).floor() as usize).clamp(1, n);
    let hi = ((1.0 + (nf + half) / 2.0).ceil() as usize).clamp(1, n);
    (v[lo - 1], v[hi - 1])
}

/// A percentile bootstrap interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bootstrap {
    /// Point estimate (on the data, not the resamples).
    pub estimate: f64,
    /// 2.5th percentile of the replicates.
    pub low: f64,
    /// 97.5th percentile.
    pub high: f64,
    /// Share of replicates on the far side of zero, doubled (a two-sided bootstrap p-value), at least
    /// 1 / (samples + 1).
    pub p_value: f64,
}

/// Difference of medians `median(a) − median(b)` (both sorted ascending, `+∞` allowed for "never")
/// with a seeded percentile bootstrap of `samples` replicates.
pub fn bootstrap_median_diff(a: &[f64], b: &[f64], samples: usize, seed: u64) -> Bootstrap {
    bootstrap_median_diff_eff(a, b, (1.0, 1.0), samples, seed)
}

/// [`bootstrap_median_diff`] for clustered cases: each group is resampled with `n / deff` draws
/// ([`resampled_median_of`]), `deff` being the group's design effect (≥ 1). With both effects 1 it is
/// [`bootstrap_median_diff`] exactly.
pub fn bootstrap_median_diff_eff(
    a: &[f64],
    b: &[f64],
    deff: (f64, f64),
    samples: usize,
    seed: u64,
) -> Bootstrap {
    let estimate = diff(median_sorted(a), median_sorted(b));
    if a.is_empty() || b.is_empty() || samples == 0 {
        return Bootstrap {
            estimate,
            low: f64::NAN,
            high: f64::NAN,
            p_value: f64::NAN,
        };
    }
    let draws = |v: &[f64], d: f64| ((v.len() as f64 / d.max(1.0)).round() as usize).max(1);
    let (da, db) = (draws(a, deff.0), draws(b, deff.1));
    let mut rng = SplitMix64::new(seed);
    let mut reps: Vec<f64> = (0..samples)
        .map(|_| {
            diff(
                resampled_median_of(a, da, &mut rng),
                resampled_median_of(b, db, &mut rng),
            )
        })
        .collect();
    percentile_interval(estimate, &mut reps)
}

/// Difference keeping "both never" at zero.
fn diff(x: f64, y: f64) -> f64 {
    if x == y {
        0.0
    } else {
        x - y
    }
}

fn percentile_interval(estimate: f64, reps: &mut [f64]) -> Bootstrap {
    reps.sort_by(f64::total_cmp);
    let n = reps.len();
    let q = |p: f64| {
        let pos = p * (n - 1) as f64;
        let i = pos.floor() as usize;
        let f = pos - i as f64;
        match reps.get(i + 1) {
            Some(&next) if f > 0.0 && next != reps[i] => reps[i] + f * (next - reps[i]),
            _ => reps[i],
        }
    };
    let below = reps.iter().filter(|&&r| r <= 0.0).count();
    let above = reps.iter().filter(|&&r| r >= 0.0).count();
    let p = 2.0 * below.min(above) as f64 / n as f64;
    Bootstrap {
        estimate,
        low: q(0.025),
        high: q(0.975),
        p_value: p.clamp(1.0 / (n + 1) as f64, 1.0),
    }
}

/// A Kaplan–Meier median with its interval (`NaN` where the curve never reaches 0.5).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KmMedian {
    /// Median time.
    pub median: f64,
    /// Lower 95 % bound.
    pub low: f64,
    /// Upper 95 % bound (`NaN`: not reached).
    pub high: f64,
}

/// Kaplan–Meier median of `(time, event)` pairs (`event` false: censored at `time`). The median is the
/// first time the survival curve falls to 0.5 or below (the midpoint to the next event time when it
/// sits exactly at 0.5, as R's `survfit`); its interval is where the log-transformed Greenwood band
/// (`S·exp(±z·σ)`) crosses 0.5 (Brookmeyer & Crowley 1982).
pub fn km_median(data: &mut [(f64, bool)]) -> KmMedian {
    // Events before censorings at the same time (the usual convention).
    data.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut at_risk = data.len() as f64;
    let (mut s, mut greenwood) = (1.0f64, 0.0f64);
    let mut steps: Vec<(f64, f64, f64, f64)> = Vec::new(); // time, S, lower, upper
    let mut i = 0;
    while i < data.len() {
        let t = data[i].0;
        let (mut d, mut c) = (0.0, 0.0);
        while i < data.len() && data[i].0 == t {
            if data[i].1 {
                d += 1.0;
            } else {
                c += 1.0;
            }
            i += 1;
        }
        if d > 0.0 {
            s *= 1.0 - d / at_risk;
            if at_risk > d {
                greenwood += d / (at_risk * (at_risk - d));
            }
            let sd = greenwood.sqrt();
            let (lo, hi) = if s > 0.0 {
                (s * (-Z95 * sd).exp(), (s * (Z95 * sd).exp()).min(1.0))
            } else {
                (0.0, 0.0)
            };
            steps.push((t, s, lo, hi));
        }
        at_risk -= d + c;
    }
    let first_at_or_below = |f: fn(&(f64, f64, f64, f64)) -> f64| {
        let j = steps.iter().position(|st| f(st) <= 0.5 + 1e-12)?;
        let st = steps[j];
        if (f(&st) - 0.5).abs() < 1e-12 {
            // Flat at exactly 0.5: midpoint to the next step.
            return Some(steps.get(j + 1).map_or(st.0, |next| (st.0 + next.0) / 2.0));
        }
        Some(st.0)
    };
    KmMedian {
        median: first_at_or_below(|s| s.1).unwrap_or(f64::NAN),
        low: first_at_or_below(|s| s.2).unwrap_or(f64::NAN),
        high: first_at_or_below(|s| s.3).unwrap_or(f64::NAN),
    }
}

/// Mantel–Haenszel risk difference over strata of `(k1, n1, k2, n2)`: Σ w·(p1 − p2) / Σ w with
/// w = n1·n2 / (n1 + n2); strata with an empty group carry no weight. `NaN` when no stratum has both.
pub fn mantel_haenszel_rd(strata: &[(u64, u64, u64, u64)]) -> f64 {
    let (mut num, mut den) = (0.0, 0.0);
    for &(k1, n1, k2, n2) in strata {
        if n1 == 0 || n2 == 0 {
            continue;
        }
        let w = (n1 * n2) as f64 / (n1 + n2) as f64;
        num += w * (k1 as f64 / n1 as f64 - k2 as f64 / n2 as f64);
        den += w;
    }
    if den > 0.0 {
        num / den
    } else {
        f64::NAN
    }
}

#[cfg(test)]
mod tests;
