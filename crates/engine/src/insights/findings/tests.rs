use super::*;
use crate::insights::drivers::Driver;
use crate::insights::stats::SplitMix64;

/// A population of `n` cases with `attrs` random attributes of 4 values each and a rate outcome
/// whose probability is `base`, plus `effect` for cases with value 0 of attribute 0.
fn simulate(seed: u64, n: usize, attrs: usize, base: f64, effect: f64) -> (OutcomeValues, Drivers) {
    let mut rng = SplitMix64::new(seed);
    let drivers: Vec<Driver> = (0..attrs)
        .map(|a| Driver {
            attribute: format!("a{a}"),
            levels: (0..4).map(|v| format!("v{v}")).collect(),
            level: (0..n).map(|_| (rng.next_u64() % 4) as u32).collect(),
            segment_like: false,
        })
        .collect();
    let values = (0..n)
        .map(|c| {
            let p = base
                + if drivers[0].level[c] == 0 {
                    effect
                } else {
                    0.0
                };
            f64::from(u8::from(rng.uniform() < p))
        })
        .collect();
    (
        OutcomeValues {
            id: OutcomeId::LatePayment,
            values,
            maturity: None,
        },
        Drivers {
            drivers,
            skipped: Vec::new(),
        },
    )
}

fn tc() -> TextContext {
    TextContext {
        language: text::Language::En,
        receivables: true,
        currency: None,
    }
}

#[test]
fn no_effect_means_few_findings() {
    // 200 logs of 2,000 cases, 5 attributes × 4 values, no effect: BH at 0.05 keeps the share of
    // logs with any finding near 5 % (it controls the false discovery rate, which under the global
    // null is the chance of any false finding).
    let opts = InsightsOptions::default();
    let mut with_any = 0;
    for seed in 0..200 {
        let (v, d) = simulate(seed, 2000, 5, 0.3, 0.0);
        let (f, tested) = findings(&v, &d, None, None, &opts, &tc());
        assert!(tested >= 20, "{tested}");
        with_any += usize::from(!f.is_empty());
    }
    assert!(with_any <= 20, "{with_any} of 200 null logs had a finding");
}

#[test]
fn a_planted_effect_is_found_first_and_covered() {
    // Value v0 of a0 has a rate 0.15 above the others (0.30): the true difference from the rest
    // is 0.15 exactly. Over 100 logs it must rank first nearly always and its 95 % interval cover
    // 0.15 about 95 % of the time.
    let opts = InsightsOptions::default();
    let (mut first, mut covered) = (0, 0);
    for seed in 1000..1100 {
        let (v, d) = simulate(seed, 2000, 5, 0.30, 0.15);
        let (f, _) = findings(&v, &d, None, None, &opts, &tc());
        let top = &f[0];
        if top.attribute == "a0" && top.value == "v0" {
            first += 1;
        }
        let planted = f
            .iter()
            .find(|x| x.attribute == "a0" && x.value == "v0")
            .expect("planted effect found");
        covered += usize::from(planted.ci_low <= 0.15 && 0.15 <= planted.ci_high);
    }
    assert!(first >= 98, "first in {first} of 100");
    assert!((88..=100).contains(&covered), "covered in {covered} of 100");
}

#[test]
fn a_planted_duration_shift_is_found_and_covered() {
    // Exponential durations with median 10 days; value v0 of a0 adds 8 days: true difference of
    // medians 8 against the rest.
    let opts = InsightsOptions {
        bootstrap_samples: 1000,
        ..Default::default()
    };
    let mut covered = 0;
    for seed in 0..40 {
        let (mut v, d) = simulate(seed, 2000, 3, 0.0, 0.0);
        let mut rng = SplitMix64::new(seed + 77);
        for c in 0..v.values.len() {
            let x = -10.0 / std::f64::consts::LN_2 * (1.0 - rng.uniform()).ln();
            v.values[c] = x + if d.drivers[0].level[c] == 0 { 8.0 } else { 0.0 };
        }
        v.id = OutcomeId::CaseDurationDays;
        let (f, _) = findings(&v, &d, None, None, &opts, &tc());
        assert_eq!((f[0].attribute.as_str(), f[0].value.as_str()), ("a0", "v0"));
        assert_eq!(f[0].interval_method, IntervalMethod::BootstrapPercentile);
        covered += usize::from(f[0].ci_low <= 8.0 && 8.0 <= f[0].ci_high);
    }
    assert!(covered >= 34, "covered in {covered} of 40");
}

#[test]
fn small_groups_are_not_tested_and_simpson_is_flagged() {
    // Segment S1 (mostly value x, high rate) and S2 (mostly y, low rate): within each segment x
    // has the lower rate, yet over both x has the higher one (Simpson's paradox).
    let mut level_a = Vec::new();
    let mut level_s = Vec::new();
    let mut values = Vec::new();
    let mut push = |a: u32, s: u32, yes: usize, n: usize| {
        for i in 0..n {
            level_a.push(a);
            level_s.push(s);
            values.push(f64::from(u8::from(i < yes)));
        }
    };
    // S1: x 720/900 (0.80), y 95/100 (0.95); S2: x 5/100 (0.05), y 180/900 (0.20).
    push(0, 0, 720, 900);
    push(1, 0, 95, 100);
    push(0, 1, 5, 100);
    push(1, 1, 180, 900);
    let drivers = Drivers {
        drivers: vec![
            Driver {
                attribute: "a".into(),
                levels: vec!["x".into(), "y".into()],
                level: level_a,
                segment_like: false,
            },
            Driver {
                attribute: "segment".into(),
                levels: vec!["S1".into(), "S2".into()],
                level: level_s,
                segment_like: true,
            },
        ],
        skipped: Vec::new(),
    };
    let v = OutcomeValues {
        id: OutcomeId::Disputed,
        values,
        maturity: None,
    };
    let (f, _) = findings(&v, &drivers, None, None, &InsightsOptions::default(), &tc());
    let x = f.iter().find(|f| f.attribute == "a").expect("a = x found");
    // Crude: x 725/1000 against y 275/1000.
    assert_eq!(x.value, "x");
    assert!((x.difference - 0.45).abs() < 1e-12);
    assert_eq!(x.stratified_by.as_deref(), Some("segment"));
    // Within segments: −0.15 in each → Mantel–Haenszel −0.15.
    assert!((x.stratified_difference.unwrap() + 0.15).abs() < 1e-12);
    assert!(x.stratified_flip);
    assert!(x.text.contains("reverses"), "{}", x.text);
}

/// Drivers for `n` cases: `d0` with two equal levels that drives the outcome, `d1` and `d2` with
/// four levels each, independent of everything.
fn one_driver_two_bystanders(seed: u64, n: usize, rates: (f64, f64)) -> (OutcomeValues, Drivers) {
    let mut rng = SplitMix64::new(seed);
    let mut level = |k: u64| -> Vec<u32> { (0..n).map(|_| (rng.next_u64() % k) as u32).collect() };
    let d0 = level(2);
    let (d1, d2) = (level(4), level(4));
    let values = d0
        .iter()
        .map(|&l| {
            let p = if l == 0 { rates.0 } else { rates.1 };
            f64::from(u8::from(rng.uniform() < p))
        })
        .collect();
    let driver = |name: &str, levels: usize, level: Vec<u32>| Driver {
        attribute: name.into(),
        levels: (0..levels).map(|v| format!("v{v}")).collect(),
        level,
        segment_like: false,
    };
    (
        OutcomeValues {
            id: OutcomeId::LatePayment,
            values,
            maturity: None,
        },
        Drivers {
            drivers: vec![
                driver("d0", 2, d0),
                driver("d1", 4, d1),
                driver("d2", 4, d2),
            ],
            skipped: Vec::new(),
        },
    )
}

#[test]
fn pairs_with_a_real_driver_are_judged_against_their_parent_and_bystanders_stay_quiet() {
    // Issue 16: a pair "driver × bystander" differs from all other cases because of the driver
    // alone; tested that way it counted as a discovery and lowered the Benjamini–Hochberg bar for
    // chance findings, so bystanders were "found" far above the nominal rate. Against the parent's
    // other cases a bystander pair is a true null. Over 200 logs of 3,000 cases: the false
    // discovery proportion (findings naming a bystander, alone or in a pair, over all findings)
    // averages at most 5 % plus simulation error, a bystander alone is found in at most 8 % of the
    // logs, and driver × bystander pairs are reported for at most 5 % of those tested. Before the
    // fix: a false discovery rate of 0.14 and a bystander alone in 37 of the 200 logs (after: 0.04
    // and 7).
    let opts = InsightsOptions::default();
    let seeds = 200;
    let (mut fdp_sum, mut bystander_alone) = (0.0, 0);
    let (mut pairs_tested, mut pairs_reported) = (0u64, 0u64);
    for seed in 0..seeds {
        let (v, d) = one_driver_two_bystanders(5000 + seed, 3000, (0.25, 0.45));
        let (f, tested) = findings(&v, &d, None, None, &opts, &tc());
        // Singles: d0 once, d1 and d2 four times each; pairs: 8 + 8 + 16.
        assert_eq!(tested, 41, "seed {seed}");
        pairs_tested += 16;
        assert!(
            f.iter().any(|x| x.attribute == "d0"),
            "seed {seed}: the driver is found"
        );
        let bystander = |x: &Finding| x.parts.iter().any(|(a, _)| a != "d0");
        let false_found = f.iter().filter(|x| bystander(x)).count();
        fdp_sum += false_found as f64 / f.len() as f64;
        bystander_alone += usize::from(f.iter().any(|x| x.parts.len() == 1 && bystander(x)));
        pairs_reported += f
            .iter()
            .filter(|x| x.parts.len() == 2 && x.parts.iter().any(|(a, _)| a == "d0"))
            .count() as u64;
        for x in f.iter().filter(|x| x.parts.len() == 2) {
            // A pair names its parent, first among its parts, and is compared with its other cases.
            let p = x.parent.as_ref().expect("a pair has a parent");
            assert_eq!((&p.attribute, &p.value), (&x.parts[0].0, &x.parts[0].1));
        }
    }
    let fdr = fdp_sum / seeds as f64;
    assert!(fdr <= 0.08, "false discovery rate {fdr:.3}");
    assert!(
        bystander_alone <= 16,
        "a bystander alone found in {bystander_alone} of {seeds} logs"
    );
    assert!(
        pairs_reported as f64 <= 0.05 * pairs_tested as f64,
        "{pairs_reported} of {pairs_tested} driver × bystander pairs reported"
    );
}

#[test]
fn a_pair_that_differs_from_its_parent_is_reported_under_it() {
    // An interaction: d0 = v0 raises the rate, and within it d1 = v1 raises it further. The pair
    // is reported with parent d0 = v0, its rest being the parent's other cases.
    let mut hits = 0;
    for seed in 0..20 {
        let (mut v, d) = one_driver_two_bystanders(900 + seed, 4000, (0.25, 0.25));
        let mut rng = SplitMix64::new(seed);
        for c in 0..v.values.len() {
            let p = match (d.drivers[0].level[c], d.drivers[1].level[c]) {
                (0, 1) => 0.75,
                (0, _) => 0.45,
                _ => 0.25,
            };
            v.values[c] = f64::from(u8::from(rng.uniform() < p));
        }
        let (f, _) = findings(&v, &d, None, None, &InsightsOptions::default(), &tc());
        let pair = f
            .iter()
            .find(|x| x.attribute == "d0 × d1" && x.value == "v0 × v1");
        if let Some(pair) = pair {
            hits += 1;
            let p = pair.parent.as_ref().unwrap();
            assert_eq!((p.attribute.as_str(), p.value.as_str()), ("d0", "v0"));
            // Against the parent's other cases: 0.45, not the 0.25-ish of everything else.
            assert!((pair.rest_value - 0.45).abs() < 0.05, "{pair:?}");
            assert!(pair.ci_low > 0.15 && pair.ci_high < 0.45, "{pair:?}");
            assert_eq!(pair.rest_cases + pair.cases, {
                let t = &d.drivers[0];
                t.level.iter().filter(|&&l| l == 0).count() as u64
            });
            assert!(
                pair.text.starts_with("Within d0 v0, invoices with d1 v1"),
                "{}",
                pair.text
            );
        }
    }
    assert!(hits >= 19, "found in {hits} of 20");
}

/// `customers` customers of 4 to 16 cases, each either a good payer or a bad one (half and half,
/// whatever its tier); a third of the customers are tier A, which adds `effect` to every one of
/// their cases' outcome: probability (rates) or days (durations). Tier is constant within a
/// customer, and so is the habit: strong clustering.
fn customers_with_habits(
    seed: u64,
    customers: usize,
    duration: bool,
    effect: f64,
) -> (OutcomeValues, Drivers, Clusters) {
    let mut rng = SplitMix64::new(seed);
    let (mut tier, mut values, mut ids) = (Vec::new(), Vec::new(), Vec::new());
    for u in 0..customers {
        let a = rng.uniform() < 1.0 / 3.0;
        let bad = rng.uniform() < 0.5;
        let m = 4 + (rng.next_u64() % 13) as usize;
        for _ in 0..m {
            tier.push(u32::from(!a));
            ids.push(u as u32);
            let shift = if a { effect } else { 0.0 };
            values.push(if duration {
                let habit = if bad { 40.0 } else { 10.0 };
                habit + shift - 5.0 / std::f64::consts::LN_2 * (1.0 - rng.uniform()).ln()
            } else {
                let p = if bad { 0.7 } else { 0.1 };
                f64::from(u8::from(rng.uniform() < p + shift))
            });
        }
    }
    let id = if duration {
        OutcomeId::CaseDurationDays
    } else {
        OutcomeId::LatePayment
    };
    (
        OutcomeValues {
            id,
            values,
            maturity: None,
        },
        Drivers {
            drivers: vec![Driver {
                attribute: "tier".into(),
                levels: vec!["A".into(), "B".into()],
                level: tier,
                segment_like: false,
            }],
            skipped: Vec::new(),
        },
        Clusters::from_ids("customer", ids),
    )
}

#[test]
fn intervals_allow_for_customers_with_shared_habits() {
    // Issue 16: invoices of one customer share its habits; an attribute constant within the
    // customer was judged as if every invoice were independent, so its interval was too narrow.
    // Over 200 logs of 200 customers, tier A's difference (truly +0.15) is covered about 95 % of
    // the time by the clustered interval, which is wider than the naive one every time (the naive
    // one, what the insights gave before, covers it about 125 times in 200).
    let opts = InsightsOptions {
        max_q: 1.0,
        ..Default::default()
    };
    let (mut covered, mut naive_covered, seeds) = (0, 0, 200);
    for seed in 0..seeds {
        let (v, d, cl) = customers_with_habits(seed, 200, false, 0.15);
        let (f, _) = findings(&v, &d, None, Some(&cl), &opts, &tc());
        let t = f
            .iter()
            .find(|x| x.attribute == "tier")
            .expect("tier tested");
        let truth = if t.value == "A" { 0.15 } else { -0.15 };
        covered += usize::from(t.ci_low <= truth && truth <= t.ci_high);
        let (d_naive, lo, hi) = stats::newcombe(
            (t.outcome_value * t.cases as f64).round() as u64,
            t.cases,
            (t.rest_value * t.rest_cases as f64).round() as u64,
            t.rest_cases,
        );
        assert!((d_naive - t.difference).abs() < 1e-9);
        assert!(
            t.ci_high - t.ci_low > 1.5 * (hi - lo),
            "seed {seed}: {t:?} vs {lo}–{hi}"
        );
        assert!(t.design_effect.is_some_and(|d| d > 2.0), "{t:?}");
        naive_covered += usize::from(lo <= truth && truth <= hi);
    }
    assert!(
        (180..=198).contains(&covered),
        "covered in {covered} of {seeds}"
    );
    // What the fix is for: the naive interval misses far more often.
    assert!(
        naive_covered < 170,
        "naive covered in {naive_covered} of {seeds}"
    );
}

#[test]
fn duration_intervals_allow_for_customers_too() {
    // The same customers, durations: tier A's whole distribution is 8 days later, so the true
    // difference of medians is 8.
    let opts = InsightsOptions {
        max_q: 1.0,
        bootstrap_samples: 1000,
        ..Default::default()
    };
    let (mut covered, seeds) = (0, 100);
    for seed in 0..seeds {
        let (v, d, cl) = customers_with_habits(7000 + seed, 200, true, 8.0);
        let (f, _) = findings(&v, &d, None, Some(&cl), &opts, &tc());
        let t = f
            .iter()
            .find(|x| x.attribute == "tier")
            .expect("tier tested");
        let truth = if t.value == "A" { 8.0 } else { -8.0 };
        covered += usize::from(t.ci_low <= truth && truth <= t.ci_high);
        let (plain, _) = findings(&v, &d, None, None, &opts, &tc());
        let p = plain.iter().find(|x| x.attribute == "tier").unwrap();
        assert!(t.ci_high - t.ci_low > p.ci_high - p.ci_low, "seed {seed}");
    }
    assert!(
        (88..=100).contains(&covered),
        "covered in {covered} of {seeds}"
    );
}
