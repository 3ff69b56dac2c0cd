//! `values::order::sort_by` (one compiled sort behind `&dyn`, then a permutation) against
//! `slice::sort_by` on the same data, for BENCHMARKS.md: what sharing one sort costs in time.
//!
//! `cargo run --release -p relance-engine --example sort_order [N]`

use relance_engine::values::order;
use std::time::Instant;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    // Rows as a dotted chart or a variant table holds them: a key with ties and an id.
    let mut x = 0x9E37_79B9_7F4A_7C15_u64;
    let rows: Vec<(u64, u32)> = (0..n as u32)
        .map(|i| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % 10_000, i)
        })
        .collect();
    let (mut std_ms, mut shared_ms) = (Vec::new(), Vec::new());
    for _ in 0..7 {
        let mut a = rows.clone();
        let t = Instant::now();
        // The same comparator as the shared sort's, so the race compares the sorts alone.
        #[allow(clippy::unnecessary_sort_by)]
        a.sort_by(|p, q| q.0.cmp(&p.0));
        std_ms.push(t.elapsed().as_secs_f64() * 1e3);
        let mut b = rows.clone();
        let t = Instant::now();
        order::sort_by(&mut b, |p, q| q.0.cmp(&p.0));
        shared_ms.push(t.elapsed().as_secs_f64() * 1e3);
        assert_eq!(a, b);
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (s, o) = (median(&mut std_ms), median(&mut shared_ms));
    println!(
        "{n} rows, 7 rounds interleaved: slice::sort_by {s:.1} ms, values::order::sort_by {o:.1} ms (median), ratio {:.2}",
        o / s
    );
}
