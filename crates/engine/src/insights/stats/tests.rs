use super::*;

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[test]
fn wilson_matches_newcombe_1998_table_i() {
    // Newcombe, "Two-sided confidence intervals for the single proportion", Stat. Med. 1998,
    // Table I, method 3 (score without continuity correction).
    for (k, n, lo, hi) in [
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
        (1, 29, 0.0061, 0.1718),
        (29, 29, 0.8830, 1.0),
    ] {
        let (l, h) = wilson(k, n);
        assert!(
            close(l, lo, 5e-5) && close(h, hi, 5e-5),
            "{k}/{n}: {l:.4}–{h:.4}"
        );
    }
    assert!(wilson(0, 0).0.is_nan());
}

#[test]
fn newcombe_matches_the_1998_table_ii_examples() {
    // Newcombe, "Interval estimation for the difference between independent proportions", Stat.
    // Med. 1998, Table II, method 10.
    for (k1, n1, k2, n2, d, lo, hi) in [
        (56, 70, 48, 80, 0.2000, 0.0524, 0.3339),
        (9, 10, 3, 10, 0.6000, 0.1705, 0.8090),
        (6, 7, 2, 7, 0.5714, 0.0582, 0.8062),
        (5, 56, 0, 29, 0.0893, -0.0381, 0.1926),
        (0, 10, 0, 20, 0.0, -0.1611, 0.2775),
        (10, 10, 0, 20, 1.0, 0.6791, 1.0),
    ] {
        let (dd, l, h) = newcombe(k1, n1, k2, n2);
        assert!(
            close(dd, d, 5e-5) && close(l, lo, 5e-5) && close(h, hi, 5e-5),
            "{k1}/{n1} − {k2}/{n2}: {dd:.4} ({l:.4}, {h:.4})"
        );
    }
}

#[test]
fn fisher_matches_the_lady_tasting_tea() {
    // Fisher (1935): 3 of 4 milk-first cups identified; one-sided 0.2429 (17/70), two-sided 0.4857.
    let f = fisher_exact(3, 1, 1, 3);
    assert!(close(f.greater, 17.0 / 70.0, 1e-12), "{f:?}");
    assert!(close(f.two_sided, 34.0 / 70.0, 1e-12), "{f:?}");
    assert!(close(f.less, 69.0 / 70.0, 1e-12), "{f:?}");
    // A degenerate table is certain.
    assert!(close(fisher_exact(0, 5, 0, 5).two_sided, 1.0, 1e-12));
}

#[test]
fn z_test_and_the_switch_to_fisher() {
    // 56/70 vs 48/80: pooled p = 104/150; z = 0.2 / sqrt(p(1−p)(1/70 + 1/80)) = 2.6502 → p = 0.00805.
    let (p, t) = proportion_test(56, 70, 48, 80);
    assert_eq!(t, Test::ZTest);
    assert!(close(p, 0.008_045, 5e-6), "{p}");
    // Expected cell 3 × 4/8 < 5: Fisher.
    assert_eq!(
        proportion_test(3, 4, 1, 4),
        (fisher_exact(3, 1, 1, 3).two_sided, Test::Fisher)
    );
    assert!(close(normal_two_sided(Z95), 0.05, 1e-7));
    assert!(close(normal_two_sided(0.0), 1.0, 1e-7));
    // Far tails keep their relative accuracy: P(|Z| > 10) = 1.5240e-23.
    assert!((normal_two_sided(10.0) / 1.523_970_604_832_105e-23 - 1.0).abs() < 1e-6);
    assert!(close(ln_gamma(10.0), (362_880f64).ln(), 1e-12));
    assert!(close(
        ln_gamma(0.5),
        std::f64::consts::PI.sqrt().ln(),
        1e-12
    ));
}

#[test]
fn bh_matches_benjamini_hochberg_1995() {
    // The 15 p-values of Benjamini & Hochberg (1995), section 4.2: at q = 0.05 the first four are
    // rejected (p(4) = 0.0095 ≤ 4/15·0.05 = 0.0133; p(5) = 0.0201 > 0.0167 and no later one passes).
    let p = [
        0.0201, 0.0001, 0.0004, 0.0019, 0.0095, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262,
        0.5719, 0.6528, 0.7590, 1.0,
    ];
    let q = bh_qvalues(&p);
    let rejected: Vec<f64> = p
        .iter()
        .zip(&q)
        .filter(|(_, &q)| q <= 0.05)
        .map(|(&p, _)| p)
        .collect();
    assert_eq!(rejected, [0.0001, 0.0004, 0.0019, 0.0095]);
    // q of the fourth: min over k ≥ 4 of 15·p(k)/k = 15·0.0095/4.
    assert!(close(q[4], 15.0 * 0.0095 / 4.0, 1e-12));
    // The fifth (0.0201): min(15·0.0201/5, 15·0.0278/6, ..., 15·0.0459/9) = 0.0603.
    assert!(close(q[0], 0.0603, 1e-12), "{}", q[0]);
    assert_eq!(q[14], 1.0);
    assert!(bh_qvalues(&[]).is_empty());
}

#[test]
fn resampled_medians_follow_the_resampling_distribution() {
    // The direct draw against n draws with replacement: same mean and spread of the median.
    let v: Vec<f64> = (0..41).map(|i| (i * i) as f64).collect();
    let even: Vec<f64> = (0..40).map(|i| (i * 3) as f64).collect();
    for data in [&v, &even] {
        let mut rng = SplitMix64::new(11);
        let direct: Vec<f64> = (0..20_000)
            .map(|_| resampled_median(data, &mut rng))
            .collect();
        let naive: Vec<f64> = (0..20_000)
            .map(|_| {
                let mut s: Vec<f64> = (0..data.len())
                    .map(|_| data[(rng.next_u64() % data.len() as u64) as usize])
                    .collect();
                s.sort_by(f64::total_cmp);
                median_sorted(&s)
            })
            .collect();
        let mean = |x: &[f64]| x.iter().sum::<f64>() / x.len() as f64;
        let sd = |x: &[f64]| {
            let m = mean(x);
            (x.iter().map(|y| (y - m).powi(2)).sum::<f64>() / x.len() as f64).sqrt()
        };
        assert!(
            (mean(&direct) - mean(&naive)).abs() < 0.05 * sd(&naive),
            "{} vs {}",
            mean(&direct),
            mean(&naive)
        );
        assert!((sd(&direct) / sd(&naive) - 1.0).abs() < 0.05);
    }
}

#[test]
fn the_bootstrap_is_reproducible_for_a_seed() {
    let a: Vec<f64> = (0..300).map(|i| (i % 97) as f64 + 10.0).collect();
    let mut a = a;
    a.sort_by(f64::total_cmp);
    let b: Vec<f64> = (0..500).map(|i| (i % 89) as f64).collect();
    let mut b = b;
    b.sort_by(f64::total_cmp);
    let x = bootstrap_median_diff(&a, &b, 2000, 42);
    assert_eq!(x, bootstrap_median_diff(&a, &b, 2000, 42));
    assert_ne!(x, bootstrap_median_diff(&a, &b, 2000, 43));
    assert_eq!(x.estimate, median_sorted(&a) - median_sorted(&b));
    assert!(x.low < x.estimate && x.estimate < x.high, "{x:?}");
    // Unpaid ("never") values on both sides of the median are fine.
    let inf = [1.0, 2.0, f64::INFINITY];
    assert_eq!(median_sorted(&inf), 2.0);
    assert_eq!(median_sorted(&[1.0, f64::INFINITY]), f64::INFINITY);
    let y = bootstrap_median_diff(&inf, &inf, 200, 1);
    assert_eq!(y.estimate, 0.0);
    assert!(!y.low.is_nan() && !y.high.is_nan());
}

#[test]
fn median_interval_from_order_statistics() {
    // n = 100: the 40th and 61st values (Conover 1999, §3.2; the exact binomial bounds agree).
    let v: Vec<f64> = (1..=100).map(f64::from).collect();
    assert_eq!(median_ci(&v), (40.0, 61.0));
    assert_eq!(median_ci(&[7.0]), (7.0, 7.0));
    assert!(median_ci(&[]).0.is_nan());
}

#[test]
fn kaplan_meier_median_of_the_6mp_trial() {
    // Freireich et al. (1963) leukaemia remission times (weeks) as in Gehan (1965) and Kleinbaum &
    // Klein, *Survival Analysis*: 6-MP group (+ = censored) has median 23, placebo median 8. R:
    // survfit(Surv(time, status) ~ 1) on 6-MP gives 23 with 95 % interval 16 – NA.
    let six_mp = [
        (6.0, true),
        (6.0, true),
        (6.0, true),
        (6.0, false),
        (7.0, true),
        (9.0, false),
        (10.0, true),
        (10.0, false),
        (11.0, false),
        (13.0, true),
        (16.0, true),
        (17.0, false),
        (19.0, false),
        (20.0, false),
        (22.0, true),
        (23.0, true),
        (25.0, false),
        (32.0, false),
        (32.0, false),
        (34.0, false),
        (35.0, false),
    ];
    let m = km_median(&mut six_mp.to_vec());
    assert_eq!(m.median, 23.0);
    assert_eq!(m.low, 16.0);
    assert!(m.high.is_nan());
    let mut placebo: Vec<(f64, bool)> = [
        1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23,
    ]
    .iter()
    .map(|&t| (t as f64, true))
    .collect();
    assert_eq!(km_median(&mut placebo).median, 8.0);
    // Without censoring and with the curve flat at 0.5, the midpoint (numpy's median of 4 values).
    let mut four = vec![(1.0, true), (2.0, true), (3.0, true), (4.0, true)];
    assert_eq!(km_median(&mut four).median, 2.5);
}

#[test]
fn mantel_haenszel_weights_strata() {
    // Two strata: 10/20 vs 5/20 (d = 0.25, w = 10) and 30/40 vs 20/40 (d = 0.25, w = 20) → 0.25.
    assert!(close(
        mantel_haenszel_rd(&[(10, 20, 5, 20), (30, 40, 20, 40)]),
        0.25,
        1e-12
    ));
    // Opposite effects in two strata of equal weight average out.
    // Stratum 1: 50/80 vs 19/20 (−0.325); stratum 2: 10/20 vs 21/80 (+0.2375); weights 16 each.
    let rd = mantel_haenszel_rd(&[(50, 80, 19, 20), (10, 20, 21, 80)]);
    assert!(close(rd, (-0.325 + 0.2375) / 2.0, 1e-12), "{rd}");
    assert!(mantel_haenszel_rd(&[(1, 0, 2, 3)]).is_nan());
}
