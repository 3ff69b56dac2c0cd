use super::layout::weighted_median;
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
fn the_weighted_median_is_the_median_of_the_copies() {
    let mut rng = SplitMix64::new(11);
    for round in 0..300 {
        let len = rng.below(14);
        let mut v: Vec<(f64, u64)> = (0..len)
            .map(|_| {
                let x = rng.below(9) as f64 - 3.0;
                let x = if rng.below(10) == 0 { f64::INFINITY } else { x };
                (x, rng.below(4) as u64)
            })
            .collect();
        v.sort_by(|x, y| x.0.total_cmp(&y.0));
        let values: Vec<f64> = v.iter().map(|x| x.0).collect();
        let expanded: Vec<f64> = v
            .iter()
            .flat_map(|&(x, n)| std::iter::repeat_n(x, n as usize))
            .collect();
        let total = expanded.len() as u64;
        let got = weighted_median(&values, |i| v[i].1, total);
        let want = numpy_median(expanded);
        assert!(
            got == want || (got.is_nan() && want.is_nan()),
            "round {round}: {v:?}: {got} against {want}"
        );
    }
}

/// A replicate's figures written out the slow way: every counted copy of a case listed with its
/// value before and after the scenario, donors drawn in the same order as `Layout::figures` draws
/// them (positions in order, copies in order).
fn figures_written_out(
    frame: &Frame,
    layout: &Layout,
    change: &Change,
    w: &[u32],
    seed: u64,
) -> [f64; 5] {
    let mut rng = SplitMix64::new(seed);
    let (mut itc_a, mut itc_s, mut dur_a, mut dur_s) = (vec![], vec![], vec![], vec![]);
    let (mut dso_diff, mut dso_w, mut late, mut wo) = (0.0, 0.0, 0.0, 0.0);
    let itc = frame.itc.as_ref().unwrap();
    let (l, x) = (
        frame.late.as_ref().unwrap(),
        frame.written_off.as_ref().unwrap(),
    );
    let push = |v: &mut Vec<f64>, x: f64| {
        if !x.is_nan() {
            v.push(x)
        }
    };
    for (p, &c) in layout.cases.iter().enumerate() {
        let (oa, wa) = frame.outstanding[c];
        for _ in 0..w[p] {
            push(&mut itc_a, itc[c]);
            push(&mut dur_a, frame.duration[c]);
            if !oa.is_nan() {
                dso_w += wa;
            }
            match change {
                Change::Donors { pool_of, pools } if pool_of[c] != u32::MAX => {
                    let pool = &pools[pool_of[c] as usize];
                    let src = pool[rng.below(pool.len())];
                    push(&mut itc_s, itc[src]);
                    push(&mut dur_s, frame.duration[src]);
                    let ob = frame.outstanding[src].0;
                    if !oa.is_nan() && !ob.is_nan() {
                        dso_diff += wa * (ob.max(0.0) - oa);
                    }
                    if !l[c].is_nan() && !l[src].is_nan() {
                        late += l[src] - l[c];
                    }
                    if !x[c].is_nan() && !x[src].is_nan() {
                        wo += x[src] - x[c];
                    }
                }
                Change::Shift(by_case) => {
                    let (pay, all, late_after) = by_case[c];
                    let moved = |v: f64, save: f64| {
                        if save > 0.0 && v.is_finite() {
                            v - save
                        } else {
                            v
                        }
                    };
                    push(&mut itc_s, moved(itc[c], pay));
                    push(&mut dur_s, moved(frame.duration[c], all));
                    if !oa.is_nan() && pay > 0.0 {
                        dso_diff += wa * ((oa - pay).max(0.0) - oa);
                    }
                    if !l[c].is_nan() && !late_after.is_nan() {
                        late += late_after - l[c];
                    }
                }
                Change::Donors { .. } => {
                    push(&mut itc_s, itc[c]);
                    push(&mut dur_s, frame.duration[c]);
                }
            }
        }
    }
    [
        numpy_median(itc_s) - numpy_median(itc_a),
        dso_diff / dso_w,
        late,
        wo,
        numpy_median(dur_s) - numpy_median(dur_a),
    ]
}

#[test]
fn a_replicate_equals_its_cases_written_out() {
    let csv = crate::demo::demo_csv(crate::demo::DemoOptions {
        invoices: 400,
        ..Default::default()
    });
    let log = import_bytes(csv.as_bytes(), ImportOptions::default())
        .unwrap()
        .log;
    let sel = Selection::all(&log);
    let map = RoleMap::guess(&log);
    let frame = Frame::new(&log, &sel, &map, &InsightsOptions::default());
    assert!(frame.itc.is_ok() && frame.late.is_ok() && frame.written_off.is_ok());
    let n = log.case_count();
    let affected: Vec<CaseIdx> = (0..n).filter(|c| c % 3 == 0).collect();
    let ideal: Vec<CaseIdx> = (0..n).filter(|c| c % 3 == 1).collect();
    let wait = log
        .find_activity("Reminder 1 sent")
        .expect("the demo sends reminders");
    let changes = [
        donors(&frame, n, &affected, &ideal),
        Change::Shift(shifts(&frame, &log, wait, 0.5).0),
    ];
    for (k, change) in changes.iter().enumerate() {
        let layout = Layout::new(&frame, change);
        let m = layout.len();
        let mut rng = SplitMix64::new(5);
        let mut drawn = vec![0u32; m];
        for round in 0..40u64 {
            let mut w = vec![0u32; m];
            for _ in 0..m {
                w[rng.below(m)] += 1;
            }
            let got = layout.figures(&w, &mut SplitMix64::new(round), &mut drawn);
            let want = figures_written_out(&frame, &layout, change, &w, round);
            for (g, x) in got.iter().zip(want) {
                assert!(
                    (g - x).abs() <= 1e-9 * x.abs().max(1.0),
                    "change {k}, round {round}: {got:?} against {want:?}"
                );
            }
            assert!(
                drawn.iter().all(|&d| d == 0),
                "the donor counts are left at zero"
            );
        }
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
