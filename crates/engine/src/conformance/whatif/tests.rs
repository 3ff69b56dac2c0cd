use super::*;
use crate::import::{import_bytes, ImportOptions};

/// 40 cases: A, then "Wait" 10 days later, then "Done" 2 days after that.
fn log() -> EventLog {
    let mut csv = String::from("case,activity,timestamp\n");
    for c in 0..40 {
        csv.push_str(&format!("c{c},A,2024-01-01T00:00:00Z\nc{c},Wait,2024-01-11T00:00:00Z\nc{c},Done,2024-01-13T00:00:00Z\n"));
    }
    import_bytes(csv.as_bytes(), ImportOptions::default())
        .unwrap()
        .log
}

/// numpy's median of a list.
fn numpy_median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    // Odd length, or an even one whose middle pair is equal (numpy returns the value itself then).
    if n % 2 == 1 || v[n / 2 - 1] == v[n / 2] {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

#[test]
fn the_weighted_median_of_two_streams_is_the_median_of_their_copies() {
    let mut rng = SplitMix64::new(11);
    for round in 0..300 {
        let len_a = (rng.next_u64() % 12) as usize;
        let len_b = (rng.next_u64() % 6) as usize;
        let mut gen = |len: usize, max_copies: u64| {
            let mut v: Vec<(f64, u64)> = (0..len)
                .map(|_| {
                    let x = (rng.next_u64() % 9) as f64 - 3.0;
                    let x = if rng.next_u64().is_multiple_of(10) {
                        f64::INFINITY
                    } else {
                        x
                    };
                    (x, rng.next_u64() % max_copies)
                })
                .collect();
            v.sort_by(|x, y| x.0.total_cmp(&y.0));
            v
        };
        let a = gen(len_a, 4);
        let b = gen(len_b, 2);
        let expanded: Vec<f64> = a
            .iter()
            .chain(&b)
            .flat_map(|&(x, n)| std::iter::repeat_n(x, n as usize))
            .collect();
        let total = expanded.len() as u64;
        let got = weighted_median(a.iter().copied(), b.iter().copied(), total);
        let want = numpy_median(expanded);
        assert!(
            got == want || (got.is_nan() && want.is_nan()),
            "round {round}: {a:?} + {b:?}: {got} against {want}"
        );
    }
}

#[test]
fn halving_a_wait_saves_half_of_it_on_every_case() {
    let log = log();
    let sel = Selection::all(&log);
    let map = RoleMap::guess(&log);
    let frame = Frame::new(&log, &sel, &map, &InsightsOptions::default());
    let spec = ScenarioSpec::WaitingTime {
        activity: "Wait".into(),
        factor: 0.5,
    };
    let s = estimate(&frame, &log, &spec, &[], |_, _| None, 100, 1, Language::En);
    // 12-day cases become 7-day cases: −5 days, and no spread to resample.
    assert_eq!(s.case_duration_days, Some(-5.0));
    assert_eq!(
        (s.duration_ci_low, s.duration_ci_high),
        (Some(-5.0), Some(-5.0))
    );
    assert_eq!(s.cases_affected, 40);
    // Not receivables: the collections figures say why they are missing.
    assert_eq!(s.invoice_to_cash_days, None);
    assert!(
        s.unavailable
            .iter()
            .any(|u| u.starts_with("invoice_to_cash_days:")),
        "{:?}",
        s.unavailable
    );
    assert!(s.text.contains("median case duration −5.0 d"), "{}", s.text);
}

#[test]
fn following_the_ideal_path_takes_the_conformant_outcome() {
    let log = log();
    let sel = Selection::all(&log);
    let map = RoleMap::guess(&log);
    let mut frame = Frame::new(&log, &sel, &map, &InsightsOptions::default());
    // Pretend cases 0-19 deviate and last 30 days, the others 12.
    for c in 0..20 {
        frame.duration[c] = 30.0;
    }
    let deviating: Vec<CaseIdx> = (0..20).collect();
    let ideal: Vec<CaseIdx> = (20..40).collect();
    let spec = ScenarioSpec::FollowIdealPath {
        deviation: DeviationKind::Skipped,
        activity: "X".into(),
    };
    let s = estimate(
        &frame,
        &log,
        &spec,
        &ideal,
        |_, _| Some(deviating.clone()),
        200,
        7,
        Language::En,
    );
    // Median of 20 × 30 and 20 × 12 is 21; all 12 afterwards: −9 days.
    assert_eq!(s.case_duration_days, Some(-9.0));
    assert!(s.duration_ci_low.unwrap() <= -9.0 && s.duration_ci_high.unwrap() <= 0.0);
    assert_eq!(s.cases_affected, 20);
    let none = estimate(
        &frame,
        &log,
        &spec,
        &[],
        |_, _| Some(deviating.clone()),
        10,
        7,
        Language::En,
    );
    assert_eq!(none.case_duration_days, None);
    assert!(none.unavailable[0].contains("no case fits the model"));
}
